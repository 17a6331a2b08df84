#pragma once
// The working-day calendar every deadline is computed on: Monday–Friday, minus the public holidays of the
// Labor Code 2019 (art. 112, computed from the solar and lunar calendars, never typed in), with the swaps the
// government announces each year entered by administrators as adjustments. Days are Vietnam local days.
// Supported years: 1900–2199 (the lunar calendar's range); other dates throw Error BadInput.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/time.h"

namespace hq::core {

struct Holiday {
  Date date;
  std::string name;  // Vietnamese, e.g. "Tết Nguyên đán", "Giỗ Tổ Hùng Vương"
  bool operator==(const Holiday&) const = default;
};

// An administrator's yearly correction: an extra day off (working=false), e.g. a bridge day, or a make-up
// working day (working=true), e.g. the Saturday that pays for it. It overrides everything else for its date.
struct CalendarAdjustment {
  Date date;
  bool working = false;
  std::string name;  // shown in holiday lists; when empty the calendar supplies a generic Vietnamese one
};

// Half-open [start_minute, end_minute) in minutes since local midnight.
struct WorkingPeriod {
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const WorkingPeriod&) const = default;
};

std::vector<WorkingPeriod> default_working_hours();  // 07:30–11:30, 13:00–17:00

// The statutory days off of a solar year, sorted by date (two holidays may share a date, e.g. when Giỗ Tổ
// falls on 30/4). Weekend holidays are not moved: compensatory days are announced and entered as adjustments.
std::vector<Holiday> statutory_holidays(int year);

class WorkingCalendar {
 public:
  // Throws Error BadInput if `hours` is empty, out of 00:00–24:00, or overlapping. Adjustments may come in
  // any order; when two share a date the later one wins.
  explicit WorkingCalendar(std::vector<CalendarAdjustment> adjustments = {},
                           std::vector<WorkingPeriod> hours = default_working_hours());

  // Statutory holidays plus adjustment days off, sorted; a statutory holiday that an adjustment turned into a
  // working day is left out.
  std::vector<Holiday> holidays(int year) const;
  // Why `date` is a day off: the holiday's or adjustment's name; empty for working days and plain weekends.
  std::string holiday_name(const Date& date) const;
  bool is_working_day(const Date& date) const;

  // The n-th working day after `from` (before it when n < 0); n = 0 returns `from` unchanged.
  Date add_working_days(const Date& from, int n) const;
  // Same local time of day on the day add_working_days(local date of `from`, n) gives.
  UnixSeconds add_working_days(UnixSeconds from, int n) const;
  // `t` itself when inside a working period of a working day, else the start of the next such period
  // (e.g. Friday 17:30 → Monday 07:30, 12:00 → 13:00 the same day).
  UnixSeconds next_working_moment(UnixSeconds t) const;
  // Seconds of [a, b) inside working periods of working days; negative (−(b, a)) when b < a.
  std::int64_t working_seconds_between(UnixSeconds a, UnixSeconds b) const;
  // Working days in (from, to]; negative count of those in (to, from] when to < from.
  int working_days_between(const Date& from, const Date& to) const;

  const std::vector<WorkingPeriod>& working_hours() const { return hours_; }
  const std::map<Date, CalendarAdjustment>& adjustments() const { return adjustments_; }

 private:
  const CalendarAdjustment* adjustment(const Date& date) const;

  std::map<Date, CalendarAdjustment> adjustments_;
  std::vector<WorkingPeriod> hours_;
};

}  // namespace hq::core
