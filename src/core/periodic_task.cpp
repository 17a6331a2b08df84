#include "core/periodic_task.h"

#include <algorithm>

namespace hq::core {

void PeriodicTask::start() {
  std::lock_guard guard(mutex_);
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    auto wait = first_wait_;
    while (!wake_.wait_for(lock, wait, [this] { return stopping_ || requested_; }) || !stopping_) {
      requested_ = false;
      lock.unlock();
      try {
        wait = run_();
      } catch (...) {  // a job lets nothing out on purpose; should one slip, the server keeps running
        wait = std::max<std::chrono::milliseconds>(first_wait_, std::chrono::seconds(1));
      }
      lock.lock();
    }
  });
}

void PeriodicTask::wake() {
  {
    std::lock_guard guard(mutex_);
    if (!thread_.joinable()) return;
    requested_ = true;
  }
  wake_.notify_all();
}

bool PeriodicTask::started() const {
  std::lock_guard guard(mutex_);
  return thread_.joinable();
}

bool PeriodicTask::stopping() const {
  std::lock_guard guard(mutex_);
  return stopping_;
}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard guard(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace hq::core
