import { describe, expect, it } from 'vitest';
import { defaults, laborHref, laborQuery, lookAt, parseState, placeKind, stateToSearch } from './state';

const parse = (query: string) => parseState(new URLSearchParams(query));

describe('labor page address', () => {
  it('an empty address is the default view, and the default view is an empty address', () => {
    expect(parse('')).toEqual(defaults);
    expect(laborHref(defaults)).toBe('/labor-market');
    expect(laborQuery(defaults)).toEqual({
      region: undefined,
      county: undefined,
      sector: undefined,
      pathway: undefined,
      program: undefined,
      soc: undefined,
      split: undefined,
      education: undefined,
      demand: undefined,
      household: undefined,
      sort: undefined,
    });
  });

  it('round-trips every field, in a fixed order, leaving the defaults out', () => {
    const query =
      'region=BA&sector=HSM&pathway=HSM-04&split=equal&education=all&demand=national_scaled&household=2a2c&sort=wage&map=county';
    const state = parse(query);
    expect(state).toMatchObject({ region: 'BA', sector: 'HSM', pathway: 'HSM-04', split: 'equal', map: 'county' });
    expect(stateToSearch(state).toString()).toBe(query);
    expect(stateToSearch(parse('split=openings&education=sub_baccalaureate&sort=gap&map=region')).toString()).toBe('');
  });

  it('asks the API a pathway without its sector, and a county without a region', () => {
    expect(laborQuery(parse('region=BA&county=06001,06013&sector=HSM&pathway=HSM-04'))).toMatchObject({
      region: undefined,
      county: '06001,06013',
      sector: undefined,
      pathway: 'HSM-04',
    });
    expect(laborQuery(parse('sector=HSM'))).toMatchObject({ sector: 'HSM', pathway: undefined });
  });

  it('passes unknown values as written, for the server to refuse, but keeps its own map level valid', () => {
    const state = parse('split=half&education=phd&region=ZZ&program=TOP:9999&soc=29-1141&map=planet');
    expect(laborQuery(state)).toMatchObject({ split: 'half', education: 'phd', region: 'ZZ', program: 'TOP:9999', soc: '29-1141' });
    expect(state.map).toBe('region');
  });

  it('says where and what the address looks at', () => {
    expect(placeKind(parse(''))).toBe('state');
    expect(placeKind(parse('region=BA'))).toBe('region');
    expect(placeKind(parse('region=BA&county=06001'))).toBe('county');
    expect(lookAt(parse(''))).toBe('all');
    expect(lookAt(parse('pathway=HSM-04'))).toBe('sector');
    expect(lookAt(parse('program=TOP:1230.20'))).toBe('program');
    expect(lookAt(parse('soc=29-2061&sector=HSM'))).toBe('soc');
  });
});
