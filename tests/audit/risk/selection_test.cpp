#include "audit/risk/selection.h"

#include <cstdio>

#include <gtest/gtest.h>

#include "audit/risk/declarations.h"
#include "tests/support/errors.h"

namespace hq::audit::risk {
namespace {

CriteriaSet all_indicators() {
  CriteriaSet s;
  s.name = "Thử";
  s.min_declarations = 1;
  s.material_value = 1000;
  s.cutoff_monitor = 0.5;
  s.cutoff_audit = 3;
  for (const auto& d : kIndicators) s.indicators.push_back({d.code, 1, 1});
  return s;
}

TEST(CriteriaSet, Checks) {
  auto s = all_indicators();
  EXPECT_NO_THROW(check_criteria_set(s));
  auto bad = s;
  bad.indicators[0].code = "MOON_PHASE";
  EXPECT_EQ(test::bad_input_code([&] { check_criteria_set(bad); }), "INVALID_FIELD");
  bad = s, bad.indicators[1].code = bad.indicators[0].code;
  EXPECT_EQ(test::bad_input_code([&] { check_criteria_set(bad); }), "INVALID_FIELD");
  bad = s, bad.indicators[0].threshold = 0;
  EXPECT_EQ(test::bad_input_code([&] { check_criteria_set(bad); }), "INVALID_FIELD");
  bad = s, bad.cutoff_audit = 0.1;  // below the monitor cut-off
  EXPECT_EQ(test::bad_input_code([&] { check_criteria_set(bad); }), "INVALID_FIELD");
  bad = s, bad.cutoff_audit = 8;  // above Σ weights = 7
  EXPECT_EQ(test::bad_input_code([&] { check_criteria_set(bad); }), "INVALID_FIELD");
}

TEST(Assess, ValuesPointsScoreAndClass) {
  auto s = all_indicators();
  s.indicators[0].threshold = 0.5;  // LOW_DUTY_RATE saturates at 0.5
  IndicatorValues v;
  v.tax_code = "0100109106";
  v.declarations = 4, v.red = 1, v.amendments = 2;
  v.import_value = 1000, v.total_value = 1000, v.preferential_value = 250, v.previous_import_value = 500;
  v.own_duty_rate = 0.02, v.peer_duty_rate = 0.1;
  const auto c = assess(s, v, {});
  ASSERT_TRUE(c);
  ASSERT_EQ(c->reasons.size(), 7u);
  EXPECT_DOUBLE_EQ(c->reasons[0].value, 0.8);
  EXPECT_DOUBLE_EQ(*c->reasons[0].peer, 0.1);
  EXPECT_DOUBLE_EQ(c->reasons[0].points, 1);  // min(0.8 / 0.5, 1)
  EXPECT_DOUBLE_EQ(c->reasons[1].value, 0.25);
  EXPECT_DOUBLE_EQ(c->reasons[2].value, 0.5);
  EXPECT_DOUBLE_EQ(c->reasons[3].value, 0.25);
  EXPECT_DOUBLE_EQ(c->reasons[4].value, 1);
  EXPECT_DOUBLE_EQ(c->reasons[5].value, 0);
  EXPECT_DOUBLE_EQ(c->reasons[6].value, 0);  // 1000 is not above the material value 1000
  EXPECT_DOUBLE_EQ(c->score, 1 + 0.25 + 0.5 + 0.25 + 1);
  EXPECT_EQ(c->klass, "AUDIT");
  // Excluded enterprises are listed as MONITOR with the reason, never AUDIT.
  Standing key;
  key.key = true;
  EXPECT_EQ(assess(s, v, key)->klass, "MONITOR");
  EXPECT_EQ(assess(s, v, key)->excluded_reason, kKeyEnterprise);
  Standing level5;
  level5.highest_compliance = true;
  EXPECT_EQ(assess(s, v, level5)->excluded_reason, kHighestCompliance);
  // Below the monitor cut-off: not listed.
  IndicatorValues quiet;
  quiet.declarations = 10, quiet.import_value = 10, quiet.total_value = 10, quiet.previous_import_value = 10;
  quiet.audited_5y = true;
  EXPECT_FALSE(assess(s, quiet, {}));
}

TEST(Assess, NegativeGrowthGivesNoPointsAndNoPreviousGivesZero) {
  CriteriaSet s;
  s.name = "g";
  s.indicators = {{"VALUE_GROWTH", 2, 0.5}};
  s.cutoff_monitor = 1e-9, s.cutoff_audit = 1;
  IndicatorValues v;
  v.declarations = 1, v.import_value = 50, v.previous_import_value = 100;
  std::optional<double> peer;
  EXPECT_DOUBLE_EQ(indicator_value("VALUE_GROWTH", v, 0, peer), -0.5);
  EXPECT_FALSE(assess(s, v, {}));
  v.previous_import_value = 0;
  EXPECT_DOUBLE_EQ(indicator_value("VALUE_GROWTH", v, 0, peer), 0);
}

TEST(Rank, ScoreThenTaxCode) {
  std::vector<Candidate> list(3);
  list[0].tax_code = "b", list[0].score = 1;
  list[1].tax_code = "a", list[1].score = 1;
  list[2].tax_code = "c", list[2].score = 2;
  rank_candidates(list);
  EXPECT_EQ(list[0].tax_code, "c");
  EXPECT_EQ(list[1].tax_code, "a");
  EXPECT_EQ(list[2].rank, 3);
}

TEST(Median, AsPercentileCont) {
  EXPECT_DOUBLE_EQ(median({0.02, 0.1, 0.1, 0.1}), 0.1);
  EXPECT_DOUBLE_EQ(median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(median({1, 4}), 2.5);
  EXPECT_DOUBLE_EQ(median({}), 0);
}

// Each distinct tax code gets the next index, the same one each time it comes back: ten digits, a branch
// "-ddd" (never the parent's), anything else (the string map); past the table's first growth too.
TEST(LineColumns, EnterpriseIndexOnePerCode) {
  LineColumns c;
  EXPECT_EQ(c.enterprise_index("0100109106"), 0u);
  EXPECT_EQ(c.enterprise_index("0100109106-001"), 1u);
  EXPECT_EQ(c.enterprise_index("A"), 2u);
  EXPECT_EQ(c.enterprise_index("0100109106"), 0u);
  EXPECT_EQ(c.enterprise_index("01001091x6"), 3u);
  char code[16];
  for (int i = 0; i < 100'000; ++i) {
    std::snprintf(code, sizeof code, "%010d", i * 7 + 3);
    ASSERT_EQ(c.enterprise_index(code), static_cast<std::uint32_t>(4 + i));
  }
  for (int i = 0; i < 100'000; i += 997) {
    std::snprintf(code, sizeof code, "%010d", i * 7 + 3);
    EXPECT_EQ(c.enterprise_index(code), static_cast<std::uint32_t>(4 + i));
    EXPECT_EQ(c.tax_codes[4 + static_cast<std::size_t>(i)], code);
  }
  EXPECT_EQ(c.enterprise_index("0100109106-001"), 1u);
  EXPECT_EQ(c.tax_codes.size(), 100'004u);
}

// The run over columns: declarations, red share, amendments per declaration, peers, growth, home office.
TEST(ComputeIndicators, OverColumns) {
  LineColumns c;
  const RunWindow w{0, 1000, 2000};
  const auto a = c.enterprise_index("A"), b = c.enterprise_index("B"), d = c.enterprise_index("D");
  const auto x = c.office_index("02CI"), y = c.office_index("01B1");
  // A: declaration 1 (two lines, red, amended twice), declaration 2 (green), one in the previous period.
  c.push(a, x, 1, 1100, kImport, "27101944", 600, 12, 1, kRed, 2);
  c.push(a, x, 1, 1100, kImport, "27101944", 400, 8, 0, kGreen, 0);
  c.push(a, y, 2, 1200, kImport, "27101944", 1000, 20, 0, kGreen, 0);
  c.push(a, y, 3, 500, kImport, "27101944", 1000, 20, 0, kGreen, 0);
  c.push(a, y, 4, 1300, kExport, "61091000", 700, 0, 0, kGreen, 0);
  // Peers at 10%.
  c.push(b, x, 5, 1100, kImport, "27101100", 1000, 100, 0, kGreen, 0);
  c.push(d, x, 6, 1100, kImport, "27109900", 1000, 100, 0, kGreen, 0);
  const auto values = compute_indicators(c, w, 1);
  ASSERT_EQ(values.size(), 3u);
  const auto& va = values[0];
  EXPECT_EQ(va.tax_code, "A");
  EXPECT_EQ(va.declarations, 3);
  EXPECT_EQ(va.red, 1);
  EXPECT_EQ(va.amendments, 2);
  EXPECT_EQ(va.import_value, 2000);
  EXPECT_EQ(va.total_value, 2700);
  EXPECT_EQ(va.preferential_value, 600);
  EXPECT_EQ(va.previous_import_value, 1000);
  EXPECT_DOUBLE_EQ(va.own_duty_rate, 0.02);
  EXPECT_DOUBLE_EQ(va.peer_duty_rate, 0.1);  // median of {0.02, 0.1, 0.1}
  EXPECT_EQ(va.home_office, "01B1");         // two declarations there, one at 02CI
  // Declarations out of order give the same figures (the fallback sort).
  LineColumns r;
  for (std::size_t i = c.size(); i-- > 0;)
    r.push(r.enterprise_index(c.tax_codes[c.enterprise[i]]), r.office_index(c.offices[c.office[i]]), c.declaration[i],
           c.registered_at[i], c.flow[i], std::to_string(c.hs4[i]) + "00", c.value[i], c.duty[i], c.preferential[i],
           c.channel[i], c.amendments[i]);
  const auto again = compute_indicators(r, w, 1);
  ASSERT_EQ(again.size(), 3u);
  EXPECT_EQ(again[0].declarations, 3);
  EXPECT_EQ(again[0].red, 1);
  EXPECT_DOUBLE_EQ(again[0].peer_duty_rate, 0.1);
  // min_declarations leaves out smaller enterprises.
  EXPECT_EQ(compute_indicators(c, w, 2).size(), 1u);
}

}  // namespace
}  // namespace hq::audit::risk
