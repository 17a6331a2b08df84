// The audit contract (spec post-clearance-audit.md, "Contract used by outside checks") end to end, on SQLite
// and PostgreSQL, on top of the demo data.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "audit/rules.h"
#include "core/time.h"
#include "db/database.h"
#include "platform/calendar_store.h"
#include "tests/api/api_fixture.h"
#include "tests/support/dates.h"
#include "tests/support/tax_codes.h"

namespace hq::test {
namespace {

using nlohmann::json;

class AuditApi : public ApiTest {
 protected:
  // A valid 10-digit tax code from n (digits 3–9 not all zero; the check digit computed).
  static std::string tax_code(long long n) { return test::tax_code("04", n); }
  static std::string search_id(ApiClient& c, const std::string& code) {
    auto r = c.get("/api/v1/audit/search?tax_code=" + code);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body.value("search_id", "");
  }
  static json proposal(const std::string& code, const std::string& sid, const std::string& place = "PREMISES") {
    return {{"tax_code", code}, {"place", place}, {"grounds", "SIGNS_OF_VIOLATION"}, {"period_from", "2024-01-01"},
            {"period_to", "2025-06-30"}, {"search_id", sid}};
  }
  // The bytes of an .xlsx workbook written by `fill` into its first sheet.
  static std::string workbook(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill) {
    static std::atomic<int> counter{0};
    const auto path = std::filesystem::temp_directory_path() /
                      ("haiquan-audit-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".xlsx");
    lxw_workbook* wb = workbook_new(path.c_str());
    fill(wb, workbook_add_worksheet(wb, "Danh bạ"));
    EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::filesystem::remove(path);
    return bytes.str();
  }
  static void header(lxw_worksheet* ws, const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < names.size(); ++i)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(i), names[i].c_str(), nullptr);
  }
  core::WorkingCalendar calendar() {
    return db().read([](soci::session& sql) { return platform::load_calendar(sql); });
  }
  static std::string year_start() { return iso_day().substr(0, 4) + "-01-01"; }
};
HAIQUAN_API_TEST_SUITE(AuditApi);

TEST_P(AuditApi, EnterprisesAndKeyEnterprises) {
  ApiClient officer = logged_in("02ci.canbo");
  const std::string code = tax_code(1);
  auto created = officer.post("/api/v1/audit/enterprises", {{"tax_code", code}, {"name", "Công ty TNHH Thép Phương Nam"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["tax_code"], code);
  auto bad = officer.post("/api/v1/audit/enterprises", {{"tax_code", "0100109107"}, {"name", "Sai"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_code(), "INVALID_TAX_CODE");
  EXPECT_EQ(officer.post("/api/v1/audit/enterprises", {{"tax_code", code}, {"name", "Lặp"}}).status, 409);
  officer.forget_csrf();
  EXPECT_EQ(officer.post("/api/v1/audit/enterprises", {{"tax_code", tax_code(2)}, {"name", "X"}}).status, 403);
  // Diacritic- and case-blind search.
  auto found = logged_in("ktstq.canbo").get("/api/v1/audit/enterprises?q=CONG%20TY%20THEP%20phuong");
  ASSERT_EQ(found.status, 200);
  ASSERT_EQ(found.body["total"], 1);
  EXPECT_EQ(found.body["items"][0]["name"], "Công ty TNHH Thép Phương Nam");
  // The key-enterprise list: audit department leaders and platform administrators only.
  const json key{{"tax_code", code}, {"year", std::stoi(iso_day().substr(0, 4))}};
  EXPECT_EQ(logged_in("02ci.lanhdao").post("/api/v1/audit/key-enterprises", key).status, 403);
  EXPECT_EQ(logged_in("ktstq.canbo").post("/api/v1/audit/key-enterprises", key).status, 403);
  EXPECT_EQ(logged_in("ktstq.lanhdao").post("/api/v1/audit/key-enterprises", key).status, 201);
  EXPECT_EQ(logged_in("admin", kAdminPassword)
                .post("/api/v1/audit/key-enterprises", {{"tax_code", tax_code(3)}, {"year", key["year"]}})
                .status,
            201);
  ApiClient proposer = logged_in("02ci.canbo");
  auto refused = proposer.post("/api/v1/audit/proposals", proposal(code, search_id(proposer, code)));
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_code(), "KEY_ENTERPRISE");
}

// The name search's in-process index (src/audit/name_search.h) finds what another server on the same
// database writes (a rename, a new enterprise, an import) at its next search; a refused import adds nothing.
TEST_P(AuditApi, NameSearchSeesWhatAnotherServerWrites) {
  ApiClient first = logged_in("ktstq.canbo");
  const auto names = [&](const std::string& query) {
    auto found = first.get("/api/v1/audit/enterprises?q=" + query);
    EXPECT_EQ(found.status, 200) << found.raw;
    std::vector<std::string> list;
    for (const auto& item : found.body["items"]) list.push_back(item["name"]);
    EXPECT_EQ(found.body["total"].get<std::size_t>(), list.size());
    EXPECT_EQ(found.body["total_exact"], true);
    return list;
  };
  ASSERT_EQ(first.post("/api/v1/audit/enterprises", {{"tax_code", tax_code(70)}, {"name", "Công ty Zephyr Bắc"}}).status, 201);
  EXPECT_EQ(names("zephyr"), std::vector<std::string>{"Công ty Zephyr Bắc"});  // the index is loaded here

  db::Database other_db(db().url(), 2);
  app::Options options;
  options.web_root = "/nonexistent";
  app::Server other(other_db, options);
  ApiClient second(other.router());
  ASSERT_EQ(second.login("ktstq.canbo", kDemoPassword).status, 200);
  EXPECT_EQ(second.patch("/api/v1/audit/enterprises/" + tax_code(70), {{"name", "Công ty Zephyr Nam"}}).status, 200);
  EXPECT_EQ(second.post("/api/v1/audit/enterprises", {{"tax_code", tax_code(71)}, {"name", "Doanh nghiệp Zephyr Đông"}}).status, 201);
  const std::string url = "/api/v1/audit/enterprises/import";
  EXPECT_EQ(second.send("POST", url, "tax_code;name\n" + tax_code(72) + ";Hợp tác xã Zephyr Tây\n").status, 200);
  EXPECT_EQ(second.send("POST", url, "tax_code;name\n" + tax_code(73) + ";Zephyr Sai\n0100109107;Sai mã\n").status, 422);

  EXPECT_EQ(names("zephyr"), (std::vector<std::string>{"Công ty Zephyr Nam", "Doanh nghiệp Zephyr Đông", "Hợp tác xã Zephyr Tây"}));
  EXPECT_EQ(names("ZEPH%20t%C3%A2y"), std::vector<std::string>{"Hợp tác xã Zephyr Tây"});
  EXPECT_TRUE(names("zephyr%20bac").empty());
  EXPECT_TRUE(names("zephyr%20sai").empty());
  EXPECT_EQ(names("zephyr&order=desc").front(), "Hợp tác xã Zephyr Tây");
}

TEST_P(AuditApi, ProposalRulesAndRights) {
  const std::string code = tax_code(10);
  ApiClient a = logged_in("02ci.canbo"), b = logged_in("ktstq.canbo");
  auto no_search = a.post("/api/v1/audit/proposals", proposal(code, ""));
  EXPECT_EQ(no_search.status, 409);
  EXPECT_EQ(no_search.error_code(), "SEARCH_REQUIRED");
  EXPECT_EQ(a.post("/api/v1/audit/proposals", proposal(code, "made-up")).error_code(), "SEARCH_REQUIRED");
  auto first = a.post("/api/v1/audit/proposals", proposal(code, search_id(a, code)));
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(first.body["status"], "SUBMITTED");
  EXPECT_TRUE(first.body["number"].is_string());
  EXPECT_TRUE(first.body["duplicates"].empty());
  auto second = b.post("/api/v1/audit/proposals", proposal(code, search_id(b, code)));
  ASSERT_EQ(second.status, 201) << second.raw;
  ASSERT_EQ(second.body["duplicates"].size(), 1u);
  EXPECT_EQ(second.body["duplicates"][0]["id"], first.body["id"]);
  EXPECT_EQ(second.body["duplicates"][0]["unit_code"], "02CI");
  // The search shows both, across units.
  auto seen = a.get("/api/v1/audit/search?tax_code=" + code);
  EXPECT_EQ(seen.body["proposals"].size(), 2u);
  const std::string first_id = std::to_string(first.body["id"].get<long long>());
  const std::string second_id = std::to_string(second.body["id"].get<long long>());
  ApiClient ktstq_leader = logged_in("ktstq.lanhdao"), leader = logged_in("02ci.lanhdao");
  auto early = ktstq_leader.post("/api/v1/audit/proposals/" + second_id + "/approve");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_code(), "EARLIER_PROPOSAL_PENDING");
  EXPECT_EQ(a.post("/api/v1/audit/proposals/" + first_id + "/approve").status, 403);             // an officer
  EXPECT_EQ(ktstq_leader.post("/api/v1/audit/proposals/" + first_id + "/approve").status, 403);  // another unit
  // The leaders' queue: oldest first, duplicates beside.
  auto queue = leader.get("/api/v1/audit/queue");
  ASSERT_EQ(queue.status, 200);
  bool listed = false;
  for (const auto& item : queue.body["items"])
    if (item["id"] == first.body["id"]) listed = item["duplicates"].size() == 1;
  EXPECT_TRUE(listed) << queue.raw;
  auto approved = leader.post("/api/v1/audit/proposals/" + first_id + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["status"], "APPROVED");
  auto again = ktstq_leader.post("/api/v1/audit/proposals/" + second_id + "/approve");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "ALREADY_APPROVED_THIS_YEAR");
  EXPECT_EQ(ktstq_leader.post("/api/v1/audit/proposals/" + second_id + "/pause", {{"reason", "Trùng"}}).body["status"], "PAUSED");
  EXPECT_EQ(ktstq_leader.post("/api/v1/audit/proposals/" + second_id + "/resume").body["status"], "SUBMITTED");
  EXPECT_EQ(ktstq_leader.post("/api/v1/audit/proposals/" + second_id + "/reject", {{"reason", "Trùng"}}).body["status"], "REJECTED");
  EXPECT_EQ(ktstq_leader.post("/api/v1/audit/proposals/" + second_id + "/cancel").status, 409);
  auto history = b.get("/api/v1/history?entity_type=audit_proposal&entity_id=" + second_id);  // b's unit, not a's
  EXPECT_EQ(history.body["total"], 4);  // created, paused, resumed, rejected
  // Bad input: wrong order of dates, unknown place.
  auto p = proposal(tax_code(11), "");
  p["search_id"] = search_id(a, tax_code(11));
  p["period_from"] = "2025-07-01";
  EXPECT_EQ(a.post("/api/v1/audit/proposals", p).status, 400);
  p["period_from"] = "2024-01-01";
  p["place"] = "HOME";
  EXPECT_EQ(a.post("/api/v1/audit/proposals", p).status, 400);
}

TEST_P(AuditApi, DecisionsConclusionAndForm19) {
  ApiClient officer = logged_in("02ci.canbo"), leader = logged_in("02ci.lanhdao"), national = logged_in("ktstq.lanhdao");
  const std::string report = "/api/v1/audit/reports/form19?unit=00&from=" + year_start() + "&to=" + iso_day();
  auto before = national.get(report);
  ASSERT_EQ(before.status, 200) << before.raw;
  const std::string code = tax_code(20);
  auto created = officer.post("/api/v1/audit/proposals", proposal(code, search_id(officer, code)));
  const std::string id = std::to_string(created.body["id"].get<long long>());
  const std::string decisions = "/api/v1/audit/proposals/" + id + "/decisions";
  json decision{{"kind", "ORIGINAL"}, {"number", "15/QĐ-02CI"}, {"signed_on", iso_day()}, {"start_on", iso_day()}, {"working_days", 10}};
  EXPECT_EQ(officer.post(decisions, decision).error_code(), "PROPOSAL_NOT_APPROVED");
  ASSERT_EQ(leader.post("/api/v1/audit/proposals/" + id + "/approve").status, 200);
  decision["working_days"] = 11;
  auto too_long = officer.post(decisions, decision);
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(too_long.error_code(), "DURATION_EXCEEDED");
  decision["working_days"] = 10;
  auto entered = officer.post(decisions, decision);
  ASSERT_EQ(entered.status, 201) << entered.raw;
  EXPECT_EQ(entered.body["status"], "ENTERED");
  EXPECT_FALSE(entered.body["late"].get<bool>());
  EXPECT_TRUE(entered.body["end_on"].is_string());
  EXPECT_GT(entered.body["end_on"].get<std::string>(), iso_day());
  auto extension = officer.post(decisions, {{"kind", "EXTENSION"}, {"number", "16"}, {"signed_on", iso_day()}, {"start_on", iso_day()}, {"working_days", 11}});
  EXPECT_EQ(extension.status, 422);
  const std::string conclusion = "/api/v1/audit/proposals/" + id + "/conclusion";
  json amounts{{"import_tax", 1000}, {"export_tax", 20}, {"vat", 300}, {"excise", 4}, {"environment", 5},
               {"trade_remedy", 6}, {"late_interest", 7}, {"penalty", 80}, {"collected", 900}};
  auto negative = amounts;
  negative["vat"] = -1;
  EXPECT_EQ(officer.post(conclusion, {{"number", "KL1"}, {"signed_on", iso_day()}, {"amounts", negative}}).status, 400);
  auto concluded = officer.post(conclusion, {{"number", "KL1"}, {"signed_on", iso_day()}, {"amounts", amounts}});
  ASSERT_EQ(concluded.status, 201) << concluded.raw;
  EXPECT_EQ(officer.post(conclusion, {{"number", "KL2"}, {"signed_on", iso_day()}, {"amounts", amounts}}).status, 409);
  // Forms 19/20 count approved decisions and approved conclusions only (issue 13 §3).
  auto unapproved = national.get(report);
  EXPECT_EQ(unapproved.body["total"]["audits"], before.body["total"]["audits"]);
  EXPECT_EQ(unapproved.body["total"]["vat"], before.body["total"]["vat"]);
  const std::string decision_id = std::to_string(entered.body["id"].get<long long>());
  const std::string approve_decision = decisions + "/" + decision_id + "/approve";
  EXPECT_EQ(officer.post(approve_decision).status, 403);
  EXPECT_EQ(leader.post(decisions + "/999999/approve").error_code(), "DECISION_NOT_FOUND");
  EXPECT_EQ(leader.post(decisions + "/x/approve").status, 400);
  auto approved = leader.post(approve_decision);
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["status"], "APPROVED");
  EXPECT_EQ(approved.body["approved_by"], "02ci.lanhdao");
  EXPECT_EQ(leader.post(approve_decision).error_code(), "INVALID_TRANSITION");
  EXPECT_EQ(national.post(approve_decision).error_code(), "FORBIDDEN");  // the audit department is not above 02CI
  ASSERT_EQ(leader.post(conclusion + "/approve").status, 200);
  auto after = national.get(report);
  ASSERT_EQ(after.status, 200);
  for (const auto& [key, value] : amounts.items())
    EXPECT_EQ(after.body["total"][key].get<long long>() - before.body["total"][key].get<long long>(), value.get<long long>())
        << key;
  EXPECT_EQ(after.body["total"]["audits"].get<long long>() - before.body["total"]["audits"].get<long long>(), 1);
  EXPECT_EQ(after.body["total"]["audits_premises"].get<long long>() - before.body["total"]["audits_premises"].get<long long>(), 1);
  EXPECT_EQ(after.body["total"]["audits_office"], before.body["total"]["audits_office"]);
  // The Cục's report holds the same audit; another Cục's does not; an unrelated leader may not look.
  auto cuc = national.get("/api/v1/audit/reports/form19?unit=02&from=" + year_start() + "&to=" + iso_day());
  EXPECT_GE(cuc.body["total"]["audits"].get<long long>(), 1);
  EXPECT_EQ(national.get("/api/v1/audit/reports/form19?unit=03&from=" + year_start() + "&to=" + iso_day()).body["total"]["vat"], 0);
  EXPECT_EQ(leader.get("/api/v1/audit/reports/form19?unit=03").status, 403);
  // Column groups in both languages (the web shows the English one in English).
  for (const auto& column : after.body["columns"]) {
    if (column["key"] == "vat") {
      EXPECT_EQ(column["group_en"], "Tax assessed (VND)");
    } else if (column["key"] == "total") {
      EXPECT_EQ(column["group_en"], "");
    }
  }
  // The deadline of a decision names its proposal (here reopened by hand: a decision entered on time has none).
  db().transaction([&](soci::session& sql) {
    sql << "UPDATE audit_deadlines SET done_at = NULL, due_on = '" + iso_day() + "' WHERE entity_type = 'audit_decision' AND entity_id = " +
               std::to_string(entered.body["id"].get<long long>());
  });
  const auto open = officer.get("/api/v1/audit/deadlines").body["due_today"];
  const auto item = std::find_if(open.begin(), open.end(), [](const json& d) { return d["kind"] == "DECISION_ENTRY"; });
  ASSERT_NE(item, open.end()) << open;
  EXPECT_EQ((*item)["entity_id"], entered.body["id"]);
  EXPECT_EQ((*item)["proposal_id"], created.body["id"]);
  auto xlsx = national.get(report + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 2), "PK");
  // The whole record on one page.
  auto record = officer.get("/api/v1/audit/enterprises/" + code);
  ASSERT_EQ(record.status, 200);
  EXPECT_EQ(record.body["proposals"][0]["conclusion"]["number"], "KL1");
  EXPECT_EQ(record.body["proposals"][0]["decisions"].size(), 1u);
  // A decision for a cancelled proposal.
  const std::string other = tax_code(21);
  auto cancelled = officer.post("/api/v1/audit/proposals", proposal(other, search_id(officer, other), "OFFICE"));
  const std::string cancelled_id = std::to_string(cancelled.body["id"].get<long long>());
  ASSERT_EQ(leader.post("/api/v1/audit/proposals/" + cancelled_id + "/cancel", {{"reason", "Không còn căn cứ"}}).status, 200);
  auto refused = officer.post("/api/v1/audit/proposals/" + cancelled_id + "/decisions",
                              {{"kind", "ORIGINAL"}, {"number", "1"}, {"signed_on", iso_day()}, {"start_on", iso_day()}, {"working_days", 5}});
  EXPECT_EQ(refused.status, 409);
}

TEST_P(AuditApi, ConcurrentApprovalsForOneEnterpriseExactlyOneWins) {
  const std::string code = tax_code(30);
  std::vector<std::string> ids;
  for (const char* user : {"02ci.canbo", "ktstq.canbo"}) {
    ApiClient c = logged_in(user);
    auto r = c.post("/api/v1/audit/proposals", proposal(code, search_id(c, code)));
    ASSERT_EQ(r.status, 201) << r.raw;
    ids.push_back(std::to_string(r.body["id"].get<long long>()));
  }
  // Give both the same submission time so neither waits for the other (rule 4), then race the approvals.
  db().transaction([&](soci::session& sql) {
    sql << "UPDATE audit_proposals SET submitted_at = 1 WHERE id IN (" + ids[0] + ", " + ids[1] + ")";
  });
  std::vector<ApiClient> leaders{logged_in("02ci.lanhdao"), logged_in("ktstq.lanhdao")};
  std::vector<int> statuses(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] { statuses[i] = leaders[i].post("/api/v1/audit/proposals/" + ids[i] + "/approve").status; });
  for (auto& t : threads) t.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{200, 409}));
  long long approved = 0;
  db().read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_proposals WHERE status = 'APPROVED' AND id IN (" + ids[0] + ", " + ids[1] + ")",
        soci::into(approved);
  });
  EXPECT_EQ(approved, 1);
}

TEST_P(AuditApi, CollectionsDeadlinesForm20AndFeedback) {
  ApiClient officer = logged_in("02ci.canbo"), leader = logged_in("02ci.lanhdao");
  const std::string code = tax_code(40);
  auto created = officer.post("/api/v1/audit/collections",
                              {{"tax_code", code}, {"signs", "Giá khai thấp"}, {"risk_areas", {"VALUATION"}}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = std::to_string(created.body["id"].get<long long>());
  const core::Date day = today_date();
  EXPECT_EQ(created.body["approval_due_on"], core::format_date(audit::collection_approval_due(calendar(), day)));
  EXPECT_TRUE(created.body["results_due_on"].is_null());
  EXPECT_EQ(officer.post("/api/v1/audit/collections", {{"tax_code", code}, {"signs", "x"}, {"risk_areas", {"NOPE"}}}).status, 400);
  auto board = officer.get("/api/v1/audit/deadlines");
  ASSERT_EQ(board.status, 200);
  EXPECT_GE(board.body["due_today"].size(), 1u);
  EXPECT_EQ(officer.post("/api/v1/audit/collections/" + id + "/approve").status, 403);
  EXPECT_EQ(leader.post("/api/v1/audit/collections/" + id + "/approve").body["status"], "APPROVED");
  auto results = officer.post("/api/v1/audit/collections/" + id + "/results",
                              {{"results", {{{"risk_area", "VALUATION"}, {"finding", "Giá thấp 30%"}, {"has_violation", true}}}}});
  ASSERT_EQ(results.status, 200) << results.raw;
  EXPECT_EQ(results.body["status"], "RESULT_SUBMITTED");
  const std::string results_due = core::format_date(audit::collection_results_due(calendar(), day));
  EXPECT_EQ(results.body["results_due_on"], results_due);
  EXPECT_EQ(officer.get("/api/v1/audit/collections?q=" + code).body["items"][0]["results_due_on"], results_due);
  EXPECT_EQ(leader.get("/api/v1/audit/queue?kind=RESULT").body["total"], 1);
  EXPECT_EQ(leader.post("/api/v1/audit/collections/" + id + "/results/approve").body["status"], "COMPLETED");
  auto f20 = leader.get("/api/v1/audit/reports/form20?unit=02CI&from=" + year_start() + "&to=" + iso_day());
  ASSERT_EQ(f20.status, 200) << f20.raw;
  EXPECT_GE(f20.body["total"]["collections_completed"].get<long long>(), 1);
  EXPECT_EQ(officer.post("/api/v1/audit/reports/reconciliations",
                         {{"form", "form20"}, {"from", year_start()}, {"to", iso_day()}})
                .status,
            201);
  f20 = leader.get("/api/v1/audit/reports/form20?unit=02CI&from=" + year_start() + "&to=" + iso_day());
  EXPECT_EQ(f20.body["rows"][0]["reconciled"], true);
  EXPECT_EQ(officer.post("/api/v1/audit/feedback", {{"function_name", "Báo cáo"}, {"proposal", "Thêm cột"}, {"reason", "Cần"}}).status, 201);
  EXPECT_EQ(officer.get("/api/v1/audit/feedback").status, 403);
  EXPECT_GE(logged_in("admin", kAdminPassword).get("/api/v1/audit/feedback").body["total"].get<long long>(), 1);
}

TEST_P(AuditApi, EnterpriseImportFromXlsxAndCsv) {
  ApiClient officer = logged_in("02ci.canbo");
  const std::string url = "/api/v1/audit/enterprises/import";
  const std::string typed = tax_code(50), as_number = tax_code(51);  // both start with 0
  const std::string sheet = workbook([&](lxw_workbook* wb, lxw_worksheet* ws) {
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    header(ws, {"tax_code", "name", "established_on", "charter_capital", "compliance_level"});
    worksheet_write_string(ws, 1, 0, typed.c_str(), nullptr);
    worksheet_write_string(ws, 1, 1, "Công ty CP Dệt may Sông Hồng", nullptr);
    lxw_datetime founded = {2019, 3, 15, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 2, &founded, date);
    worksheet_write_number(ws, 1, 3, 5000000000.0, nullptr);
    worksheet_write_number(ws, 1, 4, 3, nullptr);
    // Row 4 (row 3 left blank): the tax code typed as a number lost its leading zero in Excel.
    worksheet_write_number(ws, 3, 0, std::stod(as_number), nullptr);
    worksheet_write_string(ws, 3, 1, "Công ty TNHH Cơ khí Đông Anh", nullptr);
  });
  auto imported = officer.send("POST", url, sheet);
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["created"], 2);
  auto record = officer.get("/api/v1/audit/enterprises/" + typed);
  ASSERT_EQ(record.status, 200) << record.raw;
  EXPECT_EQ(record.body["enterprise"]["name"], "Công ty CP Dệt may Sông Hồng");
  EXPECT_EQ(record.body["enterprise"]["established_on"], "2019-03-15");
  EXPECT_EQ(record.body["enterprise"]["charter_capital"], 5000000000LL);
  EXPECT_EQ(record.body["enterprise"]["compliance_level"], 3);
  EXPECT_EQ(officer.get("/api/v1/audit/enterprises/" + as_number).body["enterprise"]["name"], "Công ty TNHH Cơ khí Đông Anh");
  // Bad rows are reported with their sheet row numbers, and nothing is imported.
  const std::string fresh = tax_code(52);
  auto bad = officer.send("POST", url, workbook([&](lxw_workbook*, lxw_worksheet* ws) {
    header(ws, {"tax_code", "name", "charter_capital"});
    worksheet_write_string(ws, 1, 0, fresh.c_str(), nullptr);
    worksheet_write_string(ws, 1, 1, "Mới", nullptr);
    worksheet_write_string(ws, 4, 0, "0100109107", nullptr);
    worksheet_write_string(ws, 4, 1, "Sai mã", nullptr);
    worksheet_write_string(ws, 5, 0, tax_code(53).c_str(), nullptr);
    worksheet_write_string(ws, 5, 1, "Vốn lẻ", nullptr);
    worksheet_write_number(ws, 5, 2, 1.5, nullptr);
  }));
  ASSERT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(bad.error_code(), "IMPORT_INVALID");
  const auto& problems = bad.body["error"]["details"]["problems"];
  ASSERT_EQ(problems.size(), 2u) << bad.raw;
  EXPECT_EQ(problems[0]["line"], 5);
  EXPECT_EQ(problems[1]["line"], 6);
  EXPECT_EQ(officer.get("/api/v1/audit/enterprises/" + fresh).status, 404);
  // A damaged workbook: a clear Vietnamese message, not a CSV misreading.
  auto corrupt = officer.send("POST", url, sheet.substr(0, sheet.size() / 2));
  EXPECT_EQ(corrupt.status, 400);
  EXPECT_EQ(corrupt.error_code(), "XLSX_INVALID");
  EXPECT_NE(corrupt.body["error"]["message"].get<std::string>().find("Không đọc được bảng tính"), std::string::npos);
  EXPECT_EQ(officer.send("POST", url, workbook([](lxw_workbook*, lxw_worksheet* ws) { header(ws, {"tax_code"}); }))
                .error_code(),
            "EMPTY_IMPORT");
  // CSV as before (';' separated, an update of the first enterprise).
  auto csv = officer.send("POST", url, "tax_code;address\n" + typed + ";\"Số 1, Hà Nội\"\n");
  ASSERT_EQ(csv.status, 200) << csv.raw;
  EXPECT_EQ(csv.body["updated"], 1);
  EXPECT_EQ(officer.get("/api/v1/audit/enterprises/" + typed).body["enterprise"]["address"], "Số 1, Hà Nội");
}

TEST_P(AuditApi, TwoLeadersApprovingOneDecisionAtOnceExactlyOneWins) {
  ApiClient officer = logged_in("02ci.canbo"), leader = logged_in("02ci.lanhdao");
  const std::string code = tax_code(40);
  auto created = officer.post("/api/v1/audit/proposals", proposal(code, search_id(officer, code)));
  const std::string id = std::to_string(created.body["id"].get<long long>());
  ASSERT_EQ(leader.post("/api/v1/audit/proposals/" + id + "/approve").status, 200);
  auto entered = officer.post("/api/v1/audit/proposals/" + id + "/decisions",
                              {{"kind", "ORIGINAL"}, {"number", "7/QĐ-02CI"}, {"signed_on", iso_day()}, {"working_days", 5}});
  ASSERT_EQ(entered.status, 201) << entered.raw;
  const std::string approve =
      "/api/v1/audit/proposals/" + id + "/decisions/" + std::to_string(entered.body["id"].get<long long>()) + "/approve";
  // ktstq.lanhdao leads the audit department, not an ancestor of 02CI: only a leader of the unit or above approves.
  EXPECT_EQ(logged_in("ktstq.lanhdao").post(approve).status, 403);
  std::vector<ApiClient> leaders{logged_in("02ci.lanhdao"), logged_in("02ci.lanhdao")};
  std::vector<int> statuses(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back([&, i] { statuses[i] = leaders[i].post(approve).status; });
  for (auto& t : threads) t.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{200, 409}));
}

TEST_P(AuditApi, ALeaderNeverApprovesTheirOwnProposal) {
  ApiClient leader = logged_in("02ci.lanhdao");
  const std::string code = tax_code(41);
  auto created = leader.post("/api/v1/audit/proposals", proposal(code, search_id(leader, code)));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string approve = "/api/v1/audit/proposals/" + std::to_string(created.body["id"].get<long long>()) + "/approve";
  auto own = leader.post(approve);
  EXPECT_EQ(own.status, 403);
  EXPECT_EQ(own.error_code(), "OWN_WORK");
  EXPECT_EQ(logged_in("ktstq.lanhdao").post(approve).status, 403);  // not above 02CI either
}

}  // namespace
}  // namespace hq::test
