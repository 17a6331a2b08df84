#include "core/time.h"

#include <gtest/gtest.h>

using namespace hq::core;

TEST(Time, CivilDaysRoundTrip) {
  for (std::int64_t d = -800000; d < 800000; d += 997) EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(weekday({2025, 6, 16}), 1);  // a Monday
}

TEST(Time, Iso8601WithOffset) {
  auto t = parse_iso8601("2025-06-16T08:30:00+07:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, parse_iso8601("2025-06-16T01:30:00Z").value());
  EXPECT_EQ(format_iso8601(*t), "2025-06-16T08:30:00+07:00");
  EXPECT_FALSE(parse_iso8601("2025-06-16T08:30:00"));  // offset is required
  EXPECT_FALSE(parse_iso8601("2025-02-30T08:30:00+07:00"));
  EXPECT_FALSE(parse_iso8601("2025-06-16T24:00:00+07:00"));
}

TEST(Time, LocalDateTime) {
  auto t = parse_local_datetime("2026-01-02 07:30");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_local_datetime(to_local(from_local(*t))), "2026-01-02 07:30");
  EXPECT_FALSE(parse_local_datetime("2026-01-02 7:30"));
  EXPECT_FALSE(parse_date("2026-13-01"));
}
