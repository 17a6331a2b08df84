#pragma once
// Who is calling: resolved once per request from the session, then passed to rules and stores.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace hq::core {

struct Principal {
  std::int64_t account_id = 0;
  std::string username;
  std::string full_name;
  std::int64_t unit_id = 0;
  std::string unit_code;
  std::string unit_name;
  std::string unit_level;
  std::string unit_path;  // materialised path of unit ids, e.g. "/1/4/9/": a subtree is a path prefix
  std::vector<std::string> roles;
  bool password_change_required = false;
  std::string client_address;

  bool has_role(const std::string& role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }
  bool is_platform_admin() const { return has_role("platform.admin"); }
  // The path prefix of every unit the caller sees: the whole tree for a platform administrator.
  std::string visible_root() const { return is_platform_admin() ? "/" : unit_path; }
  // True when the unit with this path lies in the caller's subtree (its own unit included).
  bool sees_unit(const std::string& other_unit_path) const {
    return is_platform_admin() || other_unit_path.compare(0, unit_path.size(), unit_path) == 0;
  }
};

}  // namespace hq::core
