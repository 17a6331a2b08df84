#pragma once
// A server job on a thread of its own: it runs `run` now (or after a first wait), then again after the wait
// `run` returns, until the task is destroyed. `wake()` starts the next run at once (an administrator's "now").
// The monitor's due-time timer, the e-services CRL refresh and the trs reports kept ready are such jobs; each
// says what one run does, this class owns the thread, the waiting and the stop. A job decides itself what a
// failed run means (retry sooner, log, record), so `run` should not throw; if it does, the next run comes after
// the first wait (at least a second) and the server goes on.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace hq::core {

class PeriodicTask {
 public:
  using Run = std::function<std::chrono::milliseconds()>;  // one run; returns the wait before the next
  // `first_wait`: how long after start() the first run comes (zero: at once).
  PeriodicTask(Run run, std::chrono::milliseconds first_wait) : run_(std::move(run)), first_wait_(first_wait) {}
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void start();        // no-op when already started
  void wake();         // the next run starts now; ignored when not started
  bool started() const;
  bool stopping() const;  // for a long run to end early when the server stops

 private:
  Run run_;
  std::chrono::milliseconds first_wait_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, requested_ = false;
  std::thread thread_;
};

}  // namespace hq::core
