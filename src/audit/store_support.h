#pragma once
// Shared by the audit store's sources (not a public header): SQL fragments, list filters and the
// enterprise field table.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "audit/store.h"
#include "db/count.h"
#include "db/row_mapping.h"

namespace hq::audit::store::detail {

inline std::string like_prefix(const std::string& path) { return path + "%"; }

// " AND column LIKE '% w%'" per word. Search words are [a-z0-9]+ by construction (rules::search_words), so
// they are safe in SQL text; the check keeps it that way if a caller ever passes something else.
std::string word_filter(const std::vector<std::string>& words, const std::string& column);
// "1,2,3"
std::string id_list(const std::vector<std::int64_t>& ids);
// COUNT(*) of `inner`, stopping at cap + 1.
using db::count_capped;

// The enterprise row (alias e).
const db::RowMapping<Enterprise>& enterprise_mapping();
// SELECT <enterprise columns> FROM audit_enterprises e <tail>
std::vector<Enterprise> enterprises_where(soci::session& sql, const std::string& tail);

// The shared filter of the proposal and collection lists (t = the item's table alias).
struct ListFilter {
  std::string where;
  std::string path, status, place;
  long long year = 0;
};
ListFilter list_filter(const ListQuery& q, const std::string& t, bool with_place);
std::string order_by(const ListQuery& q, const std::map<std::string, std::string>& columns, const std::string& fallback,
                     const std::string& t);

}  // namespace hq::audit::store::detail
