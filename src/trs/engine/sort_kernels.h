#pragma once
// The statistics' two hot kernels, kept apart from the report's logic: a stable radix sort of packed
// observations and a stable counting scatter into groups. Header-only so they inline where the report uses
// them, as they did when they lived in report.cpp.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace hq::trs {

// Sorts observations packed as (seconds << 32 | record) by seconds, keeping record order among equal ones
// (the records of a series are in increasing order). LSD radix sort on 11-bit digits of the seconds: the
// 2,048-bucket histogram stays in the L1 cache, and two passes cover 24 days.
inline void radix_sort_packed(std::vector<std::uint64_t>& v) {
  if (v.size() < 4096) {
    std::sort(v.begin(), v.end());
    return;
  }
  std::uint64_t max = 0;
  for (std::uint64_t x : v) max = std::max(max, x);
  constexpr unsigned kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  std::vector<std::uint64_t> tmp(v.size());
  std::array<std::size_t, kBuckets> count;
  for (unsigned shift = 32; shift < 64 && (max >> shift) != 0; shift += kBits) {
    count.fill(0);
    for (std::uint64_t x : v) ++count[(x >> shift) & (kBuckets - 1)];
    std::size_t sum = 0;
    for (std::size_t& c : count) sum += std::exchange(c, sum);
    for (std::uint64_t x : v) tmp[count[(x >> shift) & (kBuckets - 1)]++] = x;
    v.swap(tmp);
  }
}

// Stable counting scatter: values[k] goes to group slot_of(k) (0 … slots-1); group g ends up in
// out[begin[g], begin[g + 1]), in input order. The input is read as four interleaved quarters with their own
// counters: with one counter per group every increment waits for the previous one to the same counter
// (store-to-load forwarding), which made this loop the largest part of the statistics.
template <class SlotOf>
void scatter_by_slot(std::span<const std::int64_t> values, std::size_t slots, SlotOf slot_of,
                     std::vector<std::int64_t>& out, std::vector<std::size_t>& begin) {
  constexpr std::size_t kLanes = 4;
  const std::size_t n = values.size(), quarter = n / kLanes;
  // Lane l reads [l·quarter, (l+1)·quarter); the last lane also the remainder. Counters: next[slot·kLanes + l].
  thread_local std::vector<std::size_t> next;
  next.assign(slots * kLanes, 0);
  for (std::size_t k = 0; k < quarter; ++k)
    for (std::size_t l = 0; l < kLanes; ++l) ++next[slot_of(l * quarter + k) * kLanes + l];
  for (std::size_t k = kLanes * quarter; k < n; ++k) ++next[slot_of(k) * kLanes + kLanes - 1];
  begin.assign(slots + 1, 0);
  std::size_t pos = 0;
  for (std::size_t s = 0; s < slots; ++s) {
    begin[s] = pos;
    for (std::size_t l = 0; l < kLanes; ++l) pos += std::exchange(next[s * kLanes + l], pos);
  }
  begin[slots] = pos;
  out.resize(n);
  for (std::size_t k = 0; k < quarter; ++k)
    for (std::size_t l = 0; l < kLanes; ++l) {
      const std::size_t i = l * quarter + k;
      out[next[slot_of(i) * kLanes + l]++] = values[i];
    }
  for (std::size_t k = kLanes * quarter; k < n; ++k) out[next[slot_of(k) * kLanes + kLanes - 1]++] = values[k];
}

}  // namespace hq::trs
