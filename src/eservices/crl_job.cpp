#include "eservices/crl_job.h"

#include <spdlog/spdlog.h>

#include "core/time.h"

namespace hq::eservices {

void CrlRefreshJob::start() {
  std::lock_guard guard(mutex_);
  if (thread_.joinable() || interval_.count() <= 0) return;
  status_.running = true;
  status_.next_run_at = core::now();
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      requested_ = false;
      lock.unlock();
      bool retry_soon = false;
      try {
        const auto report = service_.refresh_crls(fetch_);
        for (const auto& line : report.installed) spdlog::info("eservices: CRL installed from {}", line);
        for (const auto& line : report.failed) spdlog::warn("eservices: CRL refresh failed: {}", line);
        retry_soon = !report.failed.empty();
      } catch (const std::exception& e) {  // the database may be away for a while: retried soon
        spdlog::warn("eservices: CRL refresh failed: {}", e.what());
        retry_soon = true;
      }
      lock.lock();
      const auto wait = retry_soon ? retry_ : interval_;
      status_.last_run_at = core::now();
      status_.next_run_at = *status_.last_run_at + wait.count();
      ++status_.runs;
      wake_.notify_all();  // status() readers waiting for a run
      wake_.wait_for(lock, wait, [this] { return stopping_ || requested_; });
    }
  });
}

void CrlRefreshJob::refresh_now() {
  {
    std::lock_guard guard(mutex_);
    if (!thread_.joinable()) return;
    requested_ = true;
    status_.next_run_at = core::now();
  }
  wake_.notify_all();
}

CrlJobStatus CrlRefreshJob::status() const {
  std::lock_guard guard(mutex_);
  auto s = status_;
  s.interval_seconds = interval_.count();
  return s;
}

CrlRefreshJob::~CrlRefreshJob() {
  {
    std::lock_guard guard(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace hq::eservices
