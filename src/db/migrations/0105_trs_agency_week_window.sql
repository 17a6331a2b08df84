-- The window each agency samples in (seed 004 §B.II.3, lines 58–62 and 342–346): the specialised-inspection
-- agencies collect the registrations for inspection from one to two working weeks before the measurement week
-- to its end (AGENCY, the study's agency_weeks_before); the border guard and the health quarantine (Kiểm dịch
-- y tế, under Cục Y tế dự phòng) collect in the six working days of the week itself (WEEK).
ALTER TABLE trs_agencies ADD COLUMN sampling_window text NOT NULL DEFAULT 'AGENCY';
UPDATE trs_agencies SET sampling_window = 'WEEK' WHERE code IN ('BDBP', 'YTDP');
UPDATE trs_agencies SET aliases = 'Kiểm dịch y tế|Trung tâm Kiểm dịch y tế quốc tế' WHERE code = 'YTDP' AND aliases = '';
