#pragma once
// A list laid out as a sheets::Table (what a list route's .xlsx writes): one row per item, `row(item)` giving its
// cells in the order of `columns`.
//
//   return sheets::list_table("Gop y", "Góp ý về chức năng hệ thống", {{"Đơn vị", 12}, {"Người gửi", 16}}, list,
//                             [](const Feedback& f) -> std::vector<sheets::TableCell> { return {f.unit_code, f.username}; });
#include <string>
#include <utility>
#include <vector>

#include "sheets/xlsx_table.h"

namespace hq::sheets {

template <typename List, typename Row>
Table list_table(std::string sheet_name, std::string title, std::vector<TableColumn> columns, const List& list,
                 Row row) {
  Table table{std::move(sheet_name), std::move(title), std::move(columns), {}};
  table.rows.reserve(list.size());
  for (const auto& item : list) table.rows.push_back(row(item));
  return table;
}

}  // namespace hq::sheets
