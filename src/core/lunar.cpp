#include "core/lunar.h"

#include <cmath>
#include <string>

#include "core/error.h"

// A port of Hồ Ngọc Đức's algorithm (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html).
// Rules of the calendar it implements:
//  - a month starts on the local day of the new moon;
//  - month 11 is the month containing the winter solstice;
//  - when 13 new moons separate two months 11, the first month after month 11 without a major solar term
//    (sun longitude crossing a multiple of 30°) is the leap month and repeats the number before it.
// Days are Julian day numbers (JDN); "local" means UTC+7.
namespace hq::core {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegree = kPi / 180;
constexpr double kTimeZoneHours = 7.0;
constexpr double kSynodicMonth = 29.530588853;
constexpr double kNewMoonEpoch = 2415021.076998695;  // JD of the new moon of 1900-01-01 13:52 UTC
constexpr std::int64_t kUnixEpochJdn = 2440588;

using Jdn = std::int64_t;

Jdn jdn_from_date(const Date& d) { return days_from_civil(d) + kUnixEpochJdn; }
Date date_from_jdn(Jdn jdn) { return civil_from_days(jdn - kUnixEpochJdn); }

Jdn floor_to_int(double x) { return static_cast<Jdn>(std::floor(x)); }

// Julian date (TT corrected to UT) of the k-th new moon after the 1900-01-01 epoch (Meeus ch. 49, reduced).
double new_moon(Jdn k) {
  const double t = static_cast<double>(k) / 1236.85;
  const double t2 = t * t, t3 = t2 * t;
  const double kd = static_cast<double>(k);
  double jd = 2415020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * kDegree);
  const double m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3;      // sun's anomaly
  const double mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3;  // moon's anomaly
  const double f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3;     // moon's latitude
  double c1 = (0.1734 - 0.000393 * t) * std::sin(m * kDegree) + 0.0021 * std::sin(2 * kDegree * m);
  c1 = c1 - 0.4068 * std::sin(mpr * kDegree) + 0.0161 * std::sin(kDegree * 2 * mpr);
  c1 = c1 - 0.0004 * std::sin(kDegree * 3 * mpr);
  c1 = c1 + 0.0104 * std::sin(kDegree * 2 * f) - 0.0051 * std::sin(kDegree * (m + mpr));
  c1 = c1 - 0.0074 * std::sin(kDegree * (m - mpr)) + 0.0004 * std::sin(kDegree * (2 * f + m));
  c1 = c1 - 0.0004 * std::sin(kDegree * (2 * f - m)) - 0.0006 * std::sin(kDegree * (2 * f + mpr));
  c1 = c1 + 0.0010 * std::sin(kDegree * (2 * f - mpr)) + 0.0005 * std::sin(kDegree * (2 * mpr + m));
  const double delta_t = t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                                 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c1 - delta_t;
}

// The local day on which the k-th new moon falls.
Jdn new_moon_day(Jdn k) { return floor_to_int(new_moon(k) + 0.5 + kTimeZoneHours / 24); }

// Sun's apparent longitude in radians [0, 2π) at Julian date jd (Meeus ch. 25, low precision).
double sun_longitude(double jd) {
  const double t = (jd - 2451545.0) / 36525;
  const double t2 = t * t;
  const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(kDegree * m);
  dl += (0.019993 - 0.000101 * t) * std::sin(kDegree * 2 * m) + 0.000290 * std::sin(kDegree * 3 * m);
  const double l = (l0 + dl) * kDegree;
  return l - 2 * kPi * std::floor(l / (2 * kPi));
}

// Which 30° sector (0–11) the sun is in at the start of a local day; sector 9 begins at the winter solstice.
int sun_sector(Jdn day) {
  return static_cast<int>(sun_longitude(static_cast<double>(day) - 0.5 - kTimeZoneHours / 24) / kPi * 6);
}

// First day of the lunar month 11 (the one holding the winter solstice) that starts in solar year `year`.
Jdn month11_start(int year) {
  const Jdn offset = jdn_from_date({year, 12, 31}) - 2415021;
  const Jdn k = floor_to_int(static_cast<double>(offset) / kSynodicMonth);
  const Jdn nm = new_moon_day(k);
  return sun_sector(nm) >= 9 ? new_moon_day(k - 1) : nm;
}

// Index (1–13) of the leap month after the month 11 starting on a11, in a 13-month lunar year.
int leap_month_offset(Jdn a11) {
  const Jdn k = floor_to_int((static_cast<double>(a11) - kNewMoonEpoch) / kSynodicMonth + 0.5);
  int i = 1;
  int sector = sun_sector(new_moon_day(k + i));
  int last = 0;
  do {
    last = sector;
    ++i;
    sector = sun_sector(new_moon_day(k + i));
  } while (sector != last && i < 14);
  return i - 1;
}

// Month number of the leap month found at `offset` months after month 11 (offset 1 repeats month 11).
int leap_month_number(int offset) {
  const int m = offset - 2;
  return m <= 0 ? m + 12 : m;
}

bool in_supported_range(const Date& d) {
  return is_valid_date(d) && d >= kLunarFirstSupported && d <= kLunarLastSupported;
}

LunarDate lunar_from_jdn(Jdn day, int solar_year) {
  // The month starts on the last new moon day not after `day`. The mean-motion estimate k is only close: the
  // true new moon may fall a day either side of it (the original algorithm, which tries only k and k+1, gives
  // "day 0" on 2054-05-07 and 2062-04-09), so step until bracketed.
  Jdn k = floor_to_int((static_cast<double>(day) - kNewMoonEpoch) / kSynodicMonth);
  while (new_moon_day(k + 1) <= day) ++k;
  while (new_moon_day(k) > day) --k;
  const Jdn month_start = new_moon_day(k);
  Jdn a11 = month11_start(solar_year);
  Jdn b11 = a11;
  LunarDate out;
  if (a11 >= month_start) {
    out.year = solar_year;
    a11 = month11_start(solar_year - 1);
  } else {
    out.year = solar_year + 1;
    b11 = month11_start(solar_year + 1);
  }
  out.day = static_cast<int>(day - month_start + 1);
  const int diff = static_cast<int>(floor_to_int(static_cast<double>(month_start - a11) / 29));
  out.month = diff + 11;
  if (b11 - a11 > 365) {
    const int leap_offset = leap_month_offset(a11);
    if (diff >= leap_offset) {
      out.month = diff + 10;
      out.leap = diff == leap_offset;
    }
  }
  if (out.month > 12) out.month -= 12;
  if (out.month >= 11 && diff < 4) out.year -= 1;
  return out;
}

[[noreturn]] void no_such_lunar_date(const LunarDate& d) {
  bad_input("INVALID_LUNAR_DATE",
            "Ngày âm lịch " + std::to_string(d.day) + "/" + std::to_string(d.month) + (d.leap ? " (nhuận)" : "") +
                "/" + std::to_string(d.year) + " không tồn tại hoặc nằm ngoài phạm vi hỗ trợ (1900–2199).",
            {{"day", d.day}, {"month", d.month}, {"year", d.year}, {"leap", d.leap}});
}

// Candidate solar day for a lunar date; the caller confirms it by converting back.
Jdn candidate_jdn(const LunarDate& d) {
  const bool late_months = d.month >= 11;  // months 11 and 12 follow the month 11 of their own solar year
  const Jdn a11 = month11_start(late_months ? d.year : d.year - 1);
  const Jdn b11 = month11_start(late_months ? d.year + 1 : d.year);
  const Jdn k = floor_to_int(0.5 + (static_cast<double>(a11) - kNewMoonEpoch) / kSynodicMonth);
  int offset = d.month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const int leap_offset = leap_month_offset(a11);
    if (d.leap && d.month != leap_month_number(leap_offset)) no_such_lunar_date(d);
    if (d.leap || offset >= leap_offset) offset += 1;
  } else if (d.leap) {
    no_such_lunar_date(d);
  }
  return new_moon_day(k + offset) + d.day - 1;
}

}  // namespace

LunarDate solar_to_lunar(const Date& solar) {
  if (!in_supported_range(solar))
    bad_input("LUNAR_OUT_OF_RANGE", "Ngày " + format_date(solar) + " nằm ngoài phạm vi lịch âm hỗ trợ (1900–2199).",
              {{"date", format_date(solar)}});
  return lunar_from_jdn(jdn_from_date(solar), solar.year);
}

Date lunar_to_solar(const LunarDate& lunar) {
  if (lunar.year < kLunarFirstSupported.year - 1 || lunar.year > kLunarLastSupported.year || lunar.month < 1 ||
      lunar.month > 12 || lunar.day < 1 || lunar.day > 30)
    no_such_lunar_date(lunar);
  const Date solar = date_from_jdn(candidate_jdn(lunar));
  // Day 30 of a 29-day month lands in the next month: the round trip exposes it.
  if (!in_supported_range(solar) || solar_to_lunar(solar) != lunar) no_such_lunar_date(lunar);
  return solar;
}

int lunar_month_length(int year, int month, bool leap) {
  const Date first = lunar_to_solar({1, month, year, leap});
  const Date day30 = add_days(first, 29);
  return lunar_from_jdn(jdn_from_date(day30), day30.year).day == 30 ? 30 : 29;
}

int lunar_leap_month(int year) {
  if (year < kLunarFirstSupported.year - 1 || year > kLunarLastSupported.year) no_such_lunar_date({1, 1, year, false});
  // Leap months 1–10 of `year` sit after month 11 of year-1; leap 11 or 12 sits after month 11 of `year`.
  for (const int base : {year - 1, year}) {
    const Jdn a11 = month11_start(base);
    if (month11_start(base + 1) - a11 <= 365) continue;
    const int month = leap_month_number(leap_month_offset(a11));
    if ((base == year - 1) == (month <= 10)) return month;
  }
  return 0;
}

}  // namespace hq::core
