#pragma once
// The server's reconciliation timer: once a second it handles what fell due in the due-time index (files
// not received or not applied in time, services silent), so an incident opens within about a second of its
// due time even when no agent is posting.
#include "core/periodic_task.h"
#include "monitor/service.h"

namespace hq::monitor {

class DueTimer {
 public:
  explicit DueTimer(MonitorService& service);
  void start() { task_.start(); }

 private:
  MonitorService& service_;
  core::PeriodicTask task_;
};

}  // namespace hq::monitor
