// Units as the monitor needs them, agents and their tokens (hashes only), settings per system.
#include "db/row.h"
#include "db/row_mapping.h"
#include "monitor/store.h"

namespace hq::monitor::store {

namespace {

const db::RowMapping<UnitRef>& unit_mapping() {
  static const auto mapping = db::RowMapping<UnitRef>()
                                  .field("id", &UnitRef::id)
                                  .field("COALESCE(parent_id, 0)", &UnitRef::parent_id)
                                  HQ_ROW_FIELDS(UnitRef, code, name, path, level);
  return mapping;
}

std::optional<UnitRef> unit_where(soci::session& sql, const std::string& where, const std::string& text, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + unit_mapping().select_list() + " FROM units WHERE " + where, soci::use(text),
       soci::use(id));
  for (const auto& row : rows) return unit_mapping().read(row);
  return std::nullopt;
}

// NULL times (never seen, not revoked) read as 0.
const db::RowMapping<Agent>& agent_mapping() {
  static const auto mapping = db::RowMapping<Agent>()
                                  HQ_ROW_FIELDS_AT(Agent, "a.", id, unit_id)
                                  .field("u.code", &Agent::unit_code)
                                  .field("u.path", &Agent::unit_path)
                                  HQ_ROW_FIELDS_AT(Agent, "a.", name, created_by, created_at, last_seen_at, revoked_at);
  return mapping;
}

std::string agents_select() {
  return "SELECT " + agent_mapping().select_list() + " FROM monitor_agents a JOIN units u ON u.id = a.unit_id ";
}

}  // namespace

std::optional<UnitRef> find_unit(soci::session& sql, const std::string& code) {
  return unit_where(sql, "code = :c AND :i = 0", code, 0);
}

std::optional<UnitRef> unit_by_id(soci::session& sql, std::int64_t id) {
  return unit_where(sql, ":c = '' AND id = :i", "", id);
}

std::int64_t insert_agent(soci::session& sql, std::int64_t unit_id, const std::string& name,
                          const std::string& token_hash, const std::string& created_by, UnixSeconds now) {
  long long id = 0, unit = unit_id, at = now;
  sql << "INSERT INTO monitor_agents (unit_id, name, token_hash, created_by, created_at) "
         "VALUES (:u, :n, :h, :b, :a) RETURNING id",
      soci::use(unit), soci::use(name), soci::use(token_hash), soci::use(created_by), soci::use(at), soci::into(id);
  return id;
}

std::optional<Agent> agent_by_token(soci::session& sql, const std::string& token_hash) {
  return agent_mapping().first_of(sql, agents_select() + "WHERE a.token_hash = :h", token_hash);
}

std::optional<Agent> find_agent(soci::session& sql, std::int64_t id) {
  return agent_mapping().first_of(sql, agents_select() + "WHERE a.id = :i", id);
}

std::vector<Agent> list_agents(soci::session& sql, std::int64_t offset, std::int64_t limit, std::int64_t& total) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM monitor_agents", soci::into(n);
  total = n;
  std::vector<Agent> out;
  soci::rowset<soci::row> rows = (sql.prepare << agents_select() + "ORDER BY a.id LIMIT " +
                                                     std::to_string(limit) + " OFFSET " + std::to_string(offset));
  for (const auto& row : rows) out.push_back(agent_mapping().read(row));
  return out;
}

bool revoke_agent(soci::session& sql, std::int64_t id, UnixSeconds now) {
  long long key = id, at = now;
  soci::statement st = (sql.prepare << "UPDATE monitor_agents SET revoked_at = :a WHERE id = :i AND revoked_at IS NULL",
                        soci::use(at), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void touch_agent(soci::session& sql, std::int64_t id, UnixSeconds now) {
  long long key = id, at = now;
  sql << "UPDATE monitor_agents SET last_seen_at = :a WHERE id = :i", soci::use(at), soci::use(key);
}

std::map<std::string, Settings> load_settings(soci::session& sql) {
  std::map<std::string, Settings> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT system, receive_within_seconds, update_within_seconds, "
                                                 "service_interval_seconds FROM monitor_settings");
  for (const auto& row : rows)
    out[db::text_at(row, "system")] = Settings{db::int_at(row, "receive_within_seconds"),
                                               db::int_at(row, "update_within_seconds"),
                                               db::int_at(row, "service_interval_seconds")};
  return out;
}

void save_settings(soci::session& sql, const std::string& system, const Settings& s, const std::string& by,
                   UnixSeconds now) {
  long long r = s.receive_within, u = s.update_within, i = s.service_interval, at = now;
  sql << "INSERT INTO monitor_settings (system, receive_within_seconds, update_within_seconds, "
         "service_interval_seconds, updated_by, updated_at) VALUES (:s, :r, :u, :i, :b, :a) "
         "ON CONFLICT (system) DO UPDATE SET receive_within_seconds = excluded.receive_within_seconds, "
         "update_within_seconds = excluded.update_within_seconds, "
         "service_interval_seconds = excluded.service_interval_seconds, updated_by = excluded.updated_by, "
         "updated_at = excluded.updated_at",
      soci::use(system), soci::use(r), soci::use(u), soci::use(i), soci::use(by), soci::use(at);
}

}  // namespace hq::monitor::store
