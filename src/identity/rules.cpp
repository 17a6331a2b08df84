#include "identity/rules.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace hq::identity {

namespace {

// The most common passwords in leaked lists, plus local favourites; compared after folding.
constexpr std::array<const char*, 24> kCommonPasswords = {
    "123456789012", "1234567890", "12345678910", "qwertyuiop", "password123", "password1234", "1q2w3e4r5t",
    "qwerty12345", "abc1234567", "matkhau123", "matkhau1234", "haiquan123", "haiquan2026", "admin12345",
    "administrator", "iloveyou123", "0123456789", "1111111111", "123123123123", "abcdefghij",
    "passw0rd123", "welcome123", "vietnam123", "tonghaiquan"};

}  // namespace

std::string password_problem(const std::string& username, const std::string& password) {
  if (password.size() < kMinPasswordLength)
    return "Mật khẩu phải có ít nhất " + std::to_string(kMinPasswordLength) + " ký tự.";
  if (password.size() > 256) return "Mật khẩu không được dài quá 256 ký tự.";
  const std::string folded = core::fold(password);
  if (!username.empty() && folded.find(core::fold(username)) != std::string::npos)
    return "Mật khẩu không được chứa tên tài khoản.";
  for (const char* common : kCommonPasswords)
    if (folded == common) return "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.";
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; }))
    return "Mật khẩu không được chỉ gồm một ký tự lặp lại.";
  return {};
}

const std::vector<RoleInfo>& all_roles() {
  static const std::vector<RoleInfo> roles = {
      {"platform.admin", "Quản trị hệ thống", "Platform administrator"},
      {"unit.admin", "Quản trị đơn vị", "Unit administrator"},
      {"unit.leader", "Lãnh đạo đơn vị (duyệt đề nghị tài khoản)", "Unit leader (approves account requests)"},
      {"audit.officer", "Công chức KTSTQ (tra cứu, cập nhật)", "Audit officer"},
      {"audit.leader", "Lãnh đạo KTSTQ (phê duyệt)", "Audit leader"},
      {"trs.analyst", "Chuyên viên phân tích đo thời gian", "Time release analyst"},
      {"trs.officer", "Công chức nhập phiếu đo thời gian", "Time release officer"},
      {"eservices.officer", "Công chức xử lý hồ sơ dịch vụ công", "Public services officer"},
      {"eservices.dept_leader", "Lãnh đạo bộ phận (Đội/Phòng) dịch vụ công", "Public services department leader"},
      {"eservices.unit_leader", "Lãnh đạo đơn vị (Chi cục/Cục) dịch vụ công", "Public services unit leader"},
      {"eservices.helpdesk", "Bộ phận hỗ trợ dịch vụ công", "Public services helpdesk"},
  };
  return roles;
}

bool is_known_role(const std::string& code) {
  const auto& roles = all_roles();
  return std::any_of(roles.begin(), roles.end(), [&](const RoleInfo& r) { return r.code == code; });
}

bool is_unit_level(const std::string& level) {
  return level == "TONG_CUC" || level == "CUC" || level == "CHI_CUC" || level == "DOI";
}

bool may_be_child(const std::string& parent_level, const std::string& child_level) {
  if (parent_level == "TONG_CUC") return child_level == "CUC" || child_level == "DOI";
  if (parent_level == "CUC") return child_level == "CHI_CUC" || child_level == "DOI";
  if (parent_level == "CHI_CUC") return child_level == "DOI";
  return false;
}

std::string unit_admin_username(const std::string& unit_code) {
  std::string name;
  for (char c : unit_code) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name + "_qt";
}

bool may_administer_unit(const core::Principal& caller, const std::string& unit_path) {
  if (caller.is_platform_admin()) return true;
  return caller.has_role("unit.admin") && caller.sees_unit(unit_path);
}

bool may_grant_roles(const core::Principal& caller, const std::vector<std::string>& roles) {
  if (caller.is_platform_admin()) return true;
  return std::none_of(roles.begin(), roles.end(), [](const std::string& r) { return r == "platform.admin"; });
}

LoginRefusal refusal_before_password(const LoginState& state, std::int64_t now) {
  if (state.status != "ACTIVE") return LoginRefusal::Disabled;
  if (state.locked_until > now) return LoginRefusal::Locked;
  if (state.password_change_required && state.temporary_password_issued_at > 0 &&
      now - state.temporary_password_issued_at > kTemporaryPasswordLifetimeSeconds)
    return LoginRefusal::TemporaryPasswordExpired;
  return LoginRefusal::None;
}

LoginState after_failure(LoginState state, std::int64_t now) {
  // A lock that has run out starts a fresh count.
  if (state.locked_until != 0 && state.locked_until <= now) state.failed_logins = 0;
  ++state.failed_logins;
  if (state.failed_logins >= kMaxFailedLogins) {
    state.locked_until = now + kLockSeconds;
    state.failed_logins = 0;
  }
  return state;
}

bool session_alive(const SessionTimes& session, std::int64_t now) {
  return now < session.expires_at && now - session.last_seen_at < kSessionIdleSeconds;
}

}  // namespace hq::identity
