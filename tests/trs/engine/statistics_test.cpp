#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "test_util.h"
#include "trs/engine/intervals.h"
#include "trs/engine/statistics.h"

using namespace hq::trs;
using test::local;

namespace {
std::vector<std::int64_t> hours(std::initializer_list<double> h) {
  std::vector<std::int64_t> out;
  for (double x : h) out.push_back(static_cast<std::int64_t>(x * 3600));
  return out;
}
}  // namespace

// Hand-computed R type 7 (= PostgreSQL percentile_cont): h = (n-1)p, x[⌊h⌋] + frac·(x[⌊h⌋+1] - x[⌊h⌋]).
TEST(Percentiles, Type7OddSample) {
  auto v = hours({10, 1, 4, 2, 3});  // sorted: 1 2 3 4 10
  const Summary s = summarize(v);
  EXPECT_EQ(s.n, 5u);
  EXPECT_DOUBLE_EQ(s.mean_hours, 4.0);
  EXPECT_DOUBLE_EQ(s.median_hours, 3.0);   // h = 2
  EXPECT_DOUBLE_EQ(s.p75_hours, 4.0);      // h = 3
  EXPECT_NEAR(s.p90_hours, 7.6, 1e-9);     // h = 3.6: 4 + 0.6·6
  EXPECT_NEAR(s.p95_hours, 8.8, 1e-9);     // h = 3.8: 4 + 0.8·6
  EXPECT_DOUBLE_EQ(s.min_hours, 1.0);
  EXPECT_DOUBLE_EQ(s.max_hours, 10.0);
  EXPECT_DOUBLE_EQ(s.within_1h, 0.2);      // 1 h counts as within 1 h
  EXPECT_DOUBLE_EQ(s.within_4h, 0.8);
  EXPECT_DOUBLE_EQ(s.within_24h, 1.0);
}

TEST(Percentiles, Type7EvenSampleAndSingleValue) {
  auto v = hours({4, 3, 2, 1});
  const Summary s = summarize(v);
  EXPECT_NEAR(s.median_hours, 2.5, 1e-9);  // h = 1.5
  EXPECT_NEAR(s.p75_hours, 3.25, 1e-9);    // h = 2.25
  EXPECT_NEAR(s.p90_hours, 3.7, 1e-9);     // h = 2.7
  EXPECT_NEAR(s.p95_hours, 3.85, 1e-9);    // h = 2.85
  std::vector<std::int64_t> one = {115 * 3600 + 17};
  const Summary o = summarize(one);
  EXPECT_EQ(o.median_hours, o.p95_hours);
  EXPECT_EQ(format_hms(o.median_hours), "115:00:17");
  std::vector<std::int64_t> none;
  EXPECT_EQ(summarize(none).n, 0u);
}

TEST(Percentiles, SelectionMatchesFullSortOnLargeRandomData) {
  std::mt19937_64 rng(7);
  for (std::size_t n : {65u, 100u, 1001u, 50000u}) {
    std::vector<std::int64_t> v(n);
    for (auto& x : v) x = static_cast<std::int64_t>(rng() % 400000);
    std::vector<double> sorted(v.begin(), v.end());
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::int64_t> sorted_int(v);
    std::sort(sorted_int.begin(), sorted_int.end());
    const Summary by_sort = summarize_sorted(sorted_int);
    auto copy = v;
    const Summary by_select = summarize(copy);
    for (double p : {0.5, 0.75, 0.9, 0.95}) {
      std::vector<std::int64_t> w(v);
      const double q[] = {p};
      EXPECT_NEAR(quantiles(w, q)[0], percentile_sorted(sorted, p), 1e-6) << n << " " << p;
    }
    EXPECT_NEAR(by_sort.median_hours, by_select.median_hours, 1e-9);
    EXPECT_NEAR(by_sort.p90_hours, by_select.p90_hours, 1e-9);
    EXPECT_NEAR(by_sort.p95_hours, by_select.p95_hours, 1e-9);
    EXPECT_NEAR(by_sort.mean_hours, by_select.mean_hours, 1e-9);
    EXPECT_EQ(by_sort.within_4h, by_select.within_4h);
  }
}

TEST(MedianCi, BootstrapIsReproducibleAndBracketsTheMedian) {
  std::mt19937_64 rng(11);
  std::vector<std::int64_t> v(500);
  for (auto& x : v) x = static_cast<std::int64_t>(rng() % 100000);
  const MedianCi a = median_ci(v, 42), b = median_ci(v, 42), c = median_ci(v, 43);
  EXPECT_EQ(a.method, "bootstrap");
  EXPECT_EQ(a.resamples, 1000);
  EXPECT_EQ(a.low_hours, b.low_hours);
  EXPECT_EQ(a.high_hours, b.high_hours);
  EXPECT_TRUE(a.low_hours != c.low_hours || a.high_hours != c.high_hours);
  auto copy = v;
  const double median = summarize(copy).median_hours;
  EXPECT_LE(a.low_hours, median);
  EXPECT_GE(a.high_hours, median);
  EXPECT_LT(a.low_hours, a.high_hours);
  // Width ≈ the order-statistic interval's for this n.
  const MedianCi o = median_ci(v, 42, 1000, 10);
  EXPECT_EQ(o.method, "order_statistic");
  EXPECT_LE(o.low_hours, median);
  EXPECT_GE(o.high_hours, median);
  EXPECT_NEAR(o.high_hours - o.low_hours, a.high_hours - a.low_hours, 0.5 * (o.high_hours - o.low_hours));
}

TEST(Cumulative, SharesWithin) {
  const auto v = hours({0.5, 1, 3, 30});
  const double at[] = {0.25, 1, 24, 48};
  const auto s = cumulative_shares(v, at);
  EXPECT_EQ(s, (std::vector<double>{0.0, 0.5, 0.75, 1.0}));
}

TEST(Attribution, CustomsAgenciesDeclarant) {
  Record r;
  r.flow = Flow::NK;
  r.arrival_at = local(2025, 6, 16, 0, 0);
  r.registered_at = local(2025, 6, 16, 10, 0);
  r.doc_assigned_at = local(2025, 6, 16, 11, 0);       // customs 10–11
  r.doc_check_start_at = local(2025, 6, 16, 13, 0);    // declarant 11–13
  r.doc_check_end_at = local(2025, 6, 16, 15, 0);      // customs 13–15
  r.ag1.registered_at = local(2025, 6, 15, 0, 0);      // agency from arrival (clipped) …
  r.ag1.certified_at = local(2025, 6, 16, 14, 0);      // … to 14:00, of which 10–11 and 13–14 are customs
  r.supervision_start_at = local(2025, 6, 16, 20, 0);
  r.supervision_confirmed_at = local(2025, 6, 16, 22, 0);  // customs 20–22
  const Responsibility w = attribute(r, *r.arrival_at, *r.supervision_confirmed_at);
  EXPECT_DOUBLE_EQ(w.customs, 5 * 3600.0);                 // 1 + 2 + 2 h
  // Agency 0–14 h less the customs hours inside it (10–11, 13–14): 12 h; the declarant keeps 15–20 h.
  EXPECT_DOUBLE_EQ(w.agencies, 12 * 3600.0);
  EXPECT_DOUBLE_EQ(w.declarant, 5 * 3600.0);
}

TEST(WorkingHours, CountsOfficeHoursOnly) {
  const WorkingWeek office;  // Mon–Fri 07:30–11:30, 13:00–17:00 = 8 h a day
  // Monday 2025-06-16 08:00 → 12:00: 3.5 h (11:30 ends the morning).
  EXPECT_EQ(working_seconds(local(2025, 6, 16, 8, 0), local(2025, 6, 16, 12, 0), office), 3 * 3600 + 1800);
  // Friday 16:00 → Monday 08:00: 1 h Friday + 0.5 h Monday.
  EXPECT_EQ(working_seconds(local(2025, 6, 20, 16, 0), local(2025, 6, 23, 8, 0), office), 3600 + 1800);
  // Saturday → Sunday: nothing.
  EXPECT_EQ(working_seconds(local(2025, 6, 21, 0, 0), local(2025, 6, 23, 0, 0), office), 0);
  // Ten weeks (the whole-week shortcut) = 10 × 40 h, from a Monday 00:00.
  EXPECT_EQ(working_seconds(local(2025, 6, 16, 0, 0), local(2025, 8, 25, 0, 0), office), 400 * 3600);
  // The shortcut agrees with day-by-day counting across odd boundaries.
  const auto from = local(2025, 6, 18, 10, 17, 3);
  std::int64_t step = 0;
  for (int d = 0; d < 40; ++d) step += working_seconds(from + d * 86400, from + (d + 1) * 86400, office);
  EXPECT_EQ(working_seconds(from, from + 40 * 86400, office), step);
  WorkingWeek round_the_clock;
  round_the_clock.days.fill(true);
  round_the_clock.windows = {{0, 86400}};
  EXPECT_EQ(working_seconds(from, from + 12345, round_the_clock), 12345);
}
