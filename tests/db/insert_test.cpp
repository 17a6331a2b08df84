// db/insert.h and RowMapping's queries by several keys, on both backends: values bound in order (integers as
// long long, text literals as text), a conflict clause that keeps the first row.
#include "db/insert.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "db/database.h"
#include "db/row_mapping.h"
#include "tests/support/scratch_database.h"

namespace hq::db {
namespace {

struct Pair {
  std::int64_t id = 0, a = 0, b = 0;
  std::string status;
};

// A scratch database of the backend for each test (skipped without a PostgreSQL server unless it is required).
class InsertOnBackends : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    hq::test::require_backend(GetParam());
    if (HasFatalFailure() || IsSkipped()) return;
    scratch_ = std::make_unique<hq::test::ScratchDatabase>(GetParam(), "hq_insert");
    db_ = std::make_unique<Database>(scratch_->url(), 1);
  }
  Database& db() { return *db_; }

 private:
  std::unique_ptr<hq::test::ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;
};

TEST_P(InsertOnBackends, InsertRowBindsInOrderAndItsConflictClauseKeepsTheFirstRow) {
  db().transaction([&](soci::session& sql) {
    sql << "CREATE TABLE pairs (id bigint, a bigint, b bigint, status text, UNIQUE (a, b))";
    const std::int64_t big = 5'000'000'000;
    insert_row(sql, "pairs", "id, a, b, status", "ON CONFLICT (a, b) DO NOTHING", 1, big, 2, "WAITING");
    insert_row(sql, "pairs", "id, a, b, status", "ON CONFLICT (a, b) DO NOTHING", 2, big, 2, "LATER");
    insert_row(sql, "pairs", "id, a, b, status", "", 3, 7, 8, std::string("OTHER"));
  });
  db().read([&](soci::session& sql) {
    const auto mapping = RowMapping<Pair>() HQ_ROW_FIELDS(Pair, id, a, b, status);
    const auto kept = mapping.first_where(sql, "pairs", "a = :a AND b = :b", std::int64_t{5'000'000'000}, 2);
    ASSERT_TRUE(kept.has_value());
    EXPECT_EQ(kept->id, 1);
    EXPECT_EQ(kept->status, "WAITING");  // the second insert met the conflict and did nothing
    EXPECT_FALSE(mapping.first_where(sql, "pairs", "a = :a AND b = :b", 7, 2).has_value());
    const auto by_status = mapping.rows_where(sql, "pairs", "status <> :s AND id >= :i ORDER BY id DESC LIMIT :l",
                                              "NONE", 1, 5);
    ASSERT_EQ(by_status.size(), 2u);
    EXPECT_EQ(by_status[0].status, "OTHER");
    EXPECT_EQ(by_status[1].a, 5'000'000'000);
    EXPECT_EQ(mapping.rows_where(sql, "pairs", "status = :s AND b = :b", std::string("OTHER"), 8).size(), 1u);
  });
}

TEST_P(InsertOnBackends, InsertReturningIdGivesTheNewRowsId) {
  db().transaction([&](soci::session& sql) {
    if (std::string(GetParam()) == "sqlite")
      sql << "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body text, n bigint)";
    else
      sql << "CREATE TABLE notes (id bigserial PRIMARY KEY, body text, n bigint)";
    const auto first = insert_returning_id(sql, "notes", "body, n", "một", 1);
    const auto second = insert_returning_id(sql, "notes", "body, n", std::string("hai"), std::int64_t{2});
    EXPECT_GT(second, first);
    const auto mapping = RowMapping<Pair>().field("id", &Pair::id).field("n", &Pair::a).field("body", &Pair::status);
    EXPECT_EQ(mapping.first_where(sql, "notes", "id = :i", second)->status, "hai");
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, InsertOnBackends, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace hq::db
