#include "core/text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

using namespace hq::core;

namespace {

// Splits a valid UTF-8 string into its characters.
std::vector<std::string> characters(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    out.emplace_back(s.substr(i, len));
    i += len;
  }
  return out;
}

// Every Vietnamese letter with its ASCII base, lower then upper case (NFC): 12 vowels × 6 tones, and đ.
constexpr std::string_view kLower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
constexpr std::string_view kUpper = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ";
constexpr std::string_view kBases = "aeiouy";

char expected_base(std::size_t index) {
  static constexpr std::string_view kVowelBases = "aaaeeiooouuy";  // a ă â e ê i o ô ơ u ư y
  return index == 72 ? 'd' : kVowelBases[index / 6];
}

}  // namespace

TEST(Fold, Examples) {
  EXPECT_EQ(fold("Công ty Thép"), "cong ty thep");
  EXPECT_EQ(fold("CÔNG TY TNHH THÉP VIỆT-NHẬT"), "cong ty tnhh thep viet-nhat");
  EXPECT_EQ(fold("Tổng cục Hải quan"), "tong cuc hai quan");
  EXPECT_EQ(fold("Đà Nẵng"), "da nang");
  EXPECT_EQ(fold("đường Nguyễn Trãi, phường Thượng Đình"), "duong nguyen trai, phuong thuong dinh");
  EXPECT_EQ(fold("Thủ tục hủy tờ khai hải quan."), "thu tuc huy to khai hai quan.");
  EXPECT_EQ(fold("Chi cục Hải quan cửa khẩu Hữu Nghị"), "chi cuc hai quan cua khau huu nghi");
  EXPECT_EQ(fold("Bắc Ninh 2025"), "bac ninh 2025");
}

TEST(Fold, EveryVietnameseLetterPrecomposed) {
  const std::vector<std::string> lower = characters(kLower), upper = characters(kUpper);
  ASSERT_EQ(lower.size(), 73u);
  ASSERT_EQ(upper.size(), 73u);
  for (std::size_t i = 0; i < lower.size(); ++i) {
    EXPECT_EQ(fold(lower[i]), std::string(1, expected_base(i))) << lower[i];
    EXPECT_EQ(fold(upper[i]), std::string(1, expected_base(i))) << upper[i];
  }
  std::string all_bases;
  for (std::size_t i = 0; i < 73; ++i) all_bases += expected_base(i);
  EXPECT_EQ(fold(kLower), all_bases);
  EXPECT_EQ(fold(kUpper), all_bases);
}

TEST(Fold, EveryVietnameseLetterDecomposed) {
  // NFD: base, then vowel mark (breve, circumflex, horn) and tone (grave, acute, hook, tilde, dot below) in
  // either order, as different keyboards and old encodings (Windows-1258, VNI) produce.
  const char* vowel_marks[] = {"", "\u0306", "\u0302", "\u031B"};
  const char* tones[] = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323", "\u0340", "\u0341"};
  for (const char base : kBases) {
    for (const char upper : {base, static_cast<char>(base - 'a' + 'A')}) {
      for (const char* mark : vowel_marks) {
        for (const char* tone : tones) {
          const std::string a = std::string(1, upper) + mark + tone, b = std::string(1, upper) + tone + mark;
          EXPECT_EQ(fold(a), std::string(1, base)) << a;
          EXPECT_EQ(fold(b), std::string(1, base)) << b;
        }
      }
    }
  }
  EXPECT_EQ(fold("Co\u0302ng ty The\u0301p"), "cong ty thep");
  EXPECT_EQ(fold("VIE\u0323\u0302T NAM"), "viet nam");
  EXPECT_EQ(fold("Nguye\u0302\u0303n"), "nguyen");
  EXPECT_EQ(fold("\u0110a\u0300 Na\u0306\u0303ng"), "da nang");  // Đ has no decomposition
  EXPECT_EQ(fold("A\u0301\u0301\u0301"), "a");
  EXPECT_EQ(fold("\u0301abc"), "abc");  // a stray leading mark
}

TEST(Fold, PrecomposedMixedWithDecomposed) {
  EXPECT_EQ(fold("Vi\u1EC7t Nam"), fold("Vie\u0323\u0302t Nam"));
  EXPECT_EQ(fold("\u00C2\u0300"), "a");      // Â + grave = Ầ
  EXPECT_EQ(fold("\u01A1\u0309"), "o");      // ơ + hook = ở
  EXPECT_EQ(fold("\u1EE9ng"), "ung");        // ứ
}

TEST(Fold, DLookalikes) {
  EXPECT_EQ(fold("\u0110\u0111"), "dd");  // Đ đ
  EXPECT_EQ(fold("\u00D0\u00F0"), "dd");  // Ð ð (from legacy encodings)
  EXPECT_EQ(fold("\u0189"), "d");         // Ɖ
}

TEST(Fold, WhitespaceCollapsesAndTrims) {
  EXPECT_EQ(fold("  Công   ty\t\tThép \n"), "cong ty thep");
  EXPECT_EQ(fold("Công\u00A0ty\u2003Thép\u3000"), "cong ty thep");  // NBSP, em space, ideographic space
  EXPECT_EQ(fold("\xEF\xBB\xBF" "Công ty"), "cong ty");             // BOM
  EXPECT_EQ(fold("Công\u200B ty"), "cong ty");                      // zero-width space
  EXPECT_EQ(fold("a \u0301 b"), "a b");                             // a mark between spaces
  EXPECT_EQ(fold("   "), "");
  EXPECT_EQ(fold(""), "");
  EXPECT_EQ(fold("\r\n\t"), "");
  EXPECT_EQ(fold("a\r\nb"), "a b");
}

TEST(Fold, OtherCharacters) {
  EXPECT_EQ(fold("ABCxyz0123!@#$%^&*()_+-=[]{};':\",./<>?`~|\\"), "abcxyz0123!@#$%^&*()_+-=[]{};':\",./<>?`~|\\");
  EXPECT_EQ(fold("Café Müller Ångström Øre Łódź"), "cafe muller angstrom ore lodz");
  EXPECT_EQ(fold("Straße Æsir Œuvre Þór Ĳssel"), "strasse aesir oeuvre thor ijssel");
  EXPECT_EQ(fold("Ｃｏｎｇ　ｔｙ １２３"), "cong ty 123");  // full-width
  EXPECT_EQ(fold("海关 Таможня ×÷ €"), "海关 Таможня ×÷ €");  // other scripts and symbols untouched
  EXPECT_EQ(fold("co\u00ADng"), "cong");                   // soft hyphen
  EXPECT_EQ(fold(std::string("a\0b", 3)), "ab");           // controls are dropped
  EXPECT_EQ(fold("a\x7F" "b"), "ab");
}

TEST(Fold, InvalidUtf8IsDroppedAndOutputIsValid) {
  EXPECT_EQ(fold("C\xF4ng"), "cng");     // Latin-1 byte
  EXPECT_EQ(fold("\xC3"), "");          // truncated
  EXPECT_EQ(fold("a\xC0\xAF" "b"), "ab");  // overlong '/'
  EXPECT_EQ(fold("a\xED\xA0\x80" "b"), "ab");  // surrogate
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255), len(0, 40);
  for (int i = 0; i < 20000; ++i) {
    std::string s(static_cast<std::size_t>(len(rng)), '\0');
    for (char& c : s) c = static_cast<char>(byte(rng));
    const std::string f = fold(s);
    ASSERT_TRUE(is_valid_utf8(f));
    ASSERT_LE(f.size(), s.size());
    ASSERT_EQ(fold(f), f);  // idempotent
  }
}

TEST(Fold, IsIdempotentOnNames) {
  for (const std::string_view s : {kLower, kUpper, std::string_view("  Công ty CỔ PHẦN   Thép  ")}) {
    const std::string once = fold(s);
    EXPECT_EQ(fold(once), once);
  }
}

TEST(Fold, FastEnoughForAMillionNames) {
  const std::string name = "Công ty Trách nhiệm Hữu hạn Thương mại và Dịch vụ Xuất nhập khẩu Đồng Nai";
  std::size_t total = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100000; ++i) total += fold(name).size();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(total, 100000u * fold(name).size());
  EXPECT_LT(elapsed, std::chrono::seconds(2));  // ~10 µs per name even unoptimised and on a busy machine
}

TEST(Utf8, Validity) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("ascii"));
  EXPECT_TRUE(is_valid_utf8(kLower));
  EXPECT_TRUE(is_valid_utf8("海关 \U0001F600 \U0010FFFF"));
  EXPECT_TRUE(is_valid_utf8(std::string("\0", 1)));
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("abc\xE1\xBB"));       // truncated ệ
  EXPECT_TRUE(is_valid_utf8("\xE1\xBB\x87"));       // ệ
  EXPECT_TRUE(is_valid_utf8("\xEE\x80\x80"));       // private use
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF"));       // U+FFFF
}

TEST(Trim, Whitespace) {
  EXPECT_EQ(trim("  Công ty  "), "Công ty");
  EXPECT_EQ(trim("\t\r\n Thép \n"), "Thép");
  EXPECT_EQ(trim("\u00A0\u3000 Hải quan\u2003"), "Hải quan");
  EXPECT_EQ(trim("\xEF\xBB\xBF" "abc"), "abc");
  EXPECT_EQ(trim("a  b"), "a  b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("x"), "x");
  EXPECT_EQ(trim(" \xFF "), "\xFF");  // invalid bytes are content, not whitespace
  EXPECT_EQ(trim("e\u0301 "), "e\u0301");
}

TEST(Text, BackslashEscapingRoundTripsAndReadsPostgresCopyEscapes) {
  const std::string raw = "a\\b\tc\nd\re \\N x";
  std::string escaped, back;
  hq::core::append_backslash_escaped(escaped, raw);
  EXPECT_EQ(escaped, "a\\\\b\\tc\\nd\\re \\\\N x");
  EXPECT_EQ(escaped.find('\t'), std::string::npos);
  hq::core::assign_backslash_unescaped(back, escaped);
  EXPECT_EQ(back, raw);
  hq::core::assign_backslash_unescaped(back, "\\b\\f\\v\\q");  // COPY writes these control characters so
  EXPECT_EQ(back, "\b\f\vq");
}
