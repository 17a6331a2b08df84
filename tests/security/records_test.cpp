// Security review (issue 9), the records part, each finding written as the attack, over the in-process router
// on SQLite and PostgreSQL:
//  - audit records of other units: the enterprise record and the search hand another unit's findings, amounts,
//    penalties and complaints to any audit officer;
//  - trs import: a branch officer's file takes over (and falsifies) another branch's declaration;
//  - races: two leaders (officers) making the same transition at once both win on PostgreSQL;
//  - the enterprise import holds every row in memory and lists only the first 200 bad lines.
#include <chrono>
#include <future>
#include <thread>

#include "identity/service.h"
#include "tests/api/api_fixture.h"
#include "tests/support/dates.h"
#include "tests/support/tax_codes.h"
#include "tests/support/trs_study.h"

namespace hq::test {
namespace {

using nlohmann::json;

constexpr const char* kDoneTaxCode = "0300588569";   // demo: 02CI's approved proposal with a conclusion
constexpr const char* kCollectedTaxCode = "0100109106";  // demo: 02CI's collection waiting for approval

class RecordsAttack : public ApiTest {
 protected:
  // An audit or trs account of any unit, with the demo password.
  ApiClient account(const std::string& username, const std::string& unit, std::vector<std::string> roles) {
    identity::IdentityService(db()).create_account_with_password({username, "Người thử " + username, unit, "", "", "", "",
                                                                  std::move(roles)},
                                                                 kDemoPassword, false);
    return logged_in(username);
  }
  bool postgres() const { return GetParam() == "postgresql"; }

  static std::string tax_code(long long n) { return test::tax_code("05", n); }
  // An approved premises proposal of 02CI for a fresh enterprise; returns its id.
  std::string approved_proposal(ApiClient& officer, ApiClient& leader, long long n) {
    const std::string code = tax_code(n);
    const auto sid = officer.get("/api/v1/audit/search?tax_code=" + code).body.value("search_id", "");
    auto created = officer.post("/api/v1/audit/proposals",
                                {{"tax_code", code}, {"place", "PREMISES"}, {"grounds", "SIGNS_OF_VIOLATION"},
                                 {"period_from", "2024-01-01"}, {"period_to", "2025-06-30"}, {"search_id", sid}});
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string id = std::to_string(created.body.value("id", 0));
    EXPECT_EQ(leader.post("/api/v1/audit/proposals/" + id + "/approve").status, 200);
    return id;
  }
  std::string demo_proposal_id(ApiClient& owner) {
    auto record = owner.get(std::string("/api/v1/audit/enterprises/") + kDoneTaxCode);
    EXPECT_EQ(record.status, 200) << record.raw;
    return std::to_string(record.body["proposals"][0].value("id", 0));
  }
  std::int64_t history_count(const std::string& action, const std::string& entity_id) {
    long long n = 0;
    db().read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM history WHERE action = :a AND entity_id = :e", soci::use(action), soci::use(entity_id),
          soci::into(n);
    });
    return n;
  }

  // Runs `first` and `second` at once and returns their answers. On PostgreSQL both are made to overlap: a
  // transaction holds the history chain's head (every state change appends to it last, in its own
  // transaction), the two requests start, and the head is released only once both wait on a lock — so each
  // has read the item before the other commits, whatever the scheduler does.
  std::pair<ApiResponse, ApiResponse> at_once(const std::function<ApiResponse()>& first,
                                              const std::function<ApiResponse()>& second) {
    std::promise<void> holding, release;
    std::thread blocker;
    if (postgres()) {
      blocker = std::thread([&] {
        db().transaction([&](soci::session& sql) {
          sql << "UPDATE history_head SET touched_at = touched_at WHERE id = 1";
          holding.set_value();
          release.get_future().wait();
        });
      });
      holding.get_future().wait();
    }
    auto a = std::async(std::launch::async, first), b = std::async(std::launch::async, second);
    if (postgres()) {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      long long waiting = 0;
      while (waiting < 2 && std::chrono::steady_clock::now() < deadline) {
        db().read([&](soci::session& sql) {
          sql << "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
              soci::into(waiting);
        });
        if (waiting < 2) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      EXPECT_EQ(waiting, 2) << "the two requests never waited on each other";
      release.set_value();
      blocker.join();
    }
    return {a.get(), b.get()};
  }
  // Exactly one 2xx and one 409.
  static void one_winner(const std::pair<ApiResponse, ApiResponse>& answers) {
    const auto& [a, b] = answers;
    const bool a_won = a.status / 100 == 2, b_won = b.status / 100 == 2;
    EXPECT_NE(a_won, b_won) << a.raw << "\n" << b.raw;
    EXPECT_EQ((a_won ? b : a).status, 409) << (a_won ? b : a).raw;
    const auto message = (a_won ? b : a).body["error"].value("message", "");
    EXPECT_FALSE(message.empty());
  }
};
HAIQUAN_API_TEST_SUITE(RecordsAttack);

// ---- audit records of other units ----

TEST_P(RecordsAttack, AnotherUnitsOfficerReadsNoFindingsAmountsPenaltiesOrComplaints) {
  ApiClient owner = logged_in("02ci.canbo");
  const std::string id = demo_proposal_id(owner);
  ASSERT_EQ(owner.post("/api/v1/audit/proposals/" + id + "/penalties",
                       {{"number", "77/QĐ-XPVPHC"}, {"signed_on", iso_day()}, {"violation", "Khai sai trị giá vải"},
                        {"amount", 987654321}}).status, 201);
  ASSERT_EQ(owner.post("/api/v1/audit/proposals/" + id + "/complaints",
                       {{"filed_on", iso_day()}, {"content", "Doanh nghiệp không đồng ý mức truy thu"}}).status, 201);
  ApiClient outsider = account("03cc.canbo", "03CC", {"audit.officer"});

  // The attack: the enterprise's record and the search, as an officer of another Cục's Chi cục.
  auto record = outsider.get(std::string("/api/v1/audit/enterprises/") + kDoneTaxCode);
  ASSERT_EQ(record.status, 200) << record.raw;
  for (const char* secret : {"Khai sai trị giá hải quan", "1250000000", "88/KL-02CI", "987654321", "77/QĐ-XPVPHC",
                             "không đồng ý mức truy thu", "SIGNS_OF_VIOLATION", "125/QĐ-02CI"})
    EXPECT_EQ(record.raw.find(secret), std::string::npos) << secret << " leaked: " << record.raw;
  // What the duplicate rules need is still there: the proposal exists, whose, in which state and period.
  ASSERT_EQ(record.body["proposals"].size(), 1u);
  const auto& p = record.body["proposals"][0];
  EXPECT_EQ(p["unit_code"], "02CI");
  EXPECT_EQ(p["status"], "APPROVED");
  EXPECT_TRUE(p["period_from"].is_string());
  EXPECT_TRUE(p["restricted"].get<bool>());
  EXPECT_TRUE(p["conclusion"].is_null());
  EXPECT_TRUE(p["penalties"].empty());
  EXPECT_TRUE(p["complaints"].empty());

  auto search = outsider.get(std::string("/api/v1/audit/search?tax_code=") + kDoneTaxCode);
  ASSERT_EQ(search.status, 200);
  ASSERT_EQ(search.body["proposals"].size(), 1u);
  EXPECT_EQ(search.body["proposals"][0]["unit_code"], "02CI");
  EXPECT_EQ(search.body["proposals"][0]["grounds"], "");
  EXPECT_EQ(search.raw.find("SIGNS_OF_VIOLATION"), std::string::npos) << search.raw;

  // Another unit's information collection: its signs of violation and risk areas stay with the unit.
  for (const std::string& path : {std::string("/api/v1/audit/enterprises/") + kCollectedTaxCode,
                                 std::string("/api/v1/audit/search?tax_code=") + kCollectedTaxCode}) {
    auto seen = outsider.get(path);
    ASSERT_EQ(seen.status, 200);
    EXPECT_EQ(seen.raw.find("Giá khai báo thấp hơn giá tham chiếu"), std::string::npos) << seen.raw;
    EXPECT_EQ(seen.raw.find("VALUATION"), std::string::npos) << seen.raw;
    ASSERT_EQ(seen.body["collections"].size(), 1u);
    EXPECT_EQ(seen.body["collections"][0]["unit_code"], "02CI");
    EXPECT_EQ(seen.body["collections"][0]["status"], "SUBMITTED");
  }
  // The item itself stays closed (as before).
  EXPECT_EQ(outsider.get("/api/v1/audit/proposals/" + id).status, 403);
}

TEST_P(RecordsAttack, TheUnitItsCucAndTheAuditDepartmentStillReadEverything) {
  ApiClient owner = logged_in("02ci.canbo");
  const std::string id = demo_proposal_id(owner);
  ApiClient cuc = account("02.lanhdao", "02", {"audit.leader"});
  ApiClient department = logged_in("ktstq.canbo");
  for (ApiClient* reader : {&owner, &cuc, &department}) {
    auto record = reader->get(std::string("/api/v1/audit/enterprises/") + kDoneTaxCode);
    ASSERT_EQ(record.status, 200);
    const auto& p = record.body["proposals"][0];
    EXPECT_FALSE(p["restricted"].get<bool>());
    EXPECT_EQ(p["conclusion"]["number"], "88/KL-02CI");
    EXPECT_EQ(p["conclusion"]["amounts"]["import_tax"], 1'250'000'000);
    EXPECT_EQ(p["grounds"], "SIGNS_OF_VIOLATION");
    auto collections = reader->get(std::string("/api/v1/audit/search?tax_code=") + kCollectedTaxCode);
    EXPECT_EQ(collections.body["collections"][0]["signs"], "Giá khai báo thấp hơn giá tham chiếu");
    EXPECT_EQ(reader->get("/api/v1/audit/proposals/" + id).status, 200);
  }
}

// ---- trs import takes over another branch's record ----

constexpr const char* kTrsHeader =
    "flow,branch_code,route,declaration_no,type_code,arrival_at,registered_at,channel,doc_assigned_at,"
    "doc_check_start_at,doc_check_end_at,inspect_assigned_at,direct_end_at,released_at,supervision_start_at,"
    "supervision_confirmed_at,delay_reasons";

class TrsTakeover : public RecordsAttack {
 protected:
  // A study with 02CI and 03CC; 03CC's declaration 305000000010 and 02CI's 105000000020, entered by the analyst.
  void SetUp() override {
    RecordsAttack::SetUp();
    if (IsSkipped()) return;
    analyst_ = std::make_unique<ApiClient>(logged_in("trs.phantich"));
    const std::string csv = std::string(kTrsHeader) +
                            "\nXK,03CC,SEA,305000000010,B11,,2025-06-17 09:00,GREEN,,,,,,2025-06-17 10:00,,,"
                            "\nNK,02CI,SEA,105000000020,A11,,2025-06-17 09:00,GREEN,,,,,,2025-06-17 11:00,,,\n";
    const std::string id = trs_study(*analyst_, "Đo TRS an ninh", {{"02CI", "SEA"}, {"03CC", "SEA"}}, csv);
    ASSERT_FALSE(id.empty());
    base_ = "/api/v1/trs/studies/" + id;
  }
  json stored(const std::string& number) { return analyst_->get(base_ + "/records/" + number).body; }

  std::unique_ptr<ApiClient> analyst_;
  std::string base_;
};
HAIQUAN_API_TEST_SUITE(TrsTakeover);

TEST_P(TrsTakeover, ABranchFileCannotTakeOverAnotherBranchsDeclaration) {
  ApiClient officer = logged_in("02ci.trs");
  // The attack: 03CC's declaration (same first 11 digits, amendment digit 1) under the officer's own branch,
  // with a release time of the attacker's choosing, beside one good row of its own.
  const std::string csv = std::string(kTrsHeader) +
                          "\nNK,02CI,SEA,105000000030,A11,,2025-06-17 08:00,GREEN,,,,,,2025-06-17 08:30,,,"
                          "\nXK,02CI,SEA,305000000011,B11,,2025-06-17 09:00,GREEN,,,,,,2025-06-21 23:00,,,\n";
  for (const std::string& query : {std::string(), std::string("?skip_invalid=true")}) {
    auto answer = officer.send("POST", base_ + "/import" + query, csv);
    if (query.empty()) {
      ASSERT_EQ(answer.status, 422) << answer.raw;
      const auto& cells = answer.body["error"]["details"]["bad_cells"];
      ASSERT_EQ(cells.size(), 1u) << answer.raw;
      EXPECT_EQ(cells[0]["line"], 3);
      EXPECT_EQ(cells[0]["column"], "declaration_no");
      EXPECT_NE(cells[0]["message"].get<std::string>().find("chi cục khác"), std::string::npos) << answer.raw;
      EXPECT_EQ(officer.get(base_ + "/records/105000000030").status, 404);  // all or nothing
    } else {
      ASSERT_EQ(answer.status, 200) << answer.raw;
      EXPECT_EQ(answer.body["stored"], 1);
      EXPECT_EQ(answer.body["skipped"], 1);
    }
    const json kept = stored("305000000010");
    EXPECT_EQ(kept["branch_code"], "03CC") << kept;
    EXPECT_EQ(kept["declaration_no"], "305000000010");
    EXPECT_EQ(kept["cells"]["released_at"], "2025-06-17 10:00:00");
  }
}

TEST_P(TrsTakeover, TheFormCannotTakeOverAnotherBranchsDeclarationEither) {
  ApiClient officer = logged_in("02ci.trs");
  auto entry = officer.post(base_ + "/records", {{"cells", {{"flow", "XK"}, {"branch_code", "02CI"}, {"route", "SEA"},
                                                            {"declaration_no", "305000000011"},
                                                            {"registered_at", "2025-06-17 09:00"}}}});
  ASSERT_EQ(entry.status, 422) << entry.raw;
  EXPECT_EQ(entry.error_code(), "INVALID_CELLS");
  EXPECT_EQ(entry.body["error"]["details"]["cells"][0]["column"], "declaration_no");
  auto check = officer.post(base_ + "/records/check", {{"cells", {{"flow", "XK"}, {"branch_code", "02CI"},
                                                                  {"declaration_no", "305000000010"}}}});
  ASSERT_EQ(check.status, 200);
  ASSERT_EQ(check.body["problems"].size(), 1u) << check.raw;
  EXPECT_EQ(check.body["problems"][0]["column"], "declaration_no");
  EXPECT_EQ(stored("305000000010")["branch_code"], "03CC");
  // Its own declarations it still corrects, by the form and by a re-import.
  EXPECT_EQ(officer.patch(base_ + "/records/105000000020", {{"cells", {{"channel", "YELLOW"}}}}).status, 200);
  const std::string own = std::string(kTrsHeader) + "\nNK,02CI,SEA,105000000021,A11,,2025-06-17 09:00,RED,,,,,,2025-06-17 12:00,,,\n";
  auto reimport = officer.send("POST", base_ + "/import", own);
  ASSERT_EQ(reimport.status, 200) << reimport.raw;
  EXPECT_EQ(reimport.body["replaced"], 1);
}

// ---- races: the same transition twice at once ----

TEST_P(RecordsAttack, TwoLeadersApprovingOneCollectionAtOnce) {
  ApiClient owner = logged_in("02ci.canbo");
  const auto seen = owner.get(std::string("/api/v1/audit/search?tax_code=") + kCollectedTaxCode);
  const std::string id = std::to_string(seen.body["collections"][0].value("id", 0));
  ApiClient one = logged_in("02ci.lanhdao"), two = logged_in("02ci.lanhdao");
  const std::string url = "/api/v1/audit/collections/" + id + "/approve";
  one_winner(at_once([&] { return one.post(url); }, [&] { return two.post(url); }));
  EXPECT_EQ(history_count("audit.collection.approve", id), 1);
}

TEST_P(RecordsAttack, TwoLeadersApprovingOneConclusionAtOnce) {
  ApiClient owner = logged_in("02ci.canbo");
  const std::string id = demo_proposal_id(owner);
  ApiClient one = logged_in("02ci.lanhdao"), two = logged_in("02ci.lanhdao");
  const std::string url = "/api/v1/audit/proposals/" + id + "/conclusion/approve";
  one_winner(at_once([&] { return one.post(url); }, [&] { return two.post(url); }));
  EXPECT_EQ(history_count("audit.conclusion.approve", id), 1);
}

TEST_P(RecordsAttack, TwoOfficersDecidingOneComplaintAtOnce) {
  ApiClient one = logged_in("02ci.canbo"), two = logged_in("02ci.canbo");
  const std::string proposal = demo_proposal_id(one);
  auto complaint = one.post("/api/v1/audit/proposals/" + proposal + "/complaints",
                            {{"filed_on", iso_day()}, {"content", "Không đồng ý"}});
  ASSERT_EQ(complaint.status, 201) << complaint.raw;
  const std::string url = "/api/v1/audit/complaints/" + std::to_string(complaint.body.value("id", 0)) + "/decide";
  auto answers = at_once([&] { return one.post(url, {{"decided_on", iso_day()}, {"outcome", "Giữ nguyên"}}); },
                         [&] { return two.post(url, {{"decided_on", iso_day()}, {"outcome", "Hủy kết luận"}}); });
  one_winner(answers);
  EXPECT_EQ(history_count("audit.complaint.decide", proposal), 1);
}

TEST_P(RecordsAttack, TwoOriginalDecisionsEnteredAtOnce) {
  ApiClient one = logged_in("02ci.canbo"), two = logged_in("02ci.canbo"), leader = logged_in("02ci.lanhdao");
  const std::string id = approved_proposal(one, leader, 11);
  const std::string url = "/api/v1/audit/proposals/" + id + "/decisions";
  const auto decision = [&](ApiClient& c, const char* number) {
    return c.post(url, {{"kind", "ORIGINAL"}, {"number", number}, {"signed_on", iso_day()}, {"start_on", iso_day()},
                        {"working_days", 10}});
  };
  one_winner(at_once([&] { return decision(one, "21/QĐ-02CI"); }, [&] { return decision(two, "22/QĐ-02CI"); }));
  EXPECT_EQ(history_count("audit.decision.create", id), 1);
  long long originals = 0;
  db().read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_decisions WHERE kind = 'ORIGINAL' AND proposal_id = " + id, soci::into(originals);
  });
  EXPECT_EQ(originals, 1);
}

// ---- the enterprise import: all or nothing, every bad cell named, however long the file ----

TEST_P(RecordsAttack, AnEnterpriseImportNamesEveryBadCellAndStoresNothing) {
  ApiClient officer = logged_in("02ci.canbo");
  std::vector<std::string> codes;  // 1200 different tax codes
  for (long long n = 100; codes.size() < 1200; ++n)
    if (codes.empty() || tax_code(n) != codes.back()) codes.push_back(tax_code(n));
  std::string csv = "tax_code,name,compliance_level\n";
  int bad = 0;
  for (int i = 0; i < 1200; ++i) {  // more than two batches; a bad cell on every other row
    if (i % 2) {
      csv += codes[i] + ",Công ty Thử " + std::to_string(i) + ",mức " + std::to_string(i) + "\n";
      ++bad;
    } else {
      csv += codes[i] + ",Công ty Thử " + std::to_string(i) + ",3\n";
    }
  }
  auto answer = officer.send("POST", "/api/v1/audit/enterprises/import", csv);
  ASSERT_EQ(answer.status, 422) << answer.raw.substr(0, 500);
  EXPECT_EQ(answer.error_code(), "IMPORT_INVALID");
  const auto& problems = answer.body["error"]["details"]["problems"];
  ASSERT_EQ(problems.size(), static_cast<std::size_t>(bad));
  EXPECT_EQ(problems[0]["line"], 3);
  EXPECT_EQ(problems[0]["column"], "compliance_level");
  EXPECT_EQ(problems[bad - 1]["line"], 1201);
  EXPECT_EQ(officer.get("/api/v1/audit/enterprises/" + codes[0]).status, 404);
  // The same file without the bad cells goes in whole.
  std::string good = "tax_code,name\n";
  for (int i = 0; i < 1200; ++i) good += codes[i] + ",Công ty Thử " + std::to_string(i) + "\n";
  auto imported = officer.send("POST", "/api/v1/audit/enterprises/import", good);
  ASSERT_EQ(imported.status, 200) << imported.raw.substr(0, 500);
  EXPECT_EQ(imported.body["created"], 1200);
}

}  // namespace
}  // namespace hq::test
