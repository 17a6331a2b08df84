# The large generated ledger of the monitor benchmarks (scripts/bench-monitor.sh, scripts/bench-monitor-history.sh),
# sourced by them after bench-lib.sh. They set $backend (sqlite or postgresql) and $ledger (rows) first.
#   fill_ledger TARGET: $ledger operations over 30 days into TARGET (SQLite file or PostgreSQL URL) with their day
#   counters and one incident per 100 operations (2 % open), then ANALYZE.

# Set-based generation of the ledger ($1 rows) for $backend. Units are the demo's Chi cục, Cục and Tổng cục.
ledger_sql() {
  local rows=$1 numbers
  if [ "$backend" = sqlite ]; then
    numbers="WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $rows - 1),"
  else
    numbers="WITH n(i) AS (SELECT generate_series(0::bigint, $rows - 1)),"
  fi
  local now; now=$(date +%s)
  cat <<SQL
$numbers
us AS (SELECT id, code, path, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM units WHERE level IN ('CHI_CUC', 'CUC', 'TONG_CUC')),
c AS (SELECT COUNT(*) AS n FROM us)
INSERT INTO monitor_operations (unit_id, event_id, system, op, unit_code, unit_path, peer_unit_code, batch_id, file_name,
  size, sha256, version, at, automatic, error, agent_id, received_at)
SELECT us.id, 'gen-' || n.i,
  CASE n.i % 6 WHEN 0 THEN 'SLXNK' WHEN 1 THEN 'GTT22' WHEN 2 THEN 'QLRR' WHEN 3 THEN 'VICUM' WHEN 4 THEN 'KT559' ELSE 'EDATA' END,
  CASE (n.i / 6) % 4 WHEN 0 THEN 'EXPORT' WHEN 1 THEN 'TRANSMIT' WHEN 2 THEN 'RECEIVE' ELSE 'UPDATE' END,
  us.code, us.path, '00', 'gen-' || (n.i / 100), 'f' || n.i || '.xml', 1000 + n.i % 5000, '', '1',
  $now - 60 - (n.i * 2592000) / $rows, 1, '', 0, $now - (n.i * 2592000) / $rows
FROM n JOIN c ON 1 = 1 JOIN us ON us.k = n.i % c.n;
SQL
}

run_sql() {  # $1 database URL or file, stdin SQL
  if [ "$backend" = sqlite ]; then sqlite3 "$1"; else psql -q -v ON_ERROR_STOP=1 "$1" >/dev/null; fi
}

fill_ledger() {  # $1 sqlite file or PostgreSQL URL
  local target=$1 rows=$ledger incidents=$((ledger / 100)) now; now=$(date +%s)
  ledger_sql "$rows" | run_sql "$target"
  # The day counters the ingest keeps beside the ledger (the board reads them).
  run_sql "$target" <<SQL
INSERT INTO monitor_daily_counters (day, system, unit_code, unit_path, op, files, bytes)
SELECT ((at + 25200) / 86400) * 86400 - 25200, system, unit_code, MIN(unit_path), op, COUNT(*), SUM(size)
FROM monitor_operations WHERE event_id LIKE 'gen-%' GROUP BY ((at + 25200) / 86400) * 86400 - 25200, system, unit_code, op
ON CONFLICT (day, system, unit_code, op) DO UPDATE SET files = monitor_daily_counters.files + excluded.files,
  bytes = monitor_daily_counters.bytes + excluded.bytes;
SQL
  local numbers
  if [ "$backend" = sqlite ]; then numbers="WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $incidents - 1),"
  else numbers="WITH n(i) AS (SELECT generate_series(0::bigint, $incidents - 1)),"; fi
  run_sql "$target" <<SQL
$numbers
us AS (SELECT code, path, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM units WHERE level IN ('CHI_CUC', 'CUC', 'TONG_CUC')),
c AS (SELECT COUNT(*) AS n FROM us)
INSERT INTO monitor_incidents (kind, system, unit_code, unit_path, peer_unit_code, peer_path, owner, occurrences,
  open_causes, status, opened_at, last_at, closed_at, closed_by, note, open_key)
SELECT 'FILE_NOT_RECEIVED', 'SLXNK', us.code, us.path, '00', '/1/', 'TXNK', 1 + n.i % 7, 0,
  CASE WHEN n.i % 50 = 0 THEN 'OPEN' ELSE 'CLOSED' END, $now - (n.i * 2592000) / $incidents,
  $now - (n.i * 2592000) / $incidents, CASE WHEN n.i % 50 = 0 THEN NULL ELSE $now - (n.i * 2592000) / $incidents + 600 END,
  CASE WHEN n.i % 50 = 0 THEN NULL ELSE 'system' END, NULL, CASE WHEN n.i % 50 = 0 THEN 'gen|' || n.i ELSE NULL END
FROM n JOIN c ON 1 = 1 JOIN us ON us.k = n.i % c.n;
SQL
  if [ "$backend" = sqlite ]; then sqlite3 "$target" "ANALYZE"; else psql -q "$target" -c "ANALYZE" >/dev/null; fi
}

