// Answers of GET /api/v1/labor/gap in the contract's shape, for the unit
// tests (and for looking at the page before the server has the route): the
// Bay Area's health occupations, sorted by gap, with every flag of the
// contract, an occupation with no program, one without wages, one whose
// openings were clamped, a surplus, and one program leading to two
// occupations (split by openings).
import type { LaborGap, LaborGapOccupation } from '../../api/labor-pathways';

export function occupation(fields: Partial<LaborGapOccupation> & Pick<LaborGapOccupation, 'soc' | 'title'>): LaborGapOccupation {
  return {
    entry_education: 'Postsecondary nondegree award',
    demand: 10,
    demand_growth: 2,
    demand_exits: 3,
    demand_transfers: 5,
    employment: 500,
    supply: 5,
    gap: 5,
    ratio: 0.5,
    variance: -0.5,
    wage_p25_hourly: 25,
    wage_median_hourly: 30,
    wage_p25_annual: 52000,
    wage_median_annual: 62400,
    p25_vs_living_wage: 'above',
    median_vs_living_wage: 'above',
    programs: [],
    flags: [],
    ...fields,
  };
}

export const medicalAssistants = occupation({
  soc: '31-9092',
  title: 'Medical Assistants',
  demand: 310.2,
  demand_growth: 40.2,
  demand_exits: 120,
  demand_transfers: 150,
  employment: 12400,
  supply: 150.4,
  gap: 159.8,
  ratio: 0.485,
  variance: -0.515,
  wage_p25_hourly: 21.3,
  wage_median_hourly: 24.0,
  wage_p25_annual: 44304,
  wage_median_annual: 49920,
  p25_vs_living_wage: 'below',
  median_vs_living_wage: 'below',
  programs: [{ code_system: 'TOP', code: '1208.00', title: 'Medical Assisting', award_level: 'certificate_short', awards_mean: 150.4, years_used: 2, weight: 1, supply: 150.4 }],
  flags: ['partial_years'],
});

export const pharmacyTechnicians = occupation({
  soc: '29-2052',
  title: 'Pharmacy Technicians',
  entry_education: 'High school diploma or equivalent',
  demand: 60,
  supply: 0,
  gap: 60,
  ratio: 0,
  variance: -1,
  wage_p25_hourly: 22,
  wage_median_hourly: 26.5,
  p25_vs_living_wage: 'below',
  median_vs_living_wage: 'above',
  programs: [],
  flags: ['no_program'],
});

export const vocationalNurses = occupation({
  soc: '29-2061',
  title: 'Licensed Practical and Licensed Vocational Nurses',
  demand: 120.5,
  demand_growth: 20.1,
  demand_exits: 40,
  demand_transfers: 60.4,
  employment: 5400,
  supply: 80.25,
  gap: 40.25,
  ratio: 0.666,
  variance: -0.334,
  wage_p25_hourly: 27.5,
  wage_median_hourly: 33.1,
  wage_p25_annual: 57200,
  wage_median_annual: 68848,
  programs: [
    { code_system: 'TOP', code: '1230.20', title: 'Licensed Vocational Nursing', award_level: 'certificate_long', awards_mean: 95, years_used: 3, weight: 0.8447, supply: 80.25 },
  ],
});

export const otherTechnologists = occupation({
  soc: '29-2099',
  title: 'Health Technologists and Technicians, All Other',
  demand: 15.3,
  supply: 10.1,
  gap: 5.2,
  ratio: 0.66,
  wage_p25_hourly: null,
  wage_median_hourly: null,
  wage_p25_annual: null,
  wage_median_annual: null,
  p25_vs_living_wage: 'unknown',
  median_vs_living_wage: 'unknown',
  // The other share of the vocational-nursing program (split by openings).
  programs: [
    { code_system: 'TOP', code: '1230.20', title: 'Licensed Vocational Nursing', award_level: 'certificate_long', awards_mean: 95, years_used: 3, weight: 0.1063, supply: 10.1 },
  ],
  flags: ['no_wage'],
});

export const radiologicTechnologists = occupation({
  soc: '29-2034',
  title: 'Radiologic Technologists and Technicians',
  entry_education: "Associate's degree",
  demand: 40,
  supply: 52.5,
  gap: -12.5,
  ratio: 1.3125,
  variance: 0.3125,
  wage_p25_hourly: 45.2,
  wage_median_hourly: 55,
  programs: [{ code_system: 'TOP', code: '1225.00', title: 'Radiologic Technology', award_level: 'associate', awards_mean: 52.5, years_used: 3, weight: 1, supply: 52.5 }],
});

export const nursingAssistants = occupation({
  soc: '31-1131',
  title: 'Nursing Assistants',
  demand: 0,
  demand_growth: -30,
  demand_exits: 10,
  demand_transfers: 12,
  supply: 45,
  gap: -45,
  ratio: null,
  variance: null,
  wage_p25_hourly: 19,
  wage_median_hourly: 22.4,
  p25_vs_living_wage: 'below',
  median_vs_living_wage: 'below',
  programs: [{ code_system: 'TOP', code: '1230.30', title: 'Certified Nurse Assistant', award_level: 'certificate_short', awards_mean: 45, years_used: 3, weight: 1, supply: 45 }],
  flags: ['demand_clamped'],
});

export const occupations = [
  medicalAssistants,
  pharmacyTechnicians,
  vocationalNurses,
  otherTechnologists,
  radiologicTechnologists,
  nursingAssistants,
];

export function laborGap(fields: Partial<LaborGap> = {}): LaborGap {
  const shown = fields.occupations ?? occupations;
  return {
    occupation_count: shown.length,
    program_view: [],
    rollup: null,
    mapping: { crosswalk: 'top_cip_soc', edits_added: 0, edits_removed: 0 },
    data_version: 'demo-2025-01',
    area: { type: 'region', code: 'BA', name: 'Bay Area', counties: ['06001', '06013', '06075'] },
    filter: { kind: 'sector', code: 'HSM', name: 'Health Science and Medical Technology', verified: true },
    split: 'openings',
    education: 'sub_baccalaureate',
    demand_source: {
      kind: 'regional',
      sources: ['synthetic'],
      national: false,
      label: 'Synthetic regional projections (demo data)',
    },
    supply_years: [2022, 2023, 2024],
    living_wage: {
      household_type: '1a0c',
      hourly: 24.1,
      annual: 50128,
      source: 'synthetic',
      year: 2024,
      rule: "employment-weighted mean of the area's counties",
    },
    totals: { demand: 546, supply: 338.25, gap: 207.75, awards_unmatched: 0 },
    occupations,
    ...fields,
  };
}

/** The national-scaled answer: national figures, labelled, every occupation flagged. */
export function nationalGap(): LaborGap {
  return laborGap({
    demand_source: {
      kind: 'national_scaled',
      sources: ['bls'],
      national: true,
      label: 'BLS national projections 2024–2034, scaled to the area (national data)',
    },
    occupations: occupations.map((o) => ({ ...o, flags: ['national', ...o.flags] })),
  });
}

/** A place's totals for the map: a gap that differs by place, one surplus, one without data. */
export function placeGap(code: string): LaborGap | null {
  if (code === 'NFN' || code === '06003') return null;
  const n = [...code].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  const demand = 100 + (n % 400);
  const supply = code === 'CVML' || code === '06019' ? demand + 60 : demand * 0.6;
  return laborGap({
    area: { type: code.startsWith('06') ? 'counties' : 'region', code, name: code, counties: code.startsWith('06') ? [code] : [] },
    totals: { demand, supply, gap: demand - supply, awards_unmatched: 0 },
  });
}
