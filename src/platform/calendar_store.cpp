#include "platform/calendar_store.h"

#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/text.h"
#include "db/row.h"
#include "platform/settings_store.h"

namespace hq::platform {

std::optional<int> parse_clock(const std::string& text) {
  if (text.size() != 5 || text[2] != ':' || !isdigit(text[0]) || !isdigit(text[1]) || !isdigit(text[3]) ||
      !isdigit(text[4]))
    return std::nullopt;
  const int hours = (text[0] - '0') * 10 + (text[1] - '0'), minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::string format_clock(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
  return buf;
}

std::vector<StoredAdjustment> load_adjustments(soci::session& sql) {
  std::vector<StoredAdjustment> list;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, day, working, name FROM calendar_adjustments ORDER BY day");
  for (const auto& row : rows) {
    auto date = core::parse_date(db::text_at(row, "day"));
    if (!date) continue;
    list.push_back({db::int_at(row, "id"), {*date, db::int_at(row, "working") != 0, db::text_at(row, "name")}});
  }
  return list;
}

std::vector<core::WorkingPeriod> load_working_hours(soci::session& sql) {
  const auto stored = read_setting(sql, "working_hours");
  if (!stored) return core::default_working_hours();
  const std::string& value = *stored;
  std::vector<core::WorkingPeriod> periods;
  std::size_t start = 0;
  while (start < value.size()) {  // "07:30-11:30,13:00-17:00"
    auto end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    const std::string period = value.substr(start, end - start);
    auto from = parse_clock(period.substr(0, 5)), to = parse_clock(period.size() >= 11 ? period.substr(6, 5) : "");
    if (from && to) periods.push_back({*from, *to});
    start = end + 1;
  }
  return periods.empty() ? core::default_working_hours() : periods;
}

namespace {

core::WorkingCalendar read_calendar(soci::session& sql) {
  std::vector<core::CalendarAdjustment> adjustments;
  for (auto& stored : load_adjustments(sql)) adjustments.push_back(stored.adjustment);
  return core::WorkingCalendar(std::move(adjustments), load_working_hours(sql));
}

// The calendars this process has read, by the stamp their database had then (a few databases: the tests).
std::mutex cache_mutex;
std::unordered_map<long long, std::shared_ptr<const core::WorkingCalendar>> cache;
constexpr std::size_t kCachedCalendars = 64;

}  // namespace

// Kept per server process and checked against calendar_stamp (migration 0204), which triggers redraw on any
// write to the adjustments or the working hours: every process on one PostgreSQL sees a change on its next
// use, at the cost of one primary-key read. The stamp is read first, so a calendar cached under a stamp is
// never older than that stamp (a write in between only costs one more read).
core::WorkingCalendar load_calendar(soci::session& sql) {
  long long stamp = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT stamp FROM calendar_stamp WHERE id = 1", soci::into(stamp, ind);
  if (!sql.got_data() || ind != soci::i_ok) return read_calendar(sql);
  {
    const std::lock_guard lock(cache_mutex);
    const auto it = cache.find(stamp);
    if (it != cache.end()) return *it->second;
  }
  auto calendar = std::make_shared<const core::WorkingCalendar>(read_calendar(sql));
  const std::lock_guard lock(cache_mutex);
  if (cache.size() >= kCachedCalendars) cache.clear();
  cache.emplace(stamp, calendar);
  return *calendar;
}

std::int64_t insert_adjustment(soci::session& sql, const core::CalendarAdjustment& a) {
  long long id = 0;
  const std::string day = core::format_date(a.date);
  const long long working = a.working ? 1 : 0;
  sql << "INSERT INTO calendar_adjustments (day, working, name) VALUES (:d, :w, :n) RETURNING id", soci::use(day),
      soci::use(working), soci::use(a.name), soci::into(id);
  return id;
}

bool delete_adjustment(soci::session& sql, std::int64_t id, core::CalendarAdjustment& removed) {
  const long long key = id;
  std::string day, name;
  long long working = 0;
  sql << "SELECT day, working, name FROM calendar_adjustments WHERE id = :id", soci::use(key), soci::into(day),
      soci::into(working), soci::into(name);
  if (!sql.got_data()) return false;
  removed = {core::parse_date(day).value_or(core::Date{}), working != 0, name};
  sql << "DELETE FROM calendar_adjustments WHERE id = :id", soci::use(key);
  return true;
}

std::string format_periods(const std::vector<core::WorkingPeriod>& periods, const std::string& separator,
                           const std::string& dash) {
  std::vector<std::string> parts;
  for (const auto& p : periods) parts.push_back(format_clock(p.start_minute) + dash + format_clock(p.end_minute));
  return core::join(parts, separator);
}

void save_working_hours(soci::session& sql, const std::vector<core::WorkingPeriod>& periods) {
  write_setting(sql, "working_hours", format_periods(periods, ",", "-"));  // "07:30-11:30,13:00-17:00"
}

}  // namespace hq::platform
