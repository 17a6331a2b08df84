// RowDecoder (csv_reader.h): a header mapped onto the column table, and data rows decoded cell by cell with
// their INVALID_VALUE / MISSING_REQUIRED / BAD_ROW issues. Shared by the CSV and xlsx readers and the stored study.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "trs/engine/csv_parser.h"
#include "trs/engine/csv_reader.h"
#include "trs/engine/text_util.h"

namespace hq::trs {
namespace {

using core::bad_input;
using detail::blank;

int match_name(std::span<const std::string_view> names, std::string_view cell) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (iequals(names[i], cell)) return static_cast<int>(i);
  return -1;
}

std::string allowed_list(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

Issue cell_issue(std::size_t line, std::string_view declaration_no, std::string_view column, std::string_view value,
                 const std::string& reason) {
  Issue i;
  i.line = line;
  i.declaration_no = std::string(declaration_no);
  i.code = kInvalidValue;
  i.column = std::string(column);
  i.value = std::string(utf8_prefix(value, 120));
  i.message = "Dòng " + std::to_string(line) + ", cột " + i.column + ": giá trị \"" + i.value +
              "\" không hợp lệ — " + reason + ".";
  return i;
}

// An empty cell: every slot kind's default value means "not recorded". A string is cleared, not assigned `{}`
// (which picks the initializer_list overload and goes through _M_replace for every empty text cell).
template <class T>
void set_not_recorded(T& v) {
  v = {};
}
void set_not_recorded(std::string& v) { v.clear(); }

// Decoders of one trimmed, non-empty cell by kind: each returns "" or the reason the cell is invalid (then
// it is read as not recorded).
constexpr std::string_view kNotUtf8 = "không phải văn bản UTF-8 (có thể tệp lưu bằng bảng mã Windows-1258/TCVN3)";

std::string decode_text(const ColumnDef& c, std::string_view cell, std::string& dst) {
  const TextRule rule = c.rule;
  dst.assign(cell);
  if (!core::is_valid_utf8(cell)) {
    dst.clear();
    return std::string(kNotUtf8);
  }
  std::string why = check_text_rule(rule, cell);
  if (!why.empty() && rule != TextRule::DeclarationNo) dst.clear();  // the number is kept to name the row
  return why;
}

// The same checks as decode_text for a column the sink does not read: nothing is copied.
std::string check_text(const ColumnDef& c, std::string_view cell) {
  if (!core::is_valid_utf8(cell)) return std::string(kNotUtf8);
  return c.rule == TextRule::None ? std::string() : check_text_rule(c.rule, cell);
}

std::string decode_time(const ColumnDef&, std::string_view cell, Time& dst) {
  std::string why;
  dst = parse_time_cell(cell, &why);
  return why;
}

std::string decode_yes_no(const ColumnDef& c, std::string_view cell, std::optional<bool>& dst) {
  const int i = match_name(c.values, cell);
  if (i < 0) {
    dst.reset();
    return "chỉ nhận Y (có) hoặc N (không)";
  }
  dst = i == 1;
  return {};
}

std::string decode_enum(const ColumnDef& c, std::string_view cell, Record& r) {
  const int i = match_name(c.values, cell);
  c.set_enum(r, i);
  return i < 0 ? "chỉ nhận một trong các giá trị " + allowed_list(c.values) : std::string();
}

std::string decode_list(const ColumnDef& c, std::string_view cell, CodeSet& dst) {
  const std::span<const std::string_view> names = c.values;
  CodeSet set = 0;
  std::string unknown;
  for_each_token(cell, ';', [&](std::string_view token) {
    const int i = match_name(names, token);
    if (i >= 0) {
      set |= CodeSet{1} << i;
    } else {
      if (!unknown.empty()) unknown += ", ";
      unknown += token;
    }
  });
  dst = unknown.empty() ? set : 0;
  if (unknown.empty()) return {};
  return "mã không có trong danh mục: " + unknown + " (các mã hợp lệ, phân cách bằng dấu ;: " + allowed_list(names) +
         ")";
}

}  // namespace

// ---------------------------------------------------------------------------------------------- sinks

void PreparingSink::on_record(const Record& r) {
  if (!scratch_) scratch_ = make_prepared();
  prepare(r, *scratch_);
  on_prepared(*scratch_);
}

// ---------------------------------------------------------------------------------------------- decoder

void RowDecoder::map(std::size_t pos, const ColumnDef& c, const RecordSink* sink) {
  switch (c.kind) {
    case ColumnKind::Text:
      if (sink && !sink->reads_text(c.name) && c.name != "declaration_no")  // issues name the declaration
        return checked_texts_.push_back({pos, &c, FieldSlot<std::string>(c.text)});
      return texts_.push_back({pos, &c, FieldSlot<std::string>(c.text)});
    case ColumnKind::Time: return times_.push_back({pos, &c, FieldSlot<Time>(c.time)});
    case ColumnKind::YesNo: return yes_nos_.push_back({pos, &c, FieldSlot<std::optional<bool>>(c.yes_no)});
    case ColumnKind::List: return lists_.push_back({pos, &c, FieldSlot<CodeSet>(c.list)});
    case ColumnKind::Enum: return enums_.push_back({pos, &c, {}});
  }
}

RowDecoder::RowDecoder(std::span<const std::string_view> header, const RecordSink* sink) {
  std::vector<std::string> unknown, duplicate;
  std::vector<bool> seen(columns().size());
  std::size_t known = 0;
  for (std::string_view raw : header) {
    const std::string name = lower_ascii(trim(raw));
    const int c = name.empty() ? -1 : column_index(name);
    if (!name.empty() && c < 0) unknown.push_back("\"" + std::string(utf8_prefix(trim(raw), 60)) + "\"");
    if (c >= 0 && seen[c]) {
      duplicate.push_back(name);
      cols_.push_back(-1);
      continue;
    }
    if (c >= 0) seen[c] = true, ++known;
    if (c >= 0 && columns()[c].name == "declaration_no") declaration_pos_ = static_cast<int>(cols_.size());
    if (c >= 0 && columns()[c].name == "flow") flow_pos_ = static_cast<int>(cols_.size());
    if (c >= 0) map(cols_.size(), columns()[static_cast<std::size_t>(c)], sink);
    cols_.push_back(c);
  }
  if (known == 0)
    bad_input("WRONG_HEADER",
              "Dòng đầu tiên không phải dòng tiêu đề của biểu mẫu đo thời gian giải phóng hàng: không có cột nào "
              "đúng tên (cần các cột như flow, declaration_no, registered_at, released_at…).",
              {{"unknown_columns", unknown}});
  if (!unknown.empty())
    bad_input("UNKNOWN_COLUMNS", "Dòng tiêu đề có cột không thuộc biểu mẫu: " + join(unknown) + ".",
              {{"unknown_columns", unknown}});
  if (!duplicate.empty())
    bad_input("DUPLICATE_COLUMNS", "Dòng tiêu đề có cột bị lặp lại: " + join(duplicate) + ".",
              {{"duplicate_columns", duplicate}});
  std::vector<std::string> missing;
  for (std::string_view required : {"flow", "declaration_no"})
    if (!seen[static_cast<std::size_t>(column_index(required))]) missing.emplace_back(required);
  if (!missing.empty())
    bad_input("MISSING_COLUMNS", "Dòng tiêu đề thiếu cột bắt buộc: " + join(missing) + ".",
              {{"missing_columns", missing}});
}

const ColumnDef* RowDecoder::column_at(std::size_t i) const {
  return i < cols_.size() && cols_[i] >= 0 ? &columns()[static_cast<std::size_t>(cols_[i])] : nullptr;
}

void RowDecoder::decode(std::size_t line, std::span<const std::string_view> cells, Record& out,
                        RecordSink& sink) const {
  out.meta = RecordMeta{line};
  const std::string_view declaration =
      declaration_pos_ >= 0 && static_cast<std::size_t>(declaration_pos_) < cells.size()
          ? trim(cells[static_cast<std::size_t>(declaration_pos_)])
          : std::string_view();
  if (cells.size() > cols_.size() && !blank(cells.subspan(cols_.size()))) {
    out = Record{};  // nothing of the row is read (a reused record must not keep an earlier row's values)
    out.meta = RecordMeta{line};
    out.meta.rejected = true;
    out.declaration_no.assign(declaration);
    Issue i;
    i.line = line;
    i.declaration_no = std::string(declaration);
    i.code = kBadRow;
    i.message = "Dòng " + std::to_string(line) + " có " + std::to_string(cells.size()) + " ô, nhiều hơn " +
                std::to_string(cols_.size()) +
                " cột của dòng tiêu đề (có thể một ô chứa dấu phẩy mà không đặt trong ngoặc kép). Dòng bị bỏ qua.";
    sink.on_issue(std::move(i));
    return;
  }
  // Issues of this row tagged with the header position, emitted in column order at the end.
  thread_local std::vector<std::pair<std::size_t, Issue>> invalid;
  invalid.clear();
  const auto cell_at = [&](std::size_t pos) { return pos < cells.size() ? trim(cells[pos]) : std::string_view(); };
  const auto check = [&](const auto& m, std::string_view cell, const std::string& why) {
    if (why.empty()) return;
    ++out.meta.invalid_cells;
    invalid.emplace_back(m.pos, cell_issue(line, declaration, m.def->name, cell, why));
  };
  // Every slot kind's default value means "not recorded".
  const auto decode_each = [&](const auto& mapped, auto decode) {
    for (const auto& m : mapped) {
      auto& dst = m.slot(out);
      const std::string_view cell = cell_at(m.pos);
      if (cell.empty()) set_not_recorded(dst);
      else check(m, cell, decode(*m.def, cell, dst));
    }
  };
  decode_each(texts_, decode_text);
  for (const auto& m : checked_texts_)
    if (const std::string_view cell = cell_at(m.pos); !cell.empty()) check(m, cell, check_text(*m.def, cell));
  decode_each(times_, decode_time);
  decode_each(yes_nos_, decode_yes_no);
  decode_each(lists_, decode_list);
  for (const auto& m : enums_) {
    const std::string_view cell = cell_at(m.pos);
    if (cell.empty()) m.def->set_enum(out, -1);
    else check(m, cell, decode_enum(*m.def, cell, out));
  }
  std::stable_sort(invalid.begin(), invalid.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [pos, issue] : invalid) sink.on_issue(std::move(issue));
  const auto missing = [&](std::string_view column) {
    Issue i;
    i.line = line;
    i.declaration_no = std::string(declaration);
    i.code = kMissingRequired;
    i.column = std::string(column);
    i.message = "Dòng " + std::to_string(line) + ": thiếu giá trị bắt buộc ở cột " + i.column + ".";
    sink.on_issue(std::move(i));
  };
  if (declaration.empty()) missing("declaration_no");
  const bool flow_empty = flow_pos_ < 0 || static_cast<std::size_t>(flow_pos_) >= cells.size() ||
                          trim(cells[static_cast<std::size_t>(flow_pos_)]).empty();
  if (flow_empty) missing("flow");
}

}  // namespace hq::trs
