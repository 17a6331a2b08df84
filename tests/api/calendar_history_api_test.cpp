#include <fstream>
#include <regex>
#include <sstream>

#include "history/history_store.h"
#include "tests/api/api_fixture.h"

namespace hq::test {
namespace {

using nlohmann::json;

class CalendarHistoryApi : public ApiTest {};
HAIQUAN_API_TEST_SUITE(CalendarHistoryApi);

TEST_P(CalendarHistoryApi, HolidaysAdjustmentsAndWorkingDays) {
  ApiClient admin = logged_in("admin", kAdminPassword);
  auto holidays = admin.get("/api/v1/calendar/holidays?year=2030");
  ASSERT_EQ(holidays.status, 200);
  bool tet_2030 = false;
  for (const auto& h : holidays.body["items"]) tet_2030 |= h["date"] == "2030-02-02" && h["name"] == "Tết Nguyên đán";
  EXPECT_TRUE(tet_2030) << "Tết 2030 falls on 2 February in Vietnam";
  // Friday 2026-01-02 09:00 + 1 working day = Monday 2026-01-05 09:00 … until a make-up Saturday is entered.
  EXPECT_EQ(admin.get("/api/v1/calendar/add-working-days?from=2026-01-02T09:00:00%2B07:00&days=1").body["result"],
            "2026-01-05T09:00:00+07:00");
  auto makeup = admin.post("/api/v1/calendar/adjustments", {{"date", "2026-01-03"}, {"working", true}, {"name", "Làm bù"}});
  ASSERT_EQ(makeup.status, 201) << makeup.raw;
  EXPECT_EQ(admin.get("/api/v1/calendar/add-working-days?from=2026-01-02T09:00:00%2B07:00&days=1").body["result"],
            "2026-01-03T09:00:00+07:00");
  EXPECT_EQ(admin.post("/api/v1/calendar/adjustments", {{"date", "2026-01-03"}, {"working", true}, {"name", "x"}}).status, 409);
  EXPECT_EQ(admin.post("/api/v1/calendar/adjustments", {{"date", "2026-01-05"}, {"working", true}, {"name", "x"}}).status, 400);
  EXPECT_EQ(admin.post("/api/v1/calendar/adjustments", {{"date", "2026-02-30"}, {"working", false}, {"name", "x"}}).status, 400);
  auto month = admin.get("/api/v1/calendar/month?year=2026&month=1");
  EXPECT_TRUE(month.body["days"][2]["makeup"].get<bool>());
  EXPECT_TRUE(month.body["days"][2]["working"].get<bool>());
  const std::string id = std::to_string(makeup.body["id"].get<long long>());
  EXPECT_EQ(admin.del("/api/v1/calendar/adjustments/" + id).status, 200);
  EXPECT_EQ(admin.del("/api/v1/calendar/adjustments/" + id).status, 404);
  ApiClient officer = logged_in("02ci.canbo");
  EXPECT_EQ(officer.post("/api/v1/calendar/adjustments", {{"date", "2026-05-02"}, {"working", false}, {"name", "x"}}).status, 403);
  auto hours = admin.put("/api/v1/calendar/working-hours", {{"periods", {{{"start", "08:00"}, {"end", "12:00"}}, {{"start", "13:30"}, {"end", "17:30"}}}}});
  ASSERT_EQ(hours.status, 200) << hours.raw;
  EXPECT_EQ(admin.get("/api/v1/calendar/working-hours").body["periods"][0]["start"], "08:00");
  EXPECT_EQ(admin.put("/api/v1/calendar/working-hours", {{"periods", {{{"start", "12:00"}, {"end", "08:00"}}}}}).status, 400);
}

TEST_P(CalendarHistoryApi, HistoryChainDetectsTampering) {
  ApiClient admin = logged_in("admin", kAdminPassword);
  admin.post("/api/v1/accounts", {{"username", "nv.x"}, {"full_name", "X"}, {"unit_code", "02"}});
  auto verify = admin.get("/api/v1/history/verify");
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(verify.body["ok"].get<bool>());
  EXPECT_GT(verify.body["checked"].get<int>(), 10);
  EXPECT_EQ(logged_in("02_qt").get("/api/v1/history/verify").status, 403);
  db().transaction([](soci::session& sql) { sql << "UPDATE history SET summary = 'sửa lén' WHERE id = 5"; });
  verify = admin.get("/api/v1/history/verify");
  EXPECT_FALSE(verify.body["ok"].get<bool>());
  EXPECT_EQ(verify.body["first_bad_id"], 5);
}

TEST_P(CalendarHistoryApi, HistoryChainDetectsRemovalOfTheNewestEntry) {
  logged_in("admin", kAdminPassword);
  long long last = 0;
  db().transaction([&](soci::session& sql) {
    sql << "SELECT MAX(id) FROM history", soci::into(last);
    sql << "DELETE FROM history WHERE id = :id", soci::use(last);
  });
  const auto check = db().read([](soci::session& sql) { return history::verify(sql); });
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_id.value_or(0), last);
}

TEST_P(CalendarHistoryApi, HealthAndMetrics) {
  ApiClient anyone = client();
  auto health = anyone.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, json({{"status", "ok"}, {"db", "ok"}}));
  anyone.get("/api/v1/me");
  auto metrics = anyone.send("GET", "/metrics", "", false);
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.raw.find("haiquan_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"401\"} 1"),
            std::string::npos) << metrics.raw;
  EXPECT_NE(metrics.raw.find("haiquan_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.raw.find("haiquan_db_pool_size 4"), std::string::npos);
}

// Every route the server registers is documented in docs/openapi.yaml.
TEST_P(CalendarHistoryApi, OpenApiListsEveryRoute) {
  std::ifstream in(std::string(HAIQUAN_SOURCE_DIR) + "/docs/openapi.yaml");
  ASSERT_TRUE(in) << "docs/openapi.yaml is missing";
  std::stringstream text;
  text << in.rdbuf();
  // path → methods, read from the YAML's "paths:" section by indentation.
  std::map<std::string, std::set<std::string>> documented;
  std::string line, current;
  bool in_paths = false;
  const std::regex path_line(R"(^  (/[^:]*):\s*$)"), method_line(R"(^    (get|post|put|patch|delete):)");
  while (std::getline(text, line)) {
    if (line.rfind("paths:", 0) == 0) { in_paths = true; continue; }
    if (in_paths && !line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
    std::smatch m;
    if (!in_paths) continue;
    if (std::regex_match(line, m, path_line)) current = m[1];
    else if (std::regex_search(line, m, method_line)) documented[current].insert(m[1]);
  }
  for (const auto& route : router().routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(documented[route.pattern].count(method)) << route.method << " " << route.pattern << " is not in docs/openapi.yaml";
  }
}

}  // namespace
}  // namespace hq::test
