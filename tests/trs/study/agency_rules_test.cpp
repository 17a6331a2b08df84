// The agencies' part, pure: name matching, the returned-data and border-check cells (every bad cell named),
// reading CSV/xlsx tables, and how the returned data enter a record (ReturnsOverlay).
#include "trs/study/agency_rules.h"

#include <gtest/gtest.h>

#include <set>

#include "core/error.h"

using namespace hq::trs;

namespace {

Agency agency(std::string code, std::string name, std::string ministry, std::string alias) {
  Agency a;
  a.code = std::move(code);
  a.name = std::move(name);
  a.ministry_name = std::move(ministry);
  a.aliases = {std::move(alias)};
  return a;
}
Agency bvtv() { return agency("BVTV", "Cục Bảo vệ thực vật", "Bộ Nông nghiệp và Phát triển nông thôn", "Chi cục Kiểm dịch thực vật vùng II"); }
Agency tcdlcl() { return agency("TCDLCL", "Tổng cục Tiêu chuẩn Đo lường Chất lượng", "Bộ Khoa học và Công nghệ", "Tổng cục TCĐLCL"); }

std::vector<std::pair<std::size_t, std::map<std::string, std::string>>> table(std::string_view bytes,
                                                                             const std::vector<std::string>& columns,
                                                                             const std::string& required) {
  std::vector<std::pair<std::size_t, std::map<std::string, std::string>>> rows;
  read_table(bytes, columns, required, [&](std::size_t line, const std::map<std::string, std::string>& cells) {
    rows.emplace_back(line, cells);
  });
  return rows;
}

}  // namespace

TEST(AgencyRules, NamesMatchWithoutCaseAndDiacriticsAndAliases) {
  EXPECT_TRUE(names_agency(bvtv(), "CỤC BẢO VỆ THỰC VẬT"));
  EXPECT_TRUE(names_agency(bvtv(), "  cuc bao ve thuc vat "));
  EXPECT_TRUE(names_agency(bvtv(), "Chi cục Kiểm dịch thực vật vùng II"));
  EXPECT_FALSE(names_agency(bvtv(), "Cục Thú y"));
  EXPECT_FALSE(names_agency(bvtv(), ""));
  const std::vector<Agency> all = {bvtv(), tcdlcl()};
  EXPECT_EQ(agency_named(all, "Tổng cục TCĐLCL")->code, "TCDLCL");
  EXPECT_EQ(agency_named(all, "Không có"), nullptr);
  EXPECT_EQ(transport_key("Tàu  Wan hai 305"), "TAU WAN HAI 305");
}

TEST(AgencyRules, ReturnedCellsAreCheckedAndEveryBadCellNamed) {
  const auto ok = decode_return({{"declaration_no", "104722599000"}, {"registered_at", "2025-06-17 08:30"},
                                 {"sampling_at", "17/06/2025 10:30"}, {"result_at", "2025-06-18T10:30:00+07:00"},
                                 {"handed_over_at", ""}},
                                5);
  EXPECT_TRUE(ok.problems.empty());
  EXPECT_EQ(ok.value.declaration_key, 10472259900);
  EXPECT_EQ(*ok.value.result_at - *ok.value.registered_at, 26 * 3600);
  EXPECT_FALSE(ok.value.handed_over_at);

  const auto bad = decode_return({{"declaration_no", "1047"}, {"registered_at", "hôm qua"}, {"colour", "đỏ"},
                                  {"result_at", "2025-06-18 10:00"}, {"handed_over_at", "2025-06-18 09:00"}},
                                 7);
  ASSERT_EQ(bad.problems.size(), 4u);
  std::set<std::string> columns;
  for (const auto& p : bad.problems) {
    columns.insert(p.column);
    EXPECT_EQ(p.line, 7u);
  }
  EXPECT_EQ(columns, (std::set<std::string>{"colour", "declaration_no", "registered_at", "handed_over_at"}));

  const auto border = decode_border_check({{"vehicle", ""}, {"check_start_at", "2025-06-16 08:00"},
                                           {"check_end_at", "2025-06-16 07:00"}},
                                          0);
  ASSERT_EQ(border.problems.size(), 2u);
  EXPECT_EQ(border.problems[0].column, "vehicle");
  EXPECT_EQ(border.problems[1].column, "check_end_at");
  EXPECT_NE(border.problems[1].message.find("Ô check_end_at"), std::string::npos);
}

TEST(AgencyRules, TablesFromCsvWithBomBlankRowsAndQuotedCells) {
  const auto rows = table("\xEF\xBB\xBF" "declaration_no,result_no\n104722599000,\"KQ, 1\"\n,\n104722599010,\n",
                          kReturnColumns, "declaration_no");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].first, 2u);
  EXPECT_EQ(rows[0].second.at("result_no"), "KQ, 1");
  EXPECT_EQ(rows[1].first, 4u);
  EXPECT_THROW(table("declaration_no,colour\n1,2\n", kReturnColumns, "declaration_no"), hq::core::Error);
  EXPECT_THROW(table("result_no\nx\n", kReturnColumns, "declaration_no"), hq::core::Error);
  EXPECT_THROW(table("declaration_no;result_no\n", kReturnColumns, "declaration_no"), hq::core::Error);
  EXPECT_THROW(table("", kReturnColumns, "declaration_no"), hq::core::Error);
  // A cell past the header is kept under a name that the decoder then reports as unknown.
  const auto extra = table("declaration_no\n104722599000,x\n", kReturnColumns, "declaration_no");
  EXPECT_EQ(decode_return(extra[0].second, extra[0].first).problems.size(), 1u);
}

TEST(AgencyRules, TheOverlayReplacesTheNamedBlocksTimesAndSetsTheBorderCheck) {
  AgencyReturn d;
  d.declaration_key = 10472259900;
  d.registered_at = 1000;
  d.sampling_at = 2000;
  d.result_at = 3000;
  d.handed_over_at = 4000;
  d.result_no = "KQ-1";
  BorderCheck ship, truck;
  ship.vehicle = "TAU WAN HAI";
  ship.voyage = "305";
  ship.check_start_at = 500;
  ship.check_end_at = 900;
  truck.vehicle = "XE 29C-12345";
  truck.check_start_at = 100;
  truck.check_end_at = 200;
  const ReturnsOverlay overlay({bvtv(), tcdlcl()}, {{"BVTV", {{d.declaration_key, d}}}}, {ship, truck});
  Record r;
  r.declaration_no = "104722599001";  // the 12th digit counts amendments
  r.ag2.name = "chi cục kiểm dịch thực vật vùng ii";
  r.ag2.certified_at = 99;
  r.qc.name = "Tổng cục TCĐLCL";
  r.transport = "Tàu Wan Hai 305";
  overlay.apply(r);
  EXPECT_EQ(r.ag2.name, "Cục Bảo vệ thực vật");
  EXPECT_EQ(r.ag2.registered_at, 1000);
  EXPECT_EQ(r.ag2.sampling_at, 2000);
  EXPECT_EQ(r.ag2.certified_at, 3000);
  EXPECT_EQ(r.ag2.customs_received_at, 4000);
  EXPECT_EQ(r.ag2.certificate_no, "KQ-1");
  EXPECT_EQ(r.qc.name, "Tổng cục Tiêu chuẩn Đo lường Chất lượng");  // official name, no data returned
  EXPECT_FALSE(r.qc.notified_at);
  EXPECT_EQ(r.border_check_start_at, 500);
  EXPECT_EQ(r.border_check_end_at, 900);
  Record t;
  t.declaration_no = "104722599010";
  t.transport = "xe 29c-12345";  // the vehicle alone: one check for it in the study
  overlay.apply(t);
  EXPECT_EQ(t.border_check_end_at, 200);
  EXPECT_EQ(overlay.ministries().at("Cục Bảo vệ thực vật"), "Bộ Nông nghiệp và Phát triển nông thôn");
}
