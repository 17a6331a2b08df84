-- Platform: units, accounts, roles, sessions, account requests (form 01), calendar, settings, history.
CREATE TABLE units (
  id @ID@,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  level text NOT NULL,
  parent_id bigint REFERENCES units(id),
  path text NOT NULL,
  valid_from text,
  valid_to text,
  created_at bigint NOT NULL
);
CREATE INDEX units_path ON units(path);
CREATE TABLE accounts (
  id @ID@,
  username text NOT NULL UNIQUE,
  kind text NOT NULL DEFAULT 'OFFICER',
  tax_code text,
  full_name text NOT NULL,
  officer_number text,
  position text,
  phone text,
  email text,
  search_text text NOT NULL DEFAULT '',
  unit_id bigint NOT NULL REFERENCES units(id),
  password_hash text NOT NULL,
  password_change_required bigint NOT NULL DEFAULT 1,
  temporary_password_issued_at bigint,
  status text NOT NULL DEFAULT 'ACTIVE',
  failed_logins bigint NOT NULL DEFAULT 0,
  locked_until bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX accounts_unit ON accounts(unit_id);
CREATE TABLE account_roles (
  account_id bigint NOT NULL REFERENCES accounts(id),
  role text NOT NULL,
  PRIMARY KEY (account_id, role)
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id),
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);
CREATE TABLE account_requests (
  id @ID@,
  kind text NOT NULL,
  unit_id bigint NOT NULL REFERENCES units(id),
  username text NOT NULL,
  full_name text,
  roles text NOT NULL DEFAULT '',
  reason text NOT NULL,
  status text NOT NULL,
  proposed_by bigint NOT NULL REFERENCES accounts(id),
  decided_by bigint REFERENCES accounts(id),
  decision_comment text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE TABLE calendar_adjustments (
  id @ID@,
  day text NOT NULL UNIQUE,
  working bigint NOT NULL,
  name text NOT NULL
);
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE history (
  id @ID@,
  at bigint NOT NULL,
  account_id bigint,
  username text NOT NULL,
  unit_code text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  summary text NOT NULL,
  client_address text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX history_entity ON history(entity_type, entity_id);
CREATE TABLE history_head (
  id bigint PRIMARY KEY,
  last_id bigint NOT NULL,
  last_hash text NOT NULL,
  touched_at bigint NOT NULL
);
INSERT INTO history_head (id, last_id, last_hash, touched_at) VALUES (1, 0, '', 0);
