// Security review, identity and history findings: each test is the attack as the review wrote it, over the
// in-process API on SQLite and PostgreSQL. Every one of them succeeded before the fix.
#include <algorithm>
#include <atomic>
#include <barrier>
#include <thread>

#include <sodium.h>

#include "identity/crypto.h"
#include "tests/api/api_fixture.h"

namespace hq::test {
namespace {

using nlohmann::json;

class IdentitySecurity : public ApiTest {
 protected:
  // An account created by the platform administrator (password changed so it can work at once).
  void make_account(const std::string& username, const std::string& unit, const json& roles) {
    ApiClient admin = logged_in("admin", kAdminPassword);
    auto created = admin.post("/api/v1/accounts",
                              {{"username", username}, {"full_name", "Tài khoản thử"}, {"unit_code", unit}, {"roles", roles}});
    ASSERT_EQ(created.status, 201) << created.raw;
    ApiClient user = client();
    ASSERT_EQ(user.login(username, created.body["temporary_password"].get<std::string>()).status, 200);
    ASSERT_EQ(user.post("/api/v1/auth/password", {{"old_password", created.body["temporary_password"]},
                                                  {"new_password", kDemoPassword}})
                  .status,
              200);
  }
  std::string propose(ApiClient& c, const std::string& kind, const std::string& unit, const std::string& username,
                      const json& roles, int expected = 201) {
    auto r = c.post("/api/v1/account-requests", {{"kind", kind}, {"unit_code", unit}, {"username", username},
                                                 {"full_name", "Người mới"}, {"roles", roles}, {"reason", "Thử"}});
    EXPECT_EQ(r.status, expected) << r.raw;
    return r.status == 201 ? std::to_string(r.body["id"].get<long long>()) : "";
  }
  long long count(const std::string& query) {
    long long n = 0;
    db().read([&](soci::session& sql) { sql << query, soci::into(n); });
    return n;
  }
};
HAIQUAN_API_TEST_SUITE(IdentitySecurity);

// High 1 — a Chi cục administrator takes over the platform: grants itself unit.leader, proposes to revoke
// `admin`, approves and applies its own request.
TEST_P(IdentitySecurity, ChiCucAdministratorCannotEscalateThroughAccountRequests) {
  ApiClient qt = logged_in("02ci_qt");
  auto self_grant = qt.patch("/api/v1/accounts/02ci_qt", {{"roles", {"unit.admin", "unit.leader"}}});
  EXPECT_EQ(self_grant.status, 403) << self_grant.raw;
  // Requests must name accounts of the requesting unit, never a platform administrator's.
  propose(qt, "REVOKE", "02CI", "admin", json::array(), 400);
  propose(qt, "CHANGE", "02CI", "02_qt", json::array(), 400);
  propose(qt, "REVOKE", "02", "02_qt", json::array(), 403);
  propose(qt, "REVOKE", "01B1", "admin", json::array(), 403);
  propose(qt, "CHANGE", "02CI", "02ci_qt", {"unit.admin", "unit.leader"}, 403);  // no roles for itself
  make_account("pa.02ci", "02CI", {"platform.admin"});
  propose(qt, "REVOKE", "02CI", "pa.02ci", json::array(), 403);
  // Even holding unit.leader (given by the platform administrator), the proposer never approves its own request.
  ASSERT_EQ(logged_in("admin", kAdminPassword)
                .patch("/api/v1/accounts/02ci_qt", {{"roles", {"unit.admin", "unit.leader"}}})
                .status,
            200);
  ApiClient both = logged_in("02ci_qt");
  const std::string id = propose(both, "REVOKE", "02CI", "02ci.canbo", json::array());
  auto own = both.post("/api/v1/account-requests/" + id + "/approve");
  EXPECT_EQ(own.status, 403) << own.raw;
  EXPECT_EQ(both.post("/api/v1/account-requests/" + id + "/reject").status, 403);
  EXPECT_EQ(client().login("admin", kAdminPassword).status, 200);
}

// High 2 — a Cục administrator resets the password of a platform administrator placed in the Cục and of a
// Chi cục's officer (the Chi cục has its own 02ci_qt).
TEST_P(IdentitySecurity, CucAdministratorDoesNotAdministerPlatformAdminsOrChiCuc) {
  make_account("pa.02", "02", {"platform.admin"});
  ApiClient cuc = logged_in("02_qt");
  auto reset = cuc.post("/api/v1/accounts/pa.02/reset-password");
  EXPECT_EQ(reset.status, 403) << reset.raw;
  EXPECT_EQ(cuc.post("/api/v1/accounts/pa.02/disable").status, 403);
  EXPECT_EQ(cuc.post("/api/v1/accounts/02ci.canbo/reset-password").status, 403);
  EXPECT_EQ(cuc.post("/api/v1/accounts/02ci_qt/disable").status, 403);
  EXPECT_EQ(cuc.patch("/api/v1/accounts/02ci.canbo", {{"roles", {"audit.leader"}}}).status, 403);
  EXPECT_EQ(cuc.patch("/api/v1/units/02CI", {{"name", "Đổi tên"}}).status, 403);
  EXPECT_EQ(cuc.post("/api/v1/accounts", {{"username", "hcm.x"}, {"full_name", "X"}, {"unit_code", "02B1"}}).status, 403);
  // The Chi cục's own administrator still administers it and its Đội.
  ApiClient chi_cuc = logged_in("02ci_qt");
  EXPECT_EQ(chi_cuc.post("/api/v1/accounts/02ci.canbo/reset-password").status, 200);
  EXPECT_EQ(chi_cuc.post("/api/v1/accounts", {{"username", "doi.x"}, {"full_name", "X"}, {"unit_code", "02CI01"}}).status,
            201);
  EXPECT_EQ(client().login("pa.02", kDemoPassword).status, 200);
}

// High 3 — any signed-in user lists the whole nation's history of an entity type, and reads any entity's.
TEST_P(IdentitySecurity, HistoryIsReadWithTheRightsOfItsEntities) {
  client().login("admin", kAdminPassword);  // an auth.login entry of the platform administrator
  ApiClient officer = logged_in("02ci.canbo");
  auto accounts = officer.get("/api/v1/history?entity_type=account&page_size=200");
  ASSERT_EQ(accounts.status, 200) << accounts.raw;
  EXPECT_GT(accounts.body["total"].get<int>(), 0);
  for (const auto& e : accounts.body["items"]) {
    const std::string id = e["entity_id"];
    EXPECT_EQ(id.rfind("02ci", 0), 0u) << id;  // only accounts of the officer's Chi cục
  }
  EXPECT_EQ(accounts.body["total"].get<int>(), static_cast<int>(accounts.body["items"].size()));
  EXPECT_EQ(officer.get("/api/v1/history?entity_type=account&entity_id=admin").status, 404);
  EXPECT_EQ(officer.get("/api/v1/history?entity_type=unit&entity_id=01").status, 404);
  EXPECT_EQ(officer.get("/api/v1/history?entity_type=unit&entity_id=02CI").status, 200);
  // Audit records: through the audit service's own scope (the Cục KTSTQ's proposal is not the Chi cục's).
  const auto proposal_of = [&](const std::string& unit) {
    return std::to_string(count("SELECT MIN(p.id) FROM audit_proposals p JOIN units u ON u.id = p.unit_id "
                                "WHERE u.code = '" + unit + "'"));
  };
  EXPECT_EQ(officer.get("/api/v1/history?entity_type=audit_proposal&entity_id=" + proposal_of("KTSTQ")).status, 404);
  EXPECT_EQ(officer.get("/api/v1/history?entity_type=audit_proposal&entity_id=" + proposal_of("02CI")).status, 200);
  EXPECT_EQ(officer.get("/api/v1/history?entity_type=audit_feedback").body["total"], 0);  // unregistered type
  EXPECT_EQ(officer.get("/api/v1/history?entity_type=nonsense&entity_id=1").status, 404);
  EXPECT_EQ(officer.get("/api/v1/history").status, 400);
  EXPECT_EQ(officer.get("/api/v1/history/verify").status, 403);
  ApiClient admin = logged_in("admin", kAdminPassword);
  EXPECT_EQ(admin.get("/api/v1/history?entity_type=account&entity_id=admin").status, 200);
  EXPECT_GT(admin.get("/api/v1/history?entity_type=account").body["total"].get<int>(), accounts.body["total"].get<int>());
}

// Medium — two people carry out the same transition at the same moment: exactly one wins.
TEST_P(IdentitySecurity, ConcurrentDecisionsOnOneRequestHaveOneWinner) {
  make_account("02ci.pho", "02CI", {"unit.leader"});
  ApiClient qt = logged_in("02ci_qt");
  for (int round = 0; round < 3; ++round) {
    const std::string id = propose(qt, "CHANGE", "02CI", "02ci.trs", {"trs.officer", "audit.officer"});
    std::vector<ApiClient> deciders = {logged_in("02ci.truong"), logged_in("02ci.pho")};
    std::vector<ApiClient> appliers = {logged_in("02ci_qt"), logged_in("02ci_qt")};
    for (const std::string action : {"approve", "apply"}) {
      auto& clients = action == "approve" ? deciders : appliers;
      std::barrier start(2);
      std::vector<int> statuses(2);
      std::vector<std::thread> threads;
      for (int i = 0; i < 2; ++i)
        threads.emplace_back([&, i] {
          start.arrive_and_wait();
          statuses[i] = clients[i].post("/api/v1/account-requests/" + id + "/" + action).status;
        });
      for (auto& t : threads) t.join();
      std::sort(statuses.begin(), statuses.end());
      EXPECT_EQ(statuses, (std::vector<int>{200, 409})) << action << " round " << round;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM history WHERE action = 'account_request.apply' AND entity_id = '" + id + "'"),
              1);
  }
}

// Medium — concurrent wrong passwords each wrote back "1": the account never locked.
TEST_P(IdentitySecurity, ConcurrentWrongPasswordsStillLockTheAccount) {
  std::vector<ApiClient> attackers;
  for (int i = 0; i < 5; ++i) attackers.emplace_back(router(), "10.9.0." + std::to_string(i));
  std::barrier start(5);
  std::vector<std::thread> threads;
  for (auto& attacker : attackers)
    threads.emplace_back([&] {
      start.arrive_and_wait();
      attacker.login("02ci.canbo", "sai-mat-khau-123");
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ApiClient(router(), "10.9.1.1").login("02ci.canbo", kDemoPassword).error_code(), "ACCOUNT_LOCKED");
}

// Medium — one address tries passwords across many accounts without limit.
TEST_P(IdentitySecurity, OneAddressIsThrottledAfterTooManyFailures) {
  ApiClient attacker(router(), "10.9.2.2");
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(attacker.login("nguoi.dung" + std::to_string(i), "doan-mat-khau-1").status, 401);
  auto refused = attacker.login("02ci.canbo", kDemoPassword);
  EXPECT_EQ(refused.status, 429) << refused.raw;
  EXPECT_EQ(refused.error_code(), "TOO_MANY_LOGIN_ATTEMPTS");
  const auto retry = std::find_if(refused.headers.begin(), refused.headers.end(),
                                  [](const auto& h) { return h.first == "Retry-After"; });
  ASSERT_NE(retry, refused.headers.end());
  EXPECT_GT(std::stoi(retry->second), 0);
  EXPECT_EQ(ApiClient(router(), "10.9.2.3").login("02ci.canbo", kDemoPassword).status, 200);
}

// Medium — a disabled account answered ACCOUNT_DISABLED to any password: names of accounts could be listed.
TEST_P(IdentitySecurity, DisabledAccountsAnswerWrongPasswordsLikeUnknownNames) {
  ASSERT_EQ(logged_in("02ci_qt").post("/api/v1/accounts/02ci.canbo/disable").status, 200);
  auto disabled = client().login("02ci.canbo", "doan-mat-khau-1");
  auto unknown = client().login("khong.co.ai", "doan-mat-khau-1");
  EXPECT_EQ(disabled.status, 401);
  EXPECT_EQ(disabled.raw, unknown.raw);
  EXPECT_EQ(client().login("02ci.canbo", kDemoPassword).error_code(), "ACCOUNT_DISABLED");
}

// Low — a stolen session survived the password change; a browser's earlier session survived a new login.
TEST_P(IdentitySecurity, PasswordChangeAndNewLoginEndOldSessions) {
  ApiClient thief = logged_in("02ci.canbo");
  ApiClient owner = logged_in("02ci.canbo");
  ASSERT_EQ(owner.post("/api/v1/auth/password", {{"old_password", kDemoPassword}, {"new_password", "Bến-Nghé-2026"}}).status,
            200);
  EXPECT_EQ(thief.get("/api/v1/me").status, 401);
  EXPECT_EQ(owner.get("/api/v1/me").status, 200);
  const std::string sessions_of =
      "SELECT COUNT(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.username = '02ci.canbo'";
  EXPECT_EQ(count(sessions_of), 1);
  ASSERT_EQ(owner.login("02ci.canbo", "Bến-Nghé-2026").status, 200);  // sends its current cookie along
  EXPECT_EQ(count(sessions_of), 1);
}

// Low — the session cookie went out without Secure unless asked for.
TEST_P(IdentitySecurity, SessionCookieIsSecureHostCookieUnlessInsecureIsAsked) {
  auto cookie_of = [](const ApiResponse& r) {
    for (const auto& [name, value] : r.headers)
      if (name == "Set-Cookie") return value;
    return std::string();
  };
  const std::string secure = cookie_of(client().login("admin", kAdminPassword));
  EXPECT_EQ(secure.rfind("__Host-hq_session=", 0), 0u) << secure;
  EXPECT_NE(secure.find("; Secure"), std::string::npos);
  EXPECT_NE(secure.find("Path=/;"), std::string::npos);
  EXPECT_EQ(secure.find("Domain"), std::string::npos);
  app::Options options;
  options.web_root = "/nonexistent";
  options.insecure_cookies = true;
  app::Server local(db(), options);
  ApiClient browser(local.router());
  const std::string insecure = cookie_of(browser.login("admin", kAdminPassword));
  EXPECT_EQ(insecure.rfind("hq_session=", 0), 0u) << insecure;
  EXPECT_EQ(insecure.find("Secure"), std::string::npos);
  EXPECT_EQ(browser.get("/api/v1/me").status, 200);
}

// Low — with \x1f between fields, text moved from one field into the next kept the entry's hash.
TEST_P(IdentitySecurity, MovingTextBetweenHistoryFieldsBreaksTheChain) {
  ApiClient qt = logged_in("02ci_qt");
  auto r = qt.post("/api/v1/account-requests", {{"kind", "NEW"}, {"unit_code", "02CI"}, {"username", "02ci.moi"},
                                                {"full_name", "Mới"}, {"reason", "Điều động\x1fghi chú"}});
  ASSERT_EQ(r.status, 201) << r.raw;
  db().transaction([](soci::session& sql) {
    long long id = 0;
    std::string summary, client;
    sql << "SELECT id, summary, client_address FROM history WHERE action = 'account_request.propose'", soci::into(id),
        soci::into(summary), soci::into(client);
    const auto cut = summary.find('\x1f');
    const std::string moved_summary = summary.substr(0, cut), moved_client = summary.substr(cut + 1) + "\x1f" + client;
    sql << "UPDATE history SET summary = :s, client_address = :c WHERE id = :id", soci::use(moved_summary),
        soci::use(moved_client), soci::use(id);
  });
  auto verify = logged_in("admin", kAdminPassword).get("/api/v1/history/verify");
  ASSERT_EQ(verify.status, 200);
  EXPECT_FALSE(verify.body["ok"].get<bool>());
}

// Low — hashes made with lower Argon2id limits stayed as they were forever.
TEST_P(IdentitySecurity, WeakPasswordHashesAreUpgradedAtLogin) {
  const std::string weak =
      identity::hash_password_with(kDemoPassword, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
  db().transaction([&](soci::session& sql) {
    sql << "UPDATE accounts SET password_hash = :h WHERE username = '02ci.canbo'", soci::use(weak);
  });
  ASSERT_EQ(client().login("02ci.canbo", kDemoPassword).status, 200);
  std::string stored;
  db().read([&](soci::session& sql) {
    sql << "SELECT password_hash FROM accounts WHERE username = '02ci.canbo'", soci::into(stored);
  });
  EXPECT_NE(stored, weak);
  EXPECT_FALSE(identity::password_needs_rehash(stored));
  EXPECT_EQ(client().login("02ci.canbo", kDemoPassword).status, 200);
}

}  // namespace
}  // namespace hq::test
