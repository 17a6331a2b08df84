#pragma once
// Raw bytes in and out of a BLOB (SQLite) / bytea (PostgreSQL) column, bound directly on the session's native
// connection: SOCI binds a std::string as text (PostgreSQL would need it hex-escaped, twice the size) and its
// blob type is a large object on PostgreSQL. Used where megabytes are stored (e-services documents).
// Statements number their parameters $1, $2, … (turned into ?1, ?2, … for SQLite, so no other `$` may appear
// in the text); they run inside whatever transaction the session is in.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <soci/soci.h>

namespace hq::db {

struct Bytes {
  std::string_view value;  // not copied: must outlive the call
};
using BinaryParam = std::variant<long long, std::string_view, Bytes>;  // integer, text, raw bytes

// Runs a statement that returns no rows.
void execute_binary(soci::session& sql, const std::string& statement, const std::vector<BinaryParam>& params);
// The first column of the first row, read as raw bytes (a BLOB / bytea column); nullopt when there is no row
// or the value is NULL.
std::optional<std::string> select_bytes(soci::session& sql, const std::string& statement,
                                        const std::vector<BinaryParam>& params);

}  // namespace hq::db
