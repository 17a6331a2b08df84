// Issue 13 §3: a blocked proposal escalates to the leader above both units, the other unit is told of the
// duplicate; the reporting calendar of forms 19/20 (reconcile two working days before, the level above chases);
// penalty decisions counted in form 19. SQLite and PostgreSQL, on the demo data, with the attack of each right.
#include <algorithm>
#include <string>

#include "core/time.h"
#include "identity/service.h"
#include "sheets/xlsx_rows.h"
#include "tests/api/api_fixture.h"
#include "tests/support/dates.h"
#include "tests/support/tax_codes.h"

namespace hq::test {
namespace {

using nlohmann::json;

class AuditEscalationApi : public ApiTest {
 protected:
  static std::string tax_code(long long n) { return test::tax_code("06", n); }
  ApiClient account(const std::string& username, const std::string& unit, const std::string& role) {
    identity::IdentityService(db()).create_account_with_password({username, "Người dùng " + username, unit, "", "", "", "", {role}},
                                                                 kDemoPassword, false);
    return logged_in(username);
  }
  // A submitted premises proposal of the officer's unit; the enterprise is created when missing.
  static ApiResponse propose(ApiClient& officer, const std::string& code) {
    officer.post("/api/v1/audit/enterprises", {{"tax_code", code}, {"name", "Công ty CP Trùng Lặp " + code}});
    const auto sid = officer.get("/api/v1/audit/search?tax_code=" + code).body.value("search_id", "");
    return officer.post("/api/v1/audit/proposals", {{"tax_code", code}, {"place", "PREMISES"}, {"grounds", "SIGNS_OF_VIOLATION"},
                                                    {"period_from", "2024-01-01"}, {"period_to", "2024-12-31"},
                                                    {"search_id", sid}});
  }
  static json find_by(const json& items, const std::string& key, const json& value) {
    for (const auto& item : items)
      if (item.contains(key) && item[key] == value) return item;
    return json();
  }
  // Moves the block back in time, as if the later proposal had waited that many days.
  void age_escalations(int days) {
    db().transaction([&](soci::session& sql) {
      const long long seconds = days * 86400LL;
      sql << "UPDATE audit_escalations SET blocked_since = blocked_since - :s", soci::use(seconds);
    });
  }
};
HAIQUAN_API_TEST_SUITE(AuditEscalationApi);

TEST_P(AuditEscalationApi, ABlockedProposalEscalatesToTheCucAndTheEarlierUnitIsTold) {
  ApiClient first = logged_in("02ci.canbo");
  ApiClient second = account("02b1.canbo", "02B1", "audit.officer");
  ApiClient second_leader = account("02b1.lanhdao", "02B1", "audit.leader");
  ApiClient cuc_leader = account("02.ktstq.lanhdao", "02", "audit.leader");
  ApiClient cuc_officer = account("02.ktstq.canbo", "02", "audit.officer");
  ApiClient hanoi = account("01.ktstq", "01", "audit.officer");
  const std::string code = tax_code(100);
  auto p1 = propose(first, code);
  ASSERT_EQ(p1.status, 201) << p1.raw;
  auto p2 = propose(second, code);
  ASSERT_EQ(p2.status, 201) << p2.raw;
  const auto p1_id = p1.body["id"].get<std::int64_t>(), p2_id = p2.body["id"].get<std::int64_t>();
  ASSERT_FALSE(find_by(p2.body["duplicates"], "id", p1_id).is_null());

  // The earlier unit is told of the duplicate; nobody else is.
  auto notices = first.get("/api/v1/audit/notices?unread=true");
  ASSERT_EQ(notices.status, 200) << notices.raw;
  const json told = find_by(notices.body["items"], "entity_id", p2_id);
  ASSERT_FALSE(told.is_null()) << notices.raw;
  EXPECT_EQ(told["kind"], "DUPLICATE");
  EXPECT_EQ(told["unit_code"], "02CI");
  EXPECT_NE(told["message"].get<std::string>().find(p2.body["number"].get<std::string>()), std::string::npos);
  EXPECT_GE(notices.body["unread"].get<int>(), 1);
  EXPECT_TRUE(find_by(second.get("/api/v1/audit/notices").body["items"], "entity_id", p2_id).is_null());
  EXPECT_TRUE(find_by(hanoi.get("/api/v1/audit/notices").body["items"], "entity_id", p2_id).is_null());
  // Reading a notice: its unit's users only (another unit: as if it did not exist).
  const std::string read = "/api/v1/audit/notices/" + std::to_string(told["id"].get<std::int64_t>()) + "/read";
  EXPECT_EQ(hanoi.post(read).status, 404);
  auto marked = first.post(read);
  ASSERT_EQ(marked.status, 200) << marked.raw;
  EXPECT_EQ(marked.body["read_by"], "02ci.canbo");
  EXPECT_TRUE(find_by(first.get("/api/v1/audit/notices?unread=true").body["items"], "entity_id", p2_id).is_null());
  EXPECT_EQ(logged_in("02ci.trs").get("/api/v1/audit/notices").status, 403);

  // First come, first served: the later one is blocked ...
  const std::string approve2 = "/api/v1/audit/proposals/" + std::to_string(p2_id) + "/approve";
  EXPECT_EQ(second_leader.post(approve2).error_code(), "EARLIER_PROPOSAL_PENDING");
  // ... and the block waits for N working days before it reaches the Cục above both Chi cục.
  auto waiting = cuc_leader.get("/api/v1/audit/escalations");
  ASSERT_EQ(waiting.status, 200) << waiting.raw;
  json esc = find_by(waiting.body["items"], "tax_code", code);
  ASSERT_FALSE(esc.is_null()) << waiting.raw;
  EXPECT_EQ(esc["state"], "WAITING");
  EXPECT_EQ(esc["unit_code"], "02");
  EXPECT_EQ(esc["blocked"]["id"], p2_id);
  EXPECT_EQ(esc["blocking"]["id"], p1_id);
  EXPECT_FALSE(esc["may_decide"].get<bool>());
  const std::string decide = "/api/v1/audit/escalations/" + std::to_string(esc["id"].get<std::int64_t>()) + "/decide";
  auto early = cuc_leader.post(decide, {{"decision", "PROCEED"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_code(), "NOT_ESCALATED_YET");
  EXPECT_EQ(early.body["error"]["details"]["escalates_on"], esc["escalates_on"]);

  age_escalations(40);
  esc = find_by(cuc_leader.get("/api/v1/audit/escalations?state=ESCALATED").body["items"], "tax_code", code);
  ASSERT_FALSE(esc.is_null());
  EXPECT_TRUE(esc["may_decide"].get<bool>());
  // The attacks: the two Chi cục's leaders are below the escalation (not theirs to see), an officer of the Cục
  // is no leader, another Cục sees nothing, a bad decision is refused.
  EXPECT_EQ(second_leader.post(decide, {{"decision", "PROCEED"}}).status, 404);
  EXPECT_EQ(logged_in("02ci.lanhdao").post(decide, {{"decision", "PROCEED"}}).status, 404);
  EXPECT_EQ(cuc_officer.post(decide, {{"decision", "PROCEED"}}).status, 403);
  EXPECT_EQ(hanoi.post(decide, {{"decision", "PROCEED"}}).status, 404);
  EXPECT_EQ(cuc_officer.get("/api/v1/audit/escalations").status, 403);
  EXPECT_TRUE(find_by(second_leader.get("/api/v1/audit/escalations").body["items"], "tax_code", code).is_null());
  EXPECT_EQ(cuc_leader.post(decide, {{"decision", "MAYBE"}}).status, 400);
  EXPECT_EQ(cuc_leader.get("/api/v1/audit/escalations?state=LATER").status, 400);

  auto decided = cuc_leader.post(decide, {{"decision", "PROCEED"}, {"note", "Chi cục 02B1 đã có hồ sơ đầy đủ"}});
  ASSERT_EQ(decided.status, 200) << decided.raw;
  EXPECT_EQ(decided.body["state"], "PROCEED");
  EXPECT_EQ(decided.body["decided_by"], "02.ktstq.lanhdao");
  // Decided once: a second decision (the other way) is refused.
  EXPECT_EQ(cuc_leader.post(decide, {{"decision", "KEEP"}}).error_code(), "INVALID_TRANSITION");
  // Both units are told.
  for (ApiClient* c : {&first, &second}) {
    const auto items = c->get("/api/v1/audit/notices").body["items"];
    EXPECT_TRUE(std::any_of(items.begin(), items.end(), [](const json& n) { return n["kind"] == "ESCALATION_DECIDED"; }));
  }
  // The later proposal may now be approved; the earlier one, still pending, then meets rule 5.
  auto approved = second_leader.post(approve2);
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["status"], "APPROVED");
  EXPECT_EQ(logged_in("02ci.lanhdao").post("/api/v1/audit/proposals/" + std::to_string(p1_id) + "/approve").error_code(),
            "ALREADY_APPROVED_THIS_YEAR");
  // Exported as the list is.
  EXPECT_EQ(cuc_leader.get("/api/v1/audit/escalations?format=xlsx").status, 200);
}

TEST_P(AuditEscalationApi, KeepingTheBlockLeavesTheLaterProposalWaiting) {
  ApiClient first = logged_in("02ci.canbo");
  ApiClient second = account("02b1.canbo", "02B1", "audit.officer");
  ApiClient second_leader = account("02b1.lanhdao", "02B1", "audit.leader");
  ApiClient cuc_leader = account("02.ktstq.lanhdao", "02", "audit.leader");
  const std::string code = tax_code(200);
  ASSERT_EQ(propose(first, code).status, 201);
  auto p2 = propose(second, code);
  ASSERT_EQ(p2.status, 201);
  age_escalations(40);
  const json esc = find_by(cuc_leader.get("/api/v1/audit/escalations").body["items"], "tax_code", code);
  ASSERT_FALSE(esc.is_null());
  const std::string decide = "/api/v1/audit/escalations/" + std::to_string(esc["id"].get<std::int64_t>()) + "/decide";
  auto kept = cuc_leader.post(decide, {{"decision", "KEEP"}});
  ASSERT_EQ(kept.status, 200) << kept.raw;
  EXPECT_EQ(kept.body["state"], "KEEP");
  EXPECT_EQ(second_leader.post("/api/v1/audit/proposals/" + std::to_string(p2.body["id"].get<std::int64_t>()) + "/approve").error_code(),
            "EARLIER_PROPOSAL_PENDING");
}

TEST_P(AuditEscalationApi, NoLeaderDecidesAnEscalationOfTheirOwnProposal) {
  ApiClient first = logged_in("02ci.canbo");
  ApiClient admin = logged_in("admin", kAdminPassword);
  const std::string code = tax_code(400);
  ASSERT_EQ(propose(first, code).status, 201);
  // The platform administrator (at the General Department) proposes the same enterprise later: the block goes to
  // the General Department, whose only leader here is that administrator.
  auto own = propose(admin, code);
  ASSERT_EQ(own.status, 201) << own.raw;
  age_escalations(40);
  const json esc = find_by(admin.get("/api/v1/audit/escalations").body["items"], "tax_code", code);
  ASSERT_FALSE(esc.is_null());
  EXPECT_EQ(esc["state"], "ESCALATED");
  EXPECT_FALSE(esc["may_decide"].get<bool>());
  auto refused = admin.post("/api/v1/audit/escalations/" + std::to_string(esc["id"].get<std::int64_t>()) + "/decide",
                            {{"decision", "PROCEED"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_code(), "OWN_WORK");
}

TEST_P(AuditEscalationApi, TheEscalationDelayIsASettingOfTheAuditDepartment) {
  EXPECT_EQ(logged_in("02ci.canbo").get("/api/v1/audit/settings/escalation").body["escalation_working_days"], 5);
  EXPECT_EQ(logged_in("02ci.lanhdao").put("/api/v1/audit/settings/escalation", {{"escalation_working_days", 3}}).status, 403);
  ApiClient dept = logged_in("ktstq.lanhdao");
  EXPECT_EQ(dept.put("/api/v1/audit/settings/escalation", {{"escalation_working_days", 0}}).status, 400);
  EXPECT_EQ(dept.put("/api/v1/audit/settings/escalation", {{"escalation_working_days", 61}}).status, 400);
  auto set = dept.put("/api/v1/audit/settings/escalation", {{"escalation_working_days", 3}});
  ASSERT_EQ(set.status, 200) << set.raw;
  EXPECT_EQ(logged_in("02ci.canbo").get("/api/v1/audit/settings/escalation").body["escalation_working_days"], 3);
}

TEST_P(AuditEscalationApi, TheReportingCalendarRemindsAndTheLevelAboveChases) {
  ApiClient dept = logged_in("ktstq.lanhdao");
  ApiClient officer = logged_in("02ci.canbo");
  ApiClient cuc_leader = account("02.ktstq.lanhdao", "02", "audit.leader");
  ApiClient hanoi = account("01.ktstq", "01", "audit.officer");
  const json open_period = {{"form", "form19"}, {"from", iso_day(-40)}, {"to", iso_day(-10)}, {"due_on", iso_day(0)}};
  EXPECT_EQ(logged_in("02ci.lanhdao").post("/api/v1/audit/report-periods", open_period).status, 403);
  auto created = dept.post("/api/v1/audit/report-periods", open_period);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["phase"], "RECONCILE");
  EXPECT_EQ(dept.post("/api/v1/audit/report-periods", open_period).error_code(), "REPORT_PERIOD_EXISTS");
  EXPECT_EQ(dept.post("/api/v1/audit/report-periods", {{"form", "form19"}, {"from", iso_day(-5)}, {"to", iso_day(-1)}, {"due_on", iso_day(-2)}})
                .error_code(),
            "INVALID_DUE_DATE");
  const std::string id = std::to_string(created.body["id"].get<std::int64_t>());
  const std::string base = "/api/v1/audit/report-periods/" + id;

  // The officer's calendar reminds them (their Chi cục has not reconciled).
  auto calendar = officer.get("/api/v1/audit/report-periods?year=" + std::to_string(today_date().year));
  ASSERT_EQ(calendar.status, 200) << calendar.raw;
  const json mine = find_by(calendar.body["items"], "id", created.body["id"]);
  ASSERT_FALSE(mine.is_null());
  EXPECT_EQ(mine["own_unit_code"], "02CI");
  EXPECT_TRUE(mine["remind"].get<bool>());

  // The Cục sees its units, none reconciled; a Chi cục sees itself; another Cục may not look at 02.
  auto status = cuc_leader.get(base + "/units");
  ASSERT_EQ(status.status, 200) << status.raw;
  EXPECT_EQ(status.body["reconciled"], 0);
  EXPECT_EQ(status.body["missing"], 3);  // 02, 02B1, 02CI (the Đội reports through its Chi cục)
  EXPECT_EQ(officer.get(base + "/units").body["missing"], 1);
  EXPECT_EQ(hanoi.get(base + "/units?unit=02").status, 403);

  // Chasing: the level above only, never the unit itself, never another Cục's unit.
  EXPECT_EQ(logged_in("02ci.lanhdao").post(base + "/chase", {{"unit", "02CI"}}).status, 403);
  EXPECT_EQ(hanoi.post(base + "/chase", {{"unit", "02CI"}}).status, 404);
  auto chased = cuc_leader.post(base + "/chase", {{"unit", "02CI"}});
  ASSERT_EQ(chased.status, 200) << chased.raw;
  EXPECT_EQ(find_by(chased.body["units"], "code", "02CI")["chases"], 1);
  const auto notices = officer.get("/api/v1/audit/notices").body["items"];
  EXPECT_TRUE(std::any_of(notices.begin(), notices.end(), [](const json& n) { return n["kind"] == "RECONCILE_CHASE"; }));

  // Reconciling: the unit's own users (or above), a reporting unit only.
  EXPECT_EQ(hanoi.post(base + "/reconcile", {{"unit", "02CI"}}).status, 403);
  EXPECT_EQ(officer.post(base + "/reconcile", {{"unit", "02CI01"}}).error_code(), "NOT_A_REPORTING_UNIT");
  auto done = officer.post(base + "/reconcile", {{"note", "Đã đối chiếu với sổ theo dõi"}});
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_TRUE(find_by(done.body["units"], "code", "02CI")["reconciled"].get<bool>());
  EXPECT_EQ(cuc_leader.post(base + "/chase", {{"unit", "02CI"}}).error_code(), "ALREADY_RECONCILED");
  EXPECT_EQ(cuc_leader.get(base + "/units").body["missing"], 2);
  // Form 19 of the period shows the sign-off.
  auto form = cuc_leader.get("/api/v1/audit/reports/form19?unit=02&from=" + iso_day(-40) + "&to=" + iso_day(-10));
  ASSERT_EQ(form.status, 200);
  const auto& missing = form.body["not_reconciled"];
  EXPECT_EQ(std::find(missing.begin(), missing.end(), "02CI"), missing.end());

  // A period whose reconciliation has not opened yet refuses it.
  auto later = dept.post("/api/v1/audit/report-periods", {{"form", "form20"}, {"from", iso_day(-40)}, {"to", iso_day(-10)}, {"due_on", iso_day(30)}});
  ASSERT_EQ(later.status, 201) << later.raw;
  EXPECT_EQ(later.body["phase"], "UPCOMING");
  const std::string later_base = "/api/v1/audit/report-periods/" + std::to_string(later.body["id"].get<std::int64_t>());
  EXPECT_EQ(officer.post(later_base + "/reconcile", json::object()).error_code(), "RECONCILE_NOT_OPEN");
  EXPECT_EQ(cuc_leader.post(later_base + "/chase", {{"unit", "02CI"}}).error_code(), "RECONCILE_NOT_OPEN");

  // Exports.
  auto sheet = cuc_leader.get(base + "/units?format=xlsx");
  ASSERT_EQ(sheet.status, 200);
  std::vector<std::vector<std::string>> rows;
  sheets::read_xlsx_rows_from_bytes(sheet.raw, [&](std::size_t, const std::vector<std::string>& cells) { rows.push_back(cells); });
  ASSERT_EQ(rows.size(), 5u);  // title, header, three units
  EXPECT_EQ(rows[1][0], "Mã đơn vị");
  EXPECT_EQ(officer.get("/api/v1/audit/report-periods?format=xlsx").status, 200);
  EXPECT_EQ(logged_in("02ci.trs").get("/api/v1/audit/report-periods").status, 403);
  EXPECT_EQ(officer.get("/api/v1/audit/report-periods/999999/units").status, 404);
}

TEST_P(AuditEscalationApi, Form19CountsPenaltyDecisionsOfApprovedConclusions) {
  ApiClient officer = logged_in("02ci.canbo"), leader = logged_in("02ci.lanhdao");
  const std::string code = tax_code(300);
  officer.post("/api/v1/audit/enterprises", {{"tax_code", code}, {"name", "Công ty TNHH Xử Phạt " + code}});
  const auto sid = officer.get("/api/v1/audit/search?tax_code=" + code).body.value("search_id", "");
  auto p = officer.post("/api/v1/audit/proposals", {{"tax_code", code}, {"place", "OFFICE"}, {"grounds", "RISK_MANAGEMENT"},
                                                    {"period_from", "2024-01-01"}, {"period_to", "2024-12-31"}, {"search_id", sid}});
  ASSERT_EQ(p.status, 201) << p.raw;
  const std::string base = "/api/v1/audit/proposals/" + std::to_string(p.body["id"].get<std::int64_t>());
  ASSERT_EQ(leader.post(base + "/approve").status, 200);
  auto decision = officer.post(base + "/decisions", {{"kind", "ORIGINAL"}, {"number", "QĐ-31"}, {"signed_on", iso_day(0)},
                                                     {"start_on", iso_day(0)}, {"working_days", 5}});
  ASSERT_EQ(decision.status, 201) << decision.raw;
  ASSERT_EQ(leader.post(base + "/decisions/" + std::to_string(decision.body["id"].get<long long>()) + "/approve").status, 200);
  ASSERT_EQ(officer.post(base + "/conclusion", {{"number", "KL-31"}, {"signed_on", iso_day(0)}, {"amounts", {{"penalty", 700}}}}).status, 201);
  const std::string form19 = "/api/v1/audit/reports/form19?unit=02CI&from=" + iso_day(0) + "&to=" + iso_day(0);
  const auto count = [&] { return leader.get(form19).body["total"].value("penalty_decisions", std::int64_t{-1}); };
  const auto before = count();
  ASSERT_GE(before, 0);
  ASSERT_EQ(officer.post(base + "/penalties", {{"number", "QĐXP-1"}, {"signed_on", iso_day(0)}, {"amount", 500}}).status, 201);
  ASSERT_EQ(officer.post(base + "/penalties", {{"number", "QĐXP-2"}, {"signed_on", iso_day(0)}, {"amount", 200}}).status, 201);
  EXPECT_EQ(count(), before);  // the conclusion is not approved yet
  ASSERT_EQ(leader.post(base + "/conclusion/approve").status, 200);
  EXPECT_EQ(count(), before + 2);
  // Counted in the period they were signed only; the money stays the conclusion's penalty, not added twice.
  const auto total = leader.get(form19).body["total"];
  EXPECT_GE(total["penalty"].get<std::int64_t>(), 700);
  const auto columns = leader.get(form19).body["columns"];
  EXPECT_FALSE(find_by(columns, "key", "penalty_decisions").is_null());
}

}  // namespace
}  // namespace hq::test
