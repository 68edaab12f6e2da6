// HAND-WRITTEN, TEMPORARY: the types of the labor-market and pathway routes,
// written from their contract (GET /api/v1/labor/gap,
// GET /api/v1/labor/occupations/{soc}, GET /api/v1/pathways/{code}/grid,
// POST /api/v1/plans) while docs/openapi.yaml does not document them yet.
// client.ts merges this table with the generated one. Once the document has
// these routes: run `npm run gen:api`, delete this file and its import in
// client.ts, and rename the operation ids the pages use if the document's
// differ (getLaborGap, getLaborOccupation, getPathwayGrid, createPlan).

// ---- Labor market ----------------------------------------------------------

export type LaborSplit = 'openings' | 'equal' | 'employment' | 'full';
export type LaborEducation = 'sub_baccalaureate' | 'bachelor_plus' | 'all';
export type LaborDemandKind = 'regional' | 'national_scaled';
export type LaborSort = 'gap' | 'demand' | 'supply' | 'wage';
export type LivingWageComparison = 'above' | 'below' | 'unknown';
/** The flags the contract names; the server may add others, shown as written. */
export type LaborFlag = 'demand_clamped' | 'partial_years' | 'no_program' | 'no_wage' | 'national' | 'no_demand';

export interface LaborArea {
  /** state (no region or county asked), region, or counties (one or several). */
  type: 'state' | 'region' | 'counties' | string;
  code: string | null;
  name: string;
  counties: string[];
}

export interface LaborFilter {
  kind: 'sector' | 'pathway' | 'program' | 'soc' | null;
  code: string | null;
  name: string | null;
  /** false when the sector, pathway or its program list is still to verify. */
  verified?: boolean;
}

export interface LaborDemandSource {
  kind: LaborDemandKind;
  /** "synthetic", "bls", … */
  sources: string[];
  /** True when the openings are national figures (scaled to the area when asked). */
  national: boolean;
  /** national_scaled: the area's share of national employment. */
  share?: number | null;
  /** Always shown with the numbers: where the openings come from, in words. */
  label: string;
}

export interface LaborLivingWage {
  household_type: string;
  hourly: number;
  annual: number;
  source: string;
  year?: number;
  rule: string;
}

export interface LaborProgram {
  code_system: 'TOP' | 'CIP' | string;
  code: string;
  title: string;
  award_level?: string;
  awards_mean: number;
  years_used: number;
  weight: number;
  supply: number;
}

export interface LaborOccupation {
  soc: string;
  title: string;
  entry_education: string | null;
  demand: number;
  demand_growth: number | null;
  demand_exits: number | null;
  demand_transfers: number | null;
  employment: number | null;
  /** Completers a year mapped to the occupation; counted fully when split=full. */
  supply: number | null;
  gap: number | null;
  ratio: number | null;
  variance: number | null;
  wage_p25_hourly: number | null;
  wage_median_hourly: number | null;
  wage_p25_annual: number | null;
  wage_median_annual: number | null;
  p25_vs_living_wage: LivingWageComparison;
  median_vs_living_wage: LivingWageComparison;
  programs: LaborProgram[];
  flags: (LaborFlag | string)[];
}

export interface LaborGap {
  data_version: string;
  area: LaborArea;
  filter: LaborFilter | null;
  split: LaborSplit;
  education: LaborEducation;
  demand_source: LaborDemandSource;
  supply_years: number[];
  living_wage: LaborLivingWage | null;
  /** supply and gap are null when split=full (programs counted fully do not add up). */
  totals: { demand: number; supply: number | null; gap: number | null; awards_unmatched?: number };
  occupations: LaborOccupation[];
  /** Occupations selected before `limit`. */
  occupation_count?: number;
}

export interface LaborGapQuery {
  region?: string;
  /** One county FIPS or several, separated by commas. */
  county?: string;
  sector?: string;
  pathway?: string;
  /** TOP:1230.10 or CIP:51.3801 */
  program?: string;
  soc?: string;
  split?: LaborSplit;
  education?: LaborEducation;
  demand?: LaborDemandKind;
  household?: string;
  limit?: number;
  sort?: LaborSort;
}

export interface LaborOccupationDetail {
  soc: string;
  title: string;
  definition: string | null;
  entry_education: string | null;
  national: {
    employment_2024: number | null;
    employment_2034: number | null;
    annual_openings: number | null;
    median_annual_wage: number | null;
    source: string;
  } | null;
  regions: {
    code: string;
    name: string;
    demand: number | null;
    wage_p25_hourly: number | null;
    wage_median_hourly: number | null;
    living_wage_hourly: number | null;
    supply: number | null;
    gap: number | null;
    programs: {
      code_system: string;
      code: string;
      title: string;
      award_level: string;
      awards_mean: number;
      institutions: { org_id: string; name: string; awards_mean: number }[];
    }[];
  }[];
}

// ---- Pathway grids and plans ---------------------------------------------

export type HighSchoolStage = 'introductory' | 'concentrator' | 'capstone';
/** The award levels of the contract's code set. */
export type AwardLevel =
  | 'noncredit_certificate'
  | 'certificate_short'
  | 'certificate_long'
  | 'associate'
  | 'bachelor'
  | 'graduate';

export interface GridCourse {
  id: string;
  title: string;
  /** High-school credits (10 = a year-long course) or college semester units. */
  units: number | null;
  prerequisites: string[];
  articulated: boolean;
  dual_enrollment: boolean;
  /** A placeholder of a generated draft, not a real catalog course. */
  generated?: boolean;
}

export interface GridCollege {
  org_id: string;
  name: string;
}

export interface GridCollegeCourse extends GridCourse {
  /** null: any college of the region. */
  college: GridCollege | null;
  /** The catalog's course number ("RAD 101"), when known. */
  course: string | null;
  top_code?: string | null;
}

export interface GridAward {
  code_system: string;
  code: string;
  title: string;
  award_level: AwardLevel | string;
  /** Units the award requires; 0 or null: not stated. */
  units: number | null;
  colleges: GridCollege[];
  /** Grid courses it requires. */
  courses?: string[];
}

export interface GridOccupation {
  soc: string;
  title: string;
  entry_education: string | null;
  /** Openings a year in the region. */
  demand: number | null;
  wage_p25_hourly: number | null;
  wage_median_hourly: number | null;
  gap: number | null;
  living_wage_hourly: number | null;
  p25_vs_living_wage: LivingWageComparison;
}

export interface PathwayGrid {
  pathway: { code: string; name: string; sector: { code: string; name: string } };
  region: { code: string; name: string; scheme?: string };
  status: 'published' | 'draft_generated';
  version: number;
  updated_at: string | null;
  updated_by: string | null;
  high_school: { stage: HighSchoolStage | string; grade_levels: number[]; courses: GridCourse[] }[];
  college_courses: GridCollegeCourse[];
  awards: GridAward[];
  transfer: { title: string; institution: string; note: string | null }[];
  /** grade_levels 9–12; 13 and up are the years after high school. */
  work_based_learning: { stage: string; title: string; grade_levels: number[] }[];
  occupations: GridOccupation[];
  notes: string[];
}

export type PlanYears = 4 | 6 | 10;

export interface PlanRequest {
  pathway: string;
  region: string;
  years: PlanYears;
  start_grade?: number;
  max_units_per_term?: { high_school?: number; college?: number };
}

export interface PlanItem {
  kind: 'course' | 'wbl' | 'award' | string;
  id: string;
  title: string;
  units: number | null;
  dual_enrollment: boolean;
  college_credit: boolean;
}

export interface PlanTerm {
  /** "Grade 9", "Year 5 fall": the server's words. */
  label: string;
  level: 'high_school' | 'college' | string;
  season?: 'year' | 'fall' | 'spring' | string;
  items: PlanItem[];
  /** High-school credits in a high-school year, college units in a college term. */
  units: number;
  /** College units earned in the term (dual enrollment in high school). */
  college_units?: number;
}

/** A warning: a sentence, or (should the server send one) an object with a message. */
export type PlanWarning = string | { code?: string; message?: string };

export interface PlanResult {
  plan: {
    pathway?: { code: string; name: string };
    region?: { code: string; name: string };
    years: PlanYears;
    start_grade?: number;
    max_units_per_term?: { high_school: number; college: number };
    terms: PlanTerm[];
    /** With the label of the term each is earned in. */
    awards: (GridAward & { term?: string })[];
    occupations: GridOccupation[];
  };
  warnings: PlanWarning[];
}

// ---- The operation table, in the generated one's shape -------------------

export interface HandwrittenOperations {
  getLaborGap: {
    method: 'GET';
    path: '/api/v1/labor/gap';
    pathParams: Record<string, never>;
    query: LaborGapQuery;
    body: never;
    response: LaborGap;
  };
  getLaborOccupation: {
    method: 'GET';
    path: '/api/v1/labor/occupations/{soc}';
    pathParams: { soc: string };
    query: Record<string, never>;
    body: never;
    response: LaborOccupationDetail;
  };
  getPathwayGrid: {
    method: 'GET';
    path: '/api/v1/pathways/{code}/grid';
    pathParams: { code: string };
    query: { region?: string };
    body: never;
    response: PathwayGrid;
  };
  createPlan: {
    method: 'POST';
    path: '/api/v1/plans';
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: PlanRequest;
    response: PlanResult;
  };
}

export const handwrittenOperations = {
  getLaborGap: {
    method: 'GET',
    path: '/api/v1/labor/gap',
    query: ['region', 'county', 'sector', 'pathway', 'program', 'soc', 'split', 'education', 'demand', 'household', 'limit', 'sort'],
  },
  getLaborOccupation: { method: 'GET', path: '/api/v1/labor/occupations/{soc}', query: [] },
  getPathwayGrid: { method: 'GET', path: '/api/v1/pathways/{code}/grid', query: ['region'] },
  createPlan: { method: 'POST', path: '/api/v1/plans', query: [] },
} as const;
