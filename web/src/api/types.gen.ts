// Generated from docs/openapi.yaml by src/api/codegen.ts. Do not edit:
// `npm run gen:api` rewrites it, and src/api/contract.test.ts fails while it
// and the document disagree.

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: Record<string, unknown>;
  };
}

export interface Health {
  status: "ok";
  version: string;
  data_version: string;
  schema_version: number;
  database: "sqlite" | "postgresql";
}

export interface Region {
  code: string;
  name: string;
  source: string | null;
  verified: boolean;
  counties: Array<string>;
}

export interface RegionList {
  scheme: string;
  schemes: Array<string>;
  regions: Array<Region>;
}

export interface County {
  fips: string;
  name: string;
  region_code: string | null;
  region_name: string | null;
}

export interface Pathway {
  code: string;
  name: string;
  source: string;
  verified: boolean;
}

export interface Sector {
  code: string;
  name: string;
  source: string;
  verified: boolean;
  pathways: Array<Pathway>;
}

export type Projection = {
  employment_2024_thousands: number | null;
  employment_2034_thousands?: number | null;
  change_percent?: number | null;
  annual_openings_thousands: number | null;
  median_annual_wage: number | null;
  median_wage_top_coded: boolean;
  typical_entry_education?: string | null;
  source: string;
} | null;

export interface Occupation {
  soc_code: string;
  title: string;
  level: "major" | "minor" | "broad" | "detailed";
  projection: Projection;
}

export interface OccupationPage {
  items: Array<Occupation>;
  total: number;
  page: number;
  per_page: number;
}

export interface Program {
  cip_code: string;
  title: string;
  digits: number;
  active_2020: boolean;
  occupations: Array<string>;
}

export interface ProgramPage {
  items: Array<Program>;
  total: number;
  page: number;
  per_page: number;
}

export interface Organization {
  org_id: string;
  org_type: string;
  name: string;
  county_fips: string | null;
  county_name: string | null;
  region_code: string | null;
  region_name: string | null;
  parent_org_id: string | null;
  cds_code: string | null;
  ipeds_id: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface OrganizationPage {
  items: Array<Organization>;
  total: number;
  page: number;
  per_page: number;
}

export type OrganizationDetail = Organization & {
  parent: {
    org_id: string;
    org_type: string;
    name: string;
  } | null;
  children: Array<{
    org_type: string;
    count: number;
  }>;
};

export interface PublishedCount {
  value: number | null;
  suppressed: boolean;
  reason?: "" | "below_min_n" | "complementary" | "table_withheld";
}

export interface Overview {
  min_n: number;
  data_version: string;
  years: Array<{
    school_year: string;
    students: PublishedCount;
    participants: PublishedCount;
    concentrators: PublishedCount;
    completers: PublishedCount;
  }>;
}

export interface CountyStats {
  min_n: number;
  data_version: string;
  school_year: string | null;
  school_years: Array<string>;
  counties: Array<{
    county_fips: string;
    county_name: string;
    region_code: string | null;
    region_name: string | null;
    students: PublishedCount;
    participants: PublishedCount;
    concentrators: PublishedCount;
    completers: PublishedCount;
  }>;
}

export interface Job {
  job_id: string;
  kind: "demo" | "import" | "generate" | "reference_data" | "snapshot";
  label: string;
  state: "running" | "succeeded" | "failed" | "cancelled";
  phase: string | null;
  done: number;
  total: number | null;
  unit: string;
  fraction: number | null;
  started_at: string;
  finished_at: string | null;
  message: string | null;
  result?: (Record<string, unknown>) | null;
}

export interface ImportStarted {
  job_id: string;
  kind: string;
}

export interface ImportResult {
  kind?: string;
  file?: string;
  batch_id?: string;
  checksum?: string;
  rows_read?: number;
  rows_stored?: number;
  rows_rejected?: number;
  rows_changed?: number;
  seconds?: number;
  rejects_url?: string | null;
  error?: {
    code?: string;
    message?: string;
  };
}

export interface JobList {
  jobs: Array<Job>;
}

export type Role = "member" | "employer" | "institution_analyst" | "regional_analyst" | "state_analyst" | "administrator";

export type Permission = "public" | "account" | "community" | "wbl.own" | "students.read" | "imports.write" | "users.manage" | "audit.read" | "reference.manage" | "pathways.edit";

export interface SessionUser {
  user_id: number;
  email: string;
  display_name: string;
  role: Role;
  scopes: Array<string>;
}

export type User = SessionUser & {
  active: boolean;
  created_at: string;
  last_sign_in: string | null;
};

export interface Session {
  signed_in: boolean;
  via?: "session" | "token";
  user?: SessionUser;
  permissions?: Array<Permission>;
  csrf_token?: string;
}

export interface SignInRequest {
  email: string;
  password: string;
}

export interface SignedIn {
  signed_in: true;
  via: "session";
  user: User;
  permissions: Array<Permission>;
  csrf_token: string;
}

export interface SignedOut {
  signed_in: false;
}

export interface ApiToken {
  token_id: number;
  name: string;
  permissions: Array<Permission>;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked: boolean;
}

export interface ApiTokenList {
  items: Array<ApiToken>;
}

export interface NewApiToken {
  name: string;
  permissions?: Array<Permission>;
}

export type CreatedApiToken = ApiToken & {
  secret: string;
};

export interface RevokedApiToken {
  token_id: number;
  revoked: true;
}

export interface UserList {
  items: Array<User>;
  total: number;
}

export interface NewUser {
  email: string;
  role: Role;
  display_name?: string;
  scopes?: Array<string>;
}

export type CreatedUser = User & {
  password: string;
};

export interface UserUpdate {
  role?: Role;
  scopes?: Array<string>;
  active?: boolean;
}

export interface PasswordReset {
  user_id: number;
  password: string;
}

export interface AuditEntry {
  audit_id: number;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
  row_count: number;
  remote_address: string;
}

export interface AuditPage {
  items: Array<AuditEntry>;
  total: number;
  page: number;
  per_page: number;
}

export interface StudentFacts {
  student_key: string;
  birth_year: number | null;
  gender: string | null;
  race_ethnicity: string | null;
  socioeconomically_disadvantaged: boolean | null;
  disability: boolean | null;
  english_learner: boolean | null;
  foster_youth: boolean | null;
  homeless: boolean | null;
  migrant: boolean | null;
  first_generation: boolean | null;
}

export interface StudentYearFields {
  school_year: string;
  org_id: string;
  grade_level: string;
  sector_code: string | null;
  pathway_code: string | null;
  cte_status: string | null;
  de_units_attempted: number | null;
  de_units_earned: number | null;
  wbl_type: string | null;
  wbl_hours: number | null;
  industry_credential: boolean | null;
  hs_graduate: boolean | null;
  postsecondary_enrolled: boolean | null;
  employed: boolean | null;
  quarterly_wage: number | null;
}

export type StudentYear = StudentFacts & StudentYearFields;

export interface StudentYearPage {
  items: Array<StudentYear>;
  total: number;
  page: number;
  per_page: number;
}

export type Student = StudentFacts & {
  years: Array<StudentYearFields>;
};

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

export type SuppressionReason = "" | "below_min_n" | "complementary" | "table_withheld";

export interface PublishedValue {
  value: number | null;
  suppressed: boolean;
  reason?: SuppressionReason;
}

export type Dimension = "school_year" | "county" | "region" | "organization" | "grade_level" | "sector" | "pathway" | "cte_status" | "wbl_type" | "race_ethnicity" | "gender" | "socioeconomically_disadvantaged" | "disability" | "english_learner" | "foster_youth" | "homeless" | "migrant" | "first_generation";

export type Outcome = "completer" | "concentrator" | "credential" | "graduate" | "postsecondary" | "employed" | "wbl" | "dual_enrollment";

export type NumericMeasure = "de_units" | "wbl_hours" | "wage";

export type QueryValue = (string | number) | null;

export interface QueryFilter {
  dim: Dimension;
  in?: Array<QueryValue>;
  min?: string | number;
  max?: string | number;
}

export interface QueryMeasure {
  op: "count" | "distinct_students" | "sum" | "rate" | "mean" | "median";
  outcome?: Outcome;
  measure?: NumericMeasure;
}

export interface QuerySpec {
  filters?: Array<QueryFilter>;
  group_by?: Array<Dimension>;
  measures?: Array<QueryMeasure>;
  order_by?: Array<{
    column: string;
    desc?: boolean;
  }>;
  limit?: number;
}

export interface QueryColumn {
  name: string;
  kind: string;
}

export interface QueryResult {
  data_version: string;
  min_n: number;
  group_by: Array<string>;
  columns: Array<QueryColumn>;
  rows: Array<Record<string, unknown>>;
  suppression: {
    cells_withheld: number;
    exact: boolean;
    complementary?: boolean;
  };
}

export interface QueryColumns {
  data_version: string;
  min_n: number;
  layout: "columns";
  row_count: number;
  group_by: Array<string>;
  reasons: Array<string>;
  row_reasons: Array<number>;
  columns: Array<{
    name: string;
    kind: string;
    dictionary?: Array<{
      value: (string | number) | null;
      label: string;
    }>;
    codes?: Array<number>;
    values?: Array<number | null>;
    reasons?: Array<number>;
  }>;
  suppression: {
    cells_withheld: number;
    exact: boolean;
    complementary: boolean;
  };
}

export type EquityMethod = "ppg" | "prop-index" | "80-index";

export interface EquityGroup {
  group: string | null;
  label: string;
  n: PublishedCount;
  success: PublishedCount;
  rate: number | null;
  reference: number | null;
  reference_group: string | null;
  moe: number | null;
  rate_lo: number | null;
  rate_hi: number | null;
  gap: number | null;
  index: number | null;
  flag: boolean | null;
  small_n: boolean;
  success_needed_not_di: number | null;
  success_needed_full_parity: number | null;
  suppressed: boolean;
  reason: SuppressionReason;
}

export interface EquityCohort {
  cohort: string | null;
  overall: {
    n: PublishedCount;
    success: PublishedCount;
    rate: number | null;
  };
  groups: Array<EquityGroup>;
}

export interface EquityPlace {
  level: "region" | "county";
  code: string;
  name: string;
  groups: Array<{
    group: string | null;
    gap: number | null;
    flag: boolean | null;
    suppressed: boolean;
    reason: SuppressionReason;
  }>;
}

export interface EquityResult {
  data_version: string;
  min_n: number;
  method: EquityMethod;
  reference: string | null;
  outcome: {
    code: Outcome;
    label: string;
  };
  group: {
    code: string;
    label: string;
  };
  population: {
    region?: string;
    county?: string;
    organization?: string;
    sector?: string;
    pathway?: string;
    from: string | null;
    to: string | null;
  };
  cohorts: Array<EquityCohort>;
  places?: Array<EquityPlace>;
  notes: Array<string>;
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
  supply: number | null;
  wage_p25_hourly: number | null;
  wage_median_hourly: number | null;
  gap: number | null;
  living_wage_hourly: number | null;
  p25_vs_living_wage: "above" | "below" | "unknown";
  median_vs_living_wage: "above" | "below" | "unknown";
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

export interface Operations {
  getHealth: {
    method: "GET";
    path: "/api/v1/health";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: never;
    response: Health;
  };
  listRegions: {
    method: "GET";
    path: "/api/v1/reference/regions";
    pathParams: Record<string, never>;
    query: {
      scheme?: string;
    };
    body: never;
    response: RegionList;
  };
  listCounties: {
    method: "GET";
    path: "/api/v1/reference/counties";
    pathParams: Record<string, never>;
    query: {
      scheme?: string;
    };
    body: never;
    response: Array<County>;
  };
  listSectors: {
    method: "GET";
    path: "/api/v1/reference/sectors";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: never;
    response: Array<Sector>;
  };
  listOccupations: {
    method: "GET";
    path: "/api/v1/reference/occupations";
    pathParams: Record<string, never>;
    query: {
      q?: string;
      level?: "major" | "minor" | "broad" | "detailed";
      page?: number;
      per_page?: number;
    };
    body: never;
    response: OccupationPage;
  };
  listPrograms: {
    method: "GET";
    path: "/api/v1/reference/programs";
    pathParams: Record<string, never>;
    query: {
      q?: string;
      digits?: "2" | "4" | "6";
      include_inactive?: "true" | "false";
      page?: number;
      per_page?: number;
    };
    body: never;
    response: ProgramPage;
  };
  listOrganizations: {
    method: "GET";
    path: "/api/v1/organizations";
    pathParams: Record<string, never>;
    query: {
      type?: string;
      county?: string;
      region?: string;
      scheme?: string;
      q?: string;
      page?: number;
      per_page?: number;
    };
    body: never;
    response: OrganizationPage;
  };
  getOrganization: {
    method: "GET";
    path: "/api/v1/organizations/{org_id}";
    pathParams: {
      org_id: string;
    };
    query: {
      scheme?: string;
    };
    body: never;
    response: OrganizationDetail;
  };
  getOverview: {
    method: "GET";
    path: "/api/v1/stats/overview";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: never;
    response: Overview;
  };
  getCountyStats: {
    method: "GET";
    path: "/api/v1/stats/counties";
    pathParams: Record<string, never>;
    query: {
      school_year?: string;
      scheme?: string;
    };
    body: never;
    response: CountyStats;
  };
  runQuery: {
    method: "POST";
    path: "/api/v1/query";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: QuerySpec;
    response: QueryResult;
  };
  runQueryColumns: {
    method: "POST";
    path: "/api/v1/query/columns";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: QuerySpec;
    response: QueryColumns;
  };
  getEquity: {
    method: "GET";
    path: "/api/v1/equity";
    pathParams: Record<string, never>;
    query: {
      outcome: Outcome;
      group: string;
      cohort?: "school_year" | "none";
      from?: string;
      to?: string;
      region?: string;
      county?: string;
      organization?: string;
      sector?: string;
      pathway?: string;
      method?: EquityMethod;
      reference?: string;
      min_moe?: number;
      use_prop_in_moe?: boolean;
      cutoff?: number;
      min_n?: number;
      by?: "region" | "county";
    };
    body: never;
    response: EquityResult;
  };
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
  listJobs: {
    method: "GET";
    path: "/api/v1/jobs";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: never;
    response: JobList;
  };
  getJob: {
    method: "GET";
    path: "/api/v1/jobs/{job_id}";
    pathParams: {
      job_id: string;
    };
    query: Record<string, never>;
    body: never;
    response: Job;
  };
  startImport: {
    method: "POST";
    path: "/api/v1/imports/{kind}";
    pathParams: {
      kind: string;
    };
    query: Record<string, never>;
    body: never;
    response: ImportStarted;
  };
  getSession: {
    method: "GET";
    path: "/api/v1/auth/session";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: never;
    response: Session;
  };
  signIn: {
    method: "POST";
    path: "/api/v1/auth/session";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: SignInRequest;
    response: SignedIn;
  };
  signOut: {
    method: "DELETE";
    path: "/api/v1/auth/session";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: never;
    response: SignedOut;
  };
  listTokens: {
    method: "GET";
    path: "/api/v1/auth/tokens";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: never;
    response: ApiTokenList;
  };
  createToken: {
    method: "POST";
    path: "/api/v1/auth/tokens";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: NewApiToken;
    response: CreatedApiToken;
  };
  revokeToken: {
    method: "DELETE";
    path: "/api/v1/auth/tokens/{token_id}";
    pathParams: {
      token_id: number;
    };
    query: Record<string, never>;
    body: never;
    response: RevokedApiToken;
  };
  listUsers: {
    method: "GET";
    path: "/api/v1/users";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: never;
    response: UserList;
  };
  createUser: {
    method: "POST";
    path: "/api/v1/users";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: NewUser;
    response: CreatedUser;
  };
  updateUser: {
    method: "PATCH";
    path: "/api/v1/users/{user_id}";
    pathParams: {
      user_id: number;
    };
    query: Record<string, never>;
    body: UserUpdate;
    response: User;
  };
  resetPassword: {
    method: "POST";
    path: "/api/v1/users/{user_id}/password-reset";
    pathParams: {
      user_id: number;
    };
    query: Record<string, never>;
    body: never;
    response: PasswordReset;
  };
  listAudit: {
    method: "GET";
    path: "/api/v1/audit";
    pathParams: Record<string, never>;
    query: {
      actor?: string;
      action?: string;
      since?: string;
      until?: string;
      page?: number;
      per_page?: number;
    };
    body: never;
    response: AuditPage;
  };
  listStudents: {
    method: "GET";
    path: "/api/v1/students";
    pathParams: Record<string, never>;
    query: {
      org_id?: string;
      school_year?: string;
      page?: number;
      per_page?: number;
    };
    body: never;
    response: StudentYearPage;
  };
  getStudent: {
    method: "GET";
    path: "/api/v1/students/{student_key}";
    pathParams: {
      student_key: string;
    };
    query: Record<string, never>;
    body: never;
    response: Student;
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
  savePathwayGrid: {
    method: "PUT";
    path: "/api/v1/pathways/{code}/grid";
    pathParams: {
      code: string;
    };
    query: {
      region: string;
    };
    body: PathwayGridEdit;
    response: PathwayGrid;
  };
  getPathwayGridHistory: {
    method: "GET";
    path: "/api/v1/pathways/{code}/grid/history";
    pathParams: {
      code: string;
    };
    query: {
      region: string;
    };
    body: never;
    response: Array<GridVersion>;
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

export const operations = {
  getHealth: { method: "GET", path: "/api/v1/health", query: [] },
  listRegions: { method: "GET", path: "/api/v1/reference/regions", query: ["scheme"] },
  listCounties: { method: "GET", path: "/api/v1/reference/counties", query: ["scheme"] },
  listSectors: { method: "GET", path: "/api/v1/reference/sectors", query: [] },
  listOccupations: { method: "GET", path: "/api/v1/reference/occupations", query: ["q","level","page","per_page"] },
  listPrograms: { method: "GET", path: "/api/v1/reference/programs", query: ["q","digits","include_inactive","page","per_page"] },
  listOrganizations: { method: "GET", path: "/api/v1/organizations", query: ["type","county","region","scheme","q","page","per_page"] },
  getOrganization: { method: "GET", path: "/api/v1/organizations/{org_id}", query: ["scheme"] },
  getOverview: { method: "GET", path: "/api/v1/stats/overview", query: [] },
  getCountyStats: { method: "GET", path: "/api/v1/stats/counties", query: ["school_year","scheme"] },
  runQuery: { method: "POST", path: "/api/v1/query", query: [] },
  runQueryColumns: { method: "POST", path: "/api/v1/query/columns", query: [] },
  getEquity: { method: "GET", path: "/api/v1/equity", query: ["outcome","group","cohort","from","to","region","county","organization","sector","pathway","method","reference","min_moe","use_prop_in_moe","cutoff","min_n","by"] },
  getLaborGap: { method: "GET", path: "/api/v1/labor/gap", query: ["region","county","sector","pathway","program","soc","split","education","demand","household","limit","sort"] },
  getLaborOccupation: { method: "GET", path: "/api/v1/labor/occupations/{soc}", query: [] },
  listJobs: { method: "GET", path: "/api/v1/jobs", query: [] },
  getJob: { method: "GET", path: "/api/v1/jobs/{job_id}", query: [] },
  startImport: { method: "POST", path: "/api/v1/imports/{kind}", query: [] },
  getSession: { method: "GET", path: "/api/v1/auth/session", query: [] },
  signIn: { method: "POST", path: "/api/v1/auth/session", query: [] },
  signOut: { method: "DELETE", path: "/api/v1/auth/session", query: [] },
  listTokens: { method: "GET", path: "/api/v1/auth/tokens", query: [] },
  createToken: { method: "POST", path: "/api/v1/auth/tokens", query: [] },
  revokeToken: { method: "DELETE", path: "/api/v1/auth/tokens/{token_id}", query: [] },
  listUsers: { method: "GET", path: "/api/v1/users", query: [] },
  createUser: { method: "POST", path: "/api/v1/users", query: [] },
  updateUser: { method: "PATCH", path: "/api/v1/users/{user_id}", query: [] },
  resetPassword: { method: "POST", path: "/api/v1/users/{user_id}/password-reset", query: [] },
  listAudit: { method: "GET", path: "/api/v1/audit", query: ["actor","action","since","until","page","per_page"] },
  listStudents: { method: "GET", path: "/api/v1/students", query: ["org_id","school_year","page","per_page"] },
  getStudent: { method: "GET", path: "/api/v1/students/{student_key}", query: [] },
  getPathwayGrid: { method: "GET", path: "/api/v1/pathways/{code}/grid", query: ["region"] },
  savePathwayGrid: { method: "PUT", path: "/api/v1/pathways/{code}/grid", query: ["region"] },
  getPathwayGridHistory: { method: "GET", path: "/api/v1/pathways/{code}/grid/history", query: ["region"] },
  createPlan: { method: "POST", path: "/api/v1/plans", query: ["format"] },
} as const;
