#pragma once
// SQL for the working-day calendar: administrators' yearly adjustments and the working hours setting.
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/calendar.h"

namespace hq::platform {

struct StoredAdjustment {
  std::int64_t id = 0;
  core::CalendarAdjustment adjustment;
};

std::vector<StoredAdjustment> load_adjustments(soci::session& sql);
std::vector<core::WorkingPeriod> load_working_hours(soci::session& sql);
// The calendar every deadline in every module is computed on.
core::WorkingCalendar load_calendar(soci::session& sql);

std::int64_t insert_adjustment(soci::session& sql, const core::CalendarAdjustment& adjustment);
bool delete_adjustment(soci::session& sql, std::int64_t id, core::CalendarAdjustment& removed);
void save_working_hours(soci::session& sql, const std::vector<core::WorkingPeriod>& periods);

// "07:30" ↔ minutes since midnight; nullopt when malformed.
std::optional<int> parse_clock(const std::string& text);
std::string format_clock(int minutes);
std::string format_periods(const std::vector<core::WorkingPeriod>& periods, const std::string& separator,
                           const std::string& dash);

}  // namespace hq::platform
