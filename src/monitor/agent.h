#pragma once
// `haiquan agent --config FILE`: the unit's monitoring agent. It watches folders with inotify (a file in an
// export folder = EXPORT, in the outbox = TRANSMIT, in an inbox = RECEIVE, in the applied folder = UPDATE,
// "<name>.err" there = UPDATE with the marker's text as the error), checks service processes and ports, and
// posts batches to the server. Every observation is committed to a local SQLite buffer before anything is
// sent and is marked sent only after the server accepted it; event ids are derived from what was observed
// (unit, operation, system, batch, file, SHA-256), so a rescan, a restart or a kill -9 never counts twice.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hq::monitor::agent {

struct Watch {
  std::string system, peer_unit_code;
  std::string export_dir, outbox_dir, inbox_dir, applied_dir;  // any may be empty
};
struct ServiceCheck {
  std::string system, service, process;  // process: its name in /proc/<pid>/comm ("" = not checked)
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = not checked
};
struct Config {
  std::string server;  // http://host:port (HTTPS through a local proxy)
  std::string token, unit_code, buffer_path, ip = "127.0.0.1";
  std::size_t batch_size = 1000;
  int flush_interval_ms = 1000;
  int service_interval_seconds = 60;
  std::vector<Watch> watches;
  std::vector<ServiceCheck> services;
};

// Reads and checks the JSON configuration; throws core::Error naming the field.
Config load_config(const std::string& path);
Config parse_config(const nlohmann::json& json);

// The batch a file belongs to, the same at both ends: the name's prefix before "__", else the first run of
// eight digits (a date in the name), else "default".
std::string batch_of(const std::string& file_name);
// Hex SHA-256 of a file's content ("" when it cannot be read) and of a text.
std::string sha256_file(const std::string& path);
std::string sha256_text(const std::string& text);
// The event id of an observation: the same observation always gives the same id.
std::string event_id(const std::string& unit, const std::string& op, const std::string& system,
                     const std::string& batch, const std::string& file_name, const std::string& sha256);

// Runs until `stop` turns true (SIGTERM/SIGINT in the command). Returns the process exit code.
int run(const Config& config, const std::atomic<bool>& stop);

}  // namespace hq::monitor::agent
