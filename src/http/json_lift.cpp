#include "http/json_lift.h"

#include <chrono>
#include <cstring>
#include <random>

namespace hq::http {

namespace {

std::string new_marker(std::string_view text) {
  static thread_local std::mt19937_64 rng(std::random_device{}() ^
                                          static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  for (;;) {
    std::string marker = "\x01hq-lifted-" + std::to_string(rng()) + ":";
    if (text.find(marker.substr(1)) == std::string_view::npos) return marker;
  }
}

}  // namespace

LiftedJson lift_long_strings(std::string_view text, std::size_t min_bytes) {
  LiftedJson out;
  std::size_t copied = 0;  // text before this offset is in the skeleton already
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    // A string starts at i: find its end, noting whether it is plain (printable ASCII, no escape).
    const std::size_t start = i + 1;
    bool plain = true;
    std::size_t j = start;
    // Fast path: up to the next quote, every byte printable ASCII and no backslash (one branch-free pass).
    if (const auto* quote = static_cast<const char*>(std::memchr(text.data() + start, '"', text.size() - start))) {
      const auto end = static_cast<std::size_t>(quote - text.data());
      unsigned bad = 0;
      for (std::size_t k = start; k < end; ++k) {
        const auto c = static_cast<unsigned char>(text[k]);
        bad |= static_cast<unsigned>(c < 0x20) | static_cast<unsigned>(c > 0x7e) | static_cast<unsigned>(c == '\\');
      }
      if (!bad) j = end;
    }
    for (; j < text.size() && text[j] != '"'; ++j) {
      const auto c = static_cast<unsigned char>(text[j]);
      if (c == '\\') {
        plain = false;
        ++j;
      } else if (c < 0x20 || c > 0x7e) {
        plain = false;
      }
    }
    if (j >= text.size()) break;  // unterminated: the parser reports it
    std::size_t next = j + 1;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\t' || text[next] == '\n' || text[next] == '\r')) ++next;
    const bool is_key = next < text.size() && text[next] == ':';
    if (plain && !is_key && j - start >= min_bytes) {
      if (out.marker.empty()) {
        out.marker = new_marker(text);
        out.skeleton.reserve(text.size() / 8);
      }
      out.skeleton.append(text.substr(copied, start - copied));
      // The placeholder in the JSON text: \u0001 escapes the marker's first byte.
      out.skeleton += "\\u0001" + out.marker.substr(1) + std::to_string(out.strings.size());
      out.strings.push_back(text.substr(start, j - start));
      copied = j;
    }
    i = j;
  }
  if (out.strings.empty()) {
    out.skeleton.assign(text);
    return out;
  }
  out.skeleton.append(text.substr(copied));
  return out;
}

void restore_long_strings(nlohmann::json& value, const LiftedJson& lifted) {
  if (lifted.strings.empty()) return;
  if (value.is_string()) {
    auto& s = value.get_ref<std::string&>();
    if (s.size() > lifted.marker.size() && s.compare(0, lifted.marker.size(), lifted.marker) == 0) {
      const auto index = std::stoul(s.substr(lifted.marker.size()));
      if (index < lifted.strings.size()) s.assign(lifted.strings[index]);
    }
  } else if (value.is_structured()) {
    for (auto& item : value) restore_long_strings(item, lifted);
  }
}

}  // namespace hq::http
