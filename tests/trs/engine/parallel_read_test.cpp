// The CSV reader decodes on several threads and the analyzer prepares records there and computes the
// statistics of different intervals in parallel: the results must be exactly those of one thread.
#include <gtest/gtest.h>

#include "test_util.h"
#include "trs/engine/csv_reader.h"
#include "trs/engine/report.h"

using namespace hq::trs;

namespace {

// Several batches of rows with every kind of trouble: bad cells, blank lines, quoted fields with commas
// and newlines, CRLF, rows too wide, repeated declarations, negative and out-of-order intervals, rows
// outside the study week, and a quote left open at the end.
std::string troubled_csv(int rows) {
  std::string csv =
      "flow,declaration_no,branch_code,type_code,channel,hs_code,country,goods_group,arrival_at,registered_at,"
      "doc_check_start_at,doc_check_end_at,released_at,supervision_confirmed_at,delay_reasons\n";
  const char* branches[] = {"03CC", "02CI", "01B1", "45B1"};
  const char* channels[] = {"GREEN", "YELLOW", "RED", "PURPLE", ""};
  for (int i = 0; i < rows; ++i) {
    const int day = 16 + i % 7, hour = i % 24;
    const auto at = [&](int d, int h) {
      char b[32];
      std::snprintf(b, sizeof b, "2025-06-%02d %02d:%02d", d, h % 24, i % 60);
      return std::string(b);
    };
    const std::string no = std::to_string(104722590000LL + (i % 997 == 0 ? 10 : i * 10));  // a few repeats
    csv += (i % 3 ? "NK," : "XK,") + no + "," + branches[i % 4] + ",A11," + channels[i % 5] + ",87089900," +
           (i % 4 == 1 ? "JP" : "CN") + "," + (i % 11 == 0 ? "\"Thép, sắt\nloại \"\"A\"\"\"" : "Hàng") + "," +
           at(day, hour) + "," + at(day, hour + 2) + "," + (i % 13 == 0 ? "2025-02-30 08:00" : at(day, hour + 3)) +
           "," + at(day, hour + (i % 17 == 0 ? 1 : 4)) + "," + at(day + 1, hour) + "," + at(day + 1, hour + 1) + "," +
           (i % 5 == 0 ? "INSP_QUEUE;IT_ERROR" : "") + (i % 19 == 0 ? ",extra,cells" : "") +
           (i % 23 == 0 ? "\r\n" : "\n");
    if (i % 101 == 0) csv += ",,,\n\n";
  }
  return csv + "NK,104722599999,03CC,A11,GREEN,,,\"open";
}

}  // namespace

TEST(ParallelRead, DecodingThreadsSendExactlyWhatOneThreadSends) {
  const std::string csv = troubled_csv(9000);
  RecordCollector one, many;
  auto one_source = memory_source(csv), many_source = memory_source(csv);
  const std::size_t rows_one = read_wide_csv(*one_source, one, 0);
  const std::size_t rows_many = read_wide_csv(*many_source, many, 3);
  EXPECT_EQ(rows_one, 9001u);
  EXPECT_EQ(rows_many, rows_one);
  ASSERT_EQ(many.records.size(), one.records.size());
  for (std::size_t i = 0; i < one.records.size(); ++i)
    ASSERT_TRUE(many.records[i] == one.records[i]) << "record of line " << one.records[i].meta.line;
  ASSERT_EQ(many.issues.size(), one.issues.size());
  for (std::size_t i = 0; i < one.issues.size(); ++i) ASSERT_EQ(many.issues[i].message, one.issues[i].message);
  EXPECT_TRUE(many.issues == one.issues);
  EXPECT_GT(one.issues.size(), 1000u);
}

TEST(ParallelRead, AnalysisOnThreadsEqualsTheSingleThreadedOne) {
  const std::string csv = troubled_csv(9000);
  StudySettings study;
  study.week_start = {2025, 6, 16};
  study.follow_up_limit = test::local(2025, 6, 22, 12, 0);
  for (const bool with_study : {false, true}) {
    AnalysisSettings serial;
    if (with_study) serial.study = study;
    serial.threads = 1;
    AnalysisSettings parallel = serial;
    parallel.threads = 3;
    Analyzer a(serial), b(parallel);
    auto a_source = memory_source(csv), b_source = memory_source(csv);
    read_wide_csv(*a_source, a, 0);
    read_wide_csv(*b_source, b, 3);
    const Report ra = a.finish(), rb = b.finish();
    EXPECT_GT(ra.records.analysed, 5000u);
    EXPECT_GT(ra.issues.size(), 1000u);
    EXPECT_EQ(to_json(rb).dump(), to_json(ra).dump()) << (with_study ? "with a study" : "without a study");
  }
}

namespace {
// A collector that reads no free-text column but the branch, declaration number and type code.
class FewTextsCollector : public RecordCollector {
 public:
  bool reads_text(std::string_view column) const override {
    return column == "branch_code" || column == "declaration_no" || column == "type_code";
  }
};
}  // namespace

TEST(ParallelRead, TextCellsTheSinkDoesNotReadAreCheckedWithoutBeingCopied) {
  // Bad text in columns the sink does not read: invalid UTF-8 in goods_group, a bad HS code and country.
  std::string csv = troubled_csv(3000);
  csv.insert(csv.find('\n') + 1,
             "NK,104722500000,03CC,A11,GREEN,8708,VNM,\"Hàng \xC3\x28\",2025-06-16 08:00,2025-06-16 09:00,,,"
             "2025-06-16 10:00,2025-06-16 11:00,\n");
  RecordCollector all;
  FewTextsCollector few;
  auto all_source = memory_source(csv), few_source = memory_source(csv);
  read_wide_csv(*all_source, all, 2);
  read_wide_csv(*few_source, few, 2);
  ASSERT_EQ(few.issues.size(), all.issues.size());
  EXPECT_TRUE(few.issues == all.issues);  // the same issues, messages and order
  std::size_t bad_text = 0;
  for (const Issue& i : all.issues) bad_text += i.column == "goods_group" || i.column == "hs_code" || i.column == "country";
  EXPECT_GE(bad_text, 3u);
  ASSERT_EQ(few.records.size(), all.records.size());
  std::size_t with_goods = 0;
  for (std::size_t i = 0; i < all.records.size(); ++i) {
    Record expected = all.records[i];
    with_goods += !expected.goods_group.empty();
    expected.goods_group.clear(), expected.hs_code.clear(), expected.country.clear();
    ASSERT_TRUE(few.records[i] == expected) << "record of line " << all.records[i].meta.line;
    EXPECT_EQ(few.records[i].meta.invalid_cells, all.records[i].meta.invalid_cells);
  }
  EXPECT_GT(with_goods, 1000u);  // the reading collector did get the text
}
