#include "trs/study/agency_rules.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/error.h"
#include "core/text.h"
#include "sheets/xlsx_rows.h"
#include "trs/engine/csv_parser.h"

namespace hq::trs {

bool names_agency(const Agency& agency, std::string_view block_name) {
  const std::string name = core::fold(block_name);
  if (name.empty()) return false;
  if (core::fold(agency.name) == name) return true;
  return std::any_of(agency.aliases.begin(), agency.aliases.end(),
                     [&](const std::string& a) { return core::fold(a) == name; });
}

const Agency* agency_named(const std::vector<Agency>& agencies, std::string_view block_name) {
  for (const Agency& a : agencies)
    if (names_agency(a, block_name)) return &a;
  return nullptr;
}

std::string transport_key(std::string_view text) {
  std::string out = core::fold(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

namespace {

std::string row_prefix(std::size_t line, const std::string& column) {
  return line ? "Dòng " + std::to_string(line) + ", cột " + column + ": " : "Ô " + column + ": ";
}

// Reads the time columns of `cells` into `slots`; then checks each later milestone against the earlier ones.
struct TimeCell {
  const char* column;
  std::optional<std::int64_t>* slot;
};

void read_times(const std::map<std::string, std::string>& cells, std::size_t line, const std::string& declaration_no,
                std::initializer_list<TimeCell> times, std::vector<CellProblem>& problems) {
  for (const TimeCell& t : times) {
    const auto it = cells.find(t.column);
    if (it == cells.end() || core::trim(it->second).empty()) continue;
    const std::string text = core::trim(it->second);
    std::string why;
    const auto value = text.size() <= 40 ? parse_time_cell(text, &why) : std::nullopt;
    if (!value) {
      problems.push_back({line, t.column, text,
                          row_prefix(line, t.column) + "«" + text.substr(0, 40) +
                              "» không phải thời điểm (YYYY-MM-DD HH:MM, DD/MM/YYYY HH:MM hoặc ISO-8601 có múi giờ).",
                          declaration_no, ""});
      continue;
    }
    *t.slot = *value;
  }
}

// `later` may not be before `earlier` (both recorded).
void check_order(std::size_t line, const std::string& declaration_no, const std::map<std::string, std::string>& cells,
                 const TimeCell& earlier, const TimeCell& later, const char* why, std::vector<CellProblem>& problems) {
  if (!*earlier.slot || !*later.slot || **later.slot >= **earlier.slot) return;
  const auto it = cells.find(later.column);
  problems.push_back({line, later.column, it == cells.end() ? "" : core::trim(it->second),
                      row_prefix(line, later.column) + why + " (" + earlier.column + " muộn hơn).", declaration_no, ""});
}

std::string text_cell(const std::map<std::string, std::string>& cells, const std::string& column) {
  const auto it = cells.find(column);
  return it == cells.end() ? std::string() : core::trim(it->second);
}

void check_text(std::size_t line, const std::string& column, const std::string& value, std::size_t max,
                const std::string& declaration_no, std::vector<CellProblem>& problems) {
  if (value.size() > max || !core::is_valid_utf8(value))
    problems.push_back({line, column, value.substr(0, 60),
                        row_prefix(line, column) + "tối đa " + std::to_string(max) + " byte, UTF-8.", declaration_no, ""});
}

void unknown_columns(const std::map<std::string, std::string>& cells, const std::vector<std::string>& columns,
                     std::size_t line, std::vector<CellProblem>& problems) {
  for (const auto& [column, value] : cells)
    if (std::find(columns.begin(), columns.end(), column) == columns.end())
      problems.push_back({line, column.substr(0, 60), value.substr(0, 60),
                          "Cột «" + column.substr(0, 60) + "» không có trong mẫu số liệu trả về.", "", ""});
}

}  // namespace

ReturnDecode decode_return(const std::map<std::string, std::string>& cells, std::size_t line) {
  ReturnDecode out;
  AgencyReturn& v = out.value;
  auto& problems = out.problems;
  unknown_columns(cells, kReturnColumns, line, problems);
  v.declaration_no = text_cell(cells, "declaration_no");
  v.line = static_cast<std::int64_t>(line);
  const auto key = declaration_identity(v.declaration_no);
  if (!key)
    problems.push_back({line, "declaration_no", v.declaration_no.substr(0, 40),
                        row_prefix(line, "declaration_no") + "số tờ khai phải gồm đúng 12 chữ số.", "", ""});
  else
    v.declaration_key = static_cast<std::int64_t>(*key);
  v.registration_no = text_cell(cells, "registration_no");
  v.result_no = text_cell(cells, "result_no");
  check_text(line, "registration_no", v.registration_no, 100, v.declaration_no, problems);
  check_text(line, "result_no", v.result_no, 100, v.declaration_no, problems);
  const TimeCell reg{"registered_at", &v.registered_at}, smp{"sampling_at", &v.sampling_at},
      res{"result_at", &v.result_at}, hand{"handed_over_at", &v.handed_over_at};
  read_times(cells, line, v.declaration_no, {reg, smp, res, hand}, problems);
  check_order(line, v.declaration_no, cells, reg, smp, "lấy mẫu trước khi đăng ký kiểm tra", problems);
  check_order(line, v.declaration_no, cells, reg, res, "có kết quả trước khi đăng ký kiểm tra", problems);
  check_order(line, v.declaration_no, cells, smp, res, "có kết quả trước khi lấy mẫu", problems);
  check_order(line, v.declaration_no, cells, res, hand, "chuyển cho hải quan trước khi có kết quả", problems);
  return out;
}

BorderDecode decode_border_check(const std::map<std::string, std::string>& cells, std::size_t line) {
  BorderDecode out;
  BorderCheck& v = out.value;
  auto& problems = out.problems;
  unknown_columns(cells, kBorderColumns, line, problems);
  v.line = static_cast<std::int64_t>(line);
  const std::string vehicle = text_cell(cells, "vehicle"), voyage = text_cell(cells, "voyage");
  v.vehicle = transport_key(vehicle);
  v.voyage = transport_key(voyage);
  if (v.vehicle.empty())
    problems.push_back({line, "vehicle", vehicle, row_prefix(line, "vehicle") + "thiếu tên, số hiệu phương tiện.", "", ""});
  check_text(line, "vehicle", vehicle, 100, "", problems);
  check_text(line, "voyage", voyage, 50, "", problems);
  const TimeCell start{"check_start_at", &v.check_start_at}, end{"check_end_at", &v.check_end_at};
  read_times(cells, line, "", {start, end}, problems);
  check_order(line, "", cells, start, end, "kết thúc kiểm tra trước khi bắt đầu", problems);
  return out;
}

// ---------------------------------------------------------------------------------------------- uploads

namespace {

class Table {
 public:
  Table(const std::vector<std::string>& columns, const std::string& required) : columns_(columns), required_(required) {}

  void header(const std::vector<std::string>& cells) {
    std::set<std::string> seen;
    for (const std::string& raw : cells) {
      const std::string c = core::trim(raw);
      names_.push_back(c);
      if (c.empty()) continue;
      if (std::find(columns_.begin(), columns_.end(), c) == columns_.end())
        core::bad_input("UNKNOWN_COLUMN", "Dòng tiêu đề có cột «" + c.substr(0, 60) + "» không thuộc mẫu; các cột: " +
                                              core::join(columns_, ", ") + ".",
                        {{"column", c.substr(0, 60)}});
      if (!seen.insert(c).second)
        core::bad_input("DUPLICATE_COLUMN", "Cột «" + c + "» xuất hiện hai lần ở dòng tiêu đề.", {{"column", c}});
    }
    if (!seen.count(required_))
      core::bad_input("MISSING_COLUMN", "Thiếu cột bắt buộc «" + required_ + "» ở dòng tiêu đề.", {{"column", required_}});
    has_header_ = true;
  }

  template <class Cells>
  void row(std::size_t line, const Cells& cells, const std::function<void(std::size_t, const std::map<std::string, std::string>&)>& visit) {
    std::map<std::string, std::string> out;
    bool any = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string text{cells[i]};
      if (core::trim(text).empty()) continue;
      any = true;
      if (i >= names_.size() || names_[i].empty()) out["(cột " + std::to_string(i + 1) + ")"] = text;
      else out[names_[i]] = text;
    }
    if (any) visit(line, out);
  }
  bool has_header() const { return has_header_; }
  bool is_time(std::size_t i) const { return i < names_.size() && names_[i].ends_with("_at"); }

 private:
  const std::vector<std::string>& columns_;
  std::string required_;
  std::vector<std::string> names_;
  bool has_header_ = false;
};

}  // namespace

void read_table(std::string_view bytes, const std::vector<std::string>& columns, const std::string& required,
                const std::function<void(std::size_t line, const std::map<std::string, std::string>& cells)>& visit) {
  Table table(columns, required);
  if (sheets::has_zip_signature(bytes)) {
    // A number in a time column is an Excel date-time without a date format: read as its serial (local time).
    std::vector<std::string> texts;
    sheets::read_xlsx_cells_from_bytes(bytes, [&](std::size_t line, const std::vector<sheets::Cell>& cells) {
      texts.clear();
      for (std::size_t i = 0; i < cells.size(); ++i)
        texts.push_back(cells[i].kind == sheets::Cell::Kind::Number && table.has_header() && table.is_time(i)
                            ? sheets::excel_serial_text(cells[i].number)
                            : cells[i].text);
      if (!table.has_header()) table.header(texts);
      else table.row(line, texts, visit);
    });
  } else {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.find('\0') != std::string_view::npos)
      core::bad_input("UTF16_ENCODING", "Tệp được lưu bằng mã UTF-16. Hãy lưu lại dưới dạng \"CSV UTF-8 (Comma delimited)\".");
    auto source = memory_source(bytes);
    detail::CsvParser parser(*source);
    std::vector<std::string_view> fields;
    while (parser.next(fields)) {
      const bool blank = std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return core::trim(f).empty(); });
      if (blank) continue;
      if (!table.has_header()) {
        if (fields.size() == 1 && fields[0].find(';') != std::string_view::npos)
          core::bad_input("SEMICOLON_SEPARATED", "Tệp dùng dấu chấm phẩy (;) để phân cách cột. Hãy xuất lại với dấu "
                                                 "phẩy (\"CSV UTF-8 (Comma delimited)\").");
        table.header(std::vector<std::string>(fields.begin(), fields.end()));
      } else {
        for (std::string_view f : fields)
          if (!core::is_valid_utf8(f))
            core::bad_input("INVALID_ENCODING", "Dòng " + std::to_string(parser.record_line()) +
                                                    " không phải UTF-8. Hãy lưu lại dưới dạng CSV UTF-8.");
        table.row(parser.record_line(), fields, visit);
      }
    }
  }
  if (!table.has_header()) core::bad_input("EMPTY_FILE", "Tệp rỗng: không có dòng tiêu đề và dữ liệu.");
}

// ---------------------------------------------------------------------------------------------- overlay

ReturnsOverlay::ReturnsOverlay(std::vector<Agency> agencies,
                               std::map<std::string, std::map<std::int64_t, AgencyReturn>> returns,
                               std::vector<BorderCheck> checks)
    : agencies_(std::move(agencies)), returns_(std::move(returns)), checks_(std::move(checks)) {
  std::map<std::string, int> vehicles;
  for (const BorderCheck& c : checks_) ++vehicles[c.vehicle];
  for (const BorderCheck& c : checks_) {
    by_transport_[c.voyage.empty() ? c.vehicle : c.vehicle + " " + c.voyage] = &c;
    if (vehicles[c.vehicle] == 1) by_transport_.emplace(c.vehicle, &c);
  }
}

void ReturnsOverlay::apply(Record& r) const {
  const auto key = declaration_identity(r.declaration_no);
  const auto returned = [&](const Agency& a) -> const AgencyReturn* {
    if (!key) return nullptr;
    const auto it = returns_.find(a.code);
    if (it == returns_.end()) return nullptr;
    const auto row = it->second.find(static_cast<std::int64_t>(*key));
    return row == it->second.end() ? nullptr : &row->second;
  };
  const auto set = [](Time& slot, const std::optional<std::int64_t>& v) {
    if (v) slot = *v;
  };
  for (AgencyBlock* b : {&r.ag1, &r.ag2}) {
    const Agency* a = agency_named(agencies_, b->name);
    if (!a) continue;
    b->name = a->name;
    if (const AgencyReturn* d = returned(*a)) {
      set(b->registered_at, d->registered_at);
      set(b->sampling_at, d->sampling_at);
      set(b->certified_at, d->result_at);
      set(b->customs_received_at, d->handed_over_at);
      if (d->sampling_at) b->sampling = true;
      if (!d->registration_no.empty()) b->registration_no = d->registration_no;
      if (!d->result_no.empty()) b->certificate_no = d->result_no;
    }
  }
  if (const Agency* a = agency_named(agencies_, r.qc.name)) {
    r.qc.name = a->name;
    if (const AgencyReturn* d = returned(*a)) {
      set(r.qc.registered_at, d->registered_at);
      set(r.qc.conformity_at, d->sampling_at);
      set(r.qc.notified_at, d->result_at);
      set(r.qc.customs_received_at, d->handed_over_at);
      if (!d->registration_no.empty()) r.qc.registration_no = d->registration_no;
      if (!d->result_no.empty()) r.qc.result_no = d->result_no;
    }
  }
  if (!by_transport_.empty() && !r.transport.empty()) {
    const auto it = by_transport_.find(transport_key(r.transport));
    if (it != by_transport_.end()) {
      set(r.border_check_start_at, it->second->check_start_at);
      set(r.border_check_end_at, it->second->check_end_at);
    }
  }
}

std::map<std::string, std::string> ReturnsOverlay::ministries() const {
  std::map<std::string, std::string> out;
  for (const Agency& a : agencies_) out[a.name] = a.ministry_name;
  return out;
}

std::string ReturnsOverlay::border_guard_name() const {
  for (const Agency& a : agencies_)
    if (a.border_guard()) return a.name;
  return {};
}

std::set<std::string> ReturnsOverlay::week_window_names() const {
  std::set<std::string> names;
  for (const Agency& a : agencies_)
    if (a.samples_the_week()) names.insert(a.name);
  return names;
}

bool is_agency_user(const core::Principal& caller) { return caller.has_role("trs.agency"); }

}  // namespace hq::trs
