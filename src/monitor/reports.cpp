// The daily summary per unit, the live board (units × systems) and the Prometheus text for /metrics.
#include "core/error.h"
#include "db/row.h"
#include "monitor/scope.h"
#include "monitor/service.h"
#include "monitor/viewer.h"

namespace hq::monitor {

using nlohmann::json;

namespace {

std::map<std::string, std::string> unit_names(soci::session& sql) {
  std::map<std::string, std::string> names;
  store::each_row(sql, "SELECT code, name FROM units",
                  [&](const soci::row& row) { names[db::text_at(row, "code")] = db::text_at(row, "name"); });
  return names;
}

std::string label_value(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out;
}

}  // namespace

json MonitorService::summary(const core::Principal& caller, const std::string& date_text) {
  const auto date = date_text.empty() ? core::to_local(core::now()).date : core::parse_date(date_text).value_or(core::Date{0, 0, 0});
  if (!core::is_valid_date(date))
    core::bad_input("INVALID_PARAMETER", "Tham số «date» phải là ngày YYYY-MM-DD.", {{"parameter", "date"}});
  const auto from = core::from_local({date, 0, 0}), to = core::from_local({core::add_days(date, 1), 0, 0});
  const std::string day = " BETWEEN " + std::to_string(from) + " AND " + std::to_string(to - 1);
  return db_.read([&](soci::session& sql) {
    const auto v = viewer_of(sql, caller);
    const auto names = unit_names(sql);
    std::map<std::string, json> units;
    auto unit = [&](const std::string& code) -> json& {
      auto& u = units[code];
      if (u.is_null()) {
        const auto it = names.find(code);
        u = {{"unit_code", code}, {"unit_name", it == names.end() ? "" : it->second},
             {"services", {{"RUNNING", 0}, {"STOPPED", 0}, {"ERROR", 0}, {"SILENT", 0}}},
             {"service_changes", 0}, {"service_problems", 0}, {"operations", json::object()},
             {"incidents_opened", 0}};
      }
      return u;
    };
    const auto services = service_visible_sql(v, "s.system", "s.unit_path");
    store::each_row(sql,
                    "SELECT s.unit_code, CASE WHEN s.silent = 1 THEN 'SILENT' ELSE s.status END AS state, COUNT(*) AS n "
                    "FROM monitor_services s WHERE " + services + " GROUP BY s.unit_code, "
                    "CASE WHEN s.silent = 1 THEN 'SILENT' ELSE s.status END",
                    [&](const soci::row& row) {
                      unit(db::text_at(row, "unit_code"))["services"][db::text_at(row, "state")] = db::int_at(row, "n");
                    });
    store::each_row(sql,
                    "SELECT s.unit_code, COUNT(*) AS n, CAST(SUM(CASE WHEN h.status <> 'RUNNING' THEN 1 ELSE 0 END) AS "
                    "bigint) AS problems FROM monitor_service_history h JOIN monitor_services s ON s.id = h.service_id "
                    "WHERE " + services + " AND h.at" + day + " GROUP BY s.unit_code",
                    [&](const soci::row& row) {
                      auto& u = unit(db::text_at(row, "unit_code"));
                      u["service_changes"] = db::int_at(row, "n");
                      u["service_problems"] = db::int_at(row, "problems");
                    });
    store::each_row(sql,
                    "SELECT unit_code, op, CAST(SUM(files) AS bigint) AS n, CAST(SUM(bytes) AS bigint) AS bytes "
                    "FROM monitor_daily_counters WHERE " + operation_visible_sql(v, "system", "op", "unit_path") +
                        " AND day = " + std::to_string(from) + " GROUP BY unit_code, op",
                    [&](const soci::row& row) {
                      unit(db::text_at(row, "unit_code"))["operations"][db::text_at(row, "op")] = {
                          {"files", db::int_at(row, "n")}, {"bytes", db::int_at(row, "bytes")}};
                    });
    store::each_row(sql,
                    "SELECT unit_code, COUNT(*) AS n FROM monitor_incidents WHERE " + incident_visible_sql(v) +
                        " AND opened_at" + day + " GROUP BY unit_code",
                    [&](const soci::row& row) { unit(db::text_at(row, "unit_code"))["incidents_opened"] = db::int_at(row, "n"); });
    json items = json::array();
    for (auto& [code, u] : units) items.push_back(std::move(u));
    return json{{"date", core::format_date(date)}, {"items", items}};
  });
}

json MonitorService::board(const core::Principal& caller) {
  const auto now = core::now();
  const auto today = core::from_local({core::to_local(now).date, 0, 0});
  return db_.read([&](soci::session& sql) {
    const auto v = viewer_of(sql, caller);
    const auto names = unit_names(sql);
    // cells[unit][system] = {state, open_incidents, files_today}
    std::map<std::string, std::map<std::string, json>> cells;
    auto cell = [&](const std::string& unit, const std::string& system) -> json& {
      auto& c = cells[unit][system];
      if (c.is_null()) c = {{"state", "GREEN"}, {"open_incidents", 0}, {"files_today", 0}, {"services", 0}};
      return c;
    };
    auto worsen = [](json& c, const std::string& state) {
      const std::string current = c["state"];
      if (state == "RED" || (state == "YELLOW" && current == "GREEN")) c["state"] = state;
    };
    store::each_row(sql,
                    "SELECT unit_code, system, CAST(SUM(files) AS bigint) AS n FROM monitor_daily_counters WHERE " +
                        operation_visible_sql(v, "system", "op", "unit_path") + " AND day = " + std::to_string(today) +
                        " GROUP BY unit_code, system",
                    [&](const soci::row& row) {
                      cell(db::text_at(row, "unit_code"), db::text_at(row, "system"))["files_today"] = db::int_at(row, "n");
                    });
    store::each_row(sql,
                    "SELECT unit_code, system, status, silent FROM monitor_services WHERE " +
                        service_visible_sql(v, "system", "unit_path"),
                    [&](const soci::row& row) {
                      auto& c = cell(db::text_at(row, "unit_code"), db::text_at(row, "system"));
                      c["services"] = c["services"].get<int>() + 1;
                      const auto status = db::text_at(row, "status");
                      if (db::int_at(row, "silent") == 1 || status == "ERROR") worsen(c, "RED");
                      else if (status == "STOPPED") worsen(c, "YELLOW");
                    });
    store::each_row(sql,
                    "SELECT unit_code, system, COUNT(*) AS n FROM monitor_incidents WHERE status = 'OPEN' AND " +
                        incident_visible_sql(v) + " GROUP BY unit_code, system",
                    [&](const soci::row& row) {
                      auto& c = cell(db::text_at(row, "unit_code"), db::text_at(row, "system"));
                      c["open_incidents"] = db::int_at(row, "n");
                      worsen(c, "RED");
                    });
    json units = json::array();
    for (auto& [code, by_system] : cells) {
      const auto it = names.find(code);
      json row = {{"unit_code", code}, {"unit_name", it == names.end() ? "" : it->second}, {"cells", json::object()}};
      for (auto& [system, c] : by_system) row["cells"][system] = std::move(c);
      units.push_back(std::move(row));
    }
    return json{{"systems", systems()}, {"units", units}, {"at", core::format_iso8601(now)}};
  });
}

std::string MonitorService::metrics_text() {
  std::string out;
  db_.read([&](soci::session& sql) {
    std::string files = "# HELP haiquan_monitor_files_total Files reported by agents, per system, unit and operation.\n"
                        "# TYPE haiquan_monitor_files_total counter\n";
    std::string bytes = "# HELP haiquan_monitor_bytes_total Bytes of the files reported, per system, unit and operation.\n"
                        "# TYPE haiquan_monitor_bytes_total counter\n";
    store::each_row(sql, "SELECT system, unit_code, op, files, bytes FROM monitor_counters ORDER BY system, unit_code, op",
                    [&](const soci::row& row) {
                      const auto labels = "{system=\"" + db::text_at(row, "system") + "\",unit=\"" +
                                          db::text_at(row, "unit_code") + "\",op=\"" + db::text_at(row, "op") + "\"} ";
                      files += "haiquan_monitor_files_total" + labels + std::to_string(db::int_at(row, "files")) + "\n";
                      bytes += "haiquan_monitor_bytes_total" + labels + std::to_string(db::int_at(row, "bytes")) + "\n";
                    });
    std::map<std::string, std::int64_t> open;
    for (const auto& kind : incident_kinds()) open[kind] = 0;
    store::each_row(sql, "SELECT kind, COUNT(*) AS n FROM monitor_incidents WHERE status = 'OPEN' GROUP BY kind",
                    [&](const soci::row& row) { open[db::text_at(row, "kind")] = db::int_at(row, "n"); });
    std::string incidents = "# HELP haiquan_monitor_open_incidents Open monitoring incidents by kind.\n"
                            "# TYPE haiquan_monitor_open_incidents gauge\n";
    for (const auto& [kind, n] : open)
      incidents += "haiquan_monitor_open_incidents{kind=\"" + kind + "\"} " + std::to_string(n) + "\n";
    std::string services = "# HELP haiquan_monitor_service_state Service modules: 1 for the current state.\n"
                           "# TYPE haiquan_monitor_service_state gauge\n";
    store::each_row(sql, "SELECT unit_code, system, service, status, silent FROM monitor_services ORDER BY id",
                    [&](const soci::row& row) {
                      const std::string state = db::int_at(row, "silent") == 1 ? "SILENT" : db::text_at(row, "status");
                      for (const char* s : {"RUNNING", "STOPPED", "ERROR", "SILENT"})
                        services += "haiquan_monitor_service_state{unit=\"" + db::text_at(row, "unit_code") +
                                    "\",system=\"" + db::text_at(row, "system") + "\",service=\"" +
                                    label_value(db::text_at(row, "service")) + "\",state=\"" + s + "\"} " +
                                    (state == s ? "1" : "0") + "\n";
                    });
    out = files + bytes + incidents + services;
  });
  return out;
}

}  // namespace hq::monitor
