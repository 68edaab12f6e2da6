import { resolveObjectURL } from 'node:buffer';
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { click, flush, pageUnderTest, submit, typeInto, unmount, type FakeRequest, type FakeResponse } from '../test-utils';
import Equity from './Equity';
import { equityCsv } from './equity/prepare';
import { equityResult, referenceAnswers } from './equity/test-fixtures';

let equityAnswer: (req: FakeRequest) => FakeResponse;
const page = pageUnderTest('/data', (req) => {
  if (req.url.pathname === '/api/v1/equity') return equityAnswer(req);
  if (req.url.pathname in referenceAnswers) return { body: referenceAnswers[req.url.pathname] };
  return { status: 404, body: { error: { code: 'not_found', message: 'no such thing' } } };
});


beforeEach(() => {
  equityAnswer = () => ({ body: equityResult() });
});

const equityRequests = () => page.seen.filter((r) => r.url.pathname === '/api/v1/equity');
const lastEquityQuery = () => Object.fromEntries(equityRequests().at(-1)?.url.searchParams ?? []);
const row = (cohort: string, group: string) =>
  page.container?.querySelector(`.equity-table tr[data-cohort="${cohort}"][data-group="${group}"]`) as HTMLTableRowElement | null;
const select = (id: string) => page.container?.querySelector(`#${id}`) as HTMLSelectElement;

describe('Data & equity page', () => {
  it('asks for the default view: completion by race/ethnicity with PPG-1, mapped by county', async () => {
    const container = page.mount(<Equity />);
    await flush(5);
    expect(container.querySelector('h1')?.textContent).toBe(en.areas.equity);
    expect(lastEquityQuery()).toEqual({ outcome: 'completer', group: 'race_ethnicity', by: 'county' });
    expect(container.querySelector('.result-summary')?.textContent).toContain(en.equity.flaggedCount(1, '2023-24'));
    expect(container.querySelector('.result-summary')?.textContent).toContain('Bay Area region, 2022-23 to 2023-24');
  });

  it('marks a flagged group by symbol and words, not colour alone: table, chart and the numbers needed', async () => {
    const container = page.mount(<Equity />);
    await flush();
    const flaggedRow = row('2023-24', 'black_african_american');
    expect(flaggedRow?.getAttribute('data-flag')).toBe('true');
    expect(flaggedRow?.querySelector('.flag-di')?.textContent).toBe('▲ ' + en.equity.flagYes);
    expect(row('2023-24', 'asian')?.textContent).toContain(en.equity.flagNo);
    expect(row('2023-24', '')?.textContent).toContain(en.equity.flagTooFew);
    expect(row('2023-24', 'white')?.textContent).toContain(en.equity.flagNoReference);

    const chart = container.querySelector('svg.gap-chart') as SVGElement;
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.getAttribute('aria-label')).toBe(en.equity.chartAria(en.equity.outcomes.completer as string, '2023-24'));
    const texts = [...chart.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toContain(en.equity.flagMark);
    expect(texts).toContain(en.equity.tooFewMark);
    expect(texts).toContain(en.equity.withheldMark(en.equity.shortReason.complementary));

    const needed = [...container.querySelectorAll('.needed-list li')].map((li) => li.textContent);
    expect(needed[0]).toBe('▲ ' + en.equity.neededFlagged('Black or African American', '29', '48'));
  });

  it('shows a withheld group as "—" with its reason, in the table and in words', async () => {
    const container = page.mount(<Equity />);
    await flush();
    const withheld = row('2022-23', 'native_hawaiian_pacific_islander');
    expect(withheld?.getAttribute('data-suppressed')).toBe('true');
    const button = withheld?.querySelector('.suppressed-value') as HTMLButtonElement;
    expect(button).not.toBeNull();
    const tip = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(tip?.textContent).toBe(en.suppressedReason.below_min_n('11'));
    expect(withheld?.querySelector('.withheld-reason')?.textContent).toBe(en.equity.shortReason.below_min_n('11'));
    // Its rate, reference and gap are dashes, not zeros.
    const cells = [...(withheld?.querySelectorAll('td.num') ?? [])].slice(2).map((td) => td.textContent);
    expect(cells.every((c) => c === '—')).toBe(true);
  });

  it('offers the table as CSV, named for what it holds', async () => {
    const container = page.mount(<Equity />);
    await flush();
    const link = [...container.querySelectorAll('a[download]')][0] as HTMLAnchorElement;
    expect(link.textContent).toBe(en.equity.download);
    expect(link.getAttribute('download')).toBe('pathlight-equity-completer-race_ethnicity-ppg.csv');
    const href = link.getAttribute('href') ?? '';
    // The link holds the CSV itself (a blob: address in browsers and in Node).
    expect(href.startsWith('blob:')).toBe(true);
    const blob = resolveObjectURL(href);
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    expect(await blob?.text()).toBe(equityCsv(equityResult()));
  });

  it('puts the choices in the address on "Show", and asks the API for them', async () => {
    const container = page.mount(<Equity />);
    await flush();
    typeInto(select('eq-outcome'), 'wbl');
    typeInto(select('eq-group'), 'race_ethnicity*gender');
    click(container.querySelector('input[name="eq-place"][value="county"]'));
    await flush();
    typeInto(select('eq-county'), '06003');
    click(container.querySelector('input[name="eq-method"][value="80-index"]'));
    await flush();
    typeInto(select('eq-reference'), 'overall');
    typeInto(select('eq-from'), '2021-22');
    submit(container.querySelector('form.equity-form'));
    await flush();
    const here = new URL(window.location.href);
    expect(here.pathname).toBe('/data');
    // The address and the API use the same names; the API is told the map's default too.
    const question = { outcome: 'wbl', group: 'race_ethnicity*gender', from: '2021-22', county: '06003', method: '80-index', reference: 'overall' };
    expect(Object.fromEntries(here.searchParams)).toEqual(question);
    expect(lastEquityQuery()).toEqual({ ...question, by: 'county' });
  });

  it('an address restores the view: fields, the year shown and the link to share', async () => {
    window.history.replaceState(
      null,
      '',
      '/data?outcome=credential&group=gender&region=BA&sector=HEA&pathway=HEA-PT&method=ppg&reference=hpg&by=region&year=2022-23',
    );
    const container = page.mount(<Equity />);
    await flush(5);
    expect(select('eq-outcome').value).toBe('credential');
    expect(select('eq-group').value).toBe('gender');
    expect((container.querySelector('input[name="eq-place"][value="region"]') as HTMLInputElement).checked).toBe(true);
    expect(select('eq-region').value).toBe('BA');
    expect(select('eq-sector').value).toBe('HEA');
    expect(select('eq-pathway').value).toBe('HEA-PT');
    expect(select('eq-reference').value).toBe('hpg');
    expect(select('eq-by').value).toBe('region');
    expect(select('eq-year').value).toBe('2022-23');
    expect(lastEquityQuery()).toEqual({
      outcome: 'credential',
      group: 'gender',
      region: 'BA',
      sector: 'HEA',
      pathway: 'HEA-PT',
      reference: 'hpg',
      by: 'region',
    });
    expect((container.querySelector('#eq-link') as HTMLInputElement).value).toBe(window.location.href);
    // The chart shows the year of the address.
    expect(container.querySelector('svg.gap-chart')?.getAttribute('aria-label')).toContain('2022-23');
    // Choosing another year changes the address, not the question: no new request.
    const before = equityRequests().length;
    typeInto(select('eq-year'), '2023-24');
    await flush();
    expect(new URL(window.location.href).searchParams.get('year')).toBe('2023-24');
    expect(equityRequests().length).toBe(before);
  });

  it('draws the map of the gaps with the first flagged group, flagged places marked and withheld ones explained', async () => {
    const container = page.mount(<Equity />);
    await flush();
    expect(select('eq-map-group').value).toBe('black_african_american');
    const alameda = container.querySelector('.map-canvas a[data-fips="06001"]');
    expect(alameda?.getAttribute('aria-label')).toBe(en.equity.mapPlaceGap('Alameda', '−8.0 points', true));
    const sf = container.querySelector('.map-canvas a[data-fips="06075"]');
    expect(sf?.getAttribute('aria-label')).toBe(en.equity.mapPlaceWithheld('San Francisco', en.equity.shortReason.below_min_n('11')));
    // Each place opens the same question for that place alone.
    const href = alameda?.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? alameda?.getAttribute('href');
    expect(href).toBe('/data?county=06001');
    expect(container.querySelector('.map-legend')?.textContent).toContain(en.equity.mapMarked);
  });

  it('says what the server refused (400) in an alert, and lets the person try again', async () => {
    equityAnswer = () => ({
      status: 400,
      body: { error: { code: 'invalid_argument', message: 'outcome: unknown outcome "dropout"', details: { parameter: 'outcome' } } },
    });
    window.history.replaceState(null, '', '/data?outcome=dropout');
    const container = page.mount(<Equity />);
    await flush();
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(en.errorHttpBody(400, 'outcome: unknown outcome "dropout"'));
    expect(container.querySelector('.equity-table')).toBeNull();
    // The form and the explanation of the methods stay, so the person can fix the question.
    expect(container.querySelector('form.equity-form')).not.toBeNull();
    expect(container.textContent).toContain(en.equity.methodsHeading);
    equityAnswer = () => ({ body: equityResult() });
    click(alert?.querySelector('button') ?? null);
    await flush();
    expect(container.querySelector('.equity-table')).not.toBeNull();
  });

  it('waits while the snapshot is built (503), but says so when its build failed', async () => {
    const building = 'The analytics snapshot is being built; try again in a moment';
    const failed = "The analytics snapshot could not be built (the job's message says why); it is tried again in a while, and at once after the next import";
    equityAnswer = () => ({ status: 503, body: { error: { code: 'unavailable', message: building, details: { job_id: 'job-1' } } } });
    const container = page.mount(<Equity />);
    await flush();
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.querySelector('.loading')).not.toBeNull();
    equityAnswer = () => ({
      status: 503,
      body: { error: { code: 'unavailable', message: failed, details: { job_id: 'job-1', build_failed: true } } },
    });
    unmount(container);
    const remount = page.mount(<Equity />);
    await flush();
    expect(remount.querySelector('[role="alert"]')?.textContent).toContain(en.errorHttpBody(503, failed));
    expect(remount.querySelector('.loading')).toBeNull();
  });

  it('says so when the population has no students', async () => {
    equityAnswer = () => ({ body: equityResult({ cohorts: [], places: [] }) });
    const container = page.mount(<Equity />);
    await flush();
    expect(container.querySelector('.result-summary')?.textContent).toContain(en.equity.noCohorts);
    expect(container.querySelector('svg.gap-chart')).toBeNull();
  });
});
