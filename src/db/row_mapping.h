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
//
// Columns are read by position, so extra expressions may follow the list (a count, a rank) and are read
// by the caller from position `size()` on.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <soci/soci.h>

#include "db/row.h"

namespace hq::db {

template <typename T>
class RowMapping {
 public:
  using Member =
      std::variant<std::string T::*, std::int64_t T::*, bool T::*, double T::*, std::optional<std::int64_t> T::*>;

  // `expression` as written in the SELECT list ("a.username", "u.code", "count(*)"); it gets the alias
  // `alias` when given (a label the ORDER BY or a wrapping query can name).
  RowMapping& field(std::string expression, Member member, std::string alias = "") {
    fields_.push_back({std::move(expression), std::move(alias), member});
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

  // Fills a T from a row whose first size() columns are select_list(); NULL reads as empty, 0 or false
  // (nullopt for an optional integer).
  T read(const soci::row& row) const {
    T value{};
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      std::visit(
          [&](auto member) {
            using Field = std::remove_reference_t<decltype(value.*member)>;
            if constexpr (std::is_same_v<Field, std::string>) value.*member = text_at(row, i);
            else if constexpr (std::is_same_v<Field, bool>) value.*member = int_at(row, i) != 0;
            else if constexpr (std::is_same_v<Field, double>) value.*member = real_at(row, i);
            else if constexpr (std::is_same_v<Field, std::optional<std::int64_t>>) {
              if (row.get_indicator(i) == soci::i_null) value.*member = std::nullopt;
              else value.*member = int_at(row, i);
            }
            else value.*member = int_at(row, i);
          },
          fields_[i].member);
    }
    return value;
  }

 private:
  struct Field {
    std::string expression, alias;
    Member member;
  };
  std::vector<Field> fields_;
};

}  // namespace hq::db
