#pragma once
// Statistics over interval durations (seconds in, hours out): summaries with R type-7 percentiles
// (= PostgreSQL percentile_cont), a reproducible CI of the median, cumulative curves, and the attribution
// of an interval's time to customs, other agencies and the declarant.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "trs/engine/record.h"

namespace hq::trs {

struct Summary {
  std::size_t n = 0;
  double mean_hours = 0, p25_hours = 0, median_hours = 0, p75_hours = 0, p90_hours = 0, p95_hours = 0;
  double min_hours = 0, max_hours = 0;
  // Share (0…1) of observations of at most 1, 4, 24 and 48 hours.
  double within_1h = 0, within_4h = 0, within_24h = 0, within_48h = 0;
};

// Type-7 percentile of already sorted data: h = (n-1)p, x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1]-x[⌊h⌋]).
double percentile_sorted(std::span<const double> sorted, double p);
// The same percentiles of unsorted data, by partial selection (nth_element), no full sort. Reorders `v`.
std::vector<double> quantiles(std::span<std::int64_t> v, std::span<const double> ps);
// Summary of durations in seconds. Reorders `seconds`.
Summary summarize(std::span<std::int64_t> seconds);
// The same for data already sorted ascending: O(n) for the mean, O(log n) for everything else.
Summary summarize_sorted(std::span<const std::int64_t> sorted);

// 95 % confidence interval of the median. Percentile bootstrap with `resamples` resamples drawn from a
// fixed-seed xoshiro256** (reproducible on every platform) when n <= bootstrap_max_n; for larger samples the
// distribution-free order-statistic interval (ranks n/2 ± 0.98·√n), which the bootstrap converges to.
struct MedianCi {
  double low_hours = 0, high_hours = 0;
  std::string method;  // "bootstrap" or "order_statistic"
  int resamples = 0;
};
MedianCi median_ci(std::span<const std::int64_t> seconds, std::uint64_t seed, int resamples = 1000,
                   std::size_t bootstrap_max_n = 10000);

// Office hours for the working-time variant of the intervals (local time, no public holidays).
// Default: "giờ hành chính", Monday–Friday 07:30–11:30 and 13:00–17:00.
struct WorkingWeek {
  std::array<bool, 7> days{false, true, true, true, true, true, false};  // Sunday … Saturday
  std::vector<std::pair<int, int>> windows{{7 * 3600 + 1800, 11 * 3600 + 1800}, {13 * 3600, 17 * 3600}};
};
// Seconds of [from, to] that fall inside the working week (O(1) per whole week spanned).
std::int64_t working_seconds(UnixSeconds from, UnixSeconds to, const WorkingWeek& week);

// Abscissae of the cumulative curves ("released within x hours").
inline constexpr double kCurveHours[] = {0.25, 0.5, 1, 2, 4, 8, 12, 24, 48, 72, 96, 120, 168, 240, 336};
// Share of observations <= each of `hours`, from durations sorted ascending (binary searches).
std::vector<double> cumulative_shares(std::span<const std::int64_t> sorted, std::span<const double> hours);

// Who was "holding" the goods during [from, to]. Method: every recorded customs step (assignment queue,
// document check, inspection notice, scanning, direct inspection, tax re-assessment, tax check, supervision
// passage) is customs time; every other agency's step (specialised inspection registration → certificate →
// return, quality inspection, border guard check) is agency time; time covered by both counts for customs
// (the steps run in parallel, customs is the one the goods wait on at the gate); everything left (arrival
// before registration, presenting papers and goods, carrying certificates to customs, paying) is the
// declarant's. Returns seconds; the three parts add up to to - from.
struct Responsibility {
  double customs = 0, agencies = 0, declarant = 0;
};
Responsibility attribute(const Record& r, UnixSeconds from, UnixSeconds to);

}  // namespace hq::trs
