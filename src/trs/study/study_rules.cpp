#include "trs/study/study_rules.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/error.h"
#include "core/text.h"
#include "trs/engine/intervals.h"
#include "trs/engine/text_util.h"
#include "trs/engine/xlsx_reader.h"

namespace hq::trs {
namespace {

[[noreturn]] void invalid(const std::string& field, const std::string& message) {
  core::bad_input("INVALID_FIELD", message, {{"field", field}});
}

bool is_route(std::string_view r) { return r == "SEA" || r == "AIR" || r == "ROAD"; }

template <class T>
bool parse_int(std::string_view s, T& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

CellProblem problem_of(const Issue& i) {
  return {i.line, i.column, i.value, i.message, i.declaration_no, i.source};
}

}  // namespace

nlohmann::json problems_json(const std::vector<CellProblem>& problems) {
  auto out = nlohmann::json::array();
  for (const auto& p : problems) {
    nlohmann::json j = {{"column", p.column}, {"value", p.value}, {"message", p.message}};
    if (p.line) j["line"] = p.line;
    if (!p.declaration_no.empty()) j["declaration_no"] = p.declaration_no;
    if (!p.source.empty()) j["source"] = p.source;
    out.push_back(std::move(j));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- settings

void check_study(const StudyConfig& s) {
  if (s.name.empty() || s.name.size() > 300) invalid("name", "Tên cuộc đo không được để trống (tối đa 300 byte).");
  if (s.year < 2000 || s.year > 2199) invalid("year", "Năm đo phải từ 2000 đến 2199.");
  if (core::weekday(s.week_start) != 1)
    invalid("week_start", "Tuần đo phải bắt đầu vào thứ Hai (từ 00:00 thứ Hai đến 24:00 thứ Bảy).");
  if (s.week_start.year != s.year && core::add_days(s.week_start, 5).year != s.year)
    invalid("week_start", "Tuần đo phải nằm trong năm đo.");
  if (s.branches.empty() || s.branches.size() > 500)
    invalid("branches", "Cuộc đo phải có ít nhất một chi cục tham gia.");
  for (std::size_t i = 0; i < s.branches.size(); ++i) {
    const auto& b = s.branches[i];
    if (!check_text_rule(TextRule::BranchCode, b.code).empty())
      invalid("branches", "Mã chi cục \"" + b.code + "\" không hợp lệ: " + check_text_rule(TextRule::BranchCode, b.code) + ".");
    if (!is_route(b.route))
      invalid("branches", "Tuyến đường của chi cục " + b.code + " phải là SEA (biển), AIR (hàng không) hoặc ROAD (đường bộ).");
    for (std::size_t j = 0; j < i; ++j)
      if (s.branches[j].code == b.code) invalid("branches", "Chi cục " + b.code + " được khai hai lần.");
  }
  for (const auto& code : s.excluded_type_codes)
    if (!check_text_rule(TextRule::TypeCode, code).empty())
      invalid("excluded_type_codes", "Mã loại hình loại trừ \"" + code + "\" không hợp lệ: " +
                                         check_text_rule(TextRule::TypeCode, code) + ".");
  for (const auto& code : s.world_bank_branches)
    if (!check_text_rule(TextRule::BranchCode, code).empty())
      invalid("world_bank_branches", "Mã chi cục cảng biển TP.HCM (chỉ số Ngân hàng Thế giới) \"" + code + "\" không hợp lệ.");
  if (s.follow_up_days < 1 || s.follow_up_days > 365)
    invalid("follow_up_days", "Hạn theo dõi phải từ 1 đến 365 ngày làm việc sau tuần đo.");
  const UnixSeconds week_begin = core::from_local({s.week_start}),
                    week_end = core::from_local({core::add_days(s.week_start, 6)});
  const auto inside = [&](UnixSeconds t) { return t >= week_begin && t <= week_end; };
  if (s.period_start && !inside(*s.period_start))
    invalid("period_start", "Thời điểm bắt đầu đo (" + format_local_time(*s.period_start) +
                                ") phải nằm trong tuần đo (từ 00:00 thứ Hai đến 24:00 thứ Bảy).");
  if (s.period_end && !inside(*s.period_end))
    invalid("period_end", "Thời điểm kết thúc đo (" + format_local_time(*s.period_end) +
                              ") phải nằm trong tuần đo (từ 00:00 thứ Hai đến 24:00 thứ Bảy).");
  if (s.agency_weeks_before < 1 || s.agency_weeks_before > 2)
    invalid("agency_weeks_before", "Các cơ quan kiểm tra chuyên ngành lấy mẫu từ 1 đến 2 tuần làm việc trước tuần đo.");
  if (sample_begin(s) >= sample_end(s))
    invalid("period_end", "Thời điểm kết thúc đo phải sau thời điểm bắt đầu đo.");
}

core::Date agency_window_start(const StudyConfig& s) { return core::add_days(s.week_start, -7 * s.agency_weeks_before); }
core::Date agency_window_end(const StudyConfig& s) { return core::add_days(s.week_start, 5); }

UnixSeconds sample_begin(const StudyConfig& s) { return s.period_start.value_or(core::from_local({s.week_start})); }
UnixSeconds sample_end(const StudyConfig& s) {
  return s.period_end.value_or(core::from_local({core::add_days(s.week_start, 6)}));
}

UnixSeconds follow_up_limit(const core::WorkingCalendar& calendar, const core::Date& week_start, int days) {
  const core::Date last = calendar.add_working_days(core::add_days(week_start, 5), days);
  return core::from_local({core::add_days(last, 1)});  // 24:00 of the last working day
}

AnalysisSettings analysis_settings(const StudyConfig& study, UnixSeconds limit, std::vector<std::string> branches) {
  AnalysisSettings a;
  a.study = StudySettings{study.week_start, study.excluded_type_codes, limit, std::move(branches), study.period_start,
                          study.period_end};
  a.world_bank_branches = study.world_bank_branches;
  for (const auto& b : study.branches) a.study->sampling_rules[b.code] = b.sampling_rule;
  a.study->agency_window_begin = core::from_local({agency_window_start(study)});
  a.study->agency_window_end = core::from_local({core::add_days(agency_window_end(study), 1)});  // Saturday 24:00
  return a;
}

// ---------------------------------------------------------------------------------------------- stored form

std::string encode_cells(const Record& r) {
  std::string out;
  out.reserve(512);
  std::size_t kept = 0;  // length up to the last non-empty cell
  Record& m = const_cast<Record&>(r);  // the accessors are shared with the reader; nothing is written
  bool first = true;
  for (const ColumnDef& c : columns()) {
    if (!first) out += '\t';
    first = false;
    const std::size_t before = out.size();
    switch (c.kind) {
      case ColumnKind::Text: core::append_backslash_escaped(out, c.text(m)); break;
      case ColumnKind::Time:
        if (const Time& t = c.time(m)) out += std::to_string(*t);
        break;
      case ColumnKind::YesNo:
        if (const auto& v = c.yes_no(m)) out += *v ? 'Y' : 'N';
        break;
      case ColumnKind::Enum:
        if (const int i = c.get_enum(r); i >= 0) out += std::to_string(i);
        break;
      case ColumnKind::List:
        if (const CodeSet s = c.list(m)) out += std::to_string(s);
        break;
    }
    if (out.size() > before) kept = out.size();
  }
  out.resize(kept);
  return out;
}

bool decode_cells(std::string_view cells, Record& out) {
  // One pass over the text (cells are short: a memchr per cell costs more than it saves).
  const char* p = cells.data();
  const char* const end = p + cells.size();
  bool ok = true;
  for (const ColumnDef& c : columns()) {
    const char* const start = p;
    bool escaped = false;
    while (p < end && *p != '\t') escaped |= *p++ == '\\';
    const std::string_view cell(start, static_cast<std::size_t>(p - start));
    if (p < end) ++p;  // the tab
    switch (c.kind) {
      case ColumnKind::Text:
        if (escaped) core::assign_backslash_unescaped(c.text(out), cell);
        else c.text(out).assign(cell);
        break;
      case ColumnKind::Time: {
        Time& t = c.time(out);
        t.reset();
        std::int64_t v = 0;
        if (!cell.empty() && (ok &= parse_int(cell, v))) t = v;
        break;
      }
      case ColumnKind::YesNo: {
        auto& v = c.yes_no(out);
        v.reset();
        if (cell == "Y") v = true;
        else if (cell == "N") v = false;
        else ok &= cell.empty();
        break;
      }
      case ColumnKind::Enum: {
        int i = -1;
        if (!cell.empty() && !(parse_int(cell, i) && i >= 0 && static_cast<std::size_t>(i) < c.values.size())) {
          ok = false;
          i = -1;
        }
        c.set_enum(out, i);
        break;
      }
      case ColumnKind::List: {
        CodeSet s = 0;
        if (!cell.empty()) ok &= parse_int(cell, s);
        c.list(out) = s;
        break;
      }
    }
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------- form entry

FormDecode decode_form(const std::map<std::string, std::string>& cells) {
  FormDecode result;
  for (const auto& [name, value] : cells)
    if (column_index(name) < 0)
      result.problems.push_back({0, name, value, "Cột \"" + name + "\" không thuộc biểu mẫu 01-NK/01-XK.", "", ""});
  std::vector<std::string_view> header, row;
  for (const ColumnDef& c : columns()) {
    header.push_back(c.name);
    const auto it = cells.find(std::string(c.name));
    row.push_back(it == cells.end() ? std::string_view() : std::string_view(it->second));
  }
  RecordCollector issues;
  const RowDecoder decoder(header);
  decoder.decode(0, row, result.record, issues);
  for (const Issue& i : issues.issues) {
    CellProblem p = problem_of(i);
    // The engine's messages name a file line; a form has none.
    for (std::string_view prefix : {std::string_view("Dòng 0, "), std::string_view("Dòng 0: ")})
      if (p.message.rfind(prefix, 0) == 0) p.message.erase(0, prefix.size());
    if (!p.message.empty()) p.message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(p.message[0])));
    result.problems.push_back(std::move(p));
  }
  std::string column;
  const std::string why = storable_problem(result.record, column);
  const bool already = std::any_of(result.problems.begin(), result.problems.end(),
                                   [&](const CellProblem& p) { return p.column == column; });
  if (!why.empty() && !already) result.problems.push_back({0, column, "", why, result.record.declaration_no, ""});
  return result;
}

std::map<std::string, std::string> record_cells(const Record& r) {
  std::map<std::string, std::string> out;
  for (const ColumnDef& c : columns()) {
    std::string v = format_cell(c, r);
    if (!v.empty()) out.emplace(std::string(c.name), std::move(v));
  }
  return out;
}

std::vector<Issue> record_warnings(const Record& r, std::optional<UnixSeconds> limit) {
  std::vector<Issue> out;
  std::vector<Observation> obs;
  observe(r, obs);
  for (const Observation& o : obs)
    if (o.seconds < 0) out.push_back(negative_interval_issue(r, o));
  check_order(r, out);
  check_missing(r, out);
  for (Issue& i : out)  // a form has no file line
    if (r.meta.line == 0 && i.message.rfind("Dòng 0: ", 0) == 0) i.message.erase(0, std::string_view("Dòng 0: ").size());
  if (limit) {
    std::string late;
    for (const ColumnDef& c : columns())
      if (c.kind == ColumnKind::Time && time_of(c, r) && *time_of(c, r) > *limit)
        late += (late.empty() ? "" : ", ") + std::string(c.name);
    if (!late.empty()) {
      Issue i;
      i.declaration_no = r.declaration_no;
      i.code = kAfterFollowUp;
      i.column = late;
      i.message = late + " sau hạn theo dõi (" + format_local_time(*limit) + ") nên sẽ được coi là chưa ghi nhận.";
      out.push_back(std::move(i));
    }
  }
  return out;
}

bool incomplete_at(const Record& r, std::optional<UnixSeconds> limit, std::vector<std::string_view>* missing) {
  const bool late = limit && std::any_of(columns().begin(), columns().end(), [&](const ColumnDef& c) {
    return c.kind == ColumnKind::Time && time_of(c, r) && *time_of(c, r) > *limit;
  });
  std::vector<std::string_view> m;
  if (late) {
    Record copy = r;
    for (const ColumnDef& c : columns())
      if (c.kind == ColumnKind::Time && c.time(copy) && *c.time(copy) > *limit) c.time(copy).reset();
    m = missing_milestones(copy, true);
  } else {
    m = missing_milestones(r, true);
  }
  const bool incomplete = !m.empty();
  if (missing) *missing = std::move(m);
  return incomplete;
}

std::string change_summary(const Record& before, const Record& after, std::size_t max_length) {
  std::string out;
  std::size_t changed = 0, shown = 0;
  for (const ColumnDef& c : columns()) {
    const std::string a = format_cell(c, before), b = format_cell(c, after);
    if (a == b) continue;
    ++changed;
    std::string part = std::string(c.name) + ": " + (a.empty() ? "(trống)" : std::string(utf8_prefix(a, 60))) +
                       " → " + (b.empty() ? "(trống)" : std::string(utf8_prefix(b, 60)));
    if (out.size() + part.size() + 2 > max_length) continue;
    out += (out.empty() ? "" : "; ") + part;
    ++shown;
  }
  if (changed > shown) out += "; và " + std::to_string(changed - shown) + " trường khác";
  return out;
}

std::string storable_problem(const Record& r, std::string& column) {
  if (!r.flow) {
    column = "flow";
    return "Thiếu luồng hàng (NK hoặc XK).";
  }
  if (!declaration_identity(r.declaration_no)) {
    column = "declaration_no";
    return "Số tờ khai phải gồm đúng 12 chữ số.";
  }
  if (r.branch_code.empty()) {
    column = "branch_code";
    return "Thiếu mã chi cục.";
  }
  return {};
}

// ---------------------------------------------------------------------------------------------- uploads

namespace {

bool is_zip(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

void read_one(std::string_view bytes, RecordSink& sink) {
  if (is_zip(bytes)) {
    read_xlsx_bytes(bytes, sink);
  } else {
    read_wide_csv(bytes, sink);
  }
}

}  // namespace

void read_records_bytes(std::string_view bytes, std::optional<std::string_view> events, RecordSink& sink) {
  if (!events) return read_one(bytes, sink);
  RecordCollector header;
  read_one(bytes, header);
  for (Issue& i : header.issues) sink.on_issue(std::move(i));
  auto source = memory_source(*events);
  read_long_format(std::move(header.records), *source, sink);
}

}  // namespace hq::trs

namespace hq::trs {

bool may_manage_studies(const core::Principal& caller) {
  return caller.is_platform_admin() || (caller.has_role("trs.analyst") && caller.unit_level == "TONG_CUC");
}

bool is_trs_user(const core::Principal& caller) {
  return caller.is_platform_admin() || caller.has_role("trs.analyst") || caller.has_role("trs.officer");
}

bool sees_every_branch(const core::Principal& caller) { return may_manage_studies(caller); }

}  // namespace hq::trs
