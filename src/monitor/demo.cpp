// A day of demo traffic for `haiquan demo`, replayed through the service in ten-minute steps as agents would
// have reported it (reconciliation runs at each step's time, so incidents open and close as they would have).
// SLXNK declarations flow up from four Chi cục through their Cục to the General Department, QLRR risk profiles
// flow down, GTT22 prices go both ways; one file arrives late (an incident opens and closes by itself), one never
// arrives, one arrives with another size, and 02B1's GTT22 service is stopped (its missing file joins that
// incident). Each unit's agent has a fixed demo token (README: starting a demo agent).
#include "monitor/demo.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "monitor/service.h"

namespace hq::monitor {

namespace {

constexpr std::int64_t kStep = 600;

struct Planned {
  std::string unit;
  Event event;
};

struct Route {
  const char* system;
  const char* from;
  const char* to;
  int every_hours;
};
constexpr Route kRoutes[] = {
    {"SLXNK", "02CI", "02", 1}, {"SLXNK", "02B1", "02", 1}, {"SLXNK", "01B1", "01", 1}, {"SLXNK", "03CC", "03", 1},
    {"SLXNK", "02", "00", 3},   {"SLXNK", "01", "00", 3},   {"SLXNK", "03", "00", 3},   {"QLRR", "00", "02", 6},
    {"QLRR", "02", "02CI", 6},  {"QLRR", "02", "02B1", 6},  {"GTT22", "02CI", "02", 4}, {"GTT22", "02", "02B1", 4},
    {"VICUM", "03CC", "03", 8}, {"KT559", "02", "00", 12},  {"EDATA", "01B1", "01", 2},
};

std::string hex_of(std::uint64_t seed) {
  static const char* digits = "0123456789abcdef";
  std::string out(64, '0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    out[i] = digits[(seed >> 60) & 15];
  }
  return out;
}

Event event(const std::string& id, const Route& r, const std::string& op, const std::string& batch,
            const std::string& file, std::int64_t size, const std::string& sha, UnixSeconds at) {
  Event e;
  e.id = id;
  e.system = r.system;
  e.op = op;
  const bool sending = at_sender(op);
  e.unit_code = sending ? r.from : r.to;
  e.peer_unit_code = sending ? r.to : r.from;
  e.batch_id = batch;
  e.file_name = file;
  e.size = size;
  e.sha256 = sha;
  e.version = "1";
  e.at = at;
  e.automatic = file.find("_dk") == std::string::npos;
  return e;
}

std::vector<Planned> plan_day(UnixSeconds start) {
  std::vector<Planned> out;
  std::uint64_t n = 0;
  for (const auto& r : kRoutes) {
    for (int hour = 0; hour < 24; hour += r.every_hours) {
      const UnixSeconds t = start + hour * 3600 + 300 + static_cast<std::int64_t>(n % 7) * 60;
      const std::string batch = std::string(r.system) + "-" + r.from + "-" + r.to + "-" + std::to_string(hour);
      for (int f = 0; f < 3; ++f, ++n) {
        const std::string file = std::string(r.system) + "_" + std::to_string(hour) + "_" + std::to_string(f) +
                                 (f == 2 ? "_dk.xml" : ".xml");
        const std::int64_t size = 20000 + static_cast<std::int64_t>((n * 7919) % 480000);
        const std::string sha = hex_of(n + 1), id = "demo-" + std::to_string(n);
        // The special cases of the day, at fixed hours.
        const bool late = r.system == std::string("SLXNK") && r.from == std::string("02CI") && hour == 20 && f == 0;
        const bool lost = r.system == std::string("SLXNK") && r.from == std::string("03CC") && hour == 21 && f == 1;
        const bool resized = r.system == std::string("SLXNK") && r.from == std::string("01B1") && hour == 18 && f == 2;
        const bool stopped = r.system == std::string("GTT22") && r.to == std::string("02B1") && hour == 20 && f == 0;
        out.push_back({r.from, event(id + "e", r, "EXPORT", batch, file, size, sha, t)});
        out.push_back({r.from, event(id + "t", r, "TRANSMIT", batch, file, size, sha, t + 20)});
        if (lost || stopped) continue;
        const UnixSeconds received = late ? t + 3000 : t + 60 + f * 10;
        out.push_back({r.to, event(id + "r", r, "RECEIVE", batch, file, resized ? size - 4096 : size, sha, received)});
        if (r.system == std::string("QLRR") && r.to == std::string("02")) continue;  // the Cục passes QLRR on
        out.push_back({r.to, event(id + "u", r, "UPDATE", batch, file, resized ? size - 4096 : size, sha, received + 45)});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Planned& a, const Planned& b) { return a.event.at < b.event.at; });
  return out;
}

std::string demo_token(const std::string& unit) { return "hqa_demo-agent-" + unit; }

}  // namespace

void add_demo_data(db::Database& db) {
  MonitorService service(db);
  const auto now = core::now();
  const UnixSeconds start = (now - 24 * 3600) / kStep * kStep;
  std::map<std::string, store::Agent> agents;
  for (const char* unit : {"00", "01", "01B1", "02", "02CI", "02B1", "03", "03CC"})
    agents[unit] = service.ensure_agent_as_system(unit, std::string("Máy trạm giám sát ") + unit, demo_token(unit));
  // Demo services report hourly (a real agent every few minutes): without this they would fall silent between.
  db.transaction([](soci::session& sql) {
    for (const auto& system : systems()) store::save_settings(sql, system, {1800, 1800, 3600}, "system", core::now());
  });
  const auto planned = plan_day(start);
  std::size_t next = 0;
  std::size_t accepted = 0;
  for (UnixSeconds window = start; window <= now && next < planned.size(); window += kStep) {
    service.process_due(window);
    std::map<std::string, std::vector<Event>> by_unit;
    while (next < planned.size() && planned[next].event.at < window + kStep) {
      by_unit[planned[next].unit].push_back(planned[next].event);
      ++next;
    }
    for (const auto& [unit, events] : by_unit)
      accepted += service.record_events(agents.at(unit), events, window + kStep, "demo").accepted;
    // Every unit's service modules report each hour; 02B1's GTT22 module stops at 19:00 of the day.
    if ((window - start) % 3600 != 0) continue;
    for (const auto& [unit, agent] : agents) {
      std::vector<ServiceReport> reports;
      for (const auto& system : service_systems()) {
        const bool stopped = unit == "02B1" && system == "GTT22" && window - start >= 19 * 3600;
        reports.push_back({unit, "10.0." + std::to_string(agent.id) + ".10", system + "-Service", system,
                           stopped ? "STOPPED" : "RUNNING", stopped ? "Dịch vụ đã dừng để bảo trì" : "", window + 1});
      }
      service.record_reports(agent, reports, window + 1, "demo");
    }
  }
  service.process_due(now);
  spdlog::info("monitor demo: {} operations over the last 24 hours", accepted);
}

}  // namespace hq::monitor
