// The labor-market page's state lives in its address, so a link reproduces
// the view: the question uses the API's own parameter names (region, county,
// sector, pathway, program, soc, split, education, demand, household, sort)
// and one more, `map`, says how the map is drawn.
import type { LaborGapQuery } from '../../api/labor-pathways';

export const splits = ['openings', 'equal', 'employment', 'full'] as const;
export const educations = ['sub_baccalaureate', 'bachelor_plus', 'all'] as const;
export const demands = ['regional', 'national_scaled'] as const;
export const sorts = ['gap', 'demand', 'supply', 'wage'] as const;
export const mapLevels = ['region', 'county', 'none'] as const;

export type MapLevel = (typeof mapLevels)[number];

export interface LaborState {
  region: string;
  /** One county FIPS, or several separated by commas (the API takes both). */
  county: string;
  sector: string;
  pathway: string;
  program: string;
  soc: string;
  split: string;
  education: string;
  demand: string;
  household: string;
  sort: string;
  map: MapLevel;
}

export const defaults: LaborState = {
  region: '',
  county: '',
  sector: '',
  pathway: '',
  program: '',
  soc: '',
  split: 'openings',
  education: 'sub_baccalaureate',
  demand: 'regional',
  household: '',
  sort: 'gap',
  map: 'region',
};

// In this order in the address.
const fields = Object.keys(defaults) as (keyof LaborState)[];

const param = (search: URLSearchParams, name: string) => (search.get(name) ?? '').trim();

/**
 * The state an address describes. Values are taken as written, so an
 * unknown region or a bad split reaches the server, whose 400 says what is
 * wrong; only the map level, which the page alone uses, is checked here.
 */
export function parseState(search: URLSearchParams): LaborState {
  const state = { ...defaults };
  for (const f of fields) {
    if (f === 'map') continue;
    state[f] = param(search, f) || defaults[f];
  }
  const map = param(search, 'map');
  state.map = (mapLevels as readonly string[]).includes(map) ? (map as MapLevel) : defaults.map;
  return state;
}

/** The address parameters of a state: what differs from the defaults, in a fixed order. */
export function stateToSearch(state: LaborState): URLSearchParams {
  const search = new URLSearchParams();
  for (const f of fields) {
    const value = state[f].trim();
    if (value !== '' && value !== defaults[f]) search.set(f, value);
  }
  return search;
}

export function laborHref(state: LaborState): string {
  const query = stateToSearch(state).toString();
  return query ? `/labor-market?${query}` : '/labor-market';
}

/**
 * What the page asks GET /api/v1/labor/gap. A pathway is asked without its
 * sector (the address keeps both, so the form shows the sector), and the
 * defaults are left to the server.
 */
export function laborQuery(state: LaborState): LaborGapQuery {
  const differs = (f: 'split' | 'education' | 'demand' | 'sort') =>
    state[f] && state[f] !== defaults[f] ? (state[f] as never) : undefined;
  return {
    region: state.county ? undefined : state.region || undefined,
    county: state.county || undefined,
    sector: state.pathway ? undefined : state.sector || undefined,
    pathway: state.pathway || undefined,
    program: state.program || undefined,
    soc: state.soc || undefined,
    split: differs('split'),
    education: differs('education'),
    demand: differs('demand'),
    household: state.household || undefined,
    sort: differs('sort'),
  };
}

export type PlaceKind = 'state' | 'region' | 'county';
export type LookAt = 'all' | 'sector' | 'program' | 'soc';

export function placeKind(state: LaborState): PlaceKind {
  return state.county ? 'county' : state.region ? 'region' : 'state';
}

export function lookAt(state: LaborState): LookAt {
  if (state.soc) return 'soc';
  if (state.program) return 'program';
  if (state.sector || state.pathway) return 'sector';
  return 'all';
}
