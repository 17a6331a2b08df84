// The long format (csv_reader.h): a wide header file of declarations plus an event log, one milestone a row.
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"
#include "trs/engine/csv_parser.h"
#include "trs/engine/csv_reader.h"
#include "trs/engine/text_util.h"

namespace hq::trs {

using core::bad_input;
using detail::blank;
using detail::CsvParser;
using detail::read_header;
using detail::sniff;

std::size_t read_long_format(std::vector<Record> header, ByteSource& events, RecordSink& sink) {
  std::unordered_map<std::string, std::size_t> by_number;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (!header[i].declaration_no.empty()) by_number.emplace(header[i].declaration_no, i);

  CsvParser parser(events);
  sniff(parser, "sự kiện");
  std::vector<std::string_view> fields;
  int pos_no = -1, pos_event = -1, pos_at = -1;
  {
    const auto names = read_header(parser, fields, "sự kiện");
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string n = lower_ascii(trim(names[i]));
      int* slot = n == "declaration_no" ? &pos_no : n == "event" ? &pos_event : n == "at" ? &pos_at : nullptr;
      if (slot && *slot < 0)
        *slot = static_cast<int>(i);
      else if (n != "actor" && !n.empty())
        unknown.push_back(n);
    }
    if (pos_no < 0 || pos_event < 0 || pos_at < 0 || !unknown.empty())
      bad_input("WRONG_HEADER",
                "Tệp sự kiện phải có dòng tiêu đề declaration_no,event,at (và tùy chọn actor)" +
                    (unknown.empty() ? std::string(".") : "; cột lạ hoặc lặp: " + join(unknown) + "."));
  }
  const auto cell = [&](int pos) {
    return static_cast<std::size_t>(pos) < fields.size() ? trim(fields[static_cast<std::size_t>(pos)])
                                                         : std::string_view();
  };
  const auto issue = [&](std::string_view no, std::string code, std::string column, std::string_view value,
                         std::string message) {
    Issue i;
    i.line = parser.record_line();
    i.declaration_no = std::string(no);
    i.code = std::move(code);
    i.column = std::move(column);
    i.value = std::string(utf8_prefix(value, 120));
    i.source = "events";
    i.message = "Tệp sự kiện, dòng " + std::to_string(i.line) + ": " + message;
    sink.on_issue(std::move(i));
  };
  while (parser.next(fields)) {
    if (blank(fields)) continue;
    const std::string_view no = cell(pos_no), event = cell(pos_event), at = cell(pos_at);
    const auto it = by_number.find(std::string(no));
    if (it == by_number.end()) {
      issue(no, kUnknownDeclaration, "declaration_no", no,
            "tờ khai \"" + std::string(utf8_prefix(no, 40)) + "\" không có trong tệp thông tin tờ khai.");
      continue;
    }
    const int c = column_index(lower_ascii(event) + "_at");
    if (c < 0 || columns()[static_cast<std::size_t>(c)].kind != ColumnKind::Time) {
      issue(no, kInvalidValue, "event", event,
            "sự kiện \"" + std::string(utf8_prefix(event, 60)) +
                "\" không có trong danh mục (tên cột thời điểm bỏ đuôi _at, ví dụ registered, released).");
      continue;
    }
    const ColumnDef& col = columns()[static_cast<std::size_t>(c)];
    std::string why;
    const Time t = parse_time_cell(at, &why);
    if (!t) {
      issue(no, kInvalidValue, std::string(col.name), at, "giá trị \"" + std::string(utf8_prefix(at, 60)) +
                                                               "\" của sự kiện " + std::string(event) +
                                                               " không hợp lệ — " + why + ".");
      continue;
    }
    Time& slot = col.time(header[it->second]);
    if (slot && *slot != *t) {
      issue(no, kDuplicateEvent, std::string(col.name), at,
            "sự kiện " + std::string(event) + " đã có thời điểm " + format_local_time(*slot) +
                "; giá trị mới bị bỏ qua.");
      continue;
    }
    slot = t;
  }
  for (const Record& r : header) sink.on_record(r);
  return header.size();
}

std::size_t read_long_csv(std::string_view header_csv, std::string_view events_csv, RecordSink& sink) {
  RecordCollector header;
  read_wide_csv(header_csv, header);
  for (Issue& i : header.issues) sink.on_issue(std::move(i));
  const auto events = memory_source(events_csv);
  return read_long_format(std::move(header.records), *events, sink);
}

}  // namespace hq::trs
