#pragma once
// Strict UTF-8 validation, the one check of the code base (input fields, imported files, `trs analyze`'s cells).
// Header-only so that the trs decoder, which calls it for every free-text cell, gets it inlined.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace hq::core {

namespace detail {
// Strict UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) as a "shift" DFA: each state is
// a bit offset (a multiple of 6) and kUtf8Dfa[byte] holds, at every state's offset, the next state's offset.
// One step is a table load that does not depend on the state, then a shift and a mask: no branch per byte.
// (The branchy decoder it replaces mispredicted on Vietnamese text, where 2- and 3-byte letters alternate
// with ASCII every few bytes: a third of `trs analyze`'s decoding time on the field shape.)
enum Utf8State : std::uint8_t {
  kUtf8Accept = 0,   // at a character boundary
  kUtf8Reject = 6,   // absorbing
  kUtf8Tail1 = 12,   // one continuation byte (80..BF) left
  kUtf8Tail2 = 18,   // two left
  kUtf8Tail3 = 24,   // three left
  kUtf8AfterE0 = 30, // A0..BF then one (no overlong 3-byte form)
  kUtf8AfterED = 36, // 80..9F then one (no surrogate)
  kUtf8AfterF0 = 42, // 90..BF then two (no overlong 4-byte form)
  kUtf8AfterF4 = 48, // 80..8F then two (nothing above U+10FFFF)
};
constexpr std::uint8_t utf8_next(std::uint8_t state, unsigned b) {
  const bool tail = b >= 0x80 && b <= 0xBF;
  switch (state) {
    case kUtf8Accept:
      if (b < 0x80) return kUtf8Accept;
      if (b >= 0xC2 && b <= 0xDF) return kUtf8Tail1;
      if (b == 0xE0) return kUtf8AfterE0;
      if (b == 0xED) return kUtf8AfterED;
      if (b >= 0xE1 && b <= 0xEF) return kUtf8Tail2;
      if (b == 0xF0) return kUtf8AfterF0;
      if (b == 0xF4) return kUtf8AfterF4;
      if (b >= 0xF1 && b <= 0xF3) return kUtf8Tail3;
      return kUtf8Reject;
    case kUtf8Tail1: return tail ? kUtf8Accept : kUtf8Reject;
    case kUtf8Tail2: return tail ? kUtf8Tail1 : kUtf8Reject;
    case kUtf8Tail3: return tail ? kUtf8Tail2 : kUtf8Reject;
    case kUtf8AfterE0: return b >= 0xA0 && b <= 0xBF ? kUtf8Tail1 : kUtf8Reject;
    case kUtf8AfterED: return b >= 0x80 && b <= 0x9F ? kUtf8Tail1 : kUtf8Reject;
    case kUtf8AfterF0: return b >= 0x90 && b <= 0xBF ? kUtf8Tail2 : kUtf8Reject;
    case kUtf8AfterF4: return b >= 0x80 && b <= 0x8F ? kUtf8Tail2 : kUtf8Reject;
    default: return kUtf8Reject;
  }
}
struct Utf8Dfa {
  std::uint64_t row[256] = {};
  constexpr Utf8Dfa() {
    for (unsigned b = 0; b < 256; ++b)
      for (std::uint8_t s = 0; s <= kUtf8AfterF4; s += 6) row[b] |= std::uint64_t{utf8_next(s, b)} << s;
  }
};
inline constexpr Utf8Dfa kUtf8Dfa{};
}  // namespace detail

// Strict UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF): ASCII eight bytes at a time between characters,
// the rest through the branch-free DFA above, 16 bytes per block.
inline bool is_valid_utf8(std::string_view s) {
  using namespace detail;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  std::uint64_t state = kUtf8Accept;
  const auto step = [&] { state = (kUtf8Dfa.row[*p++] >> state) & 63; };
  while (p < end) {
    for (std::uint64_t word; end - p >= 8; p += 8) {  // at a character boundary: skip ASCII
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080ull) break;
    }
    for (const auto* stop = end - p > 16 ? p + 16 : end; p < stop;) step();
    while (p < end && state != kUtf8Accept && state != kUtf8Reject) step();  // to the character's end
    if (state != kUtf8Accept) return false;  // invalid, or the text ends inside a character
  }
  return true;
}
}  // namespace hq::core
