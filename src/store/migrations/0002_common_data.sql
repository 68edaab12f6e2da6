-- Common data elements: organizations, students (pseudonymous) and
-- student-years, plus the import history. Natural keys are the primary keys
-- so that re-importing a file upserts instead of duplicating. On SQLite the
-- two large tables are stored in key order (WITHOUT ROWID): one b-tree per
-- table instead of a table plus its key index, and files sorted by student,
-- as exports usually are, load as appends.

CREATE TABLE organization (
  org_id        TEXT PRIMARY KEY,
  org_type      TEXT NOT NULL CHECK (org_type IN ('state_agency', 'county_office', 'district',
                  'school', 'college_district', 'college', 'university', 'employer', 'cbo',
                  'intermediary', 'consortium')),
  name          TEXT NOT NULL,
  county_fips   TEXT REFERENCES county (county_fips),
  parent_org_id TEXT REFERENCES organization (org_id),
  cds_code      TEXT,
  ipeds_id      TEXT,
  latitude      DOUBLE PRECISION,
  longitude     DOUBLE PRECISION
);
CREATE INDEX organization_county ON organization (county_fips);
CREATE INDEX organization_type ON organization (org_type);
CREATE INDEX organization_parent ON organization (parent_org_id);

CREATE TABLE student (
  student_key       TEXT PRIMARY KEY,
  birth_year        INTEGER,
  gender            TEXT,
  race_ethnicity    TEXT,
  socioeconomically_disadvantaged SMALLINT,
  disability        SMALLINT,
  english_learner   SMALLINT,
  foster_youth      SMALLINT,
  homeless          SMALLINT,
  migrant           SMALLINT,
  first_generation  SMALLINT
) /*sqlite: WITHOUT ROWID*/;

-- school_year is the ending year of the school year: 2024 means 2023-24.
CREATE TABLE student_year (
  student_key        TEXT NOT NULL REFERENCES student (student_key),
  school_year        INTEGER NOT NULL,
  org_id             TEXT NOT NULL REFERENCES organization (org_id),
  grade_level        TEXT NOT NULL,
  -- Sector and pathway are checked against the code sets by the importer,
  -- the only writer; foreign keys here cost PostgreSQL's merge a lookup per
  -- row and key (about 7 s of a million-row import, bench/README.md).
  sector_code        TEXT,
  pathway_code       TEXT,
  -- OR, not IN: SQLite builds a temporary table for an IN list on every row.
  cte_status         TEXT CHECK (cte_status IS NULL OR cte_status = 'participant'
                                 OR cte_status = 'concentrator' OR cte_status = 'completer'),
  de_units_attempted DOUBLE PRECISION,
  de_units_earned    DOUBLE PRECISION,
  wbl_type           TEXT,
  wbl_hours          INTEGER,
  industry_credential SMALLINT,
  hs_graduate        SMALLINT,
  postsecondary_enrolled SMALLINT,
  employed           SMALLINT,
  quarterly_wage     DOUBLE PRECISION,
  PRIMARY KEY (student_key, school_year, org_id)
) /*sqlite: WITHOUT ROWID*/;
CREATE INDEX student_year_org ON student_year (org_id, school_year);

CREATE TABLE import_batch (
  batch_id      TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  checksum      TEXT NOT NULL,
  rows_read     INTEGER NOT NULL,
  rows_stored   INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  rows_changed  INTEGER NOT NULL,
  rejects_file  TEXT,
  started_at    TEXT NOT NULL,
  seconds       DOUBLE PRECISION NOT NULL,
  actor         TEXT NOT NULL
);
CREATE INDEX import_batch_kind ON import_batch (kind, started_at);
