// HQ_JSON_FIELDS keys each member by its own name, exactly as the hand-written pairs did; it mixes with
// other pairs in one object, and HQ_FOR_EACH applies a macro to each name in order.
#include "core/fields.h"

#include <cstdint>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace hq::core {
namespace {

using nlohmann::json;

struct Sample {
  std::int64_t id = 7;
  std::string kind = "A";
  bool late = true;
  double share = 0.5;
};

TEST(Fields, JsonFieldsKeyEachMemberByItsName) {
  const Sample s;
  const json named = {HQ_JSON_FIELDS(s, id, kind, late, share)};
  const json by_hand = {{"id", s.id}, {"kind", s.kind}, {"late", s.late}, {"share", s.share}};
  EXPECT_EQ(named, by_hand);
  EXPECT_EQ(named.dump(), R"({"id":7,"kind":"A","late":true,"share":0.5})");
}

TEST(Fields, JsonFieldsMixWithOtherPairs) {
  const Sample s;
  const json mixed = {HQ_JSON_FIELDS(s, id, kind), {"status", "OPEN"}, HQ_JSON_FIELDS(s, late, share)};
  EXPECT_EQ(mixed, json({{"id", 7}, {"kind", "A"}, {"status", "OPEN"}, {"late", true}, {"share", 0.5}}));
}

#define HQ_TEST_APPEND_(out, prefix, name) out += std::string(prefix) + #name + ";";
TEST(Fields, ForEachAppliesTheMacroToEachNameInOrder) {
  std::string out;
  HQ_FOR_EACH(HQ_TEST_APPEND_, out, "s.", zeta, alpha, mid)
  EXPECT_EQ(out, "s.zeta;s.alpha;s.mid;");
  std::string one;
  HQ_FOR_EACH(HQ_TEST_APPEND_, one, "", only)
  EXPECT_EQ(one, "only;");
}
#undef HQ_TEST_APPEND_

}  // namespace
}  // namespace hq::core
