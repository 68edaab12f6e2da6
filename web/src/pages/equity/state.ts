// The Data & equity page's state lives in the page address, so a link
// reproduces the view exactly: the question (outcome, population, group
// variable, method) uses the API's own parameter names, and what is shown of
// the answer (the cohort in the chart, the group on the map) two more.
import type { QueryOf } from '../../api/client';
import type { Dimension, EquityMethod, Outcome } from '../../api/types.gen';

export const outcomes: Outcome[] = [
  'completer',
  'concentrator',
  'credential',
  'graduate',
  'postsecondary',
  'employed',
  'wbl',
  'dual_enrollment',
];

/** Outcomes that measure who takes part (participation), not how students fare. */
export const participationOutcomes = new Set<Outcome>(['wbl', 'dual_enrollment']);

/** The student groups of the data, each a dimension the engine knows (Explore groups by them too). */
export const studentGroups = [
  'race_ethnicity',
  'gender',
  'socioeconomically_disadvantaged',
  'disability',
  'english_learner',
  'foster_youth',
  'homeless',
  'migrant',
  'first_generation',
] as const satisfies readonly Dimension[];

export const groupVariables = [...studentGroups, 'race_ethnicity*gender'] as const;

export const methods: EquityMethod[] = ['ppg', 'prop-index', '80-index'];

/** The reference keywords each method accepts, its default first; group values come after. */
export const referenceKeywords: Record<EquityMethod, string[]> = {
  ppg: ['all but current', 'overall', 'hpg'],
  '80-index': ['hpg', 'overall', 'all but current'],
  'prop-index': [],
};

export type MapBy = 'county' | 'region' | 'none';

export interface EquityState {
  outcome: string;
  group: string;
  /** 'none': one pooled cohort instead of one per school year. */
  cohort: 'school_year' | 'none';
  from: string;
  to: string;
  region: string;
  county: string;
  organization: string;
  sector: string;
  pathway: string;
  method: string;
  /** Empty: the method's default (PPG-1's "all but current", the 80% index's "hpg"). */
  reference: string;
  minMoe: string;
  usePropInMoe: boolean;
  cutoff: string;
  minN: string;
  by: MapBy;
  /** The cohort shown in the chart and the needed numbers; empty: the last. */
  year: string;
  /** The group whose gap the map shows; empty: the first flagged group, else the first. */
  mapGroup: string;
}

export const defaults: EquityState = {
  outcome: 'completer',
  group: 'race_ethnicity',
  cohort: 'school_year',
  from: '',
  to: '',
  region: '',
  county: '',
  organization: '',
  sector: '',
  pathway: '',
  method: 'ppg',
  reference: '',
  minMoe: '',
  usePropInMoe: false,
  cutoff: '',
  minN: '',
  by: 'county',
  year: '',
  mapGroup: '',
};

// State field → address parameter (the API's names where the API has one).
const keys: Record<keyof EquityState, string> = {
  outcome: 'outcome',
  group: 'group',
  cohort: 'cohort',
  from: 'from',
  to: 'to',
  region: 'region',
  county: 'county',
  organization: 'organization',
  sector: 'sector',
  pathway: 'pathway',
  method: 'method',
  reference: 'reference',
  minMoe: 'min_moe',
  usePropInMoe: 'use_prop_in_moe',
  cutoff: 'cutoff',
  minN: 'min_n',
  by: 'by',
  year: 'year',
  mapGroup: 'map_group',
};

/** An address parameter as written, trimmed; empty when it is not there. */
export const param = (search: URLSearchParams, name: string) => (search.get(name) ?? '').trim();

/**
 * The state an address describes. Values are taken as written (an unknown
 * outcome goes to the server, which says what is wrong), except the few the
 * page itself needs to be one of a kind.
 */
export function parseState(search: URLSearchParams): EquityState {
  const text = (k: keyof EquityState) => param(search, keys[k]);
  const by = text('by');
  return {
    outcome: text('outcome') || defaults.outcome,
    group: text('group') || defaults.group,
    cohort: text('cohort') === 'none' ? 'none' : 'school_year',
    from: text('from'),
    to: text('to'),
    region: text('region'),
    county: text('county'),
    organization: text('organization'),
    sector: text('sector'),
    pathway: text('pathway'),
    method: text('method') || defaults.method,
    reference: text('reference'),
    minMoe: text('minMoe'),
    usePropInMoe: text('usePropInMoe') === 'true',
    cutoff: text('cutoff'),
    minN: text('minN'),
    by: by === 'region' || by === 'none' ? by : 'county',
    year: text('year'),
    mapGroup: text('mapGroup'),
  };
}

/** The address parameters of a state: only what differs from the defaults, in a fixed order. */
export function stateToSearch(state: EquityState): URLSearchParams {
  const search = new URLSearchParams();
  for (const [field, key] of Object.entries(keys) as [keyof EquityState, string][]) {
    const value = state[field];
    if (value === defaults[field]) continue;
    if (typeof value === 'boolean') search.set(key, String(value));
    else if (value.trim() !== '') search.set(key, value.trim());
  }
  return search;
}

export function equityHref(state: EquityState): string {
  const query = stateToSearch(state).toString();
  return query ? `/data?${query}` : '/data';
}

function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** What the page asks GET /api/v1/equity; empty fields are left to the server's defaults. */
export function equityQuery(state: EquityState): QueryOf<'getEquity'> {
  const method = state.method as EquityMethod;
  return {
    outcome: state.outcome as Outcome,
    group: state.group,
    cohort: state.cohort === 'none' ? 'none' : undefined,
    from: state.from || undefined,
    to: state.to || undefined,
    region: state.region || undefined,
    county: state.county || undefined,
    organization: state.organization || undefined,
    sector: state.sector || undefined,
    pathway: state.pathway || undefined,
    method: state.method === defaults.method ? undefined : method,
    reference: method === 'prop-index' ? undefined : state.reference || undefined,
    min_moe: method === 'ppg' ? numberOrUndefined(state.minMoe) : undefined,
    use_prop_in_moe: method === 'ppg' && state.usePropInMoe ? true : undefined,
    cutoff: method === 'ppg' ? undefined : numberOrUndefined(state.cutoff),
    min_n: numberOrUndefined(state.minN),
    by: state.by === 'none' ? undefined : state.by,
  };
}

/** The place analysed: at most one of region, county and organization. */
export type PlaceKind = 'state' | 'region' | 'county' | 'organization';

export function placeKind(state: EquityState): PlaceKind {
  if (state.organization) return 'organization';
  if (state.county) return 'county';
  if (state.region) return 'region';
  return 'state';
}
