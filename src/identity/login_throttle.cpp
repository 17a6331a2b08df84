#include "identity/login_throttle.h"

namespace hq::identity {

void LoginThrottle::drop_expired(std::deque<std::int64_t>& failures, std::int64_t now) const {
  while (!failures.empty() && failures.front() <= now - window_) failures.pop_front();
}

std::int64_t LoginThrottle::retry_after(const std::string& address, std::int64_t now) {
  std::lock_guard lock(mutex_);
  auto found = failures_.find(address);
  if (found == failures_.end()) return 0;
  drop_expired(found->second, now);
  if (static_cast<int>(found->second.size()) < max_failures_) return 0;
  // Free again when the oldest failure of the window leaves it.
  return found->second.front() + window_ - now;
}

void LoginThrottle::record_failure(const std::string& address, std::int64_t now) {
  std::lock_guard lock(mutex_);
  if (failures_.size() >= max_addresses_ && !failures_.count(address)) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      drop_expired(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() >= max_addresses_) failures_.clear();
  }
  auto& failures = failures_[address];
  drop_expired(failures, now);
  failures.push_back(now);
  // Only the newest max_failures_ matter for the decision.
  while (static_cast<int>(failures.size()) > max_failures_) failures.pop_front();
}

std::size_t LoginThrottle::tracked_addresses() {
  std::lock_guard lock(mutex_);
  return failures_.size();
}

}  // namespace hq::identity
