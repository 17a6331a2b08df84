#pragma once
// Shared by the audit store's sources (not a public header): SQL fragments, list filters and the
// enterprise field table.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
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
  bool with_place = false;
  // Binds the parameters of `where`, in their order, to a statement being prepared (sql.prepare << …).
  template <typename Prepared>
  Prepared& bind(Prepared& statement) const {
    statement, soci::use(path), soci::use(status), soci::use(status), soci::use(year), soci::use(year);
    if (with_place) statement, soci::use(place), soci::use(place);
    return statement;
  }
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

// How a list of owned rows may be sorted and filtered.
struct ListColumns {
  std::map<std::string, std::string> sort;  // the sort keys a request may name → their column
  std::string fallback;                     // the column of any other key
  std::string queue;                        // the sort key of the leaders' queue (oldest first)
  bool with_place = false;                  // the list filters on the place (proposals)
};

// The rows of a table whose items belong to an enterprise and a unit (proposals, collections): `mapping` (an
// owned_row_mapping head and the table's own columns), read FROM <table> <alias> joined to its enterprise (e)
// and its unit (u).
template <typename T>
class OwnedTable {
 public:
  OwnedTable(db::RowMapping<T> mapping, const std::string& table, std::string alias)
      : mapping_(std::move(mapping)),
        alias_(std::move(alias)),
        from_("FROM " + table + " " + alias_ + " JOIN audit_enterprises e ON e.id = " + alias_ +
              ".enterprise_id JOIN units u ON u.id = " + alias_ + ".unit_id "),
        select_("SELECT " + mapping_.select_list() + " " + from_) {}

  const db::RowMapping<T>& mapping() const { return mapping_; }
  std::optional<T> find(soci::session& sql, std::int64_t id) const {
    return mapping_.first_of(sql, select_ + "WHERE " + alias_ + ".id = :id", id);
  }
  // An enterprise's rows, the oldest first.
  std::vector<T> of_enterprise(soci::session& sql, std::int64_t enterprise_id) const {
    return mapping_.rows_of(sql, select_ + "WHERE " + alias_ + ".enterprise_id = :e ORDER BY " + alias_ + ".id",
                            enterprise_id);
  }
  // One page of the list (list_filter, order_by) and, in `total`, how many rows the whole list has.
  std::vector<T> list(soci::session& sql, const ListQuery& q, const ListColumns& columns, std::int64_t& total) const {
    ListQuery query = q;
    if (q.oldest_submitted_first) {
      query.sort = columns.queue;
      query.descending = false;
    }
    const ListFilter f = list_filter(query, alias_, columns.with_place);
    long long n = 0;
    auto count = (sql.prepare << "SELECT COUNT(*) " + from_ + f.where);
    f.bind(count), soci::into(n);
    soci::statement counted(count);
    counted.execute(true);
    total = n;
    auto page = (sql.prepare << select_ + f.where + order_by(query, columns.sort, columns.fallback, alias_));
    std::vector<T> list;
    soci::rowset<soci::row> rows(f.bind(page));
    for (const auto& r : rows) list.push_back(mapping_.read(r));
    return list;
  }

 private:
  db::RowMapping<T> mapping_;
  std::string alias_, from_, select_;
};

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
