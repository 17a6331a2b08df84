-- Monitoring of data transmission and service modules (seed 003, Decision 3035/QĐ-TCHQ).
-- Agents report operations (EXPORT/TRANSMIT/RECEIVE/UPDATE) and service states; the ledger keeps one row per
-- operation and one per file (both ends side by side); monitor_due is the due-time index reconciliation works
-- from (what must have happened by when), so no query ever walks the whole ledger.
CREATE TABLE monitor_agents (
  id @ID@,
  unit_id bigint NOT NULL REFERENCES units(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at bigint NOT NULL,
  last_seen_at bigint,
  revoked_at bigint
);
CREATE TABLE monitor_settings (
  system text PRIMARY KEY,
  receive_within_seconds bigint NOT NULL,
  update_within_seconds bigint NOT NULL,
  service_interval_seconds bigint NOT NULL,
  updated_by text NOT NULL,
  updated_at bigint NOT NULL
);
-- unit_path is the reporting unit's path when the event arrived: scope is a prefix match on it.
CREATE TABLE monitor_operations (
  id @ID@,
  unit_id bigint NOT NULL,
  event_id text NOT NULL,
  system text NOT NULL,
  op text NOT NULL,
  unit_code text NOT NULL,
  unit_path text NOT NULL,
  peer_unit_code text NOT NULL,
  batch_id text NOT NULL,
  file_name text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  version text NOT NULL,
  at bigint NOT NULL,
  automatic bigint NOT NULL,
  error text NOT NULL,
  agent_id bigint NOT NULL,
  received_at bigint NOT NULL,
  UNIQUE (unit_id, event_id)
);
CREATE INDEX monitor_operations_scope ON monitor_operations(unit_path, at);
CREATE INDEX monitor_operations_at ON monitor_operations(at);
CREATE INDEX monitor_operations_file ON monitor_operations(system, batch_id, file_name);
-- One row per file moving from sender to receiver: the four operations' figures side by side. `raised` lists
-- the incident kinds the file is currently counted in (",SIZE_MISMATCH,"), so an event decides what to raise
-- or clear without another query.
CREATE TABLE monitor_files (
  id @ID@,
  system text NOT NULL,
  sender_code text NOT NULL,
  sender_path text NOT NULL,
  receiver_code text NOT NULL,
  receiver_path text NOT NULL,
  receiver_level text NOT NULL,
  batch_id text NOT NULL,
  file_name text NOT NULL,
  exported_at bigint,
  export_size bigint,
  export_sha256 text,
  export_version text,
  automatic bigint,
  transmitted_at bigint,
  received_at bigint,
  receive_size bigint,
  receive_sha256 text,
  receive_version text,
  updated_at bigint,
  update_size bigint,
  update_error text,
  raised text NOT NULL DEFAULT '',
  UNIQUE (system, sender_code, receiver_code, batch_id, file_name)
);
CREATE INDEX monitor_files_receiver ON monitor_files(receiver_code, system);
-- The due-time index: kind RECEIVE (file exported, not yet received), UPDATE (received, not yet applied),
-- EXPORT (received but never reported exported), SILENT (service's next report expected by then).
CREATE TABLE monitor_due (
  kind text NOT NULL,
  subject_id bigint NOT NULL,
  due_at bigint NOT NULL,
  PRIMARY KEY (kind, subject_id)
);
CREATE INDEX monitor_due_at ON monitor_due(due_at);
-- open_key is kind|system|unit|peer while OPEN and NULL once closed: at most one open incident per group.
CREATE TABLE monitor_incidents (
  id @ID@,
  kind text NOT NULL,
  system text NOT NULL,
  unit_code text NOT NULL,
  unit_path text NOT NULL,
  peer_unit_code text NOT NULL,
  peer_path text NOT NULL,
  owner text NOT NULL,
  occurrences bigint NOT NULL,
  open_causes bigint NOT NULL,
  status text NOT NULL,
  opened_at bigint NOT NULL,
  last_at bigint NOT NULL,
  closed_at bigint,
  closed_by text,
  note text,
  open_key text UNIQUE
);
CREATE INDEX monitor_incidents_status ON monitor_incidents(status, opened_at);
-- What an incident counts: files (subject FILE) or services (SERVICE). cause = 0 for files that joined a
-- service incident by inhibition (they do not keep it open).
CREATE TABLE monitor_incident_links (
  id @ID@,
  incident_id bigint NOT NULL REFERENCES monitor_incidents(id),
  subject_type text NOT NULL,
  subject_id bigint NOT NULL,
  reason text NOT NULL,
  cause bigint NOT NULL,
  active bigint NOT NULL,
  linked_at bigint NOT NULL,
  cleared_at bigint
);
CREATE INDEX monitor_incident_links_subject ON monitor_incident_links(subject_type, subject_id, active);
CREATE INDEX monitor_incident_links_incident ON monitor_incident_links(incident_id, active);
CREATE TABLE monitor_services (
  id @ID@,
  unit_id bigint NOT NULL,
  unit_code text NOT NULL,
  unit_path text NOT NULL,
  system text NOT NULL,
  service text NOT NULL,
  ip text NOT NULL,
  status text NOT NULL,
  message text NOT NULL,
  reported_at bigint NOT NULL,
  changed_at bigint NOT NULL,
  silent bigint NOT NULL DEFAULT 0,
  raised text NOT NULL DEFAULT '',
  UNIQUE (unit_id, system, service)
);
CREATE TABLE monitor_service_history (
  id @ID@,
  service_id bigint NOT NULL REFERENCES monitor_services(id),
  status text NOT NULL,
  message text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX monitor_service_history_service ON monitor_service_history(service_id, at);
-- Running totals for /metrics (files and bytes per system, unit and operation).
CREATE TABLE monitor_counters (
  system text NOT NULL,
  unit_code text NOT NULL,
  op text NOT NULL,
  files bigint NOT NULL,
  bytes bigint NOT NULL,
  PRIMARY KEY (system, unit_code, op)
);
