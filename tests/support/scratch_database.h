#pragma once
// Shared by the tests that need a database of their own, not the fixtures' (tests/db/migrate_test.cpp,
// tests/platform/calendar_store_test.cpp): an empty database of the backend ("sqlite" or "postgresql", the
// latter on the server HAIQUAN_TEST_PG names), or a copy of another one, removed by the destructor.
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "db/database.h"

namespace hq::test {

inline std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// Skips a PostgreSQL run when no server is given, unless HAIQUAN_REQUIRE_PG says one must be (make test);
// call from SetUp.
inline void require_backend(const std::string& backend) {
  if (backend == "postgresql" && env("HAIQUAN_TEST_PG").empty()) {
    if (!env("HAIQUAN_REQUIRE_PG").empty()) FAIL() << "HAIQUAN_REQUIRE_PG is set but HAIQUAN_TEST_PG is not";
    GTEST_SKIP() << "set HAIQUAN_TEST_PG=postgresql://… to run against PostgreSQL (make test does)";
  }
}

class ScratchDatabase {
 public:
  // `prefix` names the file or database ("hq_migrate"); `copy_of` starts from another scratch database's
  // content (SQLite: its checkpointed file; PostgreSQL: it as the template).
  ScratchDatabase(const std::string& backend, const std::string& prefix, const ScratchDatabase* copy_of = nullptr) {
    namespace fs = std::filesystem;
    std::random_device device;
    const std::string suffix = std::to_string(device()) + std::to_string(device());
    if (backend == "sqlite") {
      path_ = (fs::temp_directory_path() / (prefix + "_" + suffix + ".db")).string();
      url_ = "sqlite:" + path_;
      if (copy_of) {
        {
          db::Database checkpoint(copy_of->url_, 1);
          checkpoint.read([](soci::session& sql) { sql << "PRAGMA wal_checkpoint(TRUNCATE)"; });
        }
        fs::copy_file(copy_of->path_, path_);
      }
      return;
    }
    server_ = env("HAIQUAN_TEST_PG");
    name_ = prefix + "_" + suffix;
    db::Database admin(server_, 1);
    admin.read([&](soci::session& sql) {
      sql << "CREATE DATABASE " + name_ + (copy_of ? " TEMPLATE " + copy_of->name_ : std::string());
    });
    url_ = server_.substr(0, server_.rfind('/') + 1) + name_;
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  ~ScratchDatabase() {
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
      return;
    }
    try {
      db::Database admin(server_, 1);
      admin.read([&](soci::session& sql) { sql << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"; });
    } catch (...) {  // the server is going away with the test run; nothing to keep
    }
  }
  const std::string& url() const { return url_; }

 private:
  std::string path_, server_, name_, url_;
};

}  // namespace hq::test
