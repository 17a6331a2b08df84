// The audit seed rules added in issue 13 §3 (second part): list exports, the proposal late flag,
// collection letters and rework, payments after the conclusion. SQLite and PostgreSQL, on the demo data.
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "core/time.h"
#include "identity/service.h"
#include "sheets/xlsx_rows.h"
#include "sheets/xlsx_table.h"
#include "tests/api/api_fixture.h"
#include "tests/support/dates.h"
#include "tests/support/tax_codes.h"

namespace hq::test {
namespace {

using nlohmann::json;

class AuditExtrasApi : public ApiTest {
 protected:
  static std::string tax_code(long long n) { return test::tax_code("05", n); }
  // An audit officer in Cục Hải quan TP. Hà Nội: outside 02CI's tree, not the audit department.
  ApiClient hanoi_officer() {
    identity::IdentityService(db()).create_account_with_password(
        {"01.ktstq", "Ngô Văn Hà", "01", "", "", "", "", {"audit.officer"}}, kDemoPassword, false);
    return logged_in("01.ktstq");
  }
  // A leader of the Cục above 02CI (an ancestor: may act on 02CI's items).
  ApiClient cuc_leader() {
    identity::IdentityService(db()).create_account_with_password(
        {"02.ktstq.lanhdao", "Đoàn Văn Cục", "02", "", "", "", "", {"audit.leader"}}, kDemoPassword, false);
    return logged_in("02.ktstq.lanhdao");
  }
  // An approved collection of 02CI for a fresh enterprise; returns its id as text.
  std::string approved_collection(ApiClient& officer, const std::string& code) {
    EXPECT_EQ(officer.post("/api/v1/audit/enterprises", {{"tax_code", code}, {"name", "Công ty TNHH Thu Thập " + code}}).status, 201);
    auto c = officer.post("/api/v1/audit/collections", {{"tax_code", code}, {"signs", "Khai giá thấp"}, {"risk_areas", {"VALUATION"}}});
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = std::to_string(c.body.value("id", std::int64_t{0}));
    EXPECT_EQ(logged_in("02ci.lanhdao").post("/api/v1/audit/collections/" + id + "/approve").status, 200);
    return id;
  }
  static json results() { return {{"results", {{{"risk_area", "VALUATION"}, {"finding", "Giá thấp hơn 30%"}, {"has_violation", true}}}}}; }
  // A submitted proposal of 02CI for a fresh enterprise; returns its id.
  static std::int64_t proposal(ApiClient& officer, const std::string& code, bool draft = false) {
    EXPECT_EQ(officer.post("/api/v1/audit/enterprises", {{"tax_code", code}, {"name", "Công ty CP Xuất khẩu " + code}}).status, 201);
    const auto sid = officer.get("/api/v1/audit/search?tax_code=" + code).body.value("search_id", "");
    auto r = officer.post("/api/v1/audit/proposals",
                          {{"tax_code", code}, {"place", "OFFICE"}, {"grounds", "RISK_MANAGEMENT"},
                           {"period_from", "2024-01-01"}, {"period_to", "2024-12-31"}, {"search_id", sid},
                           {"draft", draft}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", std::int64_t{0});
  }
  // The rows of a downloaded workbook (first sheet), each as its cells' text.
  static std::vector<std::vector<std::string>> rows_of(const ApiResponse& r) {
    std::vector<std::vector<std::string>> rows;
    sheets::read_xlsx_rows_from_bytes(r.raw, [&](std::size_t, const std::vector<std::string>& cells) { rows.push_back(cells); });
    return rows;
  }
  static bool has_cell(const std::vector<std::vector<std::string>>& rows, const std::string& text) {
    return std::any_of(rows.begin(), rows.end(), [&](const auto& row) {
      return std::find(row.begin(), row.end(), text) != row.end();
    });
  }
  static std::string header(const ApiResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }
};
HAIQUAN_API_TEST_SUITE(AuditExtrasApi);

TEST_P(AuditExtrasApi, ProposalListExportsWithTheListsFiltersAndScope) {
  ApiClient officer = logged_in("02ci.canbo");
  const std::string submitted = tax_code(1100), draft = tax_code(1200);
  proposal(officer, submitted);
  proposal(officer, draft, true);

  auto all = officer.get("/api/v1/audit/proposals?format=xlsx");
  ASSERT_EQ(all.status, 200) << all.raw;
  EXPECT_EQ(header(all, "Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(header(all, "Content-Disposition").find("de-xuat-kiem-tra_"), std::string::npos);
  const auto rows = rows_of(all);
  ASSERT_GE(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "Danh sách đề xuất kiểm tra sau thông quan");
  EXPECT_EQ(rows[1][0], "Số đề xuất");
  EXPECT_TRUE(has_cell(rows, submitted));
  EXPECT_TRUE(has_cell(rows, draft));
  // As many data rows as the JSON list has.
  const auto total = officer.get("/api/v1/audit/proposals").body.value("total", 0);
  EXPECT_EQ(static_cast<std::int64_t>(rows.size()) - 2, total);

  // The list's filters apply: only the drafts.
  const auto drafts = rows_of(officer.get("/api/v1/audit/proposals?format=xlsx&status=DRAFT"));
  EXPECT_TRUE(has_cell(drafts, draft));
  EXPECT_FALSE(has_cell(drafts, submitted));
  EXPECT_TRUE(has_cell(drafts, "dự thảo"));
  // ... and the search words.
  const auto by_code = rows_of(officer.get("/api/v1/audit/proposals?format=xlsx&q=" + submitted));
  EXPECT_EQ(by_code.size(), 3u);

  EXPECT_EQ(officer.get("/api/v1/audit/proposals?format=pdf").status, 400);
}

TEST_P(AuditExtrasApi, ExportsKeepTheListsScope) {
  ApiClient officer = logged_in("02ci.canbo");
  const std::string code = tax_code(2100);
  proposal(officer, code);
  ApiClient outsider = hanoi_officer();
  // Another Cục's officer: the export holds only what their own list holds (not 02CI's proposal) ...
  auto theirs = outsider.get("/api/v1/audit/proposals?format=xlsx");
  ASSERT_EQ(theirs.status, 200) << theirs.raw;
  EXPECT_FALSE(has_cell(rows_of(theirs), code));
  EXPECT_FALSE(has_cell(rows_of(outsider.get("/api/v1/audit/collections?format=xlsx")), code));
  // ... and naming 02CI is refused, as for the list.
  EXPECT_EQ(outsider.get("/api/v1/audit/proposals?unit=02CI&format=xlsx").status,
            outsider.get("/api/v1/audit/proposals?unit=02CI").status);
  EXPECT_EQ(outsider.get("/api/v1/audit/proposals?unit=02CI&format=xlsx").status, 403);
  // The audit department reads nationwide.
  EXPECT_TRUE(has_cell(rows_of(logged_in("ktstq.canbo").get("/api/v1/audit/proposals?format=xlsx")), code));
  // Not an audit user; no session.
  EXPECT_EQ(logged_in("02ci.trs").get("/api/v1/audit/proposals?format=xlsx").status, 403);
  EXPECT_EQ(client().get("/api/v1/audit/proposals?format=xlsx").status, 401);
  EXPECT_EQ(logged_in("02ci.trs").get("/api/v1/audit/enterprises?format=xlsx").status, 403);
}

TEST_P(AuditExtrasApi, EveryAuditListExports) {
  ApiClient officer = logged_in("02ci.canbo");
  const std::string code = tax_code(3100);
  const auto id = proposal(officer, code);
  ASSERT_GT(id, 0);
  ApiClient leader = logged_in("02ci.lanhdao");
  const auto queue = rows_of(leader.get("/api/v1/audit/queue?kind=PROPOSAL&format=xlsx"));
  EXPECT_TRUE(has_cell(queue, code));
  EXPECT_EQ(leader.get("/api/v1/audit/queue?kind=RESULT&format=xlsx").status, 200);
  EXPECT_EQ(officer.get("/api/v1/audit/queue?format=xlsx").status, 403);  // leaders only, as the list

  const auto enterprises = rows_of(officer.get("/api/v1/audit/enterprises?format=xlsx&q=" + code));
  EXPECT_TRUE(has_cell(enterprises, code));
  EXPECT_TRUE(has_cell(enterprises, "Công ty CP Xuất khẩu " + code));

  ApiClient dept = logged_in("ktstq.lanhdao");
  ASSERT_EQ(dept.post("/api/v1/audit/key-enterprises", {{"tax_code", code}, {"year", 2026}, {"reason", "Rủi ro cao"}}).status, 201);
  const auto keys = rows_of(officer.get("/api/v1/audit/key-enterprises?year=2026&format=xlsx"));
  EXPECT_EQ(keys[0][0], "Danh sách doanh nghiệp trọng điểm năm 2026");
  EXPECT_TRUE(has_cell(keys, "Rủi ro cao"));

  ASSERT_EQ(officer.post("/api/v1/audit/feedback", {{"function_name", "Xuất Excel"}, {"proposal", "Thêm cột"}, {"reason", "Cần"}}).status, 201);
  EXPECT_EQ(officer.get("/api/v1/audit/feedback?format=xlsx").status, 403);  // as the list: not for officers
  EXPECT_TRUE(has_cell(rows_of(dept.get("/api/v1/audit/feedback?format=xlsx")), "Xuất Excel"));

  auto collection = officer.post("/api/v1/audit/collections", {{"tax_code", code}, {"signs", "Khai sai mã HS"}, {"risk_areas", {"CLASSIFICATION"}}});
  ASSERT_EQ(collection.status, 201) << collection.raw;
  EXPECT_TRUE(has_cell(rows_of(officer.get("/api/v1/audit/collections?format=xlsx")), "Khai sai mã HS"));
}


TEST_P(AuditExtrasApi, ProposalEnteredLateAfterItsPaperApprovalIsFlagged) {
  ApiClient officer = logged_in("02ci.canbo");
  const auto post = [&](const std::string& code, const json& paper) {
    EXPECT_EQ(officer.post("/api/v1/audit/enterprises", {{"tax_code", code}, {"name", "Công ty Giấy " + code}}).status, 201);
    const auto sid = officer.get("/api/v1/audit/search?tax_code=" + code).body.value("search_id", "");
    json body = {{"tax_code", code}, {"place", "OFFICE"}, {"grounds", "RISK_MANAGEMENT"}, {"period_from", "2024-01-01"},
                 {"period_to", "2024-12-31"}, {"search_id", sid}};
    if (!paper.is_null()) body["paper_approved_on"] = paper;
    return officer.post("/api/v1/audit/proposals", body);
  };
  auto on_time = post(tax_code(4100), iso_day());
  ASSERT_EQ(on_time.status, 201) << on_time.raw;
  EXPECT_EQ(on_time.body["late"], false);
  EXPECT_EQ(on_time.body["paper_approved_on"], iso_day());
  EXPECT_GT(on_time.body["entry_due_on"].get<std::string>(), iso_day());
  // Forty days ago is always more than one working day ago.
  const auto forty_days_ago = iso_day(-40);
  auto late = post(tax_code(4200), forty_days_ago);
  ASSERT_EQ(late.status, 201) << late.raw;
  EXPECT_EQ(late.body["late"], true);
  const auto id = std::to_string(late.body["id"].get<std::int64_t>());
  EXPECT_EQ(officer.get("/api/v1/audit/proposals/" + id).body["late"], true);
  // Without a paper day: no flag, as before.
  auto without = post(tax_code(4300), nullptr);
  ASSERT_EQ(without.status, 201);
  EXPECT_EQ(without.body["late"], false);
  EXPECT_TRUE(without.body["entry_due_on"].is_null());
  // A future day, a malformed one: 400 naming the field.
  auto future = post(tax_code(4400), "2099-01-01");
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.body["error"]["details"].value("field", ""), "paper_approved_on");
  EXPECT_EQ(post(tax_code(4500), "15/06/2026").status, 400);
}


TEST_P(AuditExtrasApi, CollectionLetterRecordsRecipientNumberAndDay) {
  ApiClient officer = logged_in("02ci.canbo");
  const std::string code = tax_code(5100);
  const std::string id = approved_collection(officer, code);
  const std::string path = "/api/v1/audit/collections/" + id + "/letter";
  const auto field_of = [](const ApiResponse& r) { return r.body["error"]["details"].value("field", ""); };
  // An outside agency must be named; the kind is one of two; the day is not in the future.
  auto unnamed = officer.put(path, {{"recipient_kind", "AGENCY"}, {"letter_number", "12/HQ-02CI"}, {"letter_on", iso_day()}});
  EXPECT_EQ(unnamed.status, 400);
  EXPECT_EQ(field_of(unnamed), "recipient_name");
  auto kind = officer.put(path, {{"recipient_kind", "BANK"}, {"letter_number", "12/HQ-02CI"}, {"letter_on", iso_day()}});
  EXPECT_EQ(field_of(kind), "recipient_kind");
  auto future = officer.put(path, {{"recipient_kind", "DECLARANT"}, {"letter_number", "12/HQ-02CI"}, {"letter_on", "2099-01-01"}});
  EXPECT_EQ(field_of(future), "letter_on");
  EXPECT_EQ(officer.put(path, {{"recipient_kind", "DECLARANT"}, {"letter_number", std::string(101, 'x')}, {"letter_on", iso_day()}}).status, 400);
  // To the declarant: named after the enterprise.
  auto declarant = officer.put(path, {{"recipient_kind", "DECLARANT"}, {"letter_number", "12/HQ-02CI"}, {"letter_on", iso_day()}});
  ASSERT_EQ(declarant.status, 200) << declarant.raw;
  EXPECT_EQ(declarant.body["recipient_kind"], "DECLARANT");
  EXPECT_EQ(declarant.body["recipient_name"], "Công ty TNHH Thu Thập " + code);
  EXPECT_EQ(declarant.body["letter_number"], "12/HQ-02CI");
  EXPECT_EQ(declarant.body["letter_on"], iso_day());
  // Corrected to an outside agency.
  auto agency = officer.put(path, {{"recipient_kind", "AGENCY"}, {"recipient_name", "Cục Thuế TP. Hồ Chí Minh"},
                                   {"letter_number", "13/HQ-02CI"}, {"letter_on", iso_day()}});
  ASSERT_EQ(agency.status, 200);
  EXPECT_EQ(logged_in("02ci.lanhdao").get("/api/v1/audit/collections/" + id).body["recipient_name"], "Cục Thuế TP. Hồ Chí Minh");
  // Another Cục's officer may not write it; not an audit user either.
  EXPECT_EQ(hanoi_officer().put(path, {{"recipient_kind", "DECLARANT"}, {"letter_number", "1"}, {"letter_on", iso_day()}}).status, 403);
  EXPECT_EQ(logged_in("02ci.trs").put(path, {{"recipient_kind", "DECLARANT"}, {"letter_number", "1"}, {"letter_on", iso_day()}}).status, 403);
  EXPECT_EQ(officer.put("/api/v1/audit/collections/999999/letter", {{"recipient_kind", "DECLARANT"}, {"letter_number", "1"}, {"letter_on", iso_day()}}).status, 404);
  // Once the results are sent, the letter stays as it was.
  ASSERT_EQ(officer.post("/api/v1/audit/collections/" + id + "/results", results()).status, 200);
  EXPECT_EQ(officer.put(path, {{"recipient_kind", "DECLARANT"}, {"letter_number", "14"}, {"letter_on", iso_day()}}).status, 409);
}

TEST_P(AuditExtrasApi, LeaderReturnsResultsForReworkWithAnOpinion) {
  ApiClient officer = logged_in("02ci.canbo"), leader = logged_in("02ci.lanhdao");
  const std::string id = approved_collection(officer, tax_code(6100));
  const std::string back = "/api/v1/audit/collections/" + id + "/results/return";
  EXPECT_EQ(leader.post(back, {{"opinion", "Chưa có kết quả"}}).status, 409);  // nothing sent yet
  ASSERT_EQ(officer.post("/api/v1/audit/collections/" + id + "/results", results()).status, 200);
  EXPECT_EQ(leader.post(back, json::object()).status, 400);
  EXPECT_EQ(leader.post(back, {{"opinion", "   "}}).status, 400);
  EXPECT_EQ(leader.post(back, {{"opinion", std::string(2001, 'x')}}).status, 400);
  EXPECT_EQ(officer.post(back, {{"opinion", "Tự trả"}}).status, 403);            // not a leader
  EXPECT_EQ(hanoi_officer().post(back, {{"opinion", "Ngoài phạm vi"}}).status, 403);
  auto returned = leader.post(back, {{"opinion", "Bổ sung số liệu đối chiếu giá năm 2024"}});
  ASSERT_EQ(returned.status, 200) << returned.raw;
  EXPECT_EQ(returned.body["status"], "APPROVED");
  EXPECT_EQ(returned.body["rework_opinion"], "Bổ sung số liệu đối chiếu giá năm 2024");
  EXPECT_EQ(returned.body["returned_by"], "02ci.lanhdao");
  EXPECT_EQ(returned.body["rework_count"], 1);
  EXPECT_TRUE(returned.body["results_due_on"].is_null());
  EXPECT_EQ(leader.post(back, {{"opinion", "Lần nữa"}}).status, 409);  // already returned
  // Reworked, sent again, approved.
  ASSERT_EQ(officer.post("/api/v1/audit/collections/" + id + "/results", results()).status, 200);
  auto done = leader.post("/api/v1/audit/collections/" + id + "/results/approve");
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["status"], "COMPLETED");
  EXPECT_EQ(done.body["rework_count"], 1);
  // The history names the opinion.
  auto history = leader.get("/api/v1/history?entity_type=audit_collection&entity_id=" + id);
  ASSERT_EQ(history.status, 200) << history.raw;
  EXPECT_NE(history.raw.find("Bổ sung số liệu"), std::string::npos);
}

TEST_P(AuditExtrasApi, TwoLeadersReturningAndApprovingAtOnceOnlyOneWins) {
  ApiClient officer = logged_in("02ci.canbo");
  const std::string id = approved_collection(officer, tax_code(7100));
  ASSERT_EQ(officer.post("/api/v1/audit/collections/" + id + "/results", results()).status, 200);
  std::vector<ApiClient> leaders{logged_in("02ci.lanhdao"), cuc_leader()};
  std::vector<int> statuses(2);
  std::vector<std::thread> threads;
  threads.emplace_back([&] { statuses[0] = leaders[0].post("/api/v1/audit/collections/" + id + "/results/return", {{"opinion", "Làm lại"}}).status; });
  threads.emplace_back([&] { statuses[1] = leaders[1].post("/api/v1/audit/collections/" + id + "/results/approve").status; });
  for (auto& t : threads) t.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{200, 409}));
  const auto now = leaders[0].get("/api/v1/audit/collections/" + id).body;
  EXPECT_TRUE(now["status"] == "APPROVED" || now["status"] == "COMPLETED") << now.dump();
  EXPECT_EQ(now["rework_count"], now["status"] == "APPROVED" ? 1 : 0);
}


TEST_P(AuditExtrasApi, KeyEnterprisesImportedInBulkAllOrNothing) {
  ApiClient officer = logged_in("02ci.canbo"), dept = logged_in("ktstq.lanhdao");
  const std::string a = tax_code(8100), b = tax_code(8200), c = tax_code(8300), unknown = tax_code(8400);
  for (const auto& code : {a, b, c})
    ASSERT_EQ(officer.post("/api/v1/audit/enterprises", {{"tax_code", code}, {"name", "Công ty Trọng Điểm " + code}}).status, 201);
  const std::string url = "/api/v1/audit/key-enterprises/import?year=2031";
  const auto listed = [&](int year) {
    return officer.get("/api/v1/audit/key-enterprises?year=" + std::to_string(year)).body.value("total", -1);
  };
  // Every bad cell is named, and nothing is written.
  auto bad = dept.send("POST", url, "tax_code,reason,year\n" + a + ",Rủi ro giá,\n0100109107,Sai mã,\n" + unknown +
                                        ",Chưa có,\n" + b + ",,1999\n" + a + ",Lặp lại,\n");
  ASSERT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(bad.error_code(), "IMPORT_INVALID");
  const auto& problems = bad.body["error"]["details"]["problems"];
  ASSERT_EQ(problems.size(), 4u) << bad.raw;
  EXPECT_EQ(problems[0]["line"], 3);
  EXPECT_EQ(problems[0]["column"], "tax_code");
  EXPECT_EQ(problems[1]["line"], 5);
  EXPECT_EQ(problems[1]["column"], "year");
  EXPECT_EQ(problems[2]["line"], 4);  // not in the directory
  EXPECT_EQ(problems[3]["line"], 6);  // repeated
  EXPECT_EQ(listed(2031), 0);
  // A good file (CSV; a row may name its own year).
  auto good = dept.send("POST", url, "tax_code;reason;year\n" + a + ";Rủi ro giá;\n" + b + ";;2032\n");
  ASSERT_EQ(good.status, 200) << good.raw;
  EXPECT_EQ(good.body["added"], 2);
  EXPECT_EQ(listed(2031), 1);
  EXPECT_EQ(listed(2032), 1);
  // The same list again changes nothing; an .xlsx workbook adds the third.
  sheets::Table t;
  t.title = "";
  t.columns = {{"tax_code"}, {"reason"}};
  t.rows = {{a, std::string("Rủi ro giá")}, {c, std::string("Khai sai xuất xứ")}};
  auto xlsx = dept.send("POST", url, sheets::table_to_xlsx(t));
  ASSERT_EQ(xlsx.status, 200) << xlsx.raw;
  EXPECT_EQ(xlsx.body["added"], 1);
  EXPECT_EQ(xlsx.body["unchanged"], 1);
  EXPECT_EQ(listed(2031), 2);
  // Only those who keep the list; an empty file, a file without the column.
  EXPECT_EQ(logged_in("02ci.lanhdao").send("POST", url, "tax_code\n" + c + "\n").status, 403);
  EXPECT_EQ(officer.send("POST", url, "tax_code\n" + c + "\n").status, 403);
  EXPECT_EQ(dept.send("POST", url, "tax_code\n").error_code(), "EMPTY_IMPORT");
  EXPECT_EQ(dept.send("POST", url, "name\nX\n").error_code(), "INVALID_IMPORT");
  EXPECT_EQ(dept.send("POST", "/api/v1/audit/key-enterprises/import?year=1990", "tax_code\n" + c + "\n").status, 400);
}


TEST_P(AuditExtrasApi, PaymentsAfterTheConclusionCountInTheirPeriod) {
  ApiClient officer = logged_in("02ci.canbo"), leader = logged_in("02ci.lanhdao");
  const std::string code = tax_code(9100);
  const std::string id = std::to_string(proposal(officer, code));
  ASSERT_EQ(leader.post("/api/v1/audit/proposals/" + id + "/approve").status, 200);
  const std::string base = "/api/v1/audit/proposals/" + id;
  // A conclusion needs an original decision first.
  EXPECT_EQ(officer.post(base + "/conclusion", {{"number", "KL-91"}, {"signed_on", iso_day()}}).error_code(), "ORIGINAL_DECISION_REQUIRED");
  auto decision = officer.post(base + "/decisions", {{"kind", "ORIGINAL"}, {"number", "QĐ-91"}, {"signed_on", iso_day()},
                                                     {"start_on", iso_day()}, {"working_days", 5}});
  ASSERT_EQ(decision.status, 201) << decision.raw;
  ASSERT_EQ(leader.post(base + "/decisions/" + std::to_string(decision.body["id"].get<long long>()) + "/approve").status, 200);
  EXPECT_EQ(officer.post(base + "/payments", {{"paid_on", iso_day()}, {"amount", 10}}).error_code(), "CONCLUSION_REQUIRED");
  ASSERT_EQ(officer.post(base + "/conclusion", {{"number", "KL-91"}, {"signed_on", iso_day()},
                                                 {"amounts", {{"vat", 1000}, {"penalty", 100}, {"collected", 300}}}}).status, 201);
  const std::string form19 = "/api/v1/audit/reports/form19?unit=02CI&from=" + iso_day() + "&to=" + iso_day();
  const auto collected = [&] { return leader.get(form19).body["total"].value("collected", std::int64_t{-1}); };
  EXPECT_EQ(officer.post(base + "/payments", {{"paid_on", iso_day()}, {"amount", 500}}).error_code(), "CONCLUSION_NOT_APPROVED");
  const auto before = collected();
  ASSERT_EQ(leader.post(base + "/conclusion/approve").status, 200);
  EXPECT_EQ(collected(), before + 300);  // collected at the conclusion

  auto paid = officer.post(base + "/payments", {{"paid_on", iso_day()}, {"amount", 500}, {"document", "GNT 0012345"}});
  ASSERT_EQ(paid.status, 201) << paid.raw;
  EXPECT_EQ(paid.body["amount"], 500);
  EXPECT_EQ(paid.body["document"], "GNT 0012345");
  EXPECT_EQ(collected(), before + 800);  // and the payment, in the period it was paid
  auto ledger = officer.get(base + "/payments");
  ASSERT_EQ(ledger.status, 200) << ledger.raw;
  EXPECT_EQ(ledger.body["owed"], 1100);
  EXPECT_EQ(ledger.body["collected"], 800);
  EXPECT_EQ(ledger.body["outstanding"], 300);
  EXPECT_EQ(ledger.body["items"].size(), 1u);

  // Never more than owed; not in the future; not before the conclusion; a positive whole number.
  auto over = officer.post(base + "/payments", {{"paid_on", iso_day()}, {"amount", 301}});
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(over.error_code(), "OVERPAYMENT");
  EXPECT_EQ(officer.post(base + "/payments", {{"paid_on", "2099-01-01"}, {"amount", 1}}).status, 400);
  EXPECT_EQ(officer.post(base + "/payments", {{"paid_on", "2020-01-01"}, {"amount", 1}}).status, 400);
  EXPECT_EQ(officer.post(base + "/payments", {{"paid_on", iso_day()}, {"amount", 0}}).status, 400);
  EXPECT_EQ(officer.post(base + "/payments", {{"paid_on", iso_day()}, {"amount", "10"}}).status, 400);
  EXPECT_EQ(officer.post(base + "/payments", {{"paid_on", iso_day()}, {"amount", 1}, {"document", std::string(201, 'x')}}).status, 400);
  // Scope: another Cục neither writes nor reads; the audit department reads.
  ApiClient outsider = hanoi_officer();
  EXPECT_EQ(outsider.post(base + "/payments", {{"paid_on", iso_day()}, {"amount", 1}}).status, 403);
  EXPECT_EQ(outsider.get(base + "/payments").status, 403);
  EXPECT_EQ(logged_in("02ci.trs").get(base + "/payments").status, 403);
  EXPECT_EQ(logged_in("ktstq.canbo").get(base + "/payments").status, 200);
  EXPECT_EQ(officer.get("/api/v1/audit/proposals/999999/payments").status, 404);

  // Two payments of the whole outstanding amount at once: only one is recorded.
  std::vector<ApiClient> officers{logged_in("02ci.canbo"), logged_in("02ci.canbo")};
  std::vector<int> statuses(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] { statuses[i] = officers[i].post(base + "/payments", {{"paid_on", iso_day()}, {"amount", 300}}).status; });
  for (auto& t : threads) t.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{201, 422}));
  EXPECT_EQ(officer.get(base + "/payments").body["outstanding"], 0);
}

}  // namespace
}  // namespace hq::test
