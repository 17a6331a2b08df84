#pragma once
// Small helpers shared by the identity service's translation units (service.cpp, request_service.cpp).
#include <string>
#include <vector>

#include "core/error.h"
#include "core/principal.h"
#include "core/text.h"
#include "history/history_store.h"
#include "identity/rules.h"

namespace hq::identity::support {

[[noreturn]] inline void invalid(const std::string& field, const std::string& message) {
  core::bad_input("INVALID_FIELD", message, {{"field", field}});
}

inline std::string roles_text(const std::vector<std::string>& roles) {
  return roles.empty() ? "(không)" : core::join(roles, ", ");
}

inline void check_roles(const core::Principal* caller, const std::vector<std::string>& roles) {
  for (const auto& role : roles)
    if (!is_known_role(role)) invalid("roles", "Vai trò «" + role + "» không tồn tại.");
  if (caller && !may_grant_roles(*caller, roles))
    core::forbidden("Chỉ quản trị hệ thống mới được cấp vai trò platform.admin.");
}

inline history::Change change(std::string action, std::string type, std::string id, std::string summary) {
  return history::Change{std::move(action), std::move(type), std::move(id), std::move(summary)};
}

}  // namespace hq::identity::support
