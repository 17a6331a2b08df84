-- Online public services: the server's CRL refresh job (src/eservices/crl_job.h) keeps, per distribution
-- point, what its last attempt did — installed a newer CRL, found the same one, or failed and why — with the
-- number of failures in a row, so the administrator's trust store page shows a point that stopped answering.
CREATE TABLE eservices_crl_sources (
  url text PRIMARY KEY,
  issuer text,
  outcome text NOT NULL,
  error text,
  failures bigint NOT NULL DEFAULT 0,
  last_attempt_at bigint NOT NULL,
  last_success_at bigint
);
