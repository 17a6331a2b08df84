// Migrations on both backends: a fresh database gets every embedded migration once, in order; a second run
// applies nothing; the backend-only migrations exist for both backends under the same number.
#include "db/migrate.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "db/database.h"
#include "tests/support/scratch_database.h"

namespace hq::db {
namespace {


// A fresh, empty database of the backend; removed by the destructor.
struct FreshDatabase : test::ScratchDatabase {
  explicit FreshDatabase(const std::string& backend) : ScratchDatabase(backend, "hq_migrate") {}
};

class MigrateTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { test::require_backend(GetParam()); }
};

TEST_P(MigrateTest, AFreshDatabaseGetsEveryMigrationOnceInOrder) {
  FreshDatabase fresh(GetParam());
  Database db(fresh.url(), 1);
  const auto& known = migrations_for(db.backend());
  ASSERT_FALSE(known.empty());
  EXPECT_EQ(pending_migrations(db).size(), known.size());

  EXPECT_EQ(apply_migrations(db), static_cast<int>(known.size()));
  EXPECT_TRUE(pending_migrations(db).empty());
  EXPECT_EQ(apply_migrations(db), 0) << "a second run must apply nothing";

  std::set<int> recorded;
  db.read([&](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT version FROM schema_migrations ORDER BY version");
    for (const auto& row : rows) {
      recorded.insert(row.get_properties(0).get_data_type() == soci::dt_long_long
                          ? static_cast<int>(row.get<long long>(0))
                          : row.get<int>(0));
    }
  });
  std::set<int> expected;
  for (const auto& migration : known) expected.insert(migration.version);
  EXPECT_EQ(recorded, expected);
}

TEST_P(MigrateTest, TheSchemaAnswersTheQueriesEveryModuleStartsWith) {
  FreshDatabase fresh(GetParam());
  Database db(fresh.url(), 1);
  apply_migrations(db);
  // The tables the server reads at its first request exist on a fresh database.
  for (const char* table : {"units", "accounts", "sessions", "history", "history_head"}) {
    long long count = -1;
    db.read([&](soci::session& sql) { sql << std::string("SELECT count(*) FROM ") + table, soci::into(count); });
    EXPECT_GE(count, 0) << table;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(Migrations, VersionsAreUniqueAndSortedOnBothBackends) {
  for (const auto* list : {&embedded_sqlite_migrations(), &embedded_postgresql_migrations()}) {
    ASSERT_FALSE(list->empty());
    for (std::size_t i = 1; i < list->size(); ++i) {
      EXPECT_LT((*list)[i - 1].version, (*list)[i].version) << (*list)[i].name;
    }
  }
}

TEST(Migrations, BothBackendsKnowTheSameVersions) {
  std::set<int> sqlite, postgresql;
  for (const auto& m : embedded_sqlite_migrations()) sqlite.insert(m.version);
  for (const auto& m : embedded_postgresql_migrations()) postgresql.insert(m.version);
  EXPECT_EQ(sqlite, postgresql) << "a backend-only migration needs its twin under the same number";
}

TEST(Migrations, NoMigrationKeepsTheIdPlaceholder) {
  for (const auto* list : {&embedded_sqlite_migrations(), &embedded_postgresql_migrations()}) {
    for (const auto& m : *list) EXPECT_EQ(m.sql.find("@ID@"), std::string::npos) << m.name;
  }
}

TEST(Migrations, SplitStatementsCutsAtSemicolonsThatEndALine) {
  const auto statements = split_statements("CREATE TABLE a (x text DEFAULT ';');\nCREATE INDEX i ON a (x);\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_NE(statements[0].find("CREATE TABLE a"), std::string::npos);
  EXPECT_NE(statements[1].find("CREATE INDEX i"), std::string::npos);
}

}  // namespace
}  // namespace hq::db
