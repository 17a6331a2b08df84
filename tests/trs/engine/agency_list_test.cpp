#include <gtest/gtest.h>

#include "test_util.h"
#include "trs/engine/agency_list.h"
#include "trs/engine/xlsx_reader.h"

using namespace hq::trs;
using test::lines;

namespace {

std::vector<AgencyListRow> list_of(const std::string& csv, std::optional<StudySettings> study = std::nullopt) {
  struct Sink : RecordSink {
    AgencyList* list;
    void on_record(const Record& r) override { list->add(r); }
    void on_issue(Issue) override {}
  };
  AgencyList list(std::move(study));
  Sink sink;
  sink.list = &list;
  read_wide_csv(csv, sink);
  return list.finish();
}

const std::string kHeader =
    "flow,declaration_no,branch_code,type_code,registered_at,bill_of_lading,sci_kinds,ag1_name,ag1_registration_no,"
    "ag1_certificate_no,ag2_name,ag2_registration_no,qc_name,qc_registration_no,qc_result_no";

}  // namespace

// Per agency, every sampled declaration with specialised inspection: number, bill of lading, the agency's
// registration number and certificate/result number; a declaration without inspection is not sent.
TEST(AgencyList, OneRowPerAgencyBlockSortedByAgency) {
  const auto rows = list_of(lines({
      kHeader,
      "NK,104722599000,02CI,A11,2025-06-17 08:00,HLCU123,KDTV;VSATTP,Chi cục Kiểm dịch thực vật vùng II,DK-01,CN-01,"
      "Chi cục An toàn thực phẩm,DK-02,,,",
      "NK,104722599010,02CI,A11,2025-06-17 09:00,\"MSC, 77\",CLNN,,,,,,Trung tâm Kỹ thuật 3,QC-9,KQ-9",
      "NK,104722599020,02CI,A11,2025-06-17 10:00,X,,Ai đó,DK-03,,,,,,",  // no sci_kinds: not listed
      "XK,304722599030,02CI,B11,2025-06-18 10:00,Y,LICENSE,,,,,,,,",      // sci, no agency named
  }));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].agency, "Chi cục An toàn thực phẩm");
  EXPECT_EQ(rows[0].registration_no, "DK-02");
  EXPECT_EQ(rows[1].agency, "Chi cục Kiểm dịch thực vật vùng II");
  EXPECT_EQ(rows[1].certificate_no, "CN-01");
  EXPECT_EQ(rows[1].bill_of_lading, "HLCU123");
  EXPECT_EQ(rows[1].sci_kinds, "VSATTP;KDTV");  // the column table's order
  EXPECT_EQ(rows[2].agency, "Trung tâm Kỹ thuật 3");
  EXPECT_EQ(rows[2].block, "qc");
  EXPECT_EQ(rows[2].certificate_no, "KQ-9");
  EXPECT_EQ(rows[3].agency, "");  // unnamed last
  EXPECT_EQ(rows[3].declaration_no, "304722599030");
  const std::string csv = agency_list_csv(rows);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("\"MSC, 77\""), std::string::npos);  // quoted
  EXPECT_NE(csv.find("(chưa ghi tên cơ quan)"), std::string::npos);
  test::TempFile xlsx(".xlsx");
  write_agency_list_xlsx(xlsx.path(), rows);
  EXPECT_TRUE(looks_like_xlsx(xlsx.path()));
}

TEST(AgencyList, OnlyTheStudysSample) {
  StudySettings st;
  st.week_start = {2025, 6, 16};
  st.excluded_type_codes = {"G51"};
  st.branches = {"02CI"};
  const auto rows = list_of(lines({
                                kHeader,
                                "NK,104722599000,02CI,A11,2025-06-17 08:00,A,KDTV,Kiểm dịch,DK-1,,,,,,",
                                "NK,104722599010,02CI,A11,2025-06-23 08:00,B,KDTV,Kiểm dịch,DK-2,,,,,,",  // after the week
                                "NK,104722599020,02CI,G51,2025-06-17 08:00,C,KDTV,Kiểm dịch,DK-3,,,,,,",  // excluded type
                                "NK,104722599030,03CC,A11,2025-06-17 08:00,D,KDTV,Kiểm dịch,DK-4,,,,,,",  // other branch
                            }),
                            st);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].registration_no, "DK-1");
}
