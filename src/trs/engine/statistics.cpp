#include "trs/engine/statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace hq::trs {
namespace {

constexpr double kHour = 3600.0;

// Ranks (0-based) that type-7 interpolation at `p` reads.
void ranks_for(std::size_t n, double p, std::vector<std::size_t>& out) {
  const double h = static_cast<double>(n - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  out.push_back(lo);
  if (lo + 1 < n && h > static_cast<double>(lo)) out.push_back(lo + 1);
}

double interpolate(double lo, double hi, double frac) { return lo + frac * (hi - lo); }

// The mean in hours. The sum is exact in integers (an 80-bit long double loop would be x87 code, several
// times slower); the division stays in long double.
// Share (0…1) of durations sorted ascending that are at most `seconds` (a binary search).
double share_within(std::span<const std::int64_t> sorted, double seconds) {
  const auto within = std::partition_point(sorted.begin(), sorted.end(),
                                           [&](std::int64_t x) { return static_cast<double>(x) <= seconds; });
  return static_cast<double>(within - sorted.begin()) / static_cast<double>(sorted.size());
}

double mean_hours(std::span<const std::int64_t> x) {
  __int128 sum = 0;
  for (const std::int64_t v : x) sum += v;
  return static_cast<double>(static_cast<long double>(sum) / static_cast<long double>(x.size())) / kHour;
}

// xoshiro256** (Blackman and Vigna), seeded through splitmix64: a small, fast generator whose sequence is
// the same with every standard library, so a report's bootstrap intervals are reproducible anywhere.
class Xoshiro256 {
 public:
  explicit Xoshiro256(std::uint64_t seed) {
    for (std::uint64_t& word : s_) {
      seed += 0x9E3779B97F4A7C15ull;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      word = z ^ (z >> 31);
    }
  }
  std::uint64_t operator()() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// Draws uniformly in [0, n) by multiply-shift (bias < n / 2^64).
std::size_t draw(Xoshiro256& rng, std::size_t n) {
  return static_cast<std::size_t>((static_cast<unsigned __int128>(rng()) * n) >> 64);
}

enum class Owner { Customs, Agencies };
struct Step {
  Owner owner;
  std::string_view from, to;
};
// The steps of attribute(), in the column names of the record.
constexpr Step kSteps[] = {
    {Owner::Customs, "registered_at", "doc_assigned_at"},
    {Owner::Customs, "doc_check_start_at", "doc_check_end_at"},
    {Owner::Customs, "inspect_assigned_at", "inspect_notified_at"},
    {Owner::Customs, "scan_start_at", "scan_end_at"},
    {Owner::Customs, "direct_start_at", "direct_end_at"},
    {Owner::Customs, "doc_check_end_at", "reassess_end_at"},
    {Owner::Customs, "tax_check_start_at", "tax_check_end_at"},
    {Owner::Customs, "supervision_start_at", "supervision_confirmed_at"},
    {Owner::Agencies, "ag1_registered_at", "ag1_certified_at"},
    {Owner::Agencies, "ag1_certified_at", "ag1_returned_at"},
    {Owner::Agencies, "ag2_registered_at", "ag2_certified_at"},
    {Owner::Agencies, "ag2_certified_at", "ag2_returned_at"},
    {Owner::Agencies, "qc_registered_at", "qc_notified_at"},
    {Owner::Agencies, "border_check_start_at", "border_check_end_at"},
};

using Span = std::pair<UnixSeconds, UnixSeconds>;

// Length of the union of intervals (sorts them).
double union_length(std::span<Span> v) {
  std::sort(v.begin(), v.end());
  double total = 0;
  UnixSeconds cur_b = 0, cur_e = 0;
  bool open = false;
  for (const auto& [b, e] : v) {
    if (open && b <= cur_e) {
      cur_e = std::max(cur_e, e);
      continue;
    }
    if (open) total += static_cast<double>(cur_e - cur_b);
    cur_b = b, cur_e = e, open = true;
  }
  if (open) total += static_cast<double>(cur_e - cur_b);
  return total;
}

}  // namespace

double percentile_sorted(std::span<const double> x, double p) {
  if (x.empty()) return 0;
  const double h = static_cast<double>(x.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= x.size()) return x.back();
  return interpolate(x[lo], x[lo + 1], h - static_cast<double>(lo));
}

std::vector<double> quantiles(std::span<std::int64_t> v, std::span<const double> ps) {
  std::vector<double> out(ps.size(), 0.0);
  const std::size_t n = v.size();
  if (n == 0) return out;
  std::vector<std::size_t> ranks;
  for (double p : ps) ranks_for(n, p, ranks);
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  if (n <= 64) {
    std::sort(v.begin(), v.end());
  } else {
    // Each selection leaves everything before `start` <= everything after, so the next one can start there.
    std::size_t start = 0;
    for (std::size_t r : ranks) {
      std::nth_element(v.begin() + static_cast<std::ptrdiff_t>(start), v.begin() + static_cast<std::ptrdiff_t>(r),
                       v.end());
      start = r + 1;
    }
  }
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const double h = static_cast<double>(n - 1) * ps[i];
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const double frac = h - static_cast<double>(lo);
    const auto x_lo = static_cast<double>(v[lo]);
    out[i] = lo + 1 < n && frac > 0 ? interpolate(x_lo, static_cast<double>(v[lo + 1]), frac) : x_lo;
  }
  return out;
}

Summary summarize(std::span<std::int64_t> seconds) {
  Summary s;
  s.n = seconds.size();
  if (s.n == 0) return s;
  std::int64_t lo = seconds[0], hi = seconds[0];
  std::size_t w1 = 0, w4 = 0, w24 = 0, w48 = 0;
  for (const std::int64_t x : seconds) {
    lo = std::min(lo, x);
    hi = std::max(hi, x);
    w1 += x <= 3600;
    w4 += x <= 4 * 3600;
    w24 += x <= 24 * 3600;
    w48 += x <= 48 * 3600;
  }
  const auto n = static_cast<double>(s.n);
  s.mean_hours = mean_hours(seconds);
  s.min_hours = static_cast<double>(lo) / kHour;
  s.max_hours = static_cast<double>(hi) / kHour;
  s.within_1h = static_cast<double>(w1) / n;
  s.within_4h = static_cast<double>(w4) / n;
  s.within_24h = static_cast<double>(w24) / n;
  s.within_48h = static_cast<double>(w48) / n;
  constexpr double kPs[] = {0.5, 0.75, 0.9, 0.95, 0.25};
  const auto q = quantiles(seconds, kPs);
  s.median_hours = q[0] / kHour;
  s.p75_hours = q[1] / kHour;
  s.p90_hours = q[2] / kHour;
  s.p95_hours = q[3] / kHour;
  s.p25_hours = q[4] / kHour;
  return s;
}

Summary summarize_sorted(std::span<const std::int64_t> x) {
  Summary s;
  s.n = x.size();
  if (s.n == 0) return s;
  const auto pct = [&](double p) {
    const double h = static_cast<double>(s.n - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const double frac = h - static_cast<double>(lo);
    const auto x_lo = static_cast<double>(x[lo]);
    return (lo + 1 < s.n && frac > 0 ? interpolate(x_lo, static_cast<double>(x[lo + 1]), frac) : x_lo) / kHour;
  };
  s.mean_hours = mean_hours(x);
  s.min_hours = static_cast<double>(x.front()) / kHour;
  s.max_hours = static_cast<double>(x.back()) / kHour;
  s.p25_hours = pct(0.25);  // lower quartile: box plots
  s.median_hours = pct(0.5);
  s.p75_hours = pct(0.75);
  s.p90_hours = pct(0.9);
  s.p95_hours = pct(0.95);
  s.within_1h = share_within(x, 1 * kHour);
  s.within_4h = share_within(x, 4 * kHour);
  s.within_24h = share_within(x, 24 * kHour);
  s.within_48h = share_within(x, 48 * kHour);
  return s;
}

namespace {

// Medians of `resamples` bootstrap samples of sorted `x`. A sample is only counted: its k-th smallest value
// is x[k-th smallest index drawn], so no copy and no selection is needed.
std::vector<double> bootstrap_medians(std::span<const std::int64_t> x, std::uint64_t seed, int resamples) {
  const std::size_t n = x.size();
  Xoshiro256 rng(seed);
  std::vector<std::uint32_t> hits(n);
  const double h = static_cast<double>(n - 1) * 0.5;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const double frac = h - static_cast<double>(lo);
  std::vector<double> medians(static_cast<std::size_t>(resamples));
  for (double& m : medians) {
    std::fill(hits.begin(), hits.end(), 0);
    for (std::size_t j = 0; j < n; ++j) ++hits[draw(rng, n)];
    std::size_t index = 0, counted = hits[0];  // sample values at indexes <= index
    while (counted <= lo) counted += hits[++index];
    m = static_cast<double>(x[index]);
    if (frac == 0) continue;
    while (counted <= lo + 1) counted += hits[++index];
    m = interpolate(m, static_cast<double>(x[index]), frac);
  }
  std::sort(medians.begin(), medians.end());
  return medians;
}

}  // namespace

MedianCi median_ci(std::span<const std::int64_t> seconds, std::uint64_t seed, int resamples,
                   std::size_t bootstrap_max_n) {
  MedianCi ci;
  const std::size_t n = seconds.size();
  if (n == 0) return ci;
  std::vector<std::int64_t> copy;
  if (!std::is_sorted(seconds.begin(), seconds.end())) {  // the report passes sorted groups
    copy.assign(seconds.begin(), seconds.end());
    std::sort(copy.begin(), copy.end());
    seconds = copy;
  }
  if (n <= bootstrap_max_n && resamples > 0) {
    const std::vector<double> medians = bootstrap_medians(seconds, seed, resamples);
    ci.low_hours = percentile_sorted(medians, 0.025) / kHour;
    ci.high_hours = percentile_sorted(medians, 0.975) / kHour;
    ci.method = "bootstrap";
    ci.resamples = resamples;
    return ci;
  }
  const double half = static_cast<double>(n) / 2.0, spread = 0.98 * std::sqrt(static_cast<double>(n));
  const auto lo_rank = static_cast<std::size_t>(std::max(1.0, std::floor(half - spread)));  // 1-based
  const auto hi_rank = static_cast<std::size_t>(std::min(static_cast<double>(n), std::ceil(half + spread + 1)));
  ci.low_hours = static_cast<double>(seconds[lo_rank - 1]) / kHour;
  ci.high_hours = static_cast<double>(seconds[hi_rank - 1]) / kHour;
  ci.method = "order_statistic";
  return ci;
}

std::vector<double> cumulative_shares(std::span<const std::int64_t> sorted, std::span<const double> hours) {
  std::vector<double> shares(hours.size(), 0.0);
  if (sorted.empty()) return shares;
  for (std::size_t i = 0; i < hours.size(); ++i) shares[i] = share_within(sorted, hours[i] * kHour);
  return shares;
}

std::int64_t working_seconds(UnixSeconds from, UnixSeconds to, const WorkingWeek& week) {
  if (to <= from) return 0;
  const auto floor_div = [](std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); };
  const std::int64_t lo = from + core::kVietnamOffsetSeconds, hi = to + core::kVietnamOffsetSeconds;  // local
  std::int64_t day = floor_div(lo, 86400);
  const std::int64_t last = floor_div(hi - 1, 86400);
  const auto weekday = [](std::int64_t d) { return static_cast<std::size_t>(((d % 7) + 11) % 7); };  // 0 = Sunday
  const auto day_overlap = [&](std::int64_t d) {
    if (!week.days[weekday(d)]) return std::int64_t{0};
    std::int64_t sum = 0;
    for (const auto& [b, e] : week.windows)
      sum += std::max<std::int64_t>(0, std::min(hi, d * 86400 + e) - std::max(lo, d * 86400 + b));
    return sum;
  };
  std::int64_t total = 0;
  if (last - day > 14) {  // whole weeks in the middle in one step
    std::int64_t per_week = 0;
    for (std::size_t wd = 0; wd < 7; ++wd)
      if (week.days[wd])
        for (const auto& [b, e] : week.windows) per_week += std::max(0, e - b);
    total += day_overlap(day);
    ++day;
    const std::int64_t weeks = (last - day - 7) / 7;
    total += weeks * per_week;
    day += weeks * 7;
  }
  for (; day <= last; ++day) total += day_overlap(day);
  return total;
}

Responsibility attribute(const Record& r, UnixSeconds from, UnixSeconds to) {
  Responsibility out;
  if (to <= from) return out;
  struct Resolved {
    Owner owner;
    TimeSlot from, to;
  };
  static const std::vector<Resolved> steps = [] {
    std::vector<Resolved> v;
    for (const Step& s : kSteps) v.push_back({s.owner, TimeSlot(s.from), TimeSlot(s.to)});
    return v;
  }();
  // Customs spans first, then the agencies' (fixed arrays: called for every observed T1 and T2).
  std::array<Span, std::size(kSteps)> customs, both;
  std::size_t n_customs = 0, n_agencies = 0;
  for (const Resolved& s : steps) {
    const Time& a = s.from(r);
    const Time& b = s.to(r);
    if (!a || !b) continue;
    const UnixSeconds lo = std::max(*a, from), hi = std::min(*b, to);
    if (hi <= lo) continue;
    if (s.owner == Owner::Customs)
      customs[n_customs++] = {lo, hi};
    else
      both[n_agencies++] = {lo, hi};
  }
  std::copy_n(customs.begin(), n_customs, both.begin() + static_cast<std::ptrdiff_t>(n_agencies));
  out.customs = union_length(std::span(customs.data(), n_customs));
  out.agencies = union_length(std::span(both.data(), n_agencies + n_customs)) - out.customs;
  out.declarant = static_cast<double>(to - from) - out.customs - out.agencies;
  return out;
}

}  // namespace hq::trs
