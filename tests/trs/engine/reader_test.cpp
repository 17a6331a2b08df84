#include <gtest/gtest.h>
#include <unistd.h>

#include "core/error.h"
#include "test_util.h"
#include "trs/engine/csv_reader.h"
#include "trs/engine/record_writer.h"

using namespace hq::trs;
using test::lines;
using test::local;

namespace {

RecordCollector read(const std::string& text) {
  RecordCollector c;
  read_wide_csv(text, c);
  return c;
}

// The code of the core::Error a read throws ("" when it does not).
std::string fatal_code(const std::string& text, std::string* message = nullptr) {
  try {
    read(text);
  } catch (const hq::core::Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return "";
}

const Issue* find_issue(const RecordCollector& c, std::string_view code, std::string_view column = {}) {
  for (const Issue& i : c.issues)
    if (i.code == code && (column.empty() || i.column == column)) return &i;
  return nullptr;
}

}  // namespace

TEST(Reader, ReadsTheWideFormat) {
  const auto c = read(lines({"flow,declaration_no,branch_code,route,channel,registered_at,released_at,sci_kinds,aeo",
                             "NK,104722599000,03CC,SEA,RED,2025-06-16 08:30,17/06/2025 10:00:17,CLNN;KDTV,Y",
                             "XK,304722599010,02B1,AIR,green,2025-06-16T09:00:00+07:00,,,n"}));
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_TRUE(c.issues.empty());
  const Record& a = c.records[0];
  EXPECT_EQ(a.meta.line, 2u);
  EXPECT_EQ(a.flow, Flow::NK);
  EXPECT_EQ(a.branch_code, "03CC");
  EXPECT_EQ(a.route, Route::SEA);
  EXPECT_EQ(a.channel, Channel::RED);
  EXPECT_EQ(a.registered_at, local(2025, 6, 16, 8, 30));
  EXPECT_EQ(a.released_at, local(2025, 6, 17, 10, 0, 17));
  EXPECT_EQ(a.sci_kinds, (1u << 0) | (1u << 4));
  EXPECT_EQ(a.aeo, true);
  const Record& b = c.records[1];
  EXPECT_EQ(b.meta.line, 3u);
  EXPECT_EQ(b.channel, Channel::GREEN);  // codes are case-insensitive
  EXPECT_EQ(b.registered_at, local(2025, 6, 16, 9, 0));
  EXPECT_FALSE(b.released_at);  // empty = not recorded
  EXPECT_EQ(b.aeo, false);
}

TEST(Reader, QuotingBomCrlfAndBlankLines) {
  const std::string text =
      "\xEF\xBB\xBF"
      "flow,declaration_no,goods_group,delay_note\r\n"
      "NK,104722599000,\"Thép, sắt\",\"Ghi chú \"\"khẩn\"\"\r\nhai dòng\"\r\n"
      "\r\n"
      ",,,\r\n"
      "XK,304722599010,Gạo,\r\n";
  const auto c = read(text);
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].goods_group, "Thép, sắt");
  EXPECT_EQ(c.records[0].delay_note, "Ghi chú \"khẩn\"\r\nhai dòng");
  EXPECT_EQ(c.records[0].meta.line, 2u);
  EXPECT_EQ(c.records[1].meta.line, 6u);  // the quoted newline counts as a line
  EXPECT_EQ(c.records[1].goods_group, "Gạo");
}

TEST(Reader, SurvivesBufferBoundariesEverywhere) {
  const std::string text = lines({"flow,declaration_no,delay_note,registered_at",
                                  "NK,104722599000,\"a \"\"b\"\", c\nd\",2025-06-16 08:30",
                                  "XK,304722599010,x,2025-06-16 09:00"}) +
                           "NK,104722599020,\"last\"";  // no final newline
  RecordCollector whole, trickled;
  read_wide_csv(text, whole);
  test::TrickleSource src(text);
  read_wide_csv(src, trickled);
  ASSERT_EQ(whole.records.size(), 3u);
  EXPECT_EQ(trickled.records, whole.records);
  EXPECT_EQ(whole.records[0].delay_note, "a \"b\", c\nd");
  EXPECT_EQ(whole.records[2].delay_note, "last");
  EXPECT_EQ(whole.records[2].meta.line, 5u);
}

TEST(Reader, BadCellsBecomeIssuesAndAreNotRecorded) {
  const auto c = read(lines({"flow,declaration_no,branch_code,channel,registered_at,released_at,delay_reasons",
                             "NK,10472259900,3CC,PURPLE,31/02/2025 10:00,2025-06-16 25:00,INSP_QUEUE;LATE"}));
  ASSERT_EQ(c.records.size(), 1u);
  const Record& r = c.records[0];
  EXPECT_EQ(r.meta.invalid_cells, 6);
  EXPECT_FALSE(r.channel);
  EXPECT_FALSE(r.registered_at);
  EXPECT_FALSE(r.released_at);
  EXPECT_EQ(r.branch_code, "");
  EXPECT_EQ(r.delay_reasons, 0u);
  EXPECT_EQ(r.declaration_no, "10472259900");  // kept so issues can name the row

  const Issue* channel = find_issue(c, kInvalidValue, "channel");
  ASSERT_TRUE(channel);
  EXPECT_EQ(channel->line, 2u);
  EXPECT_EQ(channel->value, "PURPLE");
  EXPECT_EQ(channel->declaration_no, "10472259900");
  EXPECT_NE(channel->message.find("Dòng 2, cột channel"), std::string::npos);
  EXPECT_NE(channel->message.find("GREEN, YELLOW, RED"), std::string::npos);
  const Issue* date = find_issue(c, kInvalidValue, "registered_at");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->value, "31/02/2025 10:00");
  EXPECT_NE(date->message.find("ngày không tồn tại"), std::string::npos);
  EXPECT_TRUE(find_issue(c, kInvalidValue, "released_at"));
  const Issue* number = find_issue(c, kInvalidValue, "declaration_no");
  ASSERT_TRUE(number);
  EXPECT_NE(number->message.find("12 chữ số"), std::string::npos);
  EXPECT_TRUE(find_issue(c, kInvalidValue, "branch_code"));
  const Issue* list = find_issue(c, kInvalidValue, "delay_reasons");
  ASSERT_TRUE(list);
  EXPECT_NE(list->message.find("LATE"), std::string::npos);

  // The issues of a row come in the order of its columns, whatever their kinds.
  std::vector<std::string> order;
  for (const Issue& i : c.issues) order.push_back(i.column);
  EXPECT_EQ(order, (std::vector<std::string>{"declaration_no", "branch_code", "channel", "registered_at", "released_at",
                                             "delay_reasons"}));
}

TEST(Reader, MissingRequiredValues) {
  const auto c = read(lines({"flow,declaration_no", ",104722599000", "NK,"}));
  ASSERT_EQ(c.records.size(), 2u);
  const Issue* flow = find_issue(c, kMissingRequired, "flow");
  ASSERT_TRUE(flow);
  EXPECT_EQ(flow->line, 2u);
  const Issue* no = find_issue(c, kMissingRequired, "declaration_no");
  ASSERT_TRUE(no);
  EXPECT_EQ(no->line, 3u);
}

TEST(Reader, RowsThatDoNotFitTheHeader) {
  const auto c = read(lines({"flow,declaration_no,goods_group", "NK,104722599000,Thép, sắt",  // unquoted comma
                             "NK,104722599010", "NK,104722599020,a,,,"}));  // short row, trailing empties
  ASSERT_EQ(c.records.size(), 3u);
  EXPECT_TRUE(c.records[0].meta.rejected);
  const Issue* bad = find_issue(c, kBadRow);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->line, 2u);
  EXPECT_EQ(bad->declaration_no, "104722599000");
  EXPECT_FALSE(c.records[1].meta.rejected);
  EXPECT_FALSE(c.records[2].meta.rejected);
  EXPECT_EQ(c.records[2].goods_group, "a");

  const auto open = read(lines({"flow,declaration_no,delay_note", "NK,104722599000,\"never closed"}));
  ASSERT_EQ(open.records.size(), 1u);
  EXPECT_TRUE(open.records[0].meta.rejected);
  EXPECT_TRUE(find_issue(open, kBadRow));
}

TEST(Reader, UnreadableFilesAreFatalWithVietnameseReasons) {
  std::string msg;
  EXPECT_EQ(fatal_code("", &msg), "EMPTY_FILE");
  EXPECT_NE(msg.find("rỗng"), std::string::npos);
  EXPECT_EQ(fatal_code("\xEF\xBB\xBF\n\n  \n"), "EMPTY_FILE");
  EXPECT_EQ(fatal_code(std::string("\xFF\xFE" "f\0l\0o\0w\0", 10), &msg), "UTF16_ENCODING");
  EXPECT_NE(msg.find("UTF-16"), std::string::npos);
  EXPECT_EQ(fatal_code(std::string("f\0l\0o\0w\0,\0", 10)), "UTF16_ENCODING");  // no BOM, NULs
  EXPECT_EQ(fatal_code(lines({"flow;declaration_no;registered_at", "NK;104722599000;2025-06-16 08:30"}), &msg),
            "SEMICOLON_SEPARATED");
  EXPECT_NE(msg.find("chấm phẩy"), std::string::npos);
  EXPECT_EQ(fatal_code(lines({"NK,104722599000,2025-06-16 08:30"}), &msg), "WRONG_HEADER");
  EXPECT_NE(msg.find("tiêu đề"), std::string::npos);
  EXPECT_EQ(fatal_code(lines({"flow,declaration_no,colour,size", "NK,104722599000,red,1"}), &msg),
            "UNKNOWN_COLUMNS");
  EXPECT_NE(msg.find("\"colour\""), std::string::npos);
  EXPECT_NE(msg.find("\"size\""), std::string::npos);
  EXPECT_EQ(fatal_code(lines({"flow,declaration_no,flow", "NK,104722599000,NK"}), &msg), "DUPLICATE_COLUMNS");
  EXPECT_NE(msg.find("flow"), std::string::npos);
  EXPECT_EQ(fatal_code(lines({"flow,registered_at", "NK,2025-06-16 08:30"}), &msg), "MISSING_COLUMNS");
  EXPECT_NE(msg.find("declaration_no"), std::string::npos);
  EXPECT_EQ(fatal_code("fl\xF4w,declaration_no\n"), "INVALID_ENCODING");  // Windows-1258 byte
  EXPECT_EQ(fatal_code("PK\x03\x04rest-of-a-zip"), "NOT_CSV");
}

TEST(Reader, HeaderIsTrimmedAndCaseInsensitive) {
  const auto c = read(lines({" Flow , DECLARATION_NO ,", "NK,104722599000,"}));  // empty trailing header cell
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].flow, Flow::NK);
  EXPECT_TRUE(c.issues.empty());
}

TEST(Reader, NonUtf8TextCell) {
  const auto c = read(lines({"flow,declaration_no,goods_group", "NK,104722599000,Th\xE9p"}));
  EXPECT_TRUE(find_issue(c, kInvalidValue, "goods_group"));
  EXPECT_EQ(c.records.at(0).goods_group, "");
}

TEST(Reader, WriterOutputReadsBackIdentically) {
  Record r;
  r.flow = Flow::NK;
  r.declaration_no = "104722599000";
  r.branch_code = "02CI";
  r.goods_group = "Phụ tùng \"ô tô\", loại A";
  r.registered_at = local(2025, 6, 16, 8, 30, 5);
  r.channel = Channel::YELLOW;
  r.ag2.certified_at = local(2025, 6, 17, 11, 0);
  r.inspect_method = 3;
  r.delay_reasons = 1u << 17;
  r.reassess = false;
  r.tax_method = TaxMethod::IMMEDIATE;
  std::ostringstream out;
  const Record rs[] = {r};
  write_wide_csv(out, rs);
  const auto c = read(out.str());
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_TRUE(c.issues.empty());
  Record back = c.records[0];
  back.meta = r.meta;
  EXPECT_EQ(back, r);
}

TEST(Reader, MissingFileIsFatal) {
  RecordCollector c;
  try {
    read_records_file("/nonexistent/trs.csv", std::nullopt, c);
    FAIL();
  } catch (const hq::core::Error& e) {
    EXPECT_EQ(e.code(), "FILE_UNREADABLE");
  }
}

// Another program cuts the file while it is read (here: the sink, after the first record, so it happens at
// the same point every run). The reader must end with FILE_UNREADABLE; a reader that maps the file instead
// dies with SIGBUS on the first page past the new end (main before trs18 did), which ends this test binary.
TEST(Reader, AFileCutWhileItIsReadEndsWithFileUnreadableNotACrash) {
  std::string csv = "flow,declaration_no,branch_code,registered_at,released_at\n";
  for (int i = 0; csv.size() < (std::size_t{8} << 20); ++i)  // far more than the chunks in flight (≤ 2.5 MiB)
    csv += "NK," + std::to_string(104722590000LL + i) + ",03CC,2025-06-16 08:00,2025-06-16 10:30\n";
  test::TempFile file(".csv", csv);
  struct CuttingSink : RecordSink {
    std::string path;
    std::size_t records = 0;
    void on_record(const Record&) override {
      if (records++ == 0) {
        ASSERT_EQ(::truncate(path.c_str(), 0), 0);
      }
    }
    void on_issue(Issue) override {}
  } sink;
  sink.path = file.path();
  try {
    read_records_file(file.path(), std::nullopt, sink);
    FAIL() << "a file cut while it is read was read to its (new) end without a word";
  } catch (const hq::core::Error& e) {
    EXPECT_EQ(e.code(), "FILE_UNREADABLE");
    EXPECT_NE(std::string(e.what()).find("bị cắt ngắn trong khi đang đọc"), std::string::npos) << e.what();
  }
  EXPECT_GE(sink.records, 1u);
  EXPECT_LT(sink.records, 100000u);  // not every row: the rest of the file was gone
}
