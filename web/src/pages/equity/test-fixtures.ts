// Answers of GET /api/v1/equity in the contract's shape, for the unit tests:
// a flagged group, a withheld one, one too small to flag, one without a
// reference (its flag is null), and the missing group last.
import type { EquityGroup, EquityResult, PublishedCount } from '../../api/types.gen';

const shown = (value: number): PublishedCount => ({ value, suppressed: false, reason: '' });
const withheld = (reason: PublishedCount['reason']): PublishedCount => ({ value: null, suppressed: true, reason });

export function group(fields: Partial<EquityGroup> & Pick<EquityGroup, 'group' | 'label'>): EquityGroup {
  return {
    n: shown(100),
    success: shown(50),
    rate: 0.5,
    reference: 0.45,
    reference_group: null,
    moe: 0.098,
    rate_lo: 0.402,
    rate_hi: 0.598,
    gap: 0.05,
    index: null,
    flag: false,
    small_n: false,
    success_needed_not_di: 0,
    success_needed_full_parity: 0,
    suppressed: false,
    reason: '',
    ...fields,
  };
}

export function suppressedGroup(code: string, label: string, reason: PublishedCount['reason'] = 'below_min_n'): EquityGroup {
  return group({
    group: code,
    label,
    n: withheld(reason),
    success: withheld(reason),
    rate: null,
    reference: null,
    moe: null,
    rate_lo: null,
    rate_hi: null,
    gap: null,
    flag: null,
    success_needed_not_di: null,
    success_needed_full_parity: null,
    suppressed: true,
    reason,
  });
}

export const flagged = group({
  group: 'black_african_american',
  label: 'Black or African American',
  n: shown(400),
  success: shown(120),
  rate: 0.3,
  reference: 0.42,
  moe: 0.049,
  rate_lo: 0.251,
  rate_hi: 0.349,
  gap: -0.12,
  flag: true,
  success_needed_not_di: 29,
  success_needed_full_parity: 48,
});

export function equityResult(overrides: Partial<EquityResult> = {}): EquityResult {
  return {
    data_version: 'v-test-1',
    min_n: 11,
    method: 'ppg',
    reference: 'all but current',
    outcome: { code: 'completer', label: 'CTE completer' },
    group: { code: 'race_ethnicity', label: 'Race/ethnicity' },
    population: { region: 'BA', from: '2022-23', to: '2023-24' },
    cohorts: [
      {
        cohort: '2022-23',
        overall: { n: shown(1000), success: shown(420), rate: 0.42 },
        groups: [
          group({ group: 'asian', label: 'Asian', n: shown(300), success: shown(150), rate: 0.5, rate_lo: 0.443, rate_hi: 0.557 }),
          { ...flagged, success_needed_not_di: 31 },
          suppressedGroup('native_hawaiian_pacific_islander', 'Native Hawaiian or Pacific Islander'),
          group({ group: null, label: 'Not reported', n: shown(8), success: shown(2), rate: 0.25, small_n: true, flag: false, rate_lo: -0.1, rate_hi: 0.6 }),
        ],
      },
      {
        cohort: '2023-24',
        overall: { n: shown(1100), success: shown(480), rate: 0.436 },
        groups: [
          group({ group: 'asian', label: 'Asian', n: shown(310), success: shown(160), rate: 0.516 }),
          flagged,
          suppressedGroup('native_hawaiian_pacific_islander', 'Native Hawaiian or Pacific Islander', 'complementary'),
          group({
            group: 'white',
            label: 'White, not Hispanic',
            reference: null,
            gap: null,
            flag: null,
            success_needed_full_parity: null,
            success_needed_not_di: null,
          }),
          group({ group: null, label: 'Not reported', n: shown(9), success: shown(3), rate: 0.333, small_n: true, flag: false }),
        ],
      },
    ],
    places: [
      {
        level: 'county',
        code: '06001',
        name: 'Alameda',
        groups: [{ group: 'black_african_american', gap: -0.08, flag: true, suppressed: false, reason: '' }],
      },
      {
        level: 'county',
        code: '06075',
        name: 'San Francisco',
        groups: [{ group: 'black_african_american', gap: null, flag: null, suppressed: true, reason: 'below_min_n' }],
      },
    ],
    notes: ['Groups under 11 students are not flagged.'],
    ...overrides,
  };
}

/** The overview and reference lists the Data & equity page asks for, by path. */
export const referenceAnswers: Record<string, unknown> = {
  '/api/v1/stats/overview': {
    min_n: 11,
    data_version: 'v-test-1',
    years: ['2021-22', '2022-23', '2023-24'].map((y) => ({
      school_year: y,
      students: { value: 100, suppressed: false },
      participants: { value: 50, suppressed: false },
      concentrators: { value: 20, suppressed: false },
      completers: { value: 10, suppressed: false },
    })),
  },
  '/api/v1/reference/regions': {
    scheme: 'ccc',
    schemes: ['ccc'],
    regions: [{ code: 'BA', name: 'Bay Area', source: 'x', verified: false, counties: ['06001', '06075'] }],
  },
  '/api/v1/reference/counties': [
    { fips: '06001', name: 'Alameda', region_code: 'BA', region_name: 'Bay Area' },
    { fips: '06003', name: 'Alpine', region_code: null, region_name: null },
  ],
  '/api/v1/reference/sectors': [
    {
      code: 'HEA',
      name: 'Health Science and Medical Technology',
      source: 'x',
      verified: true,
      pathways: [{ code: 'HEA-PT', name: 'Patient Care', source: 'x', verified: true }],
    },
  ],
};
