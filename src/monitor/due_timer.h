#pragma once
// The server's reconciliation timer: once a second it handles what fell due in the due-time index (files
// not received or not applied in time, services silent), so an incident opens within about a second of its
// due time even when no agent is posting.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "monitor/service.h"

namespace hq::monitor {

class DueTimer {
 public:
  explicit DueTimer(MonitorService& service) : service_(service) {}
  ~DueTimer();
  DueTimer(const DueTimer&) = delete;
  DueTimer& operator=(const DueTimer&) = delete;
  void start();

 private:
  MonitorService& service_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hq::monitor
