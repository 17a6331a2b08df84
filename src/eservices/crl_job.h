#pragma once
// The server's CRL refresh job: at start and then on a schedule it fetches the CRL of every distribution point
// named by the trust anchors and the registered certificates and installs the newer ones
// (EServicesService::refresh_crls), so that dossier verification — which never calls the network — checks
// revocation against a fresh CRL. What each point answered is recorded for the administrator; after a run in
// which a point failed, the next run comes sooner (at most `retry` later). The administrator may ask for a run
// now (refresh_now: the request only wakes the job, it does not wait for the network).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

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
  ~CrlRefreshJob();
  CrlRefreshJob(const CrlRefreshJob&) = delete;
  CrlRefreshJob& operator=(const CrlRefreshJob&) = delete;

  void start();        // no-op when the interval is 0 or it already runs
  void refresh_now();  // the next run starts now (ignored when the job is off)
  CrlJobStatus status() const;

 private:
  EServicesService& service_;
  CrlFetcher fetch_;
  std::chrono::seconds interval_, retry_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, requested_ = false;
  CrlJobStatus status_;
  std::thread thread_;
};

}  // namespace hq::eservices
