#pragma once
// Reading soci::row values the same way on both backends: SQLite reports integer columns as 32-bit or
// 64-bit depending on the declared type, and NULLs need indicators.
#include <cstddef>
#include <cstdint>
#include <string>

#include <soci/soci.h>

namespace hq::db {

std::int64_t int_at(const soci::row& row, const std::string& column, std::int64_t if_null = 0);
std::string text_at(const soci::row& row, const std::string& column);
double real_at(const soci::row& row, const std::string& column, double if_null = 0);
// The same by position in the SELECT list (what db::RowMapping reads, without a lookup by name).
std::int64_t int_at(const soci::row& row, std::size_t position, std::int64_t if_null = 0);
std::string text_at(const soci::row& row, std::size_t position);
double real_at(const soci::row& row, std::size_t position, double if_null = 0);

}  // namespace hq::db
