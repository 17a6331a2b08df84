#pragma once
// Per-client-address throttle of failed logins, kept in memory per server instance. Lockout stops guessing one
// account's password; this stops one address from guessing across many accounts (and from finding which names
// exist by locking them). Pure: the caller passes the time.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hq::identity {

constexpr int kMaxFailuresPerAddress = 10;
constexpr std::int64_t kThrottleWindowSeconds = 60;
// Bounded memory: past this many addresses, expired ones are purged; if every address is still active, the
// table starts afresh (a flood from that many addresses is beyond what an in-memory throttle can hold).
constexpr std::size_t kMaxThrottledAddresses = 50'000;

class LoginThrottle {
 public:
  explicit LoginThrottle(int max_failures = kMaxFailuresPerAddress, std::int64_t window = kThrottleWindowSeconds,
                         std::size_t max_addresses = kMaxThrottledAddresses)
      : max_failures_(max_failures), window_(window), max_addresses_(max_addresses) {}
  // Seconds until this address may try again; 0 when it may try now.
  std::int64_t retry_after(const std::string& address, std::int64_t now);
  void record_failure(const std::string& address, std::int64_t now);
  std::size_t tracked_addresses();

 private:
  void drop_expired(std::deque<std::int64_t>& failures, std::int64_t now) const;

  const int max_failures_;
  const std::int64_t window_;
  const std::size_t max_addresses_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<std::int64_t>> failures_;  // failure times inside the window
};

}  // namespace hq::identity
