#pragma once
// Calendar use cases: read the working-day calendar, and let platform administrators enter the
// government's yearly swaps and the working hours (each change in the processing history).
#include "core/calendar.h"
#include "core/principal.h"
#include "db/database.h"
#include "platform/calendar_store.h"

namespace hq::platform {

class CalendarService {
 public:
  explicit CalendarService(db::Database& db) : db_(db) {}
  core::WorkingCalendar calendar();
  std::vector<StoredAdjustment> adjustments(int year);
  StoredAdjustment add_adjustment(const core::Principal& caller, const core::CalendarAdjustment& adjustment);
  void remove_adjustment(const core::Principal& caller, std::int64_t id);
  void set_working_hours(const core::Principal& caller, const std::vector<core::WorkingPeriod>& periods);

 private:
  db::Database& db_;
};

}  // namespace hq::platform
