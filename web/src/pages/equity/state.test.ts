import { describe, expect, it } from 'vitest';
import { buildUrl } from '../../api/client';
import { defaults, equityHref, equityQuery, parseState, placeKind, stateToSearch, type EquityState } from './state';

const full: EquityState = {
  outcome: 'wbl',
  group: 'race_ethnicity*gender',
  cohort: 'none',
  from: '2020-21',
  to: '2023-24',
  region: '',
  county: '06003',
  organization: '',
  sector: 'HEA',
  pathway: 'HEA-PT',
  method: '80-index',
  reference: 'overall',
  minMoe: '',
  usePropInMoe: false,
  cutoff: '0.75',
  minN: '20',
  by: 'region',
  year: '2022-23',
  mapGroup: 'hispanic_latino*female',
};

describe('equity page address', () => {
  it('an empty address is the default view: completion by race/ethnicity, PPG-1, mapped by county', () => {
    expect(parseState(new URLSearchParams())).toEqual(defaults);
    expect(equityHref(defaults)).toBe('/data');
  });

  it('round-trips every field through the address', () => {
    const href = equityHref(full);
    const back = parseState(new URL(href, 'http://x').searchParams);
    expect(back).toEqual(full);
    // The intersection and the reference keyword survive encoding.
    const ppg = { ...full, method: 'ppg', reference: 'all but current', usePropInMoe: true, minMoe: '0.02' };
    expect(parseState(new URL(equityHref(ppg), 'http://x').searchParams)).toEqual(ppg);
  });

  it('writes only what differs from the defaults, with the API parameter names', () => {
    const search = stateToSearch({ ...defaults, outcome: 'graduate', minN: '15', mapGroup: '_missing' });
    expect(search.toString()).toBe('outcome=graduate&min_n=15&map_group=_missing');
    expect(stateToSearch({ ...defaults, by: 'none' }).get('by')).toBe('none');
  });

  it('takes unknown values as written (the server says what is wrong) but only known map levels', () => {
    const state = parseState(new URLSearchParams('outcome=dropout&method=magic&by=planet&cohort=weekly'));
    expect(state.outcome).toBe('dropout');
    expect(state.method).toBe('magic');
    expect(state.by).toBe('county');
    expect(state.cohort).toBe('school_year');
  });

  it('asks the API only what the method uses', () => {
    expect(equityQuery(defaults)).toEqual({
      outcome: 'completer',
      group: 'race_ethnicity',
      cohort: undefined,
      from: undefined,
      to: undefined,
      region: undefined,
      county: undefined,
      organization: undefined,
      sector: undefined,
      pathway: undefined,
      method: undefined,
      reference: undefined,
      min_moe: undefined,
      use_prop_in_moe: undefined,
      cutoff: undefined,
      min_n: undefined,
      by: 'county',
    });
    const q = equityQuery(full);
    expect(q).toMatchObject({ method: '80-index', reference: 'overall', cutoff: 0.75, min_n: 20, cohort: 'none', by: 'region' });
    expect(q.min_moe).toBeUndefined();
    const prop = equityQuery({ ...full, method: 'prop-index', reference: 'hpg', minMoe: '0.05', by: 'none' });
    expect(prop.reference).toBeUndefined();
    expect(prop.min_moe).toBeUndefined();
    expect(prop.by).toBeUndefined();
    // A number that is not one is left to the server's default rather than sent as NaN.
    expect(equityQuery({ ...defaults, minMoe: 'abc', minN: '12' })).toMatchObject({ min_moe: undefined, min_n: 12 });
  });

  it('the API address carries the view’s question and not its display choices', () => {
    const url = buildUrl('getEquity', { query: equityQuery(full) });
    const params = new URL(url, 'http://x').searchParams;
    expect(params.get('group')).toBe('race_ethnicity*gender');
    expect(params.has('year')).toBe(false);
    expect(params.has('map_group')).toBe(false);
  });

  it('names the place analysed: organization before county before region', () => {
    expect(placeKind(defaults)).toBe('state');
    expect(placeKind({ ...defaults, region: 'BA' })).toBe('region');
    expect(placeKind({ ...defaults, region: 'BA', county: '06001' })).toBe('county');
    expect(placeKind({ ...defaults, organization: 'DIST-1', county: '06001' })).toBe('organization');
  });
});
