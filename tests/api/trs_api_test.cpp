// Stored time release studies over the API, on SQLite and PostgreSQL: setup, branch scoping, form entry with
// correction history, imports (all or nothing, skip_invalid, re-import, xlsx, long format, bad files), the
// follow-up list, the report against `trs analyze`, and T2 percentiles against PostgreSQL's percentile_cont.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "core/time.h"
#include "tests/api/api_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/trs_study.h"
#include "trs/engine/cli.h"
#include "trs/engine/csv_reader.h"
#include "trs/engine/record_writer.h"

namespace hq::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class TrsApi : public ApiTest {
 protected:
  // A study of the week 2025-06-16 with 02CI (SEA), 02B1 (AIR) and 03CC (SEA).
  inline static const std::vector<TrsBranch> kBranches = {{"02CI", "SEA"}, {"02B1", "AIR"}, {"03CC", "SEA"}};
  std::string create_study(ApiClient& c, const std::string& name = "Đo thời gian giải phóng hàng 2025") {
    return trs_study(c, name, kBranches, {}, {{"excluded_type_codes", {"C21", "G51"}}});
  }
};
HAIQUAN_API_TEST_SUITE(TrsApi);

constexpr const char* kHeader =
    "flow,branch_code,route,declaration_no,type_code,arrival_at,registered_at,channel,doc_assigned_at,"
    "doc_check_start_at,doc_check_end_at,inspect_assigned_at,direct_end_at,released_at,supervision_start_at,"
    "supervision_confirmed_at,delay_reasons";

// The data rows of a CSV in the kHeader layout (the header line skipped), each split on ',' into its 17 cells
// (a row's missing trailing cells are empty).
std::vector<std::vector<std::string>> data_rows(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::stringstream split(line);
    std::string cell;
    while (std::getline(split, cell, ',')) cells.push_back(cell);
    cells.resize(17);
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
std::string at(core::UnixSeconds t) {
  const auto l = core::to_local(t);
  return std::to_string(l.date.year) + "-" + two(l.date.month) + "-" + two(l.date.day) + " " + two(l.hour) + ":" +
         two(l.minute) + ":" + two(l.second);
}

// `n` plausible declarations (deterministic): all three channels, imports and exports, the three branches.
std::string generated_csv(int n, unsigned seed = 7, int first = 1) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> minute(0, 6 * 24 * 60 - 1), spread(1, 3000);
  const char* branches[] = {"02CI", "02B1", "03CC"};
  const char* routes[] = {"SEA", "AIR", "SEA"};
  const char* channels[] = {"GREEN", "YELLOW", "RED"};
  std::string csv = std::string(kHeader) + "\n";
  const auto week = core::from_local({{2025, 6, 16}});
  for (int i = 0; i < n; ++i) {
    const int b = static_cast<int>(rng() % 3), ch = static_cast<int>(rng() % 3);
    const bool nk = rng() % 5 < 3;
    const auto reg = week + minute(rng) * 60 + static_cast<int>(rng() % 60);
    auto t = reg;
    const auto next = [&] { return t += spread(rng) * 7 + static_cast<int>(rng() % 60); };
    std::string doc_a, doc_s, doc_e, insp_a, insp_e;
    if (ch >= 1) doc_a = at(next()), doc_s = at(next()), doc_e = at(next());
    if (ch == 2) insp_a = at(next()), insp_e = at(next());
    const std::string released = at(next());
    char number[16];
    std::snprintf(number, sizeof number, "10%09d0", first + i);
    csv += std::string(nk ? "NK" : "XK") + "," + branches[b] + "," + routes[b] + "," + number + ",A11," +
           (nk ? at(reg - spread(rng) * 60) : "") + "," + at(reg) + "," + channels[ch] + "," + doc_a + "," + doc_s +
           "," + doc_e + "," + insp_a + "," + insp_e + "," + released + "," + (nk ? at(t + 600) : "") + "," +
           (nk ? at(t + 1800) : "") + "," + (ch == 2 && i % 2 ? "INSP_QUEUE" : "") + "\n";
  }
  return csv;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string base64(const std::string& bytes) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {a[v >> 18], a[(v >> 12) & 63], a[(v >> 6) & 63], a[v & 63]};
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += {a[v >> 18], a[(v >> 12) & 63], i + 1 < bytes.size() ? a[(v >> 6) & 63] : '=', '='};
  }
  return out;
}

TEST_P(TrsApi, StudySetupUsesThePlatformCalendarAndNeedsAnAnalyst) {
  ApiClient analyst = logged_in("trs.phantich");
  ApiClient officer = logged_in("02ci.trs");
  EXPECT_EQ(officer.post("/api/v1/trs/studies", {{"name", "x"}}).status, 403);
  auto bad = analyst.post("/api/v1/trs/studies", trs_study_body("x", {{"02CI", "SEA"}}, {{"week_start", "2025-06-17"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["details"]["field"], "week_start");
  auto bad_route = analyst.post("/api/v1/trs/studies", trs_study_body("x", {{"02CI", "SHIP"}}));
  EXPECT_EQ(bad_route.body["error"]["details"]["field"], "branches");
  const std::string id = create_study(analyst);
  auto study = analyst.get("/api/v1/trs/studies/" + id);
  ASSERT_EQ(study.status, 200);
  EXPECT_EQ(study.body["week_end"], "2025-06-21");
  // 30 working days after Saturday 21/6/2025 (no holiday in between): Friday 1/8, so the limit is 2/8 00:00.
  EXPECT_EQ(study.body["follow_up_limit"], "2025-08-02T00:00:00+07:00");
  EXPECT_EQ(study.body["excluded_type_codes"], json({"C21", "G51"}));
  EXPECT_TRUE(study.body["can_manage"].get<bool>());
  // A day off entered on the platform calendar moves the limit by one working day.
  ApiClient admin = logged_in("admin", kAdminPassword);
  ASSERT_EQ(admin.post("/api/v1/calendar/adjustments", {{"date", "2025-07-15"}, {"working", false}, {"name", "Nghỉ bù"}}).status, 201);
  EXPECT_EQ(analyst.get("/api/v1/trs/studies/" + id).body["follow_up_limit"], "2025-08-05T00:00:00+07:00");
  auto patched = analyst.patch("/api/v1/trs/studies/" + id, {{"follow_up_days", 20}});
  ASSERT_EQ(patched.status, 200) << patched.raw;
  EXPECT_EQ(patched.body["name"], "Đo thời gian giải phóng hàng 2025");
  EXPECT_EQ(patched.body["follow_up_days"], 20);
  EXPECT_EQ(officer.patch("/api/v1/trs/studies/" + id, {{"follow_up_days", 10}}).status, 403);
  auto list = officer.get("/api/v1/trs/studies");  // the demo study and this one
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body["total"], 2);
  for (const auto& item : list.body["items"]) EXPECT_FALSE(item["can_manage"].get<bool>());
  auto history = analyst.get("/api/v1/history?entity_type=trs_study&entity_id=" + id);
  EXPECT_EQ(history.body["total"], 2);
  EXPECT_EQ(client().get("/api/v1/trs/studies").status, 401);
}

TEST_P(TrsApi, BranchOfficersSeeAndEnterOnlyTheirBranch) {
  ApiClient analyst = logged_in("trs.phantich");
  ApiClient officer = logged_in("02ci.trs");
  const std::string id = create_study(analyst);
  const std::string csv = generated_csv(30);
  auto mixed = officer.send("POST", "/api/v1/trs/studies/" + id + "/import", csv);
  ASSERT_EQ(mixed.status, 422) << mixed.raw;
  for (const auto& cell : mixed.body["error"]["details"]["bad_cells"]) {
    EXPECT_EQ(cell["column"], "branch_code");
    EXPECT_NE(cell["value"], "02CI");
  }
  ASSERT_EQ(analyst.send("POST", "/api/v1/trs/studies/" + id + "/import", csv).status, 200);
  auto mine = officer.get("/api/v1/trs/studies/" + id + "/records?page_size=200");
  ASSERT_EQ(mine.status, 200);
  ASSERT_GT(mine.body["total"].get<int>(), 0);
  for (const auto& r : mine.body["items"]) EXPECT_EQ(r["branch_code"], "02CI");
  auto all = analyst.get("/api/v1/trs/studies/" + id + "/records?page_size=200");
  EXPECT_EQ(all.body["total"], 30);
  std::string other;
  for (const auto& r : all.body["items"])
    if (r["branch_code"] != "02CI") other = r["declaration_no"];
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(officer.get("/api/v1/trs/studies/" + id + "/records/" + other).status, 404);
  EXPECT_EQ(officer.patch("/api/v1/trs/studies/" + id + "/records/" + other, {{"cells", {{"channel", "RED"}}}}).status, 404);
  // The officer's report covers its branch only; the study's record count too.
  auto report = officer.get("/api/v1/trs/studies/" + id + "/report");
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.body["records"]["total"], mine.body["total"]);
  EXPECT_EQ(report.body["study"]["records"], mine.body["total"]);
  auto entry = officer.post("/api/v1/trs/studies/" + id + "/records",
                            {{"cells", {{"flow", "XK"}, {"branch_code", "03CC"}, {"declaration_no", "305000000010"}}}});
  EXPECT_EQ(entry.status, 422);
  EXPECT_EQ(entry.body["error"]["details"]["cells"][0]["column"], "branch_code");
}

TEST_P(TrsApi, FormEntryWarnsAndKeepsEveryCorrectionInTheHistory) {
  ApiClient officer = logged_in("02ci.trs");
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = create_study(analyst);
  const std::string base = "/api/v1/trs/studies/" + id + "/records";
  json cells = {{"flow", "NK"},
                {"branch_code", "02CI"},
                {"route", "SEA"},
                {"declaration_no", "104722599000"},
                {"arrival_at", "15/06/2025 22:00"},
                {"registered_at", "2025-06-16 08:30"},
                {"channel", "RED"},
                {"released_at", "2025-06-16T07:00:00+07:00"}};
  // Bad cells are refused, each named.
  json bad = cells;
  bad["channel"] = "PURPLE";
  bad["registered_at"] = "16/13/2025 08:30";
  auto refused = officer.post(base, {{"cells", bad}});
  ASSERT_EQ(refused.status, 422) << refused.raw;
  std::set<std::string> columns;
  for (const auto& c : refused.body["error"]["details"]["cells"]) columns.insert(c["column"]);
  EXPECT_EQ(columns, (std::set<std::string>{"channel", "registered_at"}));
  auto check = officer.post(base + "/check", {{"cells", bad}});
  ASSERT_EQ(check.status, 200);
  EXPECT_EQ(check.body["problems"].size(), 2u);
  // Released before registration, red channel without inspection: saved with warnings.
  auto created = officer.post(base, {{"cells", cells}});
  ASSERT_EQ(created.status, 201) << created.raw;
  std::set<std::string> codes;
  for (const auto& w : created.body["warnings"]) codes.insert(w["code"]);
  EXPECT_TRUE(codes.count("NEGATIVE_INTERVAL")) << created.raw;
  EXPECT_TRUE(codes.count("MISSING_MILESTONE")) << created.raw;
  EXPECT_TRUE(created.body["record"]["incomplete"].get<bool>());
  EXPECT_EQ(created.body["record"]["cells"]["registered_at"], "2025-06-16 08:30:00");
  EXPECT_EQ(officer.post(base, {{"cells", cells}}).error_code(), "RECORD_EXISTS");
  // Corrections, field by field.
  auto fixed = officer.patch(base + "/104722599000", {{"cells", {{"released_at", "2025-06-17 10:15"},
                                                                  {"inspect_assigned_at", "2025-06-16 09:00"},
                                                                  {"direct_end_at", "2025-06-16 15:00"}}}});
  ASSERT_EQ(fixed.status, 200) << fixed.raw;
  codes.clear();
  for (const auto& w : fixed.body["warnings"]) codes.insert(w["code"]);
  EXPECT_FALSE(codes.count("NEGATIVE_INTERVAL"));
  EXPECT_NE(fixed.body["changes"].get<std::string>().find("released_at: 2025-06-16 07:00:00 → 2025-06-17 10:15:00"),
            std::string::npos) << fixed.body["changes"];
  auto amended = officer.patch(base + "/104722599000", {{"cells", {{"declaration_no", "104722599001"}, {"channel", nullptr}}}});
  ASSERT_EQ(amended.status, 200) << amended.raw;
  EXPECT_EQ(amended.body["record"]["declaration_no"], "104722599001");
  EXPECT_EQ(officer.patch(base + "/104722599000", {{"cells", {{"declaration_no", "104722598001"}}}}).status, 400);
  auto same = officer.patch(base + "/104722599001", {{"cells", {{"route", "SEA"}}}});
  EXPECT_EQ(same.body["changes"], "");
  auto history = officer.get("/api/v1/history?entity_type=trs_record&entity_id=" + id + "/10472259900");
  ASSERT_EQ(history.status, 200);
  ASSERT_EQ(history.body["total"], 3);  // created, corrected twice (the no-op is not recorded)
  EXPECT_NE(history.body["items"][0]["summary"].get<std::string>().find("channel: RED → (trống)"), std::string::npos)
      << history.raw;
  EXPECT_EQ(history.body["items"][0]["username"], "02ci.trs");
  EXPECT_EQ(officer.get(base + "/10472259900A").status, 400);
}

TEST_P(TrsApi, ImportIsAllOrNothingUnlessSkipInvalid) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = create_study(analyst);
  const std::string url = "/api/v1/trs/studies/" + id + "/import";
  std::string csv = generated_csv(5);
  csv += "NK,02CI,SEA,10400000099A,A11,,2025-06-16 08:00,PURPLE,,,,,,2025-06-31 08:00,,,\n";  // line 7
  csv += "XK,03CC,SEA,300000000990,A11,,16/06/2025 9h,GREEN,,,,,,,,,\n";                     // line 8
  auto refused = analyst.send("POST", url, csv);
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.error_code(), "IMPORT_INVALID");
  const auto& details = refused.body["error"]["details"];
  EXPECT_EQ(details["bad_cell_count"], 4);
  EXPECT_EQ(details["bad_rows"], 2);
  std::set<std::pair<int, std::string>> cells;
  for (const auto& c : details["bad_cells"]) {
    cells.insert({c["line"].get<int>(), c["column"].get<std::string>()});
    EXPECT_FALSE(c["message"].get<std::string>().empty());
  }
  EXPECT_EQ(cells, (std::set<std::pair<int, std::string>>{
                       {7, "declaration_no"}, {7, "channel"}, {7, "released_at"}, {8, "registered_at"}}));
  EXPECT_EQ(analyst.get("/api/v1/trs/studies/" + id).body["records"], 0);

  auto skipped = analyst.send("POST", url + "?skip_invalid=true", csv);
  ASSERT_EQ(skipped.status, 200) << skipped.raw;
  EXPECT_EQ(skipped.body["rows"], 7);
  EXPECT_EQ(skipped.body["stored"], 5);
  EXPECT_EQ(skipped.body["created"], 5);
  EXPECT_EQ(skipped.body["skipped"], 2);
  EXPECT_EQ(skipped.body["bad_cells"].size(), 4u);

  // A re-import replaces by the first 11 digits (here the amendment digit changes and the channel too).
  std::string again = std::string(kHeader) + "\nNK,02CI,SEA,100000000011,A11,,2025-06-16 08:00,RED,,,,,,2025-06-16 18:00,,,\n";
  auto replaced = analyst.send("POST", url, again);
  ASSERT_EQ(replaced.status, 200) << replaced.raw;
  EXPECT_EQ(replaced.body["created"], 0);
  EXPECT_EQ(replaced.body["replaced"], 1);
  auto record = analyst.get("/api/v1/trs/studies/" + id + "/records/100000000011");
  ASSERT_EQ(record.status, 200);
  EXPECT_EQ(record.body["channel"], "RED");
  EXPECT_EQ(analyst.get("/api/v1/trs/studies/" + id).body["records"], 5);
  // A repeated declaration inside one file is a bad cell.
  auto twice = analyst.send("POST", url, again + "NK,02CI,SEA,100000000012,A11,,,,,,,,,,,,\n");
  EXPECT_EQ(twice.status, 422);
  EXPECT_EQ(twice.body["error"]["details"]["bad_cells"][0]["line"], 3);
}

TEST_P(TrsApi, ImportedTextKeepsEveryCharacter) {
  // PostgreSQL imports stream through COPY, whose text format escapes tabs, newlines and backslashes.
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = create_study(analyst);
  const std::string tricky = "Thép \\ ống\tloại \"A\"\nN\\";
  const std::string csv = "flow,branch_code,declaration_no,goods_group,registered_at,released_at,delay_note\n"
                          "NK,02CI,100000000010,\"Thép \\ ống\tloại \"\"A\"\"\nN\\\",2025-06-16 08:00,2025-06-16 18:00,\\N\n";
  auto imported = analyst.send("POST", "/api/v1/trs/studies/" + id + "/import", csv);
  ASSERT_EQ(imported.status, 200) << imported.raw;
  auto record = analyst.get("/api/v1/trs/studies/" + id + "/records/100000000010");
  ASSERT_EQ(record.status, 200) << record.raw;
  EXPECT_EQ(record.body["cells"]["goods_group"], tricky);
  EXPECT_EQ(record.body["cells"]["delay_note"], "\\N");  // the text \N, not a NULL
  auto report = analyst.get("/api/v1/trs/studies/" + id + "/report");
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.body["records"]["analysed"], 1);
}

TEST_P(TrsApi, UnreadableFilesAnswerClearVietnameseMessages) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string url = "/api/v1/trs/studies/" + create_study(analyst) + "/import";
  const auto code_of = [&](const std::string& body, const std::string& query = "") {
    auto r = analyst.send("POST", url + query, body);
    EXPECT_EQ(r.status, 400) << r.raw;
    EXPECT_GT(r.body["error"]["message"].get<std::string>().size(), 20u);
    return r.error_code();
  };
  EXPECT_EQ(code_of(""), "EMPTY_FILE");
  EXPECT_EQ(code_of("flow,declaration_no\n"), "EMPTY_IMPORT");
  EXPECT_EQ(code_of("so_to_khai,ngay\n1,2\n"), "WRONG_HEADER");
  EXPECT_EQ(code_of("flow,declaration_no,colour\nNK,100000000010,x\n"), "UNKNOWN_COLUMNS");
  EXPECT_EQ(code_of("flow;branch_code;declaration_no\nNK;02CI;100000000010\n"), "SEMICOLON_SEPARATED");
  EXPECT_EQ(code_of(std::string("\xFF\xFE" "f\0l\0o\0w\0", 10)), "UTF16_ENCODING");
  EXPECT_EQ(code_of("PK\x03\x04garbage"), "XLSX_INVALID");
  EXPECT_EQ(code_of("x", "?format=csv"), "INVALID_PARAMETER");
  EXPECT_EQ(code_of("{}", "?format=long"), "INVALID_FIELD");
  EXPECT_EQ(analyst.get("/api/v1/trs/studies/999/report").status, 404);
}

TEST_P(TrsApi, XlsxAndLongFormatImportTheSameRecords) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = create_study(analyst);
  const std::string csv = generated_csv(12);
  trs::RecordCollector parsed;
  trs::read_wide_csv(csv, parsed);
  const TempDir dir("haiquan-trs-test");
  const auto xlsx = dir / "records.xlsx";
  trs::write_records_xlsx(xlsx.string(), parsed.records);
  auto from_xlsx = analyst.send("POST", "/api/v1/trs/studies/" + id + "/import", read_file(xlsx));
  ASSERT_EQ(from_xlsx.status, 200) << from_xlsx.raw;
  EXPECT_EQ(from_xlsx.body["created"], 12);
  const std::string report_xlsx = analyst.get("/api/v1/trs/studies/" + id + "/report").raw;

  const std::string id2 = create_study(analyst, "Định dạng dài");
  std::ostringstream header, events;
  trs::write_long_format(header, events, parsed.records);
  auto from_long = analyst.post("/api/v1/trs/studies/" + id2 + "/import?format=long",
                                {{"header", base64(header.str())}, {"events", base64(events.str())}});
  ASSERT_EQ(from_long.status, 200) << from_long.raw;
  EXPECT_EQ(from_long.body["created"], 12);
  auto a = json::parse(report_xlsx), b = analyst.get("/api/v1/trs/studies/" + id2 + "/report").body;
  EXPECT_EQ(a["rows"], b["rows"]);
  // An event for an unknown declaration fails the import.
  auto unknown = analyst.post("/api/v1/trs/studies/" + id2 + "/import?format=long",
                              {{"header", base64(header.str())},
                               {"events", base64(events.str() + "999999999990,released,2025-06-17 10:00\n")}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.body["error"]["details"]["bad_cells"][0]["source"], "events");
}

// The stored study's report is the report `trs analyze` gives on the same file with the study's settings.
TEST_P(TrsApi, ReportEqualsAnalyzeOnTheSameFileAndExportsXlsx) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = create_study(analyst);
  const std::string csv = generated_csv(400, 11);
  ASSERT_EQ(analyst.send("POST", "/api/v1/trs/studies/" + id + "/import", csv).status, 200);
  auto report = analyst.get("/api/v1/trs/studies/" + id + "/report");
  ASSERT_EQ(report.status, 200);

  const TempDir dir("haiquan-trs-test");
  const auto file = dir / "report.csv";
  std::ofstream(file) << csv;
  trs::AnalyzeOptions options;
  options.input = file.string();
  options.study = trs::StudySettings{{2025, 6, 16}, {"C21", "G51"},
                                     *core::parse_iso8601(report.body["study"]["follow_up_limit"].get<std::string>()),
                                     {"02B1", "02CI", "03CC"}, std::nullopt, std::nullopt};
  // The study's branches are sea and air: interval (3) defaults to Wednesday–Friday there.
  options.study->sampling_rules = {{"02B1", trs::SamplingRule::WedFri}, {"02CI", trs::SamplingRule::WedFri},
                                   {"03CC", trs::SamplingRule::WedFri}};
  std::ostringstream out, err;
  ASSERT_EQ(trs::run_analyze(options, out, err), 0) << err.str();
  const json expected = json::parse(out.str());
  for (const char* key : {"records", "rows", "world_bank", "attribution", "delay_reasons", "cumulative", "median_ci",
                          "working_hours", "issue_counts", "settings", "sampling"})
    EXPECT_EQ(report.body[key], expected[key]) << key;
  auto sorted = [](json issues) {
    std::vector<std::string> v;
    for (const auto& i : issues) v.push_back(i.dump());
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(report.body["issues"]), sorted(expected["issues"]));
  EXPECT_GT(report.body["rows"].size(), 50u);

  auto xlsx = analyst.get("/api/v1/trs/studies/" + id + "/report?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 4), std::string("PK\x03\x04", 4));
  // Comparison of two studies.
  const std::string id2 = create_study(analyst, "Lần đo thứ hai");
  ASSERT_EQ(analyst.send("POST", "/api/v1/trs/studies/" + id2 + "/import", generated_csv(200, 5)).status, 200);
  auto cmp = analyst.get("/api/v1/trs/compare?a=" + id + "&b=" + id2);
  ASSERT_EQ(cmp.status, 200) << cmp.raw;
  EXPECT_EQ(cmp.body["a"]["counts"]["total"], 400);
  EXPECT_EQ(cmp.body["b"]["counts"]["total"], 200);
  EXPECT_GT(cmp.body["rows"].size(), 10u);
  EXPECT_EQ(analyst.get("/api/v1/trs/compare?a=" + id + "&b=x").status, 400);
  EXPECT_EQ(analyst.get("/api/v1/trs/compare?a=" + id + "&b=" + id2 + "&format=xlsx").raw.substr(0, 2), "PK");
  // … and with the published figures of the 2013 study, like another study.
  auto refs = analyst.get("/api/v1/trs/references");
  ASSERT_EQ(refs.status, 200);
  EXPECT_EQ(refs.body["items"][0]["id"], "VN2013");
  EXPECT_EQ(refs.body["items"][0]["figures"][0]["mean_hms"], "115:00:17");
  auto ref = analyst.get("/api/v1/trs/compare?a=" + id + "&reference=VN2013");
  ASSERT_EQ(ref.status, 200) << ref.raw;
  EXPECT_EQ(ref.body["reference"]["id"], "VN2013");
  EXPECT_EQ(ref.body["rows"].size(), 3u);
  for (const auto& row : ref.body["rows"]) {
    EXPECT_FALSE(row["mean_hours_a"].is_null()) << row;
    EXPECT_NEAR(row["mean_change_hours"].get<double>(),
                row["mean_hours_b"].get<double>() - row["mean_hours_a"].get<double>(), 1e-9);
  }
  EXPECT_EQ(analyst.get("/api/v1/trs/compare?a=" + id + "&reference=VN2013&format=xlsx").raw.substr(0, 2), "PK");
  EXPECT_EQ(analyst.get("/api/v1/trs/compare?a=" + id + "&reference=VN1999").status, 400);
  EXPECT_EQ(analyst.get("/api/v1/trs/compare?a=" + id + "&b=" + id2 + "&reference=VN2013").status, 400);
  EXPECT_EQ(client().get("/api/v1/trs/references").status, 401);
}

// The seed's half-day pilot: a study shorter than the week samples only what was registered in its period.
TEST_P(TrsApi, AStudyMayBeShorterThanAWeek) {
  ApiClient analyst = logged_in("trs.phantich");
  auto bad = analyst.post("/api/v1/trs/studies", trs_study_body("Đo thử ½ ngày", {{"02CI", "SEA"}},
                                                                 {{"period_start", "2025-06-17 12:00"}, {"period_end", "2025-06-17 08:00"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["details"]["field"], "period_end");
  auto outside = analyst.post("/api/v1/trs/studies", trs_study_body("x", {{"02CI", "SEA"}}, {{"period_start", "2025-06-23 08:00"}}));
  EXPECT_EQ(outside.body["error"]["details"]["field"], "period_start");
  auto created = analyst.post("/api/v1/trs/studies", trs_study_body("Đo thử ½ ngày", kBranches,
                                                                     {{"period_start", "2025-06-17 07:30"}, {"period_end", "2025-06-17 11:30"}}));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = std::to_string(created.body["id"].get<int>());
  EXPECT_EQ(created.body["period_start"], "2025-06-17T07:30:00+07:00");
  EXPECT_EQ(created.body["sample_end"], "2025-06-17T11:30:00+07:00");
  const std::string csv = generated_csv(300, 3);
  ASSERT_EQ(analyst.send("POST", "/api/v1/trs/studies/" + id + "/import", csv).status, 200);
  auto report = analyst.get("/api/v1/trs/studies/" + id + "/report");
  ASSERT_EQ(report.status, 200);
  // The records registered on Tuesday 07:30–11:30 are the sample; count them from the file.
  std::size_t expected = 0;
  for (const auto& cells : data_rows(csv)) expected += cells[6] >= "2025-06-17 07:30:00" && cells[6] < "2025-06-17 11:30:00";
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(report.body["records"]["analysed"], expected);
  EXPECT_EQ(report.body["exclusions"]["outside_week"], 300 - expected);
  // Back to the whole week.
  auto whole = analyst.patch("/api/v1/trs/studies/" + id, {{"period_start", nullptr}, {"period_end", nullptr}});
  ASSERT_EQ(whole.status, 200) << whole.raw;
  EXPECT_TRUE(whole.body["period_start"].is_null());
  EXPECT_EQ(analyst.get("/api/v1/trs/studies/" + id + "/report").body["records"]["analysed"], 300);
}

TEST_P(TrsApi, FollowUpListsIncompleteRecordsPerBranch) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = create_study(analyst);
  std::string csv = std::string(kHeader) + "\n";
  csv += "XK,02CI,SEA,300000000010,A11,,2025-06-16 08:00,GREEN,,,,,,2025-06-16 09:00,,,\n";
  csv += "XK,02CI,SEA,300000000020,A11,,2025-06-16 08:00,YELLOW,,,,,,,,,\n";
  csv += "NK,03CC,SEA,100000000030,A11,2025-06-15 08:00,2025-06-16 08:00,GREEN,,,,,,2025-06-16 09:00,,,\n";
  csv += "XK,03CC,SEA,300000000040,A11,,2025-06-16 08:00,GREEN,,,,,,2025-12-01 09:00,,,\n";  // after the limit
  ASSERT_EQ(analyst.send("POST", "/api/v1/trs/studies/" + id + "/import", csv).status, 200);
  auto f = analyst.get("/api/v1/trs/studies/" + id + "/followup");
  ASSERT_EQ(f.status, 200) << f.raw;
  EXPECT_EQ(f.body["follow_up_limit"], "2025-08-02T00:00:00+07:00");
  EXPECT_TRUE(f.body["days_left"].is_number_integer());
  std::map<std::string, json> by_code;
  for (const auto& b : f.body["branches"]) by_code[b["code"]] = b;
  EXPECT_EQ(by_code["02CI"]["records"], 2);
  EXPECT_EQ(by_code["02CI"]["incomplete"], 1);
  EXPECT_EQ(by_code["02CI"]["items"][0]["declaration_no"], "300000000020");
  EXPECT_EQ(by_code["02CI"]["items"][0]["missing"], json({"released_at"}));
  EXPECT_EQ(by_code["03CC"]["incomplete"], 2);
  EXPECT_EQ(by_code["02B1"]["records"], 0);
  ApiClient officer = logged_in("02ci.trs");
  auto mine = officer.get("/api/v1/trs/studies/" + id + "/followup");
  ASSERT_EQ(mine.body["branches"].size(), 1u);
  EXPECT_EQ(mine.body["branches"][0]["code"], "02CI");
}

// `haiquan trs analyze --format json` against PostgreSQL's percentile_cont on the same rows (T2 by channel).
TEST_P(TrsApi, AnalyzeT2PercentilesMatchPostgresPercentileCont) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "PostgreSQL only";
  const std::string csv = generated_csv(3000, 2015);
  const TempDir dir("haiquan-trs-test");
  const auto file = dir / "pg.csv";
  std::ofstream(file) << csv;
  std::string output;
  {
    FILE* pipe = ::popen((std::string(HAIQUAN_BINARY) + " trs analyze --format json --input " + file.string()).c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::array<char, 65536> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) output.append(buf.data(), n);
    ASSERT_EQ(::pclose(pipe), 0);
  }
  std::map<std::string, std::array<double, 3>> engine;  // flow/channel → n, median, p90
  const json report = json::parse(output);
  for (const auto& row : report["rows"])
    if (row["interval"] == "T2" && row["by"] == "channel")
      engine[row["flow"].get<std::string>() + "/" + row["group"].get<std::string>()] = {
          row["n"].get<double>(), row["median_hours"].get<double>(), row["p90_hours"].get<double>()};
  ASSERT_EQ(engine.size(), 6u) << output.substr(0, 300);
  // Independent path: the CSV's text cells into a temporary table; PostgreSQL parses the times.
  std::vector<std::string> flows, channels, registered, released;
  for (const auto& cells : data_rows(csv))
    flows.push_back(cells[0]), channels.push_back(cells[7]), registered.push_back(cells[6]), released.push_back(cells[13]);
  db().read([&](soci::session& sql) {
    sql << "CREATE TEMP TABLE t2_check (flow text, channel text, registered text, released text)";
    sql << "INSERT INTO t2_check VALUES (:f, :c, :r, :x)", soci::use(flows), soci::use(channels), soci::use(registered),
        soci::use(released);
    soci::rowset<soci::row> rows = sql.prepare <<
        "SELECT flow || '/' || channel AS g, COUNT(*)::float8 AS n, "
        "percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS p90 "
        "FROM (SELECT flow, channel, EXTRACT(EPOCH FROM released::timestamp - registered::timestamp)::float8 / 3600 AS h "
        "      FROM t2_check WHERE registered <> '' AND released <> '') s WHERE h >= 0 GROUP BY flow, channel";
    std::size_t groups = 0;
    for (const auto& row : rows) {
      ++groups;
      const auto& e = engine[row.get<std::string>("g")];
      EXPECT_DOUBLE_EQ(e[0], row.get<double>("n")) << row.get<std::string>("g");
      EXPECT_NEAR(e[1], row.get<double>("median"), 1e-6) << row.get<std::string>("g");
      EXPECT_NEAR(e[2], row.get<double>("p90"), 1e-6) << row.get<std::string>("g");
    }
    EXPECT_EQ(groups, 6u);
    sql << "DROP TABLE t2_check";
  });
}

}  // namespace
}  // namespace hq::test
