#pragma once
// One INSERT for the stores (… RETURNING id, or with a conflict clause): the values are bound in the order of
// `columns` (db/bind.h: integers as long long, strings by reference). It replaces the
// hand-written statement with its `long long` copies of every integer field:
//
//   return db::insert_returning_id(sql, "audit_payments", "proposal_id, paid_on, amount",
//                                  p.proposal_id, p.paid_on, p.amount);
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>

#include <soci/soci.h>

#include "db/bind.h"

namespace hq::db {

namespace insert_detail {

// Runs `INSERT INTO table (columns) VALUES (:v0, …) tail` with the values bound in order; `finish` adds the
// statement's last element (an into, or nothing).
template <typename Finish, typename... V>
void run(soci::session& sql, const std::string& table, const std::string& columns, const std::string& tail,
         Finish finish, const V&... values) {
  std::string marks;
  for (std::size_t i = 0; i < sizeof...(V); ++i) marks += (i == 0 ? ":v" : ", :v") + std::to_string(i);
  const std::tuple<Bound<V>...> bound{bindable(values)...};
  std::apply(
      [&](const auto&... value) {
        auto statement = (sql << "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")" + tail);
        ((statement, soci::use(value)), ...);
        finish(statement);
      },  // the statement runs here, when the last reference to it goes
      bound);
}

}  // namespace insert_detail

// INSERT INTO <table> (<columns>) VALUES (<values>) RETURNING id; the new row's id.
template <typename... V>
std::int64_t insert_returning_id(soci::session& sql, const std::string& table, const std::string& columns,
                                 const V&... values) {
  long long id = 0;
  insert_detail::run(sql, table, columns, " RETURNING id", [&](auto& statement) { statement, soci::into(id); },
                     values...);
  return id;
}

// INSERT INTO <table> (<columns>) VALUES (<values>) <tail>, without reading anything back; `tail` is "" or a
// conflict clause ("ON CONFLICT (blocked_id, blocking_id) DO NOTHING").
template <typename... V>
void insert_row(soci::session& sql, const std::string& table, const std::string& columns, const std::string& tail,
                const V&... values) {
  insert_detail::run(sql, table, columns, tail.empty() ? tail : " " + tail, [](auto&) {}, values...);
}

}  // namespace hq::db
