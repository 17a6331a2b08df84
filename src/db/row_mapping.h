#pragma once
// One way to map rows to structs: a type's field table lists each SELECT expression once with the member it
// fills, and gives both the SELECT list and the mapping, so the two can never drift apart (they were
// written twice by hand for every type: a column list in the query, a `X_from(row)` in the store).
//
//   const db::RowMapping<Unit>& unit_mapping() {
//     static const auto mapping = db::RowMapping<Unit>()
//         .field("u.id", &Unit::id).field("u.code", &Unit::code).field("p.code", &Unit::parent_code);
//     return mapping;
//   }
//   "SELECT " + unit_mapping().select_list() + " FROM units u LEFT JOIN units p ON …"
//   Unit unit = unit_mapping().read(row);
//   std::vector<Step> steps = step_mapping().rows_where(sql, "steps", "dossier_id = :d ORDER BY id", dossier_id);
//
// Columns are read by position, so extra expressions may follow the list (a count, a rank) and are read
// by the caller from position `size()` on. A NULL integer reads as std::nullopt into an optional member;
// a column stored in another shape (a comma-separated role list) is read by `field_with` and a converter.
//
// Where the column is named as the member, `HQ_ROW_FIELDS` declares the fields once by name (in the order
// given, which is the SELECT order), and `HQ_ROW_FIELDS_AT` with a table prefix for joined queries; they
// chain with `.field(...)` / `field_with` for expressions, aliases and columns named otherwise:
//
//   db::RowMapping<Step>() HQ_ROW_FIELDS(Step, id, dossier_id, at)          // "id, dossier_id, at"
//   db::RowMapping<Dossier>() HQ_ROW_FIELDS_AT(Dossier, "d.", id, number)   // "d.id, d.number"
//       .field("u.code", &Dossier::unit_code) HQ_ROW_FIELDS_AT(Dossier, "d.", status)
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include <soci/soci.h>

#include "core/fields.h"
#include "db/bind.h"
#include "db/row.h"

// HQ_ROW_FIELDS_AT(T, "d.", id, number) expands to .field("d." "id", &T::id).field("d." "number", &T::number).
#define HQ_ROW_FIELD_(T, prefix, name) .field(prefix #name, &T::name)
#define HQ_ROW_FIELDS_AT(T, prefix, ...) HQ_FOR_EACH(HQ_ROW_FIELD_, T, prefix, __VA_ARGS__)
#define HQ_ROW_FIELDS(T, ...) HQ_ROW_FIELDS_AT(T, "", __VA_ARGS__)

namespace hq::db {

template <typename T>
class RowMapping {
 public:
  using Converter = std::function<void(T&, const soci::row&, std::size_t)>;
  using Member = std::variant<std::string T::*, std::int64_t T::*, int T::*, bool T::*, double T::*,
                              std::optional<std::int64_t> T::*, Converter>;

  // `expression` as written in the SELECT list ("a.username", "u.code", "count(*)"); it gets the alias
  // `alias` when given (a label the ORDER BY or a wrapping query can name).
  RowMapping& field(std::string expression, Member member, std::string alias = "") {
    fields_.push_back({std::move(expression), std::move(alias), member});
    return *this;
  }

  // A member filled by `convert(value, row, position)`, for columns that need more than a plain read.
  RowMapping& field_with(std::string expression, Converter convert, std::string alias = "") {
    fields_.push_back({std::move(expression), std::move(alias), Member(std::move(convert))});
    return *this;
  }

  std::size_t size() const { return fields_.size(); }

  std::string select_list() const {
    std::string list;
    for (const auto& f : fields_) {
      if (!list.empty()) list += ", ";
      list += f.expression;
      if (!f.alias.empty()) list += " AS " + f.alias;
    }
    return list;
  }

  // Every row of `query` (which selects select_list() first), its one parameter bound to `key`
  // (`request_select() + "WHERE r.unit_id = :u"`), in the order the query gives; first_of: the first, if any.
  std::vector<T> rows_of(soci::session& sql, const std::string& query, std::int64_t key) const {
    const long long k = key;  // SOCI binds long long alike on both backends
    return rows_bound(sql, query, k);
  }
  std::vector<T> rows_of(soci::session& sql, const std::string& query, const std::string& key) const {
    return rows_bound(sql, query, key);
  }
  // With several parameters, bound in order (db/bind.h): `"… WHERE c.run_id = :r AND c.tax_code = :t"`.
  template <typename K1, typename K2, typename... Keys>
  std::vector<T> rows_of(soci::session& sql, const std::string& query, const K1& k1, const K2& k2,
                         const Keys&... keys) const {
    return rows_bound(sql, query, k1, k2, keys...);
  }
  template <typename... Keys>
  std::optional<T> first_of(soci::session& sql, const std::string& query, const Keys&... keys) const {
    auto list = rows_of(sql, query, keys...);
    if (list.empty()) return std::nullopt;
    return std::move(list.front());
  }
  // The same for `SELECT <select_list()> FROM <from> WHERE <where>` (`"dossier_id = :d ORDER BY id"`).
  template <typename... Keys>
  std::vector<T> rows_where(soci::session& sql, const std::string& from, const std::string& where,
                            const Keys&... keys) const {
    return rows_of(sql, "SELECT " + select_list() + " FROM " + from + " WHERE " + where, keys...);
  }
  template <typename... Keys>
  std::optional<T> first_where(soci::session& sql, const std::string& from, const std::string& where,
                               const Keys&... keys) const {
    return first_of(sql, "SELECT " + select_list() + " FROM " + from + " WHERE " + where, keys...);
  }

  // Fills a T from a row whose first size() columns are select_list(); NULL reads as empty, 0 or false.
  T read(const soci::row& row) const {
    T value{};
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      std::visit(
          [&](const auto& member) {
            if constexpr (std::is_same_v<std::decay_t<decltype(member)>, Converter>) {
              member(value, row, i);
            } else {
              using Field = std::remove_reference_t<decltype(value.*member)>;
              if constexpr (std::is_same_v<Field, std::string>) value.*member = text_at(row, i);
              else if constexpr (std::is_same_v<Field, bool>) value.*member = int_at(row, i) != 0;
              else if constexpr (std::is_same_v<Field, double>) value.*member = real_at(row, i);
              else if constexpr (std::is_same_v<Field, int>) value.*member = static_cast<int>(int_at(row, i));
              else if constexpr (std::is_same_v<Field, std::optional<std::int64_t>>) {
                if (row.get_indicator(i) == soci::i_null) value.*member = std::nullopt;
                else value.*member = int_at(row, i);
              } else value.*member = int_at(row, i);
            }
          },
          fields_[i].member);
    }
    return value;
  }

 private:
  template <typename... Keys>
  std::vector<T> rows_bound(soci::session& sql, const std::string& query, const Keys&... keys) const {
    const std::tuple<Bound<Keys>...> bound{bindable(keys)...};
    return std::apply(
        [&](const auto&... key) {
          auto prepared = (sql.prepare << query);
          ((prepared, soci::use(key)), ...);
          std::vector<T> list;
          soci::rowset<soci::row> rows(prepared);
          for (const auto& row : rows) list.push_back(read(row));
          return list;
        },
        bound);
  }

  struct Field {
    std::string expression, alias;
    Member member;
  };
  std::vector<Field> fields_;
};

}  // namespace hq::db
