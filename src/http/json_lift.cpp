#include "http/json_lift.h"

#include <chrono>
#include <cstring>
#include <random>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

namespace hq::http {

namespace {

std::string new_marker() {
  static thread_local std::mt19937_64 rng(std::random_device{}() ^
                                          static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  return "\x01hq-lifted-" + std::to_string(rng()) + ":";
}

// True when some byte of the 8 in `w` is below 0x20, above 0x7e or a backslash. Exact: each test works on
// bytes whose high bit is set first (0x80–0xff), so no borrow or carry crosses into the next byte.
bool has_unplain_byte(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const std::uint64_t low7 = w & ~highs;                                        // each byte < 0x80
  const std::uint64_t non_ascii = w & highs;                                    // >= 0x80
  const std::uint64_t del = (low7 + ones) & highs;                              // == 0x7f
  const std::uint64_t control = ~((low7 | highs) - ones * 0x20) & highs;        // < 0x20
  const std::uint64_t x = low7 ^ (ones * '\\');
  const std::uint64_t backslash = ~((x | highs) - ones) & highs;                // == '\\'
  return (non_ascii | del | control | backslash) != 0;
}

// True when text[start, end) is printable ASCII without a backslash.
bool plain_run(std::string_view text, std::size_t start, std::size_t end) {
  std::size_t k = start;
  for (; k + 8 <= end; k += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + k, 8);
    if (has_unplain_byte(w)) return false;
  }
  for (; k < end; ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (c < 0x20 || c > 0x7e || c == '\\') return false;
  }
  return true;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// plain_string_end 32 bytes at a time: the first quote, and whether any byte before it is not printable ASCII
// or is a backslash, from one load (the separate memchr and plainness passes were 7 % of a submission).
__attribute__((target("avx2"))) std::size_t plain_string_end_avx2(std::string_view text, std::size_t start) {
  const char* p = text.data();
  const __m256i quote = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\'), del = _mm256_set1_epi8(0x7f),
                space = _mm256_set1_epi8(0x20);
  std::size_t i = start;
  for (; i + 32 <= text.size(); i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const auto quotes = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, quote)));
    // Below 0x20 as signed bytes: the controls and every byte from 0x80 (negative).
    const __m256i unplain = _mm256_or_si256(_mm256_or_si256(_mm256_cmpgt_epi8(space, v), _mm256_cmpeq_epi8(v, del)),
                                            _mm256_cmpeq_epi8(v, backslash));
    const auto bad = static_cast<std::uint32_t>(_mm256_movemask_epi8(unplain));
    if (quotes) {
      const std::uint32_t before = (quotes & (0u - quotes)) - 1;  // the bytes before the first quote
      return (bad & before) ? std::string_view::npos : i + static_cast<std::size_t>(__builtin_ctz(quotes));
    }
    if (bad) return std::string_view::npos;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c == '"') return i;
    if (c < 0x20 || c > 0x7e || c == '\\') return std::string_view::npos;
  }
  return std::string_view::npos;
}
#define HQ_JSON_LIFT_AVX2 1
#endif

// Where the string whose text starts at `start` ends (its closing quote) when every byte before that quote
// is printable ASCII other than a backslash; npos otherwise (the careful loop then reads it).
std::size_t plain_string_end(std::string_view text, std::size_t start) {
#ifdef HQ_JSON_LIFT_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return plain_string_end_avx2(text, start);
#endif
  const auto* quote = static_cast<const char*>(std::memchr(text.data() + start, '"', text.size() - start));
  if (!quote) return std::string_view::npos;
  const auto end = static_cast<std::size_t>(quote - text.data());
  return plain_run(text, start, end) ? end : std::string_view::npos;
}

// Occurrences of `needle` in `haystack`.
std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}


LiftedJson lift_with(std::string_view text, std::size_t min_bytes, const std::string& marker) {
  LiftedJson out;
  std::size_t copied = 0;  // text before this offset is in the skeleton already
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    // A string starts at i: find its end, noting whether it is plain (printable ASCII, no escape).
    const std::size_t start = i + 1;
    bool plain = true;
    std::size_t j = start;
    // Fast path: up to the next quote, every byte printable ASCII and no backslash.
    if (const auto end = plain_string_end(text, start); end != std::string_view::npos) j = end;
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
        out.marker = marker;
        out.skeleton.reserve(4096);
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

}  // namespace

LiftedJson lift_long_strings(std::string_view text, std::size_t min_bytes) {
  // The marker must not be in the text already. The lifted strings cannot hold one (its first byte, \u0001,
  // needs an escape), so only the small skeleton is searched: each placeholder holds the marker once.
  for (;;) {
    const auto marker = new_marker();
    auto out = lift_with(text, min_bytes, marker);
    if (out.strings.empty() || count_of(out.skeleton, std::string_view(marker).substr(1)) == out.strings.size())
      return out;
  }
}

std::optional<std::string_view> lifted_text(const nlohmann::json& value, const LiftedJson& lifted) {
  if (lifted.strings.empty() || !value.is_string()) return std::nullopt;
  const auto& s = value.get_ref<const std::string&>();
  if (s.size() <= lifted.marker.size() || s.compare(0, lifted.marker.size(), lifted.marker) != 0) return std::nullopt;
  const auto index = std::stoul(s.substr(lifted.marker.size()));
  if (index >= lifted.strings.size()) return std::nullopt;
  return lifted.strings[index];
}

void restore_long_strings(nlohmann::json& value, const LiftedJson& lifted, std::string_view leave_key) {
  if (lifted.strings.empty()) return;
  if (value.is_string()) {
    if (const auto text = lifted_text(value, lifted)) value.get_ref<std::string&>().assign(*text);
  } else if (value.is_object()) {
    for (auto& [key, item] : value.items())
      if (leave_key.empty() || key != leave_key || !item.is_string()) restore_long_strings(item, lifted, leave_key);
  } else if (value.is_array()) {
    for (auto& item : value) restore_long_strings(item, lifted, leave_key);
  }
}

}  // namespace hq::http
