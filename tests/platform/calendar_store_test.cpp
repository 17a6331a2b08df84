// The working-day calendar kept per server process (load_calendar): two Database objects on one database play
// two server processes; a change made through one, or by plain SQL, is seen by the other on its next use, on
// SQLite and PostgreSQL; copies of one database that then differ never share a cached calendar.
#include "platform/calendar_store.h"

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "db/database.h"
#include "db/migrate.h"

namespace hq::platform {
namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string unique_suffix() {
  std::random_device device;
  return std::to_string(device()) + std::to_string(device());
}

// A migrated database of the backend, removed by the destructor; copy_of makes a copy of another (a template).
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend, const TestDatabase* copy_of = nullptr) {
    if (backend == "sqlite") {
      path_ = (fs::temp_directory_path() / ("haiquan_calendar_" + unique_suffix() + ".db")).string();
      url_ = "sqlite:" + path_;
      if (copy_of) {
        { db::Database checkpoint(copy_of->url_, 1);
          checkpoint.read([](soci::session& sql) { sql << "PRAGMA wal_checkpoint(TRUNCATE)"; }); }
        fs::copy_file(copy_of->path_, path_);
        return;
      }
    } else {
      server_ = env("HAIQUAN_TEST_PG");
      name_ = "hq_calendar_" + unique_suffix();
      db::Database admin(server_, 1);
      admin.read([&](soci::session& sql) {
        sql << "CREATE DATABASE " + name_ + (copy_of ? " TEMPLATE " + copy_of->name_ : std::string());
      });
      url_ = server_.substr(0, server_.rfind('/') + 1) + name_;
      if (copy_of) return;
    }
    db::Database db(url_, 1);
    db::apply_migrations(db);
  }
  ~TestDatabase() {
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
      return;
    }
    try {
      db::Database admin(server_, 1);
      admin.read([&](soci::session& sql) { sql << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"; });
    } catch (...) {  // the server is going away with the test run
    }
  }
  const std::string& url() const { return url_; }

 private:
  std::string path_, server_, name_, url_;
};

class CalendarStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql" && env("HAIQUAN_TEST_PG").empty()) {
      if (!env("HAIQUAN_REQUIRE_PG").empty()) FAIL() << "HAIQUAN_REQUIRE_PG is set but HAIQUAN_TEST_PG is not";
      GTEST_SKIP() << "set HAIQUAN_TEST_PG=postgresql://… to run against PostgreSQL (make test does)";
    }
  }
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
