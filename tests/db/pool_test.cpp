// The pool on SQLite runs in SQLite's multi-thread mode (src/db/database.cpp): connections without their own
// mutex. That is only safe while no session is ever used by two threads at once; these tests check that the
// pool's connections really are in that mode and that concurrent work never shares a session.
#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "db/database.h"
#include "tests/support/scratch_database.h"

namespace hq::db {
namespace {

sqlite_api::sqlite3* connection(soci::session& sql) {
  return static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
}

TEST(PoolTest, SqliteConnectionsCarryNoMutexOfTheirOwn) {
  test::ScratchDatabase scratch("sqlite", "hq_pool");
  Database db(scratch.url(), 3);
  db.read([](soci::session& sql) {
    // sqlite3_db_mutex is null exactly when the connection was opened in multi-thread (or single-thread) mode.
    EXPECT_EQ(sqlite_api::sqlite3_db_mutex(connection(sql)), nullptr) << "the connections should be in multi-thread mode";
  });
}

TEST(PoolTest, ConcurrentWorkNeverSharesASession) {
  test::ScratchDatabase scratch("sqlite", "hq_pool");
  constexpr int kThreads = 8, kRounds = 200;
  Database db(scratch.url(), 3);  // fewer sessions than threads: they wait for one and take turns
  db.transaction([](soci::session& sql) { sql << "CREATE TABLE counts (thread integer, n integer)"; });
  std::mutex guard;
  std::map<soci::session*, int> holders;  // session → how many threads hold it now
  std::atomic<int> shared{0};
  auto enter = [&](soci::session& sql) {
    std::lock_guard lock(guard);
    if (++holders[&sql] > 1) ++shared;
  };
  auto leave = [&](soci::session& sql) {
    std::lock_guard lock(guard);
    --holders[&sql];
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        if (round % 2) {
          db.transaction([&](soci::session& sql) {
            enter(sql);
            sql << "INSERT INTO counts (thread, n) VALUES (:t, :n)", soci::use(t), soci::use(round);
            leave(sql);
          });
        } else {
          db.read([&](soci::session& sql) {
            enter(sql);
            long long n = 0;
            sql << "SELECT count(*) FROM counts", soci::into(n);
            leave(sql);
          });
        }
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(shared.load(), 0) << "a session was used by two threads at once";
  EXPECT_GT(holders.size(), 1u) << "the threads should have taken turns on several sessions";
  long long rows = 0;
  db.read([&](soci::session& sql) { sql << "SELECT count(*) FROM counts", soci::into(rows); });
  EXPECT_EQ(rows, kThreads * kRounds / 2);
}

}  // namespace
}  // namespace hq::db
