#include "monitor/scope.h"

#include <algorithm>

#include "core/error.h"

namespace hq::monitor {

namespace {

std::string in_list(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ",") + sql_literal(v);
  return "(" + out + ")";
}

std::string or_join(const std::vector<std::string>& terms) {
  if (terms.empty()) return "1 = 0";
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? "" : " OR ") + t;
  return "(" + out + ")";
}

// Ops of a row of the matrix as a condition on op_column (or on the fixed op): "" = never.
std::string ops_condition(const std::vector<std::string>& ops, const std::string& op_column,
                          const std::optional<std::string>& op) {
  if (op) return std::find(ops.begin(), ops.end(), *op) != ops.end() ? "1 = 1" : "";
  if (ops.empty()) return "";
  return ops.size() == operations().size() ? "1 = 1" : op_column + " IN " + in_list(ops);
}

std::string row_sql(const Viewer& v, const std::string& system, const std::string& op_column,
                    const std::string& path_column, const std::optional<std::string>& op) {
  const auto row = visible_operations(system, v.level);
  const std::string path = sql_literal(v.path);
  std::vector<std::string> parts;
  if (const auto own = ops_condition(row.own, op_column, op); !own.empty())
    parts.push_back("(" + path_column + " = " + path + " AND " + own + ")");
  if (const auto below = ops_condition(row.below, op_column, op); !below.empty())
    parts.push_back("(" + path_column + " LIKE " + sql_literal(v.path + "%") + " AND " + path_column + " <> " + path +
                    " AND " + below + ")");
  return parts.empty() ? "" : or_join(parts);
}

}  // namespace

std::string sql_literal(const std::string& value) {
  for (unsigned char c : value)
    if (!(std::isalnum(c) || c == '_' || c == '/' || c == '.' || c == ':' || c == '-' || c == '%' || c == '|'))
      throw core::Error(core::ErrorKind::BadInput, "INVALID_PARAMETER", "Giá trị «" + value + "» không hợp lệ.");
  return "'" + value + "'";
}

std::string operation_visible_sql(const Viewer& v, const std::string& system_column, const std::string& op_column,
                                  const std::string& path_column, const std::optional<std::string>& op) {
  if (v.everything) return "1 = 1";
  std::vector<std::string> terms;
  if (!v.owned.empty()) terms.push_back(system_column + " IN " + in_list(v.owned));
  if (v.level == Level::TongCuc) {
    terms.push_back(path_column + " LIKE " + sql_literal(v.path + "%"));
    return or_join(terms);
  }
  bool own_unit_only = v.owned.empty();
  for (const auto& system : systems()) {
    if (const auto row = row_sql(v, system, op_column, path_column, op); !row.empty())
      terms.push_back("(" + system_column + " = " + sql_literal(system) + " AND " + row + ")");
    own_unit_only = own_unit_only && visible_operations(system, v.level).below.empty();
  }
  // A Chi cục sees operations of its own unit only: every term names its path. Said once in front as well, it
  // lets the database find the rows through an index on the path (monitor_operations_scope) instead of reading
  // the whole ledger in time order to test each row (0.6 s for the history's capped total at a million).
  if (own_unit_only) return "(" + path_column + " = " + sql_literal(v.path) + " AND " + or_join(terms) + ")";
  return or_join(terms);
}

std::string operation_path_range_sql(const Viewer& v, const std::string& path_column) {
  if (v.everything || v.level != Level::Cuc || !v.owned.empty() || v.path.size() < 2 || v.path.back() != '/') return "";
  const std::string above = v.path.substr(0, v.path.size() - 1) + "0";  // '0' is the byte after '/'
  return path_column + " >= " + sql_literal(v.path) + " AND " + path_column + " < " + sql_literal(above);
}

std::string service_visible_sql(const Viewer& v, const std::string& system_column, const std::string& path_column) {
  if (v.everything) return "1 = 1";
  std::vector<std::string> terms;
  if (!v.owned.empty()) terms.push_back(system_column + " IN " + in_list(v.owned));
  if (v.level == Level::ChiCuc) terms.push_back(path_column + " = " + sql_literal(v.path));
  else terms.push_back(path_column + " LIKE " + sql_literal(v.path + "%"));
  return or_join(terms);
}

std::string incident_visible_sql(const Viewer& v) {
  if (v.everything) return "1 = 1";
  const auto sender_side = operation_visible_sql(v, "system", "", "peer_path", std::string("EXPORT"));
  const std::string service_kinds = in_list({"SERVICE_STOPPED", "SERVICE_ERROR", "SERVICE_SILENT"});
  const std::string update_kinds = in_list({"FILE_NOT_APPLIED", "UPDATE_ERROR"});
  return "((kind IN " + service_kinds + " AND " + service_visible_sql(v, "system", "unit_path") + ") OR (kind IN " +
         update_kinds + " AND (" + operation_visible_sql(v, "system", "", "unit_path", std::string("UPDATE")) +
         " OR " + sender_side + ")) OR (kind NOT IN " + service_kinds + " AND kind NOT IN " + update_kinds + " AND (" +
         operation_visible_sql(v, "system", "", "unit_path", std::string("RECEIVE")) + " OR " + sender_side + ")))";
}

}  // namespace hq::monitor
