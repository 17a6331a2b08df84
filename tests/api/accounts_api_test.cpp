#include "tests/api/api_fixture.h"

namespace hq::test {
namespace {

using nlohmann::json;

class AccountsApi : public ApiTest {};
HAIQUAN_API_TEST_SUITE(AccountsApi);

// Reads cover the subtree; administration only the administrator's own unit and its Phòng/Đội (seed 002 art.
// 5.2: a subordinate Chi cục has its own administrator).
TEST_P(AccountsApi, UnitAdminSeesItsSubtreeAndAdministersOnlyItsOwnUnit) {
  ApiClient c = logged_in("02_qt");
  auto units = c.get("/api/v1/units");
  ASSERT_EQ(units.status, 200);
  std::set<std::string> codes;
  for (const auto& u : units.body["items"]) codes.insert(u["code"]);
  EXPECT_EQ(codes, (std::set<std::string>{"02", "02CI", "02CI01", "02B1"}));
  EXPECT_EQ(c.get("/api/v1/accounts?unit=01").status, 403);
  EXPECT_EQ(c.get("/api/v1/accounts?unit=01").error_code(), "FORBIDDEN");
  auto outside = c.post("/api/v1/accounts", {{"username", "hn.a"}, {"full_name", "A"}, {"unit_code", "01B1"}});
  EXPECT_EQ(outside.status, 403);
  auto chi_cuc = c.post("/api/v1/accounts", {{"username", "hcm.a"}, {"full_name", "A"}, {"unit_code", "02B1"}});
  EXPECT_EQ(chi_cuc.status, 403);
  auto inside = c.post("/api/v1/accounts", {{"username", "hcm.b"}, {"full_name", "Bùi Thị B"}, {"unit_code", "02"},
                                            {"roles", {"trs.officer"}}});
  ASSERT_EQ(inside.status, 201) << inside.raw;
  EXPECT_EQ(inside.body["username"], "hcm.b");
  EXPECT_GE(inside.body["temporary_password"].get<std::string>().size(), 10u);
  auto escalate = c.post("/api/v1/accounts", {{"username", "hcm.c"}, {"full_name", "C"}, {"unit_code", "02"},
                                              {"roles", {"platform.admin"}}});
  EXPECT_EQ(escalate.status, 403);
  auto list = c.get("/api/v1/accounts");
  for (const auto& a : list.body["items"]) EXPECT_EQ(a["unit_code"].get<std::string>().substr(0, 2), "02");
}

TEST_P(AccountsApi, ListPagesSortsAndFiltersOnTheServer) {
  ApiClient c = logged_in("admin", kAdminPassword);
  auto page1 = c.get("/api/v1/accounts?page=1&page_size=3&sort=username&order=asc");
  ASSERT_EQ(page1.status, 200);
  EXPECT_EQ(page1.body["items"].size(), 3u);
  EXPECT_GE(page1.body["total"].get<int>(), 10);
  auto page2 = c.get("/api/v1/accounts?page=2&page_size=3&sort=username&order=asc");
  EXPECT_LT(page1.body["items"][2]["username"].get<std::string>(), page2.body["items"][0]["username"].get<std::string>());
  // Descending starts where ascending ends (the demo's account list grows with the modules: no fixed name).
  auto all = c.get("/api/v1/accounts?page_size=100&sort=username&order=asc");
  ASSERT_EQ(all.body["items"].size(), all.body["total"].get<std::size_t>());
  auto desc = c.get("/api/v1/accounts?page_size=1&sort=username&order=desc");
  EXPECT_EQ(desc.body["items"][0]["username"], all.body["items"].back()["username"]);
  // Search ignores diacritics and case.
  auto found = c.get("/api/v1/accounts?q=VO%20THI");
  ASSERT_EQ(found.status, 200);
  ASSERT_EQ(found.body["total"], 1);
  EXPECT_EQ(found.body["items"][0]["full_name"], "Võ Thị Lan");
  EXPECT_EQ(c.get("/api/v1/accounts?page=0").status, 400);
  EXPECT_EQ(c.get("/api/v1/accounts?page_size=abc").status, 400);
  EXPECT_EQ(c.get("/api/v1/accounts?status=WEIRD").status, 400);
}

TEST_P(AccountsApi, CreateValidatesEveryField) {
  ApiClient c = logged_in("admin", kAdminPassword);
  auto field_of = [&](const json& body) {
    auto r = c.post("/api/v1/accounts", body);
    EXPECT_GE(r.status, 400) << r.raw;
    EXPECT_LT(r.status, 500) << r.raw;
    return r.body["error"]["details"].value("field", "");
  };
  EXPECT_EQ(field_of({{"username", "Bad Name"}, {"full_name", "A"}, {"unit_code", "02"}}), "username");
  EXPECT_EQ(field_of({{"username", "ok.name"}, {"full_name", "A"}, {"unit_code", "ZZ"}}), "unit_code");
  EXPECT_EQ(field_of({{"username", "ok.name"}, {"full_name", "A"}, {"unit_code", "02"}, {"roles", {"god"}}}), "roles");
  EXPECT_EQ(field_of({{"username", "ok.name"}, {"full_name", "A"}, {"unit_code", "02"}, {"email", "nope"}}), "email");
  EXPECT_EQ(field_of({{"username", "02ci.canbo"}, {"full_name", "A"}, {"unit_code", "02"}}), "username");
  EXPECT_EQ(c.post("/api/v1/accounts", {{"username", "02ci.canbo"}, {"full_name", "A"}, {"unit_code", "02"}}).error_code(),
            "USERNAME_TAKEN");
}

TEST_P(AccountsApi, DisableResetTransferAndHistory) {
  ApiClient admin = logged_in("02ci_qt");
  ASSERT_EQ(admin.post("/api/v1/accounts/02ci.canbo/disable").status, 200);
  EXPECT_EQ(client().login("02ci.canbo", kDemoPassword).error_code(), "ACCOUNT_DISABLED");
  ASSERT_EQ(admin.post("/api/v1/accounts/02ci.canbo/enable").status, 200);
  auto reset = admin.post("/api/v1/accounts/02ci.canbo/reset-password");
  ASSERT_EQ(reset.status, 200);
  auto login = client().login("02ci.canbo", reset.body["temporary_password"].get<std::string>());
  EXPECT_TRUE(login.body["password_change_required"].get<bool>());
  auto moved = admin.post("/api/v1/accounts/02ci.canbo/transfer", {{"unit_code", "02CI01"}});
  ASSERT_EQ(moved.status, 200);
  EXPECT_EQ(moved.body["unit_code"], "02CI01");
  EXPECT_EQ(admin.post("/api/v1/accounts/02ci.canbo/transfer", {{"unit_code", "02B1"}}).status, 403);
  EXPECT_EQ(admin.post("/api/v1/accounts/02ci.canbo/transfer", {{"unit_code", "01B1"}}).status, 403);
  auto patched = admin.patch("/api/v1/accounts/02ci.canbo", {{"position", "Kiểm tra viên"}, {"roles", {"audit.leader"}}});
  ASSERT_EQ(patched.status, 200) << patched.raw;
  EXPECT_EQ(patched.body["roles"], json::array({"audit.leader"}));
  auto history = admin.get("/api/v1/history?entity_type=account&entity_id=02ci.canbo");
  ASSERT_EQ(history.status, 200);
  std::vector<std::string> actions;
  for (const auto& e : history.body["items"]) actions.push_back(e["action"]);
  for (const char* expected : {"account.update", "account.transfer", "account.reset_password", "account.enable", "account.disable"})
    EXPECT_NE(std::find(actions.begin(), actions.end(), expected), actions.end()) << expected;
  EXPECT_EQ(history.body["items"][0]["username"], "02ci_qt");
}

TEST_P(AccountsApi, CreatingAUnitCreatesItsAdministrator) {
  ApiClient c = logged_in("02_qt");
  auto created = c.post("/api/v1/units", {{"code", "02CX"}, {"name", "Chi cục Hải quan Thử nghiệm"}, {"level", "CHI_CUC"},
                                          {"parent_code", "02"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["admin_username"], "02cx_qt");
  ApiClient unit_admin = client();
  EXPECT_EQ(unit_admin.login("02cx_qt", created.body["admin_temporary_password"]).status, 200);
  EXPECT_EQ(c.post("/api/v1/units", {{"code", "02CY"}, {"name", "X"}, {"level", "CUC"}, {"parent_code", "02"}}).status, 400);
  EXPECT_EQ(c.post("/api/v1/units", {{"code", "01ZZ"}, {"name", "X"}, {"level", "CHI_CUC"}, {"parent_code", "01"}}).status, 403);
  EXPECT_EQ(c.post("/api/v1/units", {{"code", "02CX"}, {"name", "X"}, {"level", "CHI_CUC"}, {"parent_code", "02"}}).error_code(),
            "UNIT_CODE_TAKEN");
}

TEST_P(AccountsApi, AccountRequestFormOneFlow) {
  ApiClient admin = logged_in("02ci_qt");
  auto proposed = admin.post("/api/v1/account-requests", {{"kind", "NEW"}, {"unit_code", "02CI"}, {"username", "02ci.moi"},
                                                          {"full_name", "Trần Văn Mới"}, {"roles", {"audit.officer"}},
                                                          {"reason", "Công chức mới điều động về"}});
  ASSERT_EQ(proposed.status, 201) << proposed.raw;
  const std::string id = std::to_string(proposed.body["id"].get<long long>());
  EXPECT_EQ(admin.post("/api/v1/account-requests/" + id + "/apply").error_code(), "INVALID_STATE");
  EXPECT_EQ(admin.post("/api/v1/account-requests/" + id + "/approve").status, 403);  // administrators do not approve
  ApiClient leader = logged_in("02ci.truong");
  ASSERT_EQ(leader.post("/api/v1/account-requests/" + id + "/approve", {{"comment", "Đồng ý"}}).status, 200);
  auto applied = admin.post("/api/v1/account-requests/" + id + "/apply");
  ASSERT_EQ(applied.status, 200) << applied.raw;
  EXPECT_EQ(applied.body["request"]["status"], "APPLIED");
  EXPECT_EQ(client().login("02ci.moi", applied.body["temporary_password"].get<std::string>()).status, 200);
  auto list = admin.get("/api/v1/account-requests?status=APPLIED");
  EXPECT_EQ(list.body["total"], 1);
}

}  // namespace
}  // namespace hq::test
