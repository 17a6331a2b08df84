#pragma once
// Bulk writers for the benchmark data generators: the rows of one table at a time, as fast as the backend
// allows (SQLite: one prepared INSERT in large transactions; PostgreSQL: COPY). Rows bypass the services,
// so generators compute any derived column themselves.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace bench {

// Writes the rows of one table at a time, as fast as the backend allows.
class Loader {
 public:
  virtual ~Loader() = default;
  virtual void begin(const std::string& table, const std::vector<std::string>& columns) = 0;
  virtual void end() = 0;
  template <typename... Values>
  void row(const Values&... values) {  // arguments live until end_row: the SQLite binding relies on it
    (put(values), ...);
    end_row();
  }

 protected:
  virtual void put(std::int64_t value) = 0;
  virtual void put(std::string_view value) = 0;
  virtual void put(std::nullptr_t) = 0;
  void put(int value) { put(static_cast<std::int64_t>(value)); }
  void put(bool value) { put(static_cast<std::int64_t>(value ? 1 : 0)); }
  void put(const std::string& value) { put(std::string_view(value)); }
  void put(const char* value) { put(std::string_view(value)); }
  void put(const std::optional<std::int64_t>& value) { value ? put(*value) : put(nullptr); }
  void put(const std::optional<std::string>& value) { value ? put(std::string_view(*value)) : put(nullptr); }
  void put(long long value) { put(static_cast<std::int64_t>(value)); }
  virtual void end_row() = 0;
};

inline std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

class SqliteLoader : public Loader {
 public:
  explicit SqliteLoader(sqlite_api::sqlite3* db) : db_(db) {}
  void exec(const std::string& sql) { check(sqlite_api::sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), sql); }
  void begin(const std::string& table, const std::vector<std::string>& columns) override {
    std::string marks;
    for (std::size_t i = 0; i < columns.size(); ++i) marks += i ? ",?" : "?";
    const std::string sql = "INSERT INTO " + table + " (" + joined(columns, ", ") + ") VALUES (" + marks + ")";
    exec("BEGIN");
    check(sqlite_api::sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt_, nullptr), sql);
  }
  void end() override {
    sqlite_api::sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    exec("COMMIT");
  }

 protected:
  using Loader::put;
  void put(std::int64_t value) override { sqlite_api::sqlite3_bind_int64(stmt_, ++index_, value); }
  void put(std::string_view value) override {  // nullptr = SQLITE_STATIC: the value outlives the step
    sqlite_api::sqlite3_bind_text(stmt_, ++index_, value.data(), static_cast<int>(value.size()), nullptr);
  }
  void put(std::nullptr_t) override { sqlite_api::sqlite3_bind_null(stmt_, ++index_); }
  void end_row() override {
    if (sqlite_api::sqlite3_step(stmt_) != SQLITE_DONE) check(SQLITE_ERROR, "INSERT");
    sqlite_api::sqlite3_reset(stmt_);
    index_ = 0;
    if (++rows_ % 500000 == 0) exec("COMMIT; BEGIN");  // bounded WAL between checkpoints
  }

 private:
  void check(int rc, const std::string& what) {
    if (rc != SQLITE_OK) throw std::runtime_error(what + ": " + sqlite_api::sqlite3_errmsg(db_));
  }
  sqlite_api::sqlite3* db_;
  sqlite_api::sqlite3_stmt* stmt_ = nullptr;
  int index_ = 0;
  std::int64_t rows_ = 0;
};

class PostgresLoader : public Loader {
 public:
  explicit PostgresLoader(PGconn* conn) : conn_(conn) {}
  void begin(const std::string& table, const std::vector<std::string>& columns) override {
    PGresult* r = PQexec(conn_, ("COPY " + table + " (" + joined(columns, ", ") + ") FROM STDIN").c_str());
    const bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) fail("COPY " + table);
  }
  void end() override {
    flush();
    if (PQputCopyEnd(conn_, nullptr) != 1) fail("COPY end");
    bool ok = true;
    while (PGresult* r = PQgetResult(conn_)) {
      ok = ok && PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
    }
    if (!ok) fail("COPY");
  }

 protected:
  using Loader::put;
  void put(std::int64_t value) override { field() += std::to_string(value); }
  void put(std::string_view value) override {  // COPY text format escapes
    std::string& out = field();
    for (const char c : value) {
      if (c == '\\') out += "\\\\";
      else if (c == '\t') out += "\\t";
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else out += c;
    }
  }
  void put(std::nullptr_t) override { field() += "\\N"; }
  void end_row() override {
    buffer_ += '\n';
    first_ = true;
    if (buffer_.size() > (1u << 20)) flush();
  }

 private:
  std::string& field() {
    if (!first_) buffer_ += '\t';
    first_ = false;
    return buffer_;
  }
  void flush() {
    if (!buffer_.empty() && PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) fail("COPY data");
    buffer_.clear();
  }
  [[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what + ": " + PQerrorMessage(conn_)); }
  PGconn* conn_;
  std::string buffer_;
  bool first_ = true;
};

// The loader for `sql`'s backend; SQLite is set for a bulk load (no per-row foreign-key checks or syncs:
// the rows are consistent by construction).
inline std::unique_ptr<Loader> make_loader(bool sqlite, soci::session& sql) {
  if (sqlite) {
    auto loader = std::make_unique<SqliteLoader>(static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_);
    loader->exec("PRAGMA foreign_keys=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000");
    return loader;
  }
  return std::make_unique<PostgresLoader>(static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_);
}

// After a load with explicit ids: PostgreSQL's identity sequences move past them and the planner gets fresh
// statistics (as autovacuum would); SQLite checkpoints its WAL and analyses.
inline void after_load(bool sqlite, soci::session& sql, const std::vector<std::string>& tables) {
  if (sqlite) {
    sql << "ANALYZE";
    sql << "PRAGMA wal_checkpoint(TRUNCATE)";
    return;
  }
  for (const auto& table : tables)
    sql << "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT MAX(id) FROM " + table + "))";
  sql << "VACUUM ANALYZE";
}

}  // namespace bench
