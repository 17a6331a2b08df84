#include "audit/risk/service.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <numeric>
#include <tuple>
#include <cstdio>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "audit/risk/proposal_link.h"
#include "audit/rules.h"
#include "core/error.h"
#include "core/text.h"
#include "core/validation.h"
#include "db/database.h"
#include "history/history_store.h"
#include "sheets/xlsx_rows.h"

namespace hq::audit::risk {

namespace {

constexpr std::int64_t kMaxPeriodDays = 3 * 366 + 1;  // a run or a profile covers at most three years
constexpr std::size_t kProgressRows = 65536;

void require_audit_user(const core::Principal& caller) {
  if (!is_audit_user(caller)) core::forbidden("Chức năng này dành cho công chức và lãnh đạo kiểm tra sau thông quan.");
}

std::string department_path(soci::session& sql) { return store::unit_path(sql, kAuditDepartmentCode); }

bool nationwide(const core::Principal& caller, const std::string& department) {
  return caller.is_platform_admin() || (is_audit_user(caller) && !department.empty() && in_audit_department(caller, department));
}

// The Cục a unit path belongs to: its first two levels ("/1/4/9/" → "/1/4/"); shorter paths stay as they are.
std::string cuc_prefix(const std::string& path) {
  std::size_t slashes = 0;
  for (std::size_t i = 0; i < path.size(); ++i)
    if (path[i] == '/' && ++slashes == 3) return path.substr(0, i + 1);
  return path;
}

bool may_read_run(const core::Principal& caller, const store::RunRow& run, const std::string& department) {
  return is_audit_user(caller) && may_use_run(caller, run.unit_path, nationwide(caller, department));
}

void check_period(const core::Date& from, const core::Date& to) {
  if (from > to) core::bad_input("INVALID_PERIOD", "Ngày bắt đầu («from») phải trước hoặc bằng ngày kết thúc («to»).");
  if (core::days_from_civil(to) - core::days_from_civil(from) > kMaxPeriodDays)
    core::bad_input("PERIOD_TOO_LONG", "Kỳ phân tích dài tối đa ba năm.");
}

std::string canonical_tax_code(const std::string& text) {
  const auto code = core::parse_tax_code(text);
  if (!code) core::bad_input("INVALID_TAX_CODE", core::tax_code_problem(text), {{"field", "tax_code"}});
  return code->canonical;
}

std::string fingerprint(const std::vector<Candidate>& list) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the ranked list
  const auto mix = [&](const std::string& s) {
    for (const unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0x1F) * 1099511628211ULL;
  };
  char buffer[64];
  for (const auto& c : list) {
    mix(c.tax_code), mix(c.klass), mix(c.excluded_reason);
    std::snprintf(buffer, sizeof buffer, "%.6f", c.score);
    mix(buffer);
    for (const auto& r : c.reasons) {
      std::snprintf(buffer, sizeof buffer, "%.6f/%.6f", r.value, r.points);
      mix(r.code), mix(buffer);
    }
  }
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

nlohmann::json indicators_json(const CriteriaSet& set) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : set.indicators) list.push_back({{"code", s.code}, {"weight", s.weight}, {"threshold", s.threshold}});
  return list;
}

CriteriaSetView view_of(const store::CriteriaSetRow& row) {
  CriteriaSetView v;
  v.set.id = row.id, v.set.version = row.version, v.set.name = row.name;
  v.set.min_declarations = row.min_declarations, v.set.material_value = row.material_value;
  v.set.cutoff_audit = row.cutoff_audit, v.set.cutoff_monitor = row.cutoff_monitor;
  const auto list = nlohmann::json::parse(row.indicators, nullptr, false);
  if (list.is_array())
    for (const auto& i : list) v.set.indicators.push_back({i.value("code", ""), i.value("weight", 0.0), i.value("threshold", 1.0)});
  v.created_by = row.created_by, v.created_at = row.created_at;
  return v;
}

// The year the exclusions read (key list, approved this year) and the 5-year window of past audits.
struct Frame {
  RunWindow window;
  std::int64_t year = 0, since_at = 0;
  std::string since_on, until_on;
};
Frame frame_of(const core::Date& from, const core::Date& to, std::int64_t now) {
  Frame f;
  f.window = run_window(from, to);
  f.year = core::to_local(now).date.year;
  core::Date since{to.year - kAuditWindowYears, to.month, std::min(to.day, core::days_in_month(to.year - kAuditWindowYears, to.month))};
  since = core::add_days(since, 1);
  f.since_on = core::format_date(since);
  f.until_on = core::format_date(to);
  f.since_at = core::from_local({since, 0, 0, 0});
  return f;
}

// A batch of checked lines from the parsing thread; `issues_so_far` counts every bad cell up to its end.
struct LineBatch {
  std::vector<DeclarationLine> lines;
  std::vector<CellIssue> issues;
  std::int64_t rows = 0, skipped = 0, issues_so_far = 0;
};
constexpr std::size_t kBatchLines = 8192;

// A bounded queue of batches between the two stages (at most 8 in flight: the memory of a huge import stays
// flat).
class LineQueue {
 public:
  void push(LineBatch batch) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return closed_ || items_.size() < 8; });
    if (closed_) return;
    items_.push_back(std::move(batch));
    ready_.notify_one();
  }
  bool pop(LineBatch& out) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return false;
    out = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return true;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
    space_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<LineBatch> items_;
  bool closed_ = false;
};

}  // namespace

RunWindow run_window(const core::Date& from, const core::Date& to) {
  RunWindow w;
  w.from_at = core::from_local({from, 0, 0, 0});
  w.to_at = core::from_local({core::add_days(to, 1), 0, 0, 0});
  w.previous_from_at = w.from_at - (w.to_at - w.from_at);
  return w;
}

// ---- import ----

ImportResult RiskService::import_declarations(const core::Principal* caller, std::string_view body,
                                              const ImportOptions& options) {
  if (caller) {
    const std::string department = db_.read([](soci::session& sql) { return department_path(sql); });
    if (!nationwide(*caller, department))
      core::forbidden("Chỉ công chức Cục Kiểm tra sau thông quan (hoặc quản trị hệ thống) được nhập dữ liệu tờ khai.");
  }
  if (body.empty()) core::bad_input("EMPTY_IMPORT", "Tệp rỗng: cần dòng tiêu đề và các dòng tờ khai.");
  const bool xlsx = sheets::has_zip_signature(body);
  return db_.transaction([&](soci::session& sql) {
    auto writer = store::line_writer(sql, static_cast<std::int64_t>(body.size() / 100));  // ~100 bytes a line
    ImportResult result;
    std::optional<LineDecoder> decoder;
    DeclarationLine line;
    std::vector<CellIssue> row_issues;
    const auto on_row = [&](std::int64_t row, const std::vector<std::string_view>& cells) {
      if (!decoder) {
        decoder.emplace(cells);
        return;
      }
      ++result.rows;
      row_issues.clear();
      if (decoder->decode(row, cells, line, row_issues)) {
        ++result.imported;
        if (result.issue_count == 0 || options.skip_invalid) writer->add(line);
      } else {
        ++result.skipped;
        result.issue_count += static_cast<std::int64_t>(row_issues.size());
        for (auto& issue : row_issues)
          if (result.issues.size() < kListedIssues) result.issues.push_back(std::move(issue));
      }
    };
    if (xlsx) {
      std::vector<std::string> texts;
      std::vector<std::string_view> views;
      sheets::read_xlsx_cells_from_bytes(body, [&](std::size_t row, const std::vector<sheets::Cell>& cells) {
        texts.clear();
        for (const auto& c : cells) {
          texts.push_back(c.text);
          // A tax code typed as a number lost its leading zero in Excel: nine digits get it back.
          if (c.kind == sheets::Cell::Kind::Number && c.text.size() == 9) texts.back().insert(0, "0");
        }
        views.assign(texts.begin(), texts.end());
        on_row(static_cast<std::int64_t>(row), views);
        if (options.progress && result.rows % kProgressRows == 0) options.progress(0, body.size());
      });
    } else {
      // Two stages on two cores: a thread splits and checks the rows, this one writes them in order.
      LineQueue queue;
      std::atomic<bool> cancelled{false};
      std::exception_ptr parse_error;
      std::thread parser([&] {
        try {
          LineBatch batch;
          std::int64_t issues = 0;
          DeclarationLine decoded;
          std::vector<CellIssue> found;
          // In the table's key order (this stage's core, not the writer's): see order_by_key.
          const auto send = [&](LineBatch& full) {
            order_by_key(full.lines);
            queue.push(std::exchange(full, LineBatch{}));
            full.lines.reserve(kBatchLines);  // no regrowth while filling
          };
          batch.lines.reserve(kBatchLines);
          each_csv_record(
              body,
              [&](std::int64_t row, const std::vector<std::string_view>& cells) {
                if (cancelled) throw std::runtime_error("cancelled");
                if (!decoder) return decoder.emplace(cells), void();
                ++batch.rows;
                found.clear();
                if (decoder->decode(row, cells, decoded, found)) {
                  batch.lines.push_back(decoded);
                } else {
                  ++batch.skipped;
                  issues += static_cast<std::int64_t>(found.size());
                  for (auto& issue : found) batch.issues.push_back(std::move(issue));
                }
                batch.issues_so_far = issues;
                if (batch.lines.size() + batch.issues.size() >= kBatchLines) send(batch);
              },
              [&](std::size_t done) {
                if (options.progress) options.progress(done, body.size());
              });
          send(batch);
        } catch (...) {
          parse_error = std::current_exception();
        }
        queue.close();
      });
      try {
        LineBatch batch;
        while (queue.pop(batch)) {
          result.rows += batch.rows;
          result.skipped += batch.skipped;
          result.imported += static_cast<std::int64_t>(batch.lines.size());
          result.issue_count = batch.issues_so_far;
          for (auto& issue : batch.issues)
            if (result.issues.size() < kListedIssues) result.issues.push_back(std::move(issue));
          if (result.issue_count == 0 || options.skip_invalid) writer->add_all(batch.lines);
        }
      } catch (...) {
        cancelled = true;
        queue.close();
        parser.join();
        throw;
      }
      parser.join();
      if (parse_error) std::rethrow_exception(parse_error);
    }
    if (!decoder || result.rows == 0)
      core::bad_input("EMPTY_IMPORT", "Tệp không có dòng tờ khai nào sau dòng tiêu đề.");
    nlohmann::json issues = nlohmann::json::array();
    for (const auto& i : result.issues)
      issues.push_back({{"row", i.row}, {"column", i.column}, {"value", i.value}, {"message", i.message}});
    if (result.issue_count > 0 && !options.skip_invalid)
      throw core::Error(core::ErrorKind::Unprocessable, "IMPORT_INVALID",
                        "Tệp có " + std::to_string(result.issue_count) + " ô không hợp lệ ở " +
                            std::to_string(result.skipped) + " dòng; chưa dòng nào được nhập. Hãy sửa các ô được liệt "
                            "kê, hoặc nhập với tùy chọn bỏ qua dòng lỗi (skip_invalid).",
                        {{"issues", issues}, {"issue_count", result.issue_count}, {"bad_rows", result.skipped},
                         {"rows", result.rows}});
    if (result.imported == 0)
      core::bad_input("NOTHING_IMPORTED", "Không dòng nào hợp lệ để nhập (" + std::to_string(result.skipped) + " dòng lỗi).",
                      {{"issues", issues}, {"issue_count", result.issue_count}});
    const std::int64_t created = writer->finish();
    result.replaced = result.imported - created;
    const history::Change change{"audit.declarations.import", "audit_declarations", "import",
                                 "Nhập trích xuất tờ khai: " + std::to_string(result.imported) + " dòng hàng (" +
                                     std::to_string(result.replaced) + " thay thế, " + std::to_string(result.skipped) +
                                     " dòng lỗi bỏ qua)"};
    if (caller) history::append(sql, *caller, change);
    else history::append_system(sql, change);
    return result;
  });
}

// ---- profile ----

Profile RiskService::profile(const core::Principal& caller, const std::string& tax_code_text, const core::Date& from,
                             const core::Date& to) {
  require_audit_user(caller);
  const std::string tax_code = canonical_tax_code(tax_code_text);
  check_period(from, to);
  const RunWindow w = run_window(from, to);
  return db_.read([&](soci::session& sql) {
    const std::string department = department_path(sql);
    Profile p;
    p.tax_code = tax_code, p.from = from, p.to = to;
    p.home_office = store::home_office(sql, tax_code, w.from_at, w.to_at);
    if (!nationwide(caller, department)) {
      // Outside the audit department: enterprises whose home office lies in the caller's area only.
      const std::string path = p.home_office.empty() ? "" : store::unit_path(sql, p.home_office);
      if (path.empty() || !(caller.sees_unit(path) || path.rfind(cuc_prefix(caller.unit_path), 0) == 0))
        core::not_found("Không có hồ sơ hoạt động của doanh nghiệp " + tax_code + " trong phạm vi đơn vị của bạn.");
    }
    const auto facts = store::enterprise_facts(sql, tax_code);
    p.name = facts.name, p.compliance_level = facts.compliance_level, p.key_years = facts.key_years;
    ActivityBuilder builder;
    store::enterprise_lines(sql, tax_code, w.from_at, w.to_at, [&](const DeclarationLine& l) { builder.add(l); });
    std::unordered_map<std::string, double> medians;
    for (auto& [heading, rates] : store::heading_rates(sql, builder.import_headings(), w.from_at, w.to_at))
      medians[heading] = median(std::move(rates));
    p.activity = builder.finish(medians);
    if (facts.id == 0 && p.activity.lines == 0)
      core::not_found("Không có doanh nghiệp " + tax_code + " trong danh bạ và không có tờ khai nào trong kỳ.");
    for (auto a : store::past_audits(sql, tax_code)) {
      if (!may_read_unit(caller, a.unit_path, department)) {  // another unit's audit: that it exists, when, by whom
        a.amount = a.collected = a.penalties = a.penalty_amount = a.complaints = 0;
        a.conclusion_number.clear(), a.conclusion_signed_on.clear(), a.conclusion_status = "RESTRICTED";
      }
      a.unit_path.clear();
      p.audits.push_back(std::move(a));
    }
    return p;
  });
}

// ---- criteria sets ----

CriteriaSetView RiskService::create_criteria_set(const core::Principal& caller, CriteriaSet set) {
  set.name = core::trim(set.name);
  check_criteria_set(set);
  return db_.transaction([&](soci::session& sql) {
    if (!may_keep_key_list(caller, department_path(sql)))
      core::forbidden("Chỉ lãnh đạo Cục Kiểm tra sau thông quan được ban hành bộ tiêu chí rủi ro.");
    store::CriteriaSetRow row;
    row.name = set.name;
    row.name_key = core::fold(set.name);
    row.version = store::next_version(sql, row.name_key);
    row.min_declarations = set.min_declarations, row.material_value = set.material_value;
    row.cutoff_audit = set.cutoff_audit, row.cutoff_monitor = set.cutoff_monitor;
    row.indicators = indicators_json(set).dump();
    row.created_by = caller.username, row.created_at = now();
    row.id = store::insert_criteria_set(sql, row);
    history::append(sql, caller, {"audit.risk.criteria_set.create", "audit_risk_criteria_set", std::to_string(row.id),
                                  "Ban hành bộ tiêu chí \"" + row.name + "\" phiên bản " + std::to_string(row.version)});
    return view_of(row);
  });
}

CriteriaSetView RiskService::criteria_set(const core::Principal& caller, std::int64_t id) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    const auto row = store::find_criteria_set(sql, id);
    if (!row) core::not_found("Không có bộ tiêu chí số " + std::to_string(id) + ".");
    return view_of(*row);
  });
}

RiskPage<CriteriaSetView> RiskService::criteria_sets(const core::Principal& caller, std::int64_t offset, std::int64_t limit) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    RiskPage<CriteriaSetView> page;
    for (const auto& row : store::list_criteria_sets(sql, offset, limit, page.total)) page.items.push_back(view_of(row));
    return page;
  });
}

// ---- runs ----

namespace {
// The computation's line pass is split by enterprise over two threads when there are two cores (the result is
// the same as one thread's: compute_indicators).
const unsigned kComputeThreads = std::thread::hardware_concurrency() >= 2 ? 2 : 1;
}  // namespace

std::vector<Candidate> RiskService::compute(const CriteriaSet& set, const core::Date& from, const core::Date& to,
                                            const std::string& unit_code, bool sql_reference, std::int64_t* evaluated) {
  const Frame f = frame_of(from, to, now());
  return db_.read([&](soci::session& sql) {
    auto facts = store::audit_facts(sql, f.year, f.since_on, f.until_on, f.since_at, f.window.to_at);
    std::vector<IndicatorValues> values;
    if (sql_reference) {
      values = store::reference_indicators(sql, f.window, set.min_declarations, f.since_on, f.until_on, f.since_at,
                                           f.window.to_at);
    } else {
      LineColumns columns;
      {
        // PostgreSQL reads a big table in two halves at once on a second session of our pool, taken only when
        // one is free (the check and the lease are not atomic: if another request takes the last one in
        // between, this waits for a session to come back, as any request does; every holder of two sessions
        // finishes without waiting for a third, so this cannot deadlock).
        std::optional<db::Database::Lease> second;
        if (db_.backend() == db::Backend::Postgres && db_.sessions_in_use() < db_.pool_size()) second.emplace(db_);
        store::load_lines(sql, f.window.previous_from_at, f.window.to_at, columns, second ? &**second : nullptr);
      }
      values = compute_indicators(columns, f.window, set.min_declarations, kComputeThreads);
      for (auto& v : values) {
        if (const auto it = facts.past_findings.find(v.tax_code); it != facts.past_findings.end()) v.past_findings = it->second;
        v.audited_5y = facts.audited.count(v.tax_code) > 0;
      }
    }
    std::unordered_set<std::string> offices;
    if (!unit_code.empty()) {
      const auto unit = store::find_unit(sql, unit_code);
      if (unit)
        for (auto& code : store::unit_codes_under(sql, unit->path)) offices.insert(std::move(code));
    }
    std::vector<Candidate> list;
    const Standing none;
    for (const auto& v : values) {
      if (!unit_code.empty() && !offices.count(v.home_office)) continue;
      if (evaluated) ++*evaluated;
      const auto it = facts.standing.find(v.tax_code);
      if (auto c = assess(set, v, it == facts.standing.end() ? none : it->second)) list.push_back(std::move(*c));
    }
    rank_candidates(list);
    return list;
  });
}

Preview RiskService::preview(const core::Principal& caller, const CriteriaSet& input, const core::Date& from,
                             const core::Date& to, const std::string& unit_code) {
  require_audit_user(caller);
  check_period(from, to);
  CriteriaSet set = input;
  if (set.name.empty()) set.name = "preview";
  // The preview counts every enterprise: the cut-offs only split the histogram.
  const double audit_cutoff = set.cutoff_audit, monitor_cutoff = set.cutoff_monitor;
  check_criteria_set(set);
  set.cutoff_monitor = 1e-12, set.cutoff_audit = max_score(set) + 1;
  Preview p;
  p.max = max_score(set);
  p.histogram.assign(10, 0);
  std::int64_t evaluated = 0;
  for (const auto& c : compute(set, from, to, unit_code, false, &evaluated)) {
    ++p.histogram[static_cast<std::size_t>(std::clamp(static_cast<int>(c.score / p.max * 10), 0, 9))];
    if (!c.excluded_reason.empty()) {
      if (c.score >= monitor_cutoff) ++p.excluded;
    } else if (c.score >= audit_cutoff) {
      ++p.audit;
    } else if (c.score >= monitor_cutoff) {
      ++p.monitor;
    }
  }
  p.evaluated = evaluated;
  p.histogram[0] += evaluated - std::accumulate(p.histogram.begin(), p.histogram.end(), std::int64_t{0});
  return p;
}

RunView RiskService::create_run(const core::Principal& caller, std::int64_t criteria_set_id, const core::Date& from,
                                const core::Date& to, const std::string& unit_code_in) {
  require_audit_user(caller);
  check_period(from, to);
  std::string unit_code = unit_code_in;
  const auto [set_row, unit, department] = db_.read([&](soci::session& sql) {
    return std::make_tuple(store::find_criteria_set(sql, criteria_set_id),
                           unit_code.empty() ? std::nullopt : store::find_unit(sql, unit_code), department_path(sql));
  });
  if (!set_row) core::not_found("Không có bộ tiêu chí số " + std::to_string(criteria_set_id) + ".");
  if (!unit_code.empty() && !unit)
    core::bad_input("INVALID_FIELD", "Không có đơn vị mã " + unit_code + ".", {{"field", "unit_code"}});
  if (unit && unit->code == kAuditDepartmentCode) unit_code.clear();  // the department's area is the country
  if (unit_code.empty()) {
    if (!nationwide(caller, department))
      core::forbidden("Chỉ Cục Kiểm tra sau thông quan chạy phân tích rủi ro toàn quốc; đơn vị khác chọn Cục của mình.");
  } else {
    if (unit->level != "CUC")
      core::bad_input("INVALID_FIELD", "Phạm vi phân tích là toàn quốc hoặc một Cục Hải quan; " + unit->code +
                                           " không phải cấp Cục.", {{"field", "unit_code"}});
    if (!nationwide(caller, department) && !caller.sees_unit(unit->path) && caller.unit_path.rfind(unit->path, 0) != 0)
      core::forbidden("Bạn chỉ được chạy phân tích rủi ro cho Cục của mình.");
  }
  const CriteriaSet set = view_of(*set_row).set;
  const auto started = std::chrono::steady_clock::now();
  std::int64_t evaluated = 0;
  const auto list = compute(set, from, to, unit_code, false, &evaluated);
  store::RunRow row;
  row.criteria_set_id = set.id, row.period_from = core::format_date(from), row.period_to = core::format_date(to);
  row.unit_code = unit_code, row.unit_path = unit_code.empty() ? "" : unit->path;
  row.year = core::to_local(now()).date.year;
  row.evaluated = evaluated;
  row.candidates = static_cast<std::int64_t>(list.size());
  for (const auto& c : list) (c.klass == "AUDIT" ? row.audit_count : row.monitor_count) += 1;
  row.fingerprint = fingerprint(list);
  row.created_by = caller.username, row.created_at = now();
  row.criteria_name = set.name, row.criteria_version = set.version;
  return db_.transaction([&](soci::session& sql) {
    row.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    row.id = store::insert_run(sql, row);
    store::insert_candidates(sql, row.id, list);
    history::append(sql, caller, {"audit.risk.run.create", "audit_risk_run", std::to_string(row.id),
                                  "Phân tích rủi ro theo bộ tiêu chí \"" + set.name + "\" v" + std::to_string(set.version) +
                                      ", kỳ " + row.period_from + " – " + row.period_to + ", " +
                                      (unit_code.empty() ? std::string("toàn quốc") : "Cục " + unit_code) + ": " +
                                      std::to_string(row.audit_count) + " đề xuất kiểm tra, " +
                                      std::to_string(row.monitor_count) + " theo dõi"});
    return RunView{row};
  });
}

RunView RiskService::run(const core::Principal& caller, std::int64_t id) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    const auto row = store::find_run(sql, id);
    if (!row || !may_read_run(caller, *row, department_path(sql)))
      core::not_found("Không có đợt phân tích rủi ro số " + std::to_string(id) + " trong phạm vi của bạn.");
    return RunView{*row};
  });
}

RiskPage<store::RunRow> RiskService::runs(const core::Principal& caller, std::int64_t offset, std::int64_t limit) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    const bool all = nationwide(caller, department_path(sql));
    RiskPage<store::RunRow> page;
    page.items = store::list_runs(sql, all ? "/" : cuc_prefix(caller.unit_path), all, offset, limit, page.total);
    return page;
  });
}

RiskPage<store::CandidateRow> RiskService::candidates(const core::Principal& caller, std::int64_t run_id,
                                                      const std::string& klass, std::int64_t offset, std::int64_t limit) {
  if (!klass.empty() && klass != "AUDIT" && klass != "MONITOR")
    core::bad_input("INVALID_PARAMETER", "Tham số «class» chỉ nhận AUDIT hoặc MONITOR.", {{"parameter", "class"}});
  run(caller, run_id);  // scope
  return db_.read([&](soci::session& sql) {
    RiskPage<store::CandidateRow> page;
    page.items = store::candidates(sql, run_id, klass, offset, limit, page.total);
    return page;
  });
}

std::vector<FeedbackBand> RiskService::feedback(const core::Principal& caller, std::int64_t criteria_set_id) {
  const CriteriaSet set = criteria_set(caller, criteria_set_id).set;
  const double max = max_score(set);
  std::vector<FeedbackBand> bands(5);
  for (std::size_t b = 0; b < bands.size(); ++b) bands[b].from = max * double(b) / 5, bands[b].to = max * double(b + 1) / 5;
  for (const auto& o : db_.read([&](soci::session& sql) { return store::outcomes(sql, criteria_set_id); })) {
    FeedbackBand& band = bands[static_cast<std::size_t>(score_band(o.score, max))];
    ++band.proposals;
    if (!o.concluded) continue;
    ++band.concluded;
    if (o.amount > 0) ++band.with_findings, band.amount += o.amount;
  }
  for (auto& b : bands) {
    b.hit_rate = b.concluded ? double(b.with_findings) / double(b.concluded) : 0;
    b.amount_per_audit = b.concluded ? double(b.amount) / double(b.concluded) : 0;
  }
  return bands;
}

}  // namespace hq::audit::risk
