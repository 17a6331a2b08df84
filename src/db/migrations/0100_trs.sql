-- Time release study (trs): studies, their participating branches, and the stored records (one row per
-- declaration, keyed by the study and the first 11 digits of the declaration number; a re-import replaces).
-- `cells` is the whole record in the compact form of trs/study_rules.h (format 1): the columns of the engine's
-- column table in order, tab-separated, trailing empty cells dropped; times as UTC seconds, enums as their
-- index, lists as bit sets, text with \\ \t \n \r escaped. The typed columns beside it serve lists, scoping
-- and follow-up queries without decoding.
CREATE TABLE trs_studies (
  id @ID@,
  name text NOT NULL,
  year bigint NOT NULL,
  week_start text NOT NULL,
  excluded_type_codes text NOT NULL DEFAULT '',
  world_bank_branches text NOT NULL DEFAULT '',
  follow_up_days bigint NOT NULL DEFAULT 30,
  created_by text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE TABLE trs_study_branches (
  study_id bigint NOT NULL REFERENCES trs_studies(id),
  branch_code text NOT NULL,
  route text NOT NULL,
  PRIMARY KEY (study_id, branch_code)
);
CREATE TABLE trs_records (
  study_id bigint NOT NULL REFERENCES trs_studies(id),
  declaration_key bigint NOT NULL,
  declaration_no text NOT NULL,
  flow text NOT NULL,
  branch_code text NOT NULL,
  channel text NOT NULL DEFAULT '',
  registered_at bigint,
  released_at bigint,
  line bigint NOT NULL DEFAULT 0,
  cells_format bigint NOT NULL DEFAULT 1,
  cells text NOT NULL,
  updated_by text NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (study_id, declaration_key)
);
CREATE INDEX trs_records_branch ON trs_records(study_id, branch_code);
