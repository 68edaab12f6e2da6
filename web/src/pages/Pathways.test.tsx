import { resolveObjectURL } from 'node:buffer';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrentPage } from '../app';
import { SectorBrowser } from '../components/SectorBrowser';
import { setLanguage } from '../i18n';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { referenceByPath, sectorList } from '../reference-fixtures';
import { click, flush, mount, pageUnderTest, submit, typeInto, unmount, type FakeRequest, type FakeResponse } from '../test-utils';
import { planCsv } from './pathways/explorer';
import { pathwayGrid, planResult } from './pathways/test-fixtures';

let gridAnswer: (req: FakeRequest) => FakeResponse;
let planAnswer: (req: FakeRequest) => FakeResponse;
const page = pageUnderTest('/pathways', (req) => {
  if (/^\/api\/v1\/pathways\/[^/]+\/grid$/.test(req.url.pathname)) return gridAnswer(req);
  if (req.url.pathname === '/api/v1/plans' && req.method === 'POST') return planAnswer(req);
  if (req.url.pathname in referenceByPath) return { body: referenceByPath[req.url.pathname] };
  return { status: 404, body: { error: { code: 'not_found', message: 'no such thing' } } };
});

// The explorer's pages load on first visit; importing them first makes that
// import a resolved promise, so the tests wait for data only.
beforeAll(async () => {
  await Promise.all([import('./Pathways'), import('./pathways/Grid'), import('./pathways/Plan')]);
});

beforeEach(() => {
  gridAnswer = () => ({ body: pathwayGrid() });
  planAnswer = (req) => ({ body: planResult((req.body as { years: 4 | 6 | 10 }).years) });
});
afterEach(() => setLanguage('en', { remember: false }));

/** Mounts the page of an address through the application's routing table, lazy pages loaded. */
async function open(address: string): Promise<HTMLElement> {
  window.history.replaceState(null, '', address);
  const url = new URL(address, 'http://localhost');
  const container = page.mount(<CurrentPage pathname={url.pathname} />);
  await flush(8);
  return container;
}

const texts = (el: ParentNode, selector: string) => [...el.querySelectorAll(selector)].map((e) => e.textContent?.trim());
const hrefs = (el: ParentNode, selector: string) => [...el.querySelectorAll(selector)].map((e) => e.getAttribute('href'));
const gridRequests = () => page.seen.filter((r) => r.url.pathname.endsWith('/grid'));
const planRequests = () => page.seen.filter((r) => r.url.pathname === '/api/v1/plans');

describe('pathway explorer: interests and sectors, then pathways', () => {
  it('starts with what the person likes and the industry sectors, each a link, on step 1', async () => {
    const container = await open('/pathways');
    expect(container.querySelector('h1')?.textContent).toBe(en.areas.pathways);
    expect(container.querySelector('.steps [aria-current="step"]')?.textContent).toContain(en.explorer.stepInterest);
    // Only interests whose sectors exist (the fixture has health and ICT).
    expect(hrefs(container, '.interest-list a')).toEqual(['/pathways?interest=health', '/pathways?interest=computers']);
    expect(texts(container, '.interest-list a')).toEqual([en.explorer.interests.health, en.explorer.interests.computers]);
    expect(hrefs(container, '.sector-choices a')).toEqual(['/pathways?sector=HSM', '/pathways?sector=ICT']);
    expect(container.querySelector('.sector-choices a')?.textContent).toContain(en.sectorPathwayCount(2));
  });

  it('an interest lists the pathways of its sectors, each a link to its grid, on step 2', async () => {
    const container = await open('/pathways?interest=computers&region=BA');
    expect(container.querySelector('#pw-pathways-heading')?.textContent).toBe(en.explorer.pathwaysFor(en.explorer.interests.computers));
    expect(container.querySelector('.steps [aria-current="step"]')?.textContent).toContain(en.explorer.stepPathway);
    // The interest covers ICT and AME; only ICT exists here, so no sector heading is needed. The region is carried along.
    expect(texts(container, '.pathway-group h3')).toEqual([]);
    expect(hrefs(container, '.pathway-choices a')).toEqual(['/pathways/ICT-03?region=BA']);
    expect(hrefs(container, '.steps a')).toEqual(['/pathways?region=BA']);
  });

  it('a sector lists its pathways; an unknown interest says so and offers the list again', async () => {
    let container = await open('/pathways?sector=HSM');
    expect(hrefs(container, '.pathway-choices a')).toEqual(['/pathways/HSM-01', '/pathways/HSM-04']);
    expect(container.querySelector('#pw-pathways-heading')?.textContent).toBe(en.explorer.pathwaysFor('Health Science and Medical Technology'));
    unmount(page.container);
    container = await open('/pathways?interest=astronomy');
    expect(container.textContent).toContain(en.explorer.unknownInterest('astronomy'));
    expect(container.querySelectorAll('.interest-list a').length).toBe(2);
  });

  it('names sectors and pathways in Spanish for Spanish readers', async () => {
    setLanguage('es', { remember: false });
    const container = await open('/pathways?sector=HSM');
    expect(container.querySelector('h1')?.textContent).toBe(es.areas.pathways);
    expect(texts(container, '.pathway-choices a')).toEqual([es.pathwayNames['HSM-01'], es.pathwayNames['HSM-04']]);
    expect(container.querySelector('#pw-pathways-heading')?.textContent).toBe(es.explorer.pathwaysFor(es.sectorNames.HSM as string));
  });

  it('the home page\'s sector browser links each pathway to the explorer', () => {
    const container = mount(<SectorBrowser sectors={sectorList} />);
    expect(hrefs(container, '.pathway-list a')).toEqual(['/pathways/HSM-01', '/pathways/HSM-04', '/pathways/ICT-03']);
    unmount(container);
  });
});

describe('pathway explorer: the grid for a region', () => {
  it('asks where the person lives first; a county finds its region', async () => {
    const container = await open('/pathways/HSM-04');
    expect(container.querySelector('h1')?.textContent).toBe('Patient Care');
    expect(gridRequests()).toHaveLength(0);
    expect(container.querySelector('label[for="pw-county"]')?.textContent).toBe(en.explorer.yourCounty);
    // Nothing chosen: said in words, in an alert, and the field is described by it.
    submit(container.querySelector('form.region-chooser'));
    await flush();
    expect(container.querySelector('#pw-region-missing')?.textContent).toBe(en.explorer.chooseCountyOrRegion);
    expect(container.querySelector('#pw-county')?.getAttribute('aria-describedby')).toBe('pw-region-missing');
    typeInto(container.querySelector('#pw-county'), '06001');
    submit(container.querySelector('form.region-chooser'));
    await flush(8);
    expect(window.location.pathname + window.location.search).toBe('/pathways/HSM-04?region=BA&county=06001');
  });

  it('a county with no region falls back on the region chosen', async () => {
    const container = await open('/pathways/HSM-04');
    typeInto(container.querySelector('#pw-county'), '06093');
    typeInto(container.querySelector('#pw-region'), 'NFN');
    submit(container.querySelector('form.region-chooser'));
    await flush();
    expect(window.location.pathname + window.location.search).toBe('/pathways/HSM-04?region=NFN');
  });

  it('shows the grid: high-school stages in order, college classes, awards, transfer, learning at work', async () => {
    const container = await open('/pathways/HSM-04?region=BA&county=06001');
    expect(gridRequests().map((r) => r.url.pathname + r.url.search)).toEqual(['/api/v1/pathways/HSM-04/grid?region=BA']);
    expect(container.querySelector('.lead')?.textContent).toBe(en.explorer.gridIntro('Patient Care', 'Bay Area'));
    expect(container.querySelector('.grid-status')?.textContent).toBe(en.explorer.published(3, 'March 3, 2025'));
    expect(texts(container, '.stage h3')).toEqual([
      `${en.explorer.stages.introductory} · Grades 9–10`,
      `${en.explorer.stages.concentrator} · Grades 10–11`,
      `${en.explorer.stages.capstone} · Grade 12`,
    ]);
    const anatomy = container.querySelector('.stage [data-course="hs-anatomy"]');
    expect(anatomy?.querySelector('.badge-credit')?.textContent).toBe(en.explorer.collegeCredit);
    expect(anatomy?.querySelector('.prerequisites')?.textContent).toBe(en.explorer.takeAfter('Introduction to Health Careers'));
    expect(container.querySelector('[data-course="hs-capstone"] .prerequisites')?.textContent).toBe(
      en.explorer.takeAfter('Medical Terminology, Anatomy and Physiology'),
    );
    // Dual enrollment first, in its own section; the other college class after.
    const dual = container.querySelector('#pw-dual-heading')?.parentElement;
    expect(texts(dual as Element, '.course-title')).toEqual(['HLTH 101 Introduction to Health Occupations']);
    expect(dual?.querySelector('.badge-dual')?.textContent).toBe(en.explorer.dualEnrollment);
    // A college class at any college of the region, without a course number: its title alone.
    const ma110 = container.querySelector('[data-course="cc-ma110"]');
    expect(ma110?.querySelector('.course-title')?.textContent?.trim()).toBe('Clinical Procedures');
    expect(ma110?.textContent).not.toContain(en.explorer.atCollege(''));
    expect(ma110?.textContent).toContain(en.explorer.units('4'));
    expect(container.querySelector('[data-course="cc-hlth101"]')?.textContent).toContain(en.explorer.atCollege('Bay Community College'));
    // High-school classes count in credits; a placeholder of a generated draft says it is an example.
    expect(container.querySelector('[data-course="hs-intro"]')?.textContent).toContain(en.explorer.credits('10'));
    expect(container.querySelector('[data-course="hs-terms"] .badge-example')?.textContent).toBe(en.explorer.generatedCourse);
    expect(container.querySelector('[data-course="hs-intro"] .badge-example')).toBeNull();
    // An award whose units are not stated (0) shows none.
    expect(container.querySelector('[data-award="TOP:1208.00"]')?.textContent).not.toContain(en.explorer.units('0'));
    const lvn = container.querySelector('[data-award="TOP:1230.20"]');
    expect(lvn?.textContent).toContain(en.explorer.awardLevels.certificate_long);
    expect(lvn?.textContent).toContain(en.explorer.offeredAt('Bay Community College, Mission Valley College'));
    expect(container.querySelector('#pw-transfer-heading')?.parentElement?.textContent).toContain('San Francisco State University');
    expect(texts(container, '.wbl li')).toEqual([
      'Hospital tour and career talk · Grade 9',
      'Job shadow at a clinic · Grades 10–11',
      'Clinical internship · Grade 12',
      `Paid clinical training · ${en.explorer.afterHighSchool}`,
    ]);
    expect(container.textContent).toContain('Anatomy and Physiology counts as a lab science for university admission.');
  });

  it('tells careers in plain words: openings, pay, the living wage (symbol and words), the education to start', async () => {
    const container = await open('/pathways/HSM-04?region=BA');
    const lvn = container.querySelector('.career[data-soc="29-2061"]') as HTMLElement;
    expect(lvn.querySelector('h3')?.textContent).toBe('Licensed Practical and Licensed Vocational Nurses');
    expect(lvn.querySelector('.career-openings')?.textContent).toBe('About 120 job openings a year');
    expect(lvn.querySelector('.career-pay')?.textContent).toBe('Pays $27–$33 an hour');
    expect(lvn.querySelector('.career-living-wage')?.textContent).toBe('▲ Above what one adult needs to live here ($24.10 an hour)');
    expect(lvn.querySelector('.career-education')?.textContent).toBe(en.explorer.startsWith('a certificate after high school'));
    expect(lvn.querySelector('.career-gap')?.textContent).toBe(en.explorer.moreOpenings);
    const ma = container.querySelector('.career[data-soc="31-9092"]') as HTMLElement;
    expect(ma.querySelector('.career-living-wage')?.textContent).toBe('▼ Below what one adult needs to live here ($24.10 an hour)');
    expect(ma.querySelector('.career-gap')?.textContent).toBe(en.explorer.fewerOpenings);
    const other = container.querySelector('.career[data-soc="29-2099"]') as HTMLElement;
    expect(other.querySelector('.career-openings')?.textContent).toBe(en.explorer.openingsFew);
    expect(other.querySelector('.career-pay')?.textContent).toBe(en.explorer.paysUnknown);
    expect(other.querySelector('.career-living-wage')?.textContent).toBe(en.explorer.livingWageUnknown);
    expect(other.querySelector('.career-education')).toBeNull();
  });

  it('keeps one h1 and headings in order (h2 sections, h3 inside), and prints with the browser', async () => {
    const container = await open('/pathways/HSM-04?region=BA');
    const levels = [...container.querySelectorAll('h1, h2, h3')].map((h) => Number(h.tagName[1]));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect((levels[i] as number) - (levels[i - 1] as number)).toBeLessThanOrEqual(1);
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    click(container.querySelector('.print-button'));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
    // Every field of the plan form has a label.
    for (const field of container.querySelectorAll('.plan-form select, .plan-form input')) {
      const id = field.getAttribute('id');
      const labelled = (id && container.querySelector(`label[for="${id}"]`)) || field.closest('label');
      expect(labelled, field.outerHTML).toBeTruthy();
    }
  });

  it('says a generated grid is a draft', async () => {
    gridAnswer = () => ({ body: pathwayGrid({ status: 'draft_generated', updated_by: null }) });
    const container = await open('/pathways/HSM-04?region=BA');
    expect(container.querySelector('.grid-status')?.textContent).toBe(en.explorer.draft);
    expect(container.querySelector('.grid-status')?.getAttribute('data-status')).toBe('draft_generated');
  });

  it('an unknown pathway (404) says so with a way back; an unknown region (400) asks again', async () => {
    gridAnswer = () => ({ status: 404, body: { error: { code: 'not_found', message: 'no pathway XYZ' } } });
    let container = await open('/pathways/XYZ?region=BA');
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(en.explorer.notFound('XYZ'));
    expect(container.querySelector('[role="alert"] a')?.getAttribute('href')).toBe('/pathways?region=BA');
    unmount(page.container);
    gridAnswer = () => ({ status: 400, body: { error: { code: 'invalid_argument', message: 'region: unknown region "ZZ"' } } });
    container = await open('/pathways/HSM-04?region=ZZ');
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('unknown region "ZZ"');
    expect(container.querySelector('form.region-chooser')).not.toBeNull();
  });

  it('"Make my plan" opens the plan of the years and grade chosen', async () => {
    const container = await open('/pathways/HSM-04?region=BA&county=06001');
    click(container.querySelector('input[name="pw-years"][value="6"]'));
    typeInto(container.querySelector('#pw-grade'), '10');
    submit(container.querySelector('.plan-form form'));
    await flush();
    expect(window.location.pathname + window.location.search).toBe('/pathways/HSM-04/plan?region=BA&county=06001&years=6&start_grade=10');
  });
});

describe('pathway explorer: the plan', () => {
  it('posts the plan question and lays out the terms, with dual enrollment, college credit and learning at work marked', async () => {
    const container = await open('/pathways/HSM-04/plan?region=BA&years=6&start_grade=9');
    expect(planRequests().map((r) => r.body)).toEqual([{ pathway: 'HSM-04', region: 'BA', years: 6, start_grade: 9 }]);
    expect(container.querySelector('h1')?.textContent).toBe(en.explorer.planTitle('Patient Care'));
    expect(container.querySelector('.plan-summary')?.textContent).toBe(en.explorer.planSummary(6, 'Bay Area', 9));
    expect(texts(container, '.plan-term h3')).toEqual([
      'Grade 9 · High school',
      'Grade 10 · High school',
      'Grade 11 · High school',
      'Grade 12 · High school',
      'Year 5, fall · College',
      'Year 5, spring · College',
      'Year 6, fall · College',
    ]);
    const grade11 = container.querySelector('.plan-term[data-term="Grade 11"]') as HTMLElement;
    expect(grade11.querySelectorAll('.badge-dual')).toHaveLength(1);
    expect(grade11.querySelectorAll('.badge-credit')).toHaveLength(2);
    // High-school credits for the year, and the college units of its dual-enrollment class.
    expect(grade11.querySelector('.term-units')?.textContent).toBe(`${en.explorer.termCredits('10')} ${en.explorer.termCollegeUnits('3')}`);
    expect(grade11.querySelector('.plan-item')?.textContent).toContain(en.explorer.credits('10'));
    expect([...grade11.querySelectorAll('.plan-item')][1]?.textContent).toContain(en.explorer.units('3'));
    expect(container.querySelector('.plan-term[data-term="Year 5 fall"] .term-units')?.textContent).toBe(en.explorer.termUnits('4'));
    expect(container.querySelector('.plan-item-wbl')?.textContent).toContain(en.explorer.kinds.wbl as string);
    expect(container.querySelector('.plan-term[data-term="Year 6 fall"]')?.textContent).toContain(en.explorer.nothingThisTerm);
    expect(container.querySelector('.plan-warnings')?.textContent).toContain('Anatomy and Physiology is offered at 2 of the 5 high schools');
    expect(texts(container, '.plan-term ~ * .award-title, section .award-title')).toEqual(['Medical Assisting', 'Licensed Vocational Nursing']);
    expect(container.querySelector('section .award')?.textContent).toContain(en.explorer.earnedIn('Year 5, spring'));
    expect(container.querySelectorAll('.career')).toHaveLength(3);
  });

  it('offers the plan as CSV and a way back to change it', async () => {
    const container = await open('/pathways/HSM-04/plan?region=BA&county=06001&years=4&start_grade=9');
    const link = container.querySelector('a[download]') as HTMLAnchorElement;
    expect(link.textContent).toBe(en.explorer.downloadPlan);
    expect(link.getAttribute('download')).toBe('pathlight-plan-HSM-04-BA-4-years.csv');
    const blob = resolveObjectURL(link.getAttribute('href') ?? '');
    expect(await blob?.text()).toBe(planCsv(planResult(4)));
    const back = [...container.querySelectorAll('a')].find((a) => a.textContent === en.explorer.changePlan);
    expect(back?.getAttribute('href')).toBe('/pathways/HSM-04?region=BA&county=06001#make-plan');
  });

  it('speaks Spanish: term names, plain words and the CSV headers', async () => {
    setLanguage('es', { remember: false });
    const container = await open('/pathways/HSM-04/plan?region=BA&years=6&start_grade=9');
    expect(container.querySelector('h1')?.textContent).toBe(es.explorer.planTitle(es.pathwayNames['HSM-04'] as string));
    expect(texts(container, '.plan-term h3')[4]).toBe('Año 5, otoño · Colegio');
    expect(container.querySelector('.career[data-soc="29-2061"] .career-openings')?.textContent).toBe('Unos 120 empleos disponibles al año');
    const blob = resolveObjectURL((container.querySelector('a[download]') as HTMLAnchorElement).getAttribute('href') ?? '');
    expect((await blob?.text())?.split('\r\n')[0]).toBe('Cuándo,Dónde,Qué,Nombre,Unidades,Inscripción doble,Crédito universitario');
  });

  it('says what the server refused (400: an impossible plan) in an alert', async () => {
    planAnswer = () => ({ status: 400, body: { error: { code: 'invalid_argument', message: 'MED 201: prerequisite cycle' } } });
    const container = await open('/pathways/HSM-04/plan?region=BA&years=4');
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(en.errorHttpBody(400, 'MED 201: prerequisite cycle'));
  });
});
