#include "core/calendar.h"

#include <gtest/gtest.h>

#include <random>

#include "core/error.h"
#include "printers.h"
#include "tests/support/errors.h"
#include "core/lunar.h"

using namespace hq::core;

namespace {

UnixSeconds at(const Date& d, int hour, int minute = 0, int second = 0) { return from_local({d, hour, minute, second}); }
std::string local(UnixSeconds t) { return format_local_datetime(to_local(t)); }


constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kWorkingDay = 8 * kHour;

}  // namespace

TEST(Calendar, DefaultWorkingHours) {
  EXPECT_EQ(default_working_hours(), (std::vector<WorkingPeriod>{{450, 690}, {780, 1020}}));
  EXPECT_EQ(WorkingCalendar().working_hours(), default_working_hours());
}

TEST(Calendar, StatutoryHolidays2025) {
  const std::vector<Holiday> expected{
      {{2025, 1, 1}, "Tết Dương lịch"},
      {{2025, 1, 28}, "Tết Nguyên đán"},  // 29/12 Giáp Thìn, the last day of the lunar year
      {{2025, 1, 29}, "Tết Nguyên đán"},  // mùng 1 Tết Ất Tỵ
      {{2025, 1, 30}, "Tết Nguyên đán"},
      {{2025, 1, 31}, "Tết Nguyên đán"},
      {{2025, 2, 1}, "Tết Nguyên đán"},
      {{2025, 2, 3}, "Nghỉ bù Tết Nguyên đán"},  // 1/2 is a Saturday: compensated on Monday (art. 112.3)
      {{2025, 4, 7}, "Giỗ Tổ Hùng Vương"},
      {{2025, 4, 30}, "Ngày Chiến thắng"},
      {{2025, 5, 1}, "Quốc tế Lao động"},
      {{2025, 9, 1}, "Quốc khánh"},  // 2/9 is a Tuesday: Monday joins it to the weekend
      {{2025, 9, 2}, "Quốc khánh"},
  };
  EXPECT_EQ(statutory_holidays(2025), expected);
}

TEST(Calendar, StatutoryHolidays2026) {
  const std::vector<Holiday> h = statutory_holidays(2026);
  ASSERT_EQ(h.size(), 12u);
  const std::vector<Date> tet{{2026, 2, 16}, {2026, 2, 17}, {2026, 2, 18}, {2026, 2, 19}, {2026, 2, 20}};
  for (std::size_t i = 0; i < tet.size(); ++i) EXPECT_EQ(h[1 + i], (Holiday{tet[i], "Tết Nguyên đán"}));
  EXPECT_EQ(solar_to_lunar({2026, 2, 16}), (LunarDate{29, 12, 2025, false}));
  EXPECT_EQ(h[6], (Holiday{{2026, 4, 26}, "Giỗ Tổ Hùng Vương"}));  // a Sunday …
  EXPECT_EQ(h[7], (Holiday{{2026, 4, 27}, "Nghỉ bù Giỗ Tổ Hùng Vương"}));  // … compensated on Monday
  EXPECT_EQ(h[10], (Holiday{{2026, 9, 2}, "Quốc khánh"}));
  EXPECT_EQ(h[11], (Holiday{{2026, 9, 3}, "Quốc khánh"}));  // Wednesday: 3/9 by default
}

TEST(Calendar, TetIncludesDay30WhenTheLunarYearHasIt) {
  // Quý Mão's month 12 had 30 days: 9 Feb 2024 was the 30th.
  const std::vector<Holiday> h = statutory_holidays(2024);
  EXPECT_EQ(h[1], (Holiday{{2024, 2, 9}, "Tết Nguyên đán"}));
  EXPECT_EQ(h[5], (Holiday{{2024, 2, 13}, "Tết Nguyên đán"}));
  EXPECT_EQ(h[6], (Holiday{{2024, 2, 14}, "Nghỉ bù Tết Nguyên đán"}));  // 10 and 11 Feb were a weekend
  EXPECT_EQ(h[7], (Holiday{{2024, 2, 15}, "Nghỉ bù Tết Nguyên đán"}));
  EXPECT_EQ(h[8], (Holiday{{2024, 4, 18}, "Giỗ Tổ Hùng Vương"}));
}

TEST(Calendar, NationalDayCompanionRule) {
  const std::pair<int, Date> cases[] = {
      {2021, {2021, 9, 3}},  // Thursday → Friday
      {2022, {2022, 9, 1}},  // Friday → Thursday
      {2023, {2023, 9, 1}},  // Saturday → Friday
      {2024, {2024, 9, 3}},  // Monday → Tuesday
      {2025, {2025, 9, 1}},  // Tuesday → Monday
      {2026, {2026, 9, 3}},  // Wednesday → Thursday (tie)
      {2029, {2029, 9, 3}},  // Sunday → Monday
  };
  for (const auto& [year, companion] : cases) {
    SCOPED_TRACE(year);
    const std::vector<Holiday> h = statutory_holidays(year);
    EXPECT_NE(std::find(h.begin(), h.end(), Holiday{companion, "Quốc khánh"}), h.end());
    EXPECT_NE(std::find(h.begin(), h.end(), Holiday{{year, 9, 2}, "Quốc khánh"}), h.end());
  }
}

TEST(Calendar, EveryYearHasTheStatutoryShape) {
  for (int year = 1900; year <= 2199; ++year) {
    SCOPED_TRACE(year);
    std::vector<Holiday> h = statutory_holidays(year);
    // Compensatory days fall on weekdays and follow a weekend holiday; the rest is the statutory eleven.
    const int weekend_holidays = static_cast<int>(std::count_if(h.begin(), h.end(), [](auto& x) {
      return x.name.rfind("Nghỉ bù", 0) != 0 && (weekday(x.date) == 0 || weekday(x.date) == 6);
    }));
    const auto compensatory = std::stable_partition(h.begin(), h.end(), [](auto& x) { return x.name.rfind("Nghỉ bù", 0) != 0; });
    ASSERT_EQ(std::distance(compensatory, h.end()), weekend_holidays);
    for (auto it = compensatory; it != h.end(); ++it) ASSERT_TRUE(weekday(it->date) >= 1 && weekday(it->date) <= 5);
    h.erase(compensatory, h.end());
    ASSERT_EQ(h.size(), 11u);
    ASSERT_TRUE(std::is_sorted(h.begin(), h.end(), [](auto& a, auto& b) { return a.date < b.date; }));
    for (const Holiday& x : h) ASSERT_EQ(x.date.year, year);
    const auto tet = std::find_if(h.begin(), h.end(), [](auto& x) { return x.name == "Tết Nguyên đán"; });
    ASSERT_NE(tet, h.end());
    const LunarDate eve = solar_to_lunar(tet->date);
    ASSERT_EQ(eve.month, 12);
    ASSERT_GE(eve.day, 29);
    for (int i = 1; i < 5; ++i) {
      ASSERT_EQ(tet[i].date, add_days(tet->date, i));
      ASSERT_EQ(solar_to_lunar(tet[i].date), (LunarDate{i, 1, year, false}));
    }
  }
}

TEST(Calendar, HolidaysOnTheSameDateShareOneName) {
  const std::vector<Holiday> h = statutory_holidays(1947);  // Giỗ Tổ fell on 30/4
  EXPECT_EQ(std::count_if(h.begin(), h.end(), [](auto& x) { return x.name.rfind("Nghỉ bù", 0) != 0; }), 11);
  EXPECT_EQ(WorkingCalendar().holiday_name({1947, 4, 30}), "Giỗ Tổ Hùng Vương, Ngày Chiến thắng");
}

TEST(Calendar, WorkingDays) {
  const WorkingCalendar cal;
  EXPECT_TRUE(cal.is_working_day({2025, 6, 16}));    // Monday
  EXPECT_TRUE(cal.is_working_day({2025, 6, 20}));    // Friday
  EXPECT_FALSE(cal.is_working_day({2025, 6, 21}));   // Saturday
  EXPECT_FALSE(cal.is_working_day({2025, 6, 22}));   // Sunday
  EXPECT_FALSE(cal.is_working_day({2025, 1, 28}));   // Tết eve
  EXPECT_FALSE(cal.is_working_day({2025, 4, 7}));    // Giỗ Tổ
  EXPECT_TRUE(cal.is_working_day({2025, 4, 8}));
  EXPECT_FALSE(cal.is_working_day({2026, 4, 26}));   // Giỗ Tổ on a Sunday
  EXPECT_FALSE(cal.is_working_day({2026, 4, 27}));   // compensated on Monday (Labour Code art. 112.3)
  EXPECT_TRUE(cal.is_working_day({2026, 4, 28}));
  EXPECT_EQ(cal.holiday_name({2025, 1, 29}), "Tết Nguyên đán");
  EXPECT_EQ(cal.holiday_name({2025, 6, 21}), "");
  EXPECT_EQ(cal.holiday_name({2025, 6, 16}), "");
}

TEST(Calendar, AddWorkingDaysAcrossTet2026) {
  const WorkingCalendar cal;
  const Date friday{2026, 2, 13};
  EXPECT_EQ(cal.add_working_days(friday, 0), friday);
  EXPECT_EQ(cal.add_working_days(friday, 1), (Date{2026, 2, 23}));  // 16–20 Tết, 21–22 weekend
  EXPECT_EQ(cal.add_working_days(friday, 5), (Date{2026, 2, 27}));
  EXPECT_EQ(cal.add_working_days(friday, 6), (Date{2026, 3, 2}));
  EXPECT_EQ(cal.add_working_days(Date{2026, 2, 23}, -1), friday);
  EXPECT_EQ(cal.add_working_days(Date{2026, 2, 18}, 1), (Date{2026, 2, 23}));  // from inside Tết
  EXPECT_EQ(cal.add_working_days(Date{2026, 2, 18}, -1), friday);
  EXPECT_EQ(cal.add_working_days(Date{2026, 2, 18}, 0), (Date{2026, 2, 18}));  // 0 leaves a holiday as is
  EXPECT_EQ(cal.working_days_between(friday, Date{2026, 2, 23}), 1);
  EXPECT_EQ(cal.working_days_between(Date{2026, 2, 1}, Date{2026, 2, 28}), 15);  // 20 weekdays − 5 of Tết
}

TEST(Calendar, AddWorkingDaysKeepsTheTimeOfDay) {
  const WorkingCalendar cal;
  EXPECT_EQ(local(cal.add_working_days(at({2026, 2, 13}, 9, 15, 42), 1)), "2026-02-23 09:15");
  EXPECT_EQ(to_local(cal.add_working_days(at({2026, 2, 13}, 9, 15, 42), 1)).second, 42);
  EXPECT_EQ(local(cal.add_working_days(at({2025, 6, 20}, 23, 30), 1)), "2025-06-23 23:30");
  EXPECT_EQ(local(cal.add_working_days(at({2025, 6, 23}, 0, 10), -1)), "2025-06-20 00:10");
  EXPECT_EQ(cal.add_working_days(at({2025, 6, 21}, 10), 0), at({2025, 6, 21}, 10));
}

TEST(Calendar, MakeUpSaturdayCounts) {
  // 2025: 27/1 (Monday) off in exchange for Saturday 15/2, as the Prime Minister decided.
  const WorkingCalendar cal({{{2025, 1, 27}, false, "Nghỉ Tết (hoán đổi)"}, {{2025, 2, 15}, true, "Làm bù ngày 27/01"}});
  EXPECT_FALSE(cal.is_working_day({2025, 1, 27}));
  EXPECT_TRUE(cal.is_working_day({2025, 2, 15}));
  EXPECT_EQ(cal.add_working_days(Date{2025, 1, 24}, 1), (Date{2025, 2, 4}));  // 3/2 compensates Saturday 1/2
  EXPECT_EQ(cal.add_working_days(Date{2025, 2, 14}, 1), (Date{2025, 2, 15}));
  EXPECT_EQ(cal.add_working_days(Date{2025, 2, 17}, -1), (Date{2025, 2, 15}));
  EXPECT_EQ(cal.working_days_between({2025, 2, 14}, {2025, 2, 17}), 2);
  EXPECT_EQ(WorkingCalendar().working_days_between({2025, 2, 14}, {2025, 2, 17}), 1);
  EXPECT_EQ(cal.working_seconds_between(at({2025, 2, 14}, 16), at({2025, 2, 17}, 8)), kHour + kWorkingDay + kHour / 2);
  EXPECT_EQ(local(cal.next_working_moment(at({2025, 2, 14}, 18))), "2025-02-15 07:30");
  EXPECT_EQ(cal.holiday_name({2025, 1, 27}), "Nghỉ Tết (hoán đổi)");
  EXPECT_EQ(cal.holiday_name({2025, 2, 15}), "");

  const std::vector<Holiday> h = cal.holidays(2025);
  ASSERT_EQ(h.size(), 13u);
  EXPECT_EQ(h[1], (Holiday{{2025, 1, 27}, "Nghỉ Tết (hoán đổi)"}));
  EXPECT_EQ(h[2].date, (Date{2025, 1, 28}));
}

TEST(Calendar, AdjustmentsOverrideStatutoryHolidays) {
  // The government chose 1/9 instead of the default 3/9 in some year: admins swap the two.
  const WorkingCalendar cal({{{2026, 9, 3}, true, "Làm việc (điều chỉnh lịch nghỉ Quốc khánh)"},
                             {{2026, 9, 1}, false, "Quốc khánh (nghỉ liền kề)"},
                             {{2026, 1, 2}, false, ""}});
  EXPECT_TRUE(cal.is_working_day({2026, 9, 3}));
  EXPECT_FALSE(cal.is_working_day({2026, 9, 1}));
  EXPECT_FALSE(cal.is_working_day({2026, 1, 2}));
  EXPECT_EQ(cal.holiday_name({2026, 1, 2}), "Ngày nghỉ theo điều chỉnh");
  EXPECT_EQ(cal.holiday_name({2026, 9, 3}), "");
  const std::vector<Holiday> h = cal.holidays(2026);
  EXPECT_EQ(h.size(), 13u);
  EXPECT_EQ(h[1], (Holiday{{2026, 1, 2}, "Ngày nghỉ theo điều chỉnh"}));
  EXPECT_EQ(h[h.size() - 2], (Holiday{{2026, 9, 1}, "Quốc khánh (nghỉ liền kề)"}));
  EXPECT_EQ(h.back(), (Holiday{{2026, 9, 2}, "Quốc khánh"}));
  EXPECT_EQ(cal.holidays(2025), statutory_holidays(2025));  // other years untouched
}

TEST(Calendar, RedundantDayOffKeepsTheStatutoryName) {
  const WorkingCalendar cal({{{2025, 4, 30}, false, "Nghỉ lễ"}});
  EXPECT_EQ(cal.holiday_name({2025, 4, 30}), "Ngày Chiến thắng");
  EXPECT_EQ(cal.holidays(2025), statutory_holidays(2025));
}

TEST(Calendar, LaterAdjustmentForTheSameDateWins) {
  const WorkingCalendar cal({{{2025, 6, 21}, true, "a"}, {{2025, 6, 21}, false, "b"}});
  EXPECT_FALSE(cal.is_working_day({2025, 6, 21}));
  EXPECT_EQ(cal.adjustments().size(), 1u);
}

TEST(Calendar, NextWorkingMoment) {
  const WorkingCalendar cal;
  const Date mon{2025, 6, 16}, fri{2025, 6, 20};
  EXPECT_EQ(local(cal.next_working_moment(at(fri, 17, 30))), "2025-06-23 07:30");
  EXPECT_EQ(local(cal.next_working_moment(at(fri, 17, 0))), "2025-06-23 07:30");  // periods are half-open
  EXPECT_EQ(cal.next_working_moment(at(fri, 16, 59, 59)), at(fri, 16, 59, 59));
  EXPECT_EQ(cal.next_working_moment(at(mon, 7, 30)), at(mon, 7, 30));
  EXPECT_EQ(cal.next_working_moment(at(mon, 9, 12, 5)), at(mon, 9, 12, 5));
  EXPECT_EQ(local(cal.next_working_moment(at(mon, 6, 0))), "2025-06-16 07:30");
  EXPECT_EQ(local(cal.next_working_moment(at(mon, 0, 0))), "2025-06-16 07:30");
  EXPECT_EQ(local(cal.next_working_moment(at(mon, 11, 30))), "2025-06-16 13:00");  // lunch
  EXPECT_EQ(local(cal.next_working_moment(at(mon, 12, 15))), "2025-06-16 13:00");
  EXPECT_EQ(local(cal.next_working_moment(at({2025, 6, 21}, 10))), "2025-06-23 07:30");  // Saturday
  EXPECT_EQ(local(cal.next_working_moment(at({2026, 2, 13}, 17, 30))), "2026-02-23 07:30");  // Tết
  EXPECT_EQ(local(cal.next_working_moment(at({2025, 8, 29}, 20))), "2025-09-03 07:30");  // Quốc khánh
}

TEST(Calendar, WorkingSecondsBetween) {
  const WorkingCalendar cal;
  const Date mon{2025, 6, 16}, tue{2025, 6, 17}, fri{2025, 6, 20}, next_mon{2025, 6, 23};
  EXPECT_EQ(cal.working_seconds_between(at(mon, 8), at(mon, 9)), kHour);
  EXPECT_EQ(cal.working_seconds_between(at(mon, 10), at(mon, 14)), 2 * kHour + kHour / 2);  // lunch excluded
  EXPECT_EQ(cal.working_seconds_between(at(mon, 12), at(mon, 12, 30)), 0);
  EXPECT_EQ(cal.working_seconds_between(at(mon, 0), at(tue, 0)), kWorkingDay);
  EXPECT_EQ(cal.working_seconds_between(at(mon, 16), at(tue, 8)), kHour + kHour / 2);  // the night is free
  EXPECT_EQ(cal.working_seconds_between(at(fri, 16), at(next_mon, 8, 30)), 2 * kHour);  // so is the weekend
  EXPECT_EQ(cal.working_seconds_between(at(mon, 0), at(next_mon, 0)), 5 * kWorkingDay);
  EXPECT_EQ(cal.working_seconds_between(at(tue, 8), at(mon, 16)), -(kHour + kHour / 2));
  EXPECT_EQ(cal.working_seconds_between(at(mon, 9), at(mon, 9)), 0);
  EXPECT_EQ(cal.working_seconds_between(at(mon, 9), at(mon, 9, 0, 1)), 1);
  // Tết 2026: nothing from Friday evening to Monday 23/2 morning.
  EXPECT_EQ(cal.working_seconds_between(at({2026, 2, 13}, 17), at({2026, 2, 23}, 7, 30)), 0);
  EXPECT_EQ(cal.working_seconds_between(at({2026, 2, 1}, 0), at({2026, 3, 1}, 0)), 15 * kWorkingDay);
}

TEST(Calendar, CustomWorkingHours) {
  // Given out of order; a border gate working 06:00–22:00 with no lunch break is one period.
  const WorkingCalendar split({}, {{13 * 60, 17 * 60}, {8 * 60, 12 * 60}});
  EXPECT_EQ(split.working_hours(), (std::vector<WorkingPeriod>{{480, 720}, {780, 1020}}));
  EXPECT_EQ(local(split.next_working_moment(at({2025, 6, 16}, 7, 45))), "2025-06-16 08:00");
  const WorkingCalendar gate({}, {{6 * 60, 22 * 60}});
  EXPECT_EQ(gate.working_seconds_between(at({2025, 6, 16}, 0), at({2025, 6, 17}, 0)), 16 * kHour);
  const WorkingCalendar all_day({}, {{0, 24 * 60}});
  EXPECT_EQ(all_day.working_seconds_between(at({2025, 6, 16}, 23), at({2025, 6, 17}, 1)), 2 * kHour);
  EXPECT_EQ(local(all_day.next_working_moment(at({2025, 6, 20}, 23, 59))), "2025-06-20 23:59");
  EXPECT_EQ(local(all_day.next_working_moment(at({2025, 6, 21}, 12))), "2025-06-23 00:00");
}

TEST(Calendar, InvalidWorkingHoursAreRejected) {
  EXPECT_EQ(hq::test::bad_input_code([] { WorkingCalendar({}, {}); }), "INVALID_WORKING_HOURS");
  EXPECT_EQ(hq::test::bad_input_code([] { WorkingCalendar({}, {{600, 600}}); }), "INVALID_WORKING_HOURS");
  EXPECT_EQ(hq::test::bad_input_code([] { WorkingCalendar({}, {{700, 600}}); }), "INVALID_WORKING_HOURS");
  EXPECT_EQ(hq::test::bad_input_code([] { WorkingCalendar({}, {{-1, 600}}); }), "INVALID_WORKING_HOURS");
  EXPECT_EQ(hq::test::bad_input_code([] { WorkingCalendar({}, {{600, 1441}}); }), "INVALID_WORKING_HOURS");
  EXPECT_EQ(hq::test::bad_input_code([] { WorkingCalendar({}, {{480, 720}, {700, 1000}}); }), "INVALID_WORKING_HOURS");
  EXPECT_EQ(hq::test::bad_input_code([] { WorkingCalendar({}, {{480, 720}, {720, 1000}}); }), "");  // touching is fine
  EXPECT_EQ(hq::test::bad_input_code([] { WorkingCalendar({{{2025, 2, 30}, true, ""}}); }), "INVALID_CALENDAR_ADJUSTMENT");
  EXPECT_EQ(hq::test::bad_input_code([] { WorkingCalendar({{{2200, 1, 3}, true, ""}}); }), "INVALID_CALENDAR_ADJUSTMENT");
}

TEST(Calendar, OutOfRangeYearsThrow) {
  const WorkingCalendar cal;
  EXPECT_EQ(hq::test::bad_input_code([] { statutory_holidays(1899); }), "CALENDAR_OUT_OF_RANGE");
  EXPECT_EQ(hq::test::bad_input_code([] { statutory_holidays(2200); }), "CALENDAR_OUT_OF_RANGE");
  EXPECT_EQ(hq::test::bad_input_code([&] { cal.is_working_day({2200, 1, 5}); }), "CALENDAR_OUT_OF_RANGE");  // a Sunday
  EXPECT_EQ(hq::test::bad_input_code([&] { cal.is_working_day({1899, 12, 29}); }), "CALENDAR_OUT_OF_RANGE");
  EXPECT_EQ(hq::test::bad_input_code([&] { cal.next_working_moment(at({2199, 12, 31}, 18)); }), "CALENDAR_OUT_OF_RANGE");
  EXPECT_EQ(hq::test::bad_input_code([&] { cal.add_working_days(Date{2199, 12, 30}, 5); }), "CALENDAR_OUT_OF_RANGE");
  EXPECT_EQ(hq::test::bad_input_code([&] { cal.holidays(3000); }), "CALENDAR_OUT_OF_RANGE");
}

// Invariants over random days and instants across the whole supported range.
TEST(Calendar, RandomisedInvariants) {
  const WorkingCalendar cal({{{2025, 2, 15}, true, "Làm bù"}, {{2025, 1, 27}, false, "Nghỉ"}});
  std::mt19937 rng(20250616);
  const std::int64_t first = days_from_civil({1900, 2, 1}), last = days_from_civil({2199, 11, 30});
  std::uniform_int_distribution<std::int64_t> day(first, last);
  std::uniform_int_distribution<int> n(-40, 40), second(0, 86399);
  for (int i = 0; i < 3000; ++i) {
    const Date d = civil_from_days(day(rng));
    const int k = n(rng);
    const Date e = cal.add_working_days(d, k);
    SCOPED_TRACE(format_date(d) + " + " + std::to_string(k));
    // (d, e] holds k working days going forward; [e, d) holds −k going back.
    if (k >= 0) {
      ASSERT_EQ(cal.working_days_between(d, e), k);
    } else {
      ASSERT_EQ(cal.working_days_between(add_days(e, -1), add_days(d, -1)), -k);
    }
    if (k != 0) {
      ASSERT_TRUE(cal.is_working_day(e));
    }
    if (!cal.adjustments().contains(d)) {
      ASSERT_EQ(cal.is_working_day(d), weekday(d) % 6 != 0 && cal.holiday_name(d).empty());
    }

    const UnixSeconds t = at(d, 0) + second(rng);
    const UnixSeconds w = cal.next_working_moment(t);
    ASSERT_GE(w, t);
    ASSERT_EQ(cal.working_seconds_between(t, w), 0);
    ASSERT_EQ(cal.next_working_moment(w), w);
    ASSERT_EQ(cal.working_seconds_between(w, w + 1), 1);
    const UnixSeconds u = t + second(rng) * 3;
    ASSERT_EQ(cal.working_seconds_between(t, u) + cal.working_seconds_between(u, u + 86400),
              cal.working_seconds_between(t, u + 86400));
  }
}
