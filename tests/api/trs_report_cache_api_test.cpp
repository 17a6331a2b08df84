// The stored study's report kept ready (issue 12 §4, migration 0104) on SQLite and PostgreSQL: an import leaves
// the whole study's report in trs_report_cache; every write the report reads (a record, the study's settings,
// an agency's returned times, a border check) moves the study's data version, so the next report is computed
// again and never served stale; a report computed under an old version is not kept; after a write other than an
// import, the report keeper computes the whole study's report again in the background and keeps it.
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "tests/api/api_fixture.h"
#include "tests/support/trs_study.h"
#include "trs/study/report_cache_store.h"
#include "trs/study/report_keeper.h"
#include "trs/study/study_service.h"

namespace hq::test {
namespace {

using nlohmann::json;

class TrsReportCacheApi : public ApiTest {
 protected:
  std::string set_up_study(ApiClient& analyst) {
    const std::string csv =
        "flow,branch_code,declaration_no,type_code,registered_at,released_at,sci_kinds,ag1_name\n"
        "XK,02CI,304722599000,B11,2025-06-17 08:00,2025-06-17 12:00,KDTV,Cục Bảo vệ thực vật\n"
        "XK,02CI,304722599010,B11,2025-06-17 09:00,2025-06-17 10:00,,\n"
        "XK,02CI,304722599020,E62,2025-06-18 09:00,2025-06-18 11:00,,\n";
    const std::string id = trs_study(analyst, "Đo giữ sẵn báo cáo", {{"02CI", "SEA"}}, csv);
    EXPECT_EQ(analyst.put("/api/v1/trs/studies/" + id + "/agency-members/bvtv.trs", {{"agency_code", "BVTV"}}).status, 200);
    return id;
  }
  long long cached_rows(const std::string& id) {
    long long n = 0;
    db().read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM trs_report_cache WHERE study_id = " + id, soci::into(n);
    });
    return n;
  }
  long long kept_version(const std::string& id) {
    long long v = -1;
    db().read([&](soci::session& sql) {
      sql << "SELECT data_version FROM trs_report_cache WHERE study_id = " + id + " AND scope = '*'", soci::into(v);
    });
    return v;
  }
  std::string kept_body(const std::string& id) {
    std::string text;
    db().read([&](soci::session& sql) {
      sql << "SELECT body FROM trs_report_cache WHERE study_id = " + id + " AND scope = '*'", soci::into(text);
    });
    return text;
  }
  long long current_version(const std::string& id) {
    return db().read([&](soci::session& sql) { return trs::store::data_version(sql, std::stoll(id)); });
  }
  static double t2_median(const ApiResponse& report) {
    for (const auto& r : report.body["rows"])
      if (r["interval"] == "T2" && r["by"] == "all" && r["flow"] == "XK") return r["median_hours"].get<double>();
    return -1;
  }
};
HAIQUAN_API_TEST_SUITE(TrsReportCacheApi);

TEST_P(TrsReportCacheApi, TheReportIsKeptReadyAndFollowsEveryWrite) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = set_up_study(analyst), base = "/api/v1/trs/studies/" + id;
  EXPECT_EQ(cached_rows(id), 1);  // the import kept the whole study's report
  auto first = analyst.get(base + "/report");
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["records"]["analysed"], 3);
  EXPECT_DOUBLE_EQ(t2_median(first), 2.0);  // 4 h, 1 h, 2 h
  EXPECT_EQ(analyst.get(base + "/report").raw, first.raw);

  // A record corrected: the next report sees it.
  ASSERT_EQ(analyst.patch(base + "/records/304722599010", {{"cells", {{"released_at", "2025-06-17 19:00"}}}}).status, 200);
  auto corrected = analyst.get(base + "/report");
  EXPECT_DOUBLE_EQ(t2_median(corrected), 4.0);  // 4 h, 10 h, 2 h

  // The study's settings: an excluded type code takes a record out of the sample.
  ASSERT_EQ(analyst.patch(base, {{"excluded_type_codes", json::array({"E62"})}}).status, 200);
  EXPECT_EQ(analyst.get(base + "/report").body["records"]["analysed"], 2);

  // An agency's returned times: the agency row follows.
  ApiClient bvtv = logged_in("bvtv.trs");
  ASSERT_EQ(bvtv.put(base + "/agencies/BVTV/returns/304722599000",
                     {{"cells", {{"registered_at", "2025-06-17 07:00"}, {"handed_over_at", "2025-06-17 10:00"}}}})
                .status,
            200);
  auto returned = analyst.get(base + "/report");
  bool found = false;
  for (const auto& a : returned.body["agencies"])
    if (a["agency"] == "Cục Bảo vệ thực vật") {
      found = true;
      EXPECT_DOUBLE_EQ(a["registration_to_handover"]["median_hours"].get<double>(), 3.0);
      EXPECT_DOUBLE_EQ(a["release_share"].get<double>(), 0.5);  // 08:00–10:00 of the 4 h release
    }
  EXPECT_TRUE(found) << returned.body["agencies"].dump();

  // The command line's reader of the same cache: the report of every branch is the one a full-scope caller sees.
  trs::StudyService service(db());
  const json system = json::parse(service.report_json(nullptr, std::stoll(id)));
  EXPECT_EQ(system["records"], returned.body["records"]);
  EXPECT_EQ(json::parse(service.report_json(nullptr, std::stoll(id), true))["records"], system["records"]);
}

TEST_P(TrsReportCacheApi, AReportComputedUnderAnOldVersionIsNotKept) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = set_up_study(analyst);
  const std::int64_t study = std::stoll(id);
  trs::StudyService service(db());
  const std::string current = service.report_json(nullptr, study);
  std::int64_t version = 0;
  db().read([&](soci::session& sql) { version = trs::store::data_version(sql, study); });
  std::string format, scope;
  long long limit = 0;
  db().read([&](soci::session& sql) {
    sql << "SELECT format, scope, follow_up_limit FROM trs_report_cache WHERE study_id = " + id + " AND scope = '*'",
        soci::into(format), soci::into(scope), soci::into(limit);
  });
  ASSERT_EQ(scope, "*");
  const auto body = [&] {
    std::string text;
    db().read([&](soci::session& sql) {
      sql << "SELECT body FROM trs_report_cache WHERE study_id = " + id + " AND scope = '*'", soci::into(text);
    });
    return text;
  };
  // A write commits while an older report is being computed: the older one is not stored over the current one.
  db().transaction([&](soci::session& sql) {
    trs::store::store_report(sql, {study, "*", version - 1, limit, format}, "{\"stale\":true}", 0);
  });
  EXPECT_EQ(body(), current);
  // What is kept under the current key is what is served…
  db().transaction([&](soci::session& sql) {
    trs::store::store_report(sql, {study, "*", version, limit, format}, "{\"kept\":true}", 0);
  });
  EXPECT_EQ(service.report_json(nullptr, study), "{\"kept\":true}");
  // …until the data version moves: then the report is computed again and kept under the new version.
  db().transaction([&](soci::session& sql) { trs::store::touch_study(sql, study); });
  EXPECT_EQ(json::parse(service.report_json(nullptr, study))["records"]["analysed"], 3);
  EXPECT_EQ(body(), current);
}

TEST_P(TrsReportCacheApi, AfterAnyWriteTheReportIsKeptReadyInTheBackground) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = set_up_study(analyst), base = "/api/v1/trs/studies/" + id;
  trs::StudyService service(db());
  trs::ReportKeeper keeper(service);
  keeper.keep_ready();
  EXPECT_EQ(kept_version(id), current_version(id));  // the import kept it
  ApiClient bvtv = logged_in("bvtv.trs");
  // Writes other than an import, each followed by the keeper's passes (what its timer runs).
  const std::vector<std::function<int()>> writes = {
      [&] { return analyst.patch(base + "/records/304722599010", {{"cells", {{"released_at", "2025-06-17 19:00"}}}}).status; },
      [&] { return analyst.patch(base, {{"excluded_type_codes", json::array({"E62"})}}).status; },
      [&] {
        return bvtv.put(base + "/agencies/BVTV/returns/304722599000",
                        {{"cells", {{"registered_at", "2025-06-17 07:00"}, {"handed_over_at", "2025-06-17 10:00"}}}})
            .status;
      },
  };
  for (std::size_t w = 0; w < writes.size(); ++w) {
    SCOPED_TRACE("write " + std::to_string(w));
    const long long before = current_version(id);
    ASSERT_EQ(writes[w](), 200);
    ASSERT_GT(current_version(id), before);
    EXPECT_NE(kept_version(id), current_version(id));  // what is kept no longer matches: it is not served
    keeper.keep_ready();                               // the first pass waits for the version to settle
    EXPECT_NE(kept_version(id), current_version(id));
    EXPECT_GE(keeper.keep_ready(), 1u);
    EXPECT_EQ(kept_version(id), current_version(id));
    const std::string kept = kept_body(id);
    EXPECT_EQ(kept, service.report_json(nullptr, std::stoll(id), true));  // the report computed from the records
  }
  EXPECT_EQ(json::parse(kept_body(id))["records"]["analysed"], 2);  // the settings' exclusion is in it

  // Its timer does the same with no call here.
  trs::ReportKeeper timer(service, std::chrono::milliseconds(20));
  timer.start();
  ASSERT_EQ(analyst.patch(base + "/records/304722599000", {{"cells", {{"released_at", "2025-06-17 13:00"}}}}).status, 200);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (kept_version(id) != current_version(id) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(kept_version(id), current_version(id));
  EXPECT_EQ(json::parse(kept_body(id)), json::parse(service.report_json(nullptr, std::stoll(id), true)));
}

// A user who sees some of the study's branches has a report of their own (scope = their branches): once asked
// for, the keeper keeps it ready after a write too, computed over their branches only.
TEST_P(TrsReportCacheApi, ABranchLimitedReportIsKeptReadyToo) {
  ApiClient analyst = logged_in("trs.phantich");
  const std::string id = trs_study(analyst, "Đo giữ sẵn báo cáo", {{"02CI", "SEA"}, {"03CC", "SEA"}},
                                    "flow,branch_code,declaration_no,type_code,registered_at,released_at\n"
                                    "XK,02CI,304722599000,B11,2025-06-17 08:00,2025-06-17 12:00\n"
                                    "XK,02CI,304722599010,B11,2025-06-17 09:00,2025-06-17 10:00\n"
                                    "XK,03CC,304722599020,B11,2025-06-18 09:00,2025-06-18 19:00\n");
  const std::string base = "/api/v1/trs/studies/" + id;
  const auto scoped = [&](const std::string& column) {
    std::string text;
    db().read([&](soci::session& sql) {
      sql << "SELECT " + column + " FROM trs_report_cache WHERE study_id = " + id + " AND scope = '02CI'",
          soci::into(text);
    });
    return text;
  };
  const auto t2 = [](const json& report) {
    for (const auto& r : report["rows"])
      if (r["interval"] == "T2" && r["by"] == "all" && r["flow"] == "XK") return r["median_hours"].get<double>();
    return -1.0;
  };
  ApiClient officer = logged_in("02ci.trs");  // sees 02CI only
  auto own = officer.get(base + "/report");
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body["records"]["analysed"], 2);
  EXPECT_DOUBLE_EQ(t2(own.body), 2.5);  // 4 h and 1 h
  const auto without_study = [](json report) {  // the route adds the study's view to the kept report
    report.erase("study");
    return report;
  };
  EXPECT_EQ(json::parse(scoped("body")), without_study(own.body));  // kept under the officer's scope

  // A write: both the whole study's report and the officer's are computed again by the keeper.
  ASSERT_EQ(analyst.patch(base + "/records/304722599010", {{"cells", {{"released_at", "2025-06-17 19:00"}}}}).status, 200);
  trs::StudyService service(db());
  trs::ReportKeeper keeper(service);
  keeper.keep_ready();  // the version settles
  EXPECT_NE(std::stoll(scoped("CAST(data_version AS VARCHAR(20))")), current_version(id));
  EXPECT_EQ(keeper.keep_ready(), 2u);  // '*' and '02CI'
  EXPECT_EQ(std::stoll(scoped("CAST(data_version AS VARCHAR(20))")), current_version(id));
  EXPECT_EQ(kept_version(id), current_version(id));
  const json kept = json::parse(scoped("body"));
  EXPECT_EQ(kept["records"]["analysed"], 2);  // 02CI's records only
  EXPECT_DOUBLE_EQ(t2(kept), 7.0);            // 4 h and 10 h
  EXPECT_EQ(without_study(officer.get(base + "/report").body), kept);  // what the officer now reads
  EXPECT_DOUBLE_EQ(t2(json::parse(kept_body(id))), 10.0);  // the whole study: 4 h, 10 h, 10 h
  EXPECT_EQ(keeper.keep_ready(), 0u);  // nothing left to keep
}

}  // namespace
}  // namespace hq::test
