#pragma once
// Monitoring use cases. Each state change runs in one transaction and writes one processing-history entry:
// an agent created or revoked, settings changed, a batch of events or service reports (one entry per
// request), an incident opened, closed by itself or closed by hand. Reconciliation (reconcile.cpp) runs on
// the due-time index after every ingest and from the server's timer.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/principal.h"
#include "db/database.h"
#include "monitor/store.h"

namespace hq::monitor {

struct NewAgent {
  std::int64_t id = 0;
  std::string token;  // shown once
};
struct IngestResult {
  std::int64_t accepted = 0, duplicates = 0;
};
// List filters as they come from the query string; validated by the service.
struct ListQuery {
  std::string system, unit, op, status, kind, batch, from, to;
  std::string cursor;  // the operations history: the `next_cursor` of the previous page (keyset paging)
  std::int64_t offset = 0, limit = 20;
};
// The operations history counts its total up to this many rows (GET /operations: total_exact).
constexpr std::int64_t kOperationsCountCap = 10000;

struct Page {
  nlohmann::json items = nlohmann::json::array();
  std::int64_t total = 0;
  // Lists whose total is counted only up to a cap (the operations history): false when there are more rows
  // than `total` says. Not set: the list's total is always exact.
  std::optional<bool> total_exact;
  // Lists paged by keyset (the operations history): where the next page starts (a string) when this one is
  // full, else null. Not set: the list has no keyset paging.
  std::optional<nlohmann::json> next_cursor;
};

class MonitorService {
 public:
  explicit MonitorService(db::Database& db) : db_(db) {}

  // ---- Agents (platform.admin or the IT department, CNTT) ----
  NewAgent create_agent(const core::Principal& caller, const std::string& unit_code, const std::string& name);
  Page agents(const core::Principal& caller, std::int64_t offset, std::int64_t limit);
  void revoke_agent(const core::Principal& caller, std::int64_t id);
  // The agent behind an Authorization header ("Bearer <token>"); 401 when missing, unknown or revoked.
  store::Agent authenticate_agent(const std::string* authorization);

  // ---- Settings per system ----
  nlohmann::json settings(const core::Principal& caller);
  void update_settings(const core::Principal& caller, const std::string& system, const Settings& settings);

  // ---- Ingest (agents) ----
  // `body`: the request's JSON text (read in one pass, event_json.cpp).
  IngestResult ingest_events(const store::Agent& agent, std::string_view body, const std::string& client);
  IngestResult ingest_service_reports(const store::Agent& agent, const nlohmann::json& body, const std::string& client);
  // The same with validated items, as of `now`, without processing what fell due (the demo replays a day).
  IngestResult record_events(const store::Agent& agent, const std::vector<Event>& events, UnixSeconds now,
                             const std::string& client);
  IngestResult record_reports(const store::Agent& agent, const std::vector<ServiceReport>& reports, UnixSeconds now,
                              const std::string& client);
  // An agent with a known token (demo data); returns the existing one when the token is already issued.
  store::Agent ensure_agent_as_system(const std::string& unit_code, const std::string& name, const std::string& token);

  // ---- Reconciliation: handles every due entry up to `now`; returns how many ----
  std::size_t process_due(UnixSeconds now);

  // ---- Lists at the caller's scope ----
  Page operations(const core::Principal& caller, const ListQuery& q);
  Page transfers(const core::Principal& caller, const ListQuery& q);
  Page incidents(const core::Principal& caller, const ListQuery& q);
  nlohmann::json incident(const core::Principal& caller, std::int64_t id);  // with the files/services behind it
  void close_incident(const core::Principal& caller, std::int64_t id, const std::string& note);
  Page services(const core::Principal& caller, const ListQuery& q);
  Page service_history(const core::Principal& caller, std::int64_t id, std::int64_t offset, std::int64_t limit);
  nlohmann::json summary(const core::Principal& caller, const std::string& date);
  // Units × systems with the worst state of each cell (the live board).
  nlohmann::json board(const core::Principal& caller);

  // Prometheus text for /metrics: files and bytes per system and unit, open incidents by kind, service states.
  std::string metrics_text();

 private:
  db::Database& db_;
};

}  // namespace hq::monitor
