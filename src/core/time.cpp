#include "core/time.h"

#include <chrono>
#include <cstdio>

namespace hq::core {

std::int64_t days_from_civil(const Date& d) {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

int weekday(const Date& d) {
  const std::int64_t z = days_from_civil(d);
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool is_valid_date(const Date& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

Date add_days(const Date& d, std::int64_t n) { return civil_from_days(days_from_civil(d) + n); }

UnixSeconds from_local(const LocalDateTime& t) {
  return days_from_civil(t.date) * 86400 + t.hour * 3600 + t.minute * 60 + t.second - kVietnamOffsetSeconds;
}

LocalDateTime to_local(UnixSeconds t) {
  const UnixSeconds local = t + kVietnamOffsetSeconds;
  std::int64_t days = local / 86400;
  std::int64_t rest = local % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  return LocalDateTime{civil_from_days(days), static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                       static_cast<int>(rest % 60)};
}

UnixSeconds now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {

// Reads exactly `width` digits at `pos`; advances pos.
bool read_digits(std::string_view s, std::size_t& pos, int width, int& out) {
  if (pos + width > s.size()) return false;
  int value = 0;
  for (int i = 0; i < width; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  pos += width;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

bool valid_clock(const LocalDateTime& t) {
  return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 && t.second <= 59;
}

}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  std::size_t pos = 0;
  Date d;
  if (!read_digits(s, pos, 4, d.year) || !expect(s, pos, '-') || !read_digits(s, pos, 2, d.month) ||
      !expect(s, pos, '-') || !read_digits(s, pos, 2, d.day) || pos != s.size() || !is_valid_date(d))
    return std::nullopt;
  return d;
}

std::optional<LocalDateTime> parse_local_datetime(std::string_view s) {
  if (s.size() < 16) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  if (!date || (s[10] != ' ' && s[10] != 'T')) return std::nullopt;
  LocalDateTime t{*date};
  std::size_t pos = 11;
  if (!read_digits(s, pos, 2, t.hour) || !expect(s, pos, ':') || !read_digits(s, pos, 2, t.minute)) return std::nullopt;
  if (pos < s.size() && (!expect(s, pos, ':') || !read_digits(s, pos, 2, t.second))) return std::nullopt;
  if (pos != s.size() || !valid_clock(t)) return std::nullopt;
  return t;
}

std::optional<UnixSeconds> parse_iso8601(std::string_view s) {
  if (s.size() < 20 || s[10] != 'T') return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  if (!date) return std::nullopt;
  LocalDateTime t{*date};
  std::size_t pos = 11;
  if (!read_digits(s, pos, 2, t.hour) || !expect(s, pos, ':') || !read_digits(s, pos, 2, t.minute) ||
      !expect(s, pos, ':') || !read_digits(s, pos, 2, t.second) || !valid_clock(t))
    return std::nullopt;
  if (pos < s.size() && s[pos] == '.') {  // fractional seconds are accepted and dropped
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  if (pos >= s.size()) return std::nullopt;
  int offset = 0;
  if (s[pos] == 'Z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '+' ? 1 : -1;
    ++pos;
    int oh = 0, om = 0;
    if (!read_digits(s, pos, 2, oh)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!read_digits(s, pos, 2, om) || oh > 14 || om > 59) return std::nullopt;
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  return days_from_civil(t.date) * 86400 + t.hour * 3600 + t.minute * 60 + t.second - offset;
}

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string format_local_datetime(const LocalDateTime& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", t.date.year, t.date.month, t.date.day, t.hour, t.minute);
  return buf;
}

std::string format_iso8601(UnixSeconds instant) {
  const LocalDateTime t = to_local(instant);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", t.date.year, t.date.month, t.date.day,
                t.hour, t.minute, t.second);
  return buf;
}

}  // namespace hq::core
