#include "sheets/xlsx_table.h"

#include <xlsxwriter.h>

#include "core/error.h"
#include "sheets/xlsx_output.h"

namespace hq::sheets {

std::string table_to_xlsx(const Table& table) {
  return write_to_bytes([&](const std::string& path) {
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) throw core::Error(core::ErrorKind::Unavailable, "EXPORT_FAILED", "Không tạo được tệp Excel.");
    lxw_worksheet* ws = workbook_add_worksheet(wb, table.sheet_name.substr(0, 31).c_str());
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xDDEBF7);
    format_set_text_wrap(head);
    lxw_row_t row = 0;
    if (!table.title.empty()) {
      worksheet_write_string(ws, row, 0, table.title.c_str(), bold);
      row += 2;
    }
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      worksheet_write_string(ws, row, col, table.columns[c].title.c_str(), head);
      worksheet_set_column(ws, col, col, table.columns[c].width, nullptr);
    }
    worksheet_freeze_panes(ws, row + 1, 0);
    ++row;
    for (const auto& cells : table.rows) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        if (const auto* n = std::get_if<double>(&cells[c]))
          worksheet_write_number(ws, row, col, *n, nullptr);
        else if (const auto& s = std::get<std::string>(cells[c]); !s.empty())
          worksheet_write_string(ws, row, col, s.c_str(), nullptr);
      }
      ++row;
    }
    if (workbook_close(wb) != LXW_NO_ERROR)
      throw core::Error(core::ErrorKind::Unavailable, "EXPORT_FAILED", "Không ghi được tệp Excel.");
  });
}

}  // namespace hq::sheets
