// JSON and text renderings of a Report (the .xlsx one is in report_xlsx.cpp).
#include <cstdio>

#include "core/fields.h"
#include "trs/engine/intervals.h"
#include "trs/engine/report.h"
#include "trs/engine/report_labels.h"
#include "trs/engine/text_util.h"

namespace hq::trs {
namespace {

using nlohmann::json;

// With n = 0 the numbers are 0 (as in the spec's contract example) and the h:mm:ss texts null.
json hours_or_null(std::size_t n, double v) { return n ? v : 0.0; }

void put_summary(json& j, const Summary& s) {
  j["n"] = s.n;
  j["mean_hours"] = hours_or_null(s.n, s.mean_hours);
  j["p25_hours"] = hours_or_null(s.n, s.p25_hours);
  j["median_hours"] = hours_or_null(s.n, s.median_hours);
  j["p75_hours"] = hours_or_null(s.n, s.p75_hours);
  j["p90_hours"] = hours_or_null(s.n, s.p90_hours);
  j["p95_hours"] = hours_or_null(s.n, s.p95_hours);
  j["min_hours"] = hours_or_null(s.n, s.min_hours);
  j["max_hours"] = hours_or_null(s.n, s.max_hours);
  j["within_1h"] = hours_or_null(s.n, s.within_1h);
  j["within_4h"] = hours_or_null(s.n, s.within_4h);
  j["within_24h"] = hours_or_null(s.n, s.within_24h);
  j["within_48h"] = hours_or_null(s.n, s.within_48h);
  j["mean_hms"] = s.n ? json(format_hms(s.mean_hours)) : json(nullptr);
  j["median_hms"] = s.n ? json(format_hms(s.median_hours)) : json(nullptr);
  j["p90_hms"] = s.n ? json(format_hms(s.p90_hours)) : json(nullptr);
}

json issue_json(const Issue& i) {
  json j = {{"line", i.line},
            {"declaration_no", to_valid_utf8(i.declaration_no)},
            {"code", i.code},
            {"message", to_valid_utf8(i.message)}};
  if (!i.column.empty()) j["column"] = i.column;
  if (!i.value.empty()) j["value"] = to_valid_utf8(i.value);
  if (!i.interval.empty()) j["interval"] = i.interval;
  if (!i.source.empty()) j["source"] = i.source;
  return j;
}

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json intervals_json() {
  json out = json::array();
  for (const IntervalDef& d : intervals()) {
    json spans = json::array();
    for (const IntervalSpan& s : d.spans) {
      json sj = {HQ_JSON_FIELDS(s, from, to)};
      if (!s.block.empty()) sj["block"] = s.block;
      if (!s.to_alt.empty()) sj["to_alt"] = s.to_alt;
      spans.push_back(sj);
    }
    out.push_back({HQ_JSON_FIELDS(d, id, name_vi, name_en),
                   {"flow", d.only_flow ? json(to_string(*d.only_flow)) : json("NK,XK")},
                   {"spans", spans}});
  }
  return out;
}

json stat_rows_json(const std::vector<StatRow>& rows) {
  json out = json::array();
  for (const StatRow& row : rows) {
    json j = {HQ_JSON_FIELDS(row, interval, flow, by, group)};
    put_summary(j, row.stats);
    out.push_back(std::move(j));
  }
  return out;
}

std::string clock_text(int seconds) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", seconds / 3600 % 100, seconds / 60 % 60);
  return buf;
}

// The office hours as text: "T2–T6 07:30–11:30, 13:00–17:00".
std::string working_week_text(const WorkingWeek& w) {
  static constexpr const char* kDays[] = {"CN", "T2", "T3", "T4", "T5", "T6", "T7"};
  std::string days, windows;
  for (std::size_t d = 0; d < 7; ++d)
    if (w.days[(d + 1) % 7]) days += (days.empty() ? "" : ",") + std::string(kDays[(d + 1) % 7]);
  for (const auto& [b, e] : w.windows) windows += (windows.empty() ? "" : ", ") + clock_text(b) + "–" + clock_text(e);
  return days + " " + windows;
}

json settings_json(const AnalysisSettings& s) {
  json j = {HQ_JSON_FIELDS(s, world_bank_branches, skip_invalid, bootstrap_resamples, bootstrap_max_n, seed)};
  if (const auto& st = s.study) {
    j["study"] = {{"week_start", core::format_date(st->week_start)},
                  {"week_end", core::format_date(core::add_days(st->week_start, 5))},
                  {"excluded_type_codes", st->excluded_type_codes},
                  {"branches", st->branches},
                  {"follow_up_limit", st->follow_up_limit ? json(core::format_iso8601(*st->follow_up_limit))
                                                          : json(nullptr)}};
    if (st->period_begin) j["study"]["period_begin"] = core::format_iso8601(*st->period_begin);
    if (st->period_end) j["study"]["period_end"] = core::format_iso8601(*st->period_end);
    if (!st->sampling_rules.empty()) {
      json rules = json::object();
      for (const auto& [branch, rule] : st->sampling_rules) rules[branch] = to_string(rule);
      j["study"]["sampling_rules"] = rules;
    }
  }
  return j;
}

// ------------------------------------------------------------------------------------------------ text

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}
std::string pad(std::string_view s, std::size_t width, bool right = false) {
  const std::size_t w = display_width(s);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
}
std::string pct(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}
std::string num(double v, int decimals = 2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

void text_stats_header(std::ostream& out) {
  out << "  " << pad("Nhóm", 40) << pad("n", 8, true) << pad("Trung bình", 13, true) << pad("Trung vị", 13, true)
      << pad("P75", 13, true) << pad("P90", 13, true) << pad("P95", 13, true) << pad("Nhỏ nhất", 13, true)
      << pad("Lớn nhất", 13, true) << pad("≤1h", 8, true) << pad("≤4h", 8, true) << pad("≤24h", 8, true)
      << pad("≤48h", 8, true) << '\n';
}
void text_stats_line(std::ostream& out, std::string_view label, const Summary& s) {
  out << "  " << pad(label, 40) << pad(std::to_string(s.n), 8, true);
  if (s.n == 0) {
    out << '\n';
    return;
  }
  for (double h : {s.mean_hours, s.median_hours, s.p75_hours, s.p90_hours, s.p95_hours, s.min_hours, s.max_hours})
    out << pad(format_hms(h), 13, true);
  for (double w : {s.within_1h, s.within_4h, s.within_24h, s.within_48h}) out << pad(pct(w), 8, true);
  out << '\n';
}

}  // namespace

namespace {

// A JSON string as nlohmann's dump(-1, ' ', false, replace) writes it: UTF-8 as is, the two-character escapes,
// other control characters as \u00xx (lower-case hex). Text that is not valid UTF-8 goes through nlohmann.
void append_json_string(std::string& out, std::string_view s) {
  if (!core::is_valid_utf8(s)) {
    out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  for (std::size_t k = 0; k < s.size(); ++k) {
    const auto c = static_cast<unsigned char>(s[k]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, k - plain);
    plain = k + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

// One issue as issue_json(i).dump() writes it: keys in nlohmann's (sorted) order, optional ones only when set.
void append_issue(std::string& out, const Issue& i) {
  const auto field = [&](const char* key, std::string_view value, bool comma = true) {
    if (comma) out += ',';
    out += '"';
    out += key;
    out += "\":";
    append_json_string(out, value);
  };
  out += '{';
  field("code", i.code, false);
  if (!i.column.empty()) field("column", i.column);
  field("declaration_no", to_valid_utf8(i.declaration_no));
  if (!i.interval.empty()) field("interval", i.interval);
  out += ",\"line\":";
  out += std::to_string(i.line);
  field("message", to_valid_utf8(i.message));
  if (!i.source.empty()) field("source", i.source);
  if (!i.value.empty()) field("value", to_valid_utf8(i.value));
  out += '}';
}

json build_json(const Report& r, bool with_issues);

}  // namespace

json to_json(const Report& r) { return build_json(r, true); }

std::string to_json_text(const Report& r, const json& extra) {
  json j = build_json(r, false);
  if (extra.is_object())
    for (const auto& [key, value] : extra.items()) j[key] = value;
  std::string out;
  out.reserve(4096 + r.issues.size() * 256);
  out += '{';
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {  // the keys in nlohmann's order, as dump() would write them
    if (!first) out += ',';
    first = false;
    append_json_string(out, it.key());
    out += ':';
    if (it.key() != "issues") {
      out += it->dump(-1, ' ', false, json::error_handler_t::replace);
      continue;
    }
    out += '[';
    for (std::size_t k = 0; k < r.issues.size(); ++k) {
      if (k) out += ',';
      append_issue(out, r.issues[k]);
    }
    out += ']';
  }
  out += '}';
  return out;
}

namespace {

json build_json(const Report& r, bool with_issues) {
  json rows = stat_rows_json(r.rows);
  json issues = json::array();
  if (with_issues)
    for (const Issue& i : r.issues) issues.push_back(issue_json(i));
  const RecordCounts& c = r.records;
  json out = {
      {"records", {HQ_JSON_FIELDS(c, total, analysed, excluded, incomplete)}},
      {"rows", std::move(rows)},
      {"issues", std::move(issues)},
  };
  out["issue_counts"] = r.issue_counts;
  out["issues_omitted"] = r.issues_omitted;
  out["exclusions"] = {
      HQ_JSON_FIELDS(c, rejected_rows, invalid_rows, no_flow, duplicates, outside_week, excluded_type, other_branch)};
  json wb = json::array();
  for (const WorldBankRow& w : r.world_bank) {
    json j = {HQ_JSON_FIELDS(w, id, description_vi, interval, flow)};
    put_summary(j, w.stats);
    wb.push_back(std::move(j));
  }
  out["world_bank"] = std::move(wb);
  json attribution = json::array();
  for (const AttributionRow& a : r.attribution)
    attribution.push_back({HQ_JSON_FIELDS(a, interval, flow, group, n, mean_hours, customs_hours, agencies_hours,
                                          declarant_hours, customs_share, agencies_share, declarant_share)});
  out["attribution"] = std::move(attribution);
  json delays = json::array();
  for (const DelayReasonRow& d : r.delay_reasons)
    delays.push_back({HQ_JSON_FIELDS(d, flow, reason),
                      {"label_vi", delay_reason_label(d.reason)},
                      HQ_JSON_FIELDS(d, count, share, t2_n),
                      {"t2_median_hours", opt(d.t2_median_hours)}});
  out["delay_reasons"] = std::move(delays);
  json curves = json::array();
  for (const CumulativeRow& cr : r.cumulative) {
    json points = json::array();
    for (const auto& [h, share] : cr.points) points.push_back({{"hours", h}, {"share", share}});
    curves.push_back({HQ_JSON_FIELDS(cr, interval, flow, group, n), {"points", points}});
  }
  out["cumulative"] = std::move(curves);
  json cis = json::array();
  for (const MedianCiRow& m : r.median_ci)
    cis.push_back({HQ_JSON_FIELDS(m, interval, flow, by, group, n, median_hours),
                   {"ci_low_hours", m.ci.low_hours},
                   {"ci_high_hours", m.ci.high_hours},
                   {"confidence", 0.95},
                   {"method", m.ci.method},
                   {"resamples", m.ci.resamples}});
  out["median_ci"] = std::move(cis);
  if (const auto& w = r.settings.working_week) {
    json windows = json::array();
    for (const auto& [b, e] : w->windows) windows.push_back(clock_text(b) + "-" + clock_text(e));
    json days = json::array();
    for (std::size_t d = 0; d < 7; ++d)
      if (w->days[d]) days.push_back(d);  // 0 = Sunday
    out["working_hours"] = {{"description_vi", "Thời gian tính theo giờ hành chính: " + working_week_text(*w)},
                            {"weekdays", days},
                            {"windows", windows},
                            {"rows", stat_rows_json(r.working_rows)}};
  }
  out["intervals"] = intervals_json();
  out["settings"] = settings_json(r.settings);
  const auto agency_rows = [](const std::vector<AgencyResultRow>& rows, bool with_ministry) {
    json list = json::array();
    for (const AgencyResultRow& a : rows) {
      json j = {{"agency", to_valid_utf8(a.agency)}, HQ_JSON_FIELDS(a, flow, n, share_n, release_share)};
      if (a.outside_window) j["outside_window"] = a.outside_window;
      if (with_ministry) j["ministry"] = a.ministry.empty() ? json(nullptr) : json(to_valid_utf8(a.ministry));
      const std::pair<const char*, const Summary*> parts[] = {{"registration_to_sampling", &a.registration_to_sampling},
                                                              {"sampling_to_result", &a.sampling_to_result},
                                                              {"registration_to_result", &a.registration_to_result},
                                                              {"result_to_handover", &a.result_to_handover},
                                                              {"registration_to_handover", &a.registration_to_handover}};
      for (const auto& [name, summary] : parts) {
        json part;
        put_summary(part, *summary);
        j[name] = std::move(part);
      }
      list.push_back(std::move(j));
    }
    return list;
  };
  const bool by_ministry = !r.settings.agency_ministries.empty();
  json agencies = agency_rows(r.agencies, by_ministry);
  if (by_ministry) out["ministries"] = agency_rows(r.ministries, false);
  out["agencies"] = std::move(agencies);
  if (r.settings.study) {
    json sampling = json::array();
    for (const SamplingRow& sr : r.sampling)
      sampling.push_back({{"branch", sr.branch.empty() ? json(nullptr) : json(sr.branch)},
                          {"rule", to_string(sr.rule)},
                          HQ_JSON_FIELDS(sr, records, t3_kept, t3_left_out)});
    out["sampling"] = std::move(sampling);
  }
  return out;
}

}  // namespace

json to_json(std::span<const ComparisonRow> rows) {
  json out = json::array();
  for (const ComparisonRow& c : rows)
    out.push_back({HQ_JSON_FIELDS(c, interval, flow, by, group, n_a, n_b),
                   {"median_hours_a", opt(c.median_a)},
                   {"median_hours_b", opt(c.median_b)},
                   {"mean_hours_a", opt(c.mean_a)},
                   {"mean_hours_b", opt(c.mean_b)},
                   {"median_change_hours", opt(c.median_change_hours)},
                   {"median_change_pct", opt(c.median_change_pct)},
                   {"mean_change_hours", opt(c.mean_change_hours)},
                   {"mean_change_pct", opt(c.mean_change_pct)}});
  return out;
}

void write_text(std::ostream& out, const Report& r, std::span<const ComparisonRow> comparison) {
  const RecordCounts& c = r.records;
  out << "BÁO CÁO ĐO THỜI GIAN GIẢI PHÓNG HÀNG\n";
  out << "Tờ khai: tổng " << c.total << " · phân tích " << c.analysed << " · loại khỏi mẫu " << c.excluded
      << " · chưa đủ thông tin " << c.incomplete << "\n";
  out << "(thời gian dạng giờ:phút:giây; ≤1h… = tỷ lệ hoàn thành trong 1, 4, 24, 48 giờ)\n";

  std::string current;
  for (const StatRow& row : r.rows) {
    const std::string head = row.interval + " " + row.flow;
    if (head != current) {
      current = head;
      const IntervalDef& d = intervals()[static_cast<std::size_t>(interval_index(row.interval))];
      out << "\n" << row.interval << " — " << d.name_vi << " — " << flow_label(row.flow);
      if (row.stats.n == 0) {  // an "all" row without observations: no table
        out << ": không có quan sát\n";
        continue;
      }
      out << "\n";
      text_stats_header(out);
    }
    const std::string label =
        row.by == "all" ? "Toàn bộ" : std::string(by_label(row.by)) + ": " + std::string(group_label(row.by, row.group));
    text_stats_line(out, label, row.stats);
  }

  if (r.settings.working_week && !r.working_rows.empty()) {
    out << "\nTHỜI GIAN TÍNH THEO GIỜ HÀNH CHÍNH (" << working_week_text(*r.settings.working_week) << ")\n";
    text_stats_header(out);
    for (const StatRow& row : r.working_rows)
      if (row.stats.n > 0)
        text_stats_line(out, row.interval + " " + row.flow + " " + std::string(group_label(row.by, row.group)),
                        row.stats);
  }

  out << "\nCHỈ SỐ NGÂN HÀNG THẾ GIỚI (Doing Business)\n";
  text_stats_header(out);
  for (const WorldBankRow& w : r.world_bank) {
    out << "  " << w.id << " " << w.description_vi << "\n";
    text_stats_line(out, w.interval + " " + w.flow, w.stats);
  }

  out << "\nPHÂN BỔ THỜI GIAN (trung bình mỗi tờ khai)\n";
  out << "  " << pad("Khoảng", 16) << pad("Nhóm", 10) << pad("n", 8, true) << pad("Tổng", 13, true)
      << pad("Hải quan", 18, true) << pad("Cơ quan khác", 18, true) << pad("Người khai", 18, true) << '\n';
  for (const AttributionRow& a : r.attribution)
    out << "  " << pad(a.interval + " " + a.flow, 16) << pad(a.group, 10) << pad(std::to_string(a.n), 8, true)
        << pad(format_hms(a.mean_hours), 13, true)
        << pad(format_hms(a.customs_hours) + " " + pct(a.customs_share), 18, true)
        << pad(format_hms(a.agencies_hours) + " " + pct(a.agencies_share), 18, true)
        << pad(format_hms(a.declarant_hours) + " " + pct(a.declarant_share), 18, true) << '\n';

  out << "\nLÝ DO ẢNH HƯỞNG ĐẾN THỜI GIAN\n";
  for (const DelayReasonRow& d : r.delay_reasons)
    out << "  " << pad(d.flow, 4) << pad(delay_reason_label(d.reason), 58) << pad(std::to_string(d.count), 8, true)
        << pad(pct(d.share), 8, true) << "  T2 trung vị "
        << (d.t2_median_hours ? format_hms(*d.t2_median_hours) : std::string("—")) << " (n=" << d.t2_n << ")\n";

  out << "\nĐƯỜNG TÍCH LŨY (tỷ lệ hoàn thành trong x giờ)\n  " << pad("", 20);
  for (double h : kCurveHours) out << pad(num(h, h < 1 ? 2 : 0) + "h", 7, true);
  out << '\n';
  for (const CumulativeRow& cr : r.cumulative) {
    out << "  " << pad(cr.interval + " " + cr.flow + " " + cr.group, 20);
    for (const auto& p : cr.points) out << pad(pct(p.second), 7, true);
    out << '\n';
  }

  out << "\nKHOẢNG TIN CẬY 95% CỦA TRUNG VỊ\n";
  for (const MedianCiRow& m : r.median_ci)
    out << "  " << pad(m.interval + " " + m.flow + " " + (m.by == "all" ? std::string("all") : m.group), 22)
        << pad("n=" + std::to_string(m.n), 10, true) << "  " << format_hms(m.median_hours) << "  ["
        << format_hms(m.ci.low_hours) << " – " << format_hms(m.ci.high_hours) << "] " << m.ci.method << '\n';

  if (!comparison.empty()) {
    out << "\nSO SÁNH HAI BÁO CÁO (trung vị A → B; trung bình A → B)\n";
    for (const ComparisonRow& cr : comparison) {
      if (cr.by != "all" && cr.by != "channel") continue;
      out << "  " << pad(cr.interval + " " + cr.flow + " " + cr.group, 22)
          << pad(cr.median_a ? format_hms(*cr.median_a) : "—", 13, true) << " → "
          << pad(cr.median_b ? format_hms(*cr.median_b) : "—", 13, true)
          << (cr.median_change_pct ? "  " + num(*cr.median_change_pct, 1) + "%" : std::string()) << ";  "
          << pad(cr.mean_a ? format_hms(*cr.mean_a) : "—", 13, true) << " → "
          << pad(cr.mean_b ? format_hms(*cr.mean_b) : "—", 13, true)
          << (cr.mean_change_pct ? "  " + num(*cr.mean_change_pct, 1) + "%" : std::string()) << '\n';
    }
  }

  // The agencies' and the ministries' tables: medians of each step and the share of the release time.
  const auto agency_table = [&](const std::vector<AgencyResultRow>& rows, std::string_view heading) {
    if (rows.empty()) return;
    out << "\n" << heading << " (trung vị: đăng ký → lấy mẫu → kết quả → giao hải quan; tỷ trọng trong thời gian "
                               "giải phóng hàng)\n";
    const auto med = [](const Summary& s) { return s.n ? format_hms(s.median_hours) : std::string("—"); };
    for (const AgencyResultRow& a : rows)
      out << "  " << pad(a.agency, 40) << pad(a.flow, 4) << pad("n=" + std::to_string(a.n), 8, true)
          << pad(med(a.registration_to_sampling), 12, true) << pad(med(a.sampling_to_result), 12, true)
          << pad(med(a.result_to_handover), 12, true) << pad(med(a.registration_to_handover), 12, true)
          << pad(a.share_n ? pct(a.release_share) : "—", 9, true) << '\n';
  };
  agency_table(r.agencies, "CƠ QUAN KIỂM TRA CHUYÊN NGÀNH");
  agency_table(r.ministries, "BỘ, NGÀNH");

  if (!r.sampling.empty()) {
    out << "\nCHỌN MẪU KHOẢNG (3) THEO CHI CỤC (FULL_WEEK: cả tuần; WED_FRI: thứ Tư – thứ Sáu và mọi tờ khai "
           "có kiểm tra chuyên ngành)\n";
    for (const SamplingRow& sr : r.sampling)
      out << "  " << pad(sr.branch.empty() ? "(không ghi)" : sr.branch, 12) << pad(to_string(sr.rule), 11)
          << pad(std::to_string(sr.records), 9, true) << " tờ khai, giữ " << sr.t3_kept << ", bỏ " << sr.t3_left_out
          << '\n';
  }

  out << "\nVẤN ĐỀ DỮ LIỆU\n";
  for (const auto& [code, n] : r.issue_counts) out << "  " << pad(code, 24) << n << '\n';
  constexpr std::size_t kShown = 200;
  std::size_t shown = 0;
  for (const Issue& i : r.issues) {
    if (shown++ == kShown) break;
    out << "  - [" << i.code << "] " << i.message << '\n';
  }
  const std::size_t hidden = r.issues_omitted + (r.issues.size() > kShown ? r.issues.size() - kShown : 0);
  if (hidden) out << "  … và " << hidden << " vấn đề khác (xem báo cáo JSON hoặc bảng tính).\n";
}

}  // namespace hq::trs
