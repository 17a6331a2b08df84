// The audit list exports as tables (pure): one row per item, every column filled from the item.
#include <gtest/gtest.h>

#include "audit/list_export.h"

namespace hq::audit {
namespace {

std::string text(const sheets::TableCell& c) { return std::holds_alternative<std::string>(c) ? std::get<std::string>(c) : ""; }

TEST(AuditListExport, ProposalsOneRowPerItemWithEveryColumn) {
  store::Proposal p;
  p.number = "1/2026/ĐXKT-02CI";
  p.year = 2026;
  p.tax_code = "0100109106";
  p.status = "SUBMITTED";
  p.place = "OFFICE";
  p.late = true;
  p.paper_approved_on = "2026-06-11";
  const auto t = proposals_table({p, p});
  ASSERT_EQ(t.rows.size(), 2u);
  for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.columns.size());
  EXPECT_EQ(text(t.rows[0][0]), "1/2026/ĐXKT-02CI");
  EXPECT_EQ(std::get<double>(t.rows[0][1]), 2026);
  EXPECT_EQ(text(t.rows[0][10]), "chờ phê duyệt");
  EXPECT_EQ(text(t.rows[0][6]), "Tại trụ sở cơ quan hải quan");
  EXPECT_EQ(text(t.rows[0].back()), "Có");
  EXPECT_LE(t.sheet_name.size(), 31u);
}

TEST(AuditListExport, ProposalsAndCollectionsShareTheOwnedHeadThenHaveTheirOwnColumns) {
  const auto proposals = proposals_table({});
  const auto collections = collections_table({});
  EXPECT_EQ(proposals.columns[0].title, "Số đề xuất");
  EXPECT_EQ(collections.columns[0].title, "Số");
  for (std::size_t i = 1; i < 6; ++i) EXPECT_EQ(proposals.columns[i].title, collections.columns[i].title) << i;
  EXPECT_EQ(collections.columns[5].title, "Tên đơn vị");
  EXPECT_EQ(collections.columns[6].title, "Dấu hiệu");
  store::Collection c;
  c.enterprise_name = "Công ty Ví dụ";
  c.signs = "Giá thấp";
  c.status = "APPROVED";
  const auto row = collections_table({c}).rows.at(0);
  EXPECT_EQ(text(row[3]), "Công ty Ví dụ");
  EXPECT_EQ(text(row[6]), "Giá thấp");
  EXPECT_EQ(text(row[8]), "đã phê duyệt");
}

TEST(AuditListExport, EveryListHasAsManyCellsAsColumns) {
  const auto check = [](const sheets::Table& t) {
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].size(), t.columns.size()) << t.sheet_name;
    EXPECT_LE(t.sheet_name.size(), 31u);
    EXPECT_FALSE(t.title.empty());
  };
  check(collections_table({store::Collection{}}));
  check(enterprises_table({store::Enterprise{}}));
  check(key_enterprises_table({store::KeyEnterprise{}}, 2026));
  check(feedback_table({store::Feedback{}}));
}

}  // namespace
}  // namespace hq::audit
