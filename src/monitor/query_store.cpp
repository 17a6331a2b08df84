// The lists: operations, transfers (batches with both ends' figures), incidents, services. Each builds one
// SELECT … FROM … WHERE with the caller's scope predicate; paging and counting wrap it.
#include "monitor/scope.h"
#include "monitor/store.h"

namespace hq::monitor::store {

namespace {

std::string equals(const std::string& column, const std::string& value) {
  return value.empty() ? "" : " AND " + column + " = " + sql_literal(value);
}

std::string between(const std::string& column, const Filter& f) {
  std::string out;
  if (f.from) out += " AND " + column + " >= " + std::to_string(*f.from);
  if (f.to) out += " AND " + column + " < " + std::to_string(*f.to);
  return out;
}

}  // namespace

void each_row(soci::session& sql, const std::string& query, const RowFn& fn) {
  soci::rowset<soci::row> rows = (sql.prepare << query);
  for (const auto& row : rows) fn(row);
}

void each_page_row(soci::session& sql, const std::string& query, const std::string& order, const Filter& f,
                   const RowFn& fn) {
  each_row(sql, query + " ORDER BY " + order + " LIMIT " + std::to_string(f.limit) + " OFFSET " +
                    std::to_string(f.offset),
           fn);
}

std::int64_t count_rows(soci::session& sql, const std::string& query) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM (" + query + ") counted", soci::into(n);
  return n;
}

std::string operations_query(const std::string& scope, const Filter& f) {
  return "SELECT id, system, op, unit_code, peer_unit_code, batch_id, file_name, size, sha256, version, at, "
         "automatic, error FROM monitor_operations WHERE " + scope + equals("system", f.system) +
         equals("unit_code", f.unit) + equals("op", f.op) + equals("batch_id", f.batch) + between("at", f);
}

std::string before(const Before& b) {
  // `at <= A` is the range an index on (…, at) walks; the rest drops the rows of second A already shown.
  const auto at = std::to_string(b.at);
  return " AND at <= " + at + " AND (at < " + at + " OR id < " + std::to_string(b.id) + ")";
}

std::string transfers_query(const std::string& scope, const std::string& export_visible,
                            const std::string& receive_visible, const std::string& update_visible, const Filter& f) {
  const std::string unit = f.unit.empty() ? ""
                                          : " AND (sender_code = " + sql_literal(f.unit) +
                                                " OR receiver_code = " + sql_literal(f.unit) + ")";
  auto flag = [](const std::string& predicate) { return "MAX(CASE WHEN " + predicate + " THEN 1 ELSE 0 END)"; };
  auto count_if = [](const std::string& condition) {
    return "CAST(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END) AS bigint)";
  };
  return "SELECT system, sender_code, receiver_code, batch_id, MIN(COALESCE(exported_at, received_at)) AS started_at, "
         "MAX(received_at) AS last_received_at, MAX(updated_at) AS last_updated_at, " +
         count_if("exported_at IS NOT NULL") + " AS exported_files, " +
         count_if("exported_at IS NOT NULL AND automatic = 1") + " AS auto_files, " +
         "CAST(SUM(COALESCE(export_size, 0)) AS bigint) AS exported_bytes, " + count_if("received_at IS NOT NULL") +
         " AS received_files, CAST(SUM(COALESCE(receive_size, 0)) AS bigint) AS received_bytes, " +
         count_if("updated_at IS NOT NULL AND COALESCE(update_error, '') = ''") +
         " AS updated_files, CAST(SUM(CASE WHEN COALESCE(update_error, '') = '' THEN COALESCE(update_size, 0) ELSE 0 "
         "END) AS bigint) AS updated_bytes, " +
         count_if("COALESCE(update_error, '') <> ''") + " AS update_errors, " + flag(export_visible) +
         " AS export_visible, " + flag(receive_visible) + " AS receive_visible, " + flag(update_visible) +
         " AS update_visible FROM monitor_files WHERE " + scope + equals("system", f.system) + equals("batch_id", f.batch) + unit +
         between("COALESCE(exported_at, received_at)", f) + " GROUP BY system, sender_code, receiver_code, batch_id";
}

std::string incidents_query(const std::string& scope, const Filter& f) {
  return "SELECT id, kind, system, unit_code, peer_unit_code, owner, occurrences, opened_at, last_at, closed_at, "
         "status, COALESCE(closed_by, '') AS closed_by, COALESCE(note, '') AS note FROM monitor_incidents WHERE " +
         scope + equals("system", f.system) + equals("status", f.status) + equals("kind", f.kind) +
         (f.unit.empty() ? "" : " AND (unit_code = " + sql_literal(f.unit) + " OR peer_unit_code = " +
                                    sql_literal(f.unit) + ")") +
         between("opened_at", f);
}

std::string services_query(const std::string& scope, const Filter& f) {
  return "SELECT id, unit_code, system, service, ip, status, message, reported_at, changed_at, silent "
         "FROM monitor_services WHERE " + scope + equals("system", f.system) + equals("unit_code", f.unit) +
         equals("status", f.status);
}

}  // namespace hq::monitor::store
