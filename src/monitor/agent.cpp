#include "monitor/agent.h"

#include <dirent.h>
#include <openssl/evp.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/error.h"
#include "core/hex.h"
#include "core/time.h"
#include "core/validation.h"
#include "monitor/agent_buffer.h"
#include "monitor/agent_http.h"
#include "monitor/rules.h"

namespace hq::monitor::agent {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

[[noreturn]] void bad_config(const std::string& field, const std::string& problem) {
  core::bad_input("INVALID_CONFIG", "Tệp cấu hình máy trạm, mục «" + field + "»: " + problem, {{"field", field}});
}

std::string text(const json& j, const std::string& field, bool required) {
  const auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    if (required) bad_config(field, "thiếu giá trị.");
    return {};
  }
  if (!it->is_string()) bad_config(field, "phải là chuỗi ký tự.");
  return it->get<std::string>();
}

// What a folder means.
struct Folder {
  std::size_t watch = 0;
  std::string op, path;
};

}  // namespace

Config parse_config(const json& j) {
  if (!j.is_object()) bad_config("", "phải là một đối tượng JSON.");
  Config c;
  c.server = text(j, "server", true);
  if (c.server.rfind("http://", 0) != 0) bad_config("server", "phải bắt đầu bằng http:// (HTTPS qua proxy cục bộ).");
  c.token = text(j, "token", false);
  if (const auto file = text(j, "token_file", false); !file.empty()) {
    std::ifstream in(file);
    if (!in) bad_config("token_file", "không đọc được tệp " + file + ".");
    std::getline(in, c.token);
  }
  if (c.token.empty()) bad_config("token", "cần mã truy cập (token hoặc token_file).");
  c.unit_code = text(j, "unit_code", true);
  if (!core::is_unit_code(c.unit_code)) bad_config("unit_code", "không phải mã đơn vị hải quan.");
  c.buffer_path = text(j, "buffer", true);
  if (const auto ip = text(j, "ip", false); !ip.empty()) c.ip = ip;
  if (j.contains("batch_size")) c.batch_size = std::clamp<std::size_t>(j["batch_size"].get<std::size_t>(), 1, kMaxEventsPerRequest);
  if (j.contains("flush_interval_ms")) c.flush_interval_ms = std::clamp(j["flush_interval_ms"].get<int>(), 50, 60000);
  if (j.contains("service_interval_seconds"))
    c.service_interval_seconds = std::clamp(j["service_interval_seconds"].get<int>(), 5, 3600);
  for (const auto& w : j.value("watches", json::array())) {
    Watch watch{text(w, "system", true),  text(w, "peer_unit_code", true), text(w, "export", false),
                text(w, "outbox", false), text(w, "inbox", false),         text(w, "applied", false)};
    if (!is_system(watch.system)) bad_config("watches.system", "«" + watch.system + "» không phải hệ thống được giám sát.");
    if (!core::is_unit_code(watch.peer_unit_code)) bad_config("watches.peer_unit_code", "không phải mã đơn vị.");
    c.watches.push_back(std::move(watch));
  }
  for (const auto& s : j.value("services", json::array())) {
    ServiceCheck check{text(s, "system", true), text(s, "service", true), text(s, "process", false)};
    if (const auto host = text(s, "host", false); !host.empty()) check.host = host;
    check.port = s.value("port", 0);
    if (!is_service_system(check.system)) bad_config("services.system", "«" + check.system + "» không có mô-đun dịch vụ.");
    c.services.push_back(std::move(check));
  }
  return c;
}

Config load_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) core::bad_input("INVALID_CONFIG", "Không đọc được tệp cấu hình " + path + ".");
  const auto j = json::parse(in, nullptr, false);
  if (j.is_discarded()) core::bad_input("INVALID_CONFIG", "Tệp cấu hình " + path + " không phải JSON hợp lệ.");
  return parse_config(j);
}

std::string batch_of(const std::string& name) {
  if (const auto cut = name.find("__"); cut != std::string::npos && cut > 0) return name.substr(0, std::min<std::size_t>(cut, 128));
  for (std::size_t i = 0; i + 8 <= name.size(); ++i)
    if (std::all_of(name.begin() + static_cast<long>(i), name.begin() + static_cast<long>(i + 8),
                    [](unsigned char c) { return std::isdigit(c); }))
      return name.substr(i, 8);
  return "default";
}

std::string sha256_text(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  return core::to_hex(digest, length);
}

std::string sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) EVP_DigestUpdate(ctx, chunk, static_cast<std::size_t>(in.gcount()));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  return core::to_hex(digest, length);
}

std::string event_id(const std::string& unit, const std::string& op, const std::string& system, const std::string& batch,
                     const std::string& file_name, const std::string& sha256) {
  return "a-" + sha256_text(unit + "\n" + op + "\n" + system + "\n" + batch + "\n" + file_name + "\n" + sha256).substr(0, 48);
}

namespace {

class Agent {
 public:
  Agent(const Config& config, const std::atomic<bool>& stop) : config_(config), stop_(stop), buffer_(config.buffer_path) {}

  int run() {
    std::thread sender([this] { send_loop(); });
    const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    std::map<int, Folder> folders;
    for (std::size_t i = 0; i < config_.watches.size(); ++i) {
      const auto& w = config_.watches[i];
      for (const auto& [op, path] : {std::pair{"EXPORT", w.export_dir}, std::pair{"TRANSMIT", w.outbox_dir},
                                     std::pair{"RECEIVE", w.inbox_dir}, std::pair{"UPDATE", w.applied_dir}}) {
        if (path.empty()) continue;
        std::error_code ignored;
        fs::create_directories(path, ignored);
        const int wd = inotify_add_watch(fd, path.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO);
        if (wd < 0) spdlog::error("agent: cannot watch {}", path);
        else folders[wd] = {i, op, path};
      }
    }
    // Files that appeared while the agent was not running: the same ids as if it had seen them.
    for (const auto& [wd, folder] : folders) scan(folder);
    auto next_check = std::chrono::steady_clock::now();
    while (!stop_) {
      if (std::chrono::steady_clock::now() >= next_check) {
        check_services();
        next_check = std::chrono::steady_clock::now() + std::chrono::seconds(config_.service_interval_seconds);
      }
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      alignas(inotify_event) char events[16384];
      for (ssize_t n; (n = read(fd, events, sizeof events)) > 0;) {
        for (char* at = events; at < events + n;) {
          const auto* e = reinterpret_cast<const inotify_event*>(at);
          at += sizeof(inotify_event) + e->len;
          const auto it = folders.find(e->wd);
          if (it != folders.end() && e->len > 0 && !(e->mask & IN_ISDIR)) observe(it->second, e->name);
        }
      }
    }
    close(fd);
    wake_.notify_all();
    sender.join();
    return 0;
  }

 private:
  void scan(const Folder& folder) {
    std::vector<std::pair<std::int64_t, std::string>> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder.path, ec)) {
      struct stat st {};
      if (!entry.is_regular_file() || stat(entry.path().c_str(), &st) != 0) continue;
      files.emplace_back(static_cast<std::int64_t>(st.st_ctim.tv_sec), entry.path().filename().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& [ctime, name] : files) observe(folder, name);
  }

  void observe(const Folder& folder, std::string name) {
    if (name.empty() || name[0] == '.' || name.ends_with(".tmp") || name.ends_with(".part")) return;
    const auto& w = config_.watches[folder.watch];
    const std::string path = folder.path + "/" + name;
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return;  // already moved on
    std::string error, sha = sha256_file(path);
    std::int64_t size = st.st_size;
    if (folder.op == "UPDATE" && (name.ends_with(".err") || name.ends_with(".ok"))) {
      const bool failed = name.ends_with(".err");
      if (failed) {
        std::ifstream in(path);
        error.assign(std::istreambuf_iterator<char>(in), {});
        if (error.size() > 2000) error.resize(2000);
        if (error.empty()) error = "Lỗi cập nhật (tệp đánh dấu .err)";
      }
      name = name.substr(0, name.size() - (failed ? 4 : 3));
      // The marker stands for the received file: its size and checksum, when it is still in the inbox.
      const std::string received = w.inbox_dir + "/" + name;
      struct stat in_st {};
      const bool present = !w.inbox_dir.empty() && stat(received.c_str(), &in_st) == 0;
      size = present ? in_st.st_size : 0;
      sha = present ? sha256_file(received) : "";
    }
    const auto batch = batch_of(name);
    const auto at = std::max<std::int64_t>(st.st_ctim.tv_sec, st.st_mtim.tv_sec);
    json event = {{"id", event_id(config_.unit_code, folder.op, w.system, batch, name, sha)},
                  {"system", w.system},
                  {"op", folder.op},
                  {"unit_code", config_.unit_code},
                  {"peer_unit_code", w.peer_unit_code},
                  {"batch_id", batch},
                  {"file_name", name},
                  {"size", size},
                  {"sha256", sha},
                  {"version", ""},
                  {"at", core::format_iso8601(std::min(at, core::now()))},
                  {"auto", name.find("_dk") == std::string::npos}};
    if (!error.empty()) event["error"] = error;
    if (buffer_.add(event["id"], "event", event.dump())) wake_.notify_all();
  }

  static bool process_running(const std::string& name) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
      const auto pid = entry.path().filename().string();
      if (pid.empty() || !std::isdigit(static_cast<unsigned char>(pid[0]))) continue;
      std::ifstream in(entry.path() / "comm");
      std::string comm;
      if (std::getline(in, comm) && comm == name) return true;
    }
    return false;
  }

  void check_services() {
    const auto now = core::now();
    for (const auto& s : config_.services) {
      const bool process = s.process.empty() || process_running(s.process);
      const bool port = s.port == 0 || port_open(s.host, s.port);
      const std::string status = !process ? "STOPPED" : port ? "RUNNING" : "ERROR";
      const std::string message = !process ? "Không thấy tiến trình " + s.process
                                  : port   ? ""
                                           : "Tiến trình chạy nhưng cổng " + std::to_string(s.port) + " không mở";
      const json report = {{"unit_code", config_.unit_code}, {"ip", config_.ip}, {"service", s.service},
                           {"system", s.system},             {"status", status}, {"at", core::format_iso8601(now)},
                           {"message", message}};
      buffer_.add("svc-" + s.system + "-" + s.service + "-" + std::to_string(now), "service", report.dump());
    }
    wake_.notify_all();
  }

  // Sends what is buffered, oldest first; returns false when the server could not take it (retry later).
  bool flush() {
    for (;;) {
      const auto items = buffer_.pending(config_.batch_size);
      if (items.empty()) return true;
      const bool events = items.front().kind == "event";
      std::string body = events ? R"({"events":[)" : R"({"reports":[)";
      for (std::size_t i = 0; i < items.size(); ++i) body += (i ? "," : "") + items[i].body;
      body += "]}";
      const auto answer = post_json(config_.server, events ? "/api/v1/monitor/events" : "/api/v1/monitor/services",
                                    config_.token, body);
      if (answer.status == 200) {
        buffer_.mark_sent(items);
        continue;
      }
      const auto error = json::parse(answer.body, nullptr, false);
      const auto details = error.is_object() ? error.value("error", json::object()).value("details", json::object())
                                             : json::object();
      if ((answer.status == 422 || answer.status == 403) && details.contains("index")) {
        const auto index = details["index"].get<std::size_t>();
        if (index < items.size()) {
          const std::string reason = error["error"].value("message", "");
          spdlog::error("agent: the server refused an observation for good: {}", reason);
          buffer_.reject(items[index].seq, reason);
          continue;
        }
      }
      if (answer.status == 0) spdlog::warn("agent: server {} unreachable; {} buffered", config_.server, buffer_.unsent());
      else spdlog::warn("agent: server answered {}: {}", answer.status, answer.body.substr(0, 300));
      return false;
    }
  }

  void send_loop() {
    int backoff_ms = config_.flush_interval_ms;
    while (!stop_) {
      const bool ok = flush();
      backoff_ms = ok ? config_.flush_interval_ms : std::min(backoff_ms * 2, 30000);
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(backoff_ms), [&] { return stop_.load(); });
    }
  }

  const Config& config_;
  const std::atomic<bool>& stop_;
  Buffer buffer_;
  std::mutex mutex_;
  std::condition_variable wake_;
};

}  // namespace

int run(const Config& config, const std::atomic<bool>& stop) {
  spdlog::info("agent: unit {}, server {}, {} watches, {} services", config.unit_code, config.server,
               config.watches.size(), config.services.size());
  return Agent(config, stop).run();
}

}  // namespace hq::monitor::agent
