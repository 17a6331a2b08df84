-- Audit (STQ02) risk-based selection (spec risk-selection.md): the declarations extract, versioned criteria
-- sets, runs with their ranked candidates, and the proposals created from candidates.
CREATE TABLE audit_declaration_lines (
  declaration_no bigint NOT NULL,
  line bigint NOT NULL,
  registered_at bigint NOT NULL,
  tax_code @TEXT_C@ NOT NULL,
  flow bigint NOT NULL,
  type_code text NOT NULL,
  office_code @TEXT_C@ NOT NULL,
  hs_code @TEXT_C@ NOT NULL,
  origin_country text NOT NULL,
  customs_value bigint NOT NULL,
  duty bigint NOT NULL,
  vat bigint NOT NULL,
  preferential bigint NOT NULL,
  channel bigint NOT NULL,
  amendments bigint NOT NULL,
  PRIMARY KEY (declaration_no, line)
) @WITHOUT_ROWID@;
CREATE INDEX audit_declaration_lines_enterprise ON audit_declaration_lines(tax_code, registered_at);
CREATE TABLE audit_risk_criteria_sets (
  id @ID@,
  name text NOT NULL,
  name_key @TEXT_C@ NOT NULL,
  version bigint NOT NULL,
  min_declarations bigint NOT NULL,
  material_value bigint NOT NULL,
  cutoff_audit double precision NOT NULL,
  cutoff_monitor double precision NOT NULL,
  indicators text NOT NULL,
  created_by text NOT NULL,
  created_at bigint NOT NULL,
  UNIQUE (name_key, version)
);
CREATE TABLE audit_risk_runs (
  id @ID@,
  criteria_set_id bigint NOT NULL REFERENCES audit_risk_criteria_sets(id),
  period_from text NOT NULL,
  period_to text NOT NULL,
  unit_code text NOT NULL DEFAULT '',
  unit_path text NOT NULL DEFAULT '',
  year bigint NOT NULL,
  evaluated bigint NOT NULL,
  candidates bigint NOT NULL,
  audit_count bigint NOT NULL,
  monitor_count bigint NOT NULL,
  fingerprint text NOT NULL,
  elapsed_ms bigint NOT NULL,
  created_by text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX audit_risk_runs_set ON audit_risk_runs(criteria_set_id);
CREATE TABLE audit_risk_candidates (
  run_id bigint NOT NULL REFERENCES audit_risk_runs(id),
  rank bigint NOT NULL,
  tax_code @TEXT_C@ NOT NULL,
  name text NOT NULL,
  score double precision NOT NULL,
  class text NOT NULL,
  excluded_reason text NOT NULL DEFAULT '',
  home_office text NOT NULL DEFAULT '',
  reasons text NOT NULL,
  PRIMARY KEY (run_id, rank)
);
CREATE INDEX audit_risk_candidates_class ON audit_risk_candidates(run_id, class, rank);
CREATE UNIQUE INDEX audit_risk_candidates_tax ON audit_risk_candidates(run_id, tax_code);
CREATE TABLE audit_risk_proposals (
  proposal_id bigint PRIMARY KEY REFERENCES audit_proposals(id),
  run_id bigint NOT NULL REFERENCES audit_risk_runs(id),
  tax_code text NOT NULL,
  score double precision NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX audit_risk_proposals_run ON audit_risk_proposals(run_id);
