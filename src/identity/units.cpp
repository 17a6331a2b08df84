#include "identity/units.h"

#include "db/row.h"
#include "db/row_mapping.h"

namespace hq::identity {

namespace {

// One field table: the SELECT list and the mapping come from the same lines.
const db::RowMapping<Unit>& unit_mapping() {
  static const auto mapping = db::RowMapping<Unit>()
                                  HQ_ROW_FIELDS_AT(Unit, "u.", id, code, name, level, parent_id)
                                  .field("p.code", &Unit::parent_code, "parent_code")
                                  HQ_ROW_FIELDS_AT(Unit, "u.", path, valid_from, valid_to);
  return mapping;
}

const std::string& unit_select() {
  static const std::string select =
      "SELECT " + unit_mapping().select_list() + " FROM units u LEFT JOIN units p ON p.id = u.parent_id ";
  return select;
}

}  // namespace

std::optional<Unit> find_unit(soci::session& sql, const std::string& code) {
  return unit_mapping().first_of(sql, unit_select() + "WHERE u.code = :code", code);
}

std::optional<Unit> find_unit_by_id(soci::session& sql, std::int64_t id) {
  return unit_mapping().first_of(sql, unit_select() + "WHERE u.id = :id", id);
}

std::vector<Unit> units_under(soci::session& sql, const std::string& path_prefix) {
  std::vector<Unit> units;
  const std::string pattern = path_prefix + "%";
  soci::rowset<soci::row> rows =
      (sql.prepare << unit_select() + "WHERE u.path LIKE :p ORDER BY length(u.path), u.code", soci::use(pattern));
  for (const auto& row : rows) units.push_back(unit_mapping().read(row));
  return units;
}

std::vector<std::string> unit_codes_under(soci::session& sql, const std::string& path_prefix) {
  std::vector<std::string> codes;
  const std::string pattern = path_prefix + "%";
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT code FROM units WHERE path LIKE :p", soci::use(pattern));
  for (const auto& row : rows) codes.push_back(db::text_at(row, "code"));
  return codes;
}

}  // namespace hq::identity
