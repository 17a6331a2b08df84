#pragma once
// Request counts by route and status and a latency histogram, rendered in Prometheus text format.
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace hq::http {

class Metrics {
 public:
  void record(const std::string& method, const std::string& route, int status, double seconds);
  // Extra gauges (e.g. the database pool) supplied by whoever owns them.
  void add_gauge_source(std::function<std::string()> render) { gauge_sources_.push_back(std::move(render)); }
  std::string render() const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1.0,  2.5,   10.0};
  struct Series {
    std::uint64_t count = 0;
  };
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Series> requests_;     // key: method|route|status
  std::map<std::string, Histogram> latency_;   // key: method|route
  std::vector<std::function<std::string()>> gauge_sources_;
};

// Who may read /metrics: with a token, only requests carrying `Authorization: Bearer <token>` (401
// otherwise); with addresses, only those client addresses (403 otherwise); with both, both. Neither: anyone
// (the default, for a server that listens on a private network only).
std::function<std::optional<Response>(const Request&)> metrics_guard(std::string token, std::vector<std::string> addresses);

}  // namespace hq::http
