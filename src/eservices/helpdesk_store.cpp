#include "db/row.h"
#include "eservices/helpdesk.h"

namespace hq::eservices {

namespace store {

namespace {
constexpr const char* kSelect =
    "SELECT h.*, a.username, u.code AS unit_code FROM eservices_helpdesk h JOIN accounts a ON a.id = h.account_id "
    "JOIN units u ON u.id = h.unit_id ";
HelpRequest request_from(const soci::row& row) {
  HelpRequest r;
  r.id = db::int_at(row, "id");
  r.account_id = db::int_at(row, "account_id");
  r.unit_id = db::int_at(row, "unit_id");
  r.username = db::text_at(row, "username");
  r.unit_code = db::text_at(row, "unit_code");
  r.unit_path = db::text_at(row, "unit_path");
  r.scope = db::text_at(row, "scope");
  r.subject = db::text_at(row, "subject");
  r.body = db::text_at(row, "body");
  r.status = db::text_at(row, "status");
  r.answer = db::text_at(row, "answer");
  r.answered_by = db::text_at(row, "answered_by");
  r.created_at = db::int_at(row, "created_at");
  r.updated_at = db::int_at(row, "updated_at");
  return r;
}
}  // namespace

std::int64_t insert_help_request(soci::session& sql, const HelpRequest& r) {
  long long id = 0;
  const long long account = r.account_id, unit = r.unit_id, at = r.created_at;
  sql << "INSERT INTO eservices_helpdesk (account_id, unit_id, unit_path, scope, subject, body, status, created_at, "
         "updated_at) VALUES (:a, :u, :p, :sc, :su, :b, 'OPEN', :c, :m) RETURNING id",
      soci::use(account), soci::use(unit), soci::use(r.unit_path), soci::use(r.scope), soci::use(r.subject),
      soci::use(r.body), soci::use(at), soci::use(at), soci::into(id);
  return id;
}

std::optional<HelpRequest> find_help_request(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kSelect) + "WHERE h.id = :id", soci::use(key));
  for (const auto& row : rows) return request_from(row);
  return std::nullopt;
}

std::vector<HelpRequest> list_help_requests(soci::session& sql, std::optional<std::int64_t> account_id,
                                            const std::string& unit_path_prefix, const std::string& status,
                                            std::int64_t offset, std::int64_t limit, std::int64_t& total) {
  const long long account = account_id.value_or(0), off = offset, lim = limit;
  const std::string prefix = unit_path_prefix + "%";
  const std::string where = std::string(account_id ? "WHERE h.account_id = :a" : "WHERE :a = 0") +
                            " AND h.unit_path LIKE :p AND (:s = '' OR h.status = :s2) ";
  long long count = 0;
  sql << "SELECT COUNT(*) FROM eservices_helpdesk h " + where, soci::use(account), soci::use(prefix),
      soci::use(status), soci::use(status), soci::into(count);
  total = count;
  std::vector<HelpRequest> out;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kSelect) + where + "ORDER BY h.id DESC LIMIT :l OFFSET :o",
                                  soci::use(account), soci::use(prefix), soci::use(status), soci::use(status),
                                  soci::use(lim), soci::use(off));
  for (const auto& row : rows) out.push_back(request_from(row));
  return out;
}

bool update_help_request(soci::session& sql, const HelpRequest& r, std::int64_t now) {
  const long long id = r.id, unit = r.unit_id, at = now;
  long long updated = 0;
  soci::indicator got = soci::i_null;
  sql << "UPDATE eservices_helpdesk SET unit_id = :u, unit_path = :p, status = :s, answer = :a, answered_by = :by, "
         "updated_at = :at WHERE id = :id AND status = 'OPEN' RETURNING id",
      soci::use(unit), soci::use(r.unit_path), soci::use(r.status), soci::use(r.answer), soci::use(r.answered_by),
      soci::use(at), soci::use(id), soci::into(updated, got);
  return sql.got_data() && got == soci::i_ok;
}

}  // namespace store

}  // namespace hq::eservices
