#pragma once
// Reading .xlsx workbooks (Office Open XML spreadsheets): the first sheet, streamed row by row, from a file
// or from bytes in memory (an upload). Shared strings, inline strings, numbers, booleans and dates (numbers
// shown with a date format) become text; errors are core::Error BadInput "XLSX_INVALID" in Vietnamese.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace hq::sheets {

struct Cell {
  enum class Kind : unsigned char { Empty, Text, Number, Date, Boolean };
  Kind kind = Kind::Empty;
  // Text: as stored. Number: an integral value as digits ("104722599000"), any other as stored ("0.25").
  // Date: "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS" (a time of day). Boolean: "TRUE" / "FALSE".
  std::string text;
  double number = 0;  // Number and Date: the stored value (a Date's Excel serial); Boolean: 1 or 0
};

// `row_number` is the sheet's row number (the first row is 1); cells[i] is column i (A = 0), up to the last
// cell present in the row. Rows without any non-empty cell are not delivered.
using CellRowHandler = std::function<void(std::size_t row_number, const std::vector<Cell>& cells)>;
using RowHandler = std::function<void(std::size_t row_number, const std::vector<std::string>& cells)>;

// Each returns the number of rows delivered. `name` names an in-memory workbook in messages.
std::size_t read_xlsx_rows(const std::string& path, const RowHandler& on_row);
std::size_t read_xlsx_rows_from_bytes(std::string_view bytes, const RowHandler& on_row,
                                      const std::string& name = "tải lên");
std::size_t read_xlsx_cells(const std::string& path, const CellRowHandler& on_row);
std::size_t read_xlsx_cells_from_bytes(std::string_view bytes, const CellRowHandler& on_row,
                                       const std::string& name = "tải lên");

// A zip archive (every .xlsx is one) starts with "PK\x03\x04".
bool has_zip_signature(std::string_view bytes);
// True for a path ending in .xlsx (any case) or a file starting with the zip signature.
bool looks_like_xlsx(const std::string& path);

// Excel serial date-time (days since 1899-12-30, Vietnam local time) ↔ UTC instant.
core::UnixSeconds from_excel_serial(double serial);
double to_excel_serial(core::UnixSeconds t);
// The text of a date cell (see Cell::text); a serial outside 0 … 9999-12-31 as a plain number.
std::string excel_serial_text(double serial);

}  // namespace hq::sheets
