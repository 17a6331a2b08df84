// The real `haiquan serve` and `haiquan agent` processes: files observed while the server is down are buffered
// and replayed; kill -9 of the agent loses nothing and counts nothing twice.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/database.h"
#include "identity/crypto.h"
#include "monitor/agent.h"
#include "tests/support/raw_http.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool healthy(int port) { return hq::test::status_of(hq::test::http_get(port, "/healthz")) == 200; }

pid_t spawn(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(HAIQUAN_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

void stop(pid_t& pid, int signal) {
  if (pid <= 0) return;
  kill(pid, signal);
  waitpid(pid, nullptr, 0);
  pid = -1;
}

class AgentProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    hq::identity::init_crypto();
    dir_ = fs::temp_directory_path() / ("haiquan_agent_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "export");
    db_url_ = "sqlite:" + (dir_ / "h.db").string();
    ASSERT_EQ(std::system((std::string(HAIQUAN_BINARY) + " init --db " + db_url_ +
                           " --admin-password 'Quan-tri-2026!' >/dev/null 2>&1").c_str()), 0);
    const std::string token = "hqa_agent-process-test-token";
    {
      hq::db::Database db(db_url_, 1);
      db.transaction([&](soci::session& sql) {
        sql << "INSERT INTO units (code, name, level, parent_id, path, created_at) SELECT '02', 'Cục 02', 'CUC', id, "
               "'/1/2000/', 0 FROM units WHERE code = '00'";
        sql << "INSERT INTO units (code, name, level, parent_id, path, created_at) SELECT '02CI', 'Chi cục 02CI', "
               "'CHI_CUC', id, '/1/2000/2001/', 0 FROM units WHERE code = '02'";
        // Files are due at the receiving Cục within 10 s, so the server's timer has something to do.
        sql << "INSERT INTO monitor_settings (system, receive_within_seconds, update_within_seconds, "
               "service_interval_seconds, updated_by, updated_at) VALUES ('VICUM', 10, 10, 300, 'test', 0)";
        sql << "INSERT INTO monitor_agents (unit_id, name, token_hash, created_by, created_at) SELECT id, 'test', '" +
                   hq::identity::token_hash(token) + "', 'test', 0 FROM units WHERE code = '02CI'";
      });
    }
    port_ = 40000 + getpid() % 20000;
    const nlohmann::json config = {
        {"server", "http://127.0.0.1:" + std::to_string(port_)},
        {"token", token},
        {"unit_code", "02CI"},
        {"buffer", (dir_ / "buffer.db").string()},
        {"flush_interval_ms", 100},
        {"watches", {{{"system", "VICUM"}, {"peer_unit_code", "02"}, {"export", (dir_ / "export").string()},
                      {"outbox", (dir_ / "outbox").string()}}}}};
    std::ofstream(dir_ / "agent.json") << config.dump(2);
  }
  void TearDown() override {
    stop(agent_, SIGKILL);
    stop(server_, SIGKILL);
    fs::remove_all(dir_);
  }

  void start_server() {
    server_ = spawn({"haiquan", "serve", "--db", db_url_, "--port", std::to_string(port_), "--address", "127.0.0.1",
                     "--web", "/nonexistent"});
    for (int i = 0; i < 200 && !healthy(port_); ++i) std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(healthy(port_));
  }
  void start_agent() { agent_ = spawn({"haiquan", "agent", "--config", (dir_ / "agent.json").string()}); }

  std::int64_t count(const std::string& op) {
    hq::db::Database db(db_url_, 1);
    long long n = 0;
    db.read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM monitor_operations WHERE batch_id = '20260301' AND (op = :o OR :o2 = '')",
          soci::use(op), soci::use(op), soci::into(n);
    });
    return n;
  }
  std::int64_t open_incidents() {
    hq::db::Database db(db_url_, 1);
    long long n = 0;
    db.read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM monitor_incidents WHERE kind = 'FILE_NOT_RECEIVED' AND status = 'OPEN'", soci::into(n);
    });
    return n;
  }
  std::int64_t buffered() {
    if (!fs::exists(dir_ / "buffer.db")) return 0;
    hq::db::Database db("sqlite:" + (dir_ / "buffer.db").string(), 1);
    long long n = 0;
    db.read([&](soci::session& sql) { sql << "SELECT COUNT(*) FROM agent_buffer WHERE state = 'PENDING'", soci::into(n); });
    return n;
  }
  bool wait_for(const std::function<bool()>& condition, std::chrono::seconds limit = 30s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (condition()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return condition();
  }
  void write_file(int n) {
    std::ofstream(dir_ / "export" / ("VICUM_20260301_" + std::to_string(n) + ".xml")) << "<to-khai so=\"" << n << "\"/>";
  }

  fs::path dir_;
  std::string db_url_;
  int port_ = 0;
  pid_t server_ = -1, agent_ = -1;
};

TEST_F(AgentProcess, BuffersAcrossAnOutageAndSurvivesKillMinus9WithoutDoubleCounting) {
  start_server();
  start_agent();
  for (int n = 1; n <= 3; ++n) write_file(n);
  ASSERT_TRUE(wait_for([&] { return count("EXPORT") == 3; })) << count("EXPORT");
  // Nobody posts now: the incident for the files 02 did not receive comes from the server's own timer.
  EXPECT_EQ(open_incidents(), 0);
  ASSERT_TRUE(wait_for([&] { return open_incidents() == 1; }, 20s));

  stop(server_, SIGTERM);
  for (int n = 4; n <= 6; ++n) write_file(n);
  fs::rename(dir_ / "export" / "VICUM_20260301_1.xml", dir_ / "outbox" / "VICUM_20260301_1.xml");
  ASSERT_TRUE(wait_for([&] { return buffered() >= 4; })) << buffered();

  stop(agent_, SIGKILL);
  write_file(7);  // appears while no agent runs: found by the rescan
  start_agent();
  start_server();
  ASSERT_TRUE(wait_for([&] { return count("EXPORT") == 7 && count("TRANSMIT") == 1; }))
      << count("EXPORT") << " " << count("TRANSMIT");
  ASSERT_TRUE(wait_for([&] { return buffered() == 0; }));

  // Killed again and restarted: the rescan sees the same files and sends nothing new.
  stop(agent_, SIGKILL);
  start_agent();
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(count("EXPORT"), 7);
  EXPECT_EQ(count("TRANSMIT"), 1);
  EXPECT_EQ(count(""), 8);
  EXPECT_EQ(buffered(), 0);
}

TEST(AgentRules, BatchAndEventIdsAreTheSameAtBothEnds) {
  using namespace hq::monitor::agent;
  EXPECT_EQ(batch_of("LOT42__a.xml"), "LOT42");
  EXPECT_EQ(batch_of("SLXNK_20260301_001.xml"), "20260301");
  EXPECT_EQ(batch_of("a.xml"), "default");
  EXPECT_EQ(event_id("02CI", "EXPORT", "SLXNK", "b", "f", "x"), event_id("02CI", "EXPORT", "SLXNK", "b", "f", "x"));
  EXPECT_NE(event_id("02CI", "EXPORT", "SLXNK", "b", "f", "x"), event_id("02CI", "TRANSMIT", "SLXNK", "b", "f", "x"));
  EXPECT_EQ(sha256_text("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
