// What a stored study reports: the follow-up of incomplete records, the report (kept ready, report_cache_store.h)
// and the list sent to the agencies (study_service.h).
#include <algorithm>
#include <memory>

#include "core/ordered_pipeline.h"
#include "platform/calendar_store.h"
#include "trs/study/agency_store.h"
#include "trs/study/report_cache_store.h"
#include "trs/study/study_access.h"
#include "trs/study/study_service.h"

namespace hq::trs {

using namespace study_detail;

FollowUp StudyService::follow_up(const core::Principal& caller, std::int64_t id) {
  require_user(caller);
  return db_.read([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    const auto filter = scope(sql, &caller, study);
    const auto calendar = platform::load_calendar(sql);
    FollowUp f;
    f.limit = follow_up_limit(calendar, study.config.week_start, study.config.follow_up_days);
    f.today = core::to_local(core::now()).date;
    f.days_left = calendar.working_days_between(f.today, core::to_local(f.limit - 1).date);
    std::map<std::string, std::size_t> index;
    for (const auto& b : study.config.branches) {
      if (!in_scope(filter, b.code)) continue;
      index[b.code] = f.branches.size();
      f.branches.push_back({b.code, b.route, 0, 0, {}});
    }
    Record r;
    store::scan_records(sql, id, filter, [&](const store::RecordRow& row) {
      if (!decode_cells(row.cells, r)) return;
      const auto it = index.find(r.branch_code);
      if (it == index.end()) return;
      FollowUpBranch& b = f.branches[it->second];
      ++b.records;
      std::vector<std::string_view> missing;
      if (!incomplete_at(r, f.limit, &missing)) return;
      ++b.incomplete;
      if (b.items.size() >= 500) return;
      FollowUpItem item{r.declaration_no, r.flow ? std::string(to_string(*r.flow)) : "", r.registered_at, {}};
      for (auto m : missing) item.missing.emplace_back(m);
      b.items.push_back(std::move(item));
    });
    return f;
  });
}

namespace {

// Stored rows on their way to the analyzer: read on the calling thread, decoded and prepared on workers.
struct StoredBatch {
  static constexpr std::size_t kRows = 4096;
  std::size_t size = 0;
  std::vector<std::int64_t> lines;
  std::vector<std::string> cells;
  std::vector<char> readable;  // decode_cells succeeded
  Record record;  // every row is decoded into it and prepared there (prepare keeps what on_prepared reads)
  std::vector<std::unique_ptr<PreparingSink::Prepared>> prepared;
};

void decode_and_prepare(const Analyzer& analyzer, const ReturnsOverlay& overlay, StoredBatch& b) {
  b.readable.assign(b.size, 0);
  while (b.prepared.size() < b.size) b.prepared.push_back(analyzer.make_prepared());
  for (std::size_t i = 0; i < b.size; ++i) {
    Record& r = b.record;
    if (!decode_cells(b.cells[i], r)) continue;
    r.meta = RecordMeta{static_cast<std::size_t>(b.lines[i])};
    overlay.apply(r);  // the agencies' returned data (agency_rules.h)
    b.readable[i] = 1;
    analyzer.prepare(r, *b.prepared[i]);
  }
}

}  // namespace

Report StudyService::report(const core::Principal* caller, std::int64_t id) {
  if (caller) require_user(*caller);
  return report_in(id, [&](soci::session& sql, const store::Study& study) { return scope(sql, caller, study); });
}

Report StudyService::report_in(std::int64_t id, const ScopeOf& scope_of) {
  return db_.read([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    const auto filter = scope_of(sql, study);
    const ReturnsOverlay overlay = agency_store::load_overlay(sql, id);
    AnalysisSettings settings = analysis_settings(study.config, limit_of(sql, study), filter ? *filter : branch_codes(study));
    settings.agency_ministries = overlay.ministries();
    settings.border_guard_agency = overlay.border_guard_name();
    settings.week_window_agencies = overlay.week_window_names();
    Analyzer analyzer(std::move(settings));
    const std::size_t workers = default_decode_threads();
    core::OrderedPipeline<StoredBatch> pipeline(
        workers, 2 * workers + 2, [&](StoredBatch& b) { decode_and_prepare(analyzer, overlay, b); },
        [&](StoredBatch& b) {
          for (std::size_t i = 0; i < b.size; ++i)
            if (b.readable[i]) analyzer.on_prepared(*b.prepared[i]);
        });
    StoredBatch* batch = nullptr;
    store::scan_records(sql, id, filter, [&](const store::RecordRow& row) {
      if (!batch) (batch = &pipeline.acquire())->size = 0;
      if (batch->cells.size() <= batch->size) batch->cells.resize(batch->size + 1), batch->lines.resize(batch->size + 1);
      batch->cells[batch->size] = row.cells;
      batch->lines[batch->size] = row.line;
      if (++batch->size == StoredBatch::kRows) pipeline.submit(), batch = nullptr;
    });
    if (batch) pipeline.submit();
    pipeline.finish();
    return analyzer.finish();
  });
}

namespace {

// The report format of this build: change it whenever the report's JSON changes, so that the reports an older
// build kept are computed again.
constexpr const char* kReportFormat = "trs-report-2026-12-03";

std::string scope_key(const store::BranchFilter& filter) {
  if (!filter) return "*";
  std::string out;
  for (const auto& code : *filter) out += (out.empty() ? "" : ",") + code;
  return out;
}

// The branches of a scope key (the inverse of scope_key; branch codes hold no comma).
store::BranchFilter filter_of(const std::string& scope) {
  if (scope == "*") return std::nullopt;
  std::vector<std::string> codes;
  if (scope.empty()) return codes;  // a caller who sees none of the study's branches
  for (std::size_t from = 0;;) {
    const std::size_t comma = scope.find(',', from);
    codes.push_back(scope.substr(from, comma - from));
    if (comma == std::string::npos) return codes;
    from = comma + 1;
  }
}

}  // namespace

std::string StudyService::report_json(const core::Principal* caller, std::int64_t id, bool fresh) {
  if (caller) require_user(*caller);
  return report_json_in(id, [&](soci::session& sql, const store::Study& study) { return scope(sql, caller, study); },
                        fresh);
}

std::string StudyService::report_json_in(std::int64_t id, const ScopeOf& scope_of, bool fresh) {
  store::ReportKey key;
  // The version is read before the records: a write committed after it makes the stored copy unmatched.
  auto cached = db_.read([&](soci::session& sql) -> std::optional<std::string> {
    const auto study = load_study(sql, id);
    key = {id, scope_key(scope_of(sql, study)), store::data_version(sql, id), limit_of(sql, study), kReportFormat};
    return fresh ? std::nullopt : store::cached_report(sql, key);
  });
  if (cached) return std::move(*cached);
  // The records are read with the scope of the key (the caller's branches may not change in between: if they
  // did, the report is still the one of the key's branches).
  const store::BranchFilter filter = filter_of(key.scope);
  std::string body = to_json_text(report_in(id, [&](soci::session&, const store::Study&) { return filter; }));
  db_.transaction([&](soci::session& sql) { store::store_report(sql, key, body, core::now()); });
  return body;
}

void StudyService::keep_report(std::int64_t id, const std::string& scope) {
  const store::BranchFilter filter = filter_of(scope);
  report_json_in(id, [&](soci::session&, const store::Study&) { return filter; }, false);
}

std::vector<store::ScopeNotKept> StudyService::reports_not_kept() {
  return db_.read([&](soci::session& sql) { return store::scopes_not_kept(sql, kReportFormat); });
}

std::vector<AgencyListRow> StudyService::agency_list(const core::Principal* caller, std::int64_t id) {
  if (caller) require_user(*caller);
  return db_.read([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    const auto filter = scope(sql, caller, study);
    const AnalysisSettings settings =
        analysis_settings(study.config, limit_of(sql, study), filter ? *filter : branch_codes(study));
    AgencyList list(settings.study);
    Record record;
    store::scan_records(sql, id, filter, [&](const store::RecordRow& row) {
      if (decode_cells(row.cells, record)) list.add(record);
    });
    return list.finish();
  });
}

}  // namespace hq::trs
