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
  // Two lengths and unreadable lengths: no refusal, and nothing after them is judged.
  for (const std::string& head : {std::string("POST /a HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n"),
                                  std::string("POST /a HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
                                  std::string("NOT-HTTP\r\n\r\n")})
    EXPECT_EQ(refused_at(head + post("/a", 99, 0), 1000), -1) << head;
  // A head longer than the framing follows.
  EXPECT_EQ(refused_at("GET /a HTTP/1.1\r\nX: " + std::string(200 * 1024, 'x') + "\r\n\r\n" + post("/a", 99, 0), 4096), -1);
}

namespace {

std::string chunked(const std::string& target, const std::vector<std::size_t>& chunks, const std::string& extra = "") {
  std::string out = "POST " + target + " HTTP/1.1\r\nHost: x\r\n" + extra + "Transfer-Encoding: chunked\r\n\r\n";
  char size[32];
  for (const std::size_t n : chunks) {
    std::snprintf(size, sizeof size, "%zx", n);
    out += std::string(size) + (n % 2 ? ";ext=1" : "") + "\r\n" + std::string(n, 'c') + "\r\n";
  }
  return out + "0\r\nX-Trailer: 1\r\n\r\n";
}

}  // namespace

TEST(RequestFraming, FollowsChunkedBodiesAndRefusesThemOnceOverTheirLimit) {
  // Within the limit (10 here), whatever the reads: the requests after it are still judged.
  const std::string ok = chunked("/api/a", {3, 4, 3}) + post("/api/b", 2, 2);
  for (std::size_t step : {1u, 2u, 5u, 100000u}) EXPECT_EQ(refused_at(ok, step), -1) << step;
  for (std::size_t step : {1u, 3u, 100000u}) EXPECT_EQ(refused_at(ok + post("/api/c", 11, 0), step) >= 0, true) << step;
  // Over it: refused at the chunk size that crosses it, whatever the reads, never buffered to the end.
  const std::string first = post("/api/login", 2, 2);
  const std::string big = first + chunked("/api/a", {6, 6, 1000000});
  for (std::size_t step : {1u, 7u, 100000u}) {
    RequestFraming f = framing();
    std::optional<RequestFraming::Refusal> refusal;
    std::size_t at = 0;
    for (; at < big.size() && !refusal; at += step) refusal = f.feed(std::string_view(big).substr(at, step));
    ASSERT_TRUE(refusal) << step;
    EXPECT_EQ(refusal->status, 413);
    EXPECT_TRUE(refusal->chunked);
    EXPECT_EQ(refusal->declared, 12u);
    EXPECT_LT(at, big.size() / 2) << "refused before the large chunk was read";
    if (step == 100000u) {
      EXPECT_EQ(refusal->offset, first.size());  // the request before it is answered first
    }
  }
  // A huge announced chunk is refused at its size line.
  RequestFraming f = framing();
  const auto huge = f.feed("POST /api/x/import HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffff\r\n");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
}

TEST(RequestFraming, RefusesCodingsAndChunkLinesItCannotMeasure) {
  for (const std::string& head : {std::string("POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"),
                                  std::string("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"),
                                  std::string("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"),
                                  std::string("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
                                  std::string("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n"),
                                  "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(5000, '1')}) {
    RequestFraming f = framing();
    const auto refusal = f.feed(head);
    ASSERT_TRUE(refusal) << head.substr(0, 120);
    EXPECT_EQ(refusal->status, 400) << head.substr(0, 120);
  }
}

TEST(RequestFraming, AsksTheGateBeforeAnyBodyIsRead) {
  std::vector<std::string> asked;
  RequestFraming f([](std::string_view) -> std::uint64_t { return 1u << 30; },
                   [&](std::string_view target, std::string_view cookie) {
                     asked.emplace_back(std::string(target) + "|" + std::string(cookie));
                     return cookie == "hq_session=good";
                   });
  EXPECT_FALSE(f.feed("GET /a HTTP/1.1\r\nCookie: x\r\n\r\n"));  // no body: not asked
  EXPECT_FALSE(f.feed(post("/i/import", 3, 3).insert(25, "Cookie: hq_session=good\r\n")));
  const auto refusal = f.feed("POST /i/import HTTP/1.1\r\nCookie: hq_session=bad\r\nContent-Length: 209715200\r\n\r\n");
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->status, 401);
  EXPECT_EQ(refusal->target, "/i/import");
  EXPECT_EQ(asked, (std::vector<std::string>{"/i/import|hq_session=good", "/i/import|hq_session=bad"}));
  RequestFraming g([](std::string_view) -> std::uint64_t { return 100; }, [](std::string_view, std::string_view) { return false; });
  const auto chunked_refusal = g.feed(chunked("/i/import", {1}));
  ASSERT_TRUE(chunked_refusal);
  EXPECT_EQ(chunked_refusal->status, 401);
}
