#pragma once
// SQL of the monitoring module, one function per statement or query; no decisions. Split by aggregate:
// agents_store.cpp (units, agents, settings), ledger_store.cpp (operations, files, due index, counters),
// incident_store.cpp (incidents and their links), service_store.cpp (service modules), query_store.cpp (lists).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "monitor/rules.h"

namespace hq::monitor::store {

struct UnitRef {
  std::int64_t id = 0, parent_id = 0;
  std::string code, name, path, level;
};
std::optional<UnitRef> find_unit(soci::session& sql, const std::string& code);
std::optional<UnitRef> unit_by_id(soci::session& sql, std::int64_t id);

// ---- Agents and settings ----
struct Agent {
  std::int64_t id = 0, unit_id = 0;
  std::string unit_code, unit_path, name, created_by;
  UnixSeconds created_at = 0;
  UnixSeconds last_seen_at = 0, revoked_at = 0;  // 0: never seen / not revoked
};
std::int64_t insert_agent(soci::session& sql, std::int64_t unit_id, const std::string& name,
                          const std::string& token_hash, const std::string& created_by, UnixSeconds now);
std::optional<Agent> agent_by_token(soci::session& sql, const std::string& token_hash);
std::optional<Agent> find_agent(soci::session& sql, std::int64_t id);
std::vector<Agent> list_agents(soci::session& sql, std::int64_t offset, std::int64_t limit, std::int64_t& total);
bool revoke_agent(soci::session& sql, std::int64_t id, UnixSeconds now);  // false when already revoked
void touch_agent(soci::session& sql, std::int64_t id, UnixSeconds now);

std::map<std::string, Settings> load_settings(soci::session& sql);  // systems without a row are absent
void save_settings(soci::session& sql, const std::string& system, const Settings& s, const std::string& by,
                   UnixSeconds now);

// ---- Ledger (a request's batch at a time: multi-row statements, prepared once per chunk) ----
// Stores the operations the agent's unit had not reported before (by event id); returns, for each event,
// whether it was stored (false: a replay, left as it is). Event ids must be distinct within the call.
std::vector<bool> insert_operations(soci::session& sql, const std::vector<const Event*>& events, const UnitRef& unit,
                                    std::int64_t agent_id, UnixSeconds now);
// A file's row: both ends' figures (FileState) and where it stands in the incidents.
struct FileRow : FileState {
  std::int64_t id = 0;
  std::string sender_code, sender_path, receiver_code, receiver_path, batch_id, file_name;
  std::string raised_text;  // as stored: ",SIZE_MISMATCH,"
  std::set<std::string> raised;
};
struct FileWrite {
  const Event* event = nullptr;
  const UnitRef* sender = nullptr;
  const UnitRef* receiver = nullptr;
};
// Writes events of one operation `op` into their files' rows (creating them) and returns the rows as they now
// are. At most one event per file in a call (the caller keeps the last one of a request).
std::vector<FileRow> apply_to_files(soci::session& sql, const std::string& op, const std::vector<FileWrite>& writes);
std::optional<FileRow> find_file(soci::session& sql, std::int64_t id);
void set_file_raised(soci::session& sql, std::int64_t id, const std::set<std::string>& raised);
// Files and bytes per local day (its first second), system, reporting unit and operation: written to the day's
// row (monitor_daily_counters, the board and the summary) and to the running totals (monitor_counters, /metrics).
struct CounterKey {
  UnixSeconds day = 0;
  std::string system, unit_code, unit_path, op;
  auto operator<=>(const CounterKey&) const = default;
};
void add_counters(soci::session& sql, const std::map<CounterKey, std::pair<std::int64_t, std::int64_t>>& deltas);

struct Due {
  std::string kind;
  std::int64_t subject_id = 0;
  UnixSeconds due_at = 0;
};
// Sets (or moves) the due entries; at most one per (kind, subject) in a call.
void schedule(soci::session& sql, const std::vector<Due>& entries);
// Removes the due entries of these (kind, subject) pairs; due_at is not used.
void cancel(soci::session& sql, const std::vector<Due>& entries);
// Removes and returns up to `limit` entries due by `now`, earliest first (PostgreSQL: rows another
// transaction is processing are skipped).
std::vector<Due> take_due(soci::session& sql, UnixSeconds now, std::int64_t limit);

// ---- Incidents ----
struct Incident {
  std::int64_t id = 0, occurrences = 0, open_causes = 0;
  std::string kind, system, unit_code, unit_path, peer_unit_code, peer_path, owner, status, closed_by, note;
  UnixSeconds opened_at = 0, last_at = 0;
  UnixSeconds closed_at = 0;  // 0 while open
};
std::optional<Incident> find_incident(soci::session& sql, std::int64_t id);
std::optional<Incident> open_incident_by_key(soci::session& sql, const std::string& key);
// The open SERVICE_STOPPED / SERVICE_SILENT incident of a unit's system, if any.
std::optional<Incident> open_inhibitor(soci::session& sql, const std::string& system, const std::string& unit_code);
// 0 when another transaction opened the same group meanwhile (read it with open_incident_by_key).
std::int64_t insert_incident(soci::session& sql, const Incident& i, const std::string& key);
struct Link {
  std::int64_t id = 0, incident_id = 0, subject_id = 0;
  std::string subject_type, reason;
  bool cause = true;
};
void add_link(soci::session& sql, const Link& link, UnixSeconds now);  // also counts it on the incident
std::optional<Link> active_link(soci::session& sql, const std::string& subject_type, std::int64_t subject_id,
                                const std::string& reason);
std::vector<Link> active_links(soci::session& sql, std::int64_t incident_id);
// Deactivates the link; returns the incident's open causes left.
std::int64_t clear_link(soci::session& sql, const Link& link, UnixSeconds now);
bool close_incident(soci::session& sql, std::int64_t id, const std::string& by, const std::string& note, UnixSeconds now);

// ---- Service modules ----
struct ServiceRow {
  std::int64_t id = 0, unit_id = 0;
  std::string unit_code, unit_path, system, service, ip, status, message;
  UnixSeconds reported_at = 0, changed_at = 0;
  bool silent = false;
  std::string raised_text;  // as stored: ",SERVICE_STOPPED,"
  std::set<std::string> raised;
};
std::optional<ServiceRow> find_service(soci::session& sql, std::int64_t unit_id, const std::string& system,
                                       const std::string& service);
std::optional<ServiceRow> service_by_id(soci::session& sql, std::int64_t id);
std::int64_t insert_service(soci::session& sql, const ServiceRow& s);
void update_service(soci::session& sql, const ServiceRow& s);
void add_service_history(soci::session& sql, std::int64_t service_id, const std::string& status,
                         const std::string& message, UnixSeconds at);

// ---- Lists (filters are validated before they reach here; `scope` is an SQL predicate from scope.h) ----
// Keyset position in a list ordered by (at DESC, id DESC): the rows after it are older, or as old with a
// smaller id.
struct Before {
  UnixSeconds at = 0;
  std::int64_t id = 0;
};
struct Filter {
  std::string system, unit, op, status, kind, batch;
  std::optional<UnixSeconds> from, to;  // [from, to)
  std::int64_t offset = 0, limit = 20;
  std::optional<Before> before;  // the operations history's keyset paging
};
using RowFn = std::function<void(const soci::row&)>;
void each_row(soci::session& sql, const std::string& query, const RowFn& fn);
void each_page_row(soci::session& sql, const std::string& select_from_where, const std::string& order,
                   const Filter& f, const RowFn& fn);
std::int64_t count_rows(soci::session& sql, const std::string& select_from_where);
std::string operations_query(const std::string& scope, const Filter& f);  // SELECT … FROM … WHERE …
std::string before(const Before& b);  // " AND …": the rows after b in (at DESC, id DESC) order
std::string transfers_query(const std::string& scope, const std::string& export_visible,
                            const std::string& receive_visible, const std::string& update_visible, const Filter& f);
std::string incidents_query(const std::string& scope, const Filter& f);
std::string services_query(const std::string& scope, const Filter& f);

}  // namespace hq::monitor::store
