-- A proposal is entered within one working day of its paper approval (seed 000 §2.2; issue 13 §3): the day the
-- paper proposal was approved, the entry's due day and the late flag, as decisions and conclusions have.
-- Proposals entered before this migration have no paper date and are not late.
ALTER TABLE audit_proposals ADD COLUMN paper_approved_on text NOT NULL DEFAULT '';
ALTER TABLE audit_proposals ADD COLUMN entry_due_on text NOT NULL DEFAULT '';
ALTER TABLE audit_proposals ADD COLUMN late bigint NOT NULL DEFAULT 0;
