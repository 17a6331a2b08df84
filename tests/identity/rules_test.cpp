// Pure identity rules: password policy, lockout, who may administer whom, the login throttle.
#include <gtest/gtest.h>
#include <sodium.h>

#include "identity/crypto.h"
#include "identity/login_throttle.h"
#include "identity/rules.h"

namespace hq::identity {
namespace {

core::Principal principal(std::string unit_path, std::vector<std::string> roles, std::int64_t id = 7) {
  core::Principal p;
  p.account_id = id;
  p.username = "someone";
  p.unit_path = std::move(unit_path);
  p.roles = std::move(roles);
  return p;
}

TEST(PasswordPolicy, RefusesShortCommonRepeatedAndNameBearingPasswords) {
  EXPECT_NE(password_problem("nv.a", "ngan"), "");
  EXPECT_NE(password_problem("nv.a", std::string(257, 'x') + "1"), "");
  EXPECT_NE(password_problem("nv.a", "Password123"), "");  // common, after folding
  EXPECT_NE(password_problem("nv.a", "aaaaaaaaaaaa"), "");
  EXPECT_NE(password_problem("nv.hoa", "NV.HOA-mua-xuan"), "");
  EXPECT_EQ(password_problem("nv.a", "Bến-Nghé-2026"), "");
}

// Cục 02 = /1/3/, its Phòng 02P1 = /1/3/9/ (DOI), its Chi cục 02CI = /1/3/4/, a Đội of the Chi cục = /1/3/4/5/.
TEST(AdministratorScope, OwnUnitAndItsDepartmentsButNotSubordinateCucOrChiCuc) {
  const auto cuc_admin = principal("/1/3/", {"unit.admin"});
  EXPECT_TRUE(may_administer_unit(cuc_admin, "/1/3/", "CUC"));
  EXPECT_TRUE(may_administer_unit(cuc_admin, "/1/3/9/", "DOI"));
  EXPECT_FALSE(may_administer_unit(cuc_admin, "/1/3/4/", "CHI_CUC"));  // has its own 02ci_qt
  EXPECT_FALSE(may_administer_unit(cuc_admin, "/1/3/4/5/", "DOI"));    // a Đội of that Chi cục
  EXPECT_FALSE(may_administer_unit(cuc_admin, "/1/", "TONG_CUC"));
  EXPECT_FALSE(may_administer_unit(cuc_admin, "/1/2/", "CUC"));
  const auto tong_cuc_admin = principal("/1/", {"unit.admin"});
  EXPECT_FALSE(may_administer_unit(tong_cuc_admin, "/1/3/", "CUC"));
  const auto chi_cuc_admin = principal("/1/3/4/", {"unit.admin"});
  EXPECT_TRUE(may_administer_unit(chi_cuc_admin, "/1/3/4/5/", "DOI"));
  EXPECT_FALSE(may_administer_unit(chi_cuc_admin, "/1/3/", "CUC"));
  EXPECT_FALSE(may_administer_unit(principal("/1/3/", {"audit.officer"}), "/1/3/", "CUC"));  // no admin role
  EXPECT_TRUE(may_administer_unit(principal("/1/", {"platform.admin"}), "/1/3/4/5/", "DOI"));
}

TEST(AdministratorScope, PlatformAdministratorAccountsAreOutOfReachBelowIt) {
  const auto cuc_admin = principal("/1/3/", {"unit.admin"});
  EXPECT_FALSE(may_touch_account(cuc_admin, {"platform.admin", "unit.admin"}));
  EXPECT_TRUE(may_touch_account(cuc_admin, {"audit.officer"}));
  EXPECT_TRUE(may_touch_account(principal("/1/", {"platform.admin"}), {"platform.admin"}));
  EXPECT_FALSE(may_grant_roles(cuc_admin, {"platform.admin"}));
  EXPECT_FALSE(may_change_own_roles(cuc_admin));
  EXPECT_TRUE(may_change_own_roles(principal("/1/", {"platform.admin"})));
}

TEST(AccountRequests, TheProposerNeverDecides) {
  EXPECT_FALSE(may_decide_request(principal("/1/3/", {"unit.leader"}, 7), 7));
  EXPECT_FALSE(may_decide_request(principal("/1/", {"platform.admin"}, 7), 7));
  EXPECT_TRUE(may_decide_request(principal("/1/3/", {"unit.leader"}, 8), 7));
  EXPECT_FALSE(may_decide_request(principal("/1/3/", {"unit.admin"}, 8), 7));
}

TEST(Lockout, DecidedAfterThePasswordWasChecked) {
  const std::int64_t now = 1'750'000'000;
  LoginState active{"ACTIVE", 0, 0, false, 0};
  EXPECT_EQ(login_refusal(active, true, now), LoginRefusal::None);
  EXPECT_EQ(login_refusal(active, false, now), LoginRefusal::WrongPassword);
  // A disabled account with a wrong password answers like any wrong password.
  LoginState disabled{"DISABLED", 0, 0, false, 0};
  EXPECT_EQ(login_refusal(disabled, false, now), LoginRefusal::WrongPassword);
  EXPECT_EQ(login_refusal(disabled, true, now), LoginRefusal::Disabled);
  // During a lock the answer is "locked" whatever the password; a lock that ran out no longer counts.
  LoginState locked{"ACTIVE", 0, now + 60, false, 0};
  EXPECT_EQ(login_refusal(locked, true, now), LoginRefusal::Locked);
  EXPECT_EQ(login_refusal(locked, false, now), LoginRefusal::Locked);
  EXPECT_EQ(login_refusal(locked, true, now + 61), LoginRefusal::None);
  LoginState old_temporary{"ACTIVE", 0, 0, true, now - kTemporaryPasswordLifetimeSeconds - 1};
  EXPECT_EQ(login_refusal(old_temporary, true, now), LoginRefusal::TemporaryPasswordExpired);
  EXPECT_EQ(login_refusal(old_temporary, false, now), LoginRefusal::WrongPassword);
  EXPECT_FALSE(lock_reached(kMaxFailedLogins - 1));
  EXPECT_TRUE(lock_reached(kMaxFailedLogins));
}

TEST(LoginThrottle, BlocksAnAddressAfterTooManyFailuresWithinTheWindow) {
  LoginThrottle throttle(3, 60, 100);
  const std::int64_t t = 1000;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(throttle.retry_after("10.0.0.9", t + i), 0);
    throttle.record_failure("10.0.0.9", t + i);
  }
  EXPECT_EQ(throttle.retry_after("10.0.0.9", t + 3), 57);  // the oldest failure leaves the window at t + 60
  EXPECT_EQ(throttle.retry_after("10.0.0.8", t + 3), 0);   // another address is not affected
  EXPECT_EQ(throttle.retry_after("10.0.0.9", t + 60), 0);
}

TEST(LoginThrottle, MemoryStaysBounded) {
  LoginThrottle throttle(3, 60, 100);
  for (int i = 0; i < 1000; ++i) throttle.record_failure("10.1." + std::to_string(i), 1000);
  EXPECT_LE(throttle.tracked_addresses(), 100u);
  for (int i = 0; i < 1000; ++i) throttle.record_failure("10.2." + std::to_string(i), 5000);  // old ones expired
  EXPECT_LE(throttle.tracked_addresses(), 100u);
}

TEST(PasswordHashes, RaisedLimitsAskForARehash) {
  init_crypto();
  const std::string weak = hash_password_with("Bến-Nghé-2026", crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
  EXPECT_TRUE(verify_password(weak, "Bến-Nghé-2026"));
  EXPECT_TRUE(password_needs_rehash(weak));
  EXPECT_FALSE(password_needs_rehash(hash_password("Bến-Nghé-2026")));
  EXPECT_TRUE(password_needs_rehash("not a hash"));
}

}  // namespace
}  // namespace hq::identity
