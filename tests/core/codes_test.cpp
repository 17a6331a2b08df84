// core/codes.h: an enum's codes and names in one table, read both ways.
#include "core/codes.h"

#include <span>

#include <gtest/gtest.h>

namespace hq::core {
namespace {

enum class Light { Red, Amber, Green, Blue };

constexpr Coded<Light> kLights[] = {
    {Light::Red, "RED", "đỏ"}, {Light::Amber, "AMBER", "vàng"}, {Light::Green, "GREEN", "xanh"}};

TEST(Codes, ReadBothWaysAndSayWhenTheTableMissesAValue) {
  EXPECT_EQ(code_of(kLights, Light::Amber), "AMBER");
  EXPECT_EQ(name_of(kLights, Light::Green), "xanh");
  EXPECT_EQ(parse_code(kLights, "RED"), Light::Red);
  EXPECT_EQ(parse_code(kLights, "red"), std::nullopt);  // codes are exact
  EXPECT_EQ(parse_code(kLights, ""), std::nullopt);
  EXPECT_EQ(code_of(kLights, Light::Blue), "");
  EXPECT_EQ(code_of(kLights, Light::Blue, "RED"), "RED");
  EXPECT_EQ(name_of(kLights, Light::Blue), "");
}

TEST(Codes, OnlyTheEntriesOfASpanParse) {
  const auto first_two = std::span(kLights).first(2);
  EXPECT_EQ(parse_code(first_two, "AMBER"), Light::Amber);
  EXPECT_EQ(parse_code(first_two, "GREEN"), std::nullopt);
  EXPECT_EQ(code_of(kLights, Light::Green), "GREEN");
}

}  // namespace
}  // namespace hq::core
