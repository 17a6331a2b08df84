// The pool on SQLite runs in SQLite's multi-thread mode (src/db/database.cpp): connections without their own
// mutex. That is only safe while no session is ever used by two threads at once; these tests check that the
// pool's connections really are in that mode and that concurrent work never shares a session.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "db/database.h"
#include "db/sqlite_extras.h"
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

// The WAL checkpoint runs on the Database's own thread, not inside the commit that fills the WAL
// (src/db/database.cpp, Database::Checkpointer): after enough commits it has run, the pages are in the database
// file, and every row is still there.
TEST(PoolTest, SqliteWalIsCheckpointedInTheBackground) {
  test::ScratchDatabase scratch("sqlite", "hq_pool");
  Database db(scratch.url(), 2);
  db.transaction([](soci::session& sql) { sql << "CREATE TABLE pages (id integer PRIMARY KEY, body blob)"; });
  EXPECT_EQ(background_checkpoints(db), 0u);
  constexpr int kCommits = 400;  // 3 rows of 4 KB each: past the 1,000 WAL pages that ask for a checkpoint
  for (int i = 0; i < kCommits; ++i)
    db.transaction([](soci::session& sql) {
      sql << "INSERT INTO pages (body) SELECT zeroblob(4000) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)";
    });
  const auto file = scratch.url().substr(7);
  constexpr std::uintmax_t kCopied = 1024 * 1024;  // of the 4.8 MB written; the file alone was 4 KB before
  for (int waited = 0; waited < 100 && (background_checkpoints(db) == 0 || std::filesystem::file_size(file) < kCopied);
       ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_GT(background_checkpoints(db), 0u) << "the background thread should have checkpointed the WAL";
  EXPECT_GE(std::filesystem::file_size(file), kCopied) << "the checkpointed pages should be in the database file";
  long long rows = 0;
  db.read([&](soci::session& sql) { sql << "SELECT count(*) FROM pages", soci::into(rows); });
  EXPECT_EQ(rows, 3 * kCommits);
}

// Statements kept prepared per connection (take_statement): the same one again for the same text on the same
// connection, never the same one to two holders at once, and none for a session no Database keeps statements for.
TEST(PoolTest, KeptStatementsAreReusedPerConnectionAndNeverShared) {
  test::ScratchDatabase scratch("sqlite", "hq_pool");
  Database db(scratch.url(), 1);
  db.transaction([](soci::session& sql) { sql << "CREATE TABLE kept (v integer)"; });
  const std::string insert = "INSERT INTO kept (v) VALUES (?)";
  sqlite_api::sqlite3_stmt* first = nullptr;
  db.transaction([&](soci::session& sql) {
    first = take_statement(sql, insert);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(take_statement(sql, insert), nullptr) << "a taken statement must not be given to a second holder";
    sqlite_api::sqlite3_bind_int64(first, 1, 7);
    EXPECT_EQ(sqlite_api::sqlite3_step(first), SQLITE_DONE);
    give_back_statement(sql, first);
  });
  db.transaction([&](soci::session& sql) {
    auto* again = take_statement(sql, insert);
    EXPECT_EQ(again, first) << "the statement should be kept prepared for the next request";
    sqlite_api::sqlite3_bind_int64(again, 1, 8);
    EXPECT_EQ(sqlite_api::sqlite3_step(again), SQLITE_DONE);
    give_back_statement(sql, again);
  });
  long long sum = 0;
  db.read([&](soci::session& sql) { sql << "SELECT sum(v) FROM kept", soci::into(sum); });
  EXPECT_EQ(sum, 15);
  soci::session own(soci::sqlite3, "db=\"" + scratch.url().substr(7) + "\"");
  EXPECT_EQ(take_statement(own, insert), nullptr) << "only a Database's sessions keep statements";
}

// The kept statements are the Database's own (Database::Sqlite, made and gone with it): two Databases on one file,
// leased at once on one thread, each give their own connection's statement; a session handed to a thread that does
// not hold its Lease gets none (that thread would not own the connection's statements).
TEST(PoolTest, KeptStatementsBelongToTheDatabaseAndTheLeasingThread) {
  test::ScratchDatabase scratch("sqlite", "hq_pool");
  const std::string select = "SELECT 1";
  Database first(scratch.url(), 1);
  {
    Database second(scratch.url(), 1);
    first.read([&](soci::session& a) {
      second.read([&](soci::session& b) {
        auto* of_a = take_statement(a, select);
        auto* of_b = take_statement(b, select);
        ASSERT_NE(of_a, nullptr);
        ASSERT_NE(of_b, nullptr);
        EXPECT_NE(of_a, of_b) << "each Database keeps the statements of its own connections";
        EXPECT_EQ(sqlite_api::sqlite3_db_handle(of_a), connection(a));
        EXPECT_EQ(sqlite_api::sqlite3_db_handle(of_b), connection(b));
        give_back_statement(b, of_b);
        give_back_statement(a, of_a);
      });
      sqlite_api::sqlite3_stmt* elsewhere = nullptr;
      std::thread([&] { elsewhere = take_statement(a, select); }).join();
      EXPECT_EQ(elsewhere, nullptr) << "a thread without the Lease must not be given the connection's statements";
    });
  }  // `second` finalizes its statements and stops its checkpointer; `first` goes on
  first.read([&](soci::session& a) {
    auto* again = take_statement(a, select);
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(sqlite_api::sqlite3_step(again), SQLITE_ROW);
    give_back_statement(a, again);
  });
  soci::session outside(soci::sqlite3, "db=\"" + scratch.url().substr(7) + "\"");
  EXPECT_EQ(take_statement(outside, select), nullptr);
}

}  // namespace
}  // namespace hq::db
