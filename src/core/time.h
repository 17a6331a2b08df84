#pragma once
// Instants are UTC seconds (int64). Vietnam is UTC+7 all year (no daylight saving), so local civil time
// is a fixed offset away; these helpers convert between the two and parse/format the API's ISO-8601.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hq::core {

using UnixSeconds = std::int64_t;
constexpr int kVietnamOffsetSeconds = 7 * 3600;

struct Date {
  int year = 1970, month = 1, day = 1;
  auto operator<=>(const Date&) const = default;
};

struct LocalDateTime {
  Date date;
  int hour = 0, minute = 0, second = 0;
  auto operator<=>(const LocalDateTime&) const = default;
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back (H. Hinnant's algorithms).
std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t days);
int weekday(const Date& d);  // 0 = Sunday … 6 = Saturday
bool is_valid_date(const Date& d);
int days_in_month(int year, int month);
Date add_days(const Date& d, std::int64_t n);

UnixSeconds from_local(const LocalDateTime& t);  // Vietnam local → UTC instant
LocalDateTime to_local(UnixSeconds t);
UnixSeconds now();

// "2025-06-16T08:30:00+07:00" (offset required: Z, ±HH:MM or ±HHMM). nullopt when malformed.
std::optional<UnixSeconds> parse_iso8601(std::string_view text);
std::string format_iso8601(UnixSeconds t);  // always in +07:00
std::optional<Date> parse_date(std::string_view text);  // YYYY-MM-DD
std::string format_date(const Date& d);                 // YYYY-MM-DD
// "YYYY-MM-DD HH:MM" local (seconds optional on input).
std::optional<LocalDateTime> parse_local_datetime(std::string_view text);
std::string format_local_datetime(const LocalDateTime& t);  // YYYY-MM-DD HH:MM

}  // namespace hq::core
