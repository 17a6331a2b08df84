#include "eservices/crl_job.h"

#include <spdlog/spdlog.h>

#include "core/time.h"

namespace hq::eservices {

void CrlRefreshJob::start() {
  if (interval_.count() <= 0) return;
  if (task_.started()) return;
  {
    std::lock_guard guard(mutex_);
    status_.next_run_at = core::now();
  }
  task_.start();
}

std::chrono::milliseconds CrlRefreshJob::run() {
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
  const auto wait = retry_soon ? retry_ : interval_;
  std::lock_guard guard(mutex_);
  status_.last_run_at = core::now();
  status_.next_run_at = *status_.last_run_at + wait.count();
  ++status_.runs;
  return wait;
}

void CrlRefreshJob::refresh_now() {
  if (!task_.started()) return;
  {
    std::lock_guard guard(mutex_);
    status_.next_run_at = core::now();
  }
  task_.wake();
}

CrlJobStatus CrlRefreshJob::status() const {
  std::lock_guard guard(mutex_);
  auto s = status_;
  s.interval_seconds = interval_.count();
  s.running = task_.started();
  return s;
}

}  // namespace hq::eservices
