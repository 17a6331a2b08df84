#pragma once
// Vietnamese lunisolar calendar (âm lịch), computed rather than tabulated: Hồ Ngọc Đức's astronomical
// algorithm (new moons and the sun's longitude after Meeus) evaluated at Vietnam's meridian, UTC+7.
// The time zone matters: China's calendar uses UTC+8, so the two differ in some years (Tết 1985 was
// 21 Jan in Vietnam and 20 Feb in China; Tết 2030 is 2 Feb in Vietnam and 3 Feb in China).
// Supported: solar dates 1900-01-01 … 2199-12-31.
#include "core/time.h"

namespace hq::core {

struct LunarDate {
  int day = 1, month = 1, year = 1970;
  bool leap = false;  // the intercalary month (tháng nhuận) that repeats `month`
  auto operator<=>(const LunarDate&) const = default;
};

constexpr Date kLunarFirstSupported{1900, 1, 1};
constexpr Date kLunarLastSupported{2199, 12, 31};

// Throws Error BadInput (LUNAR_OUT_OF_RANGE) outside the supported range.
LunarDate solar_to_lunar(const Date& solar);
// Throws Error BadInput (INVALID_LUNAR_DATE) when the lunar date does not exist (day 30 of a short month,
// a leap month the year does not have, …) or falls outside the supported range.
Date lunar_to_solar(const LunarDate& lunar);
// Days in the given lunar month (29 or 30); same errors as lunar_to_solar.
int lunar_month_length(int year, int month, bool leap = false);
// The intercalary month of a lunar year (1–12), or 0 when the year has none.
int lunar_leap_month(int year);

}  // namespace hq::core
