// The seed's sampling design (§B.II.2): which records of a branch interval (3) follows, and the default
// end of the follow-up of a measurement week.
#include "core/time.h"
#include "trs/engine/report.h"

namespace hq::trs {

std::string_view to_string(SamplingRule rule) { return rule == SamplingRule::WedFri ? "WED_FRI" : "FULL_WEEK"; }
std::optional<SamplingRule> parse_sampling_rule(std::string_view text) {
  if (text == "FULL_WEEK") return SamplingRule::FullWeek;
  if (text == "WED_FRI") return SamplingRule::WedFri;
  return std::nullopt;
}
SamplingRule default_sampling_rule(std::string_view route) {
  return route == "ROAD" ? SamplingRule::FullWeek : SamplingRule::WedFri;
}

UnixSeconds default_follow_up_limit(const core::Date& week_start, int working_days) {
  core::Date d = core::add_days(week_start, 5);  // the week's Saturday
  while (working_days > 0) {
    d = core::add_days(d, 1);
    const int wd = core::weekday(d);
    if (wd != 0 && wd != 6) --working_days;
  }
  return core::from_local({core::add_days(d, 1)});  // 24:00 of the last working day
}

}  // namespace hq::trs
