-- Amounts collected after the conclusion (seed 000 §2.4; issue 13 §3): each payment into the state budget with
-- its day and document. Form 19's «collected» column counts the amount collected at the conclusion in the
-- conclusion's period and each payment in the period it was paid.
CREATE TABLE audit_payments (
  id @ID@,
  proposal_id bigint NOT NULL REFERENCES audit_proposals(id),
  paid_on text NOT NULL,
  amount bigint NOT NULL,
  document text NOT NULL DEFAULT '',
  entered_by text NOT NULL,
  entered_at bigint NOT NULL
);
CREATE INDEX audit_payments_proposal ON audit_payments(proposal_id);
CREATE INDEX audit_payments_paid ON audit_payments(paid_on);
