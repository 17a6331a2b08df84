#include "monitor/due_timer.h"

#include <spdlog/spdlog.h>

namespace hq::monitor {

void DueTimer::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
      lock.unlock();
      try {
        service_.process_due(core::now());
      } catch (const std::exception& e) {  // the database may be away for a while: the next tick retries
        spdlog::warn("monitor: due-time processing failed: {}", e.what());
      }
      lock.lock();
    }
  });
}

DueTimer::~DueTimer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace hq::monitor
