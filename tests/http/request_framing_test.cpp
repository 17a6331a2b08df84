// RequestFraming must find every request head of a connection, whatever way the bytes are cut into reads,
// and refuse exactly the requests whose declared body is over their limit.
#include "http/request_framing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using hq::http::RequestFraming;

namespace {

RequestFraming framing() {
  return RequestFraming([](std::string_view target) -> std::uint64_t { return target.ends_with("/import") ? 1000 : 10; });
}

std::string post(const std::string& target, std::size_t declared, std::size_t sent) {
  return "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(declared) + "\r\n\r\n" +
         std::string(sent, 'b');
}

// Feeds `stream` in reads of `step` bytes; returns the absolute offset of the refusal, or -1.
long refused_at(const std::string& stream, std::size_t step, std::string* target = nullptr) {
  RequestFraming f = framing();
  for (std::size_t at = 0; at < stream.size(); at += step) {
    if (const auto r = f.feed(std::string_view(stream).substr(at, step))) {
      if (target) *target = r->target;
      return static_cast<long>(r->offset == 0 ? at : at + r->offset);
    }
  }
  return -1;
}

}  // namespace

TEST(RequestFraming, RequestsWithinTheirLimitsPassWhateverTheReads) {
  const std::string stream = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n" + post("/api/login", 10, 10) + "\r\n" +
                             post("/api/x/import", 1000, 1000) + "GET /b HTTP/1.1\r\ncontent-length: 0\r\n\r\n";
  for (std::size_t step : {1u, 2u, 3u, 7u, 64u, 100000u}) EXPECT_EQ(refused_at(stream, step), -1) << step;
}

TEST(RequestFraming, RefusesTheFirstRequestOverItsLimitAtItsHead) {
  const std::string first = post("/api/login", 4, 4) + "GET /a HTTP/1.1\r\n\r\n";
  const std::string refused = post("/api/x/import?y=1", 2000000000, 0);
  const std::string stream = first + refused + std::string(5000, 'b');
  for (std::size_t step : {1u, 5u, 13u, 100u, 100000u}) {
    // Reported where the refused head starts when that is in the read completing it, else at that read.
    const std::size_t completing_read = (first.size() + refused.size() - 1) / step * step;
    const std::size_t expected = std::max(completing_read, first.size());
    std::string target;
    EXPECT_EQ(refused_at(stream, step, &target), static_cast<long>(expected)) << step;
    EXPECT_EQ(target, "/api/x/import?y=1");
  }
  EXPECT_EQ(refused_at(post("/api/login", 11, 0), 1000), 0);
}

TEST(RequestFraming, LeavesWhatItCannotFollowToTheServer) {
  // Chunked bodies, two lengths and unreadable lengths: no refusal, and nothing after them is judged.
  for (const std::string& head : {std::string("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
                                  std::string("POST /a HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n"),
                                  std::string("POST /a HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
                                  std::string("NOT-HTTP\r\n\r\n")})
    EXPECT_EQ(refused_at(head + post("/a", 99, 0), 1000), -1) << head;
  // A head longer than the framing follows.
  EXPECT_EQ(refused_at("GET /a HTTP/1.1\r\nX: " + std::string(200 * 1024, 'x') + "\r\n\r\n" + post("/a", 99, 0), 4096), -1);
}
