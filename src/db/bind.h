#pragma once
// How the stores' helpers bind a C++ value to a statement parameter (db::insert_returning_id, db::insert_row,
// RowMapping::rows_of with several keys): integers as long long (the type SOCI binds alike on SQLite and
// PostgreSQL), text literals as std::string, anything else (a std::string, a double) by reference.
#include <string>
#include <type_traits>
#include <utility>

namespace hq::db {

template <typename V>
decltype(auto) bindable(const V& value) {
  if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool>) return static_cast<long long>(value);
  else if constexpr (std::is_convertible_v<const V&, const char*>) return std::string(value);
  else return (value);  // a reference: bound as it is
}

// The type bindable(value) gives: what a statement keeps alive while it runs.
template <typename V>
using Bound = decltype(bindable(std::declval<const V&>()));

}  // namespace hq::db
