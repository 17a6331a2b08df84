#include "db/count.h"

namespace hq::db {

std::int64_t count_capped(soci::session& sql, const std::string& select, std::int64_t cap) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM (" + select + " LIMIT " + std::to_string(cap + 1) + ") c", soci::into(n);
  return n;
}

}  // namespace hq::db
