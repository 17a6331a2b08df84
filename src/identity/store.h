#pragma once
// SQL for units, accounts, roles, sessions and account requests. No rules here: callers decide.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/principal.h"
#include "identity/rules.h"

namespace hq::identity::store {

struct Unit {
  std::int64_t id = 0;
  std::string code, name, level;
  std::int64_t parent_id = 0;
  std::string parent_code, path, valid_from, valid_to;
};

std::optional<Unit> find_unit(soci::session& sql, const std::string& code);
std::int64_t insert_unit(soci::session& sql, const Unit& unit, const std::string& parent_path);
void update_unit(soci::session& sql, const Unit& unit);
std::vector<Unit> units_under(soci::session& sql, const std::string& path_prefix);

struct Account {
  std::int64_t id = 0;
  std::string username, full_name, officer_number, position, phone, email;
  std::int64_t unit_id = 0;
  std::string unit_code, unit_name, unit_path, unit_level;
  std::vector<std::string> roles;
  std::string status = "ACTIVE";
  bool password_change_required = true;
  std::int64_t failed_logins = 0, locked_until = 0, temporary_password_issued_at = 0;
  std::string password_hash;
};

std::optional<Account> find_account(soci::session& sql, const std::string& username);
std::int64_t insert_account(soci::session& sql, const Account& account, std::int64_t now);
void update_profile(soci::session& sql, const Account& account, std::int64_t now);  // names, contacts, unit
void set_roles(soci::session& sql, std::int64_t account_id, const std::vector<std::string>& roles);
void set_status(soci::session& sql, std::int64_t account_id, const std::string& status, std::int64_t now);
void set_password(soci::session& sql, std::int64_t account_id, const std::string& hash, bool temporary, std::int64_t now);
void set_password_hash(soci::session& sql, std::int64_t account_id, const std::string& hash);  // rehash only
// One more failed login, counted by the database itself (concurrent failures cannot overwrite each other);
// a lock that has run out starts a fresh count. Returns the new count.
std::int64_t count_failed_login(soci::session& sql, std::int64_t account_id, std::int64_t now);
void lock_account(soci::session& sql, std::int64_t account_id, std::int64_t until);
void clear_failed_logins(soci::session& sql, std::int64_t account_id);

struct AccountQuery {
  std::string unit_path;  // subtree
  std::string folded_text;
  std::string status;     // ACTIVE | DISABLED | LOCKED | ""
  std::string sort = "username";
  bool descending = false;
  std::int64_t offset = 0, limit = 20;
  std::int64_t now = 0;
};
std::vector<Account> list_accounts(soci::session& sql, const AccountQuery& query, std::int64_t& total);

// Sessions
void insert_session(soci::session& sql, const std::string& token_hash, std::int64_t account_id, std::int64_t now);
struct SessionRow {
  core::Principal principal;
  SessionTimes times;
  std::string account_status;
};
std::optional<SessionRow> find_session(soci::session& sql, const std::string& token_hash);
void touch_session(soci::session& sql, const std::string& token_hash, std::int64_t now);
void delete_session(soci::session& sql, const std::string& token_hash);
void delete_sessions_of(soci::session& sql, std::int64_t account_id);
// Every session of the account but the one whose hash is kept (password change: the others end).
void delete_other_sessions(soci::session& sql, std::int64_t account_id, const std::string& kept_token_hash);

// Account requests (form 01 of seed 002)
struct AccountRequest {
  std::int64_t id = 0;
  std::string kind, unit_code, unit_path, unit_level, username, full_name;
  std::vector<std::string> roles;
  std::string reason, status, proposed_by, decided_by, decision_comment;
  std::int64_t unit_id = 0, created_at = 0, proposed_by_id = 0;
};
std::int64_t insert_request(soci::session& sql, const AccountRequest& request, std::int64_t proposer, std::int64_t now);
std::optional<AccountRequest> find_request(soci::session& sql, std::int64_t id);
// Moves a request from one status to another only if it is still in `from` (the row's current state decides,
// not what was read earlier): false when another transaction got there first.
bool transition_request(soci::session& sql, std::int64_t id, const std::string& from, const std::string& to,
                        std::int64_t decider, const std::string& comment, std::int64_t now);
std::vector<AccountRequest> list_requests(soci::session& sql, const std::string& unit_path, const std::string& status,
                                          std::int64_t offset, std::int64_t limit, std::int64_t& total);

}  // namespace hq::identity::store
