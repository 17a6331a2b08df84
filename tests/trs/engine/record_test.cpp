#include <gtest/gtest.h>

#include <set>

#include "test_util.h"
#include "trs/engine/record.h"

using namespace hq::trs;
using test::local;

TEST(ColumnTable, NamesUniqueAndAccessorsMatchKind) {
  std::set<std::string_view> names;
  for (const ColumnDef& c : columns()) {
    EXPECT_TRUE(names.insert(c.name).second) << c.name;
    EXPECT_FALSE(c.label_vi.empty()) << c.name;
    switch (c.kind) {
      case ColumnKind::Text: EXPECT_TRUE(c.text) << c.name; break;
      case ColumnKind::Time:
        EXPECT_TRUE(c.time) << c.name;
        EXPECT_TRUE(c.name.ends_with("_at")) << c.name;
        break;
      case ColumnKind::YesNo: EXPECT_TRUE(c.yes_no) << c.name; break;
      case ColumnKind::Enum: EXPECT_TRUE(c.get_enum && c.set_enum && !c.values.empty()) << c.name; break;
      case ColumnKind::List: EXPECT_TRUE(c.list && !c.values.empty()) << c.name; break;
    }
  }
  for (std::string_view n : {"flow", "declaration_no", "ag2_customs_received_at", "qc_notified_at", "delay_note",
                             "border_check_end_at", "scan_propose_direct"})
    EXPECT_GE(column_index(n), 0) << n;
  EXPECT_EQ(column_index("nope"), -1);
}

TEST(ColumnTable, AccessorsReachTheirFields) {
  Record r;
  column("ag2_certified_at").time(r) = 42;
  EXPECT_EQ(r.ag2.certified_at, 42);
  column("qc_result_no").text(r) = "KQ1";
  EXPECT_EQ(r.qc.result_no, "KQ1");
  column("channel").set_enum(r, 2);
  EXPECT_EQ(r.channel, Channel::RED);
  EXPECT_EQ(format_cell(column("channel"), r), "RED");
  column("channel").set_enum(r, -1);
  EXPECT_FALSE(r.channel);
  r.sci_kinds = (1u << 0) | (1u << 3);
  EXPECT_EQ(format_cell(column("sci_kinds"), r), "CLNN;KDYT");
  r.aeo = true;
  EXPECT_EQ(format_cell(column("aeo"), r), "Y");
}

TEST(TimeCell, AcceptedForms) {
  const auto expected = local(2025, 6, 16, 8, 30);
  EXPECT_EQ(parse_time_cell("2025-06-16 08:30"), expected);
  EXPECT_EQ(parse_time_cell("2025-06-16 08:30:00"), expected);
  EXPECT_EQ(parse_time_cell("16/06/2025 08:30"), expected);
  EXPECT_EQ(parse_time_cell("16/06/2025 08:30:00"), expected);
  EXPECT_EQ(parse_time_cell("2025-06-16T08:30:00+07:00"), expected);
  EXPECT_EQ(parse_time_cell("2025-06-16T01:30:00Z"), expected);
  EXPECT_EQ(parse_time_cell("2025-06-16T03:30:00+02:00"), expected);
  EXPECT_EQ(parse_time_cell("2025-06-16 08:30:17"), expected + 17);
  EXPECT_EQ(parse_time_cell("2025-06-16T08:30+07:00"), expected);  // ISO without seconds
  EXPECT_EQ(parse_time_cell("2025-06-16T08:30:00.250+07:00"), expected);
}

TEST(TimeCell, RejectedFormsSayWhy) {
  std::string why;
  EXPECT_FALSE(parse_time_cell("31/02/2025 10:00", &why));
  EXPECT_EQ(why, "ngày không tồn tại");
  EXPECT_FALSE(parse_time_cell("2025-06-16 24:00", &why));
  EXPECT_NE(why.find("giờ"), std::string::npos);
  EXPECT_FALSE(parse_time_cell("2025-06-16T08:30:00", &why));  // ISO without offset
  EXPECT_NE(why.find("múi giờ"), std::string::npos);
  for (const char* bad : {"", "hôm qua", "2025/06/16 08:30", "16-06-2025 08:30", "2025-06-16", "2025-06-16 8:30",
                          "2025-06-16 08:30:5", "2025-06-16 08:30 ", "1/6/2025 08:30", "2025-13-01 08:00"})
    EXPECT_FALSE(parse_time_cell(bad)) << bad;
}

TEST(TimeCell, FormatRoundTrip) {
  const auto t = local(2013, 12, 31, 23, 59, 59);
  EXPECT_EQ(format_local_time(t), "2013-12-31 23:59:59");
  EXPECT_EQ(parse_time_cell(format_local_time(t)), t);
}

TEST(TextRules, Validation) {
  EXPECT_EQ(check_text_rule(TextRule::DeclarationNo, "104722599000"), "");
  EXPECT_NE(check_text_rule(TextRule::DeclarationNo, "10472259900"), "");
  EXPECT_NE(check_text_rule(TextRule::DeclarationNo, "10472259900A"), "");
  EXPECT_EQ(check_text_rule(TextRule::BranchCode, "03CC"), "");
  EXPECT_EQ(check_text_rule(TextRule::BranchCode, "02B1"), "");
  EXPECT_NE(check_text_rule(TextRule::BranchCode, "3CCC"), "");
  EXPECT_NE(check_text_rule(TextRule::BranchCode, "03cc"), "");
  EXPECT_NE(check_text_rule(TextRule::BranchCode, "03CCC"), "");
  EXPECT_EQ(check_text_rule(TextRule::HsCode, "87089999"), "");
  EXPECT_NE(check_text_rule(TextRule::HsCode, "8708"), "");
  EXPECT_EQ(check_text_rule(TextRule::Country, "JP"), "");
  EXPECT_NE(check_text_rule(TextRule::Country, "Japan"), "");
  EXPECT_EQ(declaration_identity("104722599001"), declaration_identity("104722599002"));
  EXPECT_FALSE(declaration_identity("1047225990"));
}

TEST(TimeSlot, ReadsTheSameMilestoneAsTheColumnAccessor) {
  Record r;
  std::size_t times = 0;
  for (const ColumnDef& c : columns()) {
    if (c.kind != ColumnKind::Time) continue;
    const TimeSlot slot(c.name);
    ASSERT_TRUE(slot) << c.name;
    EXPECT_EQ(&slot(r), &time_of(c, r)) << c.name;
    c.time(r) = static_cast<UnixSeconds>(++times);  // distinct values: no two slots may share a field
  }
  for (const ColumnDef& c : columns()) {
    if (c.kind != ColumnKind::Time) continue;
    EXPECT_EQ(TimeSlot(c.name)(r), time_of(c, r)) << c.name;
  }
  EXPECT_GT(times, 30u);
  EXPECT_FALSE(TimeSlot(""));
  EXPECT_THROW(TimeSlot("declaration_no"), std::out_of_range);
  EXPECT_THROW(TimeSlot("no_such_column"), std::out_of_range);
}

TEST(Columns, EveryColumnHasVietnameseAndEnglishHeadings) {
  std::set<std::string_view> english;
  for (const ColumnDef& c : columns()) {
    EXPECT_FALSE(c.label_vi.empty()) << c.name;
    EXPECT_FALSE(c.label_en.empty()) << c.name;
    EXPECT_TRUE(english.insert(c.label_en).second) << "two columns headed " << c.label_en;
  }
}
