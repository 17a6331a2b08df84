#include "trs/engine/record_writer.h"

#include <xlsxwriter.h>

#include "core/error.h"
#include "trs/engine/xlsx_reader.h"

namespace hq::trs {
namespace {

void write_row(std::ostream& out, const Record& r, bool with_times) {
  bool first = true;
  for (const ColumnDef& c : columns()) {
    if (!with_times && c.kind == ColumnKind::Time) continue;
    if (!first) out << ',';
    first = false;
    out << csv_escape(format_cell(c, r));
  }
  out << '\n';
}

void write_header(std::ostream& out, bool with_times) {
  bool first = true;
  for (const ColumnDef& c : columns()) {
    if (!with_times && c.kind == ColumnKind::Time) continue;
    out << (first ? "" : ",") << c.name;
    first = false;
  }
  out << '\n';
}

}  // namespace

std::string csv_escape(std::string_view cell) {
  const bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) return std::string(cell);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

void write_wide_csv_header(std::ostream& out) { write_header(out, true); }
void write_wide_csv_row(std::ostream& out, const Record& r) { write_row(out, r, true); }

void write_wide_csv(std::ostream& out, std::span<const Record> records) {
  write_wide_csv_header(out);
  for (const Record& r : records) write_wide_csv_row(out, r);
}

void write_long_format(std::ostream& header, std::ostream& events, std::span<const Record> records) {
  write_header(header, false);
  events << "declaration_no,event,at,actor\n";
  for (const Record& r : records) {
    write_row(header, r, false);
    for (const ColumnDef& c : columns()) {
      if (c.kind != ColumnKind::Time || !time_of(c, r)) continue;
      const std::string_view event = c.name.substr(0, c.name.size() - 3);  // drop "_at"
      events << csv_escape(r.declaration_no) << ',' << event << ',' << format_local_time(*time_of(c, r)) << ",\n";
    }
  }
}

void write_records_xlsx(const std::string& path, std::span<const Record> records) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) core::bad_input("XLSX_WRITE", "Không tạo được bảng tính " + path + ".");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "TRS");
  lxw_format* when = workbook_add_format(wb);
  format_set_num_format(when, "yyyy-mm-dd hh:mm:ss");
  lxw_col_t col = 0;
  for (const ColumnDef& c : columns())
    worksheet_write_string(ws, 0, col++, std::string(c.name).c_str(), nullptr);
  lxw_row_t row = 1;
  for (const Record& r : records) {
    col = 0;
    for (const ColumnDef& c : columns()) {
      if (c.kind == ColumnKind::Time) {
        if (const Time& t = time_of(c, r)) worksheet_write_number(ws, row, col, to_excel_serial(*t), when);
      } else if (const std::string v = format_cell(c, r); !v.empty()) {
        worksheet_write_string(ws, row, col, v.c_str(), nullptr);
      }
      ++col;
    }
    ++row;
  }
  if (workbook_close(wb) != LXW_NO_ERROR) core::bad_input("XLSX_WRITE", "Không ghi được bảng tính " + path + ".");
}

}  // namespace hq::trs
