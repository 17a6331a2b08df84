-- Online public services: refusal letters drafted by the officer and issued on the leaders' approval
-- (art. 9.1.a), the dispatch of paper results (art. 11.2), and CRLs kept one per issuer with their next
-- update and where they came from (installed by the administrator or fetched by `eservices refresh-crls`).
ALTER TABLE eservices_crls ADD COLUMN next_update bigint;
ALTER TABLE eservices_crls ADD COLUMN source text NOT NULL DEFAULT 'UPLOAD';
CREATE TABLE eservices_letters (
  id @ID@,
  dossier_id bigint NOT NULL REFERENCES eservices_dossiers(id),
  kind text NOT NULL,
  number text UNIQUE,
  reason text NOT NULL,
  body text NOT NULL,
  status text NOT NULL,
  drafted_by text NOT NULL,
  drafted_at bigint NOT NULL,
  decided_by text,
  decided_at bigint
);
CREATE INDEX eservices_letters_dossier ON eservices_letters(dossier_id);
CREATE TABLE eservices_dispatches (
  id @ID@,
  dossier_id bigint NOT NULL UNIQUE REFERENCES eservices_dossiers(id),
  method text NOT NULL,
  reference text NOT NULL,
  note text NOT NULL,
  dispatched_by text NOT NULL,
  dispatched_at bigint NOT NULL
);
