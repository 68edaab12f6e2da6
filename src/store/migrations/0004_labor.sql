-- Labor-market alignment: regional demand per occupation, program awards
-- (supply), county living wages, and the two editable mappings the roll-ups
-- go through (pathway -> program code, program -> occupation overrides on
-- top of the COE crosswalk). docs/labor-method.md explains how they combine.
-- Portable SQL: the same text runs on SQLite and PostgreSQL.

-- Annual demand for one occupation in one area (import kind labor_demand).
-- Openings are annual averages over base_year..projected_year; the split into
-- growth / exits / transfers is optional (BLS: openings = change + exits +
-- transfers). Wages are hourly. area_type 'nation' rows are the BLS national
-- projections and are never shown as a region's numbers unless scaled on
-- request (and then labelled so).
CREATE TABLE labor_demand (
  area_type            TEXT NOT NULL CHECK (area_type = 'county' OR area_type = 'region'
                                            OR area_type = 'state' OR area_type = 'nation'),
  area_code            TEXT NOT NULL,   -- county FIPS, region code (default scheme), 'CA', 'US'
  soc_code             TEXT NOT NULL,
  base_year            INTEGER NOT NULL,
  projected_year       INTEGER NOT NULL,
  employment_base      DOUBLE PRECISION,
  employment_projected DOUBLE PRECISION,
  openings_annual      DOUBLE PRECISION NOT NULL,
  openings_growth      DOUBLE PRECISION,
  openings_exits       DOUBLE PRECISION,
  openings_transfers   DOUBLE PRECISION,
  wage_median_hourly   DOUBLE PRECISION,
  wage_p25_hourly      DOUBLE PRECISION,
  entry_education      TEXT,
  source               TEXT NOT NULL,   -- publisher and vintage, or 'synthetic'
  PRIMARY KEY (area_type, area_code, soc_code, base_year)
);
CREATE INDEX labor_demand_soc ON labor_demand (soc_code);

-- Awards conferred by an institution in one program code and award level
-- (import kind program_awards). academic_year is the ending year (2024 =
-- 2023-24). TOP codes for community colleges, CIP 2020 for everyone else.
CREATE TABLE program_awards (
  org_id        TEXT NOT NULL REFERENCES organization (org_id),
  code_system   TEXT NOT NULL CHECK (code_system = 'TOP' OR code_system = 'CIP'),
  program_code  TEXT NOT NULL,
  award_level   TEXT NOT NULL,    -- code set award_level (docs/data-dictionary.md)
  academic_year INTEGER NOT NULL,
  awards        INTEGER NOT NULL CHECK (awards >= 0),
  source        TEXT NOT NULL,
  PRIMARY KEY (org_id, code_system, program_code, award_level, academic_year)
);
CREATE INDEX program_awards_code ON program_awards (code_system, program_code);

-- Hourly living wage for a household type in a county (import kind
-- living_wage). household_type: '1a0c' = one adult, no children (default).
CREATE TABLE living_wage (
  county_fips    TEXT NOT NULL REFERENCES county (county_fips),
  household_type TEXT NOT NULL,
  hourly_wage    DOUBLE PRECISION NOT NULL CHECK (hourly_wage > 0),
  year           INTEGER NOT NULL,
  source         TEXT NOT NULL,   -- calculator name and vintage, or 'synthetic'
  PRIMARY KEY (county_fips, household_type)
);

-- Which program codes a CTE pathway rolls up (sector roll-ups go through the
-- sector's pathways). Shipped as data (data/cte_pathway_programs.csv, to
-- verify) and editable by an administrator (import kind pathway_programs).
CREATE TABLE pathway_program (
  pathway_code TEXT NOT NULL REFERENCES cte_pathway (pathway_code),
  code_system  TEXT NOT NULL CHECK (code_system = 'TOP' OR code_system = 'CIP'),
  program_code TEXT NOT NULL,
  source       TEXT NOT NULL,
  PRIMARY KEY (pathway_code, code_system, program_code)
);
CREATE INDEX pathway_program_code ON pathway_program (code_system, program_code);

-- Local edits of the program -> occupation crosswalk: 'add' links a program
-- code to an occupation the crosswalk lacks, 'remove' drops a crosswalk link
-- (as Lightcast lets users tailor its CIP-SOC mapping). Applied on top of
-- top_cip_soc by src/labor; the edition used is reported with every result.
CREATE TABLE program_occupation_edit (
  code_system  TEXT NOT NULL CHECK (code_system = 'TOP' OR code_system = 'CIP'),
  program_code TEXT NOT NULL,
  soc_code     TEXT NOT NULL,
  action       TEXT NOT NULL CHECK (action = 'add' OR action = 'remove'),
  note         TEXT,
  PRIMARY KEY (code_system, program_code, soc_code)
);
