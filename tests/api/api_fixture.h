#pragma once
// In-process API tests: the real router, services and database (SQLite file or PostgreSQL database),
// without the TCP transport. Each test gets a fresh database copied from a seeded template (init + demo),
// so Argon2id hashing of the demo accounts happens once per test process.
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/server_setup.h"
#include "db/database.h"

namespace hq::test {

constexpr const char* kAdminPassword = "Quan-tri-2026!";
constexpr const char* kDemoPassword = "Demo@2026haiquan";

struct ApiResponse {
  int status = 0;
  nlohmann::json body;
  std::string raw;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string error_code() const { return body.contains("error") ? body["error"].value("code", "") : ""; }
};

// A browser-like caller: keeps the session cookie and the CSRF token.
class ApiClient {
 public:
  explicit ApiClient(http::Router& router, std::string address = "10.0.0.1") : router_(router), address_(std::move(address)) {}
  ApiResponse login(const std::string& username, const std::string& password);
  ApiResponse get(const std::string& path_and_query);
  ApiResponse post(const std::string& path, const nlohmann::json& body = nlohmann::json::object());
  ApiResponse put(const std::string& path, const nlohmann::json& body);
  ApiResponse patch(const std::string& path, const nlohmann::json& body);
  ApiResponse del(const std::string& path);
  ApiResponse send(const std::string& method, const std::string& path_and_query, const std::string& body,
                   bool with_csrf = true);
  void forget_csrf() { csrf_.clear(); }
  const std::string& cookie() const { return cookie_; }

 private:
  http::Router& router_;
  std::string address_, cookie_, csrf_;
};

// Parameter: "sqlite" or "postgresql".
class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;
  ApiClient client() { return ApiClient(server_->router()); }
  ApiClient logged_in(const std::string& username, const std::string& password = kDemoPassword);
  db::Database& db() { return *db_; }
  http::Router& router() { return server_->router(); }

 private:
  std::string url_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<app::Server> server_;
};

// Creates a fresh seeded database for a backend and returns its URL; drop_database removes it.
std::string create_seeded_database(const std::string& backend);
void drop_database(const std::string& url);

// A seeded database of a test's own beside the fixture's, dropped when it goes (also when the test stops at a
// failed ASSERT).
class SeededDatabase {
 public:
  explicit SeededDatabase(const std::string& backend) : url_(create_seeded_database(backend)) {}
  ~SeededDatabase() {
    try {
      drop_database(url_);
    } catch (...) {  // a destructor must not throw; the server may already be gone
    }
  }
  SeededDatabase(const SeededDatabase&) = delete;
  SeededDatabase& operator=(const SeededDatabase&) = delete;
  const std::string& url() const { return url_; }

 private:
  std::string url_;
};

// INSTANTIATE helper: both backends.
#define HAIQUAN_API_TEST_SUITE(Suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "postgresql"), \
                           [](const auto& info) { return info.param; })

}  // namespace hq::test
