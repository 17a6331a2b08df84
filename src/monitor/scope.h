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
// A Cục viewer without systems of its own sees operations of its own unit and the units under it only: their
// paths are the byte range [path, path with its last '/' raised to '0'), returned as SQL on `path_column`
// ("" for any other viewer). ANDed in front of operation_visible_sql, it names the same rows and lets the
// database search them by an index on the path (monitor_operations_system_path). The column must compare byte by
// byte (SQLite's BINARY; on PostgreSQL COLLATE "C", migration 0403).
std::string operation_path_range_sql(const Viewer& viewer, const std::string& path_column);
// Service modules of a unit (the EDATA row of the matrix).
std::string service_visible_sql(const Viewer& viewer, const std::string& system_column, const std::string& path_column);
// Incidents: a file incident is visible with the operation it is about (at unit_path) or with the export
// behind it (at peer_path); a service incident with the service.
std::string incident_visible_sql(const Viewer& viewer);

}  // namespace hq::monitor
