#pragma once
// One INSERT … RETURNING id for the stores: the values are bound in the order of `columns`, integers as
// long long (the type SOCI binds alike on SQLite and PostgreSQL), strings by reference. It replaces the
// hand-written statement with its `long long` copies of every integer field:
//
//   return db::insert_returning_id(sql, "audit_payments", "proposal_id, paid_on, amount",
//                                  p.proposal_id, p.paid_on, p.amount);
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>

#include <soci/soci.h>

namespace hq::db {

namespace insert_detail {

template <typename V>
decltype(auto) bindable(const V& value) {
  if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool>) return static_cast<long long>(value);
  else return (value);  // a reference: bound as it is
}

}  // namespace insert_detail

// INSERT INTO <table> (<columns>) VALUES (<values>) RETURNING id; the new row's id.
template <typename... V>
std::int64_t insert_returning_id(soci::session& sql, const std::string& table, const std::string& columns,
                                 const V&... values) {
  std::string marks;
  for (std::size_t i = 0; i < sizeof...(V); ++i) marks += (i == 0 ? ":v" : ", :v") + std::to_string(i);
  const std::tuple<decltype(insert_detail::bindable(values))...> bound{insert_detail::bindable(values)...};
  long long id = 0;
  std::apply(
      [&](const auto&... value) {
        auto statement = (sql << "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ") RETURNING id");
        ((statement, soci::use(value)), ...);
        statement, soci::into(id);
      },  // the statement runs here, when the last reference to it goes
      bound);
  return id;
}

}  // namespace hq::db
