#include "db/copy.h"

#include "core/text.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <charconv>
#include <memory>
#include <stdexcept>

namespace hq::db {
namespace {

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

PGconn* connection_of(soci::session& sql) {
  // The backend's type information is not exported by libsoci: identify it by name.
  if (sql.get_backend_name() != "postgresql") throw std::logic_error("COPY needs a PostgreSQL session");
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

[[noreturn]] void fail(PGconn* conn, const std::string& what) {
  throw std::runtime_error(what + ": " + PQerrorMessage(conn));
}

// Starts a COPY and checks the server answered with the expected mode.
void start_copy(PGconn* conn, const std::string& statement, ExecStatusType expected) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn, statement.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != expected) fail(conn, "COPY refused");
}

// The result that follows the end of a COPY must be a success.
void check_copy_result(PGconn* conn) {
  bool ok = true;
  std::string message;
  while (PGresult* r = PQgetResult(conn)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) ok = false, message = PQresultErrorMessage(r);
    PQclear(r);
  }
  if (!ok) throw std::runtime_error("COPY failed: " + message);
}

void drain_copy_out(PGconn* conn) {
  char* data = nullptr;
  while (PQgetCopyData(conn, &data, 0) >= 0) PQfreemem(data);
  while (PGresult* r = PQgetResult(conn)) PQclear(r);
}

}  // namespace

void copy_escape(std::string& out, std::string_view value) { core::append_backslash_escaped(out, value); }

bool copy_unescape(std::string_view field, std::string& out) {
  if (field == "\\N") {
    out.clear();
    return false;
  }
  core::assign_backslash_unescaped(out, field);
  return true;
}

CopyIn::CopyIn(soci::session& sql, const std::string& copy_statement) : conn_(connection_of(sql)) {
  start_copy(static_cast<PGconn*>(conn_), copy_statement, PGRES_COPY_IN);
}

CopyIn::~CopyIn() {
  if (finished_) return;
  auto* conn = static_cast<PGconn*>(conn_);  // abandoned (an exception): cancel so the session stays usable
  PQputCopyEnd(conn, "abandoned");
  while (PGresult* r = PQgetResult(conn)) PQclear(r);
}

void CopyIn::column_separator() {
  if (row_started_) buffer_ += '\t';
  row_started_ = true;
}

CopyIn& CopyIn::text(std::string_view value) {
  column_separator();
  copy_escape(buffer_, value);
  return *this;
}

CopyIn& CopyIn::number(long long value) {
  column_separator();
  char digits[24];
  buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  return *this;
}

CopyIn& CopyIn::null() {
  column_separator();
  buffer_ += "\\N";
  return *this;
}

CopyIn& CopyIn::end_row() {
  buffer_ += '\n';
  row_started_ = false;
  flush(false);
  return *this;
}

void CopyIn::flush(bool force) {
  if (buffer_.empty() || (!force && buffer_.size() < kFlushBytes)) return;
  auto* conn = static_cast<PGconn*>(conn_);
  if (PQputCopyData(conn, buffer_.data(), static_cast<int>(buffer_.size())) != 1) fail(conn, "COPY data");
  buffer_.clear();
}

void CopyIn::finish() {
  flush(true);
  auto* conn = static_cast<PGconn*>(conn_);
  finished_ = true;
  if (PQputCopyEnd(conn, nullptr) != 1) fail(conn, "COPY end");
  check_copy_result(conn);
}

void copy_out(soci::session& sql, const std::string& copy_statement, const std::function<void(std::string_view)>& row) {
  PGconn* conn = connection_of(sql);
  start_copy(conn, copy_statement, PGRES_COPY_OUT);
  for (;;) {
    char* data = nullptr;
    const int n = PQgetCopyData(conn, &data, 0);
    if (n == -1) break;  // done
    if (n < 0) fail(conn, "COPY read");
    std::unique_ptr<char, decltype(&PQfreemem)> owned(data, &PQfreemem);
    std::string_view line(data, static_cast<std::size_t>(n));
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    try {
      row(line);
    } catch (...) {
      owned.reset();
      drain_copy_out(conn);  // the session must leave COPY mode to stay usable
      throw;
    }
  }
  check_copy_result(conn);
}

}  // namespace hq::db
