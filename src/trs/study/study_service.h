#pragma once
// Stored-study use cases. Each runs in one transaction (db.transaction) and writes one processing-history
// entry per state change: a study created or changed, a record entered or corrected (summary of the changed
// fields), an import. Records are scoped by branch (study_rules.h: sees_every_branch). `caller` may be
// nullptr for the command line (the system, every branch).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/page.h"
#include "core/principal.h"
#include "db/database.h"
#include "trs/engine/agency_list.h"
#include "trs/engine/report.h"
#include "trs/study/report_cache_store.h"
#include "trs/study/study_store.h"

namespace hq::trs {

struct StudyView {
  store::Study study;
  UnixSeconds follow_up_limit = 0;
  std::map<std::string, std::int64_t> record_counts;  // visible branches only
  bool can_manage = false;
};

struct StoredRecord {
  store::RecordRow row;
  Record record;
  bool incomplete = false;
};

struct EntryResult {
  StoredRecord stored;
  std::vector<Issue> warnings;
  bool created = false;
  std::string changes;  // summary written to the history ("" = nothing changed)
};

struct CheckResult {
  std::vector<CellProblem> problems;
  std::vector<Issue> warnings;
};

struct ImportOptions {
  bool skip_invalid = false;   // store the good rows and skip rows with a bad cell (default: all or nothing)
  std::size_t max_listed = 1000;  // bad cells listed in the answer (all are counted)
  std::function<void(std::size_t rows)> progress;  // called every 10 000 rows
};
struct ImportResult {
  std::size_t rows = 0, stored = 0, created = 0, replaced = 0, skipped = 0;
  std::size_t bad_cell_count = 0;
  std::vector<CellProblem> bad_cells;
};

struct FollowUpItem {
  std::string declaration_no, flow;
  std::optional<UnixSeconds> registered_at;
  std::vector<std::string> missing;
};
struct FollowUpBranch {
  std::string code, route;
  std::int64_t records = 0, incomplete = 0;
  std::vector<FollowUpItem> items;  // at most 500 per branch
};
struct FollowUp {
  UnixSeconds limit = 0;
  core::Date today;
  int days_left = 0;  // working days from today to the limit (platform calendar; negative once passed)
  std::vector<FollowUpBranch> branches;
};

using RecordPage = core::Page<StoredRecord>;

class StudyService {
 public:
  explicit StudyService(db::Database& db) : db_(db) {}

  std::vector<StudyView> studies(const core::Principal& caller);
  StudyView study(const core::Principal& caller, std::int64_t id);
  // 403 unless the caller may set studies up (checked before the request body is read).
  static void require_manager(const core::Principal& caller);
  // 403 unless the caller has a trs role (reference data, lists of every study).
  static void require_trs_user(const core::Principal& caller);
  StudyView create_study(const core::Principal& caller, const StudyConfig& config);
  // The command line (haiquan trs create-study): the system sets a study up.
  std::int64_t create_study_as_system(const StudyConfig& config);
  StudyView update_study(const core::Principal& caller, std::int64_t id, const StudyConfig& config);

  RecordPage records(const core::Principal& caller, std::int64_t id, store::RecordQuery query);
  StoredRecord record(const core::Principal& caller, std::int64_t id, const std::string& declaration_no);
  // cells: column → text as in the CSV (times also as ISO-8601 with an offset); "" clears a cell.
  EntryResult create_record(const core::Principal& caller, std::int64_t id, const std::map<std::string, std::string>& cells);
  EntryResult update_record(const core::Principal& caller, std::int64_t id, const std::string& declaration_no,
                            const std::map<std::string, std::string>& changes);
  // The same checks as a save, without saving (checks as you type).
  CheckResult check_record(const core::Principal& caller, std::int64_t id, const std::map<std::string, std::string>& cells);

  // `read` streams the upload into the sink it is given (the readers of csv_reader.h / study_rules.h).
  ImportResult import_records(const core::Principal* caller, std::int64_t id,
                              const std::function<void(RecordSink&)>& read, const ImportOptions& options);

  FollowUp follow_up(const core::Principal& caller, std::int64_t id);
  Report report(const core::Principal* caller, std::int64_t id);
  // The report's JSON (the contract of `trs analyze`), kept ready on the study: read from the cache when the
  // study's data version, the follow-up limit and this build's report format still match, else computed and
  // kept (report_cache_store.h). `fresh` computes it again whatever the cache holds. An import keeps the whole
  // study's report ready (every branch) before it returns.
  std::string report_json(const core::Principal* caller, std::int64_t id, bool fresh = false);
  // The reports not kept under their study's current data version: every study's whole-study report, and the
  // branch-limited ones users asked for before (store::scopes_not_kept). What ReportKeeper (report_keeper.h)
  // computes in the background after a write.
  std::vector<store::ScopeNotKept> reports_not_kept();
  // Computes the report of `scope` ('*' or branch codes, as store::ReportKey) and keeps it (the keeper; no caller).
  void keep_report(std::int64_t id, const std::string& scope);
  // The list sent to the ministries (seed §B.II.2.2): per agency, every sampled declaration with specialised
  // inspection of the branches the caller sees.
  std::vector<AgencyListRow> agency_list(const core::Principal* caller, std::int64_t id);
  StudyView study_for_report(const core::Principal* caller, std::int64_t id);

 private:
  // The study's branches a report covers (nullopt: every one), read in the report's transaction.
  using ScopeOf = std::function<store::BranchFilter(soci::session&, const store::Study&)>;
  Report report_in(std::int64_t id, const ScopeOf& scope_of);
  std::string report_json_in(std::int64_t id, const ScopeOf& scope_of, bool fresh);
  db::Database& db_;
};

}  // namespace hq::trs
