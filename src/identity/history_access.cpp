#include "identity/history_access.h"

namespace hq::identity {

void register_history_access(history::HistoryService& history, IdentityService& identity) {
  history.register_entity_type("account", [&identity](const core::Principal& caller, const std::string& username) {
    identity.account(caller, username);  // 404 outside the caller's subtree
    return true;
  });
  history.register_entity_type("unit", [&identity](const core::Principal& caller, const std::string& code) {
    identity.unit(caller, code);
    return true;
  });
  history.register_entity_type("account_request", [&identity](const core::Principal& caller, const std::string& id) {
    const auto number = history::entity_number(id);
    if (!number) return false;
    identity.request(caller, *number);
    return true;
  });
}

}  // namespace hq::identity
