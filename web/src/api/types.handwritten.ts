// HAND-WRITTEN, TEMPORARY: the types of the labor-market and pathway routes
// (GET /api/v1/labor/gap, GET /api/v1/labor/occupations/{soc},
// GET /api/v1/pathways/{code}/grid, POST /api/v1/plans), while this branch's
// docs/openapi.yaml does not document them. Written from the contract
// and checked against the API documents of the branches that implement the
// routes: the schema names, fields and operation ids are those the codegen
// makes from them, so after the merge `npm run gen:api` produces the same
// types in types.gen.ts. Then: delete this file and handwritten.test.ts, take
// types.handwritten out of client.ts, and point api/labor-pathways.ts at
// types.gen.ts (see docs/web.md).
import type { SuppressionReason } from './types.gen';

export type LaborFlag = "demand_clamped" | "partial_years" | "no_program" | "no_wage" | "national" | "no_demand";

export interface LaborGapProgram {
  code_system: "TOP" | "CIP";
  code: string;
  title: string;
  award_level: "noncredit_certificate" | "certificate_short" | "certificate_long" | "associate" | "bachelor" | "graduate";
  awards_mean: number;
  years_used: number;
  weight: number;
  supply: number;
}

export interface LaborGapOccupation {
  soc: string;
  title: string;
  entry_education: string | null;
  demand: number;
  demand_growth: number | null;
  demand_exits: number | null;
  demand_transfers: number | null;
  employment: number | null;
  supply: number;
  gap: number;
  ratio: number | null;
  variance: number | null;
  wage_p25_hourly: number | null;
  wage_median_hourly: number | null;
  wage_p25_annual: number | null;
  wage_median_annual: number | null;
  p25_vs_living_wage: "above" | "below" | "unknown";
  median_vs_living_wage: "above" | "below" | "unknown";
  programs: Array<LaborGapProgram>;
  flags: Array<LaborFlag>;
}

export interface LaborGap {
  data_version: string;
  area: {
    type: "state" | "region" | "counties";
    code: string;
    name: string;
    counties: Array<string>;
  };
  filter: {
    kind: ("sector" | "pathway" | "program" | "soc") | null;
    code: string | null;
    name: string | null;
    verified: boolean;
  };
  split: "openings" | "equal" | "employment" | "full";
  education: "sub_baccalaureate" | "bachelor_plus" | "all";
  demand_source: {
    kind: "regional" | "national_scaled";
    sources: Array<string>;
    national: boolean;
    share?: number | null;
    label: string;
  };
  supply_years: Array<number>;
  living_wage: {
    household_type: string;
    hourly: number;
    annual: number;
    source: string;
    year: number;
    rule: string;
  } | null;
  totals: {
    demand: number;
    supply: number | null;
    gap: number | null;
    awards_unmatched: number;
  };
  occupations: Array<LaborGapOccupation>;
  occupation_count: number;
  program_view: Array<{
    code_system: "TOP" | "CIP";
    code: string;
    title: string;
    award_level: string;
    awards_mean: number;
    openings_allocated: number;
    gap: number;
  }>;
  rollup: {
    by: "sector" | "pathway";
    rows: Array<{
      code: string;
      name: string;
      awards_mean: number;
      openings_allocated: number;
      gap: number;
    }>;
  } | null;
  mapping: {
    crosswalk: string;
    edits_added: number;
    edits_removed: number;
  };
}

export interface LaborInstitution {
  org_id: string;
  name: string;
  awards_mean: number | null;
  suppressed: boolean;
  reason?: SuppressionReason;
}

export interface LaborOccupation {
  data_version: string;
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
  split: string;
  supply_years: Array<number>;
  regions: Array<{
    code: string;
    name: string;
    demand: number | null;
    wage_p25_hourly: number | null;
    wage_median_hourly: number | null;
    living_wage_hourly: number | null;
    p25_vs_living_wage: "above" | "below" | "unknown";
    supply: number;
    gap: number;
    flags: Array<LaborFlag>;
    programs: Array<{
      code_system: "TOP" | "CIP";
      code: string;
      title: string;
      award_level: string;
      awards_mean: number;
      years_used: number;
      weight: number;
      supply: number;
      institutions: Array<LaborInstitution>;
    }>;
  }>;
}

export interface GridCollege {
  org_id: string;
  name: string;
}

export interface GridCourse {
  id: string;
  title: string;
  units: number;
  prerequisites: Array<string>;
  articulated: boolean;
  dual_enrollment: boolean;
  generated: boolean;
}

export type GridCollegeCourse = GridCourse & {
  college: GridCollege | null;
  course: string | null;
  top_code: string | null;
};

export interface GridStage {
  stage: "introductory" | "concentrator" | "capstone";
  grade_levels: Array<number>;
  courses: Array<GridCourse>;
}

export interface GridAward {
  code_system: "TOP" | "CIP";
  code: string;
  title: string;
  award_level: "noncredit_certificate" | "certificate_short" | "certificate_long" | "associate" | "bachelor" | "graduate";
  units: number;
  colleges: Array<GridCollege>;
  courses: Array<string>;
}

export interface GridTransfer {
  title: string;
  institution: string;
  note: string;
}

export interface GridWblStep {
  stage: "awareness" | "exploration" | "preparation" | "training";
  title: string;
  grade_levels: Array<number>;
}

export interface GridOccupation {
  soc: string;
  title: string;
  entry_education: string | null;
  demand: number | null;
  wage_p25_hourly: number | null;
  wage_median_hourly: number | null;
  gap: number | null;
  living_wage_hourly: number | null;
  p25_vs_living_wage: "above" | "below" | "unknown";
}

export interface PathwayGrid {
  pathway: {
    code: string;
    name: string;
    sector: {
      code: string;
      name: string;
    };
  };
  region: {
    code: string;
    name: string;
    scheme: string;
  };
  status: "published" | "draft_generated";
  version: number;
  updated_at: string | null;
  updated_by: string | null;
  high_school: Array<GridStage>;
  college_courses: Array<GridCollegeCourse>;
  awards: Array<GridAward>;
  transfer: Array<GridTransfer>;
  work_based_learning: Array<GridWblStep>;
  occupations: Array<GridOccupation>;
  notes: Array<string>;
}

export interface PathwayGridEdit {
  base_version: number;
  summary?: string;
  high_school?: Array<Record<string, unknown>>;
  college_courses?: Array<Record<string, unknown>>;
  awards?: Array<Record<string, unknown>>;
  transfer?: Array<Record<string, unknown>>;
  work_based_learning?: Array<Record<string, unknown>>;
  occupations?: Array<Record<string, unknown>>;
  notes?: Array<string>;
}

export interface GridVersion {
  version: number;
  updated_at: string;
  updated_by: string | null;
  summary: string;
}

export interface PlanRequest {
  pathway: string;
  region: string;
  years?: 4 | 6 | 10;
  start_grade?: number;
  max_units_per_term?: {
    high_school?: number;
    college?: number;
  };
}

export interface PlanItem {
  kind: "course" | "wbl" | "award";
  id: string;
  title: string;
  units: number;
  dual_enrollment: boolean;
  college_credit: boolean;
}

export interface PlanTerm {
  label: string;
  level: "high_school" | "college";
  season: "year" | "fall" | "spring";
  items: Array<PlanItem>;
  units: number;
  college_units: number;
}

export interface PlanResult {
  plan: {
    pathway: {
      code: string;
      name: string;
    };
    region: {
      code: string;
      name: string;
    };
    years: number;
    start_grade: number;
    max_units_per_term: {
      high_school: number;
      college: number;
    };
    terms: Array<PlanTerm>;
    awards: Array<GridAward & {
      term: string;
    }>;
    occupations: Array<GridOccupation>;
  };
  warnings: Array<string>;
}

export interface HandwrittenOperations {
  getLaborGap: {
    method: "GET";
    path: "/api/v1/labor/gap";
    pathParams: Record<string, never>;
    query: {
      region?: string;
      county?: string;
      sector?: string;
      pathway?: string;
      program?: string;
      soc?: string;
      split?: "openings" | "equal" | "employment" | "full";
      education?: "sub_baccalaureate" | "bachelor_plus" | "all";
      demand?: "regional" | "national_scaled";
      household?: string;
      limit?: number;
      sort?: "gap" | "demand" | "supply" | "wage";
    };
    body: never;
    response: LaborGap;
  };
  getLaborOccupation: {
    method: "GET";
    path: "/api/v1/labor/occupations/{soc}";
    pathParams: {
      soc: string;
    };
    query: Record<string, never>;
    body: never;
    response: LaborOccupation;
  };
  getPathwayGrid: {
    method: "GET";
    path: "/api/v1/pathways/{code}/grid";
    pathParams: {
      code: string;
    };
    query: {
      region: string;
    };
    body: never;
    response: PathwayGrid;
  };
  createPlan: {
    method: "POST";
    path: "/api/v1/plans";
    pathParams: Record<string, never>;
    query: {
      format?: "json" | "csv";
    };
    body: PlanRequest;
    response: PlanResult;
  };
}

export const handwrittenOperations = {
  getLaborGap: { method: "GET", path: "/api/v1/labor/gap", query: ["region","county","sector","pathway","program","soc","split","education","demand","household","limit","sort"] },
  getLaborOccupation: { method: "GET", path: "/api/v1/labor/occupations/{soc}", query: [] },
  getPathwayGrid: { method: "GET", path: "/api/v1/pathways/{code}/grid", query: ["region"] },
  createPlan: { method: "POST", path: "/api/v1/plans", query: ["format"] },
} as const;
