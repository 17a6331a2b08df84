// Statistics from the counters kept per day and per block of 16 days (migration 0305): a period's figures are
// differences of two prefix sums, each a few blocks plus the days of one partial block; only "in progress"
// reads dossiers (the open ones, through their partial index).
#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

#include "db/row.h"
#include "eservices/stats_rollup.h"
#include "eservices/store.h"

namespace hq::eservices::store {

namespace {

using Key = std::pair<std::string, std::string>;  // unit code, procedure code
using Sums = std::map<Key, StatDelta>;

constexpr const char* kCounters[] = {"received", "refused", "on_time", "late", "supplemented", "closed_supplemented"};

std::int64_t StatDelta::*counter(std::size_t i) {
  static constexpr std::int64_t StatDelta::*members[] = {&StatDelta::received, &StatDelta::refused,
                                                         &StatDelta::on_time,  &StatDelta::late,
                                                         &StatDelta::supplemented, &StatDelta::closed_supplemented};
  return members[i];
}

// Adds the rows of `table` whose `column` is in [low, high) under the unit scope to `out`.
void add_rows(soci::session& sql, Sums& out, const std::string& table, const std::string& column, std::int64_t low,
              std::int64_t high, const std::string& prefix) {
  if (low >= high) return;
  const long long lo = low, hi = high;
  const std::string scope = prefix.empty() ? "/" : prefix;  // "/": every unit
  std::string select = "SELECT u.code AS unit_code, r.procedure_code";
  for (const char* c : kCounters) select += std::string(", SUM(r.") + c + ") AS " + c;
  select += " FROM " + table + " r JOIN units u ON u.id = r.unit_id WHERE r." + column + " >= :lo AND r." + column +
            " < :hi";
  select += " AND substr(u.path, 1, " + std::to_string(scope.size()) + ") = :p GROUP BY u.code, r.procedure_code";
  soci::rowset<soci::row> rows = (sql.prepare << select, soci::use(lo), soci::use(hi), soci::use(scope));
  for (const auto& row : rows) {
    auto& sums = out[{db::text_at(row, "unit_code"), db::text_at(row, "procedure_code")}];
    for (std::size_t i = 0; i < std::size(kCounters); ++i) sums.*counter(i) += db::int_at(row, kCounters[i]);
  }
}

// Every counter of the days before `day`.
Sums before_day(soci::session& sql, std::int64_t day, const std::string& prefix) {
  Sums out;
  const std::int64_t block = day >= 0 ? day / kStatBlockDays : 0;
  add_rows(sql, out, "eservices_stat_blocks", "block", 0, block, prefix);
  add_rows(sql, out, "eservices_stat_days", "day", block * kStatBlockDays, day, prefix);
  return out;
}

void upsert(soci::session& sql, const std::string& table, const std::string& key, std::int64_t key_value,
            const StatKey& k, const StatDelta& d) {
  const long long kv = key_value, unit = k.unit_id, received = d.received, refused = d.refused, on_time = d.on_time,
                  late = d.late, supplemented = d.supplemented, closed_supplemented = d.closed_supplemented;
  std::string set;
  for (const char* c : kCounters) set += std::string(set.empty() ? "" : ", ") + c + " = " + table + "." + c + " + excluded." + c;
  sql << "INSERT INTO " + table + " (" + key + ", unit_id, procedure_code, received, refused, on_time, late, "
         "supplemented, closed_supplemented) VALUES (:k, :u, :p, :r, :rf, :ot, :l, :s, :cs) "
         "ON CONFLICT (" + key + ", unit_id, procedure_code) DO UPDATE SET " + set,
      soci::use(kv), soci::use(unit), soci::use(k.procedure_code), soci::use(received), soci::use(refused),
      soci::use(on_time), soci::use(late), soci::use(supplemented), soci::use(closed_supplemented);
}

}  // namespace

void add_stat_counts(soci::session& sql, const std::map<StatKey, StatDelta>& changes) {
  std::map<StatKey, StatDelta> blocks;
  for (const auto& [k, d] : changes) {
    upsert(sql, "eservices_stat_days", "day", k.day, k, d);
    auto& b = blocks[{k.day / kStatBlockDays, k.unit_id, k.procedure_code}];
    for (std::size_t i = 0; i < std::size(kCounters); ++i) b.*counter(i) += d.*counter(i);
  }
  for (const auto& [k, d] : blocks)
    if (!d.zero()) upsert(sql, "eservices_stat_blocks", "block", k.day, k, d);
}

std::vector<StatCounts> stat_counts(soci::session& sql, const std::string& unit_path_prefix, std::int64_t from,
                                    std::int64_t to, std::int64_t now) {
  // S(day) = the counters of the days before `day`: the period is S(to) − S(from); what was still open at its
  // start is what was received before it less what was closed before it.
  const auto at_from = before_day(sql, local_day(from), unit_path_prefix);
  const auto at_to = before_day(sql, local_day(to), unit_path_prefix);
  std::map<Key, StatCounts> lines;
  for (const auto& [key, t] : at_to) {
    const auto found = at_from.find(key);
    const StatDelta f = found == at_from.end() ? StatDelta{} : found->second;
    auto& c = lines[key];
    c.received = t.received - f.received;
    c.refused = t.refused - f.refused;
    c.on_time = t.on_time - f.on_time;
    c.late = t.late - f.late;
    c.carried_over = f.received - f.refused - f.on_time - f.late;
    c.supplement = t.supplemented - f.closed_supplemented;
  }
  // In progress at min(to, now): received before `to` and not closed before it; overdue once past its due time.
  const auto range = scope_range(unit_path_prefix);
  const std::string &low = range.first, &high = range.second;
  const std::string path_prefix = unit_path_prefix.empty() ? "/" : unit_path_prefix;  // "/": every unit
  const long long t = to, cut = std::min(to, now);
  const auto in_progress = [&](const std::string& which, bool scope_as_range) {
    // The same units either way: every path under the prefix, byte for byte.
    const std::string scope = scope_as_range
                                  ? "d.unit_path >= :lo AND d.unit_path < :hi"
                                  : "substr(d.unit_path, 1, " + std::to_string(path_prefix.size()) + ") = :p";
    const std::string select =
        "SELECT u.code AS unit_code, g.* FROM (SELECT d.unit_id, d.procedure_code, "
        "SUM(CASE WHEN d.due_at >= :c1 THEN 1 ELSE 0 END) AS on_time, "
        "SUM(CASE WHEN d.due_at < :c2 THEN 1 ELSE 0 END) AS overdue FROM eservices_dossiers d "
        "WHERE " + which + " AND " + scope + " AND d.received_at < :t "
        "GROUP BY d.unit_id, d.procedure_code) g JOIN units u ON u.id = g.unit_id";
    soci::rowset<soci::row> rows =
        scope_as_range
            ? (sql.prepare << select, soci::use(cut), soci::use(cut), soci::use(low), soci::use(high), soci::use(t))
            : (sql.prepare << select, soci::use(cut), soci::use(cut), soci::use(path_prefix), soci::use(t));
    for (const auto& row : rows) {
      auto& c = lines[{db::text_at(row, "unit_code"), db::text_at(row, "procedure_code")}];
      c.in_progress_on_time += db::int_at(row, "on_time");
      c.in_progress_overdue += db::int_at(row, "overdue");
    }
  };
  in_progress("d.status NOT IN ('DONE', 'REFUSED')", true);  // the open dossiers' partial index
  // Closed after a past period's end: from that moment on in the closed dossiers' index, which holds every column
  // needed (0306). The scope is an expression here, so that no planner walks the unit index over every dossier of
  // the scope instead (SQLite did for the national scope: 2 s at 1,000,000 dossiers, docs/performance.md).
  if (to <= now) in_progress("d.closed_at >= " + std::to_string(t), false);
  std::vector<StatCounts> out;
  for (auto& [key, c] : lines) {
    if (!c.received && !c.carried_over && !c.in_progress_on_time && !c.in_progress_overdue) continue;
    c.unit_code = key.first;
    c.procedure_code = key.second;
    out.push_back(std::move(c));
  }
  return out;
}

void rebuild_stat_rollups(soci::session& sql) {
  sql << "DELETE FROM eservices_stat_days";
  sql << "DELETE FROM eservices_stat_blocks";
  sql << "INSERT INTO eservices_stat_days (day, unit_id, procedure_code, received, refused, on_time, late, "
         "supplemented, closed_supplemented) "
         "SELECT day, unit_id, procedure_code, SUM(received), SUM(refused), SUM(on_time), SUM(late), SUM(supplemented), "
         "SUM(closed_supplemented) FROM ("
         "SELECT (received_at + 25200) / 86400 AS day, unit_id, procedure_code, 1 AS received, 0 AS refused, "
         "0 AS on_time, 0 AS late, CASE WHEN supplements > 0 THEN 1 ELSE 0 END AS supplemented, 0 AS closed_supplemented "
         "FROM eservices_dossiers UNION ALL "
         "SELECT (closed_at + 25200) / 86400, unit_id, procedure_code, 0, CASE WHEN status = 'REFUSED' THEN 1 ELSE 0 END, "
         "CASE WHEN status <> 'REFUSED' AND closed_at <= due_at THEN 1 ELSE 0 END, "
         "CASE WHEN status <> 'REFUSED' AND closed_at > due_at THEN 1 ELSE 0 END, 0, "
         "CASE WHEN supplements > 0 THEN 1 ELSE 0 END FROM eservices_dossiers WHERE closed_at IS NOT NULL) x "
         "GROUP BY day, unit_id, procedure_code";
  sql << "INSERT INTO eservices_stat_blocks (block, unit_id, procedure_code, received, refused, on_time, late, "
         "supplemented, closed_supplemented) "
         "SELECT day / 16, unit_id, procedure_code, SUM(received), SUM(refused), SUM(on_time), SUM(late), "
         "SUM(supplemented), SUM(closed_supplemented) FROM eservices_stat_days GROUP BY day / 16, unit_id, procedure_code";
}

}  // namespace hq::eservices::store
