-- An earlier pending proposal that blocks another unit's proposal (first come, first served, seed 000 §2.2)
-- escalates to the leader of the unit above both after N working days (setting audit.escalation_working_days,
-- on the platform calendar) instead of blocking forever (issue 13 §3). One row per (blocked, blocking) pair,
-- opened when the later proposal is submitted; the higher leader decides PROCEED (the later proposal may be
-- approved past that earlier one) or KEEP (the block stays until the earlier one is decided). Whether a WAITING
-- row is due is computed on every read, so a day off entered later moves it.
CREATE TABLE audit_escalations (
  id @ID@,
  blocked_id bigint NOT NULL REFERENCES audit_proposals(id),
  blocking_id bigint NOT NULL REFERENCES audit_proposals(id),
  unit_id bigint NOT NULL REFERENCES units(id),
  blocked_since bigint NOT NULL,
  status text NOT NULL DEFAULT 'WAITING',
  decided_by text NOT NULL DEFAULT '',
  decided_at bigint,
  note text NOT NULL DEFAULT '',
  UNIQUE (blocked_id, blocking_id)
);
CREATE INDEX audit_escalations_status ON audit_escalations(status, unit_id);
CREATE INDEX audit_escalations_blocking ON audit_escalations(blocking_id);
-- What a unit is told (its audit users read them): another unit proposed an enterprise it has an open item for,
-- an escalation about its proposal was decided, the level above chases its reconciliation of forms 19/20.
CREATE TABLE audit_notices (
  id @ID@,
  unit_id bigint NOT NULL REFERENCES units(id),
  kind text NOT NULL,
  entity_type text NOT NULL,
  entity_id bigint NOT NULL,
  message text NOT NULL,
  created_at bigint NOT NULL,
  read_by text NOT NULL DEFAULT '',
  read_at bigint
);
CREATE INDEX audit_notices_unit ON audit_notices(unit_id, created_at);
