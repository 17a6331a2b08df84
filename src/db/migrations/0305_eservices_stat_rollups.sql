-- Online public services over a million dossiers (docs/performance.md): the statistics read counters kept on
-- every transition instead of the dossiers; two partial indexes for the open dossiers' lists and statistics.
-- Per Vietnam-local day (days since 1970-01-01, UTC+7) and per block of 16 days (day / 16), by unit and
-- procedure: dossiers received that day (and how many of them were ever returned for supplement), closed
-- that day as refused / on time / late (and how many of those had been returned for supplement).
-- src/eservices/stats_rollup.cpp keeps them; store::rebuild_stat_rollups fills them from the dossiers.
CREATE TABLE eservices_stat_days (
  day bigint NOT NULL,
  unit_id bigint NOT NULL,
  procedure_code text NOT NULL,
  received bigint NOT NULL DEFAULT 0,
  refused bigint NOT NULL DEFAULT 0,
  on_time bigint NOT NULL DEFAULT 0,
  late bigint NOT NULL DEFAULT 0,
  supplemented bigint NOT NULL DEFAULT 0,
  closed_supplemented bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, unit_id, procedure_code)
);
CREATE TABLE eservices_stat_blocks (
  block bigint NOT NULL,
  unit_id bigint NOT NULL,
  procedure_code text NOT NULL,
  received bigint NOT NULL DEFAULT 0,
  refused bigint NOT NULL DEFAULT 0,
  on_time bigint NOT NULL DEFAULT 0,
  late bigint NOT NULL DEFAULT 0,
  supplemented bigint NOT NULL DEFAULT 0,
  closed_supplemented bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (block, unit_id, procedure_code)
);
INSERT INTO eservices_stat_days (day, unit_id, procedure_code, received, refused, on_time, late, supplemented,
                                 closed_supplemented)
SELECT day, unit_id, procedure_code, SUM(received), SUM(refused), SUM(on_time), SUM(late), SUM(supplemented),
       SUM(closed_supplemented)
FROM (SELECT (received_at + 25200) / 86400 AS day, unit_id, procedure_code, 1 AS received, 0 AS refused,
             0 AS on_time, 0 AS late, CASE WHEN supplements > 0 THEN 1 ELSE 0 END AS supplemented,
             0 AS closed_supplemented
      FROM eservices_dossiers
      UNION ALL
      SELECT (closed_at + 25200) / 86400, unit_id, procedure_code, 0,
             CASE WHEN status = 'REFUSED' THEN 1 ELSE 0 END,
             CASE WHEN status <> 'REFUSED' AND closed_at <= due_at THEN 1 ELSE 0 END,
             CASE WHEN status <> 'REFUSED' AND closed_at > due_at THEN 1 ELSE 0 END, 0,
             CASE WHEN supplements > 0 THEN 1 ELSE 0 END
      FROM eservices_dossiers WHERE closed_at IS NOT NULL) x
GROUP BY day, unit_id, procedure_code;
INSERT INTO eservices_stat_blocks (block, unit_id, procedure_code, received, refused, on_time, late, supplemented,
                                   closed_supplemented)
SELECT day / 16, unit_id, procedure_code, SUM(received), SUM(refused), SUM(on_time), SUM(late), SUM(supplemented),
       SUM(closed_supplemented)
FROM eservices_stat_days GROUP BY day / 16, unit_id, procedure_code;
-- "In progress" now: the open dossiers by unit and procedure with their reception and due times, read from
-- this index alone (the open-dossier index of 0302 would send every one of them to the table).
CREATE INDEX eservices_dossiers_open_stats ON eservices_dossiers(unit_path, unit_id, procedure_code, received_at, due_at)
  WHERE status NOT IN ('DONE', 'REFUSED');
-- The pool to claim (and any list of one open status) of a Chi cục holding many open dossiers: the status
-- first, then the unit scope and the order, without reading the table for each open dossier of the scope.
CREATE INDEX eservices_dossiers_open_status ON eservices_dossiers(status, unit_path, due_at, id)
  WHERE status NOT IN ('DONE', 'REFUSED');
-- "In progress" at the end of a past period: the dossiers closed after it.
CREATE INDEX eservices_dossiers_closed ON eservices_dossiers(closed_at) WHERE closed_at IS NOT NULL;
