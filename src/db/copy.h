#pragma once
// PostgreSQL COPY through a SOCI session's libpq connection: one stream instead of a round trip per row
// (importing 1,000,000 study records, reading them back for a report). Text format: columns separated by
// tabs, rows by newlines, values escaped by copy_escape(); NULL is \N.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace hq::db
