#include "tests/api/api_fixture.h"

namespace hq::test {
namespace {

using nlohmann::json;

class AuthApi : public ApiTest {};
HAIQUAN_API_TEST_SUITE(AuthApi);

TEST_P(AuthApi, LoginMeLogout) {
  ApiClient c = client();
  auto login = c.login("admin", kAdminPassword);
  ASSERT_EQ(login.status, 200) << login.raw;
  EXPECT_FALSE(login.body["password_change_required"].get<bool>());
  EXPECT_EQ(login.body["csrf_token"].get<std::string>().size(), 64u);
  bool http_only = false;
  for (const auto& [name, value] : login.headers)
    if (name == "Set-Cookie") http_only = value.find("HttpOnly") != std::string::npos && value.find("SameSite=Strict") != std::string::npos;
  EXPECT_TRUE(http_only);
  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.body["username"], "admin");
  EXPECT_EQ(me.body["unit_code"], "00");
  EXPECT_EQ(me.body["roles"], json::array({"platform.admin", "unit.admin"}));
  EXPECT_EQ(c.post("/api/v1/auth/logout").status, 200);
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, SessionTokenIsStoredOnlyAsHash) {
  ApiClient c = client();
  c.login("admin", kAdminPassword);
  const std::string token = c.cookie().substr(c.cookie().find('=') + 1);
  long long plain = 0;
  db().read([&](soci::session& sql) { sql << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t", soci::use(token), soci::into(plain); });
  EXPECT_EQ(plain, 0);
}

TEST_P(AuthApi, WrongPasswordAndLockoutAfterFiveFailures) {
  ApiClient c = client();
  for (int i = 0; i < 4; ++i) {
    auto wrong = c.login("02ci.canbo", "sai-mat-khau-123");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.error_code(), "INVALID_CREDENTIALS");
    EXPECT_NE(wrong.body["error"]["message"].get<std::string>().find("không đúng"), std::string::npos);
  }
  auto fifth = c.login("02ci.canbo", "sai-mat-khau-123");
  EXPECT_EQ(fifth.status, 403);
  EXPECT_EQ(fifth.error_code(), "ACCOUNT_LOCKED");
  // Locked even with the right password now.
  EXPECT_EQ(c.login("02ci.canbo", kDemoPassword).error_code(), "ACCOUNT_LOCKED");
  EXPECT_EQ(c.login("nobody.here", "whatever-123").error_code(), "INVALID_CREDENTIALS");
}

TEST_P(AuthApi, OneTimePasswordMustBeChangedFirst) {
  ApiClient admin = logged_in("admin", kAdminPassword);
  auto created = admin.post("/api/v1/accounts", {{"username", "nv.moi"}, {"full_name", "Nguyễn Văn Mới"},
                                                 {"unit_code", "02CI"}, {"roles", {"audit.officer"}}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string temporary = created.body["temporary_password"];
  ApiClient user = client();
  auto login = user.login("nv.moi", temporary);
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(login.body["password_change_required"].get<bool>());
  EXPECT_EQ(user.get("/api/v1/units").error_code(), "PASSWORD_CHANGE_REQUIRED");
  EXPECT_EQ(user.get("/api/v1/me").status, 200);
  EXPECT_EQ(user.post("/api/v1/auth/password", {{"old_password", temporary}, {"new_password", "short"}}).error_code(),
            "WEAK_PASSWORD");
  EXPECT_EQ(user.post("/api/v1/auth/password", {{"old_password", temporary}, {"new_password", "nv.moi-2026-abc"}}).error_code(),
            "WEAK_PASSWORD");  // contains the account name
  EXPECT_EQ(user.post("/api/v1/auth/password", {{"old_password", temporary}, {"new_password", "password123"}}).error_code(),
            "WEAK_PASSWORD");
  EXPECT_EQ(user.post("/api/v1/auth/password", {{"old_password", "wrong-old-one"}, {"new_password", "Bến-Nghé-2026"}}).status, 400);
  ASSERT_EQ(user.post("/api/v1/auth/password", {{"old_password", temporary}, {"new_password", "Bến-Nghé-2026"}}).status, 200);
  EXPECT_EQ(user.get("/api/v1/units").status, 200);
  EXPECT_EQ(client().login("nv.moi", "Bến-Nghé-2026").status, 200);
}

TEST_P(AuthApi, OneTimePasswordExpiresAfterThirtyDays) {
  ApiClient admin = logged_in("admin", kAdminPassword);
  auto created = admin.post("/api/v1/accounts", {{"username", "nv.cu"}, {"full_name", "Lê Cũ"}, {"unit_code", "02CI"}});
  ASSERT_EQ(created.status, 201);
  db().transaction([](soci::session& sql) {
    sql << "UPDATE accounts SET temporary_password_issued_at = temporary_password_issued_at - 31 * 86400 WHERE username = 'nv.cu'";
  });
  auto login = client().login("nv.cu", created.body["temporary_password"].get<std::string>());
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(login.error_code(), "ACCOUNT_LOCKED");
}

TEST_P(AuthApi, CsrfHeaderRequiredOnWrites) {
  ApiClient c = logged_in("admin", kAdminPassword);
  c.forget_csrf();
  auto response = c.post("/api/v1/accounts", {{"username", "x.y.z"}, {"full_name", "X"}, {"unit_code", "02"}});
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(response.error_code(), "CSRF_TOKEN_INVALID");
  EXPECT_EQ(c.get("/api/v1/units").status, 200);  // reads need no token
}

TEST_P(AuthApi, IdleSessionExpires) {
  ApiClient c = logged_in("admin", kAdminPassword);
  db().transaction([](soci::session& sql) { sql << "UPDATE sessions SET last_seen_at = last_seen_at - 31 * 60"; });
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, AbsoluteSessionLifetime) {
  ApiClient c = logged_in("admin", kAdminPassword);
  db().transaction([](soci::session& sql) { sql << "UPDATE sessions SET expires_at = created_at - 1"; });
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, BadInputGetsVietnameseFourHundreds) {
  ApiClient c = client();
  auto malformed = c.send("POST", "/api/v1/auth/login", "{not json", false);
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.error_code(), "MALFORMED_JSON");
  auto wrong_type = c.post("/api/v1/auth/login", {{"username", 42}, {"password", "x"}});
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(wrong_type.body["error"]["details"]["field"], "username");
  auto missing = c.post("/api/v1/auth/login", {{"username", "admin"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body["error"]["details"]["field"], "password");
  EXPECT_EQ(c.send("POST", "/api/v1/auth/login", "[1,2]", false).status, 400);
  EXPECT_EQ(c.get("/api/v1/nothing-here").status, 404);
  EXPECT_EQ(c.get("/api/v1/nothing-here").error_code(), "NOT_FOUND");
  EXPECT_EQ(c.send("DELETE", "/api/v1/auth/login", "", false).status, 405);
  ApiClient bad_cookie = client();
  EXPECT_EQ(bad_cookie.send("GET", "/api/v1/me", "", false).status, 401);
}

}  // namespace
}  // namespace hq::test
