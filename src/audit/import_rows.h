#pragma once
// Reading an import file row by row (pure: no SQL): CSV (RFC 4180, ',' or ';') or the first sheet of an
// .xlsx workbook (recognised by the zip signature). Used by every audit import (enterprises, key
// enterprises, STQ01 carry-over). Only one row is held at a time.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hq::audit {

// Receives an import file's records one at a time: line (CSV record or sheet row number, header = 1), cells.
using RowVisitor = std::function<void(std::int64_t line, std::vector<std::string>& cells)>;

// CSV or .xlsx, whichever `body` is.
void each_import_row(const std::string& body, const RowVisitor& visit);
void each_csv_row(const std::string& text, const RowVisitor& visit);
// A tax code typed as a number in Excel lost its leading zero: nine digits in the `tax_code` column get it back.
void each_xlsx_row(const std::string& bytes, const RowVisitor& visit);
// A whole number: "12abc" and "1.5" are refused (std::invalid_argument / std::out_of_range).
std::int64_t whole_number(const std::string& text);

}  // namespace hq::audit
