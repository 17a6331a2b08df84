-- The due-time index as a WITHOUT ROWID table: its primary key (kind, subject_id) is the table itself, so an
-- export's due entry is written into two B-trees (the table and monitor_due_at) instead of three (the rowid table,
-- the primary key's automatic index and monitor_due_at). monitor_due_at then holds the key too: take_due reads the
-- due entries from it alone. Nothing refers to monitor_due; the rows are copied as they are.
CREATE TABLE monitor_due_keyed (
  kind text NOT NULL,
  subject_id bigint NOT NULL,
  due_at bigint NOT NULL,
  PRIMARY KEY (kind, subject_id)
) WITHOUT ROWID;
INSERT INTO monitor_due_keyed (kind, subject_id, due_at) SELECT kind, subject_id, due_at FROM monitor_due;
DROP TABLE monitor_due;
ALTER TABLE monitor_due_keyed RENAME TO monitor_due;
CREATE INDEX monitor_due_at ON monitor_due(due_at);
