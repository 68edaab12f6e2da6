import { resolveObjectURL } from 'node:buffer';
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { referenceByPath } from '../reference-fixtures';
import { click, flush, pageUnderTest, submit, typeInto, type FakeRequest, type FakeResponse } from '../test-utils';
import Labor from './Labor';
import { laborCsv } from './labor/prepare';
import { laborGap, nationalGap, placeGap } from './labor/test-fixtures';

let gapAnswer: (req: FakeRequest) => FakeResponse;
// The places of the reference lists answer as the map expects (a gap that
// differs by place; North/Far North and Alpine fail, so they have no data);
// anything else (statewide, an unknown place) gets the test's answer.
const knownPlaces = new Set(['BA', 'CVML', 'NFN', '06001', '06003', '06019', '06075', '06093']);
const page = pageUnderTest('/labor-market', (req) => {
  if (req.url.pathname === '/api/v1/labor/gap') {
    const place = req.url.searchParams.get('county') ?? req.url.searchParams.get('region');
    if (place && knownPlaces.has(place)) {
      const answer = placeGap(place);
      return answer ? { body: answer } : { status: 500, body: { error: { code: 'internal', message: 'boom' } } };
    }
    return gapAnswer(req);
  }
  if (req.url.pathname in referenceByPath) return { body: referenceByPath[req.url.pathname] };
  return { status: 404, body: { error: { code: 'not_found', message: 'no such thing' } } };
});

beforeEach(() => {
  gapAnswer = () => ({ body: laborGap() });
});

const gapRequests = () => page.seen.filter((r) => r.url.pathname === '/api/v1/labor/gap');
const queryOf = (r: FakeRequest | undefined) => Object.fromEntries(r?.url.searchParams ?? []);
const select = (id: string) => page.container?.querySelector(`#${id}`) as HTMLSelectElement;
const row = (soc: string) => page.container?.querySelector(`.labor-table tr[data-soc="${soc}"]`) as HTMLTableRowElement | null;

describe('Labor market page', () => {
  it('asks for the default view (statewide, the server\'s defaults) and shows where the openings come from', async () => {
    window.history.replaceState(null, '', '/labor-market?map=none');
    const container = page.mount(<Labor />);
    await flush(5);
    expect(container.querySelector('h1')?.textContent).toBe(en.areas.labor);
    expect(gapRequests()).toHaveLength(1);
    expect(queryOf(gapRequests()[0])).toEqual({});
    expect(container.querySelector('.map')).toBeNull();
    // The source of the openings is on screen, not folded away.
    const source = container.querySelector('.demand-source') as HTMLElement;
    expect(source.closest('details')).toBeNull();
    expect(source.textContent).toContain(en.labor.sourceHeading);
    expect(source.querySelector('.demand-source-label')?.textContent).toBe('Synthetic regional projections (demo data)');
    expect(source.textContent).toContain(en.labor.supplyYears('2022–2024'));
    expect(source.textContent).not.toContain(en.labor.sourceNational);
    const summary = container.querySelector('.result-summary')?.textContent ?? '';
    expect(summary).toContain(en.labor.summary('Bay Area', 'Health Science and Medical Technology'));
    expect(summary).toContain(en.labor.totals('546', '338', '+208'));
    expect(summary).toContain(en.labor.livingWage('$24.10', '$50,128', 'one adult with no children'));
  });

  it('ranks the occupations by gap, with wages against the living wage and every flag in words', async () => {
    window.history.replaceState(null, '', '/labor-market?map=none');
    const container = page.mount(<Labor />);
    await flush(5);
    const socs = [...container.querySelectorAll('.labor-table tbody tr')].map((tr) => tr.getAttribute('data-soc'));
    expect(socs).toEqual(['31-9092', '29-2052', '29-2061', '29-2099', '29-2034', '31-1131']);
    const ma = row('31-9092');
    expect(ma?.querySelector('th')?.textContent).toContain('Medical Assistants');
    expect(ma?.querySelector('.wage-below')?.textContent).toBe('▼ ' + en.labor.comparison.below);
    expect(ma?.textContent).toContain('$21.30');
    expect(ma?.querySelector('.labor-notes')?.textContent).toBe(en.labor.flags.partial_years);
    expect(row('29-2052')?.querySelector('.labor-notes')?.textContent).toBe(en.labor.flags.no_program);
    expect(row('29-2052')?.textContent).toContain(en.labor.noPrograms);
    expect(row('29-2099')?.querySelector('.labor-notes')?.textContent).toBe(en.labor.flags.no_wage);
    expect(row('29-2099')?.querySelector('.wage-unknown')?.textContent).toBe(en.labor.comparison.unknown);
    expect(row('31-1131')?.querySelector('.labor-notes')?.textContent).toBe(en.labor.flags.demand_clamped);
    expect(row('29-2061')?.querySelector('.wage-above')?.textContent).toBe(en.labor.comparison.above);
  });

  it('labels national figures as national, in the source box and on every occupation', async () => {
    gapAnswer = () => ({ body: nationalGap() });
    window.history.replaceState(null, '', '/labor-market?demand=national_scaled&map=none');
    const container = page.mount(<Labor />);
    await flush(5);
    expect(queryOf(gapRequests()[0])).toEqual({ demand: 'national_scaled' });
    const source = container.querySelector('.demand-source') as HTMLElement;
    expect(source.classList.contains('demand-national')).toBe(true);
    expect(source.textContent).toContain('BLS national projections 2024–2034, scaled to the area (national data)');
    expect(source.textContent).toContain(en.labor.sourceNational);
    const notes = [...container.querySelectorAll('.labor-table .labor-notes')].map((td) => td.textContent ?? '');
    expect(notes.length).toBe(6);
    expect(notes.every((n) => n.startsWith(en.labor.flags.national as string))).toBe(true);
  });

  it('draws the openings chart and the wage chart as named images, "below" and "above" in words', async () => {
    window.history.replaceState(null, '', '/labor-market?map=none');
    const container = page.mount(<Labor />);
    await flush(5);
    const chart = container.querySelector('svg.labor-chart') as SVGElement;
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.getAttribute('aria-label')).toBe(en.labor.chartAria('Bay Area'));
    expect(chart.getAttribute('aria-description')).toBe(en.labor.chartDescription(6, 'Medical Assistants (+160)'));
    const chartTexts = [...chart.querySelectorAll('text')].map((t) => t.textContent);
    expect(chartTexts).toContain('+160');
    expect(chartTexts).toContain('−45.0');
    const wages = container.querySelector('svg.wage-chart') as SVGElement;
    expect(wages.getAttribute('aria-description')).toBe(
      en.labor.wageDescription(['Medical Assistants', 'Pharmacy Technicians', 'Nursing Assistants']),
    );
    const wageTexts = [...wages.querySelectorAll('text')].map((t) => t.textContent);
    expect(wageTexts.filter((w) => w === en.labor.below)).toHaveLength(3);
    expect(wageTexts.filter((w) => w === en.labor.above)).toHaveLength(2);
  });

  it('offers the whole table as CSV, named for what it holds', async () => {
    window.history.replaceState(null, '', '/labor-market?map=none');
    const container = page.mount(<Labor />);
    await flush(5);
    const link = container.querySelector('a[download]') as HTMLAnchorElement;
    expect(link.textContent).toBe(en.labor.download);
    expect(link.getAttribute('download')).toBe('pathlight-labor-BA-HSM-openings.csv');
    const blob = resolveObjectURL(link.getAttribute('href') ?? '');
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    expect(await blob?.text()).toBe(laborCsv(laborGap()));
  });

  it('puts the choices in the address on "Show" and asks the API for them (a pathway without its sector)', async () => {
    const container = page.mount(<Labor />);
    await flush(5);
    click(container.querySelector('input[name="lm-place"][value="region"]'));
    await flush();
    typeInto(select('lm-region'), 'BA');
    click(container.querySelector('input[name="lm-look"][value="sector"]'));
    await flush();
    typeInto(select('lm-sector'), 'HSM');
    await flush();
    typeInto(select('lm-pathway'), 'HSM-04');
    typeInto(select('lm-split'), 'equal');
    typeInto(select('lm-education'), 'all');
    typeInto(select('lm-demand'), 'national_scaled');
    typeInto(select('lm-sort'), 'wage');
    typeInto(select('lm-map'), 'none');
    submit(container.querySelector('form.labor-form'));
    await flush(5);
    const here = new URL(window.location.href);
    expect(here.pathname).toBe('/labor-market');
    expect(Object.fromEntries(here.searchParams)).toEqual({
      region: 'BA',
      sector: 'HSM',
      pathway: 'HSM-04',
      split: 'equal',
      education: 'all',
      demand: 'national_scaled',
      sort: 'wage',
      map: 'none',
    });
    expect(queryOf(gapRequests().at(-1))).toEqual({
      region: 'BA',
      pathway: 'HSM-04',
      split: 'equal',
      education: 'all',
      demand: 'national_scaled',
      sort: 'wage',
    });
  });

  it('an address restores the form and the link to share; a program or an occupation goes as written', async () => {
    window.history.replaceState(null, '', '/labor-market?county=06019&soc=29-2061&split=full&map=none');
    const container = page.mount(<Labor />);
    await flush(5);
    expect((container.querySelector('input[name="lm-place"][value="county"]') as HTMLInputElement).checked).toBe(true);
    expect(select('lm-county').value).toBe('06019');
    expect((container.querySelector('input[name="lm-look"][value="soc"]') as HTMLInputElement).checked).toBe(true);
    expect((container.querySelector('#lm-soc') as HTMLInputElement).value).toBe('29-2061');
    expect(select('lm-split').value).toBe('full');
    expect(queryOf(gapRequests()[0])).toEqual({ county: '06019', soc: '29-2061', split: 'full' });
    expect((container.querySelector('#lm-link') as HTMLInputElement).value).toBe(window.location.href);
    expect(container.querySelector('a.api-link')?.getAttribute('href')).toBe('/api/v1/labor/gap?county=06019&soc=29-2061&split=full');
  });

  it('maps the gap of every region with the same filter, each region a link, places without data grey', async () => {
    window.history.replaceState(null, '', '/labor-market?sector=HSM');
    const container = page.mount(<Labor />);
    await flush(10);
    const mapRequests = gapRequests().slice(1);
    expect(mapRequests.map((r) => queryOf(r)).sort((a, b) => (a.region ?? '').localeCompare(b.region ?? ''))).toEqual([
      { sector: 'HSM', region: 'BA' },
      { sector: 'HSM', region: 'CVML' },
      { sector: 'HSM', region: 'NFN' },
    ]);
    const alameda = container.querySelector('.map-canvas a[data-fips="06001"]');
    // Bay Area: 231 openings, 138.6 completers.
    expect(placeGap('BA')?.totals.gap).toBeCloseTo(92.4);
    expect(alameda?.getAttribute('aria-label')).toBe(en.labor.mapShortage('Bay Area', '92.4') + ' · Alameda');
    expect(container.querySelector('.map-canvas a[data-fips="06019"]')?.getAttribute('aria-label')).toBe(
      en.labor.mapSurplus('Central Valley/Mother Lode', '60.0') + ' · Fresno',
    );
    expect(container.querySelector('.map-canvas a[data-fips="06093"]')?.getAttribute('aria-label')).toBe(
      en.labor.mapNone('North/Far North') + ' · Siskiyou',
    );
    const href = alameda?.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? alameda?.getAttribute('href');
    expect(href).toBe('/labor-market?region=BA&sector=HSM');
    const tableRows = [...container.querySelectorAll('.labor-place-table tbody tr')].map((tr) => tr.getAttribute('data-place'));
    expect(tableRows).toEqual(['BA', 'CVML', 'NFN']);
    expect(container.querySelector('.labor-place-table tr[data-place="NFN"]')?.textContent).toContain('—');
  });

  it('maps counties when asked, one request each, each county a link to its own view', async () => {
    window.history.replaceState(null, '', '/labor-market?map=county');
    const container = page.mount(<Labor />);
    await flush(12);
    const counties = gapRequests()
      .slice(1)
      .map((r) => r.url.searchParams.get('county'))
      .sort();
    expect(counties).toEqual(['06001', '06003', '06019', '06075', '06093']);
    expect(container.querySelector('.map-canvas a[data-fips="06001"]')?.getAttribute('href') ?? container.querySelector('.map-canvas a[data-fips="06001"]')?.getAttributeNS('http://www.w3.org/1999/xlink', 'href')).toBe(
      '/labor-market?county=06001&map=county',
    );
  });

  it('with completers counted fully maps the openings, and says the totals do not add up', async () => {
    gapAnswer = () => ({ body: laborGap({ split: 'full', totals: { demand: 546, supply: null, gap: null, awards_unmatched: 0 } }) });
    window.history.replaceState(null, '', '/labor-market?split=full');
    const container = page.mount(<Labor />);
    await flush(10);
    expect(container.querySelector('.labor-totals')?.textContent).toBe(en.labor.totalsFull('546'));
    expect(container.querySelector('#lm-map-heading')?.parentElement?.textContent).toContain(en.labor.mapIntroDemand('Region'));
    const label = container.querySelector('.map-canvas a[data-fips="06001"]')?.getAttribute('aria-label') ?? '';
    expect(label.startsWith('Bay Area: ')).toBe(true);
    expect(label).toContain('openings a year');
  });

  it('says what the server refused (400) in an alert and keeps the form', async () => {
    gapAnswer = () => ({ status: 400, body: { error: { code: 'invalid_argument', message: 'region: unknown region "ZZ"' } } });
    window.history.replaceState(null, '', '/labor-market?region=ZZ&map=none');
    const container = page.mount(<Labor />);
    await flush(5);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(en.errorHttpBody(400, 'region: unknown region "ZZ"'));
    expect(container.querySelector('form.labor-form')).not.toBeNull();
    expect(container.querySelector('.labor-table')).toBeNull();
    expect(container.textContent).toContain(en.labor.methodsHeading);
  });

  it('marks a sector whose program list is still to verify', async () => {
    gapAnswer = () => ({ body: laborGap({ filter: { kind: 'sector', code: 'HSM', name: 'Health Science and Medical Technology', verified: false } }) });
    window.history.replaceState(null, '', '/labor-market?map=none');
    const container = page.mount(<Labor />);
    await flush(5);
    expect(container.querySelector('.result-summary .flag-verify')?.textContent).toBe(en.toVerify);
  });

  it('says so when no occupation matches', async () => {
    gapAnswer = () => ({ body: laborGap({ occupations: [], totals: { demand: 0, supply: 0, gap: 0, awards_unmatched: 0 } }) });
    window.history.replaceState(null, '', '/labor-market?map=none');
    const container = page.mount(<Labor />);
    await flush(5);
    expect(container.textContent).toContain(en.labor.noOccupations);
    expect(container.querySelector('svg.labor-chart')).toBeNull();
    expect(container.querySelector('a[download]')).toBeNull();
  });
});
