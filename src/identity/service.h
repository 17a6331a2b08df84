#pragma once
// Identity use cases: each runs in one transaction, applies the rules, calls the store and writes one
// processing-history entry per state change.
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include "core/page.h"
#include "core/principal.h"
#include "db/database.h"
#include "identity/login_throttle.h"
#include "identity/store.h"

namespace hq::identity {

struct LoginResult {
  std::string session_token;
  std::string csrf_token;
  bool password_change_required = false;
};

struct UnitInput {
  std::string code, name, level, parent_code, valid_from, valid_to;
};
struct CreatedUnit {
  std::string code, admin_username, admin_temporary_password;
};

struct AccountInput {
  std::string username, full_name, unit_code, officer_number, position, phone, email;
  std::vector<std::string> roles;
};
// Only the fields that are set change.
struct AccountPatch {
  std::optional<std::string> full_name, officer_number, position, phone, email;
  std::optional<std::vector<std::string>> roles;
};
struct CreatedAccount {
  std::string username, temporary_password;
};

using AccountPage = core::Page<store::Account>;

class IdentityService {
 public:
  explicit IdentityService(db::Database& db) : db_(db) {}

  // `previous_session_token`: the session cookie the browser sent with the login, ended by it.
  LoginResult login(const std::string& username, const std::string& password, const std::string& client_address,
                    const std::string& previous_session_token = "");
  // Seconds this client address must wait after too many failed logins; 0 when it may try.
  std::int64_t login_retry_after(const std::string& client_address);
  void logout(const std::string& session_token);
  // Ends every other session of the account; the one with `session_token` stays.
  void change_password(const core::Principal& caller, const std::string& old_password, const std::string& new_password,
                       const std::string& session_token);
  // The principal behind a session token, or nothing when the session is unknown, idle or expired.
  std::optional<core::Principal> authenticate(const std::string& session_token);

  CreatedUnit create_unit(const core::Principal& caller, const UnitInput& input);
  std::vector<store::Unit> units(const core::Principal& caller);
  // One unit the caller sees (404 when unknown, 403 when outside its subtree).
  store::Unit unit(const core::Principal& caller, const std::string& code);
  store::Unit update_unit(const core::Principal& caller, const std::string& code, const std::optional<std::string>& name,
                          const std::optional<std::string>& valid_to);

  CreatedAccount create_account(const core::Principal& caller, const AccountInput& input);
  AccountPage list_accounts(const core::Principal& caller, const std::string& unit_code, store::AccountQuery query);
  store::Account account(const core::Principal& caller, const std::string& username);
  store::Account update_account(const core::Principal& caller, const std::string& username, const AccountPatch& patch);
  store::Account set_enabled(const core::Principal& caller, const std::string& username, bool enabled);
  std::string reset_password(const core::Principal& caller, const std::string& username);
  store::Account transfer(const core::Principal& caller, const std::string& username, const std::string& unit_code);

  store::AccountRequest request(const core::Principal& caller, std::int64_t id);  // 404 outside the subtree
  store::AccountRequest propose_request(const core::Principal& caller, store::AccountRequest request);
  store::AccountRequest decide_request(const core::Principal& caller, std::int64_t id, bool approve,
                                       const std::string& comment);
  // Carries out an approved request; returns the one-time password when it created an account.
  std::pair<store::AccountRequest, std::string> apply_request(const core::Principal& caller, std::int64_t id);
  std::vector<store::AccountRequest> list_requests(const core::Principal& caller, const std::string& unit_code,
                                                   const std::string& status, std::int64_t offset, std::int64_t limit,
                                                   std::int64_t& total);

  // Bootstrap (haiquan init / demo): the root unit and the first administrator, and demo accounts.
  void bootstrap(const std::string& admin_password);
  void create_account_with_password(const AccountInput& input, const std::string& password, bool must_change);
  void create_unit_as_system(const UnitInput& input);
  // Public services (eservices): a self-registered applicant account (kind ENTERPRISE or CITIZEN) in the root
  // unit, without roles, written inside the caller's transaction so the applicant's own record goes with it.
  // Checks the username, names, contacts and password like any account; returns the account id.
  std::int64_t create_applicant_account(soci::session& sql, const AccountInput& input, const std::string& password,
                                        const std::string& kind, const std::string& tax_code);

 private:
  store::Unit visible_unit(soci::session& sql, const core::Principal& caller, const std::string& code);
  // The subtree a list covers: the named unit (which the caller must see), else all the caller sees.
  std::string scope_path(soci::session& sql, const core::Principal& caller, const std::string& unit_code);
  store::Account administered_account(soci::session& sql, const core::Principal& caller, const std::string& username);
  void check_account_input(soci::session& sql, const core::Principal* caller, const AccountInput& input,
                           store::Unit& unit);
  std::string insert_new_account(soci::session& sql, const AccountInput& input, std::int64_t unit_id,
                                 const std::string& password, bool must_change);
  // Identity writes that change who a session belongs to (roles, status, password) drop the cache.
  void forget_cached_sessions();

  db::Database& db_;
  // Sessions verified against the database within the last kSessionCacheSeconds: most requests then
  // need no query at all. Another instance sees a logout or a disabled account within that time.
  struct CachedSession {
    core::Principal principal;
    SessionTimes times;
    std::int64_t checked_at = 0;
  };
  LoginThrottle throttle_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedSession> session_cache_;
};

}  // namespace hq::identity
