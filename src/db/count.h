#pragma once
// Counting a list's rows when the list can be huge.
#include <cstdint>
#include <string>

#include <soci/soci.h>

namespace hq::db {

// COUNT(*) of the rows of `select` (a SELECT without ORDER BY/LIMIT), stopping at cap + 1: a list's total that
// costs at most cap + 1 rows however large the table. More than `cap` rows gives cap + 1.
std::int64_t count_capped(soci::session& sql, const std::string& select, std::int64_t cap);

}  // namespace hq::db
