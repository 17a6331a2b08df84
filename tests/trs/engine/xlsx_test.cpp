#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "core/error.h"
#include "test_util.h"
#include "trs/engine/record_writer.h"
#include "trs/engine/report.h"
#include "trs/engine/xlsx_reader.h"

using namespace hq::trs;
using test::local;

TEST(Xlsx, RoundTripThroughLibxlsxwriter) {
  std::vector<Record> records(2);
  records[0].flow = Flow::NK;
  records[0].declaration_no = "104722599000";
  records[0].branch_code = "02CI";
  records[0].goods_group = "Phụ tùng ô tô <&> \"loại A\"";
  records[0].registered_at = local(2025, 6, 16, 8, 30, 17);
  records[0].released_at = local(2025, 6, 21, 23, 59, 59);
  records[0].channel = Channel::RED;
  records[0].sci_kinds = 0b101;
  records[0].ag2.sampling = true;
  records[1].flow = Flow::XK;
  records[1].declaration_no = "304722599010";
  records[1].qc.customs_received_at = local(2015, 6, 15, 0, 0, 0);
  test::TempFile file(".xlsx");
  write_records_xlsx(file.path(), records);
  EXPECT_TRUE(looks_like_xlsx(file.path()));
  RecordCollector c;
  EXPECT_EQ(read_records_file(file.path(), std::nullopt, c), 2u);
  EXPECT_TRUE(c.issues.empty());
  ASSERT_EQ(c.records.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(c.records[i].meta.line, i + 2);  // sheet row numbers
    Record back = c.records[i];
    back.meta = records[i].meta;
    EXPECT_EQ(back, records[i]) << "row " << i;
  }
}

TEST(Xlsx, NumbersAndBadCellsTypedInExcel) {
  test::TempFile file(".xlsx");
  lxw_workbook* wb = workbook_new(file.path().c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
  const char* header[] = {"flow", "declaration_no", "channel", "registered_at", "released_at"};
  for (lxw_col_t i = 0; i < 5; ++i) worksheet_write_string(ws, 0, i, header[i], nullptr);
  worksheet_write_string(ws, 2, 0, "NK", nullptr);  // row 3 (row 2 left empty)
  worksheet_write_number(ws, 2, 1, 104722599000.0, nullptr);  // typed as a number
  worksheet_write_string(ws, 2, 2, "PURPLE", nullptr);
  lxw_datetime dt = {2025, 6, 16, 8, 30, 0};
  worksheet_write_datetime(ws, 2, 3, &dt, nullptr);
  worksheet_write_string(ws, 2, 4, "16/06/2025 12:00", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  RecordCollector c;
  read_xlsx_file(file.path(), c);
  ASSERT_EQ(c.records.size(), 1u);
  const Record& r = c.records[0];
  EXPECT_EQ(r.meta.line, 3u);
  EXPECT_EQ(r.declaration_no, "104722599000");
  EXPECT_EQ(r.registered_at, local(2025, 6, 16, 8, 30));
  EXPECT_EQ(r.released_at, local(2025, 6, 16, 12, 0));
  ASSERT_EQ(c.issues.size(), 1u);
  EXPECT_EQ(c.issues[0].column, "channel");
  EXPECT_EQ(c.issues[0].line, 3u);
}

TEST(Xlsx, WrongHeaderAndNotAWorkbook) {
  test::TempFile file(".xlsx");
  lxw_workbook* wb = workbook_new(file.path().c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  worksheet_write_string(ws, 0, 0, "Số tờ khai", nullptr);
  worksheet_write_string(ws, 0, 1, "flow", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  RecordCollector c;
  try {
    read_xlsx_file(file.path(), c);
    FAIL();
  } catch (const hq::core::Error& e) {
    EXPECT_EQ(e.code(), "UNKNOWN_COLUMNS");
  }
  test::TempFile junk(".xlsx", "not a zip at all");
  try {
    read_xlsx_file(junk.path(), c);
    FAIL();
  } catch (const hq::core::Error& e) {
    EXPECT_EQ(e.code(), "XLSX_INVALID");
  }
}

TEST(Xlsx, ReportWorkbookIsWritten) {
  std::vector<Record> records(1);
  records[0].flow = Flow::NK;
  records[0].declaration_no = "104722599000";
  records[0].registered_at = local(2025, 6, 16, 8, 0);
  records[0].released_at = local(2025, 6, 21, 3, 0, 17);
  const Report report = analyze(records);
  test::TempFile file(".xlsx");
  write_xlsx(file.path(), report, compare(report, report));
  EXPECT_TRUE(looks_like_xlsx(file.path()));
  EXPECT_GT(std::filesystem::file_size(file.path()), 4000u);
}

TEST(Xlsx, SerialDates) {
  EXPECT_EQ(from_excel_serial(45824.0), local(2025, 6, 16, 0, 0));  // Excel's serial for 2025-06-16
  EXPECT_EQ(from_excel_serial(to_excel_serial(local(2025, 6, 16, 8, 30, 17))), local(2025, 6, 16, 8, 30, 17));
}
