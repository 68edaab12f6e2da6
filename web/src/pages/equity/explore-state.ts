// The Explore view of /data (?tab=explore): a table from POST /api/v1/query.
// Its state is in the address too: the group-by dimensions, the measures (by
// the name of the column each makes), the school years and two filters.
import type { Dimension, QueryMeasure, QuerySpec } from '../../api/types.gen';
import { param, studentGroups } from './state';

export const exploreDimensions: Dimension[] = [
  'school_year',
  'region',
  'county',
  'sector',
  'pathway',
  'grade_level',
  'cte_status',
  'wbl_type',
  ...studentGroups,
  'organization',
];

/** Each measure the view offers, by the column it adds, with the spec that asks for it. */
export const exploreMeasures: Record<string, QueryMeasure> = {
  count: { op: 'count' },
  distinct_students: { op: 'distinct_students' },
  completer_rate: { op: 'rate', outcome: 'completer' },
  concentrator_rate: { op: 'rate', outcome: 'concentrator' },
  credential_rate: { op: 'rate', outcome: 'credential' },
  graduate_rate: { op: 'rate', outcome: 'graduate' },
  postsecondary_rate: { op: 'rate', outcome: 'postsecondary' },
  employed_rate: { op: 'rate', outcome: 'employed' },
  wbl_rate: { op: 'rate', outcome: 'wbl' },
  dual_enrollment_rate: { op: 'rate', outcome: 'dual_enrollment' },
  de_units_mean: { op: 'mean', measure: 'de_units' },
  wbl_hours_sum: { op: 'sum', measure: 'wbl_hours' },
  wage_median: { op: 'median', measure: 'wage' },
};

export const maxGroupBy = 3;
export const rowLimit = 1000;

export interface ExploreState {
  groupBy: string[];
  measures: string[];
  from: string;
  to: string;
  region: string;
  sector: string;
}

export const exploreDefaults: ExploreState = {
  groupBy: ['region'],
  measures: ['count', 'completer_rate'],
  from: '',
  to: '',
  region: '',
  sector: '',
};

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function parseExplore(search: URLSearchParams): ExploreState {
  const groupBy = search.has('group_by') ? list(param(search, 'group_by')).slice(0, maxGroupBy) : exploreDefaults.groupBy;
  const measures = search.has('measures') ? list(param(search, 'measures')) : exploreDefaults.measures;
  return {
    groupBy,
    measures: measures.length > 0 ? measures : exploreDefaults.measures,
    from: param(search, 'from'),
    to: param(search, 'to'),
    region: param(search, 'region'),
    sector: param(search, 'sector'),
  };
}

export function exploreHref(state: ExploreState): string {
  const search = new URLSearchParams({ tab: 'explore' });
  search.set('group_by', state.groupBy.join(','));
  if (state.measures.join(',') !== exploreDefaults.measures.join(',')) search.set('measures', state.measures.join(','));
  for (const k of ['from', 'to', 'region', 'sector'] as const) if (state[k]) search.set(k, state[k]);
  return `/data?${search}`;
}

/** "2020-21" → 2021, the ending year the engine stores; anything else as written. */
export function endingYear(label: string): number | string {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  return m ? Number(m[1]) + 1 : label;
}

/** The query specification of a state; an unknown measure or dimension goes as written, for the server to refuse. */
export function exploreSpec(state: ExploreState): QuerySpec {
  const filters: NonNullable<QuerySpec['filters']> = [];
  if (state.from || state.to) {
    filters.push({
      dim: 'school_year',
      ...(state.from ? { min: endingYear(state.from) } : {}),
      ...(state.to ? { max: endingYear(state.to) } : {}),
    });
  }
  if (state.region) filters.push({ dim: 'region', in: [state.region] });
  if (state.sector) filters.push({ dim: 'sector', in: [state.sector] });
  const measures = state.measures.map((m) => exploreMeasures[m] ?? ({ op: m } as unknown as QueryMeasure));
  return {
    filters,
    group_by: state.groupBy as Dimension[],
    measures,
    limit: rowLimit,
  };
}
