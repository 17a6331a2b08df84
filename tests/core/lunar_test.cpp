#include "core/lunar.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "printers.h"
#include "tests/support/errors.h"

using namespace hq::core;

namespace {


}  // namespace

TEST(Lunar, TetDatesInVietnam) {
  const std::pair<int, Date> cases[] = {
      {1968, {1968, 1, 29}},  // UTC+7 already: the North celebrated on 29 Jan, the South (UTC+8) on 30 Jan
      {1985, {1985, 1, 21}},  // China: 20 Feb
      {2000, {2000, 2, 5}},   {2007, {2007, 2, 17}},  // China: 18 Feb
      {2020, {2020, 1, 25}},  {2021, {2021, 2, 12}}, {2022, {2022, 2, 1}},  {2023, {2023, 1, 22}},
      {2024, {2024, 2, 10}},  {2025, {2025, 1, 29}}, {2026, {2026, 2, 17}}, {2027, {2027, 2, 6}},
      {2028, {2028, 1, 26}},  {2029, {2029, 2, 13}}, {2030, {2030, 2, 2}},  // China: 3 Feb
  };
  for (const auto& [year, tet] : cases) {
    SCOPED_TRACE(year);
    EXPECT_EQ(lunar_to_solar({1, 1, year, false}), tet);
    EXPECT_EQ(solar_to_lunar(tet), (LunarDate{1, 1, year, false}));
  }
}

TEST(Lunar, ChineseTetDatesAreOrdinaryDaysHere) {
  EXPECT_EQ(solar_to_lunar({1985, 2, 20}), (LunarDate{1, 2, 1985, false}));
  EXPECT_EQ(solar_to_lunar({2030, 2, 3}), (LunarDate{2, 1, 2030, false}));
  EXPECT_EQ(solar_to_lunar({2007, 2, 18}), (LunarDate{2, 1, 2007, false}));
}

TEST(Lunar, HungKingsDay) {
  const std::pair<int, Date> cases[] = {{2020, {2020, 4, 2}},  {2021, {2021, 4, 21}}, {2022, {2022, 4, 10}},
                                        {2023, {2023, 4, 29}}, {2024, {2024, 4, 18}}, {2025, {2025, 4, 7}},
                                        {2026, {2026, 4, 26}}};
  for (const auto& [year, day] : cases) {
    SCOPED_TRACE(year);
    EXPECT_EQ(lunar_to_solar({10, 3, year, false}), day);
    EXPECT_EQ(solar_to_lunar(day), (LunarDate{10, 3, year, false}));
  }
}

TEST(Lunar, OtherKnownDays) {
  EXPECT_EQ(solar_to_lunar({2025, 1, 28}), (LunarDate{29, 12, 2024, false}));  // Giáp Thìn ended on the 29th
  EXPECT_EQ(lunar_month_length(2024, 12), 29);
  EXPECT_EQ(solar_to_lunar({2024, 2, 9}), (LunarDate{30, 12, 2023, false}));
  EXPECT_EQ(lunar_month_length(2023, 12), 30);
  EXPECT_EQ(lunar_to_solar({15, 8, 2024, false}), (Date{2024, 9, 17}));  // Tết Trung thu
  EXPECT_EQ(lunar_to_solar({15, 8, 2025, false}), (Date{2025, 10, 6}));
  EXPECT_EQ(lunar_to_solar({15, 7, 2025, false}), (Date{2025, 9, 6}));  // Vu Lan
  EXPECT_EQ(solar_to_lunar({1900, 1, 1}), (LunarDate{1, 12, 1899, false}));
  EXPECT_EQ(solar_to_lunar({2025, 6, 16}), (LunarDate{21, 5, 2025, false}));
}

// The reference algorithm tries only two new-moon candidates and answers "day 0" on these days.
TEST(Lunar, NewMoonLaterThanItsMeanEstimate) {
  EXPECT_EQ(solar_to_lunar({2054, 5, 7}), (LunarDate{30, 3, 2054, false}));
  EXPECT_EQ(solar_to_lunar({2054, 5, 8}), (LunarDate{1, 4, 2054, false}));
  EXPECT_EQ(solar_to_lunar({2062, 4, 9}), (LunarDate{30, 2, 2062, false}));
  EXPECT_EQ(lunar_to_solar({30, 3, 2054, false}), (Date{2054, 5, 7}));
}

TEST(Lunar, LeapMonths) {
  EXPECT_EQ(lunar_leap_month(2020), 4);
  EXPECT_EQ(lunar_leap_month(2023), 2);
  EXPECT_EQ(lunar_leap_month(2024), 0);
  EXPECT_EQ(lunar_leap_month(2025), 6);
  EXPECT_EQ(lunar_leap_month(2026), 0);
  EXPECT_EQ(lunar_leap_month(2028), 5);
  EXPECT_EQ(lunar_leap_month(2033), 11);  // the rare leap 11th month, after month 11 of the same year

  // 2025: month 6 from 25 Jun, its leap repeat from 25 Jul, month 7 from 23 Aug.
  EXPECT_EQ(lunar_to_solar({1, 6, 2025, false}), (Date{2025, 6, 25}));
  EXPECT_EQ(lunar_to_solar({1, 6, 2025, true}), (Date{2025, 7, 25}));
  EXPECT_EQ(lunar_to_solar({1, 7, 2025, false}), (Date{2025, 8, 23}));
  EXPECT_EQ(solar_to_lunar({2025, 8, 1}), (LunarDate{8, 6, 2025, true}));
  EXPECT_EQ(lunar_to_solar({1, 11, 2033, false}), (Date{2033, 11, 22}));
  EXPECT_EQ(lunar_to_solar({1, 11, 2033, true}), (Date{2033, 12, 22}));
  EXPECT_EQ(solar_to_lunar({2034, 1, 1}), (LunarDate{11, 11, 2033, true}));
}

TEST(Lunar, NonexistentDatesThrow) {
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_to_solar({1, 3, 2025, true}); }), "INVALID_LUNAR_DATE");   // 2025 leaps month 6
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_to_solar({1, 1, 2024, true}); }), "INVALID_LUNAR_DATE");   // no leap month at all
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_to_solar({30, 12, 2024, false}); }), "INVALID_LUNAR_DATE");  // 29-day month
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_to_solar({31, 1, 2025, false}); }), "INVALID_LUNAR_DATE");
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_to_solar({0, 1, 2025, false}); }), "INVALID_LUNAR_DATE");
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_to_solar({1, 13, 2025, false}); }), "INVALID_LUNAR_DATE");
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_to_solar({1, 0, 2025, false}); }), "INVALID_LUNAR_DATE");
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_to_solar({1, 1, 2300, false}); }), "INVALID_LUNAR_DATE");
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_to_solar({1, 11, 1898, false}); }), "INVALID_LUNAR_DATE");
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_month_length(2024, 12, true); }), "INVALID_LUNAR_DATE");
  EXPECT_EQ(hq::test::bad_input_code([] { lunar_leap_month(3000); }), "INVALID_LUNAR_DATE");
  EXPECT_EQ(hq::test::bad_input_code([] { solar_to_lunar({1899, 12, 31}); }), "LUNAR_OUT_OF_RANGE");
  EXPECT_EQ(hq::test::bad_input_code([] { solar_to_lunar({2200, 1, 1}); }), "LUNAR_OUT_OF_RANGE");
  EXPECT_EQ(hq::test::bad_input_code([] { solar_to_lunar({2025, 2, 30}); }), "LUNAR_OUT_OF_RANGE");
}

TEST(Lunar, EdgesOfTheSupportedRange) {
  EXPECT_EQ(lunar_to_solar(solar_to_lunar(kLunarFirstSupported)), kLunarFirstSupported);
  EXPECT_EQ(lunar_to_solar(solar_to_lunar(kLunarLastSupported)), kLunarLastSupported);
  EXPECT_EQ(lunar_to_solar({1, 1, 2199, false}), (Date{2199, 1, 27}));
}

// Every solar day of the supported range: days advance one by one inside months of 29 or 30 days, months
// advance in order (a leap month repeating its predecessor), each year has 12 or 13 months starting with
// Tết between 21 Jan and 20 Feb, and the conversion inverts exactly.
TEST(Lunar, WholeRangeIsConsistent) {
  LunarDate prev = solar_to_lunar(kLunarFirstSupported);
  int months_in_year = 0, leap_years = 0;
  for (Date d = add_days(kLunarFirstSupported, 1); d <= kLunarLastSupported; d = add_days(d, 1)) {
    const LunarDate cur = solar_to_lunar(d);
    ASSERT_EQ(lunar_to_solar(cur), d);
    if (cur.day != 1) {
      ASSERT_EQ(cur, (LunarDate{prev.day + 1, prev.month, prev.year, prev.leap})) << format_date(d);
      prev = cur;
      continue;
    }
    ASSERT_GE(prev.day, 29) << format_date(d);
    ASSERT_EQ(lunar_month_length(prev.year, prev.month, prev.leap), prev.day) << format_date(d);
    if (cur.leap) {
      ASSERT_EQ(cur.month, prev.month) << format_date(d);
      ASSERT_EQ(lunar_leap_month(cur.year), cur.month) << format_date(d);
    } else {
      ASSERT_EQ(cur.month, prev.month % 12 + 1) << format_date(d);
    }
    if (cur.month == 1 && !cur.leap) {
      ASSERT_EQ(cur.year, prev.year + 1) << format_date(d);
      ASSERT_TRUE(d >= (Date{d.year, 1, 21}) && d <= (Date{d.year, 2, 20})) << format_date(d);
      if (months_in_year > 0) {  // the first year is only partly in range
        ASSERT_EQ(months_in_year, lunar_leap_month(prev.year) ? 13 : 12) << prev.year;
        leap_years += months_in_year == 13;
      }
      months_in_year = 0;
    }
    ++months_in_year;
    prev = cur;
  }
  EXPECT_NEAR(leap_years, 298 * 7 / 19, 2);  // 7 leap years in every 19
}
