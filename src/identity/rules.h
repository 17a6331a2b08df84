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

// Who may create/change accounts of a unit (path) and grant these roles.
bool may_administer_unit(const core::Principal& caller, const std::string& unit_path);
bool may_grant_roles(const core::Principal& caller, const std::vector<std::string>& roles);

struct LoginState {
  std::string status;  // ACTIVE | DISABLED
  std::int64_t failed_logins = 0;
  std::int64_t locked_until = 0;
  bool password_change_required = false;
  std::int64_t temporary_password_issued_at = 0;
};
enum class LoginRefusal { None, Disabled, Locked, TemporaryPasswordExpired };
LoginRefusal refusal_before_password(const LoginState& state, std::int64_t now);
// After a wrong password: the new failure count and lock time.
LoginState after_failure(LoginState state, std::int64_t now);

struct SessionTimes {
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;  // absolute
};
bool session_alive(const SessionTimes& session, std::int64_t now);

}  // namespace hq::identity
