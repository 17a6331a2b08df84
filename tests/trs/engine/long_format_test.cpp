#include <gtest/gtest.h>

#include <sstream>

#include "core/error.h"
#include "test_util.h"
#include "trs/engine/csv_reader.h"
#include "trs/engine/record_writer.h"

using namespace hq::trs;
using test::lines;
using test::local;

namespace {

std::vector<Record> sample_records() {
  std::vector<Record> out;
  for (int i = 0; i < 3; ++i) {
    Record r;
    r.flow = i == 2 ? Flow::XK : Flow::NK;
    r.declaration_no = "10472259900" + std::to_string(i);
    r.branch_code = "03CC";
    r.channel = static_cast<Channel>(i);
    r.goods_group = "Hàng, loại " + std::to_string(i);
    r.registered_at = local(2025, 6, 16, 8 + i, 30);
    r.released_at = local(2025, 6, 16, 12 + i, 0, 17);
    if (i == 1) {
      r.ag1.name = "Cục Thú y";
      r.ag1.registered_at = local(2025, 6, 14, 9, 0);
      r.ag1.certified_at = local(2025, 6, 15, 9, 0);
      r.qc.notified_at = local(2025, 6, 15, 10, 0);
      r.scan_end_at = local(2025, 6, 16, 11, 0);
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace

TEST(LongFormat, YieldsTheSameRecordsAsTheWideFormat) {
  const auto records = sample_records();
  std::ostringstream wide, header, events;
  write_wide_csv(wide, records);
  write_long_format(header, events, records);
  RecordCollector from_wide, from_long;
  read_wide_csv(wide.str(), from_wide);
  read_long_csv(header.str(), events.str(), from_long);
  EXPECT_TRUE(from_wide.issues.empty());
  EXPECT_TRUE(from_long.issues.empty());
  ASSERT_EQ(from_long.records.size(), records.size());
  EXPECT_EQ(from_long.records, from_wide.records);  // line numbers included: the header file keeps the order
  EXPECT_EQ(header.str().find("registered_at"), std::string::npos);
}

TEST(LongFormat, EventsInAnyOrderWithActorAndIssues) {
  const std::string header = lines({"flow,declaration_no,channel", "NK,104722599000,RED", "XK,304722599010,GREEN"});
  const std::string events = lines({"at,event,declaration_no,actor",  // columns in any order
                                    "2025-06-16 12:00,released,104722599000,CC12",
                                    "16/06/2025 08:00,registered,104722599000,",
                                    "2025-06-16 08:05,registered,304722599010,",
                                    "2025-06-16 08:10,registered,304722599010,",   // conflicting duplicate
                                    "2025-06-16 08:05,registered,304722599010,",   // same value: fine
                                    "2025-06-16 09:00,registered,999999999999,",   // unknown declaration
                                    "2025-06-16 09:00,teleported,104722599000,",   // unknown event
                                    "2025-06-16 25:00,doc_check_end,104722599000,"});  // bad time
  RecordCollector c;
  read_long_csv(header, events, c);
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].registered_at, local(2025, 6, 16, 8, 0));
  EXPECT_EQ(c.records[0].released_at, local(2025, 6, 16, 12, 0));
  EXPECT_EQ(c.records[1].registered_at, local(2025, 6, 16, 8, 5));
  EXPECT_EQ(c.records[0].meta.line, 2u);
  ASSERT_EQ(c.issues.size(), 4u);
  EXPECT_EQ(c.issues[0].code, kDuplicateEvent);
  EXPECT_EQ(c.issues[0].line, 5u);
  EXPECT_EQ(c.issues[0].source, "events");
  EXPECT_EQ(c.issues[1].code, kUnknownDeclaration);
  EXPECT_EQ(c.issues[2].code, kInvalidValue);
  EXPECT_EQ(c.issues[2].column, "event");
  EXPECT_EQ(c.issues[3].code, kInvalidValue);
  EXPECT_EQ(c.issues[3].column, "doc_check_end_at");
}

TEST(LongFormat, FilesThroughReadRecordsFile) {
  const auto records = sample_records();
  std::ostringstream header, events;
  write_long_format(header, events, records);
  test::TempFile h(".csv", header.str()), e(".csv", events.str());
  RecordCollector c;
  EXPECT_EQ(read_records_file(h.path(), e.path(), c), 3u);
  EXPECT_EQ(c.records[1].qc.notified_at, records[1].qc.notified_at);
}

TEST(LongFormat, WrongEventHeaderIsFatal) {
  RecordCollector c;
  EXPECT_THROW(read_long_csv(lines({"flow,declaration_no", "NK,104722599000"}), lines({"declaration_no,when"}), c),
               hq::core::Error);
}
