// db::RowMapping: one field table gives the SELECT list and the mapping; values read alike on both backends
// (SQLite reports integers as 32- or 64-bit, PostgreSQL bigint as long long), NULL reads as empty.
#include "db/row_mapping.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "db/database.h"
#include "tests/support/scratch_database.h"

namespace hq::db {
namespace {

struct Sample {
  std::int64_t id = 0;
  std::string code;
  bool active = false;
  double share = 0;
  std::string parent_code;
  std::optional<std::int64_t> parent;
  int small = 0;
  std::string code_twice;
};

const RowMapping<Sample>& sample_mapping() {
  static const auto mapping = RowMapping<Sample>()
                                  .field("s.id", &Sample::id)
                                  .field("s.code", &Sample::code)
                                  .field("s.active", &Sample::active)
                                  .field("s.share", &Sample::share)
                                  .field("p.code", &Sample::parent_code, "parent_code")
                                  .field("s.parent", &Sample::parent)
                                  .field("s.active + 40", &Sample::small)
                                  .field_with("s.code", [](Sample& s, const soci::row& row, std::size_t i) {
                                    s.code_twice = text_at(row, i) + text_at(row, i);
                                  });
  return mapping;
}

TEST(RowMapping, TheSelectListNamesEachExpressionOnceInOrder) {
  EXPECT_EQ(sample_mapping().select_list(),
            "s.id, s.code, s.active, s.share, p.code AS parent_code, s.parent, s.active + 40, s.code");
  EXPECT_EQ(sample_mapping().size(), 8u);
}

// HQ_ROW_FIELDS names each member once: the column is the member's name (with a table prefix by
// HQ_ROW_FIELDS_AT), in the order written, and it chains with .field for the other columns.
const RowMapping<Sample>& named_mapping() {
  static const auto mapping = RowMapping<Sample>()
                                  HQ_ROW_FIELDS_AT(Sample, "s.", id, code, active, share)
                                  .field("p.code", &Sample::parent_code, "parent_code")
                                  HQ_ROW_FIELDS_AT(Sample, "s.", parent);
  return mapping;
}

TEST(RowMapping, NamedFieldsGiveTheMemberNamesAsColumnsInTheOrderWritten) {
  EXPECT_EQ((RowMapping<Sample>() HQ_ROW_FIELDS(Sample, parent, id, code)).select_list(), "parent, id, code");
  EXPECT_EQ((RowMapping<Sample>() HQ_ROW_FIELDS(Sample, small)).size(), 1u);
  EXPECT_EQ(named_mapping().select_list(), "s.id, s.code, s.active, s.share, p.code AS parent_code, s.parent");
  EXPECT_EQ(named_mapping().size(), 6u);
}

class RowMappingOnBackends : public ::testing::TestWithParam<std::string> {};

TEST_P(RowMappingOnBackends, ReadsEveryKindAndNullAndLeavesTrailingColumnsToTheCaller) {
  hq::test::require_backend(GetParam());
  if (HasFatalFailure() || IsSkipped()) return;
  // A database of its own, removed however the test ends (it used to be a file removed on the last line, and a
  // table in the server's own database on PostgreSQL).
  hq::test::ScratchDatabase scratch(GetParam(), "hq_row_mapping");
  const std::string& url = scratch.url();
  const std::string table = "row_mapping_" + std::to_string(::getpid());
  {
    Database db(url, 1);
    db.transaction([&](soci::session& sql) {
      sql << "CREATE TABLE " + table + " (id bigint, code text, active bigint, share double precision, parent bigint)";
      sql << "INSERT INTO " + table + " VALUES (5000000000, 'A', 1, 0.25, NULL), (2, 'B', 0, NULL, 5000000000)";
    });
    std::vector<Sample> read;
    std::vector<std::int64_t> extra;
    db.read([&](soci::session& sql) {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT " + sample_mapping().select_list() + ", s.id * 2 FROM " + table + " s LEFT JOIN " +
                              table + " p ON p.id = s.parent ORDER BY s.id DESC");
      for (const auto& row : rows) {
        read.push_back(sample_mapping().read(row));
        extra.push_back(int_at(row, sample_mapping().size()));
      }
    });
    db.transaction([&](soci::session& sql) { sql << "DROP TABLE " + table; });
    ASSERT_EQ(read.size(), 2u);
    EXPECT_EQ(read[0].id, 5000000000);  // beyond 32 bits on both backends
    EXPECT_EQ(read[0].code, "A");
    EXPECT_TRUE(read[0].active);
    EXPECT_DOUBLE_EQ(read[0].share, 0.25);
    EXPECT_EQ(read[0].parent_code, "");  // NULL
    EXPECT_FALSE(read[0].parent.has_value());  // NULL into an optional
    EXPECT_EQ(read[0].small, 41);
    EXPECT_EQ(read[0].code_twice, "AA");
    EXPECT_EQ(read[1].code, "B");
    EXPECT_FALSE(read[1].active);
    EXPECT_DOUBLE_EQ(read[1].share, 0);
    EXPECT_EQ(read[1].parent_code, "A");
    EXPECT_EQ(read[1].parent, std::optional<std::int64_t>(5000000000));
    EXPECT_EQ(read[1].small, 40);
    EXPECT_EQ(extra[0], 10000000000);
  }
}

TEST_P(RowMappingOnBackends, RowsWhereAndFirstWhereBindTheKeyAndKeepTheQueryOrder) {
  hq::test::require_backend(GetParam());
  if (HasFatalFailure() || IsSkipped()) return;
  hq::test::ScratchDatabase scratch(GetParam(), "hq_row_mapping");
  Database db(scratch.url(), 1);
  db.transaction([&](soci::session& sql) {
    sql << "CREATE TABLE samples (id bigint, code text, active bigint, share double precision, parent bigint)";
    sql << "INSERT INTO samples VALUES (1, 'A', 1, 0.5, 7), (5000000000, 'B', 0, 0, 7), (3, 'C', 1, 0, 8)";
  });
  db.read([&](soci::session& sql) {
    const auto mapping = RowMapping<Sample>() HQ_ROW_FIELDS_AT(Sample, "s.", id, code, active, share, parent);
    const auto of_7 = mapping.rows_where(sql, "samples s", "s.parent = :p ORDER BY s.id DESC", 7);
    ASSERT_EQ(of_7.size(), 2u);
    EXPECT_EQ(of_7[0].id, 5000000000);
    EXPECT_EQ(of_7[1].code, "A");
    EXPECT_DOUBLE_EQ(of_7[1].share, 0.5);
    EXPECT_TRUE(mapping.rows_where(sql, "samples s", "s.parent = :p", 9).empty());
    const auto c = mapping.first_where(sql, "samples s", "s.code = :c", std::string("C"));
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->id, 3);
    EXPECT_EQ(c->parent, std::optional<std::int64_t>(8));
    EXPECT_FALSE(mapping.first_where(sql, "samples s", "s.code = :c", std::string("Z")).has_value());
    EXPECT_EQ(mapping.first_where(sql, "samples s", "s.id = :i", 5000000000)->code, "B");
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, RowMappingOnBackends, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace hq::db
