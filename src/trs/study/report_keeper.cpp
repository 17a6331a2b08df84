#include "trs/study/report_keeper.h"

#include <spdlog/spdlog.h>

#include <vector>

namespace hq::trs {

std::size_t ReportKeeper::keep_ready() {
  std::map<Scope, std::int64_t> not_kept;
  std::vector<Scope> order;  // by study, its whole-study report first
  for (auto& r : service_.reports_not_kept())
    if (not_kept.emplace(Scope{r.study_id, r.scope}, r.data_version).second) order.emplace_back(r.study_id, r.scope);
  std::size_t kept = 0;
  for (const Scope& key : order) {
    const std::int64_t version = not_kept[key];
    const auto seen = seen_.find(key);
    const bool settled = seen != seen_.end() && seen->second == version;
    const auto failed = failed_.find(key);
    if (!settled || (failed != failed_.end() && failed->second == version)) continue;
    if (task_.stopping()) break;  // the server stops: the rest waits for its next start
    try {
      service_.keep_report(key.first, key.second);  // kept under `version` unless a write moved it meanwhile
      ++kept;
    } catch (const std::exception& e) {
      failed_[key] = version;
      spdlog::warn("trs: the report of study {} ({}) could not be kept ready: {}", key.first, key.second, e.what());
    }
  }
  seen_ = std::move(not_kept);
  return kept;
}

ReportKeeper::ReportKeeper(StudyService& service, std::chrono::milliseconds interval)
    : service_(service),
      interval_(interval),
      task_(
          [this] {
            try {
              keep_ready();
            } catch (const std::exception& e) {  // the database may be away for a while: the next pass retries
              spdlog::warn("trs: keeping the reports ready failed: {}", e.what());
            }
            return interval_;
          },
          interval) {}

}  // namespace hq::trs
