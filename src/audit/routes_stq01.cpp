// The STQ01 carry-over (stq01_rules.h): the import, its one column layout (as JSON for the web page, and as the
// template workbook).
#include "audit/routes_json.h"
#include "audit/stq01_rules.h"
#include "core/fields.h"

namespace hq::audit::routes {

using http::Request;
using http::Response;

namespace {

// The header row and one example of each kind (no title line: the header is the sheet's first row).
sheets::Table stq01_template() {
  sheets::Table t;
  t.sheet_name = "STQ01";
  for (const auto& c : kStq01Columns) t.columns.push_back({c.heading, c.key == std::string("grounds") ? 40.0 : 20.0});
  t.rows.push_back({std::string("125/ĐXKT-KTSTQ"), std::string("Đề xuất kiểm tra"), std::string("0100109106"),
                    std::string("Công ty cổ phần Ví dụ"), std::string("KTSTQ"), std::string("2026-03-15"),
                    std::string("chờ phê duyệt"), std::string("trụ sở người khai hải quan"), std::string("2023-01-01"),
                    std::string("2025-12-31"), std::string("Có dấu hiệu vi phạm về trị giá"), std::string("nguyenvana")});
  t.rows.push_back({std::string("48/TTTT-KTSTQ"), std::string("Thu thập thông tin"), std::string("0100109106"),
                    std::string("Công ty cổ phần Ví dụ"), std::string("KTSTQ"), std::string("15/02/2026"),
                    std::string("đã phê duyệt"), std::string(), std::string(), std::string(),
                    std::string("Giá khai báo thấp bất thường"), std::string("tranthib")});
  return t;
}

// The contract's names of Stq01Need.
const char* stq01_required(const Stq01Column& c) {
  switch (c.need) {
    case Stq01Need::EveryRow: return "all";
    case Stq01Need::Proposal: return "proposal";
    case Stq01Need::None: break;
  }
  return "no";
}

nlohmann::json stq01_columns() {
  auto items = nlohmann::json::array();
  for (const auto& c : kStq01Columns)
    items.push_back({{"key", c.key}, {"heading", c.heading}, {"required", stq01_required(c)}});
  return {{"items", items}};
}

}  // namespace

void add_stq01_routes(http::Router& router, AuditService& service) {
  router.add("POST", route("/stq01/import"), [&service](Request& request) {
    const auto result = service.import_stq01(request.principal, request.body);
    return Response::ok({HQ_JSON_FIELDS(result, created, updated)});
  });
  router.add("GET", route("/stq01/columns"), [](Request&) { return Response::ok(stq01_columns()); });
  router.add("GET", route("/stq01/template"), [](Request&) {
    return Response::file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          sheets::table_to_xlsx(stq01_template()), "mau-nhap-stq01.xlsx");
  });
}

}  // namespace hq::audit::routes
