#pragma once
// GoogleTest printers so failures show dates as dates rather than object bytes.
#include <ostream>

#include "core/calendar.h"
#include "core/lunar.h"
#include "core/time.h"

namespace hq::core {
inline void PrintTo(const Date& d, std::ostream* os) { *os << format_date(d); }
inline void PrintTo(const LunarDate& d, std::ostream* os) {
  *os << d.day << "/" << d.month << (d.leap ? " nhuận" : "") << "/" << d.year;
}
inline void PrintTo(const Holiday& h, std::ostream* os) { *os << format_date(h.date) << " " << h.name; }
}  // namespace hq::core
