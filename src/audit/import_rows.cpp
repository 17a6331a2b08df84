#include "audit/import_rows.h"

#include <algorithm>
#include <stdexcept>

#include "core/text.h"
#include "sheets/xlsx_rows.h"

namespace hq::audit {

// RFC 4180 records: quoted fields, doubled quotes, CRLF or LF; ',' or ';' (whichever the header uses). Each
// record is handed on as soon as it is read: only one is held at a time.
void each_csv_row(const std::string& text, const RowVisitor& visit) {
  std::size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  const auto header_end = text.find('\n', pos);
  const std::string header = text.substr(pos, header_end == std::string::npos ? std::string::npos : header_end - pos);
  const char sep = std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',') ? ';' : ',';
  std::vector<std::string> row;
  std::string field;
  std::int64_t line = 0;
  bool quoted = false, any = false;
  const auto end_row = [&] {
    if (any || !field.empty()) row.push_back(std::move(field));
    if (!row.empty()) visit(++line, row);
    row.clear(), field.clear(), any = false;
  };
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') field += '"', ++pos;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == sep) {
      row.push_back(std::move(field)), field.clear(), any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      end_row();
    } else {
      field += c, any = true;
    }
  }
  end_row();
}

// The first sheet of an .xlsx upload, row by row with sheet row numbers. A tax code typed as a number lost its
// leading zero in Excel (most tax codes start with 0: Hà Nội 01…, TP Hồ Chí Minh 03…): nine digits get it back.
void each_xlsx_row(const std::string& bytes, const RowVisitor& visit) {
  std::size_t tax_column = std::string::npos;
  bool header = true;
  std::vector<std::string> row;
  sheets::read_xlsx_cells_from_bytes(bytes, [&](std::size_t line, const std::vector<sheets::Cell>& cells) {
    row.clear();
    for (const auto& cell : cells) row.push_back(cell.text);
    if (header) {
      const auto is_tax = [](const std::string& name) {
        return core::trim(name) == "tax_code" || core::fold(core::trim(name)) == "ma so thue";
      };
      tax_column = std::find_if(row.begin(), row.end(), is_tax) - row.begin();
      header = false;
    } else if (tax_column < cells.size() && cells[tax_column].kind == sheets::Cell::Kind::Number &&
               cells[tax_column].text.size() == 9) {
      row[tax_column].insert(0, "0");
    }
    visit(static_cast<std::int64_t>(line), row);
  });
}

// A whole number: "12abc" and "1.5" are refused (std::stoll alone would read 12 and 1).
std::int64_t whole_number(const std::string& text) {
  const std::string digits = core::trim(text);
  std::size_t used = 0;
  const std::int64_t value = std::stoll(digits, &used);
  if (used != digits.size()) throw std::invalid_argument(text);
  return value;
}

void each_import_row(const std::string& body, const RowVisitor& visit) {
  if (sheets::has_zip_signature(body)) each_xlsx_row(body, visit);
  else each_csv_row(body, visit);
}

}  // namespace hq::audit
