#include "http/metrics.h"

#include <algorithm>
#include <sstream>

namespace hq::http {

void Metrics::record(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[method + "|" + route + "|" + std::to_string(status)].count;
  auto& histogram = latency_[method + "|" + route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++histogram.buckets[i];
  ++histogram.count;
  histogram.sum += seconds;
}

namespace {

void split_key(const std::string& key, std::string& a, std::string& b, std::string& c) {
  const auto first = key.find('|');
  const auto second = key.find('|', first + 1);
  a = key.substr(0, first);
  b = key.substr(first + 1, second - first - 1);
  c = second == std::string::npos ? "" : key.substr(second + 1);
}

}  // namespace

std::function<std::optional<Response>(const Request&)> metrics_guard(std::string token, std::vector<std::string> addresses) {
  return [token = std::move(token), addresses = std::move(addresses)](const Request& request) -> std::optional<Response> {
    if (!addresses.empty() && std::find(addresses.begin(), addresses.end(), request.client_address) == addresses.end())
      return Response::error(403, "FORBIDDEN", "Địa chỉ này không được phép đọc số liệu giám sát.");
    if (token.empty()) return std::nullopt;
    const std::string* authorization = request.header("authorization");
    const std::string expected = "Bearer " + token;
    // Compared in time independent of where the first difference is.
    unsigned char difference = authorization && authorization->size() == expected.size() ? 0 : 1;
    if (!difference)
      for (std::size_t i = 0; i < expected.size(); ++i) difference |= static_cast<unsigned char>((*authorization)[i] ^ expected[i]);
    if (!difference) return std::nullopt;
    return Response::error(401, "UNAUTHENTICATED", "Cần mã truy cập (Authorization: Bearer …) để đọc số liệu giám sát.")
        .with_header("WWW-Authenticate", "Bearer");
  };
}

std::string Metrics::render() const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP haiquan_http_requests_total HTTP requests by route and status.\n"
         "# TYPE haiquan_http_requests_total counter\n";
  std::string method, route, status;
  for (const auto& [key, series] : requests_) {
    split_key(key, method, route, status);
    out << "haiquan_http_requests_total{method=\"" << method << "\",route=\"" << route << "\",status=\"" << status
        << "\"} " << series.count << "\n";
  }
  out << "# HELP haiquan_http_request_duration_seconds HTTP request latency.\n"
         "# TYPE haiquan_http_request_duration_seconds histogram\n";
  for (const auto& [key, histogram] : latency_) {
    split_key(key, method, route, status);
    const std::string labels = "method=\"" + method + "\",route=\"" + route + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out << "haiquan_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} "
          << histogram.buckets[i] << "\n";
    out << "haiquan_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << histogram.count << "\n";
    out << "haiquan_http_request_duration_seconds_sum{" << labels << "} " << histogram.sum << "\n";
    out << "haiquan_http_request_duration_seconds_count{" << labels << "} " << histogram.count << "\n";
  }
  for (const auto& source : gauge_sources_) out << source();
  return out.str();
}

}  // namespace hq::http
