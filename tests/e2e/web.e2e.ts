// Pathlight as a person uses it: the real server on a freshly generated demo
// database, the built web application, Debian's chromium. The tests share one
// server and run in order; the last one stops the server to check what the
// pages say when it is gone.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountyStats, Job, JobList, OrganizationDetail, OrganizationPage, Overview, Sector } from '../../web/src/api/types.gen';
import { en } from '../../web/src/i18n/en';
import { areas } from '../../web/src/routes';
import { budgetBytes, homePageChunks } from '../../web/scripts/check-size.mjs';
import {
  api,
  desktop,
  distDir,
  launchBrowser,
  phone,
  recordMetric,
  resultsDir,
  runAxe,
  scratchDir,
  screenshot,
  seriousOrWorse,
  settle,
  startServer,
  watchErrors,
  type AxeSummary,
  type Credentials,
  type Server,
} from './support';

const fmt = (n: number) => n.toLocaleString('en-US');

let dir: string;
let server: Server;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  rmSync(resultsDir, { recursive: true, force: true });
  dir = scratchDir();
  // The browser is up before the server starts: the demo data set loads in a
  // few seconds on a fast machine, and the first test must open its page
  // while that job still runs.
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: desktop });
  // An empty database: the server loads the demo data set in the background,
  // reported as a job, which the first test watches.
  server = await startServer({ db: join(dir, 'e2e.db'), demo: 'medium' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(path: string, viewport = desktop): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = watchErrors(page);
  await page.goto(server.url + path);
  return { page, errors };
}

async function headlineValues(page: Page): Promise<Record<string, string>> {
  // A withheld count reads "—"; its reason is checked separately.
  return page.$$eval('.headline-item', (items) =>
    Object.fromEntries(
      items.map((i) => {
        const value = i.querySelector('.headline-value');
        const shown = value?.querySelector('.suppressed-value') ? '—' : (value?.textContent?.trim() ?? '');
        return [i.getAttribute('data-count'), shown];
      }),
    ),
  );
}

function expectedHeadline(overview: Overview): Record<string, string> {
  const latest = overview.years[overview.years.length - 1];
  if (!latest) throw new Error('the overview has no school year');
  const shown = (c: { value: number | null }) => (c.value === null ? '—' : fmt(c.value));
  return {
    students: shown(latest.students),
    participants: shown(latest.participants),
    concentrators: shown(latest.concentrators),
    completers: shown(latest.completers),
  };
}

describe('Pathlight in a real browser', () => {
  it('shows the demo data set loading as a progress bar, then its numbers without a reload', async () => {
    const { page, errors } = await open('/');
    const bar = page.locator('[role="progressbar"][aria-valuenow]').first();
    await bar.waitFor({ timeout: 30_000 }).catch(async (e: Error) => {
      // Say how far the jobs had got: a bar that never shows means they ended before the page asked.
      const { jobs } = await api<JobList>(server, '/api/v1/jobs');
      throw new Error(`${e.message}\njobs: ${jobs.map((j) => `${j.kind} ${j.state} ${j.fraction ?? '?'}`).join('; ')}`);
    });
    recordMetric('demo_job_percent_when_first_seen', Number(await bar.getAttribute('aria-valuenow')));
    await screenshot(page, 'desktop-home-while-loading');
    const jobs = await api<JobList>(server, '/api/v1/jobs');
    const demo = jobs.jobs.find((j) => j.kind === 'demo') as Job;
    expect(demo).toBeDefined();
    expect(await page.locator('.job-label').first().textContent()).toBe(demo.label);

    // Follow the bar until the job is over: every value a percentage.
    const seen: number[] = [];
    const finished = page.locator('.jobs-finished').getByText(en.jobSucceeded(demo.label));
    while (!(await finished.isVisible())) {
      const value = await page
        .locator('[role="progressbar"]')
        .first()
        .getAttribute('aria-valuenow', { timeout: 500 })
        .catch(() => null);
      if (value !== null) seen.push(Number(value));
      await page.waitForTimeout(150);
      if (seen.length > 2000) throw new Error('the demo job did not finish');
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((v) => Number.isInteger(v) && v >= 0 && v <= 100)).toBe(true);
    recordMetric('demo_job_progress_values_seen', seen.length);

    const after = await api<JobList>(server, '/api/v1/jobs');
    expect(after.jobs.find((j) => j.job_id === demo.job_id)?.state).toBe('succeeded');
    // Then the analytics snapshot of the new data is built, as a job of its own
    // with its own bar; when it is done no bar is left.
    await expect
      .poll(async () => (await api<JobList>(server, '/api/v1/jobs')).jobs.find((j) => j.kind === 'snapshot')?.state, {
        timeout: 60_000,
      })
      .toBe('succeeded');
    await expect.poll(() => page.locator('[role="progressbar"]').count(), { timeout: 30_000 }).toBe(0);

    // The page fetched the new data by itself.
    const overview = await api<Overview>(server, '/api/v1/stats/overview');
    expect(overview.years.length).toBeGreaterThan(0);
    await expect.poll(() => headlineValues(page), { timeout: 15_000 }).toEqual(expectedHeadline(overview));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('home: headline numbers and the trend table are those of /api/v1/stats/overview', async () => {
    const overview = await api<Overview>(server, '/api/v1/stats/overview');
    const { page, errors } = await open('/');
    await settle(page);
    expect(await headlineValues(page)).toEqual(expectedHeadline(overview));
    await page.locator('.chart summary').click();
    const rows = await page.$$eval('.chart tbody tr', (trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('th, td')].map((c) => (c.querySelector('.suppressed-value') ? '—' : c.textContent?.trim())),
      ),
    );
    expect(rows).toEqual(
      overview.years.map((y) => [
        y.school_year,
        ...[y.participants, y.concentrators, y.completers].map((c) => (c.value === null ? '—' : fmt(c.value))),
      ]),
    );
    await expect.poll(() => page.locator('.chart svg').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('home: the map shows the 58 counties with the participants of /api/v1/stats/counties, tooltips on keyboard focus', async () => {
    const stats = await api<CountyStats>(server, '/api/v1/stats/counties');
    expect(stats.counties).toHaveLength(58);
    const { page, errors } = await open('/');
    await settle(page);
    // The map is drawn with the page; wait for it rather than trust a frame.
    await expect.poll(() => page.locator('.map-canvas svg a[data-fips]').count()).toBe(58);
    const labels = await page.$$eval('.map-canvas svg a[data-fips]', (as) =>
      Object.fromEntries(as.map((a) => [a.getAttribute('data-fips'), a.getAttribute('aria-label')])),
    );
    expect(Object.keys(labels)).toHaveLength(58);
    for (const c of stats.counties) {
      const label = labels[c.county_fips] ?? '';
      expect(label.startsWith(c.county_name + ':'), c.county_fips).toBe(true);
      if (c.participants.value === null) expect(label, c.county_fips).toContain('withheld');
      else expect(label, c.county_fips).toContain(`${fmt(c.participants.value)} CTE participants`);
    }

    // Tab from the school-year picker into the map: the first county takes the focus and shows its tooltip.
    await page.locator('#map-year').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-fips'));
    expect(focused).toMatch(/^06\d{3}$/);
    const tooltip = page.locator('.map-tooltip');
    await expect.poll(() => tooltip.textContent()).toBe(labels[focused as string]);
    await page.keyboard.press('Escape');
    await expect.poll(() => tooltip.count()).toBe(0);

    // The table alternative, with withheld counts explained on focus.
    await page.locator('.panel summary', { hasText: en.showTable }).last().click();
    const withheld = stats.counties.find((c) => c.participants.suppressed || c.students.suppressed);
    if (withheld) {
      const button = page.locator(`tr[data-fips="${withheld.county_fips}"] .suppressed-value`).first();
      await button.focus();
      const tip = page.locator(`tr[data-fips="${withheld.county_fips}"] [role="tooltip"]`).first();
      expect(await tip.isVisible()).toBe(true);
      // The row's first withheld count (students, then participants) and its reason: a small
      // group, or a complementary cell hidden so the small one cannot be worked out.
      const first = withheld.students.suppressed ? withheld.students : withheld.participants;
      const expected =
        first.reason === 'complementary'
          ? en.suppressedReason.complementary
          : first.reason === 'table_withheld'
            ? en.suppressedReason.table_withheld
            : `Withheld to protect privacy: fewer than ${stats.min_n} students.`;
      expect(await tip.textContent()).toBe(expected);
    }

    // Colour by region: every county of a region gets the same colour, each region its own.
    await page.getByLabel(en.mapByRegion).check();
    const coloursByRegion = async () => {
      const fills = await page.$$eval('.map-canvas svg a[data-fips]', (as) =>
        as.map((a) => {
          let e: Element | null = a.querySelector('path');
          while (e && (!e.getAttribute('fill') || e.getAttribute('fill') === 'inherit')) e = e.parentElement;
          return [a.getAttribute('data-fips'), e?.getAttribute('fill')] as const;
        }),
      );
      const fillOf = new Map(fills);
      const byRegion: Record<string, string[]> = {};
      for (const c of stats.counties) {
        if (!c.region_name) continue;
        const colour = fillOf.get(c.county_fips) as string;
        byRegion[c.region_name] = [...new Set([...(byRegion[c.region_name] ?? []), colour])];
      }
      return byRegion;
    };
    const regionNames = [...new Set(stats.counties.map((c) => c.region_name).filter(Boolean))] as string[];
    expect(regionNames.length).toBeGreaterThan(1);
    // The map and its legend are drawn again after the click; wait for them.
    await expect.poll(() => page.locator('.map-legend').textContent()).toContain(regionNames[0]);
    await expect.poll(async () => Object.values(await coloursByRegion()).every((c) => c.length === 1)).toBe(true);
    const byRegion = await coloursByRegion();
    expect(Object.keys(byRegion).sort()).toEqual([...regionNames].sort());
    expect(new Set(Object.values(byRegion).map((c) => c[0])).size).toBe(regionNames.length);

    // Selecting a county opens the directory for it.
    await page.locator('.map-canvas svg a[data-fips="06019"]').click();
    await page.waitForURL('**/directory?county=06019');
    await settle(page);
    expect(await page.locator('#dir-county').inputValue()).toBe('06019');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('home: the sectors browser lists the sectors and pathways of the API, flagging those to verify', async () => {
    const sectors = await api<Sector[]>(server, '/api/v1/reference/sectors');
    const { page, errors } = await open('/');
    await settle(page);
    const shown = await page.$$eval('.sector-list > li', (lis) =>
      lis.map((li) => ({
        name: li.querySelector('.sector-name')?.textContent,
        flagged: !!li.querySelector('summary .flag-verify'),
        pathways: li.querySelectorAll('.pathway-list li').length,
      })),
    );
    expect(shown).toEqual(sectors.map((s) => ({ name: s.name, flagged: !s.verified, pathways: s.pathways.length })));
    const pathway = sectors[0]?.pathways[0];
    if (pathway) {
      await page.getByLabel(en.sectorsFilter).fill(pathway.name);
      await expect.poll(() => page.locator('.pathway-list li', { hasText: pathway.name }).first().isVisible()).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the navigation works with the keyboard alone', async () => {
    const { page, errors } = await open('/');
    await settle(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(en.skipToContent);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('brand'))).toBe(true);
    // Then every area, in order.
    const visited: string[] = [];
    for (let i = 0; i < areas.length; i++) {
      await page.keyboard.press('Tab');
      visited.push((await page.evaluate(() => document.activeElement?.textContent)) ?? '');
    }
    expect(visited).toEqual(areas.map((a) => en.areas[a.key]));

    // Back to the Directory link, follow it with Enter: the new page's heading has the focus.
    for (let i = 0; i < areas.length - 1 - areas.findIndex((a) => a.key === 'directory'); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(en.areas.directory);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/directory');
    await settle(page);
    // The page moves the focus once it has rendered.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(en.areas.directory);
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe(en.areas.directory);
    await expect.poll(() => page.title()).toBe(en.pageTitle(en.areas.directory));

    // The skip link moves the focus to the main content.
    await page.locator('.skip-link').focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // On a phone, the menu button opens the navigation.
    await page.setViewportSize(phone);
    await page.locator('.menu-toggle').focus();
    expect(await page.locator('#nav-list a').first().isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.menu-toggle').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(en.areas.home);
    await page.keyboard.press('Enter');
    await page.waitForURL(server.url + '/');
    await expect.poll(() => page.locator('.menu-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('directory: search, filters and paging show what /api/v1/organizations answers', async () => {
    const { page, errors } = await open('/directory');
    await settle(page);
    const all = await api<OrganizationPage>(server, '/api/v1/organizations?per_page=25');
    const names = () => page.$$eval('.org-list li a', (as) => as.map((a) => a.textContent));
    expect(await page.locator('.result-count').textContent()).toBe(
      en.directoryResults('1', fmt(Math.min(25, all.total)), fmt(all.total)),
    );
    expect(await names()).toEqual(all.items.map((o) => o.name));

    // Filter by type and county (keyboard: fields and Enter).
    await page.selectOption('#dir-type', 'school');
    await page.selectOption('#dir-county', '06037');
    await page.locator('#dir-q').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/type=school/);
    await settle(page);
    const schools = await api<OrganizationPage>(server, '/api/v1/organizations?type=school&county=06037&per_page=25');
    expect(schools.total).toBeGreaterThan(0);
    expect(await names()).toEqual(schools.items.map((o) => o.name));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dir-q');

    // The next page.
    if (schools.total > 25) {
      await page.getByRole('link', { name: en.nextPage }).click();
      await page.waitForURL(/page=2/);
      await settle(page);
      const second = await api<OrganizationPage>(
        server,
        '/api/v1/organizations?type=school&county=06037&per_page=25&page=2',
      );
      expect(await names()).toEqual(second.items.map((o) => o.name));
      expect(await page.locator('.pager').textContent()).toContain(en.pageOf('2', fmt(Math.ceil(schools.total / 25))));
    }

    // Search by words of a name; a region filter.
    const sample = all.items[0] as OrganizationPage['items'][number];
    await page.goto(`${server.url}/directory?q=${encodeURIComponent(sample.name)}`);
    await settle(page);
    expect(await names()).toContain(sample.name);
    expect(await page.locator('#dir-q').inputValue()).toBe(sample.name);
    const regionCode = sample.region_code as string;
    await page.goto(`${server.url}/directory?region=${regionCode}`);
    await settle(page);
    const inRegion = await api<OrganizationPage>(server, `/api/v1/organizations?region=${regionCode}&per_page=25`);
    expect(await names()).toEqual(inRegion.items.map((o) => o.name));
    expect(await page.locator('#dir-region').inputValue()).toBe(regionCode);

    // Nothing found says so.
    await page.goto(`${server.url}/directory?q=zzzz-no-such-organization`);
    await settle(page);
    expect(await page.locator('.result-count').textContent()).toBe(en.directoryNone);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("directory: an organization's page shows its facts and its place on the map", async () => {
    const colleges = await api<OrganizationPage>(server, '/api/v1/organizations?type=college&per_page=50');
    const placed = colleges.items.find((o) => o.latitude !== null && o.county_fips !== null);
    expect(placed).toBeDefined();
    const org = await api<OrganizationDetail>(server, `/api/v1/organizations/${placed?.org_id}`);
    const { page, errors } = await open('/directory');
    await settle(page);
    await page.goto(`${server.url}/directory?q=${encodeURIComponent(org.org_id)}`);
    await settle(page);
    await page.getByRole('link', { name: org.name, exact: true }).click();
    await page.waitForURL(`**/directory/${org.org_id}`);
    await settle(page);
    expect(await page.locator('main h1').textContent()).toBe(org.name);
    const facts = await page.locator('.facts').textContent();
    expect(facts).toContain(org.county_name);
    expect(facts).toContain(org.org_id);
    if (org.parent) expect(facts).toContain(org.parent.name);
    const map = page.locator('.org-map svg');
    expect(await map.getAttribute('role')).toBe('img');
    expect(await map.getAttribute('aria-label')).toContain(en.orgMapCounty(org.county_name as string));
    await expect.poll(() => page.locator('.org-map svg circle').count()).toBe(1);
    await expect.poll(() => page.locator(`.org-map [data-fips="${org.county_fips}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bad address gets a clear page, never a blank screen', async () => {
    const { page, errors } = await open('/no/such/page');
    await settle(page);
    expect(await page.locator('main h1').textContent()).toBe(en.notFoundTitle);
    expect(await page.locator('main').textContent()).toContain(en.notFoundBody('/no/such/page'));
    await page.getByRole('link', { name: en.notFoundHome }).click();
    await page.waitForURL(server.url + '/');

    await page.goto(server.url + '/directory/NO-SUCH-ORG');
    await settle(page);
    expect(await page.locator('main h1').textContent()).toBe(en.orgNotFoundTitle);
    expect(await page.locator('main').textContent()).toContain(en.orgNotFoundBody('NO-SUCH-ORG'));

    // The API itself answers JSON, never the application's page.
    const response = await fetch(server.url + '/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBeTruthy();
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    await page.close();
  });

  it('withheld headline numbers show "—" with the reason on hover and on keyboard focus', async () => {
    // The same database served with a minimum n above every count: everything is withheld.
    const strict = await startServer({ db: join(dir, 'e2e.db'), minN: 100_000_000 });
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(strict.url + '/');
      await settle(page);
      const overview = await api<Overview>(strict, '/api/v1/stats/overview');
      expect(overview.years.every((y) => y.students.suppressed)).toBe(true);
      expect(await headlineValues(page)).toEqual(expectedHeadline(overview));
      const reason = 'Withheld to protect privacy: fewer than 100,000,000 students.';
      const first = page.locator('.headline-item[data-count="students"]');
      const tip = first.locator('[role="tooltip"]');
      expect(await tip.isVisible()).toBe(false);
      await first.locator('.suppressed-value').hover();
      await expect.poll(() => tip.isVisible()).toBe(true);
      expect(await tip.textContent()).toBe(reason);
      await page.mouse.move(0, 0);
      await expect.poll(() => tip.isVisible()).toBe(false);
      await first.locator('.suppressed-value').focus();
      await expect.poll(() => tip.isVisible()).toBe(true);
      const described = await first
        .locator('.suppressed-value')
        .evaluate((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent);
      expect(described).toBe(reason);
      await screenshot(page, 'desktop-home-withheld');
      const a11y = await runAxe(page);
      expect(seriousOrWorse(a11y)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await strict.stop();
    }
  });

  it('every page: a clear heading, no serious accessibility violation, fits a phone; screenshots', async () => {
    const orgs = await api<OrganizationPage>(server, '/api/v1/organizations?type=college&per_page=1');
    const org = orgs.items[0] as OrganizationPage['items'][number];
    const pages: { name: string; path: string; h1: string }[] = [
      ...areas.map((a) => ({
        name: a.key,
        path: a.path,
        h1: a.key === 'home' ? en.homeTitle : en.areas[a.key],
      })),
      { name: 'organization', path: `/directory/${org.org_id}`, h1: org.name },
      { name: 'not-found', path: '/no/such/page', h1: en.notFoundTitle },
      { name: 'sign-in', path: '/sign-in', h1: en.signInTitle },
      { name: 'admin-users-signed-out', path: '/admin/users', h1: en.needSignInTitle },
    ];
    const report: Record<string, { desktop: AxeSummary['violations']; phone: AxeSummary['violations'] }> = {};
    for (const p of pages) {
      const results: Partial<Record<'desktop' | 'phone', AxeSummary['violations']>> = {};
      for (const [size, viewport] of [['desktop', desktop], ['phone', phone]] as const) {
        const { page, errors } = await open(p.path, viewport);
        await settle(page);
        expect(await page.locator('main h1').textContent(), p.path).toBe(p.h1);
        expect((await page.locator('main').innerText()).length, p.path).toBeGreaterThan(40);
        if (!areas.find((a) => a.path === p.path)?.built && areas.some((a) => a.path === p.path)) {
          expect(await page.locator('main').textContent(), p.path).toContain(en.notBuiltTitle);
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p.path} overflows a ${viewport.width}px screen by ${overflow}px`).toBeLessThanOrEqual(0);
        const a11y = await runAxe(page);
        results[size] = a11y.violations;
        expect(seriousOrWorse(a11y), `${p.path} at ${size}`).toEqual([]);
        await screenshot(page, `${size}-${p.name}`);
        expect(errors, p.path).toEqual([]);
        await page.close();
      }
      report[p.path] = results as { desktop: AxeSummary['violations']; phone: AxeSummary['violations'] };
    }
    recordMetric('axe', report);
    const counts = Object.fromEntries(
      Object.entries(report).map(([path, r]) => [path, `${r.desktop.length} desktop / ${r.phone.length} phone (${[...r.desktop, ...r.phone].map((v) => `${v.id}:${v.impact}`).join(', ') || 'none'})`]),
    );
    console.log('axe violations per page:', counts);
  });

  it('home page: JavaScript within budget and time to interactive (reported)', async () => {
    const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
    const measured: Record<string, unknown>[] = [];
    let loadedScripts: string[] = [];
    for (const run of ['cold', 'warm'] as const) {
      // A new context has an empty cache; the second load reuses the first's.
      const ctx = run === 'cold' ? await browser.newContext({ viewport: desktop }) : context;
      const page = await ctx.newPage();
      await page.goto(server.url + '/');
      await page.waitForFunction(() => performance.getEntriesByName('pathlight:home-ready').length > 0, null, {
        timeout: 30_000,
      });
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const ready = performance.getEntriesByName('pathlight:home-ready')[0] as PerformanceMark;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const scripts = performance
          .getEntriesByType('resource')
          .filter((r) => new URL(r.name).pathname.endsWith('.js'))
          .map((r) => new URL(r.name).pathname);
        return {
          responseEnd: Math.round(nav.responseEnd),
          domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
          firstContentfulPaint: fcp ? Math.round(fcp.startTime) : null,
          homeReady: Math.round(ready.startTime),
          scripts,
        };
      });
      // Interactive: the data is on screen and Preact's handlers are attached (they are
      // attached when it renders), and the document has finished loading.
      const tti = Math.max(timing.homeReady, timing.domContentLoaded);
      measured.push({ run, ...timing, timeToInteractiveMs: tti });
      if (run === 'cold') {
        loadedScripts = timing.scripts;
        await ctx.close();
      } else {
        await page.close();
      }
    }
    const chunks = homePageChunks(manifest).map((f: string) => '/' + f);
    expect([...loadedScripts].sort()).toEqual([...chunks].sort());
    const gzipped = chunks.reduce((sum: number, f: string) => sum + gzipSync(readFileSync(join(distDir, f))).length, 0);
    expect(gzipped).toBeLessThanOrEqual(budgetBytes);
    recordMetric('home_page_js_gzipped_kb', Number((gzipped / 1024).toFixed(1)));
    recordMetric('home_page_timing_ms', measured);
    console.log(
      `home page: ${(gzipped / 1024).toFixed(1)} KB of JavaScript gzipped;`,
      measured.map((m) => `${m.run} time to interactive ${m.timeToInteractiveMs} ms`).join(', '),
    );
  });

  describe('accounts: sign-in, account menu, users and the audit log', () => {
    let admin: Credentials;
    let adminContext: BrowserContext;
    const analyst = { email: 'e2e.analyst@example.org', name: 'E2E Analyst', password: '' };

    beforeAll(async () => {
      admin = await server.administrator();
      adminContext = await browser.newContext({ viewport: desktop });
    });

    afterAll(async () => {
      await adminContext?.close();
    });

    /** Fills and sends the sign-in form of the page the browser is on. */
    async function signInThroughForm(page: Page, who: Credentials): Promise<void> {
      await page.getByLabel(en.email, { exact: true }).fill(who.email);
      await page.getByLabel(en.password, { exact: true }).fill(who.password);
      await page.getByRole('button', { name: en.signIn, exact: true }).click();
    }

    async function noViolations(page: Page, name: string): Promise<void> {
      const a11y = await runAxe(page);
      recordMetric(`axe_${name}`, a11y.violations);
      expect(a11y.violations, name).toEqual([]);
    }

    it('the administrator signs in through the form and comes back to the page asked for', async () => {
      expect(admin.email).toMatch(/@/);
      expect(admin.password.length).toBeGreaterThanOrEqual(12);
      const page = await adminContext.newPage();
      const errors = watchErrors(page);
      // Signed out, an administration page says what to do.
      await page.goto(server.url + '/admin/users');
      await settle(page);
      expect(await page.locator('main h1').textContent()).toBe(en.needSignInTitle);
      expect(await page.locator('.site-nav a[href="/admin/users"]').count()).toBe(0);
      await page.locator('main').getByRole('link', { name: en.signIn, exact: true }).click();
      await page.waitForURL(/\/sign-in\?next=/);
      await settle(page);
      expect(await page.locator('main h1').textContent()).toBe(en.signInTitle);
      expect(await page.getByLabel(en.email, { exact: true }).getAttribute('autocomplete')).toBe('username');
      expect(await page.getByLabel(en.password, { exact: true }).getAttribute('autocomplete')).toBe('current-password');
      await noViolations(page, 'sign-in');
      await screenshot(page, 'desktop-sign-in');

      // A wrong password: the message in the live region, still on the form.
      await signInThroughForm(page, { email: admin.email, password: admin.password + 'x' });
      await expect.poll(() => page.locator('#sign-in-error').textContent()).toBe(en.signInWrong);
      expect(await page.locator('#sign-in-error').getAttribute('aria-live')).toBe('assertive');
      await screenshot(page, 'desktop-sign-in-wrong');

      await signInThroughForm(page, admin);
      await page.waitForURL(server.url + '/admin/users');
      await settle(page);
      expect(await page.locator('main h1').textContent()).toBe(en.adminNavigation.users);
      // The session cookie is HttpOnly: the page cannot read it.
      expect(await page.evaluate(() => document.cookie)).not.toContain('pl_session');
      const cookie = (await adminContext.cookies()).find((c) => c.name === 'pl_session');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Lax');

      // The account menu: name and role, opened by its button, closed by Escape.
      const button = page.locator('.account-button');
      expect(await button.textContent()).toContain(en.roles.administrator);
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await button.focus();
      await page.keyboard.press('Enter');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      const menu = page.locator('#account-menu');
      expect(await menu.isVisible()).toBe(true);
      expect(await menu.getByRole('link', { name: en.apiTokens }).isVisible()).toBe(true);
      expect(await menu.getByRole('button', { name: en.signOut }).isVisible()).toBe(true);
      await screenshot(page, 'desktop-account-menu');
      await page.keyboard.press('Escape');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await menu.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('account-button'))).toBe(true);

      // The administration links are in the navigation now.
      expect(await page.locator('.site-nav a[href="/admin/users"]').textContent()).toBe(en.adminNavigation.users);
      expect(await page.locator('.site-nav a[href="/admin/audit"]').textContent()).toBe(en.adminNavigation.audit);
      // The browser reports the wrong password's 401 as a failed resource, which is expected.
      expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
      await page.close();
    });

    it('the server wants the CSRF token on unsafe requests made with the cookie', async () => {
      const page = await adminContext.newPage();
      await page.goto(server.url + '/');
      await settle(page);
      const answers = await page.evaluate(async () => {
        const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrf_token?: string; signed_in: boolean };
        const post = (headers: Record<string, string>) =>
          fetch('/api/v1/auth/tokens', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...headers },
            body: JSON.stringify({ name: 'e2e csrf check' }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
        const without = await post({});
        const withToken = await post({ 'X-CSRF-Token': session.csrf_token ?? '' });
        return { signedIn: session.signed_in, hasToken: !!session.csrf_token, without, withToken };
      });
      expect(answers.signedIn).toBe(true);
      expect(answers.hasToken).toBe(true);
      expect(answers.without.status).toBe(403);
      expect((answers.without.body.error as { details?: { check?: string } }).details?.check).toBe('csrf');
      expect(answers.withToken.status).toBe(201);
      expect(String(answers.withToken.body.secret)).toMatch(/^plt_/);
      // Anonymous callers get 401 from a route that needs an account.
      const anonymous = await fetch(server.url + '/api/v1/users');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/Bearer/);
      await page.close();
    });

    it('API tokens: created from the account menu, the secret shown once, then revoked', async () => {
      const page = await adminContext.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/');
      await settle(page);
      await page.locator('.account-button').click();
      await page.locator('#account-menu').getByRole('link', { name: en.apiTokens }).click();
      await page.waitForURL(server.url + '/account/tokens');
      await settle(page);
      expect(await page.locator('main h1').textContent()).toBe(en.apiTokens);
      await page.getByLabel(en.tokenName, { exact: true }).fill('e2e report');
      await page.getByRole('button', { name: en.tokenCreate, exact: true }).click();
      const secret = page.locator('.notice-secret code.secret');
      await secret.waitFor({ timeout: 15_000 });
      const value = ((await secret.textContent()) ?? '').trim();
      expect(value).toMatch(/^plt_/);
      await noViolations(page, 'account-tokens');
      await screenshot(page, 'desktop-account-tokens');
      // The token works as a bearer credential.
      const me = (await (await fetch(server.url + '/api/v1/auth/session', { headers: { Authorization: `Bearer ${value}` } })).json()) as {
        signed_in: boolean;
        via?: string;
      };
      expect(me).toMatchObject({ signed_in: true, via: 'token' });
      await page.getByRole('button', { name: en.secretDone }).click();
      expect(await page.locator('main').textContent()).not.toContain(value);
      await page.getByRole('button', { name: en.tokenRevokeLabel('e2e report') }).click();
      await expect.poll(() => page.locator('main [role="status"]').first().textContent()).toBe(
        en.tokenRevokedMessage('e2e report'),
      );
      const after = await fetch(server.url + '/api/v1/auth/tokens', { headers: { Authorization: `Bearer ${value}` } });
      expect(after.status).toBe(401);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('the administrator creates an institution analyst and reads the generated password once', async () => {
      const orgs = await api<OrganizationPage>(server, '/api/v1/organizations?per_page=1');
      const org = orgs.items[0] as OrganizationPage['items'][number];
      const page = await adminContext.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/admin/users');
      await settle(page);
      expect(await page.locator(`tr[data-user="${admin.email}"]`).count()).toBe(1);
      await noViolations(page, 'admin-users');
      await screenshot(page, 'desktop-admin-users');

      await page.getByLabel(en.userEmail, { exact: true }).fill(analyst.email);
      await page.getByLabel(en.userDisplayName, { exact: true }).fill(analyst.name);
      expect(await page.locator('#user-scopes').count()).toBe(0);
      await page.getByLabel(en.userRole, { exact: true }).selectOption('institution_analyst');
      const scopes = page.getByLabel(en.userScopes, { exact: true });
      await scopes.waitFor();
      expect(await page.locator('#user-scopes-help').textContent()).toBe(en.scopesHelp.organizations);
      await scopes.fill(org.org_id);
      await page.getByRole('button', { name: en.userCreate, exact: true }).click();

      const secret = page.locator('.notice-secret code.secret');
      await secret.waitFor({ timeout: 15_000 });
      analyst.password = ((await secret.textContent()) ?? '').trim();
      expect(analyst.password.length).toBeGreaterThanOrEqual(12);
      expect(await page.locator('.notice-secret').textContent()).toContain(en.userPasswordTitle(analyst.email));
      const row = page.locator(`tr[data-user="${analyst.email}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain(en.roles.institution_analyst);
      expect(await row.textContent()).toContain(org.org_id);
      await noViolations(page, 'admin-users-password');
      await screenshot(page, 'desktop-admin-users-password');

      // Once dismissed, the password is gone for good.
      await page.getByRole('button', { name: en.secretDone }).click();
      expect(await page.locator('.notice-secret').count()).toBe(0);
      expect(await page.locator('main').textContent()).not.toContain(analyst.password);

      // Sign out from the account menu: back home, "Sign in" in the header.
      await page.locator('.account-button').click();
      await page.locator('#account-menu').getByRole('button', { name: en.signOut }).click();
      await page.waitForURL(server.url + '/');
      await page.locator('.account-sign-in').waitFor();
      expect(await page.locator('.site-nav a[href="/admin/users"]').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('the new analyst signs in with that password, and cannot see the administration pages', async () => {
      expect(analyst.password).not.toBe('');
      const ctx = await browser.newContext({ viewport: desktop });
      try {
        const page = await ctx.newPage();
        const errors = watchErrors(page);
        await page.goto(server.url + '/');
        await settle(page);
        await page.locator('.account-sign-in').click();
        await page.waitForURL(/\/sign-in/);
        await settle(page);
        await signInThroughForm(page, { email: analyst.email, password: analyst.password });
        await page.waitForURL(server.url + '/');
        const button = page.locator('.account-button');
        await button.waitFor();
        expect(await button.textContent()).toContain(analyst.name);
        expect(await button.textContent()).toContain(en.roles.institution_analyst);
        expect(await page.locator('.site-nav a[href="/admin/users"]').count()).toBe(0);
        expect(await page.locator('.site-nav a[href="/admin/audit"]').count()).toBe(0);
        await page.goto(server.url + '/admin/audit');
        await settle(page);
        expect(await page.locator('main h1').textContent()).toBe(en.forbiddenTitle);
        await screenshot(page, 'desktop-admin-audit-forbidden');
        expect(errors).toEqual([]);
        await page.close();
      } finally {
        await ctx.close();
      }
    });

    it('the audit log shows the sign-ins, and its filters go into the address', async () => {
      const page = await adminContext.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/sign-in?next=%2Fadmin%2Faudit');
      await settle(page);
      await signInThroughForm(page, admin);
      await page.waitForURL(server.url + '/admin/audit');
      await settle(page);
      expect(await page.locator('main h1').textContent()).toBe(en.adminNavigation.audit);
      const actions = () => page.$$eval('.audit-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-action')));
      expect(await actions()).toContain('auth.sign_in');
      expect(await actions()).toContain('auth.sign_in_failed');
      await noViolations(page, 'admin-audit');
      await screenshot(page, 'desktop-admin-audit');

      await page.getByLabel(en.auditActionFilter, { exact: true }).selectOption('auth.sign_in');
      await page.getByRole('button', { name: en.auditApply, exact: true }).click();
      await page.waitForURL(/action=auth\.sign_in/);
      await expect.poll(async () => [...new Set(await actions())]).toEqual(['auth.sign_in']);
      const actors = await page.$$eval('.audit-table tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
      expect(actors).toContain(analyst.email);
      expect(actors).toContain(admin.email);
      const shown = Number(await page.locator('.audit-table tbody tr').count());
      expect(shown).toBeGreaterThanOrEqual(3);
      await screenshot(page, 'desktop-admin-audit-filtered');
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  it('when the server is down the pages say so, and recover once it is back', async () => {
    const { page, errors } = await open('/');
    await settle(page);
    // Load the directory's code while the server is up, then come back home.
    await page.getByRole('link', { name: en.areas.directory, exact: true }).click();
    await settle(page);
    await page.getByRole('link', { name: en.areas.home, exact: true }).click();
    await settle(page);

    const port = server.port;
    await server.stop();
    await page.getByRole('link', { name: en.areas.directory, exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain(en.errorNetworkTitle);
    expect(await page.locator('main h1').textContent()).toBe(en.areas.directory);
    await screenshot(page, 'desktop-directory-server-down');

    // Home's data cannot be fetched either.
    await page.getByRole('link', { name: en.areas.home, exact: true }).click();
    const homeAlert = page.getByRole('alert').first();
    await homeAlert.waitFor({ timeout: 15_000 });
    expect(await homeAlert.textContent()).toContain(en.errorNetworkTitle);
    expect(await page.locator('main h1').textContent()).toBe(en.homeTitle);

    // A page whose code was never fetched says the same (back and forward need no server).
    await page.evaluate(() => {
      history.pushState(null, '', '/directory/ANY-ORG');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.getByRole('alert').first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert').first().textContent()).toContain(en.errorNetworkTitle);
    await page.goBack();
    await page.getByRole('alert').first().waitFor({ timeout: 15_000 });

    // Back up: "Try again" brings the numbers.
    server = await startServer({ db: join(dir, 'e2e.db'), port });
    await page.getByRole('button', { name: en.retry }).first().click();
    await expect.poll(() => page.locator('.headline-item').count(), { timeout: 15_000 }).toBe(4);
    const unexpected = errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|fetch/i.test(e));
    expect(unexpected).toEqual([]);
    await page.close();
  });
});
