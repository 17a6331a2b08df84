#include "db/copy.h"

#include "core/text.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <charconv>
#include <exception>
#include <memory>
#include <thread>
#include <vector>
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

namespace {

// Runs a COPY … TO STDOUT and calls `message` with each CopyData message (a row; the binary header comes with the
// first row, the trailer alone).
void read_copy(PGconn* conn, const std::string& copy_statement, const std::function<void(std::string_view)>& message) {
  start_copy(conn, copy_statement, PGRES_COPY_OUT);
  for (;;) {
    char* data = nullptr;
    const int n = PQgetCopyData(conn, &data, 0);
    if (n == -1) break;  // done
    if (n < 0) fail(conn, "COPY read");
    std::unique_ptr<char, decltype(&PQfreemem)> owned(data, &PQfreemem);
    try {
      message(std::string_view(data, static_cast<std::size_t>(n)));
    } catch (...) {
      owned.reset();
      drain_copy_out(conn);  // the session must leave COPY mode to stay usable
      throw;
    }
  }
  check_copy_result(conn);
}

constexpr std::string_view kBinarySignature("PGCOPY\n\377\r\n\0", 11);

std::uint32_t be32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return std::uint32_t{u[0]} << 24 | std::uint32_t{u[1]} << 16 | std::uint32_t{u[2]} << 8 | std::uint32_t{u[3]};
}

[[noreturn]] void malformed(const char* what) { throw std::runtime_error(std::string("binary COPY: ") + what); }

}  // namespace

void copy_out(soci::session& sql, const std::string& copy_statement, const std::function<void(std::string_view)>& row) {
  read_copy(connection_of(sql), copy_statement, [&](std::string_view line) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    row(line);
  });
}

std::int64_t CopyBinaryDecoder::integer(std::string_view field) {
  std::uint64_t v = 0;
  for (unsigned char c : field) v = v << 8 | c;
  switch (field.size()) {  // sign-extend from the field's width
    case 2: return static_cast<std::int16_t>(v);
    case 4: return static_cast<std::int32_t>(v);
    case 8: return static_cast<std::int64_t>(v);
    default: malformed("an integer field of an unexpected length");
  }
}

void CopyBinaryDecoder::feed(std::string_view chunk, const std::function<void(const Fields&)>& row) {
  if (pending_.empty()) {
    const std::size_t used = decode(chunk, row);
    pending_.assign(chunk.substr(used));
    return;
  }
  pending_.append(chunk);
  const std::size_t used = decode(pending_, row);
  pending_.erase(0, used);
}

// Decodes what `data` holds whole; returns the bytes used (the rest waits for the next chunk).
std::size_t CopyBinaryDecoder::decode(std::string_view data, const std::function<void(const Fields&)>& row) {
  std::size_t at = 0;
  if (!header_) {
    if (data.size() < kBinarySignature.size() + 8) return 0;
    if (data.substr(0, kBinarySignature.size()) != kBinarySignature) malformed("no PGCOPY signature");
    if (be32(data.data() + 11) & (1u << 16)) malformed("rows with OIDs");
    const std::size_t extension = be32(data.data() + 15);
    if (data.size() < 19 + extension) return 0;
    at = 19 + extension, header_ = true;
  }
  while (at < data.size()) {
    if (finished_) malformed("data after the trailer");
    if (data.size() - at < 2) return at;
    const auto count = static_cast<std::int16_t>(static_cast<unsigned char>(data[at]) << 8 |
                                                 static_cast<unsigned char>(data[at + 1]));
    if (count == -1) {
      finished_ = true, at += 2;
      continue;
    }
    if (count < 0) malformed("a negative field count");
    std::size_t p = at + 2;
    fields_.clear();
    for (int i = 0; i < count; ++i) {
      if (data.size() - p < 4) return at;
      const auto length = static_cast<std::int32_t>(be32(data.data() + p));
      p += 4;
      if (length == -1) {
        fields_.emplace_back(std::nullopt);
        continue;
      }
      if (length < 0) malformed("a negative field length");
      if (data.size() - p < static_cast<std::size_t>(length)) return at;
      fields_.emplace_back(data.substr(p, static_cast<std::size_t>(length)));
      p += static_cast<std::size_t>(length);
    }
    row(fields_);
    at = p;
  }
  return at;
}

namespace {

void exec(PGconn* conn, const std::string& statement) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn, statement.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK && PQresultStatus(result.get()) != PGRES_TUPLES_OK)
    fail(conn, statement);
}

void binary_copy(PGconn* conn, const std::string& statement, const std::function<void(const CopyBinaryDecoder::Fields&)>& row) {
  CopyBinaryDecoder decoder;
  read_copy(conn, statement, [&](std::string_view message) { decoder.feed(message, row); });
  if (!decoder.finished()) malformed("the stream ended before its trailer");
}

}  // namespace

void copy_out_binary(soci::session& sql, const std::string& copy_statement,
                     const std::function<void(const CopyBinaryDecoder::Fields&)>& row) {
  binary_copy(connection_of(sql), copy_statement, row);
}

bool copy_out_binary_parallel(soci::session& sql, const std::vector<soci::session*>& others,
                              const std::vector<std::string>& statements,
                              const std::function<void(std::size_t, const CopyBinaryDecoder::Fields&)>& row) {
  if (statements.empty() || others.size() + 1 < statements.size()) return false;
  std::vector<PGconn*> conns{connection_of(sql)};
  for (std::size_t i = 1; i < statements.size(); ++i) conns.push_back(connection_of(*others[i - 1]));
  for (auto* conn : conns)  // a snapshot inside a caller's transaction is that transaction's
    if (PQtransactionStatus(conn) != PQTRANS_IDLE) return false;
  PGconn* first = conns[0];
  std::size_t begun = 0;  // connections with an open transaction
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> errors(statements.size());
  const auto join = [&] {
    for (auto& t : threads) t.join();
    threads.clear();
  };
  try {
    exec(first, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    begun = 1;
    std::unique_ptr<PGresult, decltype(&PQclear)> snapshot(PQexec(first, "SELECT pg_export_snapshot()"), &PQclear);
    if (PQresultStatus(snapshot.get()) != PGRES_TUPLES_OK) fail(first, "pg_export_snapshot");
    const std::string id = PQgetvalue(snapshot.get(), 0, 0);
    for (std::size_t i = 1; i < conns.size(); ++i) {
      exec(conns[i], "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      begun = i + 1;
      exec(conns[i], "SET TRANSACTION SNAPSHOT '" + id + "'");  // our own id: hex digits and '-'
    }
    for (std::size_t i = 1; i < conns.size(); ++i)
      threads.emplace_back([&, i] {
        try {
          binary_copy(conns[i], statements[i], [&](const CopyBinaryDecoder::Fields& f) { row(i, f); });
        } catch (...) {
          errors[i] = std::current_exception();
        }
      });
    try {
      binary_copy(first, statements[0], [&](const CopyBinaryDecoder::Fields& f) { row(0, f); });
    } catch (...) {
      errors[0] = std::current_exception();
    }
    join();
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
    for (auto* conn : conns) exec(conn, "COMMIT");
  } catch (...) {
    join();
    for (std::size_t i = 0; i < begun; ++i) {  // every session goes back usable (the others to their pool)
      std::unique_ptr<PGresult, decltype(&PQclear)> done(PQexec(conns[i], "ROLLBACK"), &PQclear);
    }
    throw;
  }
  return true;
}

}  // namespace hq::db
