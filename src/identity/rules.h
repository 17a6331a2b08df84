#pragma once
// Pure identity rules: password policy, lockout, session lifetimes, roles and unit levels.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"

namespace hq::identity {

constexpr int kMinPasswordLength = 10;
constexpr int kMaxFailedLogins = 5;
constexpr std::int64_t kLockSeconds = 15 * 60;
constexpr std::int64_t kSessionIdleSeconds = 30 * 60;
constexpr std::int64_t kSessionAbsoluteSeconds = 12 * 3600;
constexpr std::int64_t kTemporaryPasswordLifetimeSeconds = 30LL * 86400;  // seed 003 art. 6.4
// Session "last seen" is written at most this often, so reads do not turn into writes.
constexpr std::int64_t kSessionTouchSeconds = 60;
// How long a verified session is trusted from memory before the database is asked again.
constexpr std::int64_t kSessionCacheSeconds = 5;

// Empty when acceptable, else a Vietnamese sentence saying what is wrong.
std::string password_problem(const std::string& username, const std::string& password);

struct RoleInfo {
  std::string code, name_vi, name_en;
};
const std::vector<RoleInfo>& all_roles();
bool is_known_role(const std::string& code);

// TONG_CUC → CUC → CHI_CUC → DOI (a Phòng inside a Cục is a DOI too).
bool is_unit_level(const std::string& level);
bool may_be_child(const std::string& parent_level, const std::string& child_level);
std::string unit_admin_username(const std::string& unit_code);  // "<lower-case code>_qt" (seed 002 art. 5.4)

// Who may create/change accounts of a unit and grant these roles. An administrator administers its own unit
// and the Phòng/Đội (level DOI) directly inside it, not a subordinate Cục or Chi cục, which has its own
// `<code>_qt` (seed 002 art. 5.2.b–d); a platform administrator administers every unit.
bool may_administer_unit(const core::Principal& caller, const std::string& unit_path, const std::string& unit_level);
bool may_grant_roles(const core::Principal& caller, const std::vector<std::string>& roles);
// Nobody below a platform administrator changes an account that holds platform.admin.
bool may_touch_account(const core::Principal& caller, const std::vector<std::string>& account_roles);
// Only a platform administrator changes its own roles (a unit administrator cannot promote itself).
bool may_change_own_roles(const core::Principal& caller);
// The proposer of an account request never decides it (form 01: two people).
bool may_decide_request(const core::Principal& caller, std::int64_t proposer_account_id);

struct LoginState {
  std::string status;  // ACTIVE | DISABLED
  std::int64_t failed_logins = 0;
  std::int64_t locked_until = 0;
  bool password_change_required = false;
  std::int64_t temporary_password_issued_at = 0;
};
enum class LoginRefusal { None, WrongPassword, Disabled, Locked, TemporaryPasswordExpired };
// Decided only after the password was checked, so a wrong password on a disabled account answers like any
// wrong password (no enumeration). A running lock answers "locked" whatever the password: telling a right
// password from a wrong one during the lock would let guessing go on through it.
LoginRefusal login_refusal(const LoginState& state, bool password_ok, std::int64_t now);
// After the failure count was incremented (atomically, in the database): whether the account locks now.
bool lock_reached(std::int64_t failed_logins);

struct SessionTimes {
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;  // absolute
};
bool session_alive(const SessionTimes& session, std::int64_t now);

}  // namespace hq::identity
