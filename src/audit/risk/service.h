#pragma once
// Risk-based selection use cases (spec risk-selection.md): the declarations import, the activity profile,
// criteria sets, runs, candidates and the hit-rate feedback. Rights and unit scope here; each change runs in
// one transaction with a processing-history entry.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/risk/profile.h"
#include "audit/risk/selection.h"
#include "audit/risk/store.h"
#include "core/page.h"
#include "core/principal.h"
#include "core/time.h"
#include "db/database.h"

namespace hq::audit::risk {

struct ImportOptions {
  bool skip_invalid = false;
  // Called now and then with the bytes read so far (the CLI's progress bar).
  std::function<void(std::size_t done, std::size_t total)> progress;
};
struct ImportResult {
  std::int64_t rows = 0, imported = 0, replaced = 0, skipped = 0, issue_count = 0;
  std::vector<CellIssue> issues;  // the first kListedIssues
};
constexpr std::size_t kListedIssues = 1000;

struct Profile {
  std::string tax_code, name, home_office;
  std::int64_t compliance_level = 0;
  std::vector<std::int64_t> key_years;
  core::Date from, to;
  Activity activity;
  std::vector<store::PastAudit> audits;
};

struct CriteriaSetView {
  CriteriaSet set;
  std::string created_by;
  std::int64_t created_at = 0;
};

struct Preview {
  std::int64_t evaluated = 0, audit = 0, monitor = 0, excluded = 0;
  std::vector<std::int64_t> histogram;  // enterprises per tenth of the maximum score
  double max = 0;
};

struct RunView {
  store::RunRow run;
};

struct FeedbackBand {
  double from = 0, to = 0;
  std::int64_t proposals = 0, concluded = 0, with_findings = 0, amount = 0;
  double hit_rate = 0, amount_per_audit = 0;
};

template <typename T>
using RiskPage = core::Page<T>;

class RiskService {
 public:
  explicit RiskService(db::Database& db) : db_(db) {}
  void set_clock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

  // CSV or .xlsx (zip signature); `caller` null: the CLI (system). 422 IMPORT_INVALID listing every bad cell
  // unless skip_invalid; then the good lines are stored and the bad ones listed.
  ImportResult import_declarations(const core::Principal* caller, std::string_view body, const ImportOptions& options);

  Profile profile(const core::Principal& caller, const std::string& tax_code, const core::Date& from, const core::Date& to);

  CriteriaSetView create_criteria_set(const core::Principal& caller, CriteriaSet set);
  CriteriaSetView criteria_set(const core::Principal& caller, std::int64_t id);
  RiskPage<CriteriaSetView> criteria_sets(const core::Principal& caller, std::int64_t offset, std::int64_t limit);
  // How many enterprises a (not yet saved) set would select over a period, nationally or for a Cục.
  Preview preview(const core::Principal& caller, const CriteriaSet& set, const core::Date& from, const core::Date& to,
                  const std::string& unit_code);

  RunView create_run(const core::Principal& caller, std::int64_t criteria_set_id, const core::Date& from,
                     const core::Date& to, const std::string& unit_code);
  RunView run(const core::Principal& caller, std::int64_t id);
  RiskPage<store::RunRow> runs(const core::Principal& caller, std::int64_t offset, std::int64_t limit);
  RiskPage<store::CandidateRow> candidates(const core::Principal& caller, std::int64_t run_id, const std::string& klass,
                                           std::int64_t offset, std::int64_t limit);
  std::vector<FeedbackBand> feedback(const core::Principal& caller, std::int64_t criteria_set_id);

  // The computation of a run without storing it (the benchmark, the reference test): C++ over columns, or the
  // SQL-only reference (PostgreSQL).
  std::vector<Candidate> compute(const CriteriaSet& set, const core::Date& from, const core::Date& to,
                                 const std::string& unit_code, bool sql_reference, std::int64_t* evaluated = nullptr);

 private:
  std::int64_t now() const { return clock_(); }
  db::Database& db_;
  std::function<std::int64_t()> clock_ = [] { return core::now(); };
};

// Period helpers shared with the routes and tests: [from 00:00, to+1 00:00) Vietnam local.
RunWindow run_window(const core::Date& from, const core::Date& to);

}  // namespace hq::audit::risk
