// Incidents and what they count (files, services), and the service modules' latest states and history.
#include "db/row.h"
#include "db/row_mapping.h"
#include "monitor/store.h"

namespace hq::monitor::store {

namespace {

// closed_at reads 0 while open; closed_by and note read empty.
const db::RowMapping<Incident>& incident_mapping() {
  static const auto mapping = db::RowMapping<Incident>()
                                  HQ_ROW_FIELDS(Incident, id, kind, system, unit_code, unit_path, peer_unit_code,
                                                peer_path, owner, occurrences, open_causes, status, opened_at, last_at,
                                                closed_at, closed_by, note);
  return mapping;
}

std::optional<Incident> incident_where(soci::session& sql, const std::string& where, const std::string& a,
                                       const std::string& b, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + incident_mapping().select_list() + " FROM monitor_incidents WHERE " + where,
       soci::use(a), soci::use(b), soci::use(id));
  for (const auto& row : rows) return incident_mapping().read(row);
  return std::nullopt;
}

const db::RowMapping<Link>& link_mapping() {
  static const auto mapping = db::RowMapping<Link>()
                                  HQ_ROW_FIELDS(Link, id, incident_id, subject_id, subject_type, reason, cause);
  return mapping;
}

std::string links_select() { return "SELECT " + link_mapping().select_list() + " FROM monitor_incident_links "; }

}  // namespace

std::optional<Incident> find_incident(soci::session& sql, std::int64_t id) {
  return incident_where(sql, ":a = '' AND :b = '' AND id = :i", "", "", id);
}

std::optional<Incident> open_incident_by_key(soci::session& sql, const std::string& key) {
  return incident_where(sql, "open_key = :a AND :b = '' AND :i = 0", key, "", 0);
}

std::optional<Incident> open_inhibitor(soci::session& sql, const std::string& system, const std::string& unit_code) {
  return incident_where(sql,
                        "system = :a AND unit_code = :b AND :i = 0 AND status = 'OPEN' AND kind IN "
                        "('SERVICE_STOPPED', 'SERVICE_SILENT') ORDER BY id LIMIT 1",
                        system, unit_code, 0);
}

std::int64_t insert_incident(soci::session& sql, const Incident& i, const std::string& key) {
  long long id = 0, at = i.opened_at;
  sql << "INSERT INTO monitor_incidents (kind, system, unit_code, unit_path, peer_unit_code, peer_path, owner, "
         "occurrences, open_causes, status, opened_at, last_at, open_key) VALUES (:k, :s, :u, :up, :p, :pp, :o, 0, 0, "
         "'OPEN', :a, :l, :key) ON CONFLICT (open_key) DO NOTHING RETURNING id",
      soci::use(i.kind), soci::use(i.system), soci::use(i.unit_code), soci::use(i.unit_path),
      soci::use(i.peer_unit_code), soci::use(i.peer_path), soci::use(i.owner), soci::use(at), soci::use(at),
      soci::use(key), soci::into(id);
  return sql.got_data() ? id : 0;
}

void add_link(soci::session& sql, const Link& link, UnixSeconds now) {
  long long incident = link.incident_id, subject = link.subject_id, cause = link.cause ? 1 : 0, at = now;
  sql << "INSERT INTO monitor_incident_links (incident_id, subject_type, subject_id, reason, cause, active, linked_at) "
         "VALUES (:i, :t, :s, :r, :c, 1, :a)",
      soci::use(incident), soci::use(link.subject_type), soci::use(subject), soci::use(link.reason), soci::use(cause),
      soci::use(at);
  sql << "UPDATE monitor_incidents SET occurrences = occurrences + 1, open_causes = open_causes + :c, last_at = :a "
         "WHERE id = :i",
      soci::use(cause), soci::use(at), soci::use(incident);
}

std::optional<Link> active_link(soci::session& sql, const std::string& subject_type, std::int64_t subject_id,
                                const std::string& reason) {
  long long subject = subject_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << links_select() +
                          "WHERE subject_type = :t AND subject_id = :s AND active = 1 AND reason = :r",
       soci::use(subject_type), soci::use(subject), soci::use(reason));
  for (const auto& row : rows) return link_mapping().read(row);
  return std::nullopt;
}

std::vector<Link> active_links(soci::session& sql, std::int64_t incident_id) {
  long long incident = incident_id;
  std::vector<Link> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << links_select() + "WHERE incident_id = :i AND active = 1 ORDER BY id",
       soci::use(incident));
  for (const auto& row : rows) out.push_back(link_mapping().read(row));
  return out;
}

std::int64_t clear_link(soci::session& sql, const Link& link, UnixSeconds now) {
  long long id = link.id, incident = link.incident_id, cause = link.cause ? 1 : 0, at = now, left = 0;
  sql << "UPDATE monitor_incident_links SET active = 0, cleared_at = :a WHERE id = :i", soci::use(at), soci::use(id);
  sql << "UPDATE monitor_incidents SET open_causes = open_causes - :c WHERE id = :i", soci::use(cause),
      soci::use(incident);
  sql << "SELECT open_causes FROM monitor_incidents WHERE id = :i", soci::use(incident), soci::into(left);
  return left;
}

bool close_incident(soci::session& sql, std::int64_t id, const std::string& by, const std::string& note,
                    UnixSeconds now) {
  long long key = id, at = now;
  soci::statement st = (sql.prepare << "UPDATE monitor_incidents SET status = 'CLOSED', closed_at = :a, closed_by = :b, "
                                       "note = :n, open_key = NULL WHERE id = :i AND status = 'OPEN'",
                        soci::use(at), soci::use(by), soci::use(note), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

// ---- Service modules ----

namespace {

// The raised kinds are stored as text (",A,B,") and parsed once read.
const db::RowMapping<ServiceRow>& service_mapping() {
  static const auto mapping = db::RowMapping<ServiceRow>()
                                  HQ_ROW_FIELDS(ServiceRow, id, unit_id, unit_code, unit_path, system, service, ip,
                                                status, message, reported_at, changed_at, silent)
                                  .field("raised", &ServiceRow::raised_text);
  return mapping;
}

std::optional<ServiceRow> service_where(soci::session& sql, const std::string& where, long long a, const std::string& b,
                                        const std::string& c) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + service_mapping().select_list() + " FROM monitor_services WHERE " + where,
       soci::use(a), soci::use(b), soci::use(c));
  for (const auto& row : rows) {
    auto s = service_mapping().read(row);
    s.raised = parse_kinds(s.raised_text);
    return s;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ServiceRow> find_service(soci::session& sql, std::int64_t unit_id, const std::string& system,
                                       const std::string& service) {
  return service_where(sql, "unit_id = :u AND system = :s AND service = :v", unit_id, system, service);
}

std::optional<ServiceRow> service_by_id(soci::session& sql, std::int64_t id) {
  return service_where(sql, "id = :i AND :b = '' AND :c = ''", id, "", "");
}

std::int64_t insert_service(soci::session& sql, const ServiceRow& s) {
  long long unit = s.unit_id, reported = s.reported_at, changed = s.changed_at, id = 0;
  sql << "INSERT INTO monitor_services (unit_id, unit_code, unit_path, system, service, ip, status, message, "
         "reported_at, changed_at) VALUES (:u, :c, :p, :s, :v, :ip, :st, :m, :r, :ch) RETURNING id",
      soci::use(unit), soci::use(s.unit_code), soci::use(s.unit_path), soci::use(s.system), soci::use(s.service),
      soci::use(s.ip), soci::use(s.status), soci::use(s.message), soci::use(reported), soci::use(changed),
      soci::into(id);
  return id;
}

void update_service(soci::session& sql, const ServiceRow& s) {
  long long id = s.id, reported = s.reported_at, changed = s.changed_at, silent = s.silent ? 1 : 0;
  const std::string raised = format_kinds(s.raised);
  sql << "UPDATE monitor_services SET ip = :ip, status = :st, message = :m, reported_at = :r, changed_at = :ch, "
         "silent = :si, raised = :ra WHERE id = :i",
      soci::use(s.ip), soci::use(s.status), soci::use(s.message), soci::use(reported), soci::use(changed),
      soci::use(silent), soci::use(raised), soci::use(id);
}

void add_service_history(soci::session& sql, std::int64_t service_id, const std::string& status,
                         const std::string& message, UnixSeconds at) {
  long long id = service_id, when = at;
  sql << "INSERT INTO monitor_service_history (service_id, status, message, at) VALUES (:i, :s, :m, :a)",
      soci::use(id), soci::use(status), soci::use(message), soci::use(when);
}

}  // namespace hq::monitor::store
