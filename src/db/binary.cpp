#include "db/binary.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <memory>
#include <stdexcept>

namespace hq::db {
namespace {

using namespace ::sqlite_api;  // where soci-sqlite3.h puts sqlite3.h

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// ---- SQLite: ?N parameters, bound without copies -------------------------------------------------------------

struct SqliteStatement {
  sqlite3* db;
  sqlite3_stmt* stmt = nullptr;
  SqliteStatement(soci::session& sql, std::string text, const std::vector<BinaryParam>& params)
      : db(static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_) {
    for (auto& c : text)
      if (c == '$') c = '?';  // $N → ?N: the same numbering
    if (sqlite3_prepare_v2(db, text.c_str(), static_cast<int>(text.size()), &stmt, nullptr) != SQLITE_OK) fail("prepare");
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i + 1);
      const int rc = std::visit(
          Overloaded{[&](long long v) { return sqlite3_bind_int64(stmt, at, v); },
                     [&](std::string_view v) {
                       return sqlite3_bind_text64(stmt, at, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
                     },
                     [&](Bytes v) { return sqlite3_bind_blob64(stmt, at, v.value.data(), v.value.size(), SQLITE_STATIC); }},
          params[i]);
      if (rc != SQLITE_OK) fail("bind");
    }
  }
  ~SqliteStatement() { sqlite3_finalize(stmt); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  [[noreturn]] void fail(const std::string& what) const { throw std::runtime_error(what + ": " + sqlite3_errmsg(db)); }
  bool step() {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail("sqlite3_step");
    return false;
  }
};

// ---- PostgreSQL: one PQexecParams (parse, bind and execute in one round trip), bytes in binary format --------

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

Result postgres_exec(soci::session& sql, const std::string& statement, const std::vector<BinaryParam>& params,
                     int result_format) {
  auto* conn = static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
  std::vector<std::string> texts(params.size());  // text-format values must end with a NUL
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size()), formats(params.size());
  for (std::size_t i = 0; i < params.size(); ++i)
    std::visit(Overloaded{[&](long long v) { texts[i] = std::to_string(v), values[i] = texts[i].c_str(); },
                          [&](std::string_view v) { texts[i] = std::string(v), values[i] = texts[i].c_str(); },
                          [&](Bytes v) {
                            values[i] = v.value.data();
                            lengths[i] = static_cast<int>(v.value.size());
                            formats[i] = 1;
                          }},
               params[i]);
  Result result(PQexecParams(conn, statement.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                             lengths.data(), formats.data(), result_format),
                &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error(std::string("PostgreSQL: ") + PQresultErrorMessage(result.get()));
  return result;
}

bool is_sqlite(soci::session& sql) { return sql.get_backend_name() == "sqlite3"; }

}  // namespace

void execute_binary(soci::session& sql, const std::string& statement, const std::vector<BinaryParam>& params) {
  if (is_sqlite(sql)) {
    SqliteStatement s(sql, statement, params);
    while (s.step()) {
    }
    return;
  }
  postgres_exec(sql, statement, params, 0);
}

std::optional<std::string> select_bytes(soci::session& sql, const std::string& statement,
                                        const std::vector<BinaryParam>& params) {
  if (is_sqlite(sql)) {
    SqliteStatement s(sql, statement, params);
    if (!s.step() || sqlite3_column_type(s.stmt, 0) == SQLITE_NULL) return std::nullopt;
    const auto* data = static_cast<const char*>(sqlite3_column_blob(s.stmt, 0));
    return std::string(data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, 0)));
  }
  const auto result = postgres_exec(sql, statement, params, 1);  // binary: bytea as its bytes
  if (PQntuples(result.get()) == 0 || PQgetisnull(result.get(), 0, 0)) return std::nullopt;
  return std::string(PQgetvalue(result.get(), 0, 0), static_cast<std::size_t>(PQgetlength(result.get(), 0, 0)));
}

}  // namespace hq::db
