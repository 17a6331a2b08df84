-- Online public services over a million dossiers (scripts/bench-eservices.sh; docs/performance.md).
-- Statistics count the dossiers returned for supplement without reading their steps: the dossier keeps
-- how many supplement requests it had (set from the steps already recorded).
ALTER TABLE eservices_dossiers ADD COLUMN supplements bigint NOT NULL DEFAULT 0;
UPDATE eservices_dossiers SET supplements = (SELECT COUNT(*) FROM eservices_steps s
  WHERE s.dossier_id = eservices_dossiers.id AND s.action = 'request-supplement');
-- The officer's inbox: the open dossiers of the units in scope, most urgent first.
CREATE INDEX eservices_dossiers_open ON eservices_dossiers(unit_path, due_at, id)
  WHERE status NOT IN ('DONE', 'REFUSED');
-- Lists over every status in the order of their due time (a scope holding most dossiers reads this in order).
CREATE INDEX eservices_dossiers_due ON eservices_dossiers(due_at, id);
-- A year's statistics: the dossiers received before the end of the period, by unit.
CREATE INDEX eservices_dossiers_received ON eservices_dossiers(received_at);
