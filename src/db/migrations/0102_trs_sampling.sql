-- The seed's sampling design (§B.II.2): each study branch carries its interval (3) rule, FULL_WEEK or WED_FRI.
-- Studies set up before this keep FULL_WEEK (their records were collected and reported at 100 %); new
-- studies default to FULL_WEEK for road branches and WED_FRI for sea and air.
ALTER TABLE trs_study_branches ADD COLUMN sampling_rule text NOT NULL DEFAULT 'FULL_WEEK';
-- The specialised-inspection agencies' sampling window: from this many working weeks (1 or 2) before the
-- measurement week to its end.
ALTER TABLE trs_studies ADD COLUMN agency_weeks_before bigint NOT NULL DEFAULT 1;
