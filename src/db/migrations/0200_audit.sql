-- Audit (STQ02): enterprise directory, key enterprises, searches, information collection, audit proposals,
-- decisions, conclusions, penalties, complaints, deadlines, report reconciliations, feedback.
CREATE TABLE audit_enterprises (
  id @ID@,
  tax_code @TEXT_C@ NOT NULL UNIQUE,
  tax_kind text NOT NULL,
  name text NOT NULL,
  foreign_name text NOT NULL DEFAULT '',
  name_folded @TEXT_C@ NOT NULL,
  search_words text NOT NULL,
  address text NOT NULL DEFAULT '',
  legal_representative text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  established_on text NOT NULL DEFAULT '',
  charter_capital bigint NOT NULL DEFAULT 0,
  ownership text NOT NULL DEFAULT '',
  aeo_status text NOT NULL DEFAULT '',
  compliance_level bigint NOT NULL DEFAULT 0,
  profile text NOT NULL DEFAULT '{}',
  source text NOT NULL,
  created_by bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  lock_version bigint NOT NULL DEFAULT 0
);
CREATE INDEX audit_enterprises_name ON audit_enterprises(name_folded, id);
CREATE TABLE audit_enterprise_words (
  word @TEXT_C@ NOT NULL,
  enterprise_id bigint NOT NULL REFERENCES audit_enterprises(id),
  PRIMARY KEY (word, enterprise_id)
) @WITHOUT_ROWID@;
CREATE INDEX audit_enterprise_words_enterprise ON audit_enterprise_words(enterprise_id);
CREATE TABLE audit_enterprise_changes (
  id @ID@,
  enterprise_id bigint NOT NULL REFERENCES audit_enterprises(id),
  at bigint NOT NULL,
  username text NOT NULL,
  unit_code text NOT NULL,
  source text NOT NULL,
  changes text NOT NULL
);
CREATE INDEX audit_enterprise_changes_enterprise ON audit_enterprise_changes(enterprise_id, id);
CREATE TABLE audit_key_enterprises (
  id @ID@,
  enterprise_id bigint NOT NULL REFERENCES audit_enterprises(id),
  year bigint NOT NULL,
  reason text NOT NULL DEFAULT '',
  added_by text NOT NULL,
  added_at bigint NOT NULL,
  UNIQUE (enterprise_id, year)
);
CREATE INDEX audit_key_enterprises_year ON audit_key_enterprises(year);
CREATE TABLE audit_searches (
  id @ID@,
  token text NOT NULL UNIQUE,
  account_id bigint NOT NULL,
  tax_code text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE audit_counters (
  name text NOT NULL,
  year bigint NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (name, year)
);
CREATE TABLE audit_collections (
  id @ID@,
  number text NOT NULL,
  year bigint NOT NULL,
  enterprise_id bigint NOT NULL REFERENCES audit_enterprises(id),
  unit_id bigint NOT NULL REFERENCES units(id),
  signs text NOT NULL,
  risk_areas text NOT NULL,
  status text NOT NULL,
  paused_from text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  duplicate_count bigint NOT NULL DEFAULT 0,
  has_findings bigint NOT NULL DEFAULT 0,
  proposed_by text NOT NULL,
  proposed_at bigint NOT NULL,
  decided_by text NOT NULL DEFAULT '',
  approved_at bigint,
  rejected_at bigint,
  cancelled_at bigint,
  result_submitted_at bigint,
  result_approved_at bigint,
  updated_at bigint NOT NULL,
  UNIQUE (year, number)
);
CREATE INDEX audit_collections_enterprise ON audit_collections(enterprise_id, status);
CREATE INDEX audit_collections_unit ON audit_collections(unit_id, status, proposed_at);
CREATE TABLE audit_collection_results (
  id @ID@,
  collection_id bigint NOT NULL REFERENCES audit_collections(id),
  risk_area text NOT NULL,
  finding text NOT NULL,
  has_violation bigint NOT NULL DEFAULT 0,
  UNIQUE (collection_id, risk_area)
);
CREATE TABLE audit_proposals (
  id @ID@,
  number text NOT NULL,
  year bigint NOT NULL,
  enterprise_id bigint NOT NULL REFERENCES audit_enterprises(id),
  unit_id bigint NOT NULL REFERENCES units(id),
  place text NOT NULL,
  grounds_kind text NOT NULL,
  grounds text NOT NULL,
  period_from text NOT NULL,
  period_to text NOT NULL,
  status text NOT NULL,
  paused_from text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  duplicate_count bigint NOT NULL DEFAULT 0,
  counts_approved bigint NOT NULL DEFAULT 0,
  source text NOT NULL DEFAULT 'STQ02',
  proposed_by text NOT NULL,
  created_at bigint NOT NULL,
  submitted_at bigint,
  decided_by text NOT NULL DEFAULT '',
  approved_at bigint,
  rejected_at bigint,
  paused_at bigint,
  cancelled_at bigint,
  updated_at bigint NOT NULL,
  UNIQUE (year, number)
);
CREATE INDEX audit_proposals_enterprise ON audit_proposals(enterprise_id, status);
CREATE INDEX audit_proposals_unit ON audit_proposals(unit_id, status, submitted_at);
CREATE UNIQUE INDEX audit_proposals_one_approved ON audit_proposals(enterprise_id, year) WHERE counts_approved = 1;
CREATE TABLE audit_decisions (
  id @ID@,
  proposal_id bigint NOT NULL REFERENCES audit_proposals(id),
  kind text NOT NULL,
  number text NOT NULL,
  signed_on text NOT NULL,
  signer text NOT NULL DEFAULT '',
  team text NOT NULL DEFAULT '',
  start_on text NOT NULL,
  working_days bigint NOT NULL,
  end_on text NOT NULL,
  due_on text NOT NULL,
  late bigint NOT NULL,
  entered_by text NOT NULL,
  entered_at bigint NOT NULL
);
CREATE INDEX audit_decisions_proposal ON audit_decisions(proposal_id);
CREATE INDEX audit_decisions_signed ON audit_decisions(signed_on);
CREATE TABLE audit_conclusions (
  id @ID@,
  proposal_id bigint NOT NULL UNIQUE REFERENCES audit_proposals(id),
  number text NOT NULL,
  signed_on text NOT NULL,
  findings text NOT NULL DEFAULT '',
  declarations bigint NOT NULL DEFAULT 0,
  has_violation bigint NOT NULL DEFAULT 0,
  import_tax bigint NOT NULL DEFAULT 0,
  export_tax bigint NOT NULL DEFAULT 0,
  vat bigint NOT NULL DEFAULT 0,
  excise bigint NOT NULL DEFAULT 0,
  environment bigint NOT NULL DEFAULT 0,
  trade_remedy bigint NOT NULL DEFAULT 0,
  late_interest bigint NOT NULL DEFAULT 0,
  penalty bigint NOT NULL DEFAULT 0,
  collected bigint NOT NULL DEFAULT 0,
  status text NOT NULL,
  due_on text NOT NULL,
  late bigint NOT NULL,
  entered_by text NOT NULL,
  entered_at bigint NOT NULL,
  approved_by text NOT NULL DEFAULT '',
  approved_at bigint
);
CREATE INDEX audit_conclusions_signed ON audit_conclusions(signed_on);
CREATE TABLE audit_penalties (
  id @ID@,
  proposal_id bigint NOT NULL REFERENCES audit_proposals(id),
  number text NOT NULL,
  signed_on text NOT NULL,
  violation text NOT NULL,
  amount bigint NOT NULL,
  entered_by text NOT NULL,
  entered_at bigint NOT NULL
);
CREATE INDEX audit_penalties_proposal ON audit_penalties(proposal_id);
CREATE TABLE audit_complaints (
  id @ID@,
  proposal_id bigint NOT NULL REFERENCES audit_proposals(id),
  filed_on text NOT NULL,
  content text NOT NULL,
  status text NOT NULL,
  decided_on text NOT NULL DEFAULT '',
  outcome text NOT NULL DEFAULT '',
  entered_by text NOT NULL,
  entered_at bigint NOT NULL
);
CREATE INDEX audit_complaints_proposal ON audit_complaints(proposal_id);
CREATE TABLE audit_deadlines (
  id @ID@,
  unit_id bigint NOT NULL REFERENCES units(id),
  kind text NOT NULL,
  entity_type text NOT NULL,
  entity_id bigint NOT NULL,
  label text NOT NULL,
  due_on text NOT NULL,
  done_at bigint,
  late bigint NOT NULL DEFAULT 0,
  UNIQUE (kind, entity_type, entity_id)
);
CREATE INDEX audit_deadlines_unit ON audit_deadlines(unit_id, due_on);
CREATE TABLE audit_reconciliations (
  id @ID@,
  unit_id bigint NOT NULL REFERENCES units(id),
  form text NOT NULL,
  period_from text NOT NULL,
  period_to text NOT NULL,
  note text NOT NULL DEFAULT '',
  signed_by text NOT NULL,
  signed_at bigint NOT NULL,
  UNIQUE (unit_id, form, period_from, period_to)
);
CREATE TABLE audit_feedback (
  id @ID@,
  unit_id bigint NOT NULL REFERENCES units(id),
  username text NOT NULL,
  function_name text NOT NULL,
  proposal text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'NEW',
  created_at bigint NOT NULL
);
CREATE INDEX audit_feedback_unit ON audit_feedback(unit_id, created_at);
