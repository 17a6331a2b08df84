#include "db/insert.h"
#include "db/row.h"
#include "db/row_mapping.h"
#include "eservices/helpdesk.h"

namespace hq::eservices {

namespace store {

namespace {
const db::RowMapping<HelpRequest>& request_mapping() {
  static const auto mapping = db::RowMapping<HelpRequest>()
                                  HQ_ROW_FIELDS_AT(HelpRequest, "h.", id, account_id, unit_id)
                                  .field("a.username", &HelpRequest::username)
                                  .field("u.code", &HelpRequest::unit_code)
                                  HQ_ROW_FIELDS_AT(HelpRequest, "h.", unit_path, scope, subject, body, status, answer,
                                                   answered_by, created_at, updated_at);
  return mapping;
}
const std::string& request_select() {
  static const std::string select = "SELECT " + request_mapping().select_list() +
                                    " FROM eservices_helpdesk h JOIN accounts a ON a.id = h.account_id "
                                    "JOIN units u ON u.id = h.unit_id ";
  return select;
}
}  // namespace

std::int64_t insert_help_request(soci::session& sql, const HelpRequest& r) {
  return db::insert_returning_id(
      sql, "eservices_helpdesk", "account_id, unit_id, unit_path, scope, subject, body, status, created_at, updated_at",
      r.account_id, r.unit_id, r.unit_path, r.scope, r.subject, r.body, std::string("OPEN"), r.created_at, r.created_at);
}

std::optional<HelpRequest> find_help_request(soci::session& sql, std::int64_t id) {
  return request_mapping().first_of(sql, request_select() + "WHERE h.id = :id", id);
}

HelpRequestPage list_help_requests(soci::session& sql, std::optional<std::int64_t> account_id,
                                   const std::string& unit_path_prefix, const std::string& status, std::int64_t offset,
                                   std::int64_t limit) {
  const long long account = account_id.value_or(0), off = offset, lim = limit;
  const std::string prefix = unit_path_prefix + "%";
  const std::string where = std::string(account_id ? "WHERE h.account_id = :a" : "WHERE :a = 0") +
                            " AND h.unit_path LIKE :p AND (:s = '' OR h.status = :s2) ";
  long long count = 0;
  sql << "SELECT COUNT(*) FROM eservices_helpdesk h " + where, soci::use(account), soci::use(prefix),
      soci::use(status), soci::use(status), soci::into(count);
  HelpRequestPage out;
  out.total = count;
  soci::rowset<soci::row> rows = (sql.prepare << request_select() + where + "ORDER BY h.id DESC LIMIT :l OFFSET :o",
                                  soci::use(account), soci::use(prefix), soci::use(status), soci::use(status),
                                  soci::use(lim), soci::use(off));
  for (const auto& row : rows) out.items.push_back(request_mapping().read(row));
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
