-- Reference code sets shipped in data/ (see data/PROVENANCE.md). Loaded on
-- start and reloaded when a file's checksum changes (reference_version).
-- Portable SQL: the same text runs on SQLite and PostgreSQL.

CREATE TABLE reference_version (
  code_set    TEXT PRIMARY KEY,
  file_name   TEXT NOT NULL,
  checksum    TEXT NOT NULL,
  row_count   INTEGER NOT NULL,
  loaded_at   TEXT NOT NULL
);

CREATE TABLE county (
  county_fips TEXT PRIMARY KEY CHECK (length(county_fips) = 5),
  name        TEXT NOT NULL
);

-- Regions are data: a scheme groups counties into regions, and an
-- administrator can import another scheme (kind `regions`).
CREATE TABLE region_assignment (
  scheme_code TEXT NOT NULL,
  county_fips TEXT NOT NULL REFERENCES county (county_fips),
  region_code TEXT NOT NULL,
  region_name TEXT NOT NULL,
  source      TEXT,
  PRIMARY KEY (scheme_code, county_fips)
);
CREATE INDEX region_assignment_region ON region_assignment (scheme_code, region_code);

CREATE TABLE cte_sector (
  sector_code TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  source      TEXT NOT NULL
);

CREATE TABLE cte_pathway (
  pathway_code TEXT PRIMARY KEY,
  sector_code  TEXT NOT NULL REFERENCES cte_sector (sector_code),
  name         TEXT NOT NULL,
  source       TEXT NOT NULL
);
CREATE INDEX cte_pathway_sector ON cte_pathway (sector_code);

CREATE TABLE soc_occupation (
  soc_code    TEXT PRIMARY KEY,
  level       TEXT NOT NULL CHECK (level IN ('major', 'minor', 'broad', 'detailed')),
  title       TEXT NOT NULL,
  major_code  TEXT,
  minor_code  TEXT,
  broad_code  TEXT,
  definition  TEXT
);

CREATE TABLE cip_program (
  cip_code     TEXT PRIMARY KEY,
  digits       INTEGER NOT NULL CHECK (digits IN (2, 4, 6)),
  cip_family   TEXT NOT NULL,
  title        TEXT NOT NULL,
  nces_action  TEXT,
  active_2020  SMALLINT NOT NULL,
  definition   TEXT
);

CREATE TABLE top_code (
  top_code    TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  cte_flag    TEXT,
  ccc_sector  TEXT
);

-- COE TOP-CIP-SOC crosswalk (Feb 2025). The CIP-SOC pairs it holds are
-- exposed by the view cip_soc; the full NCES CIP-SOC file is not shipped.
CREATE TABLE top_cip_soc (
  top_code       TEXT NOT NULL,
  cip_code       TEXT NOT NULL,
  soc_code       TEXT NOT NULL,
  entry_education TEXT,
  work_experience TEXT,
  on_the_job_training TEXT,
  coe_skill_level TEXT,
  notes          TEXT,
  PRIMARY KEY (top_code, cip_code, soc_code)
);
CREATE INDEX top_cip_soc_soc ON top_cip_soc (soc_code);
CREATE INDEX top_cip_soc_cip ON top_cip_soc (cip_code);

CREATE VIEW cip_soc AS SELECT DISTINCT cip_code, soc_code FROM top_cip_soc;

-- BLS Employment Projections 2024-34 (national). Employment and openings in
-- thousands, as published. Codes are National Employment Matrix codes: a few
-- are aggregates absent from SOC 2018, so no foreign key to soc_occupation.
CREATE TABLE occupation_projection (
  soc_code             TEXT PRIMARY KEY,
  title                TEXT NOT NULL,
  occupation_type      TEXT NOT NULL,
  employment_base      DOUBLE PRECISION,
  employment_projected DOUBLE PRECISION,
  change_count         DOUBLE PRECISION,
  change_percent       DOUBLE PRECISION,
  self_employed_percent DOUBLE PRECISION,
  annual_openings      DOUBLE PRECISION,
  median_wage          INTEGER,
  median_wage_top_coded SMALLINT NOT NULL DEFAULT 0,
  entry_education      TEXT,
  work_experience      TEXT,
  on_the_job_training  TEXT
);
