#include "audit/risk/selection.h"

#include <cstdio>
#include <cstring>
#include <numeric>
#include <tuple>

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


// The line pass split by enterprise over 2 or 3 threads gives what one thread gives, to the last bit (the peer
// rate is a floating-point sum over an enterprise's headings: the same order or a different last bit), on lines
// in declaration order and on the same lines shuffled (the sorted fallback).
TEST(ComputeIndicators, SameResultOnOneTwoAndThreeThreads) {
  std::uint64_t seed = 12345;
  const auto next = [&](std::uint64_t bound) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % bound;
  };
  const RunWindow w{0, 1000, 2000};
  LineColumns c;
  std::int64_t declaration = 100000000000;
  for (int d = 0; d < 6000; ++d, declaration += 1 + static_cast<std::int64_t>(next(3))) {
    char tax[16];
    std::snprintf(tax, sizeof tax, "%010llu", 300000000ULL + next(400));
    const auto ent = c.enterprise_index(tax);
    const auto at = static_cast<std::int64_t>(next(2200));  // previous period, the period, and after it
    const auto flow = static_cast<std::uint8_t>(next(4) == 0 ? kExport : kImport);
    for (std::uint64_t line = 0, lines = 1 + next(5); line < lines; ++line) {
      const auto office = c.office_index("0" + std::to_string(1 + next(25)) + "CE");
      const std::string hs = std::to_string(1000 + next(60) * 97) + "9000";
      const auto value = static_cast<std::int64_t>(1 + next(1'000'000'000));
      c.push(ent, office, declaration, at, flow, hs, value, static_cast<std::int64_t>(next(static_cast<std::uint64_t>(value) / 3 + 1)),
             static_cast<std::uint8_t>(next(3) == 0), static_cast<std::uint8_t>(next(3)), static_cast<std::int64_t>(next(3)));
    }
  }
  const auto same = [](const std::vector<IndicatorValues>& a, const std::vector<IndicatorValues>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const auto& x = a[i];
      const auto& y = b[i];
      if (std::tie(x.tax_code, x.home_office, x.declarations, x.red, x.amendments, x.import_value, x.total_value,
                   x.preferential_value, x.previous_import_value) !=
              std::tie(y.tax_code, y.home_office, y.declarations, y.red, y.amendments, y.import_value, y.total_value,
                       y.preferential_value, y.previous_import_value) ||
          std::memcmp(&x.own_duty_rate, &y.own_duty_rate, sizeof(double)) != 0 ||
          std::memcmp(&x.peer_duty_rate, &y.peer_duty_rate, sizeof(double)) != 0)
        return false;
    }
    return true;
  };
  const auto one = compute_indicators(c, w, 3, 1);
  ASSERT_GT(one.size(), 300u);
  std::size_t with_peer = 0;
  for (const auto& v : one) with_peer += v.peer_duty_rate > 0;
  EXPECT_GT(with_peer, 300u);
  EXPECT_TRUE(same(one, compute_indicators(c, w, 3, 2)));
  EXPECT_TRUE(same(one, compute_indicators(c, w, 3, 3)));
  // The same lines in another order (whole declarations moved): the sorted fallback, on one and two threads.
  LineColumns shuffled;
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (i == 0 || c.declaration[i] != c.declaration[i - 1]) starts.push_back(i);
  starts.push_back(c.size());
  std::vector<std::size_t> groups(starts.size() - 1);
  std::iota(groups.begin(), groups.end(), std::size_t{0});
  for (std::size_t i = groups.size(); i > 1; --i) std::swap(groups[i - 1], groups[next(i)]);
  for (const auto g : groups)
    for (std::size_t i = starts[g]; i < starts[g + 1]; ++i)
      shuffled.push(shuffled.enterprise_index(c.tax_codes[c.enterprise[i]]), shuffled.office_index(c.offices[c.office[i]]),
                    c.declaration[i], c.registered_at[i], c.flow[i], std::to_string(c.hs4[i]) + "00", c.value[i],
                    c.duty[i], c.preferential[i], c.channel[i], c.amendments[i]);
  const auto sorted_one = compute_indicators(shuffled, w, 3, 1);
  EXPECT_TRUE(same(sorted_one, compute_indicators(shuffled, w, 3, 2)));
  // Integer figures do not depend on the order of the lines; the peer rate's sums may differ in the last bit.
  ASSERT_EQ(sorted_one.size(), one.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(sorted_one[i].declarations, one[i].declarations);
    EXPECT_EQ(sorted_one[i].import_value, one[i].import_value);
    EXPECT_NEAR(sorted_one[i].peer_duty_rate, one[i].peer_duty_rate, 1e-12);
  }
}

}  // namespace
}  // namespace hq::audit::risk
