#include "trs/study/report_keeper.h"

#include <spdlog/spdlog.h>

namespace hq::trs {

std::size_t ReportKeeper::keep_ready() {
  std::map<std::int64_t, std::int64_t> not_kept;
  for (const auto& [id, version] : service_.reports_not_kept()) not_kept[id] = version;
  std::size_t kept = 0;
  for (const auto& [id, version] : not_kept) {
    const auto seen = seen_.find(id);
    const bool settled = seen != seen_.end() && seen->second == version;
    const auto failed = failed_.find(id);
    if (!settled || (failed != failed_.end() && failed->second == version)) continue;
    if (task_.stopping()) break;  // the server stops: the rest waits for its next start
    try {
      service_.report_json(nullptr, id);  // computed and kept under `version` unless a write moved it meanwhile
      ++kept;
    } catch (const std::exception& e) {
      failed_[id] = version;
      spdlog::warn("trs: the report of study {} could not be kept ready: {}", id, e.what());
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
