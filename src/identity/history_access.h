#pragma once
// Who may read the processing history of identity's entities: exactly who may open them.
#include "history/history_service.h"
#include "identity/service.h"

namespace hq::identity {

// account (the account's unit in the caller's subtree), unit (the unit in the caller's subtree),
// account_request (the request's unit in the caller's subtree).
void register_history_access(history::HistoryService& history, IdentityService& identity);

}  // namespace hq::identity
