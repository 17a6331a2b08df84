#pragma once
// The stored studies' reports kept ready after every write (issue 12 §4). An import computes its study's report
// before it returns; any other write the report reads (a record entered or corrected, the study's settings, an
// agency's returned times, a border check) only moves the study's data version (report_cache_store.h). This
// timer then computes the whole study's report again in the background and keeps it, one report at a time, and
// so every branch-limited report a user who sees only some branches asked for before, so the next report is
// read, not computed in the request. A report is kept only under the data version it was
// computed from, so a write during the computation is never hidden by it: the next pass computes again. Reports
// are never served stale: a request whose study's version has moved computes the report itself.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "core/periodic_task.h"
#include "trs/study/study_service.h"

namespace hq::trs {

class ReportKeeper {
 public:
  explicit ReportKeeper(StudyService& service, std::chrono::milliseconds interval = std::chrono::seconds(2));
  // Runs keep_ready() every `interval` on a thread of its own until destroyed.
  void start() { task_.start(); }
  // One pass: every report (a study's whole-study one, and the branch-limited ones kept before) not kept under
  // its study's current data version, whose version has not moved since the previous pass (writes in a row — an
  // import's batches, an agency entering a list — are computed once, after them), is computed and kept. Returns
  // how many were kept. A report whose computation failed is tried again only after its version moves.
  std::size_t keep_ready();

 private:
  using Scope = std::pair<std::int64_t, std::string>;  // (study, scope as in store::ReportKey)
  StudyService& service_;
  std::chrono::milliseconds interval_;
  std::map<Scope, std::int64_t> seen_;    // report → data version not kept, at the previous pass
  std::map<Scope, std::int64_t> failed_;  // report → data version whose computation failed
  core::PeriodicTask task_;  // last: stopped (joined) before the maps above go
};

}  // namespace hq::trs
