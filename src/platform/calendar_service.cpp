#include "platform/calendar_service.h"

#include "core/error.h"
#include "history/history_store.h"

namespace hq::platform {

namespace {

void require_admin(const core::Principal& caller) {
  if (!caller.is_platform_admin()) core::forbidden("Chỉ quản trị hệ thống được thay đổi lịch làm việc.");
}

}  // namespace

core::WorkingCalendar CalendarService::calendar() {
  return db_.read([](soci::session& sql) { return load_calendar(sql); });
}

std::vector<StoredAdjustment> CalendarService::adjustments(int year) {
  auto all = db_.read([](soci::session& sql) { return load_adjustments(sql); });
  std::erase_if(all, [year](const StoredAdjustment& a) { return a.adjustment.date.year != year; });
  return all;
}

StoredAdjustment CalendarService::add_adjustment(const core::Principal& caller, const core::CalendarAdjustment& a) {
  require_admin(caller);
  const int weekday = core::weekday(a.date);
  if (a.working && weekday != 0 && weekday != 6)
    core::bad_input("INVALID_FIELD", "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.", {{"field", "date"}});
  return db_.transaction([&](soci::session& sql) {
    for (const auto& existing : load_adjustments(sql))
      if (existing.adjustment.date == a.date)
        core::conflict("DUPLICATE_ADJUSTMENT", "Ngày " + core::format_date(a.date) + " đã có điều chỉnh.",
                       {{"field", "date"}});
    const auto id = insert_adjustment(sql, a);
    history::append(sql, caller,
                    {"calendar.adjust", "calendar_adjustment", std::to_string(id),
                     std::string(a.working ? "Ngày làm bù " : "Ngày nghỉ thêm ") + core::format_date(a.date) + ": " + a.name});
    return StoredAdjustment{id, a};
  });
}

void CalendarService::remove_adjustment(const core::Principal& caller, std::int64_t id) {
  require_admin(caller);
  db_.transaction([&](soci::session& sql) {
    core::CalendarAdjustment removed;
    if (!delete_adjustment(sql, id, removed)) core::not_found("Không tìm thấy điều chỉnh lịch số " + std::to_string(id) + ".");
    history::append(sql, caller, {"calendar.remove_adjustment", "calendar_adjustment", std::to_string(id),
                                  "Bỏ điều chỉnh ngày " + core::format_date(removed.date) + ": " + removed.name});
  });
}

void CalendarService::set_working_hours(const core::Principal& caller, const std::vector<core::WorkingPeriod>& periods) {
  require_admin(caller);
  if (periods.empty() || periods.size() > 4)
    core::bad_input("INVALID_FIELD", "Cần từ 1 đến 4 khoảng giờ làm việc.", {{"field", "periods"}});
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (periods[i].end_minute <= periods[i].start_minute ||
        (i > 0 && periods[i].start_minute < periods[i - 1].end_minute))
      core::bad_input("INVALID_FIELD", "Các khoảng giờ làm việc phải tăng dần và không chồng lên nhau.",
                      {{"field", "periods"}, {"index", i}});
  }
  db_.transaction([&](soci::session& sql) {
    save_working_hours(sql, periods);
    history::append(sql, caller, {"calendar.working_hours", "calendar", "working_hours",
                                  "Giờ làm việc: " + format_periods(periods, ", ", "–")});
  });
}

}  // namespace hq::platform
