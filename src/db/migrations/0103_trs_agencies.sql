-- The agencies' part of a time release study (seed §B.II.2.2, issue 12 part 2).
-- trs_agencies: the agencies that return data, with their ministry (the agency → ministry table of the
-- per-ministry results). `aliases` are other spellings of the name as written in the records' ag1/ag2/qc
-- blocks, '|'-separated; names are matched without case and diacritics. kind: SCI (specialised inspection)
-- or BORDER_GUARD (interval 4.2, by vehicle and voyage).
CREATE TABLE trs_agencies (
  code text PRIMARY KEY,
  name text NOT NULL,
  ministry_code text NOT NULL,
  ministry_name text NOT NULL,
  kind text NOT NULL DEFAULT 'SCI',
  aliases text NOT NULL DEFAULT ''
);
INSERT INTO trs_agencies (code, name, ministry_code, ministry_name, kind, aliases) VALUES
  ('BVTV', 'Cục Bảo vệ thực vật', 'BNNPTNT', 'Bộ Nông nghiệp và Phát triển nông thôn', 'SCI', 'Chi cục Kiểm dịch thực vật vùng II'),
  ('TY', 'Cục Thú y', 'BNNPTNT', 'Bộ Nông nghiệp và Phát triển nông thôn', 'SCI', ''),
  ('QLCL', 'Cục Quản lý chất lượng nông lâm sản và thủy sản', 'BNNPTNT', 'Bộ Nông nghiệp và Phát triển nông thôn', 'SCI', 'Cục Quản lý chất lượng nông lâm thủy sản'),
  ('ATTP', 'Cục An toàn thực phẩm', 'BYT', 'Bộ Y tế', 'SCI', ''),
  ('YTDP', 'Cục Y tế dự phòng', 'BYT', 'Bộ Y tế', 'SCI', ''),
  ('DK', 'Cục Đăng kiểm Việt Nam', 'BGTVT', 'Bộ Giao thông vận tải', 'SCI', 'Cục Đăng kiểm'),
  ('TCDLCL', 'Tổng cục Tiêu chuẩn Đo lường Chất lượng', 'BKHCN', 'Bộ Khoa học và Công nghệ', 'SCI', 'Tổng cục TCĐLCL|Trung tâm Kỹ thuật 3'),
  ('BDBP', 'Bộ đội Biên phòng (Cục Cửa khẩu)', 'BQP', 'Bộ Quốc phòng', 'BORDER_GUARD', 'Bộ đội Biên phòng');

-- Which agency an agency user (role trs.agency) answers for, per study: the scope of their entry and import.
CREATE TABLE trs_agency_members (
  study_id bigint NOT NULL REFERENCES trs_studies(id),
  username text NOT NULL,
  agency_code text NOT NULL REFERENCES trs_agencies(code),
  added_by text NOT NULL,
  added_at bigint NOT NULL,
  PRIMARY KEY (study_id, username)
);

-- An agency's returned times per registration (one row per study, agency and declaration — first 11 digits).
CREATE TABLE trs_agency_returns (
  study_id bigint NOT NULL REFERENCES trs_studies(id),
  agency_code text NOT NULL REFERENCES trs_agencies(code),
  declaration_key bigint NOT NULL,
  declaration_no text NOT NULL,
  registration_no text NOT NULL DEFAULT '',
  result_no text NOT NULL DEFAULT '',
  registered_at bigint,
  sampling_at bigint,
  result_at bigint,
  handed_over_at bigint,
  line bigint NOT NULL DEFAULT 0,
  updated_by text NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (study_id, agency_code, declaration_key)
);

-- The border guard's checks (interval 4.2) per means of transport: vehicle (ship, aircraft, truck plate)
-- and voyage ('' when none), stored folded (upper case, single spaces) as the matching key.
CREATE TABLE trs_border_checks (
  study_id bigint NOT NULL REFERENCES trs_studies(id),
  agency_code text NOT NULL REFERENCES trs_agencies(code),
  vehicle text NOT NULL,
  voyage text NOT NULL DEFAULT '',
  check_start_at bigint,
  check_end_at bigint,
  line bigint NOT NULL DEFAULT 0,
  updated_by text NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (study_id, vehicle, voyage)
);
