#include "core/calendar.h"

#include <algorithm>
#include <cstdlib>

#include "core/error.h"
#include "core/lunar.h"

namespace hq::core {
namespace {

constexpr int kFirstYear = kLunarFirstSupported.year;
constexpr int kLastYear = kLunarLastSupported.year;
constexpr int kMinutesPerDay = 24 * 60;
constexpr const char* kTet = "Tết Nguyên đán";
constexpr const char* kNationalDay = "Quốc khánh";

// The day off next to 2/9 (art. 112 gives "2/9 and the day before or after"; the Prime Minister picks one each
// year). Default: the neighbour that joins 2/9 to the weekend into the longest unbroken break — Tue → 1/9 (Mon),
// Fri → 1/9 (Thu), Sat → 1/9 (Fri), Mon → 3/9 (Tue), Thu → 3/9 (Fri), Sun → 3/9 (Mon, since 1/9 would be a
// Saturday anyway); on a Wednesday neither touches the weekend and 3/9 is taken. Matches 2021 (Thu, 3/9),
// 2022 (Fri, 1/9), 2023 (Sat, 1/9), 2024 (Mon, 3/9) and 2025 (Tue, 1/9). Administrators correct other choices
// with adjustments.
Date national_day_companion(int year) {
  static constexpr int kOffsetByWeekday[7] = {+1, +1, -1, +1, +1, -1, -1};  // Sunday … Saturday
  const Date national_day{year, 9, 2};
  return add_days(national_day, kOffsetByWeekday[weekday(national_day)]);
}

// Labour Code 2019 art. 112.3: a holiday that falls on the weekly rest day (Saturday or Sunday for
// customs offices) is compensated on the next working day — after the whole holiday block.
void add_compensatory_days(std::vector<Holiday>& holidays) {
  auto taken = [&](const Date& d) {
    return std::any_of(holidays.begin(), holidays.end(), [&](const Holiday& h) { return h.date == d; });
  };
  const std::size_t statutory_count = holidays.size();
  for (std::size_t i = 0; i < statutory_count; ++i) {
    const int day_of_week = weekday(holidays[i].date);
    if (day_of_week != 0 && day_of_week != 6) continue;
    Date candidate = add_days(holidays[i].date, 1);
    while (weekday(candidate) == 0 || weekday(candidate) == 6 || taken(candidate)) candidate = add_days(candidate, 1);
    holidays.push_back({candidate, "Nghỉ bù " + holidays[i].name});
  }
  std::stable_sort(holidays.begin(), holidays.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
}

std::vector<Holiday> compute_statutory_holidays(int year) {
  const Date tet = lunar_to_solar({1, 1, year, false});
  std::vector<Holiday> out{
      {{year, 1, 1}, "Tết Dương lịch"},
      {add_days(tet, -1), kTet},  // the last day of the previous lunar year (29 or 30 of month 12)
      {lunar_to_solar({10, 3, year, false}), "Giỗ Tổ Hùng Vương"},
      {{year, 4, 30}, "Ngày Chiến thắng"},
      {{year, 5, 1}, "Quốc tế Lao động"},
      {{year, 9, 2}, kNationalDay},
      {national_day_companion(year), kNationalDay},
  };
  for (int day = 0; day < 4; ++day) out.push_back({add_days(tet, day), kTet});  // days 1–4 of month 1
  std::stable_sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  add_compensatory_days(out);
  return out;
}

[[noreturn]] void year_out_of_range(int year) {
  bad_input("CALENDAR_OUT_OF_RANGE",
            "Năm " + std::to_string(year) + " nằm ngoài phạm vi lịch làm việc (" + std::to_string(kFirstYear) + "–" +
                std::to_string(kLastYear) + ").",
            {{"year", year}});
}

// Computed once for every supported year (a few milliseconds): lookups then cost no astronomy and the
// table is immutable, so calendars can be shared between threads.
const std::vector<Holiday>& statutory_for(int year) {
  static const std::vector<std::vector<Holiday>> table = [] {
    std::vector<std::vector<Holiday>> all;
    all.reserve(kLastYear - kFirstYear + 1);
    for (int y = kFirstYear; y <= kLastYear; ++y) all.push_back(compute_statutory_holidays(y));
    return all;
  }();
  if (year < kFirstYear || year > kLastYear) year_out_of_range(year);
  return table[year - kFirstYear];
}

bool is_statutory_holiday(const Date& date) {
  const std::vector<Holiday>& year = statutory_for(date.year);
  return std::any_of(year.begin(), year.end(), [&](const Holiday& h) { return h.date == date; });
}

// Names of the statutory holidays on `date`, joined (Giỗ Tổ can fall on 30/4 or 1/5); empty if none.
std::string statutory_name(const Date& date) {
  std::string name;
  for (const Holiday& h : statutory_for(date.year))
    if (h.date == date) name += (name.empty() ? "" : ", ") + h.name;
  return name;
}

bool is_weekend(const Date& date) {
  const int wd = weekday(date);
  return wd == 0 || wd == 6;
}

UnixSeconds local_midnight(const Date& date) { return from_local({date, 0, 0, 0}); }

std::vector<WorkingPeriod> validated_hours(std::vector<WorkingPeriod> hours) {
  std::sort(hours.begin(), hours.end(),
            [](const WorkingPeriod& a, const WorkingPeriod& b) { return a.start_minute < b.start_minute; });
  bool ok = !hours.empty();
  for (std::size_t i = 0; ok && i < hours.size(); ++i) {
    const WorkingPeriod& p = hours[i];
    ok = p.start_minute >= 0 && p.start_minute < p.end_minute && p.end_minute <= kMinutesPerDay &&
         (i == 0 || hours[i - 1].end_minute <= p.start_minute);
  }
  if (!ok)
    bad_input("INVALID_WORKING_HOURS",
              "Giờ làm việc không hợp lệ: cần ít nhất một khoảng, mỗi khoảng nằm trong 00:00–24:00, bắt đầu trước "
              "khi kết thúc và không chồng lấn nhau.");
  return hours;
}

}  // namespace

std::vector<WorkingPeriod> default_working_hours() { return {{7 * 60 + 30, 11 * 60 + 30}, {13 * 60, 17 * 60}}; }

std::vector<Holiday> statutory_holidays(int year) { return statutory_for(year); }

WorkingCalendar::WorkingCalendar(std::vector<CalendarAdjustment> adjustments, std::vector<WorkingPeriod> hours)
    : hours_(validated_hours(std::move(hours))) {
  for (CalendarAdjustment& a : adjustments) {
    if (!is_valid_date(a.date) || a.date.year < kFirstYear || a.date.year > kLastYear)
      bad_input("INVALID_CALENDAR_ADJUSTMENT",
                "Ngày điều chỉnh lịch làm việc không hợp lệ hoặc nằm ngoài phạm vi 1900–2199.",
                {{"date", format_date(a.date)}});
    if (a.name.empty()) a.name = a.working ? "Ngày làm việc bù" : "Ngày nghỉ theo điều chỉnh";
    const Date date = a.date;
    adjustments_.insert_or_assign(date, std::move(a));
  }
}

const CalendarAdjustment* WorkingCalendar::adjustment(const Date& date) const {
  const auto it = adjustments_.find(date);
  return it == adjustments_.end() ? nullptr : &it->second;
}

std::vector<Holiday> WorkingCalendar::holidays(int year) const {
  std::vector<Holiday> out;
  for (const Holiday& h : statutory_for(year)) {
    const CalendarAdjustment* a = adjustment(h.date);
    if (!a || !a->working) out.push_back(h);
  }
  for (auto it = adjustments_.lower_bound({year, 1, 1}); it != adjustments_.end() && it->first.year == year; ++it) {
    const CalendarAdjustment& a = it->second;
    if (!a.working && !is_statutory_holiday(a.date)) out.push_back({a.date, a.name});
  }
  std::stable_sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

std::string WorkingCalendar::holiday_name(const Date& date) const {
  const CalendarAdjustment* a = adjustment(date);
  if (a && a->working) return "";
  std::string name = statutory_name(date);  // the statutory name wins, as in holidays()
  return name.empty() && a ? a->name : name;
}

bool WorkingCalendar::is_working_day(const Date& date) const {
  if (const CalendarAdjustment* a = adjustment(date)) return a->working;
  return !is_statutory_holiday(date) && !is_weekend(date);  // holiday lookup first: it range-checks
}

Date WorkingCalendar::add_working_days(const Date& from, int n) const {
  const int step = n < 0 ? -1 : 1;
  Date day = from;
  for (long long left = std::llabs(n); left > 0;) {
    day = add_days(day, step);
    if (is_working_day(day)) --left;
  }
  return day;
}

UnixSeconds WorkingCalendar::add_working_days(UnixSeconds from, int n) const {
  LocalDateTime t = to_local(from);
  t.date = add_working_days(t.date, n);
  return from_local(t);
}

UnixSeconds WorkingCalendar::next_working_moment(UnixSeconds t) const {
  const LocalDateTime local = to_local(t);
  const UnixSeconds midnight = local_midnight(local.date);
  if (is_working_day(local.date)) {
    for (const WorkingPeriod& p : hours_) {
      if (t >= midnight + p.end_minute * 60) continue;
      return std::max(t, midnight + p.start_minute * 60);
    }
  }
  return local_midnight(add_working_days(local.date, 1)) + hours_.front().start_minute * 60;
}

std::int64_t WorkingCalendar::working_seconds_between(UnixSeconds a, UnixSeconds b) const {
  if (b < a) return -working_seconds_between(b, a);
  std::int64_t total = 0;
  for (Date day = to_local(a).date;; day = add_days(day, 1)) {
    const UnixSeconds midnight = local_midnight(day);
    if (midnight >= b) break;
    if (!is_working_day(day)) continue;
    for (const WorkingPeriod& p : hours_) {
      const UnixSeconds lo = std::max(a, midnight + p.start_minute * 60);
      const UnixSeconds hi = std::min(b, midnight + p.end_minute * 60);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

int WorkingCalendar::working_days_between(const Date& from, const Date& to) const {
  if (to < from) return -working_days_between(to, from);
  int count = 0;
  for (Date day = add_days(from, 1); day <= to; day = add_days(day, 1)) count += is_working_day(day) ? 1 : 0;
  return count;
}

}  // namespace hq::core
