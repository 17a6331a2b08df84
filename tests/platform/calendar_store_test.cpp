// The working-day calendar kept per server process (load_calendar): two Database objects on one database play
// two server processes; a change made through one, or by plain SQL, is seen by the other on its next use, on
// SQLite and PostgreSQL; copies of one database that then differ never share a cached calendar.
#include "platform/calendar_store.h"

#include <string>

#include <gtest/gtest.h>

#include "db/database.h"
#include "db/migrate.h"
#include "tests/support/scratch_database.h"

namespace hq::platform {
namespace {


// A migrated database of the backend, removed by the destructor; copy_of makes a copy of another (a template).
struct TestDatabase : test::ScratchDatabase {
  explicit TestDatabase(const std::string& backend, const TestDatabase* copy_of = nullptr)
      : ScratchDatabase(backend, "hq_calendar", copy_of) {
    if (copy_of) return;
    db::Database db(url(), 1);
    db::apply_migrations(db);
  }
};

class CalendarStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { test::require_backend(GetParam()); }
};

bool is_working(db::Database& db, const core::Date& day) {
  return db.read([&](soci::session& sql) { return load_calendar(sql).is_working_day(day); });
}

constexpr core::Date kSaturday{2026, 6, 20};

TEST_P(CalendarStoreTest, AnotherProcessSeesEveryChangeOnItsNextUse) {
  TestDatabase database(GetParam());
  db::Database first(database.url(), 2), second(database.url(), 2);
  EXPECT_FALSE(is_working(first, kSaturday));
  EXPECT_FALSE(is_working(second, kSaturday));  // both have it cached now

  std::int64_t id = 0;
  first.transaction([&](soci::session& sql) { id = insert_adjustment(sql, {kSaturday, true, "Làm bù"}); });
  EXPECT_TRUE(is_working(second, kSaturday));
  EXPECT_TRUE(is_working(first, kSaturday));

  second.transaction([&](soci::session& sql) {
    core::CalendarAdjustment removed;
    ASSERT_TRUE(delete_adjustment(sql, id, removed));
  });
  EXPECT_FALSE(is_working(first, kSaturday));

  // Plain SQL (an operator's fix, another tool) is seen as well: the stamp is kept by triggers.
  first.transaction([&](soci::session& sql) {
    sql << "INSERT INTO calendar_adjustments (day, working, name) VALUES ('2026-06-20', 1, 'Làm bù')";
  });
  EXPECT_TRUE(is_working(second, kSaturday));
  first.transaction([&](soci::session& sql) { sql << "UPDATE calendar_adjustments SET working = 0"; });
  EXPECT_FALSE(is_working(second, kSaturday));

  // Working hours too.
  const auto hours = [](db::Database& db) {
    return db.read([](soci::session& sql) { return load_calendar(sql).working_hours().front().start_minute; });
  };
  const int before = hours(second);
  first.transaction([&](soci::session& sql) { save_working_hours(sql, {{8 * 60, 12 * 60}, {13 * 60, 17 * 60}}); });
  EXPECT_EQ(hours(second), 8 * 60);
  EXPECT_NE(before, 8 * 60);
}

TEST_P(CalendarStoreTest, CopiesOfOneDatabaseNeverShareACalendarOnceTheyDiffer) {
  TestDatabase original(GetParam());
  { db::Database db(original.url(), 1); EXPECT_FALSE(is_working(db, kSaturday)); }
  TestDatabase copy_a(GetParam(), &original), copy_b(GetParam(), &original);
  db::Database a(copy_a.url(), 1), b(copy_b.url(), 1);
  a.transaction([&](soci::session& sql) { insert_adjustment(sql, {kSaturday, true, "Làm bù"}); });
  b.transaction([&](soci::session& sql) { insert_adjustment(sql, {{2026, 6, 21}, true, "Làm bù"}); });
  EXPECT_TRUE(is_working(a, kSaturday));
  EXPECT_FALSE(is_working(b, kSaturday));
  EXPECT_TRUE(is_working(b, {2026, 6, 21}));
  EXPECT_FALSE(is_working(a, {2026, 6, 21}));
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace hq::platform
