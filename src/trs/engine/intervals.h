#pragma once
// The intervals of the study (spec trs.md, "Intervals") as a declarative table, and the record-level
// data-quality rules: out-of-order milestones, milestones a channel requires, and "incomplete".
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trs/engine/issue.h"
#include "trs/engine/record.h"

namespace hq::trs {

// One way of observing an interval: `from` → `to` (or the later of `to` / `to_alt` when both are set).
// T4_1* have one span per agency block (ag1, ag2, qc): every block is one observation.
struct IntervalSpan {
  std::string_view block;  // "" or ag1 / ag2 / qc
  std::string_view from;
  std::string_view to;
  std::string_view to_alt = {};
};

struct IntervalDef {
  std::string_view id;
  std::string_view name_vi;
  std::string_view name_en;
  std::optional<Flow> only_flow;  // T1 is NK only
  std::span<const IntervalSpan> spans;
};

std::span<const IntervalDef> intervals();
int interval_index(std::string_view id);  // -1 when unknown

struct Observation {
  std::uint8_t interval;  // index into intervals()
  std::uint8_t span;      // index into its spans
  std::int64_t seconds;   // may be negative: the caller drops it and reports NEGATIVE_INTERVAL
  UnixSeconds from;       // the start instant
};

// Appends every observed interval of `r` (both ends recorded) to `out`.
void observe(const Record& r, std::vector<Observation>& out);
Issue negative_interval_issue(const Record& r, const Observation& o);

// OUT_OF_ORDER issues for milestone pairs that no interval covers (intervals report NEGATIVE_INTERVAL).
void check_order(const Record& r, std::vector<Issue>& out);

// Milestones the record's flow/channel requires but that are empty. The first group ("core") decides
// whether the record is incomplete: registered_at and released_at, plus arrival_at and
// supervision_confirmed_at for imports (T2 and T1 cannot be measured without them).
std::vector<std::string_view> missing_milestones(const Record& r, bool core_only = false);
inline bool is_incomplete(const Record& r) { return !missing_milestones(r, true).empty(); }
// One MISSING_MILESTONE issue listing them, or nothing.
void check_missing(const Record& r, std::vector<Issue>& out);

// "115:00:17" (rounded to the second).
std::string format_hms(double hours);

}  // namespace hq::trs
