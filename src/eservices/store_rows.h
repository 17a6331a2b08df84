#pragma once
// Every row of one of the small e-services tables (anchors, CRLs, CRL sources), in a given order.
#include <string>
#include <vector>

#include <soci/soci.h>

#include "db/row_mapping.h"

namespace hq::eservices::store {

template <typename T>
std::vector<T> all_rows(soci::session& sql, const db::RowMapping<T>& mapping, const std::string& table,
                        const std::string& order_by) {
  std::vector<T> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + mapping.select_list() + " FROM " + table + " ORDER BY " + order_by);
  for (const auto& row : rows) out.push_back(mapping.read(row));
  return out;
}

}  // namespace hq::eservices::store
