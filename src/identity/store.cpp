#include "identity/store.h"

#include <map>

#include "core/split.h"
#include "core/text.h"
#include "core/time.h"
#include "db/row.h"
#include "db/row_mapping.h"
#include "identity/units.h"

namespace hq::identity::store {

using db::int_at;
using db::text_at;

namespace {

std::vector<std::string> split_roles(const std::string& joined) { return core::split_nonempty(joined, ','); }

std::vector<std::string> roles_of(soci::session& sql, std::int64_t account_id) {
  std::vector<std::string> roles;
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT role FROM account_roles WHERE account_id = :id ORDER BY role", soci::use(account_id));
  for (const auto& role : rows) roles.push_back(role);
  return roles;
}

// One field table per type: the SELECT list and the mapping come from the same lines.
const db::RowMapping<Account>& account_mapping() {
  static const auto mapping = db::RowMapping<Account>()
                                  HQ_ROW_FIELDS_AT(Account, "a.", id, username, full_name, officer_number, position,
                                                   phone, email, unit_id)
                                  .field("u.code", &Account::unit_code, "unit_code")
                                  .field("u.name", &Account::unit_name, "unit_name")
                                  .field("u.path", &Account::unit_path, "unit_path")
                                  .field("u.level", &Account::unit_level, "unit_level")
                                  HQ_ROW_FIELDS_AT(Account, "a.", status, password_change_required, failed_logins,
                                                   locked_until, temporary_password_issued_at, password_hash);
  return mapping;
}

Account account_from(const soci::row& row) { return account_mapping().read(row); }

const std::string kAccountSelect =
    "SELECT " + account_mapping().select_list() + " FROM accounts a JOIN units u ON u.id = a.unit_id ";

std::string search_text(const Account& account) {
  return core::fold(account.username + " " + account.full_name + " " + account.officer_number + " " + account.email);
}

}  // namespace

// Units are read through the platform's one read API (identity/units.h); this store keeps the writes.
namespace {
Unit from_read_api(const identity::Unit& u) {
  return {u.id, u.code, u.name, u.level, u.parent_id, u.parent_code, u.path, u.valid_from, u.valid_to};
}
}  // namespace

std::optional<Unit> find_unit(soci::session& sql, const std::string& code) {
  if (auto unit = identity::find_unit(sql, code)) return from_read_api(*unit);
  return std::nullopt;
}

std::int64_t insert_unit(soci::session& sql, const Unit& unit, const std::string& parent_path) {
  long long id = 0;
  const long long parent = unit.parent_id, now = core::now();
  soci::indicator parent_ind = unit.parent_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO units (code, name, level, parent_id, path, valid_from, valid_to, created_at) "
         "VALUES (:code, :name, :level, :parent, '', :vf, :vt, :now) RETURNING id",
      soci::use(unit.code), soci::use(unit.name), soci::use(unit.level), soci::use(parent, parent_ind),
      soci::use(unit.valid_from), soci::use(unit.valid_to), soci::use(now), soci::into(id);
  const std::string path = (parent_path.empty() ? "/" : parent_path) + std::to_string(id) + "/";
  sql << "UPDATE units SET path = :path WHERE id = :id", soci::use(path), soci::use(id);
  return id;
}

void update_unit(soci::session& sql, const Unit& unit) {
  sql << "UPDATE units SET name = :name, valid_to = :vt WHERE id = :id", soci::use(unit.name),
      soci::use(unit.valid_to), soci::use(unit.id);
}

std::vector<Unit> units_under(soci::session& sql, const std::string& path_prefix) {
  std::vector<Unit> units;
  for (const auto& unit : identity::units_under(sql, path_prefix)) units.push_back(from_read_api(unit));
  return units;
}

std::optional<Account> find_account(soci::session& sql, const std::string& username) {
  soci::rowset<soci::row> rows =
      (sql.prepare << kAccountSelect + "WHERE a.username = :u", soci::use(username));
  for (const auto& row : rows) {
    Account account = account_from(row);
    account.roles = roles_of(sql, account.id);
    return account;
  }
  return std::nullopt;
}

std::int64_t insert_account(soci::session& sql, const Account& a, std::int64_t now) {
  long long id = 0;
  const long long at = now, unit = a.unit_id, change = a.password_change_required ? 1 : 0;
  const long long issued = a.password_change_required ? now : 0;
  const std::string folded = search_text(a);
  sql << "INSERT INTO accounts (username, full_name, officer_number, position, phone, email, search_text, unit_id, "
         "password_hash, password_change_required, temporary_password_issued_at, status, created_at, updated_at) "
         "VALUES (:u, :fn, :on, :pos, :ph, :em, :st, :unit, :hash, :chg, :iss, 'ACTIVE', :c, :m) RETURNING id",
      soci::use(a.username), soci::use(a.full_name), soci::use(a.officer_number), soci::use(a.position),
      soci::use(a.phone), soci::use(a.email), soci::use(folded), soci::use(unit), soci::use(a.password_hash),
      soci::use(change), soci::use(issued), soci::use(at), soci::use(at), soci::into(id);
  set_roles(sql, id, a.roles);
  return id;
}

void update_profile(soci::session& sql, const Account& a, std::int64_t now) {
  const long long at = now, unit = a.unit_id, id = a.id;
  const std::string folded = search_text(a);
  sql << "UPDATE accounts SET full_name = :fn, officer_number = :on, position = :pos, phone = :ph, email = :em, "
         "search_text = :st, unit_id = :unit, updated_at = :m WHERE id = :id",
      soci::use(a.full_name), soci::use(a.officer_number), soci::use(a.position), soci::use(a.phone),
      soci::use(a.email), soci::use(folded), soci::use(unit), soci::use(at), soci::use(id);
}

void set_roles(soci::session& sql, std::int64_t account_id, const std::vector<std::string>& roles) {
  const long long id = account_id;
  sql << "DELETE FROM account_roles WHERE account_id = :id", soci::use(id);
  for (const auto& role : roles)
    sql << "INSERT INTO account_roles (account_id, role) VALUES (:id, :role)", soci::use(id), soci::use(role);
}

void set_status(soci::session& sql, std::int64_t account_id, const std::string& status, std::int64_t now) {
  const long long id = account_id, at = now;
  sql << "UPDATE accounts SET status = :s, failed_logins = 0, locked_until = 0, updated_at = :m WHERE id = :id",
      soci::use(status), soci::use(at), soci::use(id);
}

void set_password(soci::session& sql, std::int64_t account_id, const std::string& hash, bool temporary,
                  std::int64_t now) {
  const long long id = account_id, at = now, change = temporary ? 1 : 0, issued = temporary ? now : 0;
  sql << "UPDATE accounts SET password_hash = :h, password_change_required = :c, temporary_password_issued_at = :i, "
         "failed_logins = 0, locked_until = 0, updated_at = :m WHERE id = :id",
      soci::use(hash), soci::use(change), soci::use(issued), soci::use(at), soci::use(id);
}

void set_password_hash(soci::session& sql, std::int64_t account_id, const std::string& hash) {
  const long long id = account_id;
  sql << "UPDATE accounts SET password_hash = :h WHERE id = :id", soci::use(hash), soci::use(id);
}

std::int64_t count_failed_login(soci::session& sql, std::int64_t account_id, std::int64_t now) {
  const long long id = account_id, at = now;
  long long count = 0;
  sql << "UPDATE accounts SET "
         "failed_logins = CASE WHEN locked_until <> 0 AND locked_until <= :n1 THEN 1 ELSE failed_logins + 1 END, "
         "locked_until = CASE WHEN locked_until <> 0 AND locked_until <= :n2 THEN 0 ELSE locked_until END "
         "WHERE id = :id RETURNING failed_logins",
      soci::use(at), soci::use(at), soci::use(id), soci::into(count);
  return count;
}

void lock_account(soci::session& sql, std::int64_t account_id, std::int64_t until) {
  const long long id = account_id, at = until;
  sql << "UPDATE accounts SET failed_logins = 0, locked_until = :l WHERE id = :id", soci::use(at), soci::use(id);
}

void clear_failed_logins(soci::session& sql, std::int64_t account_id) {
  const long long id = account_id;
  sql << "UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE id = :id AND (failed_logins <> 0 OR "
         "locked_until <> 0)",
      soci::use(id);
}

std::vector<Account> list_accounts(soci::session& sql, const AccountQuery& q, std::int64_t& total) {
  static const std::map<std::string, std::string> kSortColumns = {
      {"username", "a.username"}, {"full_name", "a.full_name"}, {"unit_code", "u.code"}, {"status", "a.status"}};
  const auto sort = kSortColumns.count(q.sort) ? kSortColumns.at(q.sort) : "a.username";
  const std::string path = q.unit_path + "%", text = "%" + q.folded_text + "%";
  const long long now = q.now, offset = q.offset, limit = q.limit;
  // LOCKED is derived: active but inside a lock period.
  const std::string where =
      "WHERE u.path LIKE :path AND (:text = '%%' OR a.search_text LIKE :text2) AND "
      "(:status = '' OR (:status2 = 'LOCKED' AND a.status = 'ACTIVE' AND a.locked_until > :now) OR "
      "(:status3 <> 'LOCKED' AND a.status = :status4)) ";
  sql << "SELECT COUNT(*) FROM accounts a JOIN units u ON u.id = a.unit_id " + where, soci::use(path),
      soci::use(text), soci::use(text), soci::use(q.status), soci::use(q.status), soci::use(now), soci::use(q.status),
      soci::use(q.status), soci::into(total);
  std::vector<Account> accounts;
  soci::rowset<soci::row> rows =
      (sql.prepare << kAccountSelect + where + "ORDER BY " + sort + (q.descending ? " DESC" : " ASC") +
                          ", a.id LIMIT :limit OFFSET :offset",
       soci::use(path), soci::use(text), soci::use(text), soci::use(q.status), soci::use(q.status), soci::use(now),
       soci::use(q.status), soci::use(q.status), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) accounts.push_back(account_from(row));
  for (auto& account : accounts) account.roles = roles_of(sql, account.id);
  return accounts;
}

void insert_session(soci::session& sql, const std::string& token_hash, std::int64_t account_id, std::int64_t now) {
  const long long id = account_id, at = now, expires = now + kSessionAbsoluteSeconds;
  sql << "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at) "
         "VALUES (:t, :a, :c, :l, :e)",
      soci::use(token_hash), soci::use(id), soci::use(at), soci::use(at), soci::use(expires);
}

std::optional<SessionRow> find_session(soci::session& sql, const std::string& token_hash) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT s.last_seen_at, s.expires_at, a.id AS account_id, a.username, a.full_name, a.status, "
                      "a.password_change_required, u.id AS unit_id, u.code AS unit_code, u.name AS unit_name, "
                      "u.level AS unit_level, u.path AS unit_path "
                      "FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN units u ON u.id = a.unit_id "
                      "WHERE s.token_hash = :t",
       soci::use(token_hash));
  for (const auto& row : rows) {
    SessionRow session;
    session.times = SessionTimes{int_at(row, "last_seen_at"), int_at(row, "expires_at")};
    session.account_status = text_at(row, "status");
    auto& p = session.principal;
    p.account_id = int_at(row, "account_id");
    p.username = text_at(row, "username");
    p.unit_id = int_at(row, "unit_id");
    p.unit_code = text_at(row, "unit_code");
    p.full_name = text_at(row, "full_name");
    p.unit_name = text_at(row, "unit_name");
    p.unit_level = text_at(row, "unit_level");
    p.unit_path = text_at(row, "unit_path");
    p.password_change_required = int_at(row, "password_change_required") != 0;
    p.roles = roles_of(sql, p.account_id);
    return session;
  }
  return std::nullopt;
}

void touch_session(soci::session& sql, const std::string& token_hash, std::int64_t now) {
  const long long at = now;
  sql << "UPDATE sessions SET last_seen_at = :l WHERE token_hash = :t", soci::use(at), soci::use(token_hash);
}

void delete_session(soci::session& sql, const std::string& token_hash) {
  sql << "DELETE FROM sessions WHERE token_hash = :t", soci::use(token_hash);
}

void delete_sessions_of(soci::session& sql, std::int64_t account_id) {
  const long long id = account_id;
  sql << "DELETE FROM sessions WHERE account_id = :a", soci::use(id);
}

void delete_other_sessions(soci::session& sql, std::int64_t account_id, const std::string& kept_token_hash) {
  const long long id = account_id;
  sql << "DELETE FROM sessions WHERE account_id = :a AND token_hash <> :t", soci::use(id), soci::use(kept_token_hash);
}

namespace {

const db::RowMapping<AccountRequest>& request_mapping() {
  static const auto mapping =
      db::RowMapping<AccountRequest>()
          HQ_ROW_FIELDS_AT(AccountRequest, "r.", id, kind, unit_id)
          .field("u.code", &AccountRequest::unit_code)
          .field("u.path", &AccountRequest::unit_path)
          .field("u.level", &AccountRequest::unit_level)
          HQ_ROW_FIELDS_AT(AccountRequest, "r.", username, full_name)
          .field_with("r.roles",  // stored comma-separated
                      [](AccountRequest& r, const soci::row& row, std::size_t i) { r.roles = split_roles(text_at(row, i)); })
          HQ_ROW_FIELDS_AT(AccountRequest, "r.", reason, status)
          .field("r.proposed_by", &AccountRequest::proposed_by_id)
          .field("p.username", &AccountRequest::proposed_by)
          .field("d.username", &AccountRequest::decided_by)
          HQ_ROW_FIELDS_AT(AccountRequest, "r.", decision_comment, created_at);
  return mapping;
}

// A request with its unit (u), proposer (p) and decider (d), as request_mapping reads it.
constexpr const char* kRequestsFrom =
    "account_requests r JOIN units u ON u.id = r.unit_id JOIN accounts p ON p.id = r.proposed_by "
    "LEFT JOIN accounts d ON d.id = r.decided_by";

}  // namespace

std::int64_t insert_request(soci::session& sql, const AccountRequest& r, std::int64_t proposer, std::int64_t now) {
  long long id = 0;
  const long long unit = r.unit_id, by = proposer, at = now;
  const std::string roles = core::join(r.roles, ",");
  sql << "INSERT INTO account_requests (kind, unit_id, username, full_name, roles, reason, status, proposed_by, "
         "created_at, updated_at) VALUES (:k, :unit, :u, :fn, :roles, :reason, 'PROPOSED', :by, :c, :m) RETURNING id",
      soci::use(r.kind), soci::use(unit), soci::use(r.username), soci::use(r.full_name), soci::use(roles),
      soci::use(r.reason), soci::use(by), soci::use(at), soci::use(at), soci::into(id);
  return id;
}

std::optional<AccountRequest> find_request(soci::session& sql, std::int64_t id) {
  return request_mapping().first_where(sql, kRequestsFrom, "r.id = :id", id);
}

bool transition_request(soci::session& sql, std::int64_t id, const std::string& from, const std::string& to,
                        std::int64_t decider, const std::string& comment, std::int64_t now) {
  const long long key = id, by = decider, at = now;
  soci::statement update =
      (sql.prepare << "UPDATE account_requests SET status = :s, decided_by = COALESCE(decided_by, :by), "
                      "decision_comment = COALESCE(NULLIF(:c, ''), decision_comment), updated_at = :m "
                      "WHERE id = :id AND status = :from",
       soci::use(to), soci::use(by), soci::use(comment), soci::use(at), soci::use(key), soci::use(from));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

std::vector<AccountRequest> list_requests(soci::session& sql, const std::string& unit_path, const std::string& status,
                                          std::int64_t offset, std::int64_t limit, std::int64_t& total) {
  const std::string path = unit_path + "%";
  const std::string filter = "u.path LIKE :p AND (:s = '' OR r.status = :s2) ";
  sql << "SELECT COUNT(*) FROM account_requests r JOIN units u ON u.id = r.unit_id WHERE " + filter, soci::use(path),
      soci::use(status), soci::use(status), soci::into(total);
  return request_mapping().rows_where(sql, kRequestsFrom, filter + "ORDER BY r.id DESC LIMIT :l OFFSET :o", path,
                                      status, status, limit, offset);
}

void set_kind(soci::session& sql, std::int64_t account_id, const std::string& kind, const std::string& tax_code) {
  const long long id = account_id;
  soci::indicator ind = tax_code.empty() ? soci::i_null : soci::i_ok;
  sql << "UPDATE accounts SET kind = :k, tax_code = :t WHERE id = :id", soci::use(kind), soci::use(tax_code, ind),
      soci::use(id);
}

}  // namespace hq::identity::store
