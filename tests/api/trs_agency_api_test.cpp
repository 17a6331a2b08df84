// The list the customs send to the ministries (seed §B.II.2.2), over the API and the command line, on SQLite
// and PostgreSQL: per agency, every sampled declaration with specialised inspection; branch scope as for the
// report; JSON pages, CSV and .xlsx.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/api/api_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/trs_study.h"

namespace hq::test {
namespace {

using nlohmann::json;

class TrsAgencyApi : public ApiTest {};
HAIQUAN_API_TEST_SUITE(TrsAgencyApi);

const std::string kCsv =
    "flow,branch_code,declaration_no,registered_at,released_at,bill_of_lading,sci_kinds,ag1_name,"
    "ag1_registration_no,ag1_certificate_no,qc_name,qc_registration_no,qc_result_no\n"
    "NK,02CI,104722599000,2025-06-17 08:00,2025-06-18 08:00,HLCU123,KDTV,Chi cục Kiểm dịch thực vật vùng II,DK-01,CN-01,,,\n"
    "NK,02CI,104722599010,2025-06-17 09:00,2025-06-18 09:00,MSC77,CLNN,,,,Trung tâm Kỹ thuật 3,QC-9,KQ-9\n"
    "NK,03CC,104722599020,2025-06-17 10:00,2025-06-18 10:00,ONE55,KDTV,Chi cục Kiểm dịch thực vật vùng II,DK-02,,,,\n"
    "NK,02CI,104722599030,2025-06-17 10:00,2025-06-18 10:00,OOCL1,,,,,,,\n";

TEST_P(TrsAgencyApi, TheListPerAgencyAsJsonCsvAndXlsxWithinTheCallersBranches) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = trs_study(analyst, "Đo 2025", {{"02CI", "SEA"}, {"03CC", "SEA"}}, kCsv);
  ASSERT_FALSE(id.empty());

  auto list = analyst.get("/api/v1/trs/studies/" + id + "/agency-list");
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body["total"], 3);
  EXPECT_EQ(list.body["items"][0]["agency"], "Chi cục Kiểm dịch thực vật vùng II");
  EXPECT_EQ(list.body["items"][0]["bill_of_lading"], "HLCU123");
  EXPECT_EQ(list.body["items"][0]["registration_no"], "DK-01");
  EXPECT_EQ(list.body["items"][0]["certificate_no"], "CN-01");
  EXPECT_EQ(list.body["agencies"].size(), 2u);
  auto one = analyst.get("/api/v1/trs/studies/" + id + "/agency-list?agency=" + "Trung%20t%C3%A2m%20K%E1%BB%B9%20thu%E1%BA%ADt%203");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body["total"], 1);
  EXPECT_EQ(one.body["items"][0]["certificate_no"], "KQ-9");

  auto csv = analyst.get("/api/v1/trs/studies/" + id + "/agency-list?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.raw.find("104722599020"), std::string::npos);
  EXPECT_EQ(csv.raw.find("104722599030"), std::string::npos);  // no specialised inspection
  auto xlsx = analyst.get("/api/v1/trs/studies/" + id + "/agency-list?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 2), "PK");
  EXPECT_EQ(analyst.get("/api/v1/trs/studies/" + id + "/agency-list?format=pdf").status, 400);

  // A branch officer of 02CI sees only its branch's declarations; no trs role, no list.
  ApiClient officer = logged_in("02ci.trs");
  auto scoped = officer.get("/api/v1/trs/studies/" + id + "/agency-list?format=csv");
  ASSERT_EQ(scoped.status, 200);
  EXPECT_NE(scoped.raw.find("104722599000"), std::string::npos);
  EXPECT_EQ(scoped.raw.find("104722599020"), std::string::npos);
  EXPECT_EQ(client().get("/api/v1/trs/studies/" + id + "/agency-list").status, 401);
  EXPECT_EQ(analyst.get("/api/v1/trs/studies/99999/agency-list").status, 404);
}

// `haiquan trs agency-list --study N [--format csv|xlsx] [--output FILE]`.
TEST_P(TrsAgencyApi, CommandLineWritesCsvAndXlsx) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the command is the same on both backends; SQLite suffices here";
  const TempDir dir("haiquan-trs-agency");
  const std::string url = "sqlite:" + (dir / "cli.db").string(), binary = HAIQUAN_BINARY;
  const std::string out = (dir / "out.txt").string();
  ASSERT_EQ(std::system((binary + " init --db " + url + " --admin-password 'Quan-tri-2026!' >/dev/null").c_str()), 0);
  ASSERT_EQ(std::system((binary + " trs create-study --db " + url +
                         " --name 'Đo 2025' --week-start 2025-06-16 --branches 02CI:SEA,03CC:SEA >" + out).c_str()),
            0);
  std::string study;
  std::getline(std::ifstream(out), study);
  std::ofstream(dir / "in.csv") << kCsv;
  ASSERT_EQ(std::system((binary + " trs import --db " + url + " --study " + study + " --input " + (dir / "in.csv").string() +
                         " >/dev/null 2>&1").c_str()),
            0);
  ASSERT_EQ(std::system((binary + " trs agency-list --db " + url + " --study " + study + " --output " +
                         (dir / "list.csv").string() + " >/dev/null").c_str()),
            0);
  std::stringstream csv;
  csv << std::ifstream(dir / "list.csv").rdbuf();
  EXPECT_NE(csv.str().find("HLCU123"), std::string::npos);
  EXPECT_NE(csv.str().find("KQ-9"), std::string::npos);
  ASSERT_EQ(std::system((binary + " trs agency-list --db " + url + " --study " + study + " --format xlsx --output " +
                         (dir / "list.xlsx").string() + " >/dev/null").c_str()),
            0);
  std::ifstream x(dir / "list.xlsx", std::ios::binary);
  std::string magic(2, '\0');
  x.read(magic.data(), 2);
  EXPECT_EQ(magic, "PK");
  EXPECT_NE(std::system((binary + " trs agency-list --db " + url + " --study " + study + " --format xlsx >/dev/null 2>&1").c_str()), 0);
}

}  // namespace
}  // namespace hq::test
