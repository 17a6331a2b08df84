-- Information collection letters and rework (seed 000 §2.1; issue 13 §3): the request letter's recipient (the
-- customs declarant or an agency outside customs), its name, number and day; results returned to the officer
-- for rework with the leader's opinion (RESULT_SUBMITTED → APPROVED), by whom, when and how many times.
ALTER TABLE audit_collections ADD COLUMN recipient_kind text NOT NULL DEFAULT '';
ALTER TABLE audit_collections ADD COLUMN recipient_name text NOT NULL DEFAULT '';
ALTER TABLE audit_collections ADD COLUMN letter_number text NOT NULL DEFAULT '';
ALTER TABLE audit_collections ADD COLUMN letter_on text NOT NULL DEFAULT '';
ALTER TABLE audit_collections ADD COLUMN rework_opinion text NOT NULL DEFAULT '';
ALTER TABLE audit_collections ADD COLUMN returned_by text NOT NULL DEFAULT '';
ALTER TABLE audit_collections ADD COLUMN returned_at bigint NOT NULL DEFAULT 0;
ALTER TABLE audit_collections ADD COLUMN rework_count bigint NOT NULL DEFAULT 0;
