-- Pathway grids (programs of study) and the course catalog they draw on.
-- src/pathways owns these tables; src/pathways/README.md describes the grid
-- document. Portable SQL: the same text runs on SQLite and PostgreSQL.

-- Courses a grid can name by id: high-school CTE courses (credits, 10 for a
-- year-long course) and community-college courses (semester units).
-- dual_enrollment: the college offers it to high-school students for college
-- credit; articulated: an articulation agreement gives college credit for
-- it (high-school course) or accepts a high-school course for it (college).
CREATE TABLE course (
  course_id       TEXT PRIMARY KEY,
  level           TEXT NOT NULL CHECK (level = 'high_school' OR level = 'college'),
  org_id          TEXT REFERENCES organization (org_id),   -- college, district or school; NULL = any
  course_number   TEXT,                                     -- as the catalog writes it: "MED 101"
  title           TEXT NOT NULL,
  units           DOUBLE PRECISION NOT NULL CHECK (units > 0),
  top_code        TEXT,                                     -- college courses: program area (TOP)
  pathway_code    TEXT REFERENCES cte_pathway (pathway_code),  -- high-school CTE courses
  stage           TEXT CHECK (stage IS NULL OR stage = 'introductory' OR stage = 'concentrator'
                              OR stage = 'capstone'),
  dual_enrollment SMALLINT NOT NULL DEFAULT 0 CHECK (dual_enrollment = 0 OR dual_enrollment = 1),
  articulated     SMALLINT NOT NULL DEFAULT 0 CHECK (articulated = 0 OR articulated = 1),
  source          TEXT NOT NULL
);
CREATE INDEX course_org ON course (org_id);
CREATE INDEX course_top ON course (top_code);
CREATE INDEX course_pathway ON course (pathway_code);

-- A course needs each of its prerequisites done in an earlier term.
CREATE TABLE course_prerequisite (
  course_id       TEXT NOT NULL REFERENCES course (course_id),
  prerequisite_id TEXT NOT NULL REFERENCES course (course_id),
  PRIMARY KEY (course_id, prerequisite_id),
  CHECK (course_id <> prerequisite_id)
);
CREATE INDEX course_prerequisite_of ON course_prerequisite (prerequisite_id);

-- Every save of a grid is a new version; the highest version is the current
-- grid. `document` holds the editable parts as JSON text (high_school,
-- college_courses, awards, transfer, work_based_learning, occupations,
-- notes); names and regional figures are filled in when it is read. The
-- primary key makes two saves on the same base version collide: the second
-- gets a conflict instead of silently replacing the first.
CREATE TABLE pathway_grid_version (
  pathway_code       TEXT NOT NULL REFERENCES cte_pathway (pathway_code),
  scheme_code        TEXT NOT NULL,   -- region scheme (the server's default, 'ccc')
  region_code        TEXT NOT NULL,
  version            INTEGER NOT NULL CHECK (version >= 1),
  document           TEXT NOT NULL,
  summary            TEXT NOT NULL,
  updated_by_user_id INTEGER REFERENCES app_user (user_id),
  updated_by         TEXT,            -- the editor's display name when saved
  updated_at         TEXT NOT NULL,   -- ISO 8601 UTC
  PRIMARY KEY (pathway_code, scheme_code, region_code, version)
);
