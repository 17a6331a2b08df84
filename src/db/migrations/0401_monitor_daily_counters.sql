-- Files and bytes per local day (Vietnam, UTC+7: `day` is the day's first second), system, reporting unit and
-- operation, kept by the ingest with the running totals: the live board's "files today" and the daily summary
-- read these few rows instead of counting the day's operations in the ledger (which grows with history).
-- unit_path is the reporting unit's path (scope is a prefix match on it, as on monitor_operations).
CREATE TABLE monitor_daily_counters (
  day bigint NOT NULL,
  system text NOT NULL,
  unit_code text NOT NULL,
  unit_path text NOT NULL,
  op text NOT NULL,
  files bigint NOT NULL,
  bytes bigint NOT NULL,
  PRIMARY KEY (day, system, unit_code, op)
);
INSERT INTO monitor_daily_counters (day, system, unit_code, unit_path, op, files, bytes)
SELECT ((at + 25200) / 86400) * 86400 - 25200, system, unit_code, MIN(unit_path), op, COUNT(*), SUM(size)
FROM monitor_operations GROUP BY ((at + 25200) / 86400) * 86400 - 25200, system, unit_code, op;
