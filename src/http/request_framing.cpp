#include "http/request_framing.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace hq::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<std::uint64_t> parse_length(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// "1a2;ext=1" → 0x1a2; nullopt for anything else (or more than 15 hex digits).
std::optional<std::uint64_t> parse_chunk_size(std::string_view line) {
  line = trim(line.substr(0, line.find(';')));
  if (line.empty() || line.size() > 15) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : line) {
    const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : (c >= 'a' && c <= 'f')                   ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F')                   ? c - 'A' + 10
                                                             : -1;
    if (d < 0) return std::nullopt;
    v = v * 16 + static_cast<std::uint64_t>(d);
  }
  return v;
}

}  // namespace

std::optional<RequestFraming::Refusal> RequestFraming::feed(std::string_view bytes) {
  std::size_t pos = 0;
  request_start_ = 0;  // a request still being read started in an earlier read
  while (pos < bytes.size()) {
    if (state_ == State::Blind) return std::nullopt;
    if (state_ == State::Body || state_ == State::ChunkData) {
      const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(body_left_, bytes.size() - pos));
      pos += take;
      body_left_ -= take;
      if (body_left_ == 0) state_ = state_ == State::Body ? State::Head : State::ChunkEnd;
      continue;
    }
    if (state_ == State::ChunkLine || state_ == State::ChunkEnd || state_ == State::Trailer) {
      const char c = bytes[pos++];
      if (c != '\n') {
        if (c != '\r') line_ += c;
        if (line_.size() > kMaxChunkLine) return Refusal{request_start_, target_, chunked_total_, chunked_limit_, 400, true};
        continue;
      }
      if (auto refusal = on_chunk_line()) return refusal;
      continue;
    }
    // Head: blank lines before a request are allowed (RFC 9112 §2.2).
    if (head_.empty()) {
      while (pos < bytes.size() && (bytes[pos] == '\r' || bytes[pos] == '\n')) ++pos;
      if (pos == bytes.size()) break;
    }
    const std::size_t head_offset = head_.empty() ? pos : 0;
    const std::size_t searched = head_.size() < 3 ? 0 : head_.size() - 3;
    const std::size_t take = std::min(bytes.size() - pos, kMaxHead + 4 - head_.size());
    head_.append(bytes.substr(pos, take));
    const std::size_t end = head_.find("\r\n\r\n", searched);
    if (end == std::string::npos) {
      pos += take;
      if (head_.size() > kMaxHead) state_ = State::Blind;
      continue;
    }
    const std::size_t head_bytes_here = end + 4 - (head_.size() - take);  // of this head, in `bytes`
    head_.resize(end + 4);
    pos += head_bytes_here;
    auto refusal = on_head_complete(head_offset);
    head_.clear();  // keeps its capacity for the next request of the connection
    if (refusal) return refusal;
  }
  return std::nullopt;
}

// A complete line of a chunked body: a chunk size, the CRLF after a chunk's data, or a trailer field.
std::optional<RequestFraming::Refusal> RequestFraming::on_chunk_line() {
  const std::string line = std::exchange(line_, std::string());
  if (state_ == State::ChunkEnd) {
    if (!line.empty()) return Refusal{request_start_, target_, chunked_total_, chunked_limit_, 400, true};
    state_ = State::ChunkLine;
  } else if (state_ == State::Trailer) {
    if (line.empty()) state_ = State::Head;
  } else {
    const auto size = parse_chunk_size(line);
    if (!size) return Refusal{request_start_, target_, chunked_total_, chunked_limit_, 400, true};
    chunked_total_ += *size;
    if (chunked_total_ > chunked_limit_) return Refusal{request_start_, target_, chunked_total_, chunked_limit_, 413, true};
    body_left_ = *size;
    state_ = *size == 0 ? State::Trailer : State::ChunkData;
  }
  return std::nullopt;
}

std::optional<RequestFraming::Refusal> RequestFraming::on_head_complete(std::size_t head_offset) {
  const std::string& head = head_;
  const std::size_t line_end = head.find("\r\n");
  const std::string_view request_line = std::string_view(head).substr(0, line_end);
  const std::size_t first_space = request_line.find(' ');
  const std::size_t second_space = request_line.find(' ', first_space + 1);
  if (first_space == std::string_view::npos || second_space == std::string_view::npos) {
    state_ = State::Blind;  // RESTinio answers malformed requests itself
    return std::nullopt;
  }
  const std::string_view target = request_line.substr(first_space + 1, second_space - first_space - 1);
  std::optional<std::uint64_t> length;
  std::string_view cookie;
  bool chunked = false;
  for (std::size_t at = line_end + 2; at < head.size();) {
    const std::size_t next = head.find("\r\n", at);
    const std::string_view line = std::string_view(head).substr(at, next - at);
    at = next + 2;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (iequals(name, "transfer-encoding")) {
      // Only a plain "chunked" is followed; any other coding (or a second field) is refused rather than
      // left unmeasured.
      if (chunked || !iequals(value, "chunked")) return Refusal{head_offset, std::string(target), 0, 0, 400, true};
      chunked = true;
    } else if (iequals(name, "content-length")) {
      if (length || !parse_length(value)) {
        state_ = State::Blind;  // repeated or unreadable lengths: RESTinio's parser refuses them
        return std::nullopt;
      }
      length = parse_length(value);
    } else if (iequals(name, "cookie")) {
      cookie = value;
    }
  }
  if (chunked && length) return Refusal{head_offset, std::string(target), 0, 0, 400, true};
  const std::uint64_t limit = limit_(target);
  if (length && *length > limit) {
    state_ = State::Blind;
    return Refusal{head_offset, std::string(target), *length, limit};
  }
  if ((chunked || length.value_or(0) > 0) && gate_ && !gate_(target, cookie)) {
    state_ = State::Blind;
    return Refusal{head_offset, std::string(target), length.value_or(0), limit, 401, chunked};
  }
  if (chunked) {
    request_start_ = head_offset;
    target_ = std::string(target);
    chunked_total_ = 0;
    chunked_limit_ = limit;
    state_ = State::ChunkLine;
    return std::nullopt;
  }
  body_left_ = length.value_or(0);
  state_ = body_left_ > 0 ? State::Body : State::Head;
  return std::nullopt;
}

}  // namespace hq::http
