#pragma once
// One table as an .xlsx workbook: the export of a list (a title line, a bold header row, then the rows).
// Built through write_to_bytes; the modules describe their columns and rows, not libxlsxwriter calls.
#include <string>
#include <variant>
#include <vector>

namespace hq::sheets {

struct TableColumn {
  std::string title;
  double width = 18;
};
// A text cell or a number (amounts in đồng, counts); an empty text leaves the cell blank.
using TableCell = std::variant<std::string, double>;

struct Table {
  std::string sheet_name = "Danh sach";  // ASCII, ≤ 31 characters (Excel's limit)
  std::string title;                     // first line, bold; none when empty
  std::vector<TableColumn> columns;
  std::vector<std::vector<TableCell>> rows;
};

std::string table_to_xlsx(const Table& table);

}  // namespace hq::sheets
