// The .xlsx side of the audit lists: `?format=xlsx` on a list route answers its rows as a workbook, through
// the same service call as the JSON page (same scope, filters and order), without paging.
#include "audit/list_export.h"
#include "audit/routes_json.h"
#include "core/error.h"
#include "core/time.h"
#include "sheets/xlsx_table.h"

namespace hq::audit::routes {

bool wants_xlsx(const http::Request& request) {
  const std::string format = request.query_text("format", "json");
  if (format != "json" && format != "xlsx")
    core::bad_input("INVALID_PARAMETER", "Tham số «format» chỉ nhận json hoặc xlsx.", {{"parameter", "format"}});
  return format == "xlsx";
}

http::Paging list_paging(const http::Request& request, bool xlsx) {
  // One more row than an export may hold, so that a longer list is seen and refused.
  return xlsx ? http::Paging{1, kExportMaxRows + 1} : http::paging(request);
}

http::Response xlsx_list(const sheets::Table& table, std::int64_t total, const std::string& file_stem) {
  if (total > kExportMaxRows || static_cast<std::int64_t>(table.rows.size()) > kExportMaxRows)
    core::bad_input("EXPORT_TOO_LARGE",
                    "Danh sách có " + std::to_string(total) + " dòng, vượt quá " + std::to_string(kExportMaxRows) +
                        " dòng của một tệp Excel; hãy lọc bớt (năm, trạng thái, đơn vị) rồi xuất lại.",
                    {{"total", total}, {"limit", kExportMaxRows}});
  return http::Response::file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              sheets::table_to_xlsx(table),
                              file_stem + "_" + core::format_date(core::to_local(core::now()).date) + ".xlsx");
}

}  // namespace hq::audit::routes
