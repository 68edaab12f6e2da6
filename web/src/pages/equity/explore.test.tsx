import { beforeEach, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../api/types.gen';
import { en } from '../../i18n/en';
import { click, flush, pageUnderTest, submit, typeInto, type FakeRequest, type FakeResponse } from '../../test-utils';
import Equity from '../Equity';
import { endingYear, exploreDefaults, exploreHref, exploreSpec, parseExplore } from './explore-state';
import { referenceAnswers } from './test-fixtures';

let queryAnswer: (req: FakeRequest) => FakeResponse;
const page = pageUnderTest('/data?tab=explore&group_by=region,race_ethnicity', (req) => {
  if (req.url.pathname === '/api/v1/query') return queryAnswer(req);
  if (req.url.pathname in referenceAnswers) return { body: referenceAnswers[req.url.pathname] };
  return { status: 404, body: { error: { code: 'not_found', message: 'no' } } };
});

const pc = (value: number | null, reason: '' | 'below_min_n' | 'complementary' = '') =>
  value === null ? { value: null, suppressed: true, reason } : { value, suppressed: false, reason: '' };

const answer: QueryResult = {
  data_version: 'v-test-1',
  min_n: 11,
  group_by: ['region', 'race_ethnicity'],
  columns: [
    { name: 'region', kind: 'dimension' },
    { name: 'race_ethnicity', kind: 'dimension' },
    { name: 'count', kind: 'count' },
    { name: 'completer_sum', kind: 'count' },
    { name: 'completer_n', kind: 'count' },
    { name: 'completer_rate', kind: 'rate' },
  ],
  rows: [
    {
      region: 'BA',
      region_label: 'Bay Area',
      race_ethnicity: 'asian',
      race_ethnicity_label: 'Asian',
      count: pc(1200),
      completer_sum: pc(492),
      completer_n: pc(1200),
      completer_rate: { value: 0.41, suppressed: false, reason: '' },
    },
    {
      region: 'BA',
      region_label: 'Bay Area',
      race_ethnicity: null,
      race_ethnicity_label: null,
      count: pc(null, 'below_min_n'),
      completer_sum: pc(null, 'below_min_n'),
      completer_n: pc(null, 'below_min_n'),
      completer_rate: { value: null, suppressed: true, reason: 'below_min_n' },
    },
  ],
  suppression: { cells_withheld: 4, exact: false },
};

beforeEach(() => {
  queryAnswer = () => ({ body: answer });
});

const queries = () => page.seen.filter((r) => r.url.pathname === '/api/v1/query');

describe('explore address and query', () => {
  it('round-trips through the address, defaults included', () => {
    const state = { groupBy: ['school_year', 'gender'], measures: ['count', 'wage_median'], from: '2021-22', to: '2023-24', region: 'BA', sector: 'HEA' };
    expect(parseExplore(new URL(exploreHref(state), 'http://x').searchParams)).toEqual(state);
    expect(parseExplore(new URL(exploreHref(exploreDefaults), 'http://x').searchParams)).toEqual(exploreDefaults);
    expect(parseExplore(new URLSearchParams('tab=explore&group_by=a,b,c,d')).groupBy).toEqual(['a', 'b', 'c']);
  });

  it('makes the query specification of the contract: school years as ending years, filters, measures', () => {
    expect(endingYear('2020-21')).toBe(2021);
    expect(endingYear('soon')).toBe('soon');
    expect(exploreSpec({ groupBy: ['region'], measures: ['count', 'completer_rate', 'de_units_mean'], from: '2020-21', to: '', region: 'BA', sector: '' })).toEqual({
      filters: [
        { dim: 'school_year', min: 2021 },
        { dim: 'region', in: ['BA'] },
      ],
      group_by: ['region'],
      measures: [{ op: 'count' }, { op: 'rate', outcome: 'completer' }, { op: 'mean', measure: 'de_units' }],
      limit: 1000,
    });
  });
});

describe('explore view', () => {
  it('posts the specification and shows the table: labels, counts, rates, withheld cells with their reason', async () => {
    const container = page.mount(<Equity />);
    await flush();
    expect(container.querySelector('.view-tabs a[aria-current="page"]')?.textContent).toBe(en.explore.exploreTab);
    const request = queries()[0];
    expect(request?.method).toBe('POST');
    expect(request?.body).toEqual({
      filters: [],
      group_by: ['region', 'race_ethnicity'],
      measures: [{ op: 'count' }, { op: 'rate', outcome: 'completer' }],
      limit: 1000,
    });
    const headers = [...container.querySelectorAll('.explore-table thead th')].map((th) => th.textContent);
    expect(headers).toEqual([
      en.explore.dims.region,
      en.explore.dims.race_ethnicity,
      en.explore.measureNames.count,
      en.explore.columnSum(en.explore.measureNames.completer_rate as string),
      en.explore.columnN(en.explore.measureNames.completer_rate as string),
      en.explore.measureNames.completer_rate,
    ]);
    const rows = [...container.querySelectorAll('.explore-table tbody tr')];
    expect([...(rows[0]?.querySelectorAll('th, td') ?? [])].map((c) => c.textContent)).toEqual(['Bay Area', 'Asian', '1,200', '492', '1,200', '41.0%']);
    expect(rows[1]?.querySelector('td')?.textContent).toBe(en.explore.notReported);
    const dashes = rows[1]?.querySelectorAll('.suppressed-value') ?? [];
    expect(dashes).toHaveLength(4);
    const tip = document.getElementById((dashes[3] as Element).getAttribute('aria-describedby') ?? '');
    expect(tip?.textContent).toBe(en.suppressedReason.below_min_n('11'));
    expect(container.querySelector('.result-summary')?.textContent).toContain(en.explore.withheldCells('4'));
  });

  it('puts the choices in the address and asks again', async () => {
    const container = page.mount(<Equity />);
    await flush();
    typeInto(container.querySelector('#ex-group-1'), 'gender');
    click(container.querySelector('input[value="wage_median"]'));
    typeInto(container.querySelector('#ex-from'), '2022-23');
    submit(container.querySelector('form.explore-form'));
    await flush();
    const here = new URL(window.location.href);
    expect(Object.fromEntries(here.searchParams)).toEqual({
      tab: 'explore',
      group_by: 'region,gender',
      measures: 'count,completer_rate,wage_median',
      from: '2022-23',
    });
    expect(queries().at(-1)?.body).toMatchObject({
      filters: [{ dim: 'school_year', min: 2023 }],
      group_by: ['region', 'gender'],
      measures: [{ op: 'count' }, { op: 'rate', outcome: 'completer' }, { op: 'median', measure: 'wage' }],
    });
  });

  it('shows the server’s refusal of a bad specification (400) in an alert', async () => {
    queryAnswer = () => ({ status: 400, body: { error: { code: 'invalid_argument', message: 'group_by[0]: unknown dimension "planet"' } } });
    window.history.replaceState(null, '', '/data?tab=explore&group_by=planet');
    const container = page.mount(<Equity />);
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(en.errorHttpBody(400, 'group_by[0]: unknown dimension "planet"'));
  });
});
