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
      {"trs.agency", "Cơ quan kiểm tra chuyên ngành, Biên phòng (trả số liệu đo thời gian)", "Inspecting agency, border guard (returns time release data)"},
      {"monitor.viewer", "Giám sát truyền nhận (tài khoản giám sát của đơn vị)", "Transmission monitoring viewer"},
      {"monitor.owner", "Đơn vị chủ quản hệ thống (xử lý sự cố truyền nhận)", "Monitoring owner department"},
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

namespace {

// "/1/4/9/" → "/1/4/"; the root's parent is "".
std::string parent_path(const std::string& path) {
  if (path.size() < 2) return "";
  const auto slash = path.rfind('/', path.size() - 2);
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

}  // namespace

bool may_administer_unit(const core::Principal& caller, const std::string& unit_path, const std::string& unit_level) {
  if (caller.is_platform_admin()) return true;
  if (!caller.has_role("unit.admin") || caller.unit_path.empty()) return false;
  if (unit_path == caller.unit_path) return true;
  // A Phòng/Đội has no units below it, so "its internal departments" are the DOI children of the unit.
  return unit_level == "DOI" && parent_path(unit_path) == caller.unit_path;
}

bool may_grant_roles(const core::Principal& caller, const std::vector<std::string>& roles) {
  if (caller.is_platform_admin()) return true;
  return std::none_of(roles.begin(), roles.end(), [](const std::string& r) { return r == "platform.admin"; });
}

bool may_touch_account(const core::Principal& caller, const std::vector<std::string>& account_roles) {
  return caller.is_platform_admin() ||
         std::find(account_roles.begin(), account_roles.end(), "platform.admin") == account_roles.end();
}

bool may_change_own_roles(const core::Principal& caller) { return caller.is_platform_admin(); }

bool may_decide_request(const core::Principal& caller, std::int64_t proposer_account_id) {
  if (caller.account_id == proposer_account_id) return false;
  return caller.has_role("unit.leader") || caller.is_platform_admin();
}

LoginRefusal login_refusal(const LoginState& state, bool password_ok, std::int64_t now) {
  if (state.status != "ACTIVE") return password_ok ? LoginRefusal::Disabled : LoginRefusal::WrongPassword;
  if (state.locked_until > now) return LoginRefusal::Locked;
  if (!password_ok) return LoginRefusal::WrongPassword;
  if (state.password_change_required && state.temporary_password_issued_at > 0 &&
      now - state.temporary_password_issued_at > kTemporaryPasswordLifetimeSeconds)
    return LoginRefusal::TemporaryPasswordExpired;
  return LoginRefusal::None;
}

bool lock_reached(std::int64_t failed_logins) { return failed_logins >= kMaxFailedLogins; }

bool session_alive(const SessionTimes& session, std::int64_t now) {
  return now < session.expires_at && now - session.last_seen_at < kSessionIdleSeconds;
}

}  // namespace hq::identity
