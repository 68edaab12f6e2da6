// The labor-market page as a person uses it: the real server on a freshly
// generated demo database (whose labor data the generator writes, labelled
// synthetic), the built web application, Debian's chromium. What the page
// shows is checked against what GET /api/v1/labor/gap answers for the same
// question, through the page's own functions (state.ts makes the question
// from the address, prepare.ts the words, the table and the CSV), so the
// tests hold for any demo data set; the area and sector shown are found
// through the API first.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { County, RegionList, Sector } from '../../web/src/api/types.gen';
import type { LaborGap, LaborGapQuery } from '../../web/src/api/labor-pathways';
import { en } from '../../web/src/i18n/en';
import { es } from '../../web/src/i18n/es';
import { csvFileName, flagWords, laborCsv, placeLabel, totalsText, type PlaceTotals } from '../../web/src/pages/labor/prepare';
import { laborQuery, parseState } from '../../web/src/pages/labor/state';
import {
  api,
  desktop,
  endDemoSession,
  openPage,
  phone,
  recordMetric,
  runAxe,
  screenshot,
  settle,
  startDemoSession,
  type DemoSession,
  type Server,
} from './support';

let session: DemoSession;
let server: Server;
let context: BrowserContext;
let regions: RegionList['regions'];
let counties: County[];
let sectors: Sector[];

/** The API's answer to the question a page address asks (as the page asks it). */
function gapFor(address: string): Promise<LaborGap> {
  const query = laborQuery(parseState(new URLSearchParams(address.split('?')[1] ?? '')));
  return gapOf(query);
}

function gapOf(query: LaborGapQuery): Promise<LaborGap> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
  const q = search.toString();
  return api<LaborGap>(server, '/api/v1/labor/gap' + (q ? `?${q}` : ''));
}

// The demo load writes the labor tables too; the gap answers once they are in.
async function laborReady(server: Server): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const r = await fetch(`${server.url}/api/v1/labor/gap`);
    if (r.status === 200 && ((await r.json()) as LaborGap).occupations.length > 0) return;
    if (r.status !== 200 && r.status !== 503) throw new Error(`GET /api/v1/labor/gap answered ${r.status}: ${await r.text()}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('GET /api/v1/labor/gap has no occupation statewide after the demo load');
}

beforeAll(async () => {
  session = await startDemoSession('labor', laborReady);
  ({ server, context } = session);
  regions = (await api<RegionList>(server, '/api/v1/reference/regions')).regions;
  counties = await api<County[]>(server, '/api/v1/reference/counties');
  sectors = await api<Sector[]>(server, '/api/v1/reference/sectors');
});

afterAll(() => endDemoSession(session ?? {}));

const open = (path: string, viewport = desktop, ctx = context) => openPage(ctx, server, path, viewport);

let found: { region: string; sector: string; result: LaborGap } | null = null;

/** The first region × sector whose answer has at least three occupations and a gap (looked up once). */
async function findRegionSector(): Promise<{ region: string; sector: string; result: LaborGap }> {
  if (found) return found;
  for (const sector of sectors) {
    for (const region of regions) {
      const result = await gapOf({ region: region.code, sector: sector.code });
      if (result.occupations.length >= 3 && result.totals.gap !== null) {
        found = { region: region.code, sector: sector.code, result };
        recordMetric('labor_region_sector_example', { region: region.code, sector: sector.code, occupations: result.occupations.length });
        return found;
      }
    }
  }
  throw new Error('no region × sector in the demo data has three occupations');
}

/** The table as the page shows it: one [SOC, living-wage mark, notes] per row. */
async function tableRows(page: Page): Promise<string[][]> {
  return page.$$eval('.labor-table tbody tr', (trs) =>
    trs.map((tr) => [
      tr.getAttribute('data-soc') ?? '',
      tr.getAttribute('data-living-wage') ?? '',
      tr.querySelector('.labor-notes')?.textContent ?? '',
    ]),
  );
}

function expectedRows(result: LaborGap): string[][] {
  return result.occupations.map((o) => [o.soc, o.p25_vs_living_wage, flagWords(o.flags).join('; ')]);
}

/** Waits until the map has every place's answer (its status line is empty) and returns each county's name. */
async function mapLabels(page: Page): Promise<Record<string, string>> {
  await page.locator('.map-canvas svg').waitFor();
  await page.waitForFunction(
    () => (document.querySelector('#lm-map-heading')?.parentElement?.querySelector('[role="status"]')?.textContent ?? 'x') === '',
    null,
    { timeout: 60_000 },
  );
  return page.$$eval('.map-canvas svg a[data-fips]', (as) =>
    Object.fromEntries(as.map((a) => [a.getAttribute('data-fips') ?? '', a.getAttribute('aria-label') ?? ''])),
  );
}

describe('Labor market in a real browser', () => {
  it('the default view (statewide): the table, the totals and the source of the openings are those of /api/v1/labor/gap', async () => {
    const { page, errors } = await open('/labor-market?map=none');
    expect(await page.locator('main h1').textContent()).toBe(en.areas.labor);
    await page.locator('.labor-table').waitFor();
    const result = await gapFor('/labor-market?map=none');
    expect(await tableRows(page)).toEqual(expectedRows(result));
    // The source of the openings is always on screen, in the server's words.
    const source = page.locator('.demand-source');
    expect(await source.isVisible()).toBe(true);
    expect(await source.locator('.demand-source-label').textContent()).toBe(result.demand_source.label);
    expect(await source.locator('.demand-source-label').getAttribute('data-national')).toBe(String(result.demand_source.national));
    expect(await page.locator('.labor-totals').textContent()).toBe(totalsText(result));
    expect(await page.locator('svg.labor-chart').getAttribute('role')).toBe('img');
    expect(await page.locator('svg.wage-chart').getAttribute('role')).toBe('img');
    recordMetric('labor_statewide', { occupations: result.occupations.length, source: result.demand_source.label, totals: result.totals });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('choosing a region, a sector, a split and the education in the form puts them in the address and shows the API\'s answer', async () => {
    const { region, sector } = await findRegionSector();
    const { page, errors } = await open('/labor-market?map=none');
    await page.getByLabel(en.labor.places.region, { exact: true }).check();
    await page.selectOption('#lm-region', region);
    await page.getByLabel(en.labor.lookAtOptions.sector, { exact: true }).check();
    await page.selectOption('#lm-sector', sector);
    await page.selectOption('#lm-split', 'equal');
    await page.selectOption('#lm-education', 'all');
    await page.getByRole('button', { name: en.labor.show, exact: true }).click();
    await page.waitForURL(/split=equal/);
    await settle(page);
    await page.locator('.labor-table').waitFor();
    const here = new URL(page.url());
    expect(Object.fromEntries(here.searchParams)).toEqual({ region, sector, split: 'equal', education: 'all', map: 'none' });
    const result = await gapFor(here.pathname + here.search);
    expect(result.area.code).toBe(region);
    expect(result.filter?.code).toBe(sector);
    expect(await tableRows(page)).toEqual(expectedRows(result));
    expect(await page.locator('.labor-totals').textContent()).toBe(totalsText(result));
    await screenshot(page, 'labor-region-sector');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('national figures are labelled national wherever they are used', async () => {
    const { region } = await findRegionSector();
    const path = `/labor-market?region=${region}&demand=national_scaled&map=none`;
    const { page, errors } = await open(path);
    const result = await gapFor(path);
    expect(result.demand_source.kind).toBe('national_scaled');
    expect(await page.locator('.demand-source-label').textContent()).toBe(result.demand_source.label);
    if (result.demand_source.national) expect(await page.locator('.demand-source').textContent()).toContain(en.labor.sourceNational);
    if (result.occupations.length > 0) {
      await page.locator('.labor-table').waitFor();
      expect(await tableRows(page)).toEqual(expectedRows(result));
      const flagged = result.occupations.filter((o) => o.flags.includes('national'));
      for (const o of flagged) {
        expect(await page.locator(`.labor-table tr[data-soc="${o.soc}"] .labor-notes`).textContent()).toContain(en.labor.flags.national);
      }
    }
    await screenshot(page, 'labor-national');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the CSV download is the whole table of the answer, named for it', async () => {
    const { region, sector, result } = await findRegionSector();
    const { page, errors } = await open(`/labor-market?region=${region}&sector=${sector}&map=none`);
    await page.locator('.labor-table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: en.labor.download }).click()]);
    expect(download.suggestedFilename()).toBe(csvFileName(result));
    expect(csvFileName(result)).toMatch(new RegExp(`^pathlight-labor-${region}-`));
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toBe(laborCsv(result));
    expect(csv.trimEnd().split('\r\n')).toHaveLength(result.occupations.length + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the link to the view reproduces it in a new tab', async () => {
    const { region, sector } = await findRegionSector();
    const { page, errors } = await open(`/labor-market?region=${region}&sector=${sector}&sort=wage&education=all&map=none`);
    await page.locator('.labor-table').waitFor();
    const link = await page.locator('#lm-link').inputValue();
    expect(link).toBe(page.url());
    const view = async (p: Page) => ({
      fields: await p.$$eval('form.labor-form select', (ss) => ss.map((s) => (s as HTMLSelectElement).value)),
      summary: await p.locator('.result-summary').textContent(),
      table: await tableRows(p),
      chart: await p.locator('svg.labor-chart').getAttribute('aria-description'),
    });
    const before = await view(page);
    const { page: again, errors: againErrors } = await open(link.replace(server.url, ''));
    await again.locator('.labor-table').waitFor();
    expect(await view(again)).toEqual(before);
    expect(errors).toEqual([]);
    expect(againErrors).toEqual([]);
    await again.close();
    await page.close();
  });

  it('the map shows each region\'s gap on its 58 counties, each a link to that region', async () => {
    const { sector } = await findRegionSector();
    const { page, errors } = await open(`/labor-market?sector=${sector}`);
    const labels = await mapLabels(page);
    expect(Object.keys(labels)).toHaveLength(58);
    for (const r of regions) {
      const answer = await gapOf({ sector, region: r.code });
      const totals: PlaceTotals = { code: r.code, name: r.name, ...answer.totals };
      // The region's words, then the county (named as the map's geography names it).
      for (const fips of r.counties) expect(labels[fips]?.startsWith(`${placeLabel(totals, r.name, 'gap')} · `), fips).toBe(true);
    }
    // Following a county opens the same question for its region.
    const first = page.locator('.map-canvas svg a[data-fips]').first();
    const fips = (await first.getAttribute('data-fips')) as string;
    const region = regions.find((r) => r.counties.includes(fips));
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`region=${region?.code ?? ''}`));
    expect(new URL(page.url()).searchParams.get('sector')).toBe(sector);
    await settle(page);
    await screenshot(page, 'labor-map-region');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('by county, each county is named with its own gap', async () => {
    const { sector } = await findRegionSector();
    const { page, errors } = await open(`/labor-market?sector=${sector}&map=county`);
    const labels = await mapLabels(page);
    expect(Object.keys(labels)).toHaveLength(58);
    // Three counties checked against the API: the first, a middle one and the last.
    for (const c of [counties[0], counties[Math.floor(counties.length / 2)], counties[counties.length - 1]]) {
      if (!c) continue;
      const answer = await gapOf({ sector, county: c.fips });
      expect(labels[c.fips], c.fips).toBe(placeLabel({ code: c.fips, name: c.name, ...answer.totals }, c.name, 'gap'));
    }
    expect(await page.locator('.labor-place-table tbody tr').count()).toBe(counties.length);
    await screenshot(page, 'labor-map-county');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a question the server refuses (400) is said plainly, with the form still there', async () => {
    const { page } = await open('/labor-market?region=NO-SUCH-REGION&map=none');
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('400');
    expect(await page.locator('form.labor-form').count()).toBe(1);
    expect(await page.locator('.labor-table').count()).toBe(0);
    await page.close();
  });

  it('switches to Spanish and back from the header, remembering the choice across a reload', async () => {
    const spanish = await session.browser.newContext({ viewport: desktop, locale: 'en-US' });
    try {
      const { page, errors } = await open('/labor-market?map=none', desktop, spanish);
      await page.locator('.labor-table').waitFor();
      const toggle = page.locator('.language-switch button');
      expect(await toggle.textContent()).toBe('Español');
      await toggle.click();
      await expect.poll(() => page.locator('main h1').textContent()).toBe(es.areas.labor);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('English');
      await page.locator('.labor-table').waitFor();
      expect(await page.locator('.demand-source .notice-title').textContent()).toBe(es.labor.sourceHeading);
      expect(await page.locator('.skip-link').textContent()).toBe(es.skipToContent);
      await page.reload();
      await settle(page);
      expect(await page.locator('main h1').textContent()).toBe(es.areas.labor);
      await screenshot(page, 'labor-spanish');
      await page.locator('.language-switch button').click();
      await expect.poll(() => page.locator('main h1').textContent()).toBe(en.areas.labor);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await spanish.close();
    }
  });

  it('no accessibility violation, fits a phone; screenshots', async () => {
    const { region, sector } = await findRegionSector();
    const report: Record<string, unknown> = {};
    const views: [string, string][] = [
      ['default', '/labor-market'],
      ['region-sector', `/labor-market?region=${region}&sector=${sector}`],
      ['national-full', `/labor-market?region=${region}&demand=national_scaled&split=full`],
      ['county-map', `/labor-market?sector=${sector}&map=county`],
    ];
    for (const [name, path] of views) {
      for (const [size, viewport] of [['desktop', desktop], ['phone', phone]] as const) {
        const { page, errors } = await open(path, viewport);
        await mapLabels(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} overflows a ${viewport.width}px screen by ${overflow}px`).toBeLessThanOrEqual(0);
        const a11y = await runAxe(page);
        report[`${path} ${size}`] = a11y.violations;
        expect(a11y.violations, `${path} at ${size}`).toEqual([]);
        await screenshot(page, `labor-${size}-${name}`);
        expect(errors, path).toEqual([]);
        await page.close();
      }
    }
    recordMetric('labor_axe', report);
  });
});
