#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/utf8.h"

using hq::core::is_valid_utf8;

namespace {

// A second, plain implementation of the rule, written from RFC 3629's table of well-formed byte sequences (§4),
// for the DFA to be compared with.
bool reference_valid_utf8(std::string_view s) {
  const auto in = [](unsigned char b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  for (std::size_t i = 0; i < s.size();) {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char b = at(0);
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the second byte's range
    if (b <= 0x7F) n = 1;
    else if (in(b, 0xC2, 0xDF)) n = 2;
    else if (b == 0xE0) n = 3, lo = 0xA0;
    else if (in(b, 0xE1, 0xEC) || in(b, 0xEE, 0xEF)) n = 3;
    else if (b == 0xED) n = 3, hi = 0x9F;
    else if (b == 0xF0) n = 4, lo = 0x90;
    else if (in(b, 0xF1, 0xF3)) n = 4;
    else if (b == 0xF4) n = 4, hi = 0x8F;
    else return false;
    if (i + n > s.size()) return false;
    if (n >= 2 && !in(at(1), lo, hi)) return false;
    for (std::size_t k = 2; k < n; ++k)
      if (!in(at(k), 0x80, 0xBF)) return false;
    i += n;
  }
  return true;
}

}  // namespace

// The DFA validator against the reference on every string of 1 to 3 bytes and on 4-byte strings over every
// lead and second byte.
TEST(Utf8, TheDfaAgreesWithTheReferenceOnEveryShortString) {
  std::string s;
  for (unsigned a = 0; a < 256; ++a) {
    s.assign(1, static_cast<char>(a));
    ASSERT_EQ(is_valid_utf8(s), reference_valid_utf8(s)) << a;
    for (unsigned b = 0; b < 256; ++b) {
      s.assign({static_cast<char>(a), static_cast<char>(b)});
      ASSERT_EQ(is_valid_utf8(s), reference_valid_utf8(s)) << a << ' ' << b;
      for (unsigned c = 0; c < 256; ++c) {
        s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
        ASSERT_EQ(is_valid_utf8(s), reference_valid_utf8(s)) << a << ' ' << b << ' ' << c;
      }
    }
  }
  const unsigned edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE1, 0xFF};
  for (unsigned a = 0x80; a < 256; ++a)
    for (unsigned b = 0; b < 256; ++b)
      for (unsigned c : edges)
        for (unsigned d : edges) {
          s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)});
          ASSERT_EQ(is_valid_utf8(s), reference_valid_utf8(s)) << a << ' ' << b << ' ' << c << ' ' << d;
        }
  EXPECT_TRUE(is_valid_utf8("\xF0\x90\x80\x80"));   // U+10000
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // overlong
}

// Vietnamese text at every offset of ASCII padding (the 8-byte ASCII skip and the 16-byte DFA blocks start
// anywhere), whole, cut inside a letter, and with a stray byte at each position.
TEST(Utf8, VietnameseTextIsCheckedAtEveryOffsetAndCut) {
  const std::string word = "Thủy sản đông lạnh (tôm, cá tra) — Cục Bảo vệ thực vật 海关 \U0001F600";
  for (std::size_t pad = 0; pad < 40; ++pad) {
    const std::string text = std::string(pad, 'a') + word + std::string(pad % 7, 'z');
    ASSERT_TRUE(is_valid_utf8(text)) << pad;
    for (std::size_t n = 0; n <= text.size(); ++n)
      ASSERT_EQ(is_valid_utf8(std::string_view(text).substr(0, n)), reference_valid_utf8(text.substr(0, n)))
          << pad << ' ' << n;
    for (std::size_t at = 0; at < text.size(); ++at)
      for (const char stray : {'\x80', '\xC3', '\xFF'}) {
        std::string bad = text;
        bad[at] = stray;
        ASSERT_EQ(is_valid_utf8(bad), reference_valid_utf8(bad)) << pad << ' ' << at;
        bad.insert(at, 1, stray);
        ASSERT_EQ(is_valid_utf8(bad), reference_valid_utf8(bad)) << pad << ' ' << at;
      }
  }
}
