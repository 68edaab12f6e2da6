// The pathway explorer as a student or a parent uses it: the real server on a
// freshly generated demo database, the built web application, Debian's
// chromium. The flow — what you like, a pathway, where you live, the grid,
// "make my plan" — is followed by clicks and the keyboard, and what each page
// shows is checked against GET /api/v1/pathways/{code}/grid and
// POST /api/v1/plans for the same question, in the page's own plain words
// (web/src/pages/pathways/explorer.ts). Pathways and places are taken from
// the reference API, so the tests hold for any demo data set.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { County, RegionList, Sector } from '../../web/src/api/types.gen';
import type { PathwayGrid, PlanRequest, PlanResult } from '../../web/src/api/labor-pathways';
import { setLanguage } from '../../web/src/i18n';
import { en } from '../../web/src/i18n/en';
import { es } from '../../web/src/i18n/es';
import {
  interests,
  livingWageText,
  openingsText,
  paysText,
  planCsv,
  termLabel,
} from '../../web/src/pages/pathways/explorer';
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
let sectors: Sector[];
let counties: County[];
let regions: RegionList['regions'];

beforeAll(async () => {
  session = await startDemoSession('explorer');
  ({ server, context } = session);
  sectors = await api<Sector[]>(server, '/api/v1/reference/sectors');
  counties = await api<County[]>(server, '/api/v1/reference/counties');
  regions = (await api<RegionList>(server, '/api/v1/reference/regions')).regions;
});

afterAll(async () => {
  setLanguage('en', { remember: false });
  await endDemoSession(session ?? {});
});

const open = (path: string, viewport = desktop, ctx = context) => openPage(ctx, server, path, viewport);

const grid = (code: string, region: string) =>
  api<PathwayGrid>(server, `/api/v1/pathways/${encodeURIComponent(code)}/grid?region=${encodeURIComponent(region)}`);

async function plan(body: PlanRequest): Promise<PlanResult> {
  const response = await fetch(server.url + '/api/v1/plans', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /api/v1/plans: ${response.status} ${await response.text()}`);
  return (await response.json()) as PlanResult;
}

/** A county that belongs to a region, and that region. */
function someCounty(): { fips: string; region: string } {
  const c = counties.find((x) => x.region_code !== null);
  if (!c) throw new Error('no county belongs to a region');
  return { fips: c.fips, region: c.region_code as string };
}

let example: { code: string; region: string; result: PathwayGrid } | null = null;

/** A pathway whose grid in some region has high-school classes and careers (looked up once). */
async function findGrid(): Promise<{ code: string; region: string; result: PathwayGrid }> {
  if (example) return example;
  const { region } = someCounty();
  for (const s of sectors) {
    for (const p of s.pathways) {
      const result = await grid(p.code, region);
      if (result.high_school.some((h) => h.courses.length > 0) && result.occupations.length > 0) {
        example = { code: p.code, region, result };
        recordMetric('explorer_grid_example', { pathway: p.code, region, status: result.status, careers: result.occupations.length });
        return example;
      }
    }
  }
  throw new Error('no pathway has a grid with classes and careers in the demo data');
}

/** The careers as the page shows them: [SOC, openings, pay, living wage] each. */
async function careerCards(page: Page): Promise<string[][]> {
  return page.$$eval('.career', (cards) =>
    cards.map((c) => [
      c.getAttribute('data-soc') ?? '',
      c.querySelector('.career-openings')?.textContent ?? '',
      c.querySelector('.career-pay')?.textContent ?? '',
      (c.querySelector('.career-living-wage')?.textContent ?? '').replace(/^[▲▼] /, ''),
    ]),
  );
}

const expectedCareers = (occupations: PathwayGrid['occupations']) =>
  occupations.map((o) => [o.soc, openingsText(o), paysText(o), livingWageText(o)]);

describe('Pathway explorer in a real browser', () => {
  it('starts from the API\'s sectors; an interest leads to the pathways of its sectors', async () => {
    const { page, errors } = await open('/pathways');
    expect(await page.locator('main h1').textContent()).toBe(en.areas.pathways);
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toContain(en.explorer.stepInterest);
    expect(await page.$$eval('.sector-choices a', (as) => as.map((a) => a.getAttribute('data-sector')))).toEqual(sectors.map((s) => s.code));
    const known = new Set(sectors.map((s) => s.code));
    const offered = interests.filter((i) => i.sectors.some((s) => known.has(s)));
    expect(await page.$$eval('.interest-list a', (as) => as.map((a) => a.getAttribute('data-interest')))).toEqual(offered.map((i) => i.key));

    const interest = offered[0];
    if (!interest) throw new Error('no interest matches the sectors of the API');
    await page.getByRole('link', { name: en.explorer.interests[interest.key], exact: true }).click();
    await page.waitForURL(new RegExp(`interest=${interest.key}`));
    await settle(page);
    const expected = sectors.filter((s) => interest.sectors.includes(s.code)).flatMap((s) => s.pathways.map((p) => p.code));
    expect(await page.$$eval('.pathway-choices a', (as) => as.map((a) => a.getAttribute('data-pathway')))).toEqual(expected);
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toContain(en.explorer.stepPathway);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a sector → a pathway → where you live → the grid of /api/v1/pathways/{code}/grid, in plain words', async () => {
    const { code } = await findGrid();
    const { fips, region } = someCounty();
    const sector = sectors.find((s) => s.pathways.some((p) => p.code === code)) as Sector;
    const pathway = sector.pathways.find((p) => p.code === code) as Sector['pathways'][number];
    const { page, errors } = await open('/pathways');
    await page.locator(`.sector-choices a[data-sector="${sector.code}"]`).click();
    await page.waitForURL(new RegExp(`sector=${sector.code}`));
    await settle(page);
    await page.locator(`.pathway-choices a[data-pathway="${code}"]`).click();
    await page.waitForURL(new RegExp(`/pathways/${code}$`));
    await settle(page);
    // The heading is the pathway's name once the sector list has come.
    await expect.poll(() => page.locator('main h1').textContent()).toBe(pathway.name);
    // Where do you live? A county finds its region.
    await page.getByLabel(en.explorer.yourCounty, { exact: true }).selectOption(fips);
    await page.getByRole('button', { name: en.explorer.showGrid, exact: true }).click();
    await page.waitForURL(new RegExp(`region=${region}&county=${fips}`));
    await settle(page);
    await page.locator('.grid-status').waitFor();

    const result = await grid(code, region);
    expect(await page.locator('.grid-status').getAttribute('data-status')).toBe(result.status);
    expect(await page.$$eval('.stage', (ss) => ss.map((s) => s.getAttribute('data-stage')))).toEqual(result.high_school.map((h) => h.stage));
    expect(await page.$$eval('.stage .course-title', (cs) => cs.map((c) => c.textContent))).toEqual(
      result.high_school.flatMap((h) => h.courses.map((c) => c.title)),
    );
    expect(await page.$$eval('.award', (as) => as.map((a) => a.getAttribute('data-award')))).toEqual(
      result.awards.map((a) => `${a.code_system}:${a.code}`),
    );
    const dual = result.college_courses.filter((c) => c.dual_enrollment);
    expect(await page.locator('#pw-dual-heading').count()).toBe(dual.length > 0 ? 1 : 0);
    expect(await careerCards(page)).toEqual(expectedCareers(result.occupations));
    await screenshot(page, 'explorer-grid');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('"make my plan": the plan of POST /api/v1/plans, term by term, as CSV and on paper', async () => {
    const { code, region } = await findGrid();
    const { page, errors } = await open(`/pathways/${code}?region=${region}`);
    await page.locator('.plan-form').waitFor();
    await page.getByLabel(en.explorer.planYearOptions['6'] as string, { exact: true }).check();
    await page.getByLabel(en.explorer.startGrade, { exact: true }).selectOption('9');
    await page.getByRole('button', { name: en.explorer.makePlan, exact: true }).click();
    await page.waitForURL(new RegExp(`/pathways/${code}/plan\\?region=${region}&years=6&start_grade=9`));
    await settle(page);
    await page.locator('.plan-terms').waitFor();

    const result = await plan({ pathway: code, region, years: 6, start_grade: 9 });
    expect(result.plan.years).toBe(6);
    const headings = await page.$$eval('.plan-term h3', (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(result.plan.terms.map((term) => `${termLabel(term.label)} · ${en.explorer.levels[term.level] ?? term.level}`));
    const items = await page.$$eval('.plan-term', (ts) => ts.map((t) => t.querySelectorAll('.plan-item').length));
    expect(items).toEqual(result.plan.terms.map((term) => term.items.length));
    expect(await page.locator('.plan-term .badge-dual').count()).toBe(
      result.plan.terms.flatMap((term) => term.items).filter((i) => i.dual_enrollment).length,
    );
    expect(await careerCards(page)).toEqual(expectedCareers(result.plan.occupations));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: en.explorer.downloadPlan }).click()]);
    expect(download.suggestedFilename()).toBe(`pathlight-plan-${code}-${region}-6-years.csv`);
    expect(readFileSync((await download.path()) as string, 'utf8')).toBe(planCsv(result));

    // On paper: no header, navigation, buttons or forms; the terms are there.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.print-button').isVisible()).toBe(false);
    expect(await page.locator('.plan-terms').isVisible()).toBe(true);
    await screenshot(page, 'explorer-plan-print');
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'explorer-plan');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the printed grid keeps the grid and drops the page around it', async () => {
    const { code, region } = await findGrid();
    const { page, errors } = await open(`/pathways/${code}?region=${region}`);
    await page.locator('.grid-status').waitFor();
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.site-header', '.site-footer', '.steps', '.breadcrumb', '.plan-form', '.print-button']) {
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    }
    expect(await page.locator('#pw-hs-heading').isVisible()).toBe(true);
    expect(await page.locator('#pw-careers-heading').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'Letter' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    recordMetric('explorer_grid_pdf_bytes', pdf.length);
    await screenshot(page, 'explorer-grid-print');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works with the keyboard alone: a link, Enter, and the new page\'s heading has the focus', async () => {
    const { page, errors } = await open('/pathways');
    await page.locator('.sector-choices a').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sector=/);
    await settle(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.locator('.pathway-choices a').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/pathways\/[^/?]+$/);
    await settle(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // The region form: Tab reaches the county field, whose label names it.
    await page.locator('#pw-county').focus();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pw-county');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('in Spanish: the explorer\'s words, the careers in plain Spanish, the plan\'s terms', async () => {
    const { code, region, result } = await findGrid();
    const spanish = await session.browser.newContext({ viewport: desktop, locale: 'en-US' });
    try {
      const { page, errors } = await open('/pathways', desktop, spanish);
      await page.locator('.language-switch button').click();
      await expect.poll(() => page.locator('main h1').textContent()).toBe(es.areas.pathways);
      expect(await page.locator('#pw-interest-heading').textContent()).toBe(es.explorer.interestHeading);
      await page.goto(`${server.url}/pathways/${code}?region=${region}`);
      await settle(page);
      await page.locator('.grid-status').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      expect(await page.locator('#pw-hs-heading').textContent()).toBe(es.explorer.highSchoolHeading);
      setLanguage('es', { remember: false });
      try {
        expect(await careerCards(page)).toEqual(expectedCareers(result.occupations));
      } finally {
        setLanguage('en', { remember: false });
      }
      await screenshot(page, 'explorer-grid-spanish');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await spanish.close();
    }
  });

  it('an unknown pathway (404) says so with a way back; an unknown region (400) asks where you live again', async () => {
    const { code } = await findGrid();
    const region = regions[0]?.code ?? '';
    let { page } = await open(`/pathways/NO-SUCH-PATHWAY?region=${region}`);
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(en.explorer.notFound('NO-SUCH-PATHWAY'));
    await page.close();
    ({ page } = await open(`/pathways/${code}?region=NO-SUCH-REGION`));
    await page.locator('[role="alert"]').first().waitFor();
    expect(await page.locator('[role="alert"]').first().textContent()).toContain('400');
    expect(await page.locator('form.region-chooser').count()).toBe(1);
    await page.close();
  });

  it('no accessibility violation, fits a phone; screenshots', async () => {
    const { code, region } = await findGrid();
    const sector = sectors.find((s) => s.pathways.some((p) => p.code === code)) as Sector;
    const report: Record<string, unknown> = {};
    const views: [string, string, string][] = [
      ['start', '/pathways', '.interest-list'],
      ['sector', `/pathways?sector=${sector.code}`, '.pathway-choices'],
      ['where', `/pathways/${code}`, 'form.region-chooser'],
      ['grid', `/pathways/${code}?region=${region}`, '.grid-status'],
      ['plan', `/pathways/${code}/plan?region=${region}&years=10&start_grade=9`, '.plan-terms'],
    ];
    for (const [name, path, ready] of views) {
      for (const [size, viewport] of [['desktop', desktop], ['phone', phone]] as const) {
        const { page, errors } = await open(path, viewport);
        await page.locator(ready).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} overflows a ${viewport.width}px screen by ${overflow}px`).toBeLessThanOrEqual(0);
        const a11y = await runAxe(page);
        report[`${path} ${size}`] = a11y.violations;
        expect(a11y.violations, `${path} at ${size}`).toEqual([]);
        await screenshot(page, `explorer-${size}-${name}`);
        expect(errors, path).toEqual([]);
        await page.close();
      }
    }
    recordMetric('explorer_axe', report);
  });

  // Last: it saves a new version of the example grid, which the tests above read.
  it('a coordinator edits a grid: signs in, renames a class, saves a new version that families then see', async () => {
    const admin = await server.administrator();
    const { code, region } = await findGrid();
    const before = await grid(code, region);
    const first = before.high_school.flatMap((h) => h.courses)[0] as PathwayGrid['high_school'][number]['courses'][number];
    const editor = `/pathways/${code}/edit?region=${region}`;
    const ctx = await session.browser.newContext({ viewport: desktop, locale: 'en-US' });
    try {
      // Signed out, the editor asks for a sign-in, and the sign-in comes back to it.
      const { page, errors } = await open(editor, desktop, ctx);
      await page.locator('main').getByRole('link', { name: en.gridEditor.signIn, exact: true }).click();
      await page.getByLabel(en.email, { exact: true }).fill(admin.email);
      await page.getByLabel(en.password, { exact: true }).fill(admin.password);
      await page.getByRole('button', { name: en.signIn, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/pathways/${code}/edit`);
      await settle(page);
      await page.locator('form.grid-editor').waitFor();
      expect(await page.locator('.grid-editor .notice-info').textContent()).toBe(en.gridEditor.startsFrom(before.version));
      const title = page.locator(`.editor-course[data-course="${first.id}"] input[type="text"]`);
      expect(await title.inputValue()).toBe(first.title);
      await title.fill('Health Careers Seminar');
      await page.locator('#ge-summary').fill('Renamed the first class');
      await screenshot(page, 'explorer-desktop-grid-editor');
      const a11y = await runAxe(page);
      recordMetric('explorer_editor_axe', a11y.violations);
      expect(a11y.violations).toEqual([]);
      await page.getByRole('button', { name: en.gridEditor.save, exact: true }).click();
      await expect.poll(() => page.locator('.notice-ok').textContent()).toBe(en.gridEditor.saved(before.version + 1));

      // The API has the new version, and the editor lists it first.
      const after = await grid(code, region);
      expect(after.version).toBe(before.version + 1);
      expect(after.status).toBe('published');
      expect(after.high_school.flatMap((h) => h.courses).find((c) => c.id === first.id)?.title).toBe('Health Careers Seminar');
      await expect
        .poll(() => page.locator('.grid-history tbody tr').first().getAttribute('data-version'))
        .toBe(String(after.version));
      expect(await page.locator('.grid-history tbody tr').first().textContent()).toContain('Renamed the first class');

      // Families see the new name on the grid.
      await page.getByRole('link', { name: en.gridEditor.viewGrid, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/pathways/${code}`);
      await settle(page);
      await expect.poll(() => page.locator(`.course[data-course="${first.id}"] .course-title`).textContent()).toBe('Health Careers Seminar');
      expect(await page.locator('.grid-status').getAttribute('data-status')).toBe('published');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
