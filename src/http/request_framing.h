#pragma once
// Follows the request boundaries of one HTTP/1.1 connection from the bytes the server reads, so that a
// request is refused as soon as its head arrives when its declared body is over its limit (413) or when
// its body would only be read for a caller without a session (401, uploads), and a chunked body is refused
// as soon as it grows over its limit. RESTinio checks one global limit but only after buffering the body,
// and can only drop the connection, which a client sees as a network failure.
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
  // Asked at the head of a request that has a body: may it send it? (The cookie header is all it gets.)
  using BodyGate = std::function<bool(std::string_view target, std::string_view cookie)>;
  explicit RequestFraming(BodyLimit limit, BodyGate gate = nullptr) : limit_(std::move(limit)), gate_(std::move(gate)) {}

  struct Refusal {
    std::size_t offset;      // where the refused request starts in the bytes just fed (0: in an earlier read)
    std::string target;      // its request target
    std::uint64_t declared;  // its Content-Length (chunked: the bytes announced so far)
    std::uint64_t limit;
    int status = 413;        // 413: over the limit; 401: the gate refused; 400: a framing it does not accept
    bool chunked = false;
  };
  // Feeds the next bytes read from the connection; a refusal ends the framing (the connection closes).
  std::optional<Refusal> feed(std::string_view bytes);

 private:
  std::optional<Refusal> on_head_complete(std::size_t head_offset);
  std::optional<Refusal> on_chunk_line();

  // Heads longer than this and unreadable lengths: stop following (RESTinio's own limits still apply, and
  // its parser refuses such requests), rather than guess.
  static constexpr std::size_t kMaxHead = 128 * 1024;
  static constexpr std::size_t kMaxChunkLine = 1024;
  enum class State { Head, Body, ChunkLine, ChunkData, ChunkEnd, Trailer, Blind };
  State state_ = State::Head;
  BodyLimit limit_;
  BodyGate gate_;
  std::string head_;
  std::string line_;           // the chunk-size or trailer line being read
  std::string target_;         // of the chunked request being followed
  std::uint64_t body_left_ = 0;
  std::size_t request_start_ = 0;  // where the chunked request being read starts in the bytes fed now
  std::uint64_t chunked_total_ = 0, chunked_limit_ = 0;
};

}  // namespace hq::http
