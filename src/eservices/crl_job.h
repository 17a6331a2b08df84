#pragma once
// The server's CRL refresh job: at start and then on a schedule it fetches the CRL of every distribution point
// named by the trust anchors and the registered certificates and installs the newer ones
// (EServicesService::refresh_crls), so that dossier verification — which never calls the network — checks
// revocation against a fresh CRL. What each point answered is recorded for the administrator; after a run in
// which a point failed, the next run comes sooner (at most `retry` later). The administrator may ask for a run
// now (refresh_now: the request only wakes the job, it does not wait for the network).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

#include "core/periodic_task.h"
#include "eservices/service.h"

namespace hq::eservices {

struct CrlJobStatus {
  std::int64_t interval_seconds = 0;  // 0: the job is off
  bool running = false;               // started in this server
  std::optional<std::int64_t> last_run_at, next_run_at;
  std::int64_t runs = 0;              // runs completed since the server started
};

class CrlRefreshJob {
 public:
  CrlRefreshJob(EServicesService& service, CrlFetcher fetch, std::chrono::seconds interval,
                std::chrono::seconds retry = std::chrono::minutes(5))
      : service_(service), fetch_(std::move(fetch)), interval_(interval), retry_(std::min(retry, interval)) {}

  void start();        // no-op when the interval is 0 or it already runs
  void refresh_now();  // the next run starts now (ignored when the job is off)
  CrlJobStatus status() const;

 private:
  std::chrono::milliseconds run();  // one refresh; returns the wait before the next

  EServicesService& service_;
  CrlFetcher fetch_;
  std::chrono::seconds interval_, retry_;
  mutable std::mutex mutex_;  // guards status_
  CrlJobStatus status_;
  core::PeriodicTask task_{[this] { return run(); }, std::chrono::milliseconds(0)};  // last: stopped first
};

}  // namespace hq::eservices
