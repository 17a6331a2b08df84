// Comparing two studies' reports row by row (the same interval, flow, grouping and group).
#include <map>
#include <string>
#include <tuple>

#include "trs/engine/report.h"

namespace hq::trs {

std::vector<ComparisonRow> compare(const Report& a, const Report& b) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, std::pair<const StatRow*, const StatRow*>> matched;
  std::vector<Key> order;
  const auto note = [&](const StatRow& r, bool first) {
    const Key k{r.interval, r.flow, r.by, r.group};
    auto [it, added] = matched.emplace(k, std::pair<const StatRow*, const StatRow*>{nullptr, nullptr});
    if (added) order.push_back(k);
    (first ? it->second.first : it->second.second) = &r;
  };
  for (const StatRow& r : a.rows) note(r, true);
  for (const StatRow& r : b.rows) note(r, false);
  std::vector<ComparisonRow> out;
  for (const Key& k : order) {
    const auto [ra, rb] = matched.at(k);
    ComparisonRow c;
    std::tie(c.interval, c.flow, c.by, c.group) = k;
    if (ra && ra->stats.n) c.n_a = ra->stats.n, c.median_a = ra->stats.median_hours, c.mean_a = ra->stats.mean_hours;
    if (rb && rb->stats.n) c.n_b = rb->stats.n, c.median_b = rb->stats.median_hours, c.mean_b = rb->stats.mean_hours;
    if (c.median_a && c.median_b) {
      c.median_change_hours = *c.median_b - *c.median_a;
      if (*c.median_a > 0) c.median_change_pct = 100.0 * *c.median_change_hours / *c.median_a;
    }
    if (c.mean_a && c.mean_b) {
      c.mean_change_hours = *c.mean_b - *c.mean_a;
      if (*c.mean_a > 0) c.mean_change_pct = 100.0 * *c.mean_change_hours / *c.mean_a;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace hq::trs
