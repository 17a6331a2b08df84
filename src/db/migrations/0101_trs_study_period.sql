-- A study may be shorter than the week (the seed's half-day pilot): the sampled period's first and last
-- instant (UTC seconds), NULL = the week's Monday 00:00 / Saturday 24:00 local.
ALTER TABLE trs_studies ADD COLUMN period_start bigint;
ALTER TABLE trs_studies ADD COLUMN period_end bigint;
