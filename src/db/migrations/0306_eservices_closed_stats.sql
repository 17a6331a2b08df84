-- "In progress" at the end of a past period (the dossiers received before it and closed after it) read from one
-- index alone. 0305's index on closed_at alone sent every dossier closed after the period's end to the table,
-- and SQLite preferred the unit index over the whole table for the national scope (2 s at 1,000,000 dossiers:
-- docs/performance.md); the statement now names the scope as an expression, so the walk starts here, at the
-- period's end, and reads nothing else.
DROP INDEX eservices_dossiers_closed;
CREATE INDEX eservices_dossiers_closed_stats
  ON eservices_dossiers(closed_at, unit_path, unit_id, procedure_code, received_at, due_at)
  WHERE closed_at IS NOT NULL;
