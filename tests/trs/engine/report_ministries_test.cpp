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

namespace {

Report analyze_text(const std::string& csv, const AnalysisSettings& settings) {
  Analyzer a(settings);
  read_wide_csv(csv, a);
  return a.finish();
}

const AgencyResultRow* agency_row(const Report& r, const std::string& name) {
  for (const AgencyResultRow& a : r.agencies)
    if (a.agency == name) return &a;
  return nullptr;
}

}  // namespace

// The demo data showed 157 %: an agency registered a day before an export's declaration was counted whole against
// the export's registration → release time. Only the part of its registration → hand-over inside the release
// interval counts, so a share never exceeds 100 %.
TEST(ReportMinistries, AnAgencyShareOfTheReleaseTimeNeverExceedsTheWhole) {
  const std::string csv = lines({
      "flow,declaration_no,registered_at,released_at,arrival_at,supervision_confirmed_at,ag1_name,ag1_registered_at,"
      "ag1_customs_received_at",
      // XK, T2 = 4 h (08:00–12:00); the agency from 08:00 the day before to 10:00: 2 h of it inside T2.
      "XK,304722599000,2025-06-17 08:00,2025-06-17 12:00,,,Cục Bảo vệ thực vật,2025-06-16 08:00,2025-06-17 10:00",
      // XK, T2 = 2 h; the agency's whole span (two days) covers it: 2 h.
      "XK,304722599010,2025-06-17 08:00,2025-06-17 10:00,,,Cục Bảo vệ thực vật,2025-06-16 08:00,2025-06-18 08:00",
      // NK, T1 = arrival → leaving the area = 48 h; the agency entirely inside: 6 h.
      "NK,104722599020,2025-06-17 08:00,2025-06-17 20:00,2025-06-16 08:00,2025-06-18 08:00,Cục Bảo vệ thực vật,"
      "2025-06-16 10:00,2025-06-16 16:00",
  });
  const Report r = analyze_text(csv, {});
  ASSERT_EQ(r.agencies.size(), 2u);
  for (const AgencyResultRow& a : r.agencies) {
    EXPECT_GE(a.release_share, 0.0) << a.flow;
    EXPECT_LE(a.release_share, 1.0) << a.flow;
  }
  const AgencyResultRow& nk = r.agencies[0].flow == "NK" ? r.agencies[0] : r.agencies[1];
  const AgencyResultRow& xk = r.agencies[0].flow == "XK" ? r.agencies[0] : r.agencies[1];
  EXPECT_DOUBLE_EQ(xk.release_share, (2.0 + 2.0) / (4.0 + 2.0));
  EXPECT_EQ(xk.share_n, 2u);
  EXPECT_DOUBLE_EQ(xk.registration_to_handover.median_hours, (26.0 + 48.0) / 2);  // the spans themselves are whole
  EXPECT_DOUBLE_EQ(nk.release_share, 6.0 / 48.0);
}

// The border guard (interval 4.2) is an agency of the table: with its name set, its checks give it a row.
TEST(ReportMinistries, TheBorderGuardHasItsRowAmongTheAgencies) {
  const std::string csv = lines({
      "flow,declaration_no,arrival_at,registered_at,released_at,supervision_confirmed_at,border_check_start_at,"
      "border_check_end_at",
      "NK,104722599000,2025-06-16 06:00,2025-06-17 08:00,2025-06-17 12:00,2025-06-17 16:00,2025-06-16 06:30,2025-06-16 07:30",
      "NK,104722599010,2025-06-16 06:00,2025-06-17 08:00,2025-06-17 12:00,2025-06-17 16:00,2025-06-16 06:30,2025-06-16 09:30",
      "NK,104722599020,2025-06-16 06:00,2025-06-17 08:00,2025-06-17 12:00,2025-06-17 16:00,,",
  });
  EXPECT_TRUE(analyze_text(csv, {}).agencies.empty());  // no name: the bare file is unchanged
  AnalysisSettings settings;
  settings.border_guard_agency = "Bộ đội Biên phòng (Cục Cửa khẩu)";
  settings.agency_ministries = {{"Bộ đội Biên phòng (Cục Cửa khẩu)", "Bộ Quốc phòng"}};
  const Report r = analyze_text(csv, settings);
  const AgencyResultRow* bg = agency_row(r, "Bộ đội Biên phòng (Cục Cửa khẩu)");
  ASSERT_NE(bg, nullptr);
  EXPECT_EQ(bg->ministry, "Bộ Quốc phòng");
  EXPECT_EQ(bg->n, 2u);
  EXPECT_DOUBLE_EQ(bg->registration_to_handover.median_hours, 2.0);
  EXPECT_DOUBLE_EQ(bg->registration_to_result.median_hours, 2.0);
  EXPECT_EQ(bg->registration_to_sampling.n, 0u);
  EXPECT_DOUBLE_EQ(bg->release_share, 4.0 / (34.0 * 2));  // 1 h and 3 h of two 34 h T1s
  ASSERT_EQ(r.ministries.size(), 1u);
  EXPECT_EQ(r.ministries[0].agency, "Bộ Quốc phòng");
}

// The agencies' sampling window (seed: registrations from one to two working weeks before the week to its end):
// a block registered outside it is left out of the agency's row and counted.
TEST(ReportMinistries, BlocksRegisteredOutsideTheAgencySamplingWindowAreLeftOut) {
  const std::string csv = lines({
      "flow,declaration_no,registered_at,released_at,ag1_name,ag1_registered_at,ag1_customs_received_at",
      "XK,304722599000,2025-06-17 08:00,2025-06-17 12:00,Cục Thú y,2025-06-10 08:00,2025-06-17 10:00",  // in (1 week)
      "XK,304722599010,2025-06-17 08:00,2025-06-17 12:00,Cục Thú y,2025-06-06 08:00,2025-06-17 10:00",  // before
      "XK,304722599020,2025-06-17 08:00,2025-06-17 12:00,Cục Thú y,2025-06-22 08:00,2025-06-22 10:00",  // after Sat
  });
  AnalysisSettings settings;
  settings.study.emplace();
  settings.study->week_start = {2025, 6, 16};
  settings.study->agency_window_begin = hq::core::from_local({{2025, 6, 9}});
  settings.study->agency_window_end = hq::core::from_local({{2025, 6, 22}});
  const Report r = analyze_text(csv, settings);
  const AgencyResultRow* ty = agency_row(r, "Cục Thú y");
  ASSERT_NE(ty, nullptr);
  EXPECT_EQ(ty->n, 1u);
  EXPECT_EQ(ty->outside_window, 2u);
  EXPECT_EQ(to_json(r)["agencies"][0]["outside_window"], 2);
  EXPECT_EQ(r.records.analysed, 3u);  // the declarations themselves stay in the sample
  settings.study->agency_window_begin.reset();
  settings.study->agency_window_end.reset();
  EXPECT_EQ(agency_row(analyze_text(csv, settings), "Cục Thú y")->n, 3u);
}

// The border guard follows the vehicles of the week itself (seed §B.II.2 (4.2)), not the agencies' wider window.
TEST(ReportMinistries, TheBorderGuardRowKeepsTheChecksOfTheWeek) {
  const std::string csv = lines({
      "flow,declaration_no,arrival_at,registered_at,released_at,supervision_confirmed_at,border_check_start_at,"
      "border_check_end_at",
      "NK,104722599000,2025-06-16 06:00,2025-06-17 08:00,2025-06-17 12:00,2025-06-17 16:00,2025-06-16 06:30,2025-06-16 07:30",
      "NK,104722599010,2025-06-13 06:00,2025-06-17 08:00,2025-06-17 12:00,2025-06-17 16:00,2025-06-13 06:30,2025-06-13 09:30",
  });
  AnalysisSettings settings;
  settings.border_guard_agency = "Bộ đội Biên phòng (Cục Cửa khẩu)";
  settings.study.emplace();
  settings.study->week_start = {2025, 6, 16};
  settings.study->agency_window_begin = hq::core::from_local({{2025, 6, 9}});  // the agencies' window: one week before
  settings.study->agency_window_end = hq::core::from_local({{2025, 6, 22}});
  const AgencyResultRow* bg = agency_row(analyze_text(csv, settings), "Bộ đội Biên phòng (Cục Cửa khẩu)");
  ASSERT_NE(bg, nullptr);
  EXPECT_EQ(bg->n, 1u);  // Friday 13 June is before the week
  EXPECT_EQ(bg->outside_window, 1u);
}

// Seed §B.II.3: the health quarantine samples the six working days of the week, like the border guard; the other
// agencies from one to two weeks before it. The same registration on the Thursday before the week is inside the
// agencies' window for one, outside the week for the other.
TEST(ReportMinistries, AnAgencySamplingTheWeekLeavesOutWhatWasRegisteredBeforeIt) {
  const std::string csv = lines({
      "flow,declaration_no,arrival_at,registered_at,released_at,supervision_confirmed_at,ag1_name,ag1_registered_at,"
      "ag1_customs_received_at",
      "NK,104722599000,2025-06-16 06:00,2025-06-17 08:00,2025-06-17 12:00,2025-06-17 16:00,Cục Y tế dự phòng,"
      "2025-06-12 08:00,2025-06-17 10:00",
      "NK,104722599010,2025-06-16 06:00,2025-06-17 08:00,2025-06-17 12:00,2025-06-17 16:00,Cục Y tế dự phòng,"
      "2025-06-16 08:00,2025-06-17 10:00",
      "NK,104722599020,2025-06-16 06:00,2025-06-17 08:00,2025-06-17 12:00,2025-06-17 16:00,Cục An toàn thực phẩm,"
      "2025-06-12 08:00,2025-06-17 10:00",
  });
  AnalysisSettings settings;
  settings.study.emplace();
  settings.study->week_start = {2025, 6, 16};
  settings.study->agency_window_begin = hq::core::from_local({{2025, 6, 9}});
  settings.study->agency_window_end = hq::core::from_local({{2025, 6, 22}});
  settings.week_window_agencies = {"Cục Y tế dự phòng"};
  const Report report = analyze_text(csv, settings);
  const AgencyResultRow* health = agency_row(report, "Cục Y tế dự phòng");
  const AgencyResultRow* food = agency_row(report, "Cục An toàn thực phẩm");
  ASSERT_NE(health, nullptr);
  ASSERT_NE(food, nullptr);
  EXPECT_EQ(health->n, 1u);
  EXPECT_EQ(health->outside_window, 1u);
  EXPECT_EQ(food->n, 1u);
  EXPECT_EQ(food->outside_window, 0u);
  settings.week_window_agencies.clear();  // without it, the health quarantine keeps the agencies' window
  EXPECT_EQ(agency_row(analyze_text(csv, settings), "Cục Y tế dự phòng")->n, 2u);
}
