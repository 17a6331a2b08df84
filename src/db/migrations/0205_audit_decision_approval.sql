-- Leaders approve audit decisions (seed 000 §1.3; issue 13 §3): a decision is ENTERED, then APPROVED by a
-- leader of its unit or above who did not enter it; forms 19/20 count approved decisions only. Decisions
-- entered before this migration were counted as they stood and stay APPROVED. Collection results record who
-- sent them, so that person never approves them.
ALTER TABLE audit_decisions ADD COLUMN status text NOT NULL DEFAULT 'APPROVED';
ALTER TABLE audit_decisions ADD COLUMN approved_by text NOT NULL DEFAULT '';
ALTER TABLE audit_decisions ADD COLUMN approved_at bigint NOT NULL DEFAULT 0;
ALTER TABLE audit_collections ADD COLUMN results_by text NOT NULL DEFAULT '';
