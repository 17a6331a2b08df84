// The agencies' returned data (seed §B.II.2.2) over the API on SQLite and PostgreSQL: agency users (trs.agency)
// scoped to their agency and the studies they are members of, entry and all-or-nothing import (CSV, .xlsx)
// of the returned times, the border guard's checks by vehicle and voyage (interval 4.2), and the per-agency and
// per-ministry results of the report.
#include <xlsxwriter.h>

#include "sheets/xlsx_output.h"
#include "tests/api/api_fixture.h"
#include "tests/support/trs_study.h"

namespace hq::test {
namespace {

using nlohmann::json;

class TrsAgencyReturnsApi : public ApiTest {
 protected:
  // A study with 02CI and 03CC: two declarations inspected by Cục Bảo vệ thực vật (one written with another
  // spelling), one by Cục Thú y, one without specialised inspection; BVTV, TY and BDBP users are members.
  std::string set_up_study(ApiClient& analyst, const std::string& name = "Đo 2025") {
    const std::string csv =
        "flow,branch_code,declaration_no,arrival_at,registered_at,released_at,supervision_confirmed_at,transport,"
        "sci_kinds,ag1_name,ag1_registration_no\n"
        "NK,02CI,104722599000,2025-06-16 06:00,2025-06-17 08:00,2025-06-19 08:00,2025-06-19 12:00,Tàu WAN HAI 305,KDTV,"
        "Cục Bảo vệ thực vật,DK-01\n"
        "NK,03CC,104722599010,2025-06-16 06:00,2025-06-17 09:00,2025-06-19 09:00,2025-06-19 13:00,Xe 29C-12345,KDTV,"
        "Chi cục Kiểm dịch thực vật vùng II,DK-02\n"
        "NK,02CI,104722599020,2025-06-16 06:00,2025-06-17 10:00,2025-06-19 10:00,2025-06-19 14:00,Tàu WAN HAI 305,KDDV,"
        "Cục Thú y,TY-01\n"
        "NK,02CI,104722599030,2025-06-16 06:00,2025-06-17 10:00,2025-06-18 10:00,2025-06-18 14:00,,,,\n";
    const std::string id = trs_study(analyst, name, {{"02CI", "SEA"}, {"03CC", "SEA"}}, csv);
    for (const auto& [user, agency] : {std::pair{"bvtv.trs", "BVTV"}, {"ty.trs", "TY"}, {"bdbp.trs", "BDBP"}})
      EXPECT_EQ(analyst.put("/api/v1/trs/studies/" + id + "/agency-members/" + user, {{"agency_code", agency}}).status, 200);
    return id;
  }
};
HAIQUAN_API_TEST_SUITE(TrsAgencyReturnsApi);

TEST_P(TrsAgencyReturnsApi, AnAgencyUserEntersItsTimesAndTheReportShowsTheAgencyAndItsMinistry) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = set_up_study(analyst), base = "/api/v1/trs/studies/" + id;
  EXPECT_EQ(analyst.get("/api/v1/trs/agencies").body["total"], 8);
  EXPECT_EQ(analyst.get(base + "/agency-members").body["total"], 3);

  ApiClient bvtv = logged_in("bvtv.trs");
  auto mine = bvtv.get("/api/v1/trs/my-agencies");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  bool member = false;  // the demo study too
  for (const auto& m : mine.body["items"])
    if (std::to_string(m["study_id"].get<int>()) == id) member = m["agency_code"] == "BVTV";
  EXPECT_TRUE(member) << mine.raw;
  auto list = bvtv.get(base + "/agencies/BVTV/returns");
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body["total"], 2);  // both spellings, every branch
  EXPECT_EQ(list.body["returned"], 0);
  EXPECT_EQ(list.body["agency"]["ministry_name"], "Bộ Nông nghiệp và Phát triển nông thôn");
  EXPECT_TRUE(list.body["items"][0]["returned"].is_null());

  auto saved = bvtv.put(base + "/agencies/BVTV/returns/104722599000",
                        {{"cells", {{"registered_at", "2025-06-17 08:30"}, {"sampling_at", "2025-06-17 10:30"},
                                    {"result_at", "2025-06-18 10:30"}, {"handed_over_at", "2025-06-18 12:30"},
                                    {"result_no", "KQ-77"}}}});
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["returned"]["result_no"], "KQ-77");
  EXPECT_EQ(saved.body["returned"]["updated_by"], "bvtv.trs");
  // A result before the sampling: the cell is named, nothing is saved.
  auto bad = bvtv.put(base + "/agencies/BVTV/returns/104722599010",
                      {{"cells", {{"sampling_at", "2025-06-18 10:00"}, {"result_at", "2025-06-17 10:00"}}}});
  ASSERT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(bad.body["error"]["details"]["cells"][0]["column"], "result_at");
  auto unknown = bvtv.put(base + "/agencies/BVTV/returns/104722599010", {{"cells", {{"colour", "red"}}}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(bvtv.get(base + "/agencies/BVTV/returns?missing=true").body["total"], 1);

  auto report = analyst.get(base + "/report");
  ASSERT_EQ(report.status, 200) << report.raw;
  bool agency_found = false, ministry_found = false;
  for (const auto& a : report.body["agencies"])
    if (a["agency"] == "Cục Bảo vệ thực vật") {
      agency_found = true;
      EXPECT_EQ(a["n"], 2);  // both spellings are the one agency
      EXPECT_EQ(a["ministry"], "Bộ Nông nghiệp và Phát triển nông thôn");
      EXPECT_EQ(a["registration_to_handover"]["n"], 1);
      EXPECT_DOUBLE_EQ(a["registration_to_handover"]["median_hours"].get<double>(), 28.0);
      EXPECT_DOUBLE_EQ(a["sampling_to_result"]["median_hours"].get<double>(), 24.0);
    }
  for (const auto& m : report.body["ministries"])
    if (m["agency"] == "Bộ Nông nghiệp và Phát triển nông thôn") {
      ministry_found = true;
      EXPECT_EQ(m["n"], 3);  // BVTV's two and TY's one
    }
  EXPECT_TRUE(agency_found) << report.body["agencies"].dump();
  EXPECT_TRUE(ministry_found) << report.body["ministries"].dump();
  auto xlsx = analyst.get(base + "/report?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 2), "PK");
}

// The attacks: another agency's rows, another study's rows, a declaration not on the agency's list, other roles.
TEST_P(TrsAgencyReturnsApi, AnAgencyUserReachesOnlyItsOwnAgencyInItsOwnStudies) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = set_up_study(analyst), base = "/api/v1/trs/studies/" + id;
  const std::string other = trs_study(analyst, "Đo khác", {{"02CI", "SEA"}});
  ASSERT_FALSE(other.empty());
  const std::string other_base = "/api/v1/trs/studies/" + other;
  const json cells = {{"cells", {{"registered_at", "2025-06-17 08:30"}}}};

  ApiClient bvtv = logged_in("bvtv.trs");
  EXPECT_EQ(bvtv.get(base + "/agencies/TY/returns").status, 404);                        // another agency
  EXPECT_EQ(bvtv.put(base + "/agencies/TY/returns/104722599020", cells).status, 404);
  EXPECT_EQ(bvtv.post(base + "/agencies/TY/returns/import").status, 404);
  EXPECT_EQ(bvtv.put(base + "/agencies/BVTV/returns/104722599020", cells).status, 404);  // TY's declaration
  EXPECT_EQ(bvtv.put(base + "/agencies/BVTV/returns/104722599030", cells).status, 404);  // no inspection
  EXPECT_EQ(bvtv.get(other_base + "/agencies/BVTV/returns").status, 403);                // another study
  EXPECT_EQ(bvtv.put(other_base + "/agencies/BVTV/returns/104722599000", cells).status, 403);
  EXPECT_EQ(bvtv.get("/api/v1/trs/studies/99999/agencies/BVTV/returns").status, 404);
  EXPECT_EQ(bvtv.get(base + "/agencies/BDBP/border-checks").status, 404);
  EXPECT_EQ(bvtv.get(base + "/agency-members").status, 403);                              // managers only
  EXPECT_EQ(bvtv.put(base + "/agency-members/bvtv.trs", {{"agency_code", "TY"}}).status, 403);
  EXPECT_EQ(bvtv.get(base + "/records").status, 403);                                     // the customs' records
  EXPECT_EQ(bvtv.get(base + "/report").status, 403);

  ApiClient ty = logged_in("ty.trs");
  EXPECT_EQ(ty.put(base + "/agencies/TY/returns/104722599000", cells).status, 404);  // BVTV's declaration
  EXPECT_EQ(ty.put(base + "/agencies/TY/returns/104722599020", cells).status, 200);
  EXPECT_EQ(bvtv.get(base + "/agencies/BVTV/returns").body["returned"], 0);

  ApiClient officer = logged_in("02ci.trs");  // a customs officer has no agency rows
  EXPECT_EQ(officer.get(base + "/agencies/BVTV/returns").status, 403);
  EXPECT_EQ(client().get(base + "/agencies/BVTV/returns").status, 401);
  EXPECT_EQ(analyst.put(base + "/agency-members/khong.co", {{"agency_code", "BVTV"}}).status, 404);
  EXPECT_EQ(analyst.put(base + "/agency-members/bvtv.trs", {{"agency_code", "XYZ"}}).status, 400);
  // Removed from the study: 403 from then on.
  ASSERT_EQ(analyst.del(base + "/agency-members/bvtv.trs").status, 200);
  EXPECT_EQ(bvtv.get(base + "/agencies/BVTV/returns").status, 403);
}

TEST_P(TrsAgencyReturnsApi, TheImportIsAllOrNothingAndNamesEveryBadCellCsvAndXlsx) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = set_up_study(analyst), base = "/api/v1/trs/studies/" + id;
  ApiClient bvtv = logged_in("bvtv.trs");
  const std::string bad =
      "declaration_no,registration_no,registered_at,sampling_at,result_at,handed_over_at\n"
      "104722599000,DK-01,2025-06-17 08:30,2025-06-17 10:30,2025-06-18 10:30,2025-06-18 12:30\n"
      "104722599010,DK-02,17.06.2025 8h,,2025-06-18 10:30,2025-06-18 09:30\n"
      "104722599020,TY-01,2025-06-17 08:30,,,\n"
      "104722599000,DK-01,2025-06-17 08:30,,,\n";
  auto refused = bvtv.send("POST", base + "/agencies/BVTV/returns/import", bad);
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.error_code(), "IMPORT_INVALID");
  const auto& cells = refused.body["error"]["details"]["bad_cells"];
  ASSERT_EQ(cells.size(), 4u) << cells.dump();
  EXPECT_EQ(cells[0]["line"], 3);
  EXPECT_EQ(cells[0]["column"], "registered_at");
  EXPECT_EQ(cells[1]["column"], "handed_over_at");
  EXPECT_EQ(cells[2]["line"], 4);  // not on BVTV's list
  EXPECT_EQ(cells[2]["column"], "declaration_no");
  EXPECT_EQ(cells[3]["line"], 5);  // the same declaration twice
  EXPECT_EQ(bvtv.get(base + "/agencies/BVTV/returns").body["returned"], 0);  // nothing stored
  EXPECT_EQ(bvtv.send("POST", base + "/agencies/BVTV/returns/import", "declaration_no,colour\n1,2\n").status, 400);

  auto ok = bvtv.send("POST", base + "/agencies/BVTV/returns/import",
                      "\xEF\xBB\xBF" "declaration_no,registered_at,result_at,handed_over_at\n"
                      "104722599000,2025-06-17 08:30,2025-06-18 10:30,2025-06-18 12:30\n");
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.body["stored"], 1);

  const std::string workbook = sheets::write_to_bytes([](const std::string& path) {
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    const char* header[] = {"declaration_no", "registered_at", "result_at", "handed_over_at"};
    for (lxw_col_t i = 0; i < 4; ++i) worksheet_write_string(ws, 0, i, header[i], nullptr);
    worksheet_write_number(ws, 1, 0, 104722599010.0, nullptr);  // typed as a number
    lxw_datetime reg = {2025, 6, 17, 9, 30, 0}, res = {2025, 6, 18, 9, 30, 0};
    worksheet_write_datetime(ws, 1, 1, &reg, nullptr);
    worksheet_write_datetime(ws, 1, 2, &res, nullptr);
    worksheet_write_string(ws, 1, 3, "18/06/2025 11:30", nullptr);
    workbook_close(wb);
  });
  auto from_xlsx = bvtv.send("POST", base + "/agencies/BVTV/returns/import", workbook);
  ASSERT_EQ(from_xlsx.status, 200) << from_xlsx.raw;
  auto list = bvtv.get(base + "/agencies/BVTV/returns?q=104722599010");
  ASSERT_EQ(list.body["total"], 1);
  EXPECT_EQ(list.body["items"][0]["returned"]["result_at"], "2025-06-18T09:30:00+07:00");
  EXPECT_EQ(list.body["returned"], 2);
}

TEST_P(TrsAgencyReturnsApi, TheBorderGuardEntersChecksByVehicleAndVoyageAndTheyBecomeIntervalFourTwo) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = set_up_study(analyst), base = "/api/v1/trs/studies/" + id;
  ApiClient bdbp = logged_in("bdbp.trs");
  auto saved = bdbp.post(base + "/agencies/BDBP/border-checks",
                         {{"cells", {{"vehicle", "Tàu  Wan Hai"}, {"voyage", "305"}, {"check_start_at", "2025-06-16 06:30"},
                                     {"check_end_at", "2025-06-16 07:15"}}}});
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["vehicle"], "TAU WAN HAI");
  auto bad = bdbp.send("POST", base + "/agencies/BDBP/border-checks/import",
                       "vehicle,voyage,check_start_at,check_end_at\n"
                       "XE 29C-12345,,2025-06-16 07:00,2025-06-16 06:00\n"
                       ",V1,2025-06-16 07:00,\n");
  ASSERT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(bad.body["error"]["details"]["bad_cells"].size(), 2u);
  EXPECT_EQ(bdbp.get(base + "/agencies/BDBP/border-checks").body["total"], 1);
  auto ok = bdbp.send("POST", base + "/agencies/BDBP/border-checks/import",
                      "vehicle,voyage,check_start_at,check_end_at\nXE 29C-12345,,2025-06-16 06:00,2025-06-16 06:20\n");
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(bdbp.get(base + "/agencies/BDBP/border-checks?q=xe").body["total"], 1);
  EXPECT_EQ(bdbp.get(base + "/agencies/BDBP/returns").status, 404);  // the border guard has no declaration list

  auto report = analyst.get(base + "/report");
  ASSERT_EQ(report.status, 200);
  bool found = false;
  for (const auto& r : report.body["rows"])
    if (r["interval"] == "T4_2" && r["by"] == "all" && r["flow"] == "NK") {
      found = true;
      EXPECT_EQ(r["n"], 3);  // two declarations on the ship's voyage, one on the truck
      EXPECT_DOUBLE_EQ(r["median_hours"].get<double>(), 0.75);
    }
  EXPECT_TRUE(found);
  // The border guard has its row in the agency table of the report, under its ministry.
  bool border_guard = false;
  for (const auto& a : report.body["agencies"])
    if (a["agency"] == "Bộ đội Biên phòng (Cục Cửa khẩu)") {
      border_guard = true;
      EXPECT_EQ(a["ministry"], "Bộ Quốc phòng");
      EXPECT_EQ(a["n"], 3);
      EXPECT_DOUBLE_EQ(a["registration_to_handover"]["median_hours"].get<double>(), 0.75);
      EXPECT_LE(a["release_share"].get<double>(), 1.0);
    }
  EXPECT_TRUE(border_guard) << report.body["agencies"].dump();
}

// The agencies' sampling window (seed: one to two working weeks before the week to its end): a returned
// registration before it is outside the agency's sample; two weeks widen the window.
TEST_P(TrsAgencyReturnsApi, ReturnsRegisteredBeforeTheAgencySamplingWindowAreLeftOutOfTheAgencyRow) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = set_up_study(analyst), base = "/api/v1/trs/studies/" + id;
  ApiClient bvtv = logged_in("bvtv.trs");
  ASSERT_EQ(bvtv.put(base + "/agencies/BVTV/returns/104722599000",
                     {{"cells", {{"registered_at", "2025-06-05 08:00"}, {"handed_over_at", "2025-06-17 12:00"}}}})
                .status,
            200);
  const auto bvtv_row = [&] {
    const auto report = analyst.get(base + "/report");  // kept alive while its rows are read
    for (const auto& a : report.body["agencies"])
      if (a["agency"] == "Cục Bảo vệ thực vật") return a;
    return json();
  };
  json row = bvtv_row();
  EXPECT_EQ(row["n"], 1) << row.dump();  // 2025-06-05 is before Monday 2025-06-09 (one week)
  EXPECT_EQ(row["outside_window"], 1);
  auto widened = analyst.patch(base, {{"agency_weeks_before", 2}});
  ASSERT_EQ(widened.status, 200) << widened.raw;
  EXPECT_EQ(widened.body["agency_window_start"], "2025-06-02");
  row = bvtv_row();
  EXPECT_EQ(row["n"], 2) << row.dump();
  EXPECT_FALSE(row.contains("outside_window"));
}

// Seed §B.II.3 (lines 58–62, 342–346): the border guard and the health quarantine collect in the week itself; the
// agency table says so (migration 0105) and the report follows it: a health-quarantine registration on the
// Thursday before the week is outside its sample, the same day for a food-safety registration is inside.
TEST_P(TrsAgencyReturnsApi, TheHealthQuarantineSamplesTheWeekLikeTheBorderGuard) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = set_up_study(analyst), base = "/api/v1/trs/studies/" + id;
  const std::string csv =
      "flow,branch_code,declaration_no,arrival_at,registered_at,released_at,supervision_confirmed_at,sci_kinds,"
      "ag1_name,ag1_registered_at,ag1_customs_received_at\n"
      "NK,02CI,104722599100,2025-06-16 06:00,2025-06-17 08:00,2025-06-19 08:00,2025-06-19 12:00,KDYT,"
      "Trung tâm Kiểm dịch y tế quốc tế,2025-06-12 08:00,2025-06-17 10:00\n"
      "NK,02CI,104722599110,2025-06-16 06:00,2025-06-17 08:00,2025-06-19 08:00,2025-06-19 12:00,KDYT,"
      "Cục Y tế dự phòng,2025-06-16 08:00,2025-06-17 10:00\n"
      "NK,02CI,104722599120,2025-06-16 06:00,2025-06-17 08:00,2025-06-19 08:00,2025-06-19 12:00,VSATTP,"
      "Cục An toàn thực phẩm,2025-06-12 08:00,2025-06-17 10:00\n";
  ASSERT_EQ(analyst.send("POST", base + "/import", csv).status, 200);
  const auto report = analyst.get(base + "/report");
  ASSERT_EQ(report.status, 200) << report.raw;
  json health, food;
  for (const auto& a : report.body["agencies"]) {
    if (a["agency"] == "Cục Y tế dự phòng") health = a;
    if (a["agency"] == "Cục An toàn thực phẩm") food = a;
  }
  ASSERT_TRUE(health.is_object()) << report.body["agencies"].dump();
  ASSERT_TRUE(food.is_object()) << report.body["agencies"].dump();
  EXPECT_EQ(health["n"], 1);  // the alias "Trung tâm Kiểm dịch y tế quốc tế" is the same agency
  EXPECT_EQ(health["outside_window"], 1);
  EXPECT_EQ(food["n"], 1);
  EXPECT_FALSE(food.contains("outside_window"));
}

}  // namespace
}  // namespace hq::test
