// Risk-based selection (spec risk-selection.md, "HTTP contract") end to end on SQLite and PostgreSQL, on top of
// the demo data: the import, each indicator, the exclusions, reproducibility, the SQL reference, and scope.
#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "audit/risk/service.h"
#include "audit/risk/store.h"
#include "core/time.h"
#include "identity/service.h"
#include "tests/api/api_fixture.h"
#include "tests/support/dates.h"
#include "tests/audit/risk/declarations_csv.h"
#include "tests/support/errors.h"
#include "tests/support/tax_codes.h"

namespace hq::test {
namespace {

using nlohmann::json;

class RiskApi : public ApiTest {
 protected:
  static std::string code(long long n) { return test::tax_code("05", n); }
  static std::string from() { return iso_day(-364); }
  static std::string to() { return iso_day(); }

  struct Line {
    long long decl;
    int line;
    int days_ago;
    std::string tax, flow, office, hs;
    long long value, duty;
    bool pref;
    std::string channel;
    int amendments;
  };
  static std::string csv(const std::vector<Line>& lines) {
    std::string text = kDeclarationsHeader;
    for (const auto& l : lines) {
      char row[300];
      std::snprintf(row, sizeof row, "%012lld,%d,%s 10:00,%s,%s,%s,%s,%s,CN,%lld,%lld,0,%s,%s,%d\n", l.decl, l.line,
                    iso_day(-l.days_ago).c_str(), l.tax.c_str(), l.flow.c_str(), l.flow == "NK" ? "A11" : "B11",
                    l.office.c_str(), l.hs.c_str(), l.value, l.duty, l.pref ? "Y" : "N", l.channel.c_str(), l.amendments);
      text += row;
    }
    return text;
  }
  // A: under-declares duty (2% against peers at 10%), one red declaration of four, amended twice, a quarter of
  // its imports with a preferential claim, imports doubled on the previous period. B, C, D: peers. E (key list),
  // F (compliance level 5), G: one red declaration each. H: red, home office in Hải Phòng.
  std::vector<Line> dataset() {
    std::vector<Line> l;
    const std::string a = code(1);
    l.push_back({205000000001, 1, 100, a, "NK", "02CI", "27101944", 250'000'000, 5'000'000, false, "RED", 2});
    l.push_back({205000000002, 1, 90, a, "NK", "02CI", "27101944", 250'000'000, 5'000'000, true, "GREEN", 0});
    l.push_back({205000000003, 1, 80, a, "NK", "02CI", "27101944", 250'000'000, 5'000'000, false, "GREEN", 0});
    l.push_back({205000000004, 1, 70, a, "NK", "02CI", "27101944", 250'000'000, 5'000'000, false, "GREEN", 0});
    l.push_back({205000000005, 1, 400, a, "NK", "02CI", "27101944", 500'000'000, 10'000'000, false, "GREEN", 0});
    for (int i = 2; i <= 4; ++i)
      l.push_back({205000000010 + i, 1, 50, code(i), "NK", "02CI", "27101100", 1'000'000'000, 100'000'000, false, "GREEN", 0});
    for (int i = 5; i <= 8; ++i)
      l.push_back({205000000020 + i, 1, 40, code(i), "XK", i == 8 ? "03CC" : "02CI", "40111000", 100'000'000, 0, false,
                   "RED", 0});
    return l;
  }
  ApiResponse import(ApiClient& c, const std::string& body, bool skip = false) {
    return c.send("POST", std::string("/api/v1/audit/declarations/import") + (skip ? "?skip_invalid=true" : ""), body);
  }
  void load_dataset() {
    ApiClient officer = logged_in("ktstq.canbo");
    auto r = import(officer, csv(dataset()));
    ASSERT_EQ(r.status, 200) << r.raw;
    ApiClient leader = logged_in("ktstq.lanhdao");
    for (int i : {5, 6, 7})
      ASSERT_EQ(officer.post("/api/v1/audit/enterprises",
                             {{"tax_code", code(i)}, {"name", "Doanh nghiệp " + std::to_string(i)},
                              {"compliance_level", i == 6 ? 5 : 3}}).status, 201);
    const auto year = today_date().year;
    ASSERT_EQ(leader.post("/api/v1/audit/key-enterprises", {{"tax_code", code(5)}, {"year", year}}).status, 201);
  }
  std::int64_t criteria(const json& indicators, double audit = 0.5, double monitor = 0.000001,
                        std::int64_t material = 100'000'000, const std::string& name = "Bộ thử") {
    ApiClient leader = logged_in("ktstq.lanhdao");
    auto r = leader.post("/api/v1/audit/risk/criteria-sets", {{"name", name}, {"min_declarations", 1},
                                                              {"material_value", material},
                                                              {"cutoffs", {{"audit", audit}, {"monitor", monitor}}},
                                                              {"indicators", indicators}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", 0);
  }
  std::int64_t run(std::int64_t set, const std::string& who = "ktstq.canbo", const std::string& unit = "") {
    ApiClient c = logged_in(who);
    json body = {{"criteria_set_id", set}, {"from", from()}, {"to", to()}};
    if (!unit.empty()) body["unit_code"] = unit;
    auto r = c.post("/api/v1/audit/risk/runs", body);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", 0);
  }
  json candidates(std::int64_t run_id, const std::string& klass = "") {
    ApiClient c = logged_in("ktstq.canbo");
    auto r = c.get("/api/v1/audit/risk/runs/" + std::to_string(run_id) + "/candidates?page_size=200" +
                   (klass.empty() ? "" : "&class=" + klass));
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body;
  }
  static json find(const json& page, const std::string& tax) {
    for (const auto& c : page["items"])
      if (c["tax_code"] == tax) return c;
    return nullptr;
  }
  // The reason of the run's only indicator for an enterprise (null when it was not listed).
  json reason(const std::string& indicator, const std::string& tax, double threshold = 1) {
    const auto set = criteria(json::array({{{"code", indicator}, {"weight", 1}, {"threshold", threshold}}}));
    const json c = find(candidates(run(set)), tax);
    return c.is_null() ? c : c["reasons"][0];
  }
  void add_account(const std::string& username, const std::string& unit, const std::string& role) {
    identity::IdentityService(db()).create_account_with_password({username, "Cán bộ thử", unit, "", "", "", "", {role}},
                                                                 kDemoPassword, false);
  }
};
HAIQUAN_API_TEST_SUITE(RiskApi);

TEST_P(RiskApi, ImportIsAtomicNamesEveryBadCellAndIsIdempotent) {
  ApiClient officer = logged_in("ktstq.canbo");
  const std::string good = csv(dataset());
  const std::string bad = good + "205000000099,1,2025-13-01,0100109107,NK,A11,02CI,2710,CN,-1,0,0,Y,RED,0\n";
  auto refused = import(officer, bad);
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.error_code(), "IMPORT_INVALID");
  const auto& issues = refused.body["error"]["details"]["issues"];
  ASSERT_EQ(issues.size(), 3u);  // registered_at, tax_code, customs_value_vnd
  EXPECT_EQ(issues[0]["row"], static_cast<int>(dataset().size()) + 2);
  EXPECT_EQ(issues[0]["column"], "registered_at");
  EXPECT_EQ(issues[1]["column"], "tax_code");
  EXPECT_EQ(issues[2]["column"], "customs_value_vnd");
  // Nothing was stored: the profile of A shows no activity.
  auto profile = officer.get("/api/v1/audit/enterprises/" + code(1) + "/activity?from=" + from() + "&to=" + to());
  EXPECT_EQ(profile.status, 404) << profile.raw;
  // Skipping the bad row stores the others; importing again replaces them all.
  auto skipped = import(officer, bad, true);
  ASSERT_EQ(skipped.status, 200) << skipped.raw;
  EXPECT_EQ(skipped.body["imported"], dataset().size());
  EXPECT_EQ(skipped.body["replaced"], 0);
  EXPECT_EQ(skipped.body["issues"].size(), 3u);
  auto again = import(officer, good);
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["imported"], dataset().size());
  EXPECT_EQ(again.body["replaced"], dataset().size());
  EXPECT_EQ(again.body["issues"].size(), 0u);
  // A wrong header, an empty body, a caller outside the audit department.
  EXPECT_EQ(import(officer, "a,b,c\n1,2,3\n").error_code(), "INVALID_HEADER");
  EXPECT_EQ(import(officer, "").error_code(), "EMPTY_IMPORT");
  ApiClient local = logged_in("02ci.canbo");
  EXPECT_EQ(import(local, good).status, 403);
}

// The writer appends while keys rise above what is stored (PostgreSQL: COPY straight into the table) and
// upserts from the first key that does not: a key repeated in the file (the last one wins), a stored key, a new
// key below the highest. Counts and the stored values are the same on both backends.
TEST_P(RiskApi, ImportAppendsWhileKeysRiseThenReplaces) {
  ApiClient officer = logged_in("ktstq.canbo");
  const std::string a = code(1);
  const auto line = [&](long long decl, int l, long long value) {
    return Line{decl, l, 10, a, "NK", "02CI", "27101944", value, 0, false, "GREEN", 0};
  };
  auto first = import(officer, csv({line(300000000010, 1, 1'000), line(300000000020, 1, 2'000)}));  // fresh: appended
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["replaced"], 0);
  // Rising above the stored keys once ordered, with (300000000030, 1) twice: appended up to the repeat, which
  // then replaces the appended line.
  auto second = import(officer, csv({line(300000000030, 2, 40'000), line(300000000030, 1, 30'000),
                                     line(300000000040, 1, 50'000), line(300000000030, 1, 300'000)}));
  ASSERT_EQ(second.status, 200) << second.raw;
  EXPECT_EQ(second.body["imported"], 4);
  EXPECT_EQ(second.body["replaced"], 1);
  // A stored key, a new key below the highest and one above: upserts from the first line.
  auto third = import(officer, csv({line(300000000050, 1, 9), line(300000000010, 1, 100'000),
                                    line(300000000015, 1, 7'000)}));
  ASSERT_EQ(third.status, 200) << third.raw;
  EXPECT_EQ(third.body["imported"], 3);
  EXPECT_EQ(third.body["replaced"], 1);
  auto profile = officer.get("/api/v1/audit/enterprises/" + a + "/activity?from=" + from() + "&to=" + to());
  ASSERT_EQ(profile.status, 200) << profile.raw;
  EXPECT_EQ(profile.body["totals"]["lines"], 7);
  EXPECT_EQ(profile.body["totals"]["declarations"], 6);
  EXPECT_EQ(profile.body["totals"]["import_value"], 100'000 + 2'000 + 300'000 + 40'000 + 50'000 + 9 + 7'000);
}

TEST_P(RiskApi, LowDutyRateAgainstPeers) {
  load_dataset();
  const json r = reason("LOW_DUTY_RATE", code(1), 0.5);
  ASSERT_FALSE(r.is_null());
  EXPECT_NEAR(r["value"].get<double>(), 0.8, 1e-9);  // 1 − 0.02 / 0.1
  EXPECT_NEAR(r["peer"].get<double>(), 0.1, 1e-9);
  EXPECT_NEAR(r["points"].get<double>(), 1, 1e-9);   // capped at the threshold
}

// PostgreSQL reads a big table as two halves of its pages at once (two connections, one snapshot), the second
// half appended after the first: the lines are those of one read, each once. Inside a transaction (no shared
// snapshot) it reads once.
TEST_P(RiskApi, LoadInTwoHalvesGivesTheColumnsOfOneRead) {
  load_dataset();
  if (GetParam() == std::string("postgresql"))
    db().transaction([&](soci::session& sql) {  // enough lines for many pages, other enterprises and offices
      sql << "INSERT INTO audit_declaration_lines SELECT declaration_no * 1000 + g, line, registered_at + g, "
             "CASE WHEN g % 3 = 0 THEN tax_code ELSE lpad((g % 97)::text, 10, '7') END, g % 2, type_code, "
             "CASE WHEN g % 5 = 0 THEN '01AB' ELSE office_code END, hs_code, origin_country, customs_value + g, "
             "duty, vat, g % 2, g % 3, g % 4 FROM audit_declaration_lines, generate_series(1, 300) g";
    });
  using audit::risk::LineColumns;
  const auto load = [&](std::int64_t split_pages, bool in_transaction) {
    LineColumns c;
    const auto run = [&](soci::session& sql) {
      db::Database::Lease second(db());  // from the same pool, as the service takes it
      audit::risk::store::load_lines(sql, 0, std::numeric_limits<std::int64_t>::max(), c, &*second, split_pages);
    };
    if (in_transaction) db().transaction(run);
    else db().read(run);
    return c;
  };
  const LineColumns one = load(std::numeric_limits<std::int64_t>::max(), false);
  if (GetParam() == std::string("postgresql")) {
    EXPECT_GT(one.size(), 3000u);
  }
  // The same lines, as rows compared in a canonical order: neither read has an ORDER BY (the computation sorts
  // when the heap is out of declaration order), and a plan chosen on other statistics may give another order.
  using Row = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t, int, int, int, int, int,
                         std::string, std::string>;
  const auto rows_of = [](const LineColumns& c) {
    std::vector<Row> rows;
    for (std::size_t i = 0; i < c.size(); ++i)
      rows.emplace_back(c.declaration[i], c.registered_at[i], c.value[i], c.duty[i], c.hs4[i], c.amendments[i],
                        c.flow[i], c.channel[i], c.preferential[i], c.tax_codes[c.enterprise[i]],
                        c.offices[c.office[i]]);
    std::sort(rows.begin(), rows.end());
    return rows;
  };
  const std::vector<Row> expected = rows_of(one);
  for (const bool in_transaction : {false, true}) {
    const LineColumns halves = load(2, in_transaction);
    ASSERT_EQ(halves.size(), one.size());
    EXPECT_TRUE(rows_of(halves) == expected) << (in_transaction ? "in a transaction" : "two halves");
  }
}

TEST_P(RiskApi, RedShare) {
  load_dataset();
  const json r = reason("RED_SHARE", code(1));
  ASSERT_FALSE(r.is_null());
  EXPECT_NEAR(r["value"].get<double>(), 0.25, 1e-9);
  EXPECT_FALSE(r.contains("peer"));
}

TEST_P(RiskApi, AmendmentRate) {
  load_dataset();
  EXPECT_NEAR(reason("AMENDMENT_RATE", code(1))["value"].get<double>(), 0.5, 1e-9);
}

TEST_P(RiskApi, PreferentialShare) {
  load_dataset();
  EXPECT_NEAR(reason("PREFERENTIAL_SHARE", code(1))["value"].get<double>(), 0.25, 1e-9);
}

TEST_P(RiskApi, ValueGrowth) {
  load_dataset();
  const json r = reason("VALUE_GROWTH", code(1), 2);
  EXPECT_NEAR(r["value"].get<double>(), 1, 1e-9);  // 1,000,000,000 after 500,000,000
  EXPECT_NEAR(r["points"].get<double>(), 0.5, 1e-9);
}

// The demo's approved proposal for 0300588569 has a conclusion with amounts signed today: a past finding, and
// an audit this year (excluded: listed as MONITOR with the reason).
TEST_P(RiskApi, PastFindingsAndAuditedThisYear) {
  const auto set = criteria(json::array({{{"code", "PAST_FINDINGS"}, {"weight", 1}, {"threshold", 1}}}));
  const json c = find(candidates(run(set)), "0300588569");
  ASSERT_FALSE(c.is_null());
  EXPECT_EQ(c["reasons"][0]["value"], 1);
  EXPECT_EQ(c["class"], "MONITOR");
  EXPECT_EQ(c["excluded_reason"], "AUDITED_THIS_YEAR");
}

TEST_P(RiskApi, NeverAuditedAboveMaterialValue) {
  load_dataset();
  const json r = reason("NEVER_AUDITED", code(1));
  EXPECT_EQ(r["value"], 1);
  // Below the material value: nothing. Audited in the last five years: nothing.
  const auto high = criteria(json::array({{{"code", "NEVER_AUDITED"}, {"weight", 1}, {"threshold", 1}}}), 0.5, 0.000001,
                             5'000'000'000);
  EXPECT_TRUE(find(candidates(run(high)), code(1)).is_null());
  const auto set = criteria(json::array({{{"code", "NEVER_AUDITED"}, {"weight", 1}, {"threshold", 1}}}));
  EXPECT_TRUE(find(candidates(run(set)), "0300588569").is_null());
}

TEST_P(RiskApi, ExclusionsAreMonitoredWithTheirReason) {
  load_dataset();
  const auto set = criteria(json::array({{{"code", "RED_SHARE"}, {"weight", 1}, {"threshold", 1}}}));
  const auto id = run(set);
  const json page = candidates(id);
  EXPECT_EQ(find(page, code(5))["class"], "MONITOR");
  EXPECT_EQ(find(page, code(5))["excluded_reason"], "KEY_ENTERPRISE");
  EXPECT_EQ(find(page, code(6))["excluded_reason"], "HIGHEST_COMPLIANCE");
  EXPECT_EQ(find(page, code(7))["class"], "AUDIT");
  EXPECT_FALSE(find(page, code(7)).contains("excluded_reason"));
  // The class filter.
  for (const auto& c : candidates(id, "AUDIT")["items"]) EXPECT_EQ(c["class"], "AUDIT");
  const json monitor = candidates(id, "MONITOR");
  EXPECT_FALSE(find(monitor, code(5)).is_null());
  EXPECT_TRUE(find(monitor, code(7)).is_null());
  // Ranked: scores never increase.
  double last = 1e9;
  std::int64_t rank = 0;
  for (const auto& c : page["items"]) {
    EXPECT_LE(c["score"].get<double>(), last);
    EXPECT_EQ(c["rank"], ++rank);
    last = c["score"].get<double>();
  }
}

TEST_P(RiskApi, RunsAreReproducibleAndSetsVersioned) {
  load_dataset();
  json all = json::array();
  for (const char* c : {"LOW_DUTY_RATE", "RED_SHARE", "AMENDMENT_RATE", "PREFERENTIAL_SHARE", "VALUE_GROWTH",
                        "PAST_FINDINGS", "NEVER_AUDITED"})
    all.push_back({{"code", c}, {"weight", 1}, {"threshold", 0.5}});
  const auto set = criteria(all, 2, 0.5, 100'000'000, "Bộ đầy đủ");
  const auto first = run(set), second = run(set);
  ApiClient officer = logged_in("ktstq.canbo");
  const auto r1 = officer.get("/api/v1/audit/risk/runs/" + std::to_string(first));
  const auto r2 = officer.get("/api/v1/audit/risk/runs/" + std::to_string(second));
  ASSERT_EQ(r1.status, 200);
  EXPECT_EQ(r1.body["fingerprint"], r2.body["fingerprint"]);
  EXPECT_GT(r1.body["candidates"].get<int>(), 0);
  EXPECT_EQ(candidates(first)["items"], candidates(second)["items"]);
  // Same name: the next version, the first unchanged.
  const auto next = criteria(all, 3, 0.5, 100'000'000, "Bộ đầy đủ");
  auto v1 = officer.get("/api/v1/audit/risk/criteria-sets/" + std::to_string(set));
  auto v2 = officer.get("/api/v1/audit/risk/criteria-sets/" + std::to_string(next));
  EXPECT_EQ(v1.body["version"], 1);
  EXPECT_EQ(v2.body["version"], 2);
  EXPECT_EQ(v1.body["cutoffs"]["audit"], 2);
  // Only leaders of the audit department issue criteria sets.
  ApiClient local = logged_in("02ci.lanhdao");
  EXPECT_EQ(local.post("/api/v1/audit/risk/criteria-sets", {{"name", "x"}, {"cutoffs", {{"audit", 1}, {"monitor", 1}}},
                                                           {"indicators", json::array({{{"code", "RED_SHARE"}, {"weight", 1},
                                                                                        {"threshold", 1}}})}}).status,
            403);
  EXPECT_EQ(logged_in("ktstq.lanhdao").post("/api/v1/audit/risk/criteria-sets",
                                            {{"name", "x"}, {"cutoffs", {{"audit", 1}, {"monitor", 1}}},
                                             {"indicators", json::array({{{"code", "NOPE"}, {"weight", 1},
                                                                          {"threshold", 1}}})}}).error_code(),
            "INVALID_FIELD");
}

// The C++ run over columns and the SQL-only computation on PostgreSQL give the same list.
TEST_P(RiskApi, SqlReferenceGivesTheSameCandidates) {
  load_dataset();
  audit::risk::CriteriaSet set;
  set.name = "ref";
  set.min_declarations = 1;
  set.material_value = 100'000'000;
  set.cutoff_monitor = 1e-6, set.cutoff_audit = 2;
  for (const auto& d : audit::risk::kIndicators) set.indicators.push_back({d.code, 1, 0.5});
  audit::risk::RiskService service(db());
  const auto f = core::add_days(today_date(), -364), t = today_date();
  const auto cpp = service.compute(set, f, t, "", false);
  if (GetParam() == "sqlite") {
    EXPECT_EQ(error_code([&] { service.compute(set, f, t, "", true); }), "REFERENCE_NEEDS_POSTGRESQL");
    return;
  }
  const auto sql = service.compute(set, f, t, "", true);
  ASSERT_EQ(cpp.size(), sql.size());
  ASSERT_GT(cpp.size(), 5u);
  for (std::size_t i = 0; i < cpp.size(); ++i) {
    EXPECT_EQ(cpp[i].tax_code, sql[i].tax_code) << i;
    EXPECT_DOUBLE_EQ(cpp[i].score, sql[i].score) << cpp[i].tax_code;
    EXPECT_EQ(cpp[i].klass, sql[i].klass);
    EXPECT_EQ(cpp[i].home_office, sql[i].home_office);
    for (std::size_t k = 0; k < cpp[i].reasons.size(); ++k)
      EXPECT_DOUBLE_EQ(cpp[i].reasons[k].value, sql[i].reasons[k].value) << cpp[i].tax_code << " " << cpp[i].reasons[k].code;
  }
}

TEST_P(RiskApi, ScopeByHomeOffice) {
  load_dataset();
  add_account("03cc.kiemtra", "03CC", "audit.officer");
  ApiClient other = logged_in("03cc.kiemtra");
  ApiClient local = logged_in("02ci.canbo");
  const std::string a = "/api/v1/audit/enterprises/" + code(1) + "/activity?from=" + from() + "&to=" + to();
  EXPECT_EQ(other.get(a).status, 404);
  auto mine = local.get(a);
  ASSERT_EQ(mine.status, 200) << mine.raw;
  EXPECT_EQ(mine.body["home_office"], "02CI");
  EXPECT_EQ(mine.body["totals"]["declarations"], 4);
  EXPECT_EQ(mine.body["channels"]["RED"]["declarations"], 1);
  EXPECT_NEAR(mine.body["duty_rate"]["own"].get<double>(), 0.02, 1e-12);
  EXPECT_NEAR(mine.body["duty_rate"]["peer"].get<double>(), 0.1, 1e-12);
  EXPECT_NEAR(mine.body["preferential"]["share"].get<double>(), 0.25, 1e-12);
  EXPECT_EQ(other.get("/api/v1/audit/enterprises/" + code(8) + "/activity?from=" + from() + "&to=" + to()).status, 200);
  auto xlsx = local.get(a + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 2), "PK");
  // Runs: national only for the audit department; a Cục for its own area.
  const auto set = criteria(json::array({{{"code", "RED_SHARE"}, {"weight", 1}, {"threshold", 1}}}));
  EXPECT_EQ(local.post("/api/v1/audit/risk/runs", {{"criteria_set_id", set}, {"from", from()}, {"to", to()}}).status, 403);
  EXPECT_EQ(local.post("/api/v1/audit/risk/runs",
                       {{"criteria_set_id", set}, {"from", from()}, {"to", to()}, {"unit_code", "03"}}).status, 403);
  const auto cuc = run(set, "02ci.lanhdao", "02");
  const json page = candidates(cuc);
  EXPECT_FALSE(find(page, code(7)).is_null());
  EXPECT_TRUE(find(page, code(8)).is_null());  // home office 03CC
  const std::string path = "/api/v1/audit/risk/runs/" + std::to_string(cuc);
  EXPECT_EQ(other.get(path).status, 404);
  EXPECT_EQ(other.get(path + "/candidates").status, 404);
  EXPECT_EQ(local.get(path + "/candidates").status, 200);
  const auto national = run(set);
  EXPECT_EQ(local.get("/api/v1/audit/risk/runs/" + std::to_string(national)).status, 404);
  // Lists follow the same scope.
  for (const auto& r : other.get("/api/v1/audit/risk/runs").body["items"]) EXPECT_NE(r["id"], cuc);
}

}  // namespace
}  // namespace hq::test

namespace hq::test {
namespace {

// A proposal from a run's candidate (no fresh search; grounds = risk management; run and score recorded, and
// counted in the hit-rate feedback), and no overlapping audit periods across units and years.
TEST_P(RiskApi, ProposalFromCandidateAndPeriodOverlap) {
  load_dataset();
  const auto set = criteria(json::array({{{"code", "RED_SHARE"}, {"weight", 1}, {"threshold", 1}}}));
  const auto id = run(set, "02ci.lanhdao", "02");
  ApiClient officer = logged_in("02ci.canbo");
  json body = {{"tax_code", code(7)}, {"place", "PREMISES"}, {"period_from", iso_day(-700)}, {"period_to", iso_day(-400)},
               {"risk_run_id", id}};
  auto created = officer.post("/api/v1/audit/proposals", body);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["grounds_kind"], "RISK_MANAGEMENT");
  EXPECT_NE(created.body["grounds"].get<std::string>().find("đợt phân tích số " + std::to_string(id)), std::string::npos);
  // Not a candidate of that run (code(8) lives in Hải Phòng), or a run outside the caller's area: 404.
  body["tax_code"] = code(8);
  EXPECT_EQ(officer.post("/api/v1/audit/proposals", body).status, 404);
  add_account("03cc.kiemtra", "03CC", "audit.officer");
  body["tax_code"] = code(7);
  EXPECT_EQ(logged_in("03cc.kiemtra").post("/api/v1/audit/proposals", body).status, 404);
  // Approved, concluded with amounts: the set's feedback counts a hit in the top band.
  const auto proposal = created.body["id"].get<std::int64_t>();
  ApiClient leader = logged_in("02ci.lanhdao");
  ASSERT_EQ(leader.post("/api/v1/audit/proposals/" + std::to_string(proposal) + "/approve").status, 200);
  auto fb = officer.get("/api/v1/audit/risk/criteria-sets/" + std::to_string(set) + "/feedback");
  ASSERT_EQ(fb.status, 200) << fb.raw;
  EXPECT_EQ(fb.body["bands"][4]["proposals"], 1);
  EXPECT_EQ(fb.body["bands"][4]["concluded"], 0);

  // That approval now dates from last year (as if approved then); another unit's proposal for an overlapping
  // period is refused naming it, a later period is fine.
  db().transaction([&](soci::session& sql) {
    sql << "UPDATE audit_proposals SET year = year - 1 WHERE id = :id", soci::use(proposal);
  });
  ApiClient ktstq = logged_in("ktstq.canbo");
  const auto search = ktstq.get("/api/v1/audit/search?tax_code=" + code(7));
  json overlapping = {{"tax_code", code(7)}, {"place", "OFFICE"}, {"grounds", "SIGNS_OF_VIOLATION"},
                      {"period_from", iso_day(-500)}, {"period_to", iso_day(-100)}, {"search_id", search.body["search_id"]}};
  auto second = ktstq.post("/api/v1/audit/proposals", overlapping);
  ASSERT_EQ(second.status, 201) << second.raw;
  auto refused = logged_in("ktstq.lanhdao").post("/api/v1/audit/proposals/" + second.body["id"].dump() + "/approve");
  EXPECT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(refused.error_code(), "PERIOD_OVERLAP");
  EXPECT_EQ(refused.body["error"]["details"]["other_number"], created.body["number"]);
  EXPECT_NE(refused.body["error"]["message"].get<std::string>().find(created.body["number"].get<std::string>()),
            std::string::npos);
  overlapping["period_from"] = iso_day(-399);
  overlapping["period_to"] = iso_day(-10);
  auto third = ktstq.post("/api/v1/audit/proposals", overlapping);
  ASSERT_EQ(third.status, 201) << third.raw;
  ASSERT_EQ(logged_in("ktstq.lanhdao").post("/api/v1/audit/proposals/" + second.body["id"].dump() + "/cancel").status, 200);
  EXPECT_EQ(logged_in("ktstq.lanhdao").post("/api/v1/audit/proposals/" + third.body["id"].dump() + "/approve").status, 200);
}

}  // namespace
}  // namespace hq::test
