#pragma once
// Realistic declarations of one measurement week (Mon 2025-06-16 … Sat 2025-06-21), deterministic for a seed:
// the benchmark's generator (bench/trs_generate) and the demo study (`haiquan demo`) draw them.
//
// Shape (illustrative, close to what Vietnamese studies report): 11 branches on the three routes, 60 %
// imports; channels 55 % green, 35 % yellow, 10 % red; every step a log-normal duration (green release in
// minutes, red in a day or two, arrival → leaving the port around three days).
#include <cstddef>
#include <cstdint>
#include <cmath>
#include <random>
#include <span>

#include "trs/engine/record.h"

namespace hq::trs {

struct SampleBranch {
  const char* code;
  Route route;
};
// Illustrative VNACCS-style codes of the 11 branches of the 2013/2015 studies.
std::span<const SampleBranch> sample_branches();

class SampleRecords {
 public:
  explicit SampleRecords(std::uint64_t seed) : rng_(seed) {}
  // The i-th declaration (its number is derived from i).
  Record next(std::size_t i);
  // With probability `rate`, the faults real collection has: swapped milestones (a negative T2) or a
  // missing release / supervision milestone.
  void damage(Record& r, double rate);
  bool chance(double p) { return uniform() < p; }

 private:
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)) % n; }
  // Log-normal duration in seconds with the given median (hours) and spread.
  std::int64_t hours(double median, double sigma = 0.8) {
    return static_cast<std::int64_t>(median * 3600.0 * std::exp(sigma * normal_(rng_)));
  }
  void agency(AgencyBlock& a, std::int64_t registered, const char* name);

  std::mt19937_64 rng_;
  std::normal_distribution<double> normal_{0.0, 1.0};
};

}  // namespace hq::trs
