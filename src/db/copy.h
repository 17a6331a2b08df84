#pragma once
// PostgreSQL COPY through a SOCI session's libpq connection: one stream instead of a round trip per row
// (importing 1,000,000 study records, reading them back for a report). Text format: columns separated by
// tabs, rows by newlines, values escaped by copy_escape(); NULL is \N.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

namespace hq::db {

// Appends `value` escaped for the COPY text format.
void copy_escape(std::string& out, std::string_view value);
// One column of a COPY text row, unescaped into `out`; false for NULL (\N).
bool copy_unescape(std::string_view field, std::string& out);

// Streams rows into `COPY … FROM STDIN` (the statement is the caller's, with its column list).
class CopyIn {
 public:
  CopyIn(soci::session& sql, const std::string& copy_statement);  // throws on a refused statement
  ~CopyIn();
  CopyIn(const CopyIn&) = delete;
  CopyIn& operator=(const CopyIn&) = delete;

  // Columns of the row being written, in the statement's order.
  CopyIn& text(std::string_view value);
  CopyIn& number(long long value);
  CopyIn& null();
  CopyIn& end_row();
  // Sends what is left and ends the COPY; throws with the server's message when it refuses the data.
  void finish();

 private:
  void column_separator();
  void flush(bool force);
  void* conn_;
  std::string buffer_;
  bool row_started_ = false, finished_ = false;
};

// Runs `COPY (query) TO STDOUT` and calls `row` with each row's text (without the newline).
void copy_out(soci::session& sql, const std::string& copy_statement, const std::function<void(std::string_view)>& row);

// PostgreSQL's binary COPY format ("FORMAT binary"): a signature header, rows of length-prefixed fields in each
// type's send format (int2/int4/int8 big-endian, text as its UTF-8 bytes; length -1 for NULL), a -1 trailer.
// No text to parse or unescape: the run reads 10M lines this way (bigint and text columns only).
class CopyBinaryDecoder {
 public:
  using Fields = std::vector<std::optional<std::string_view>>;  // nullopt: NULL
  // Decodes `chunk` (any cut of the stream: a row or the header may span chunks) and calls `row` with each
  // complete row; the views live until `row` returns. Throws std::runtime_error on a malformed stream.
  void feed(std::string_view chunk, const std::function<void(const Fields&)>& row);
  bool finished() const { return finished_; }  // the trailer was read
  // An integer field (int2, int4 or int8 in send format); throws on another length.
  static std::int64_t integer(std::string_view field);

 private:
  std::size_t decode(std::string_view data, const std::function<void(const Fields&)>& row);
  std::string pending_;  // the start of a row (or the header) cut by the end of a chunk
  Fields fields_;
  bool header_ = false, finished_ = false;
};

// Runs `COPY (query) TO STDOUT (FORMAT binary)` and calls `row` with each row's fields.
void copy_out_binary(soci::session& sql, const std::string& copy_statement,
                     const std::function<void(const CopyBinaryDecoder::Fields&)>& row);
// Runs the binary COPY statements at once: statement 0 on `sql`'s connection, statement i on `others[i - 1]`'s
// (sessions the caller took from the same pool, so the pool's size limit holds and no credentials are read
// again), all in one snapshot (a read-only repeatable-read transaction, pg_export_snapshot): the server works on
// several cores. `row(i, fields)` is called on statement i's thread. False (nothing run) when a session is inside
// a transaction, whose snapshot could not be shared, or when `others` has fewer than statements.size() - 1
// sessions. The other sessions come back idle (committed, or rolled back on an error).
bool copy_out_binary_parallel(soci::session& sql, const std::vector<soci::session*>& others,
                              const std::vector<std::string>& statements,
                              const std::function<void(std::size_t, const CopyBinaryDecoder::Fields&)>& row);

}  // namespace hq::db
