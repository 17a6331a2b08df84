#pragma once
// A pool of SOCI sessions for one database URL (sqlite:PATH or postgresql://…), with transactions that
// behave the same on both backends. One session per thread at a time: a Lease returns it to the pool.
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <soci/soci.h>

namespace hq::db {

enum class Backend { Sqlite, Postgres };

class Database {
 public:
  // Throws core::Error (Unavailable) with a readable message when the URL is wrong or the server is down.
  Database(const std::string& url, std::size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }
  std::size_t pool_size() const { return pool_size_; }
  std::size_t sessions_in_use() const;

  class Lease {
   public:
    Lease(Database& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& operator*() { return session_; }
    soci::session* operator->() { return &session_; }

   private:
    Database& db_;
    std::size_t index_;
    soci::session& session_;
  };

  // Runs work inside one transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of deadlocking);
  // commits when it returns, rolls back when it throws.
  template <typename Work>
  auto transaction(Work&& work) {
    Lease lease(*this);
    begin(*lease);
    try {
      if constexpr (std::is_void_v<decltype(work(*lease))>) {
        work(*lease);
        commit(*lease);
      } else {
        auto result = work(*lease);
        commit(*lease);
        return result;
      }
    } catch (...) {
      rollback(*lease);
      throw;
    }
  }

  // Runs read-only work on a pooled session without an explicit transaction.
  template <typename Work>
  auto read(Work&& work) {
    Lease lease(*this);
    return work(*lease);
  }

 private:
  void begin(soci::session& session);
  void commit(soci::session& session);
  void rollback(soci::session& session);

  std::string url_;
  Backend backend_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::atomic<std::size_t> in_use_{0};
  std::mutex sqlite_writer_;  // SQLite: writers queue here (woken at once) instead of polling the busy handler
  // SQLite's extras (database.cpp, sqlite_extras.h): the WAL checkpointer and the statements kept per pooled
  // connection; null on PostgreSQL. Declared after pool_ and reset first by the destructor.
  struct Sqlite;
  std::unique_ptr<Sqlite> sqlite_;
  friend std::size_t background_checkpoints(const Database& db);
};

// True when the error means a unique or foreign-key constraint refused the write.
bool is_constraint_violation(const std::exception& error);

}  // namespace hq::db
