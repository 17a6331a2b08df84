-- The reporting calendar of forms 19/20 (seed 000 §2.5; issue 13 §3): periods with their due day, set by the
-- audit department. Units reconcile a period (audit_reconciliations, the period's form and dates) from two
-- working days before the due day; the level above chases those that have not (each chase recorded, and a
-- notice sent to the unit).
CREATE TABLE audit_report_periods (
  id @ID@,
  form text NOT NULL,
  period_from text NOT NULL,
  period_to text NOT NULL,
  due_on text NOT NULL,
  created_by text NOT NULL,
  created_at bigint NOT NULL,
  UNIQUE (form, period_from, period_to)
);
CREATE INDEX audit_report_periods_due ON audit_report_periods(due_on);
CREATE TABLE audit_report_chases (
  id @ID@,
  period_id bigint NOT NULL REFERENCES audit_report_periods(id),
  unit_id bigint NOT NULL REFERENCES units(id),
  chased_by text NOT NULL,
  chased_at bigint NOT NULL
);
CREATE INDEX audit_report_chases_period ON audit_report_chases(period_id, unit_id);
