#include "monitor/due_timer.h"

#include <spdlog/spdlog.h>

namespace hq::monitor {

DueTimer::DueTimer(MonitorService& service)
    : service_(service),
      task_(
          [this]() -> std::chrono::milliseconds {
            try {
              service_.process_due(core::now());
            } catch (const std::exception& e) {  // the database may be away for a while: the next tick retries
              spdlog::warn("monitor: due-time processing failed: {}", e.what());
            }
            return std::chrono::seconds(1);
          },
          std::chrono::seconds(1)) {}

}  // namespace hq::monitor
