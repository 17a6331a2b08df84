#pragma once
// Follows the request boundaries of one HTTP/1.1 connection from the bytes the server reads, so that a
// request whose declared body is over its limit is refused with a 413 as soon as its head arrives. RESTinio
// checks the same limit but can only drop the connection, which a client sees as a network failure.
// Pure: no sockets (tested in tests/http); the socket that uses it is in server.cpp.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hq::http {

class RequestFraming {
 public:
  // The largest body accepted for a request target ("/path?query").
  using BodyLimit = std::function<std::uint64_t(std::string_view target)>;
  explicit RequestFraming(BodyLimit limit) : limit_(std::move(limit)) {}

  struct Refusal {
    std::size_t offset;      // where the refused request starts in the bytes just fed (0: in an earlier read)
    std::string target;      // its request target
    std::uint64_t declared;  // its Content-Length
    std::uint64_t limit;
  };
  // Feeds the next bytes read from the connection; a refusal ends the framing (the connection closes).
  std::optional<Refusal> feed(std::string_view bytes);

 private:
  std::optional<Refusal> on_head_complete(std::size_t head_offset);

  // Heads longer than this, chunked bodies and unreadable lengths: stop following (RESTinio's own limits
  // still apply), rather than guess.
  static constexpr std::size_t kMaxHead = 128 * 1024;
  enum class State { Head, Body, Blind };
  State state_ = State::Head;
  BodyLimit limit_;
  std::string head_;
  std::uint64_t body_left_ = 0;
};

}  // namespace hq::http
