#include "db/row.h"

namespace hq::db {
namespace {

// One body for both ways of naming a column (by label or by position).
template <typename Key>
std::int64_t int_value(const soci::row& row, const Key& column, std::int64_t if_null) {
  if (row.get_indicator(column) == soci::i_null) return if_null;
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_integer: return row.get<int>(column);
    case soci::dt_long_long: return row.get<long long>(column);
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(row.get<unsigned long long>(column));
    case soci::dt_double: return static_cast<std::int64_t>(row.get<double>(column));
    case soci::dt_string: return std::stoll(row.get<std::string>(column));
    default: return if_null;
  }
}

template <typename Key>
std::string text_value(const soci::row& row, const Key& column) {
  if (row.get_indicator(column) == soci::i_null) return {};
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_string: return row.get<std::string>(column);
    case soci::dt_integer: return std::to_string(row.get<int>(column));
    case soci::dt_long_long: return std::to_string(row.get<long long>(column));
    case soci::dt_double: return std::to_string(row.get<double>(column));
    default: return {};
  }
}

template <typename Key>
double real_value(const soci::row& row, const Key& column, double if_null) {
  if (row.get_indicator(column) == soci::i_null) return if_null;
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_double: return row.get<double>(column);
    case soci::dt_integer: return row.get<int>(column);
    case soci::dt_long_long: return static_cast<double>(row.get<long long>(column));
    default: return if_null;
  }
}

}  // namespace

std::int64_t int_at(const soci::row& row, const std::string& column, std::int64_t if_null) {
  return int_value(row, column, if_null);
}
std::string text_at(const soci::row& row, const std::string& column) { return text_value(row, column); }
double real_at(const soci::row& row, const std::string& column, double if_null) {
  return real_value(row, column, if_null);
}

std::int64_t int_at(const soci::row& row, std::size_t position, std::int64_t if_null) {
  return int_value(row, position, if_null);
}
std::string text_at(const soci::row& row, std::size_t position) { return text_value(row, position); }
double real_at(const soci::row& row, std::size_t position, double if_null) { return real_value(row, position, if_null); }

}  // namespace hq::db
