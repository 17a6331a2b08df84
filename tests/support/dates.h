#pragma once
// Dates for tests, counted from today as the server counts it (Vietnam time: core::to_local), so that a test
// builds "today", "40 days ago" or a period ending today one way.
#include <cstdint>
#include <string>

#include "core/time.h"

namespace hq::test {

// Today's date in Vietnam time.
inline core::Date today_date() { return core::to_local(core::now()).date; }

// The date `offset` days from today (negative: in the past) as YYYY-MM-DD.
inline std::string iso_day(std::int64_t offset = 0) { return core::format_date(core::add_days(today_date(), offset)); }

}  // namespace hq::test
