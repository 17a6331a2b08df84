// The seed's sampling design over the API and the command line, on SQLite and PostgreSQL: each study branch
// carries its interval (3) rule (FULL_WEEK / WED_FRI, defaults by route, changeable per branch), the report
// computes T3_* over the records the rule keeps and says per branch how many it kept and left out; the
// agencies' sampling window travels with the study.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "tests/api/api_fixture.h"
#include "tests/support/temp_dir.h"

namespace hq::test {
namespace {

using nlohmann::json;

class TrsSamplingApi : public ApiTest {};
HAIQUAN_API_TEST_SUITE(TrsSamplingApi);

const json* find_row(const json& report, const std::string& interval, const std::string& by, const std::string& group) {
  for (const auto& r : report["rows"])
    if (r["interval"] == interval && r["flow"] == "XK" && r["by"] == by && r["group"] == group) return &r;
  return nullptr;
}

TEST_P(TrsSamplingApi, BranchRulesDecideWhichRecordsInterval3Measures) {
  ApiClient analyst = logged_in("trs.phantich");
  const json branches = json::array({{{"code", "02CI"}, {"route", "SEA"}},
                                     {{"code", "03CC"}, {"route", "SEA"}, {"sampling_rule", "FULL_WEEK"}},
                                     {{"code", "45B1"}, {"route", "ROAD"}}});
  json body = {{"name", "Đo 2025 — chọn mẫu"}, {"year", 2025}, {"week_start", "2025-06-16"}, {"branches", branches}};
  // A rule that is not one of the two, and a window longer than two weeks, are refused by name.
  json bad = body;
  bad["branches"][0]["sampling_rule"] = "MON_TUE";
  auto refused = analyst.post("/api/v1/trs/studies", bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body["error"]["details"]["field"], "branches");
  EXPECT_NE(refused.body["error"]["message"].get<std::string>().find("02CI"), std::string::npos);
  bad = body;
  bad["agency_weeks_before"] = 3;
  EXPECT_EQ(analyst.post("/api/v1/trs/studies", bad).status, 400);

  body["agency_weeks_before"] = 2;
  auto created = analyst.post("/api/v1/trs/studies", body);
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = std::to_string(created.body["id"].get<int>());
  std::map<std::string, std::string> rules;
  for (const auto& b : created.body["branches"]) rules[b["code"]] = b["sampling_rule"];
  EXPECT_EQ(rules["02CI"], "WED_FRI");    // sea: Wednesday–Friday by default
  EXPECT_EQ(rules["03CC"], "FULL_WEEK");  // changed for this branch (as Cái Mép in the seed)
  EXPECT_EQ(rules["45B1"], "FULL_WEEK");  // road: the whole week
  EXPECT_EQ(created.body["agency_window_start"], "2025-06-02");
  EXPECT_EQ(created.body["agency_window_end"], "2025-06-21");

  const std::string csv =
      "flow,branch_code,declaration_no,registered_at,doc_assigned_at,doc_check_end_at,released_at,sci_kinds\n"
      "XK,02CI,304722599000,2025-06-16 08:00,2025-06-16 08:10,2025-06-16 09:10,2025-06-16 10:00,\n"      // Mon: out
      "XK,02CI,304722599010,2025-06-18 08:00,2025-06-18 08:10,2025-06-18 10:10,2025-06-18 11:00,\n"      // Wed: kept
      "XK,02CI,304722599020,2025-06-17 08:00,2025-06-17 08:10,2025-06-17 11:10,2025-06-17 12:00,KDTV\n"  // sci: kept
      "XK,02CI,304722599030,2025-06-21 08:00,2025-06-21 08:10,2025-06-21 09:10,2025-06-21 10:00,\n"      // Sat: out
      "XK,03CC,304722599040,2025-06-16 08:00,2025-06-16 08:10,2025-06-16 12:10,2025-06-16 13:00,\n"      // full week
      "XK,45B1,304722599050,2025-06-21 08:00,2025-06-21 08:10,2025-06-21 13:10,2025-06-21 14:00,\n";     // full week
  ASSERT_EQ(analyst.send("POST", "/api/v1/trs/studies/" + id + "/import", csv).status, 200);
  auto report = analyst.get("/api/v1/trs/studies/" + id + "/report");
  ASSERT_EQ(report.status, 200) << report.raw;
  EXPECT_EQ(find_row(report.body, "T2", "all", "all")->at("n"), 6);  // intervals (1), (2), (4): 100 %
  EXPECT_EQ(find_row(report.body, "T3_1", "all", "all")->at("n"), 4);
  EXPECT_EQ(find_row(report.body, "T3_1", "branch", "02CI")->at("n"), 2);
  EXPECT_DOUBLE_EQ(find_row(report.body, "T3_1", "branch", "02CI")->at("min_hours").get<double>(), 2.0);
  ASSERT_EQ(report.body["sampling"].size(), 3u);
  const json& ci = report.body["sampling"][0];
  EXPECT_EQ(ci["branch"], "02CI");
  EXPECT_EQ(ci["rule"], "WED_FRI");
  EXPECT_EQ(ci["records"], 4);
  EXPECT_EQ(ci["t3_kept"], 2);
  EXPECT_EQ(ci["t3_left_out"], 2);
  EXPECT_EQ(report.body["sampling"][1]["t3_left_out"], 0);

  // Changing a branch's rule changes the report at once.
  json all_week = branches;
  all_week[0]["sampling_rule"] = "FULL_WEEK";
  ASSERT_EQ(analyst.patch("/api/v1/trs/studies/" + id, {{"branches", all_week}}).status, 200);
  auto again = analyst.get("/api/v1/trs/studies/" + id + "/report");
  EXPECT_EQ(find_row(again.body, "T3_1", "all", "all")->at("n"), 6);
  EXPECT_EQ(again.body["sampling"][0]["t3_left_out"], 0);
  // The spreadsheet carries the per-branch sampling sheet.
  auto xlsx = analyst.get("/api/v1/trs/studies/" + id + "/report?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 2), "PK");
}

// `haiquan trs create-study --branches CODE:ROUTE[:RULE],…` on a fresh database of each backend.
TEST_P(TrsSamplingApi, CreateStudyTakesTheRulePerBranch) {
  const TempDir dir("haiquan-trs-sampling");
  // PostgreSQL: a seeded database of its own (SQLite: a fresh file in `dir`, made by init below).
  std::optional<SeededDatabase> pg;
  if (GetParam() != "sqlite") pg.emplace(GetParam());
  const std::string url = pg ? pg->url() : "sqlite:" + (dir / "cli.db").string();
  const std::string binary = HAIQUAN_BINARY, out = (dir / "out.txt").string(), err = (dir / "err.txt").string();
  if (GetParam() == "sqlite") {
    ASSERT_EQ(std::system((binary + " init --db " + url + " --admin-password 'Quan-tri-2026!' >/dev/null").c_str()), 0);
  }
  ASSERT_EQ(std::system((binary + " trs create-study --db '" + url +
                         "' --name 'Đo 2025' --week-start 2025-06-16 --agency-weeks 2 "
                         "--branches 02CI:SEA,51CB:SEA:FULL_WEEK,45B1:ROAD,01B1:AIR:WED_FRI >" + out + " 2>" + err)
                            .c_str()),
            0);
  std::string study;
  std::getline(std::ifstream(out), study);
  ASSERT_EQ(std::system((binary + " trs report --db '" + url + "' --study " + study + " >" + out + " 2>" + err).c_str()), 0);
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  const json report = json::parse(text.str());
  EXPECT_EQ(report["settings"]["study"]["sampling_rules"],
            json({{"01B1", "WED_FRI"}, {"02CI", "WED_FRI"}, {"45B1", "FULL_WEEK"}, {"51CB", "FULL_WEEK"}}));
  // A rule that does not exist: refused with the branch named, nothing created.
  EXPECT_NE(std::system((binary + " trs create-study --db '" + url +
                         "' --name x --week-start 2025-06-16 --branches 02CI:SEA:SOMETIMES >" + out + " 2>" + err)
                            .c_str()),
            0);
  std::stringstream message;
  message << std::ifstream(err).rdbuf();
  EXPECT_NE(message.str().find("02CI"), std::string::npos) << message.str();
}

}  // namespace
}  // namespace hq::test
