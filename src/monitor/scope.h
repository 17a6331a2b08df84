#pragma once
// The visibility matrix (rules.h) as SQL predicates, so every list, report and count is filtered by the
// database, never after the fact. Values placed in the SQL are validated codes and materialised paths
// (digits and slashes) only.
#include <optional>
#include <string>

#include "monitor/rules.h"

namespace hq::monitor {

// A literal safe to place in SQL ('SLXNK'); throws on anything but [0-9A-Za-z_/.:-].
std::string sql_literal(const std::string& value);

// True (as SQL) when the viewer sees the operation in `op_column` of system `system_column` that happened at
// the unit whose path is in `path_column`. With `op` set, the operation is that fixed one instead.
std::string operation_visible_sql(const Viewer& viewer, const std::string& system_column,
                                  const std::string& op_column, const std::string& path_column,
                                  const std::optional<std::string>& op = std::nullopt);
// Service modules of a unit (the EDATA row of the matrix).
std::string service_visible_sql(const Viewer& viewer, const std::string& system_column, const std::string& path_column);
// Incidents: a file incident is visible with the operation it is about (at unit_path) or with the export
// behind it (at peer_path); a service incident with the service.
std::string incident_visible_sql(const Viewer& viewer);

}  // namespace hq::monitor
