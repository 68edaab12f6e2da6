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
  reason?: "below_min_n";
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
  kind: "demo" | "import" | "generate" | "reference_data";
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
}

export interface JobList {
  jobs: Array<Job>;
}

export interface Operations {
  getHealth: {
    method: "GET";
    path: "/api/v1/health";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    response: Health;
  };
  listRegions: {
    method: "GET";
    path: "/api/v1/reference/regions";
    pathParams: Record<string, never>;
    query: {
      scheme?: string;
    };
    response: RegionList;
  };
  listCounties: {
    method: "GET";
    path: "/api/v1/reference/counties";
    pathParams: Record<string, never>;
    query: {
      scheme?: string;
    };
    response: Array<County>;
  };
  listSectors: {
    method: "GET";
    path: "/api/v1/reference/sectors";
    pathParams: Record<string, never>;
    query: Record<string, never>;
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
    response: OrganizationDetail;
  };
  getOverview: {
    method: "GET";
    path: "/api/v1/stats/overview";
    pathParams: Record<string, never>;
    query: Record<string, never>;
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
    response: CountyStats;
  };
  listJobs: {
    method: "GET";
    path: "/api/v1/jobs";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    response: JobList;
  };
  getJob: {
    method: "GET";
    path: "/api/v1/jobs/{job_id}";
    pathParams: {
      job_id: string;
    };
    query: Record<string, never>;
    response: Job;
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
  listJobs: { method: "GET", path: "/api/v1/jobs", query: [] },
  getJob: { method: "GET", path: "/api/v1/jobs/{job_id}", query: [] },
} as const;
