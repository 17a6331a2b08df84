#pragma once
// Small string helpers shared by the trs readers and writers (header-only; the hot ones allocation-free).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"

namespace hq::trs {

// Called for every cell: always inlined (GCC otherwise calls it out of line from the decoder).
[[gnu::always_inline]] inline std::string_view trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

// ASCII case-insensitive equality (codes and column names are ASCII).
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 32);
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 32);
    if (x != y) return false;
  }
  return true;
}

// `s` with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD (cells of a file saved
// in a legacy code page can reach issues; JSON needs valid UTF-8).
inline std::string to_valid_utf8(std::string_view s) {
  if (core::is_valid_utf8(s)) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    while (n <= 4 && i + n <= s.size() && !core::is_valid_utf8(s.substr(i, n))) ++n;
    if (n <= 4 && i + n <= s.size()) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

// At most `max` bytes of `s`, cut on a UTF-8 character boundary.
inline std::string_view utf8_prefix(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// Calls f(token) for each trimmed, non-empty token of `s` split on `sep`.
template <class F>
void for_each_token(std::string_view s, char sep, F&& f) {
  while (!s.empty()) {
    const std::size_t k = s.find(sep);
    const std::string_view token = trim(s.substr(0, k));
    if (!token.empty()) f(token);
    if (k == std::string_view::npos) break;
    s.remove_prefix(k + 1);
  }
}

// `s` with ASCII letters lower-cased (header names and event names are ASCII).
inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

// "a, b, c" (the lists of a reader's messages).
inline std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace hq::trs
