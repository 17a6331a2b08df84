#include "tests/api/api_fixture.h"

#include <atomic>
#include <random>
#include <filesystem>
#include <mutex>
#include <utility>

#include <unistd.h>

#include "app/demo.h"
#include "db/migrate.h"
#include "identity/crypto.h"
#include "identity/service.h"
#include "http/url.h"

namespace hq::test {

namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

void seed(const std::string& url) {
  db::Database database(url, 1);
  db::apply_migrations(database);
  identity::IdentityService(database).bootstrap(kAdminPassword);
  app::add_demo_data(database);
  app::add_module_demo_data(database);
}

std::string pg_with_db(const std::string& base, const std::string& name) {
  const auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + name;
}

void pg_admin(const std::string& statement) {
  db::Database admin(env("HAIQUAN_TEST_PG"), 1);
  admin.read([&](soci::session& sql) { sql << statement; });
}

std::atomic<int> counter{0};

// Process id + a random token + a counter: test processes of other checkouts (or other PID namespaces) may
// share the temp directory and the PostgreSQL server.
std::string unique_name(const char* prefix) {
  static const std::string token = std::to_string(std::random_device{}() % 1000000);
  return std::string(prefix) + std::to_string(getpid()) + "_" + token + "_" + std::to_string(counter++);
}

void remove_sqlite_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

void drop_pg_database(const std::string& name) { pg_admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); }

// The seeded templates of this test process (seeded on first use: init + demo, the Argon2id hashes once), each
// test's database a copy. They are this process's alone (named by its pid), so removing them when its tests are
// done races nobody. SeedTemplates does that after the last test, passed or failed; only a process killed midway
// (a crash, ctest's timeout) leaves them behind. ctest runs each test in its own process: without this every test
// left a 3.5 MB file in the temp directory and a database in the PostgreSQL cluster.
std::mutex templates_mutex;
std::string sqlite_template, pg_template;  // empty: not seeded (yet, or again after a --gtest_repeat round)

class SeedTemplates : public ::testing::Environment {
 public:
  void TearDown() override {
    std::lock_guard lock(templates_mutex);
    if (!sqlite_template.empty()) remove_sqlite_files(std::exchange(sqlite_template, ""));
    if (!pg_template.empty()) drop_pg_database(std::exchange(pg_template, ""));
  }
};
// gtest owns the environment; registered before main runs the tests (gtest's documented way without a main()).
[[maybe_unused]] ::testing::Environment* const seed_templates = ::testing::AddGlobalTestEnvironment(new SeedTemplates);

}  // namespace

std::string create_seeded_database(const std::string& backend) {
  identity::init_crypto();
  std::lock_guard lock(templates_mutex);
  if (backend == "sqlite") {
    if (sqlite_template.empty()) {
      const std::string path = (fs::temp_directory_path() / unique_name("haiquan_seed_")).string() + ".db";
      try {
        seed("sqlite:" + path);
        db::Database checkpoint("sqlite:" + path, 1);  // fold the WAL into the file before copying
        checkpoint.read([](soci::session& sql) { sql << "PRAGMA wal_checkpoint(TRUNCATE)"; });
      } catch (...) {
        remove_sqlite_files(path);
        throw;
      }
      sqlite_template = path;
    }
    const std::string path = (fs::temp_directory_path() / unique_name("haiquan_test_")).string() + ".db";
    fs::copy_file(sqlite_template, path);
    return "sqlite:" + path;
  }
  if (pg_template.empty()) {
    const std::string name = unique_name("hq_seed_");
    pg_admin("CREATE DATABASE " + name);
    try {
      seed(pg_with_db(env("HAIQUAN_TEST_PG"), name));
    } catch (...) {
      drop_pg_database(name);
      throw;
    }
    pg_template = name;
  }
  const std::string name = unique_name("hq_test_");
  pg_admin("CREATE DATABASE " + name + " TEMPLATE " + pg_template);
  return pg_with_db(env("HAIQUAN_TEST_PG"), name);
}

void drop_database(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) return remove_sqlite_files(url.substr(7));
  drop_pg_database(url.substr(url.rfind('/') + 1));
}

void ApiTest::SetUp() {
  if (GetParam() == "postgresql" && env("HAIQUAN_TEST_PG").empty()) {
    if (!env("HAIQUAN_REQUIRE_PG").empty()) FAIL() << "HAIQUAN_REQUIRE_PG is set but HAIQUAN_TEST_PG is not";
    GTEST_SKIP() << "set HAIQUAN_TEST_PG=postgresql://… to run against PostgreSQL (make test does)";
  }
  url_ = create_seeded_database(GetParam());
  db_ = std::make_unique<db::Database>(url_, 4);
  app::Options options;
  options.web_root = "/nonexistent";
  server_ = std::make_unique<app::Server>(*db_, options);
}

void ApiTest::TearDown() {
  server_.reset();
  db_.reset();
  if (!url_.empty()) drop_database(url_);
}

ApiClient ApiTest::logged_in(const std::string& username, const std::string& password) {
  ApiClient c = client();
  const auto response = c.login(username, password);
  EXPECT_EQ(response.status, 200) << username << ": " << response.raw;
  return c;
}

ApiResponse ApiClient::send(const std::string& method, const std::string& path_and_query, const std::string& body,
                            bool with_csrf) {
  http::Request request;
  request.method = method;
  const auto question = path_and_query.find('?');
  request.path = path_and_query.substr(0, question);
  if (question != std::string::npos) {
    std::string rest = path_and_query.substr(question + 1);
    std::size_t start = 0;
    while (start <= rest.size()) {
      auto end = rest.find('&', start);
      if (end == std::string::npos) end = rest.size();
      const std::string pair = rest.substr(start, end - start);
      const auto eq = pair.find('=');
      if (!pair.empty())
        request.query[pair.substr(0, eq)] =
            eq == std::string::npos ? "" : http::percent_decode(pair.substr(eq + 1)).value_or("%invalid");
      start = end + 1;
    }
  }
  request.body = body;
  // As the web app does: JSON bodies go with their media type (the server refuses them without it).
  if (!body.empty() && (body.front() == '{' || body.front() == '[')) request.headers["content-type"] = "application/json";
  request.client_address = address_;
  if (!cookie_.empty()) request.headers["cookie"] = cookie_;
  if (with_csrf && !csrf_.empty()) request.headers["x-csrf-token"] = csrf_;
  const http::Response response = router_.handle(request);
  ApiResponse result;
  result.status = response.status;
  result.raw = response.body;
  result.headers = response.headers;
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") cookie_ = value.substr(0, value.find(';'));
    if (name == "Content-Type" && value.rfind("application/json", 0) == 0)
      result.body = nlohmann::json::parse(response.body, nullptr, false);
  }
  return result;
}

ApiResponse ApiClient::login(const std::string& username, const std::string& password) {
  auto response = send("POST", "/api/v1/auth/login", nlohmann::json{{"username", username}, {"password", password}}.dump());
  if (response.status == 200) csrf_ = response.body.value("csrf_token", "");
  return response;
}

ApiResponse ApiClient::get(const std::string& path) { return send("GET", path, ""); }
ApiResponse ApiClient::post(const std::string& path, const nlohmann::json& body) { return send("POST", path, body.dump()); }
ApiResponse ApiClient::put(const std::string& path, const nlohmann::json& body) { return send("PUT", path, body.dump()); }
ApiResponse ApiClient::patch(const std::string& path, const nlohmann::json& body) { return send("PATCH", path, body.dump()); }
ApiResponse ApiClient::del(const std::string& path) { return send("DELETE", path, ""); }

}  // namespace hq::test
