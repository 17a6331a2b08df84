#pragma once
// The platform's one read API for units (the customs organisation tree): every module that looks a unit up
// — by code, by id, or a subtree by path prefix — comes here (identity, audit, trs, eservices, monitor).
// Writes (create, rename, close) stay with identity's store and service.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace hq::identity {

struct Unit {
  std::int64_t id = 0;
  std::string code, name, level;
  std::int64_t parent_id = 0;
  std::string parent_code, path, valid_from, valid_to;  // path: materialised ids, "/1/4/9/"
};

std::optional<Unit> find_unit(soci::session& sql, const std::string& code);
std::optional<Unit> find_unit_by_id(soci::session& sql, std::int64_t id);
// The units whose path starts with `path_prefix` (a subtree, its root included), shallowest first, then by code.
std::vector<Unit> units_under(soci::session& sql, const std::string& path_prefix);
// Their codes only (scope filters that compare codes).
std::vector<std::string> unit_codes_under(soci::session& sql, const std::string& path_prefix);

}  // namespace hq::identity
