#pragma once
// Helpdesk requests (art. 12): applicants and officers ask; the helpdesk of the unit the request is addressed
// to answers it or forwards it to the competent unit (a Cục forwards to the General Department what it cannot
// answer), and every request is tracked to closure. Store (SQL) and service (rights, history) of requests.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/page.h"
#include "core/principal.h"
#include "db/database.h"

namespace hq::eservices {

struct HelpRequest {
  std::int64_t id = 0, account_id = 0, unit_id = 0;
  std::string username, unit_code, unit_path, scope, subject, body, status = "OPEN", answer, answered_by;
  std::int64_t created_at = 0, updated_at = 0;
};
// SYSTEM (using the portal), PROCEDURE (a procedure's rules), DOSSIER (one dossier), ACCOUNT (sign-in, accounts).
bool valid_help_scope(const std::string& scope);

namespace store {
std::int64_t insert_help_request(soci::session& sql, const HelpRequest& r);
std::optional<HelpRequest> find_help_request(soci::session& sql, std::int64_t id);
using HelpRequestPage = core::Page<HelpRequest>;
HelpRequestPage list_help_requests(soci::session& sql, std::optional<std::int64_t> account_id,
                                   const std::string& unit_path_prefix, const std::string& status, std::int64_t offset,
                                   std::int64_t limit);
// Conditional on the request still being OPEN; false when it was not.
bool update_help_request(soci::session& sql, const HelpRequest& r, std::int64_t now);
}  // namespace store

class HelpdeskService {
 public:
  explicit HelpdeskService(db::Database& db) : db_(db) {}
  HelpRequest ask(const core::Principal& caller, const std::string& unit_code, const std::string& scope,
                  const std::string& subject, const std::string& body);
  // Requesters see their own; the helpdesk sees the requests addressed to units in its scope.
  store::HelpRequestPage requests(const core::Principal& caller, const std::string& status, std::int64_t offset,
                                  std::int64_t limit);
  HelpRequest answer(const core::Principal& caller, std::int64_t id, const std::string& answer);
  HelpRequest forward(const core::Principal& caller, std::int64_t id, const std::string& unit_code,
                      const std::string& note);

 private:
  HelpRequest handled(soci::session& sql, const core::Principal& caller, std::int64_t id);
  db::Database& db_;
};

}  // namespace hq::eservices
