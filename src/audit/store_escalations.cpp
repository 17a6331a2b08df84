#include "audit/store_escalations.h"

#include "audit/store_support.h"
#include "db/insert.h"
#include "db/row.h"

namespace hq::audit::store {

using detail::like_prefix;

namespace {

const db::RowMapping<Escalation>& escalation_mapping() {
  static const auto mapping = db::RowMapping<Escalation>()
                                  HQ_ROW_FIELDS_AT(Escalation, "x.", id, blocked_id, blocking_id, unit_id, blocked_since)
                                  .field("COALESCE(x.decided_at, 0)", &Escalation::decided_at, "decided_at")
                                  HQ_ROW_FIELDS_AT(Escalation, "x.", status, decided_by, note)
                                  .field("u.code", &Escalation::unit_code, "unit_code")
                                  .field("u.name", &Escalation::unit_name, "unit_name")
                                  .field("u.path", &Escalation::unit_path, "unit_path")
                                  .field("a.number", &Escalation::blocked_number, "blocked_number")
                                  .field("a.status", &Escalation::blocked_status, "blocked_status")
                                  .field("ua.code", &Escalation::blocked_unit_code, "blocked_unit_code")
                                  .field("ua.path", &Escalation::blocked_unit_path, "blocked_unit_path")
                                  .field("a.proposed_by", &Escalation::blocked_by, "blocked_by")
                                  .field("a.unit_id", &Escalation::blocked_unit_id, "blocked_unit_id")
                                  .field("b.number", &Escalation::blocking_number, "blocking_number")
                                  .field("b.status", &Escalation::blocking_status, "blocking_status")
                                  .field("ub.code", &Escalation::blocking_unit_code, "blocking_unit_code")
                                  .field("ub.path", &Escalation::blocking_unit_path, "blocking_unit_path")
                                  .field("b.proposed_by", &Escalation::blocking_by, "blocking_by")
                                  .field("b.unit_id", &Escalation::blocking_unit_id, "blocking_unit_id")
                                  .field("e.tax_code", &Escalation::tax_code, "tax_code")
                                  .field("e.name", &Escalation::enterprise_name, "enterprise_name");
  return mapping;
}

std::string escalation_select() {
  return "SELECT " + escalation_mapping().select_list() +
         " FROM audit_escalations x JOIN units u ON u.id = x.unit_id "
         "JOIN audit_proposals a ON a.id = x.blocked_id JOIN units ua ON ua.id = a.unit_id "
         "JOIN audit_proposals b ON b.id = x.blocking_id JOIN units ub ON ub.id = b.unit_id "
         "JOIN audit_enterprises e ON e.id = a.enterprise_id ";
}

const db::RowMapping<Notice>& notice_mapping() {
  static const auto mapping = db::RowMapping<Notice>()
                                  HQ_ROW_FIELDS_AT(Notice, "n.", id, unit_id, entity_id, created_at)
                                  .field("COALESCE(n.read_at, 0)", &Notice::read_at, "read_at")
                                  .field("n.kind", &Notice::kind)
                                  .field("n.entity_type", &Notice::entity_type)
                                  .field("n.message", &Notice::message)
                                  .field("n.read_by", &Notice::read_by)
                                  .field("u.code", &Notice::unit_code, "unit_code")
                                  .field("u.path", &Notice::unit_path, "unit_path");
  return mapping;
}

}  // namespace

void open_escalation(soci::session& sql, const Escalation& e) {
  db::insert_row(sql, "audit_escalations", "blocked_id, blocking_id, unit_id, blocked_since, status",
                 "ON CONFLICT (blocked_id, blocking_id) DO NOTHING", e.blocked_id, e.blocking_id, e.unit_id,
                 e.blocked_since, "WAITING");
}

std::optional<Escalation> find_escalation(soci::session& sql, std::int64_t id) {
  return escalation_mapping().first_of(sql, escalation_select() + "WHERE x.id = :id", id);
}

std::vector<Escalation> escalations_under(soci::session& sql, const std::string& unit_path, const std::string& status) {
  const std::string pattern = like_prefix(unit_path);
  std::vector<Escalation> list;
  const std::string where = "WHERE u.path LIKE :p" + std::string(status.empty() ? "" : " AND x.status = :s") +
                            " ORDER BY x.blocked_since DESC, x.id DESC LIMIT 2000";
  if (status.empty()) {
    soci::rowset<soci::row> rows = (sql.prepare << escalation_select() + where, soci::use(pattern));
    for (const auto& r : rows) list.push_back(escalation_mapping().read(r));
  } else {
    soci::rowset<soci::row> rows = (sql.prepare << escalation_select() + where, soci::use(pattern), soci::use(status));
    for (const auto& r : rows) list.push_back(escalation_mapping().read(r));
  }
  return list;
}

bool decide_escalation(soci::session& sql, std::int64_t id, const std::string& status, const std::string& by,
                       const std::string& note, std::int64_t now) {
  const long long key = id, at = now;
  soci::statement st = (sql.prepare << "UPDATE audit_escalations SET status = :s, decided_by = :by, decided_at = :at, "
                                       "note = :n WHERE id = :id AND status = 'WAITING'",
                        soci::use(status), soci::use(by), soci::use(at), soci::use(note), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<std::int64_t> waived_blockers(soci::session& sql, std::int64_t blocked_id) {
  const long long key = blocked_id;
  std::vector<std::int64_t> ids;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT blocking_id FROM audit_escalations WHERE blocked_id = :a AND status = 'PROCEED'",
       soci::use(key));
  for (const auto& r : rows) ids.push_back(db::int_at(r, 0));
  return ids;
}

std::int64_t insert_notice(soci::session& sql, const Notice& n) {
  return db::insert_returning_id(sql, "audit_notices", "unit_id, kind, entity_type, entity_id, message, created_at",
                                 n.unit_id, n.kind, n.entity_type, n.entity_id, n.message, n.created_at);
}

std::optional<Notice> find_notice(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + notice_mapping().select_list() +
                          " FROM audit_notices n JOIN units u ON u.id = n.unit_id WHERE n.id = :id",
       soci::use(key));
  for (const auto& r : rows) return notice_mapping().read(r);
  return std::nullopt;
}

std::vector<Notice> notices_under(soci::session& sql, const std::string& unit_path, bool unread_only,
                                  std::int64_t offset, std::int64_t limit, std::int64_t& total) {
  const std::string pattern = like_prefix(unit_path);
  const std::string where = " FROM audit_notices n JOIN units u ON u.id = n.unit_id WHERE u.path LIKE :p" +
                            std::string(unread_only ? " AND n.read_at IS NULL" : "");
  long long n = 0;
  sql << "SELECT COUNT(*)" + where, soci::use(pattern), soci::into(n);
  total = n;
  const long long off = offset, lim = limit;
  std::vector<Notice> list;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + notice_mapping().select_list() + where +
                                                     " ORDER BY n.created_at DESC, n.id DESC LIMIT :l OFFSET :o",
                                  soci::use(pattern), soci::use(lim), soci::use(off));
  for (const auto& r : rows) list.push_back(notice_mapping().read(r));
  return list;
}

std::int64_t unread_notices_under(soci::session& sql, const std::string& unit_path) {
  const std::string pattern = like_prefix(unit_path);
  long long n = 0;
  sql << "SELECT COUNT(*) FROM audit_notices n JOIN units u ON u.id = n.unit_id WHERE u.path LIKE :p AND n.read_at IS NULL",
      soci::use(pattern), soci::into(n);
  return n;
}

bool mark_notice_read(soci::session& sql, std::int64_t id, const std::string& by, std::int64_t now) {
  const long long key = id, at = now;
  soci::statement st = (sql.prepare << "UPDATE audit_notices SET read_by = :by, read_at = :at WHERE id = :id AND read_at IS NULL",
                        soci::use(by), soci::use(at), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace hq::audit::store
