// Per-ministry results (seed lines 538–542): with an agency → ministry table the agency rows carry their
// ministry and the report groups them per ministry over the pooled observations; without it nothing changes.
#include <gtest/gtest.h>

#include <sstream>

#include "test_util.h"
#include "trs/engine/report.h"

using namespace hq::trs;
using test::lines;

namespace {

const std::string kCsv = lines({
    "flow,declaration_no,registered_at,released_at,ag1_name,ag1_registered_at,ag1_customs_received_at,ag2_name,"
    "ag2_registered_at,ag2_customs_received_at",
    "XK,304722599000,2025-06-16 08:00,2025-06-17 08:00,Cục Bảo vệ thực vật,2025-06-16 08:00,2025-06-16 10:00,"
    "Cục Thú y,2025-06-16 08:00,2025-06-16 14:00",
    "XK,304722599010,2025-06-16 08:00,2025-06-16 20:00,Cục An toàn thực phẩm,2025-06-16 08:00,2025-06-16 09:00,"
    "Phòng thí nghiệm X,2025-06-16 08:00,2025-06-16 12:00",
});

Report analyze_csv(const AnalysisSettings& settings) {
  Analyzer a(settings);
  read_wide_csv(kCsv, a);
  return a.finish();
}

}  // namespace

TEST(ReportMinistries, AgenciesArePooledPerMinistry) {
  AnalysisSettings settings;
  settings.agency_ministries = {{"Cục Bảo vệ thực vật", "Bộ Nông nghiệp và Phát triển nông thôn"},
                                {"Cục Thú y", "Bộ Nông nghiệp và Phát triển nông thôn"},
                                {"Cục An toàn thực phẩm", "Bộ Y tế"}};
  const Report r = analyze_csv(settings);
  ASSERT_EQ(r.agencies.size(), 4u);
  EXPECT_EQ(r.agencies[0].agency, "Cục An toàn thực phẩm");
  EXPECT_EQ(r.agencies[0].ministry, "Bộ Y tế");
  ASSERT_EQ(r.ministries.size(), 3u);
  // Alphabetical: "(chưa xác định …)" sorts first (parenthesis), then Bộ Nông nghiệp…, Bộ Y tế.
  EXPECT_EQ(r.ministries[0].agency, "(chưa xác định bộ, ngành)");
  const AgencyResultRow& agri = r.ministries[1];
  EXPECT_EQ(agri.agency, "Bộ Nông nghiệp và Phát triển nông thôn");
  EXPECT_EQ(agri.n, 2u);
  EXPECT_DOUBLE_EQ(agri.registration_to_handover.median_hours, 4.0);  // 2 h and 6 h pooled
  EXPECT_DOUBLE_EQ(agri.release_share, 8.0 / 48.0);                   // (2 + 6) / (24 + 24)
  EXPECT_EQ(r.ministries[2].agency, "Bộ Y tế");
  const auto j = to_json(r);
  EXPECT_EQ(j["ministries"].size(), 3u);
  EXPECT_EQ(j["agencies"][0]["ministry"], "Bộ Y tế");
  EXPECT_TRUE(j["agencies"][3]["ministry"].is_null());  // Phòng thí nghiệm X is not in the table
  std::ostringstream text;
  write_text(text, r);
  EXPECT_NE(text.str().find("BỘ, NGÀNH"), std::string::npos);
}

TEST(ReportMinistries, WithoutATableTheReportIsUnchanged) {
  const Report r = analyze_csv({});
  EXPECT_TRUE(r.ministries.empty());
  const auto j = to_json(r);
  EXPECT_FALSE(j.contains("ministries"));
  EXPECT_FALSE(j["agencies"][0].contains("ministry"));
}
