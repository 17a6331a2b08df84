// Long plain strings lifted out of a JSON body before parsing (documents in base64) come back exactly; keys,
// escaped or non-ASCII strings and malformed text are left to the parser.
#include <gtest/gtest.h>

#include "http/json_lift.h"

namespace {

using hq::http::lift_long_strings;
using hq::http::restore_long_strings;
using nlohmann::json;

json parse_lifted(const std::string& text, std::size_t min_bytes) {
  const auto lifted = lift_long_strings(text, min_bytes);
  json parsed = json::parse(lifted.skeleton, nullptr, false);
  restore_long_strings(parsed, lifted);
  return parsed;
}

TEST(JsonLift, LongValuesComeBackAsTheParserWouldReadThem) {
  const std::string base64(100000, 'A');
  const std::string text = R"({"documents":[{"name":"Đơn đề nghị","content_base64":")" + base64 +
                           R"("},{"name":"x","content_base64" : ")" + base64 + R"(B"}], "note":"a\"b\\c\u0041"})";
  const auto lifted = lift_long_strings(text, 64);
  EXPECT_EQ(lifted.strings.size(), 2u);
  EXPECT_LT(lifted.skeleton.size(), 1000u);
  EXPECT_EQ(parse_lifted(text, 64), json::parse(text));
}

TEST(JsonLift, KeysEscapesAndNonAsciiStayInTheSkeleton) {
  const std::string long_key(200, 'k');
  const std::string text = "{\"" + long_key + "\": 1, \"v\": \"" + std::string(200, 'x') + "\\n\", \"w\": \"" +
                           std::string(100, 'y') + "ệ\"}";
  EXPECT_TRUE(lift_long_strings(text, 64).strings.empty());
  EXPECT_EQ(parse_lifted(text, 64), json::parse(text));
}

TEST(JsonLift, MalformedTextStaysMalformed) {
  const std::string value(500, 'Z');
  for (const std::string& text : {"{\"a\": \"" + value + "\"", "{\"a\" \"" + value + "\"}", "[\"" + value,
                                  "{\"a\": \"" + value + "\",}"})
    EXPECT_TRUE(parse_lifted(text, 64).is_discarded()) << text.substr(0, 20);
}

TEST(JsonLift, AnEscapedLookAlikeOfThePlaceholderIsNotReplaced) {
  const std::string value(500, 'Q');
  const std::string text = R"({"a":")" + value + R"(","b":"\u0001hq-lifted-1:0"})";
  const auto parsed = parse_lifted(text, 64);
  EXPECT_EQ(parsed["a"], value);
  EXPECT_EQ(parsed["b"], std::string("\x01hq-lifted-1:0"));
}

TEST(JsonLift, EveryByteValueAtEveryPlaceOfAWordIsJudgedAlone) {
  // The plainness test reads 8 bytes at a time: one byte that is not printable ASCII, or a backslash, keeps
  // the string in the skeleton wherever it sits, and its neighbours (0x20, 0x7e: the limits) do not.
  for (int b = 0; b < 256; ++b) {
    if (b == '"') continue;
    const bool plain = b >= 0x20 && b <= 0x7e && b != '\\';
    // Places in an 8-byte word and in 32-byte blocks (AVX2 reads 32 at a time), and in the tail after them.
    for (std::size_t at : {0, 1, 5, 7, 8, 13, 30, 31, 32, 33, 63, 64, 65, 70, 71}) {
      std::string value(72, b % 2 ? ' ' : '~');
      value[at] = static_cast<char>(b);
      const auto lifted = lift_long_strings("[\"" + value + "\"]", 64);
      EXPECT_EQ(lifted.strings.size(), plain ? 1u : 0u) << "byte " << b << " at " << at;
    }
  }
}

TEST(JsonLift, TheClosingQuoteAnywhereInABlockEndsTheStringAndWhatFollowsItIsNotJudgedWithIt) {
  // Lengths across two 32-byte blocks and the tail; right after the quote, a string with an escape and a
  // non-ASCII byte (in the same block as the quote): the first string is lifted, the second stays.
  for (std::size_t length = 64; length <= 130; ++length) {
    const std::string value(length, 'A');
    const std::string text = "[\"" + value + "\",\"a\\nb\xc3\xa9" + std::string(70, 'B') + "\"]";
    const auto lifted = lift_long_strings(text, 64);
    ASSERT_EQ(lifted.strings.size(), 1u) << length;
    EXPECT_EQ(lifted.strings[0], value);
    auto parsed = json::parse(lifted.skeleton);
    restore_long_strings(parsed, lifted);
    EXPECT_EQ(parsed, json::parse(text));
  }
}

TEST(JsonLift, TheValuesOfOneKeyCanStayLiftedAndBeReadAsViews) {
  const std::string content(5000, 'C'), note(5000, 'N');
  const std::string text = R"({"documents":[{"name":"a","content_base64":")" + content + R"("}],"note":")" + note + R"("})";
  const auto lifted = lift_long_strings(text);
  auto value = json::parse(lifted.skeleton);
  restore_long_strings(value, lifted, "content_base64");
  EXPECT_EQ(value["note"], note);  // every other string is back
  const auto& placeholder = value["documents"][0]["content_base64"];
  EXPECT_NE(placeholder, content);
  const auto view = hq::http::lifted_text(placeholder, lifted);
  ASSERT_TRUE(view);
  EXPECT_EQ(*view, content);
  EXPECT_EQ(view->data(), text.data() + text.find(content));  // the request's own bytes, not a copy
  EXPECT_FALSE(hq::http::lifted_text(value["note"], lifted));
  EXPECT_FALSE(hq::http::lifted_text(value["documents"][0]["name"], lifted));
  restore_long_strings(value, lifted);
  EXPECT_EQ(value, json::parse(text));
}

}  // namespace
