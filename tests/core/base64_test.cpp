#include "core/base64.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace hq::core {
namespace {

const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool in_alphabet(unsigned char c) { return kAlphabet.find(static_cast<char>(c)) != std::string::npos; }

std::string random_bytes(std::size_t n, std::mt19937_64& rng) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 255);
  return s;
}

// The decoder the study uploads had before (one character at a time into a bit buffer): the reference for
// the relaxed form.
std::optional<std::string> bitwise_relaxed(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char ch : text) {
    if (ch == '=' || ch == '\n' || ch == '\r' || ch == ' ') continue;
    const char c = ch == '-' ? '+' : ch == '_' ? '/' : ch;
    const auto at = kAlphabet.find(c);
    if (at == std::string::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

TEST(Base64, KnownVectorsOfRfc4648) {
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"}};
  for (const auto& [bytes, text] : vectors) {
    EXPECT_EQ(base64_encode(bytes), text);
    EXPECT_EQ(base64_decode(text), bytes);
    EXPECT_EQ(base64_decode_scalar(text), bytes);
    EXPECT_EQ(base64_decode_relaxed(text), bytes);
  }
}

TEST(Base64, EveryByteValueAtEveryPlaceOfAGroupAndEveryPadding) {
  // Lengths 1..3 cover the three forms ("xx==", "xxx=", none); each byte value at each place of the group.
  for (std::size_t length = 1; length <= 3; ++length)
    for (std::size_t place = 0; place < length; ++place)
      for (int v = 0; v < 256; ++v) {
        std::string bytes(length, '\x5a');
        bytes[place] = static_cast<char>(v);
        const auto text = base64_encode(bytes);
        ASSERT_EQ(text.size(), 4u);
        EXPECT_EQ(text.substr(4 - (3 - length)), std::string(3 - length, '='));
        ASSERT_EQ(base64_decode(text), bytes) << length << " " << place << " " << v;
        ASSERT_EQ(base64_decode_scalar(text), bytes);
        // The same group after 40 others (past the 32-character blocks of the fast path).
        const std::string prefix(120, 'A'), long_bytes = std::string(90, '\0') + bytes;
        ASSERT_EQ(base64_decode(prefix + text), long_bytes);
      }
  // Every 6-bit value in every place of a quartet, decoded back to the same bits.
  for (std::size_t place = 0; place < 4; ++place)
    for (std::size_t v = 0; v < 64; ++v) {
      std::string text(36, 'A');
      text[32 + place] = kAlphabet[v];
      const auto bytes = base64_decode(text);
      ASSERT_TRUE(bytes);
      EXPECT_EQ(base64_encode(*bytes), text);
      EXPECT_EQ(base64_decode_scalar(text), bytes);
    }
}

TEST(Base64, RandomDocumentsRoundTripOnBothPaths) {
  std::mt19937_64 rng(10);
  for (std::size_t n : {0u, 1u, 2u, 3u, 23u, 24u, 25u, 47u, 48u, 49u, 95u, 96u, 97u, 1000u, 65537u, 1u << 20})
    for (int k = 0; k < 3; ++k) {
      const auto bytes = random_bytes(n, rng);
      const auto text = base64_encode(bytes);
      ASSERT_EQ(base64_decode(text), bytes) << n;
      ASSERT_EQ(base64_decode_scalar(text), bytes) << n;
    }
}

TEST(Base64, AnyCharacterOutsideTheAlphabetAnywhereIsRefused) {
  std::mt19937_64 rng(11);
  // 100 bytes: three 32-character blocks, a scalar tail, then "xx==" padding; and 101 bytes ("xxx=").
  for (std::size_t n : {99u, 100u, 101u}) {
    const auto text = base64_encode(random_bytes(n, rng));
    for (std::size_t at = 0; at < text.size(); ++at)
      for (int v = 0; v < 256; ++v) {
        const auto c = static_cast<unsigned char>(v);
        // A '=' in the last two places may make another padding form: StrictFormOnly judges those.
        if (in_alphabet(c) || (c == '=' && at >= text.size() - 2)) continue;
        std::string bad = text;
        bad[at] = static_cast<char>(c);
        ASSERT_FALSE(base64_decode(bad)) << n << " at " << at << " byte " << v;
        ASSERT_FALSE(base64_decode_scalar(bad)) << n << " at " << at << " byte " << v;
      }
  }
}

TEST(Base64, StrictFormOnly) {
  EXPECT_FALSE(base64_decode("aGVsbG8"));     // length not a multiple of 4
  EXPECT_FALSE(base64_decode("aGVs bG8="));   // whitespace
  EXPECT_FALSE(base64_decode("a=Vs"));        // padding inside
  EXPECT_FALSE(base64_decode("aGk=aGk="));    // padding inside, between groups
  EXPECT_FALSE(base64_decode("===="));
  EXPECT_FALSE(base64_decode("A==="));
  EXPECT_FALSE(base64_decode("aGVsbG8-"));    // URL-safe letters
  // The bits a padding drops must be zero: every non-zero pattern is refused, the zero one accepted.
  for (std::size_t v = 0; v < 64; ++v) {
    const std::string one = std::string("AA") + kAlphabet[v] + "=", two = std::string("A") + kAlphabet[v] + "==";
    EXPECT_EQ(base64_decode(one).has_value(), (v & 3) == 0) << one;
    EXPECT_EQ(base64_decode(two).has_value(), (v & 15) == 0) << two;
  }
}

TEST(Base64, RelaxedFormReadsWhatTheStudyUploadsAlwaysRead) {
  EXPECT_EQ(base64_decode_relaxed("aGVs\r\nbG8"), "hello");
  EXPECT_EQ(base64_decode_relaxed("aGk=aGk="), bitwise_relaxed("aGk=aGk="));
  EXPECT_EQ(base64_decode_relaxed("-_-_"), base64_decode("+/+/"));
  EXPECT_EQ(base64_decode_relaxed("aGVsbG9="), "hello");  // trailing bits ignored
  EXPECT_FALSE(base64_decode_relaxed("aGVs*bG8"));
  EXPECT_FALSE(base64_decode_relaxed("aGVsb*"));          // the lone last character is judged too
  std::mt19937_64 rng(12);
  const std::string noise = " \r\n=-_";
  for (int k = 0; k < 2000; ++k) {
    std::string text = base64_encode(random_bytes(rng() % 80, rng));
    for (int insert = static_cast<int>(rng() % 6); insert > 0; --insert)
      text.insert(rng() % (text.size() + 1), 1, noise[rng() % noise.size()]);
    if (rng() % 4 == 0 && !text.empty()) text.pop_back();
    if (rng() % 8 == 0) text.insert(rng() % (text.size() + 1), 1, static_cast<char>(rng() & 255));
    ASSERT_EQ(base64_decode_relaxed(text), bitwise_relaxed(text)) << text;
  }
}

TEST(Base64, FastPathIsUsedWhereTheProcessorHasIt) {
#if defined(__x86_64__)
  EXPECT_EQ(base64_uses_simd(), static_cast<bool>(__builtin_cpu_supports("avx2")));
#else
  EXPECT_FALSE(base64_uses_simd());
#endif
}

}  // namespace
}  // namespace hq::core
