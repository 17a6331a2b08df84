-- STQ01 proposals and information collections carried over (seed 000, letter 7301/TCHQ-KTSTQ; issue 13 §3):
-- during the transition the duplicate search covers both systems. Imported rows live in the same tables as
-- STQ02's (so every duplicate rule finds them alike), marked source = 'STQ01' with their original STQ01 number
-- (the import is idempotent by it), who imported them and when. They are read-only in STQ02.
ALTER TABLE audit_proposals ADD COLUMN origin_number text NOT NULL DEFAULT '';
ALTER TABLE audit_proposals ADD COLUMN imported_by text NOT NULL DEFAULT '';
ALTER TABLE audit_proposals ADD COLUMN imported_at bigint NOT NULL DEFAULT 0;
ALTER TABLE audit_collections ADD COLUMN source text NOT NULL DEFAULT 'STQ02';
ALTER TABLE audit_collections ADD COLUMN origin_number text NOT NULL DEFAULT '';
ALTER TABLE audit_collections ADD COLUMN imported_by text NOT NULL DEFAULT '';
ALTER TABLE audit_collections ADD COLUMN imported_at bigint NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX audit_proposals_stq01 ON audit_proposals(origin_number) WHERE source = 'STQ01';
CREATE UNIQUE INDEX audit_collections_stq01 ON audit_collections(origin_number) WHERE source = 'STQ01';
