// The report's tables, built once every record has been added: statistics per interval, flow and group (in
// parallel), median CIs and cumulative curves, the World Bank, sampling, attribution and delay-reason tables.
#include <algorithm>
#include <functional>
#include <iterator>
#include <numeric>

#include "core/parallel_for.h"
#include "trs/engine/report_analyzer.h"

namespace hq::trs {

// Every table of the report. The (interval, flow) parts run largest first, beside the World Bank and
// delay-reason tables, so the threads finish together.
void Analyzer::Impl::build_statistics() {
  std::vector<std::pair<std::size_t, std::uint8_t>> tasks;
  for (std::size_t i = 0; i < intervals().size(); ++i)
    for (std::uint8_t f = 0; f < 2; ++f) {
      const auto& only = intervals()[i].only_flow;
      if (flow_present[f] && (!only || static_cast<std::uint8_t>(*only) == f)) tasks.emplace_back(i, f);
    }
  std::vector<std::size_t> largest_first(tasks.size());
  std::iota(largest_first.begin(), largest_first.end(), std::size_t{0});
  const auto size = [&](std::size_t t) { return series[tasks[t].first][tasks[t].second].size(); };
  std::stable_sort(largest_first.begin(), largest_first.end(), [&](auto a, auto b) { return size(a) > size(b); });
  std::vector<Part> parts(tasks.size());
  const std::function<void()> side_tables[] = {[this] { build_world_bank(); }, [this] { build_delay_reasons(); }};
  core::parallel_for(tasks.size() + std::size(side_tables), settings.threads, [&](std::size_t t) {
    if (t < std::size(side_tables)) return side_tables[t]();
    const std::size_t k = largest_first[t - std::size(side_tables)];
    parts[k] = build_part(tasks[k].first, tasks[k].second);
  });
  for (Part& p : parts) {
    std::move(p.rows.begin(), p.rows.end(), std::back_inserter(report.rows));
    std::move(p.working_rows.begin(), p.working_rows.end(), std::back_inserter(report.working_rows));
    std::move(p.median_ci.begin(), p.median_ci.end(), std::back_inserter(report.median_ci));
    std::move(p.cumulative.begin(), p.cumulative.end(), std::back_inserter(report.cumulative));
  }
}

Analyzer::Impl::Part Analyzer::Impl::build_part(std::size_t i, std::uint8_t f) const {
  Part part;
  const IntervalDef& def = intervals()[i];
  const std::string flow(kFlowNames[f]);
  const Sorted values = sorted_values(i, f);
  Grouped grouped;
  for (const ByDim& dim : kDims) {
    split(values, dim, grouped);
    for (const auto& [g, group_values] : grouped.groups) {
      if (group_values.empty() && dim.name != "all") continue;
      const std::string group(group_name(dim, g));
      const Summary stats = summarize_sorted(group_values);
      if (dim.name == "all" || dim.name == "channel") add_extras(part, def, flow, dim.name, group, group_values, stats);
      part.rows.push_back({std::string(def.id), flow, std::string(dim.name), group, stats});
    }
  }
  if (settings.working_week) build_working(part, def, i, f, flow);
  return part;
}

void Analyzer::Impl::build_working(Part& part, const IntervalDef& def, std::size_t i, std::uint8_t f, const std::string& flow) const {
  const Sorted values = sorted_values(i, f, true);
  Grouped grouped;
  for (const ByDim& dim : {kDims[0], kDims[1]}) {  // all, channel
    split(values, dim, grouped);
    for (const auto& [g, group_values] : grouped.groups) {
      if (group_values.empty() && dim.name != "all") continue;
      part.working_rows.push_back(
          {std::string(def.id), flow, std::string(dim.name), std::string(group_name(dim, g)), summarize_sorted(group_values)});
    }
  }
}

// Median CI and cumulative curve of one group.
void Analyzer::Impl::add_extras(Part& part, const IntervalDef& def, const std::string& flow, std::string_view by,
                const std::string& group, std::span<const std::int64_t> values, const Summary& stats) const {
  if (!values.empty()) {
    MedianCiRow row{std::string(def.id), flow, std::string(by), group, values.size(), stats.median_hours,
                    median_ci(values, mix(settings.seed, def.id, flow, group), settings.bootstrap_resamples,
                              settings.bootstrap_max_n)};
    part.median_ci.push_back(std::move(row));
  }
  if (std::find(std::begin(kCurves), std::end(kCurves), def.id) == std::end(kCurves)) return;
  CumulativeRow curve{std::string(def.id), flow, group, values.size(), {}};
  const auto shares = cumulative_shares(values, kCurveHours);
  for (std::size_t k = 0; k < shares.size(); ++k) curve.points.emplace_back(kCurveHours[k], shares[k]);
  part.cumulative.push_back(std::move(curve));
}

void Analyzer::Impl::build_world_bank() {
  for (const WorldBankDef& wb : kWorldBank) {
    const auto i = static_cast<std::size_t>(interval_index(wb.interval));
    const std::uint8_t want = wb.flow == Flow::NK ? 1 : 2;
    std::vector<std::int64_t> values;
    for (const Entry& o : series[i][static_cast<std::size_t>(wb.flow)])
      if (keys[o.record].world_bank == want) values.push_back(o.seconds);
    report.world_bank.push_back({std::string(wb.id), std::string(wb.description_vi), std::string(wb.interval),
                                 std::string(to_string(wb.flow)), summarize(values)});
  }
}

void Analyzer::Impl::build_sampling() {
  if (!settings.study) return;
  std::vector<std::uint32_t> order;
  for (std::uint32_t b = 0; b < sampling_counts.size(); ++b)
    if (sampling_counts[b][0]) order.push_back(b);
  const auto name = [&](std::uint32_t b) { return b == 0 ? std::string() : branch_names[b - 1]; };
  std::sort(order.begin(), order.end(), [&](auto x, auto y) { return name(x) < name(y); });
  for (const std::uint32_t b : order) {
    SamplingRow row;
    row.branch = name(b);
    const auto it = settings.study->sampling_rules.find(row.branch);
    if (it != settings.study->sampling_rules.end()) row.rule = it->second;
    row.records = sampling_counts[b][0];
    row.t3_kept = sampling_counts[b][1];
    row.t3_left_out = row.records - row.t3_kept;
    report.sampling.push_back(std::move(row));
  }
}

void Analyzer::Impl::build_attribution() {
  for (std::size_t k = 0; k < std::size(kAttributed); ++k)
    for (std::size_t f = 0; f < 2; ++f)
      for (std::size_t g = 0; g < 4; ++g) {
        const AttributionSum& s = attribution[k][f][g];
        if (s.n == 0) continue;
        AttributionRow row;
        row.interval = std::string(kAttributed[k]);
        row.flow = std::string(kFlowNames[f]);
        row.group = g == 0 ? std::string("all") : std::string(kChannelNames[g - 1]);
        row.n = s.n;
        const double n = static_cast<double>(s.n) * 3600.0;
        row.mean_hours = s.total / n;
        row.customs_hours = s.customs / n;
        row.agencies_hours = s.agencies / n;
        row.declarant_hours = (s.total - s.customs - s.agencies) / n;
        if (s.total > 0) {
          row.customs_share = s.customs / s.total;
          row.agencies_share = s.agencies / s.total;
          row.declarant_share = 1.0 - row.customs_share - row.agencies_share;
        }
        report.attribution.push_back(std::move(row));
      }
}

void Analyzer::Impl::build_delay_reasons() {
  constexpr std::size_t kReasons = std::size(kDelayReasonNames);
  const auto t2 = static_cast<std::size_t>(interval_index("T2"));
  for (std::uint8_t f = 0; f < 2; ++f) {
    if (!flow_present[f]) continue;
    std::array<std::size_t, kReasons + 1> counts{};  // last = no reason
    std::size_t records = 0;
    for (const Keys& k : keys) {
      if (k.flow != f) continue;
      ++records;
      if (k.delay_reasons == 0) ++counts[kReasons];
      for (std::size_t b = 0; b < kReasons; ++b) counts[b] += has_code(k.delay_reasons, b);
    }
    std::array<std::vector<std::int64_t>, kReasons + 1> values;
    for (const Entry& o : series[t2][f]) {
      const CodeSet reasons = keys[o.record].delay_reasons;
      if (reasons == 0) values[kReasons].push_back(o.seconds);
      for (std::size_t b = 0; b < kReasons; ++b)
        if (has_code(reasons, b)) values[b].push_back(o.seconds);
    }
    for (std::size_t b = 0; b <= kReasons; ++b) {
      if (counts[b] == 0) continue;
      DelayReasonRow row;
      row.flow = std::string(kFlowNames[f]);
      row.reason = b == kReasons ? std::string("NONE") : std::string(kDelayReasonNames[b]);
      row.count = counts[b];
      row.share = static_cast<double>(counts[b]) / static_cast<double>(records);
      row.t2_n = values[b].size();
      if (!values[b].empty()) row.t2_median_hours = summarize(values[b]).median_hours;
      report.delay_reasons.push_back(std::move(row));
    }
  }
}
}  // namespace hq::trs
