// The Data & equity page as a person uses it: the real server on a freshly
// generated demo database, the built web application, Debian's chromium.
// What the page shows is checked against what GET /api/v1/equity answers for
// the same question. The flagged group and the withheld cell are looked up
// through the API first (the demo data decide which ones exist), so the tests
// hold for any demo data set that has a gap and a small group somewhere.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountyStats, EquityGroup, EquityResult, JobList, QueryResult } from '../../web/src/api/types.gen';
import { en } from '../../web/src/i18n/en';
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

const fmt = (n: number) => n.toLocaleString('en-US');

let session: DemoSession;
let server: Server;
let context: BrowserContext;

// After the demo load the server builds the analytics snapshot in a job of
// its own (it answers 503 until then; the page waits and asks again).
async function analyticsReady(server: Server): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const r = await fetch(`${server.url}/api/v1/equity?outcome=completer&group=gender`);
    if (r.status === 200) {
      const jobs = await api<JobList>(server, '/api/v1/jobs');
      const snapshot = jobs.jobs.find((j) => j.kind === 'snapshot' && j.state === 'succeeded');
      if (snapshot && !jobs.jobs.some((j) => j.state === 'running')) return;
    } else if (r.status !== 503) {
      throw new Error(`GET /api/v1/equity answered ${r.status}: ${await r.text()}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('the analytics snapshot was not built');
}

beforeAll(async () => {
  session = await startDemoSession('equity', analyticsReady);
  ({ server, context } = session);
});

afterAll(() => endDemoSession(session ?? {}));

const open = (path: string, viewport = desktop) => openPage(context, server, path, viewport);

/** The API's answer to the question a page address asks (the page's own parameters, without its view ones). */
function equity(params: Record<string, string>): Promise<EquityResult> {
  const query = new URLSearchParams({ by: 'county', ...params });
  query.delete('year');
  query.delete('map_group');
  if (query.get('by') === 'none') query.delete('by');
  return api<EquityResult>(server, `/api/v1/equity?${query}`);
}

const lastCohort = (r: EquityResult) => r.cohorts[r.cohorts.length - 1];
const shown = (c: { value: number | null; suppressed: boolean }) => (c.suppressed || c.value === null ? '—' : fmt(c.value));

/** The table as the page shows it: one [cohort, group code, students, successes, flag cell, withheld because] per row. */
async function tableRows(page: Page): Promise<string[][]> {
  return page.$$eval('.equity-table tbody tr', (trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('th, td')];
      const text = (i: number) => {
        const c = cells[i];
        return c?.querySelector('.suppressed-value') ? '—' : (c?.textContent?.trim() ?? '');
      };
      return [tr.getAttribute('data-cohort') ?? '', tr.getAttribute('data-group') ?? '', text(2), text(3), tr.getAttribute('data-flag') ?? '', text(cells.length - 1)];
    }),
  );
}

function expectedRows(r: EquityResult): string[][] {
  const reason = (g: EquityGroup) =>
    !g.suppressed
      ? ''
      : g.reason === 'complementary'
        ? en.equity.shortReason.complementary
        : g.reason === 'table_withheld'
          ? en.equity.shortReason.table_withheld
          : g.reason === 'below_min_n'
            ? en.equity.shortReason.below_min_n(fmt(r.min_n))
            : en.equity.shortReason.unknown;
  return r.cohorts.flatMap((c) =>
    c.groups.map((g) => [c.cohort || en.equity.pooled, g.group ?? '', shown(g.n), shown(g.success), g.flag === true ? 'true' : '', reason(g)]),
  );
}

/** The first of some questions whose last cohort flags a group (PPG-1, statewide). */
async function findFlagged(): Promise<{ params: Record<string, string>; result: EquityResult; group: EquityGroup }> {
  for (const group of ['socioeconomically_disadvantaged', 'race_ethnicity', 'disability', 'english_learner', 'foster_youth', 'gender']) {
    for (const outcome of ['completer', 'concentrator', 'credential', 'postsecondary', 'wbl']) {
      const params = { outcome, group };
      const result = await equity(params);
      const flagged = lastCohort(result)?.groups.find((g) => g.flag === true);
      if (flagged) return { params, result, group: flagged };
    }
  }
  throw new Error('no flagged group statewide in the demo data for any outcome × group variable tried');
}

/** A small county where race × gender withholds a group in the last cohort. */
async function findWithheld(): Promise<{ params: Record<string, string>; result: EquityResult; group: EquityGroup }> {
  const stats = await api<CountyStats>(server, '/api/v1/stats/counties');
  const small = stats.counties
    .filter((c) => (c.students.value ?? 0) > 0)
    .sort((a, b) => (a.students.value ?? 0) - (b.students.value ?? 0))
    .slice(0, 8);
  for (const county of small) {
    const params = { outcome: 'completer', group: 'race_ethnicity*gender', county: county.county_fips };
    const result = await equity(params);
    const withheld = lastCohort(result)?.groups.find((g) => g.suppressed);
    if (withheld) return { params, result, group: withheld };
  }
  throw new Error('no withheld group for race × gender in the eight smallest counties');
}

const hrefOf = (params: Record<string, string>) => '/data?' + new URLSearchParams(params).toString();

describe('Data & equity in a real browser', () => {
  it('choosing an outcome and a group variable shows the chart and the table of /api/v1/equity', async () => {
    const { page, errors } = await open('/data');
    expect(await page.locator('main h1').textContent()).toBe(en.areas.equity);
    await page.selectOption('#eq-outcome', 'credential');
    await page.selectOption('#eq-group', 'gender');
    await page.getByRole('button', { name: en.equity.show, exact: true }).click();
    await page.waitForURL(/outcome=credential/);
    await settle(page);
    await page.locator('.equity-table').waitFor();
    expect(new URL(page.url()).searchParams.get('group')).toBe('gender');

    const result = await equity({ outcome: 'credential', group: 'gender' });
    expect(await tableRows(page)).toEqual(expectedRows(result));
    const cohort = lastCohort(result);
    const chart = page.locator('svg.gap-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toBe(en.equity.chartAria(en.equity.outcomes.credential as string, cohort?.cohort ?? ''));
    expect(await page.locator('.result-summary').textContent()).toContain(
      en.equity.flaggedCount(cohort?.groups.filter((g) => g.flag === true).length ?? 0, cohort?.cohort ?? ''),
    );
    if (result.cohorts.length > 1) await expect.poll(() => page.locator('svg.trend-lines').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a flagged group is marked by a symbol and words in the chart, the table and the numbers needed', async () => {
    const { params, result, group } = await findFlagged();
    recordMetric('equity_flagged_example', { ...params, group: group.group, gap: group.gap });
    const { page, errors } = await open(hrefOf(params));
    await page.locator('.equity-table').waitFor();
    const cohort = lastCohort(result)?.cohort ?? '';
    const row = page.locator(`.equity-table tr[data-cohort="${cohort}"][data-group="${group.group ?? ''}"]`);
    expect(await row.getAttribute('data-flag')).toBe('true');
    expect(await row.locator('.flag-di').textContent()).toBe('▲ ' + en.equity.flagYes);
    const chartTexts = await page.$$eval('svg.gap-chart text', (ts) => ts.map((t) => t.textContent));
    expect(chartTexts).toContain(en.equity.flagMark);
    expect(await page.locator('svg.gap-chart').getAttribute('aria-description')).toContain(group.label);
    const needed = await page.locator('.needed-list li').first().textContent();
    expect(needed).toBe(
      '▲ ' +
        en.equity.neededFlagged(group.label, fmt(group.success_needed_not_di ?? 0), fmt(group.success_needed_full_parity ?? 0)),
    );
    await screenshot(page, 'equity-flagged');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a withheld group (race × gender in a small county) is shown as withheld, with its reason', async () => {
    const { params, result, group } = await findWithheld();
    recordMetric('equity_withheld_example', { ...params, group: group.group, reason: group.reason });
    const { page, errors } = await open(hrefOf(params));
    await page.locator('.equity-table').waitFor();
    expect(await tableRows(page)).toEqual(expectedRows(result));
    const cohort = lastCohort(result)?.cohort ?? '';
    const row = page.locator(`.equity-table tr[data-cohort="${cohort}"][data-group="${group.group ?? ''}"]`);
    expect(await row.getAttribute('data-suppressed')).toBe('true');
    // The dash is a button: keyboard focus shows the reason.
    const button = row.locator('.suppressed-value').first();
    await button.focus();
    const tip = row.locator('[role="tooltip"]').first();
    expect(await tip.isVisible()).toBe(true);
    const reason =
      group.reason === 'complementary'
        ? en.suppressedReason.complementary
        : group.reason === 'table_withheld'
          ? en.suppressedReason.table_withheld
          : en.suppressedReason.below_min_n(fmt(result.min_n));
    expect(await tip.textContent()).toBe(reason);
    // The chart keeps the group's row and says it is withheld.
    const chartTexts = await page.$$eval('svg.gap-chart text', (ts) => ts.map((t) => t.textContent ?? ''));
    expect(chartTexts.some((t) => t.startsWith(en.equity.withheldMark('')))).toBe(true);
    await screenshot(page, 'equity-withheld');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the CSV download is the table: same columns, withheld cells blank with the reason', async () => {
    const { params, result } = await findWithheld();
    const { page, errors } = await open(hrefOf(params));
    await page.locator('.equity-table').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: en.equity.download }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('pathlight-equity-completer-race_ethnicity-gender-ppg.csv');
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    const headers = await page.$$eval('.equity-table thead th', (ths) => ths.map((th) => th.textContent));
    expect(lines[0]).toBe(headers.join(','));
    const groups = result.cohorts.flatMap((c) => c.groups.map((g) => ({ cohort: c.cohort ?? '', g })));
    expect(lines).toHaveLength(groups.length + 1);
    groups.forEach(({ cohort, g }, i) => {
      const line = lines[i + 1] as string;
      expect(line.startsWith(`${cohort},`), line).toBe(true);
      if (g.suppressed) {
        // Every number blank; the reason in the last column.
        expect(line.endsWith(',,,,,,,,,,' + (line.split(',').at(-1) ?? '')), line).toBe(true);
        expect(line.split(',').at(-1), line).not.toBe('');
      } else {
        expect(line, line).toContain(`,${g.n.value},${g.success.value},`);
      }
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the link to the view reproduces it: the same choices, year, table and chart', async () => {
    const { page, errors } = await open('/data');
    await page.selectOption('#eq-outcome', 'concentrator');
    await page.selectOption('#eq-group', 'race_ethnicity');
    await page.getByLabel(en.equity.places.region).check();
    const region = await page.locator('#eq-region option').nth(1).getAttribute('value');
    await page.selectOption('#eq-region', region as string);
    await page.getByLabel(en.equity.methods['80-index'] as string).check();
    await page.selectOption('#eq-reference', 'overall');
    await page.selectOption('#eq-by', 'region');
    await page.getByRole('button', { name: en.equity.show, exact: true }).click();
    await page.waitForURL(/method=80-index/);
    await settle(page);
    await page.locator('.equity-table').waitFor();
    const years = await page.$$eval('#eq-year option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    if (years.length > 1) {
      await page.selectOption('#eq-year', years[0] as string);
      await page.waitForURL(/year=/);
    }
    const link = await page.locator('#eq-link').inputValue();
    expect(link).toBe(page.url());
    const view = async (p: Page) => ({
      fields: await p.$$eval('form.equity-form select', (ss) => ss.map((s) => (s as HTMLSelectElement).value)),
      method: await p.locator('input[name="eq-method"]:checked').getAttribute('value'),
      summary: await p.locator('.result-summary').textContent(),
      chart: await p.locator('svg.gap-chart').getAttribute('aria-label'),
      table: await tableRows(p),
      mapGroup: await p.locator('#eq-map-group').inputValue(),
    });
    const before = await view(page);
    expect(before.method).toBe('80-index');

    const { page: again, errors: againErrors } = await open(link.replace(server.url, ''));
    await again.locator('.equity-table').waitFor();
    expect(await view(again)).toEqual(before);
    expect(errors).toEqual([]);
    expect(againErrors).toEqual([]);
    await again.close();
    await page.close();
  });

  it('the map shows the gaps by county, each county named with its gap, a link to that county', async () => {
    const { params, result } = await findFlagged();
    const { page, errors } = await open(hrefOf(params));
    await page.locator('.map-canvas svg').waitFor();
    const labels = await page.$$eval('.map-canvas svg a[data-fips]', (as) =>
      Object.fromEntries(as.map((a) => [a.getAttribute('data-fips'), a.getAttribute('aria-label') ?? ''])),
    );
    expect(Object.keys(labels)).toHaveLength(58);
    for (const place of result.places ?? []) expect(labels[place.code]?.startsWith(place.name + ':'), place.code).toBe(true);
    // Following a county opens the same question for that county alone.
    const first = page.locator('.map-canvas svg a[data-fips]').first();
    const fips = await first.getAttribute('data-fips');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`county=${fips}`));
    expect(new URL(page.url()).searchParams.get('outcome')).toBe(params.outcome === 'completer' ? null : params.outcome);
    await settle(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a question the server refuses (400) is said plainly, with the form still there', async () => {
    const { page } = await open('/data?outcome=dropout');
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('400');
    expect(await page.locator('form.equity-form').count()).toBe(1);
    await page.close();
  });

  it('explore: the table of POST /api/v1/query, withheld cells as "—", the choices in the address', async () => {
    const { page, errors } = await open('/data?tab=explore');
    await page.selectOption('#ex-group-0', 'county');
    await page.selectOption('#ex-group-1', 'gender');
    await page.getByRole('button', { name: en.explore.show, exact: true }).click();
    await page.waitForURL(/group_by=county%2Cgender|group_by=county,gender/);
    await settle(page);
    await page.locator('.explore-table').waitFor();
    const response = await fetch(server.url + '/api/v1/query', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ filters: [], group_by: ['county', 'gender'], measures: [{ op: 'count' }, { op: 'rate', outcome: 'completer' }], limit: 1000 }),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as QueryResult;
    const shownRows = await page.$$eval('.explore-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.querySelector('.suppressed-value') ? '—' : (c.textContent ?? '').trim()))),
    );
    expect(shownRows).toHaveLength(result.rows.length);
    const countColumn = result.columns.findIndex((c) => c.name === 'count');
    result.rows.forEach((row, i) => {
      const label = (row.county_label ?? row.county ?? en.explore.notReported) as string;
      expect(shownRows[i]?.[0]).toBe(label);
      const count = row.count as { value: number | null; suppressed: boolean };
      expect(shownRows[i]?.[countColumn]).toBe(shown(count));
    });
    // A small county split by gender withholds something.
    expect(result.suppression.cells_withheld).toBeGreaterThan(0);
    expect(shownRows.flat()).toContain('—');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('no accessibility violation, fits a phone; screenshots', async () => {
    const { params } = await findWithheld();
    const report: Record<string, unknown> = {};
    const views: [string, string][] = [
      ['default', '/data'],
      ['race-gender-small-county', hrefOf(params)],
      ['prop-index-by-region', '/data?method=prop-index&group=gender&by=region'],
      ['explore', '/data?tab=explore&group_by=region,race_ethnicity&measures=count,completer_rate,wage_median'],
    ];
    for (const [name, path] of views) {
      for (const [size, viewport] of [['desktop', desktop], ['phone', phone]] as const) {
        const { page, errors } = await open(path, viewport);
        await page.locator(name === 'explore' ? '.explore-table' : '.equity-table').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} overflows a ${viewport.width}px screen by ${overflow}px`).toBeLessThanOrEqual(0);
        const a11y = await runAxe(page);
        report[`${path} ${size}`] = a11y.violations;
        expect(a11y.violations, `${path} at ${size}`).toEqual([]);
        await screenshot(page, `equity-${size}-${name}`);
        expect(errors, path).toEqual([]);
        await page.close();
      }
    }
    recordMetric('equity_axe', report);
  });
});
