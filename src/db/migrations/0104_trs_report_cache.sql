-- The stored study's report, kept ready (issue 12 §4: the report of 1,000,000 stored records under 3 s).
-- data_version: bumped in the same transaction as every write that changes what the report reads (records,
-- study settings and branches, agencies' returns, border checks). trs_report_cache holds the report's JSON per
-- study and branch scope ('*' = every branch, else the visible codes, comma-separated), valid only while the
-- study's data_version, the follow-up limit (it moves with the working-day calendar) and the report format
-- of the build (`format`) are those it was computed under; a report computed while a write commits is stored
-- only if data_version has not moved (INSERT … SELECT … WHERE), so a stale report is never kept as current.
ALTER TABLE trs_studies ADD COLUMN data_version bigint NOT NULL DEFAULT 0;
CREATE TABLE trs_report_cache (
  study_id bigint NOT NULL REFERENCES trs_studies(id),
  scope text NOT NULL,
  data_version bigint NOT NULL,
  follow_up_limit bigint NOT NULL,
  format text NOT NULL,
  body text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (study_id, scope)
);
