// Units as the monitor needs them, agents and their tokens (hashes only), settings per system.
#include "db/row.h"
#include "monitor/store.h"

namespace hq::monitor::store {

namespace {

std::optional<UnixSeconds> optional_int(const soci::row& row, const std::string& column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return db::int_at(row, column);
}

std::optional<UnitRef> unit_where(soci::session& sql, const std::string& where, const std::string& text, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, COALESCE(parent_id, 0) AS parent_id, code, name, path, "
                                                 "level FROM units WHERE " + where,
                                  soci::use(text), soci::use(id));
  for (const auto& row : rows)
    return UnitRef{db::int_at(row, "id"), db::int_at(row, "parent_id"), db::text_at(row, "code"),
                   db::text_at(row, "name"), db::text_at(row, "path"), db::text_at(row, "level")};
  return std::nullopt;
}

constexpr const char* kAgentColumns =
    "SELECT a.id, a.unit_id, u.code AS unit_code, u.path AS unit_path, a.name, a.created_by, a.created_at, "
    "a.last_seen_at, a.revoked_at FROM monitor_agents a JOIN units u ON u.id = a.unit_id ";

Agent agent_from(const soci::row& row) {
  return Agent{db::int_at(row, "id"),          db::int_at(row, "unit_id"),    db::text_at(row, "unit_code"),
               db::text_at(row, "unit_path"),  db::text_at(row, "name"),      db::text_at(row, "created_by"),
               db::int_at(row, "created_at"), optional_int(row, "last_seen_at"), optional_int(row, "revoked_at")};
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
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kAgentColumns) + "WHERE a.token_hash = :h",
                                  soci::use(token_hash));
  for (const auto& row : rows) return agent_from(row);
  return std::nullopt;
}

std::optional<Agent> find_agent(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kAgentColumns) + "WHERE a.id = :i", soci::use(key));
  for (const auto& row : rows) return agent_from(row);
  return std::nullopt;
}

std::vector<Agent> list_agents(soci::session& sql, std::int64_t offset, std::int64_t limit, std::int64_t& total) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM monitor_agents", soci::into(n);
  total = n;
  std::vector<Agent> out;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kAgentColumns) + "ORDER BY a.id LIMIT " +
                                                     std::to_string(limit) + " OFFSET " + std::to_string(offset));
  for (const auto& row : rows) out.push_back(agent_from(row));
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
