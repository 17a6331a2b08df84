#include "db/row.h"

namespace hq::db {

std::int64_t int_at(const soci::row& row, const std::string& column, std::int64_t if_null) {
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

std::string text_at(const soci::row& row, const std::string& column) {
  if (row.get_indicator(column) == soci::i_null) return {};
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_string: return row.get<std::string>(column);
    case soci::dt_integer: return std::to_string(row.get<int>(column));
    case soci::dt_long_long: return std::to_string(row.get<long long>(column));
    case soci::dt_double: return std::to_string(row.get<double>(column));
    default: return {};
  }
}

double real_at(const soci::row& row, const std::string& column, double if_null) {
  if (row.get_indicator(column) == soci::i_null) return if_null;
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_double: return row.get<double>(column);
    case soci::dt_integer: return row.get<int>(column);
    case soci::dt_long_long: return static_cast<double>(row.get<long long>(column));
    default: return if_null;
  }
}

}  // namespace hq::db
