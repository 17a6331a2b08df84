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
#include "db/row.h"
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

// The head of a proposal's or a collection's row, `t` being its table alias ("p." / "c."): its id, number, year
// and enterprise, the enterprise's tax code and name (alias e), its unit's id, code, name and path (alias u).
template <typename T>
db::RowMapping<T> owned_row_mapping(const std::string& t) {
  db::RowMapping<T> mapping;
  mapping.field(t + "id", &T::id).field(t + "number", &T::number).field(t + "year", &T::year)
      .field(t + "enterprise_id", &T::enterprise_id)
      .field("e.tax_code", &T::tax_code)
      .field("e.name", &T::enterprise_name, "enterprise_name")
      .field(t + "unit_id", &T::unit_id)
      .field("u.code", &T::unit_code, "unit_code")
      .field("u.name", &T::unit_name, "unit_name")
      .field("u.path", &T::unit_path, "unit_path");
  return mapping;
}

// SELECT <mapping's columns> FROM <table> <alias> joined to its enterprise (e) and its unit (u): the FROM of
// owned_row_mapping's rows.
template <typename T>
std::string owned_select(const db::RowMapping<T>& mapping, const std::string& table, const std::string& alias) {
  return "SELECT " + mapping.select_list() + " FROM " + table + " " + alias + " JOIN audit_enterprises e ON e.id = " +
         alias + ".enterprise_id JOIN units u ON u.id = " + alias + ".unit_id ";
}

// A conditional state change: `UPDATE table SET status = 'APPROVED', approved_by, approved_at` of the row `id`
// while it is ENTERED; false when it was not (someone else approved it first).
bool approve_entered(soci::session& sql, const std::string& table, std::int64_t id, const std::string& by, std::int64_t now);

}  // namespace hq::audit::store::detail

namespace hq::audit::store {

// The names every store source uses unqualified.
using db::int_at;
using db::text_at;
using namespace detail;

}  // namespace hq::audit::store
