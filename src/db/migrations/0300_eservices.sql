-- Online public services (HQ36a, seed 002): procedure settings (the annex itself is compiled in), applicants,
-- trust anchors, CRLs, registered certificates, documents (stored once per SHA-256), dossiers with their
-- steps, assignment configuration, payments, results and the server's signing identity, helpdesk requests.
CREATE TABLE eservices_procedure_settings (
  code text PRIMARY KEY,
  processing_days bigint NOT NULL,
  fee bigint NOT NULL,
  documents text NOT NULL,
  result_form text NOT NULL,
  updated_by text NOT NULL,
  updated_at bigint NOT NULL
);
CREATE TABLE eservices_applicants (
  account_id bigint PRIMARY KEY REFERENCES accounts(id),
  kind text NOT NULL,
  tax_code text,
  id_number text,
  name text NOT NULL,
  created_at bigint NOT NULL
);
CREATE UNIQUE INDEX eservices_applicants_tax_code ON eservices_applicants(tax_code);
CREATE TABLE eservices_trust_anchors (
  id @ID@,
  fingerprint text NOT NULL UNIQUE,
  subject text NOT NULL,
  pem text NOT NULL,
  created_by text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE eservices_crls (
  id @ID@,
  issuer text NOT NULL,
  this_update bigint NOT NULL,
  revoked bigint NOT NULL,
  pem text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE eservices_certificates (
  id @ID@,
  account_id bigint NOT NULL REFERENCES accounts(id),
  fingerprint text NOT NULL UNIQUE,
  serial text NOT NULL,
  subject text NOT NULL,
  issuer text NOT NULL,
  tax_code text NOT NULL,
  not_before bigint NOT NULL,
  not_after bigint NOT NULL,
  pem text NOT NULL,
  status text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX eservices_certificates_account ON eservices_certificates(account_id);
CREATE TABLE eservices_blobs (
  sha256 @TEXT_C@ PRIMARY KEY,
  size bigint NOT NULL,
  content_base64 text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE eservices_assignment (
  unit_code text NOT NULL,
  procedure_code text NOT NULL,
  mode bigint NOT NULL,
  officers text NOT NULL,
  updated_by text NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (unit_code, procedure_code)
);
CREATE TABLE eservices_dossiers (
  id @ID@,
  number text NOT NULL UNIQUE,
  procedure_code text NOT NULL,
  unit_id bigint NOT NULL REFERENCES units(id),
  unit_path text NOT NULL,
  applicant_id bigint NOT NULL REFERENCES accounts(id),
  status text NOT NULL,
  mode bigint NOT NULL,
  holder text NOT NULL,
  assignee text,
  officer text,
  submitted_at bigint NOT NULL,
  received_at bigint NOT NULL,
  due_at bigint NOT NULL,
  paused_at bigint,
  missing text NOT NULL DEFAULT '',
  fee bigint NOT NULL DEFAULT 0,
  paid_at bigint,
  receipt_no text,
  result_number text,
  closed_at bigint,
  version bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX eservices_dossiers_unit ON eservices_dossiers(unit_path, status, due_at);
CREATE INDEX eservices_dossiers_applicant ON eservices_dossiers(applicant_id, id);
CREATE INDEX eservices_dossiers_assignee ON eservices_dossiers(assignee, status);
CREATE TABLE eservices_documents (
  id @ID@,
  dossier_id bigint NOT NULL REFERENCES eservices_dossiers(id),
  round bigint NOT NULL,
  name text NOT NULL,
  sha256 @TEXT_C@ NOT NULL REFERENCES eservices_blobs(sha256),
  size bigint NOT NULL,
  signature_base64 text,
  signature_valid bigint,
  signer_tax_code text,
  signer_serial text,
  created_at bigint NOT NULL
);
CREATE INDEX eservices_documents_dossier ON eservices_documents(dossier_id);
CREATE TABLE eservices_steps (
  id @ID@,
  dossier_id bigint NOT NULL REFERENCES eservices_dossiers(id),
  at bigint NOT NULL,
  username text NOT NULL,
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  comment text NOT NULL DEFAULT '',
  details text NOT NULL DEFAULT '{}'
);
CREATE INDEX eservices_steps_dossier ON eservices_steps(dossier_id, id);
CREATE TABLE eservices_payments (
  order_id text PRIMARY KEY,
  dossier_id bigint NOT NULL REFERENCES eservices_dossiers(id),
  amount bigint NOT NULL,
  status text NOT NULL,
  transaction_id text,
  created_at bigint NOT NULL,
  paid_at bigint
);
CREATE TABLE eservices_results (
  number text PRIMARY KEY,
  dossier_id bigint NOT NULL UNIQUE REFERENCES eservices_dossiers(id),
  issued_at bigint NOT NULL,
  issued_by text NOT NULL,
  sha256 text NOT NULL,
  content_base64 text NOT NULL,
  signature_base64 text NOT NULL,
  certificate_pem text NOT NULL
);
CREATE TABLE eservices_signing_keys (
  id @ID@,
  key_pem text NOT NULL,
  certificate_pem text NOT NULL,
  created_by text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE eservices_helpdesk (
  id @ID@,
  account_id bigint NOT NULL REFERENCES accounts(id),
  unit_id bigint NOT NULL REFERENCES units(id),
  unit_path text NOT NULL,
  scope text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL,
  answer text,
  answered_by text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX eservices_helpdesk_unit ON eservices_helpdesk(unit_path, status);
