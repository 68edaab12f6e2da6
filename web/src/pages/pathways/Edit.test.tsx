import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CurrentPage } from '../../app';
import { setSessionForTests } from '../../auth/session';
import { en } from '../../i18n/en';
import { referenceByPath } from '../../reference-fixtures';
import { click, flush, pageUnderTest, submit, typeInto, unmount, type FakeRequest, type FakeResponse } from '../../test-utils';
import { pathwayGrid } from './test-fixtures';

const coordinator = {
  user_id: 7,
  email: 'coordinator@example.org',
  display_name: 'Sam Ortiz',
  role: 'institution_analyst' as const,
  scopes: ['DIST-1'],
};
const versions = [
  { version: 3, updated_at: '2025-03-03T17:00:00Z', updated_by: 'Sam Ortiz', summary: 'Added the capstone' },
  { version: 2, updated_at: '2025-02-01T17:00:00Z', updated_by: null, summary: 'Version 2' },
];

let saveAnswer: (req: FakeRequest) => FakeResponse;
let draftAnswer: FakeResponse | null = null;
const page = pageUnderTest('/pathways/HSM-04/edit?region=BA', (req) => {
  if (req.url.pathname === '/api/v1/pathways/HSM-04/grid' && req.method === 'PUT') return saveAnswer(req);
  if (req.url.pathname === '/api/v1/pathways/HSM-04/grid') return draftAnswer ?? { body: pathwayGrid() };
  if (req.url.pathname === '/api/v1/pathways/HSM-04/grid/history') return { body: versions };
  if (req.url.pathname in referenceByPath) return { body: referenceByPath[req.url.pathname] };
  return { status: 404, body: { error: { code: 'not_found', message: 'no such thing' } } };
});

beforeAll(async () => {
  await Promise.all([import('./Edit'), import('./Grid')]);
});
beforeEach(() => {
  draftAnswer = null;
  setSessionForTests({ user: coordinator, permissions: ['public', 'account', 'pathways.edit'], csrf: 'csrf-1' });
  saveAnswer = (req) => ({ body: { ...pathwayGrid(), version: 4, notes: (req.body as { notes: string[] }).notes } });
});
afterEach(() => setSessionForTests({}));

async function open(address = '/pathways/HSM-04/edit?region=BA'): Promise<HTMLElement> {
  // One page at a time: a page left mounted would answer to the session too, with the same ids.
  unmount(page.container);
  window.history.replaceState(null, '', address);
  const container = page.mount(<CurrentPage pathname={new URL(address, 'http://localhost').pathname} />);
  await flush(8);
  return container;
}

const puts = () => page.seen.filter((r) => r.method === 'PUT');
const course = (c: HTMLElement, id: string) => c.querySelector(`.editor-course[data-course="${id}"]`) as HTMLElement;

describe('pathway grid editor', () => {
  it('asks a visitor to sign in, and an account without the permission says so', async () => {
    setSessionForTests({});
    let c = await open();
    expect(c.textContent).toContain(en.gridEditor.signInFirst);
    expect(c.querySelector('a[href^="/sign-in"]')?.getAttribute('href')).toBe('/sign-in?next=' + encodeURIComponent('/pathways/HSM-04/edit?region=BA'));
    expect(c.querySelector('form.grid-editor')).toBeNull();
    // Nothing is asked of the grid routes for a page that cannot edit.
    expect(page.seen.filter((r) => r.url.pathname.startsWith('/api/v1/pathways/'))).toEqual([]);
    setSessionForTests({ user: { ...coordinator, role: 'member', scopes: [] }, permissions: ['public', 'account'] });
    c = await open();
    expect(c.textContent).toContain(en.gridEditor.noPermission);
    expect(c.querySelector('form.grid-editor')).toBeNull();
  });

  it('shows the grid as a form: every class of every stage, the careers, the notes and the versions', async () => {
    const c = await open();
    expect(c.querySelector('h1')?.textContent).toBe(en.gridEditor.title('Patient Care'));
    expect(c.textContent).toContain(en.gridEditor.startsFrom(3));
    const stages = [...c.querySelectorAll('.editor-stage')].map((s) => s.getAttribute('data-stage'));
    expect(stages).toEqual(['introductory', 'concentrator', 'capstone']);
    expect((course(c, 'hs-anatomy').querySelector('input[type="text"]') as HTMLInputElement).value).toBe('Anatomy and Physiology');
    expect((course(c, 'hs-anatomy').querySelectorAll('input[type="checkbox"]')[0] as HTMLInputElement).checked).toBe(true);
    expect((c.querySelector('#ge-careers') as HTMLInputElement).value).toBe(pathwayGrid().occupations.map((o) => o.soc).join(', '));
    expect((c.querySelector('#ge-notes') as HTMLTextAreaElement).value).toBe(pathwayGrid().notes.join('\n'));
    const rows = [...c.querySelectorAll('.grid-history tbody tr')].map((tr) => tr.getAttribute('data-version'));
    expect(rows).toEqual(['3', '2']);
    expect(c.querySelector('.grid-history')?.textContent).toContain('Added the capstone');
  });

  it('saves the edit as a new version from the version shown: names, a new class, careers, notes and the summary', async () => {
    const c = await open();
    typeInto(course(c, 'hs-terms').querySelector('input[type="text"]'), 'Medical Terminology I');
    click(course(c, 'hs-intro').querySelector('button'));
    await flush();
    click([...c.querySelectorAll('.editor-stage[data-stage="capstone"] > button')].at(-1) ?? null);
    await flush();
    const added = c.querySelector('.editor-stage[data-stage="capstone"] .editor-course:last-of-type') as HTMLElement;
    typeInto(added.querySelector('input[type="text"]'), 'Clinical Internship');
    typeInto(c.querySelector('#ge-careers'), '31-1131, 29-2061 31-1131');
    typeInto(c.querySelector('#ge-notes'), 'First note\n\n  Second note  ');
    typeInto(c.querySelector('#ge-summary'), 'Renamed terminology, added the internship');
    submit(c.querySelector('form.grid-editor'));
    await flush(6);

    expect(puts()).toHaveLength(1);
    const req = puts()[0] as FakeRequest;
    expect(req.url.searchParams.get('region')).toBe('BA');
    expect(req.headers['X-CSRF-Token']).toBe('csrf-1');
    const body = req.body as {
      base_version: number;
      summary: string;
      high_school: { stage: string; courses: { id: string; title: string; generated: boolean }[] }[];
      occupations: { soc: string }[];
      notes: string[];
      college_courses: unknown[];
    };
    expect(body.base_version).toBe(3);
    expect(body.summary).toBe('Renamed terminology, added the internship');
    const byStage = Object.fromEntries(body.high_school.map((s) => [s.stage, s.courses]));
    expect(byStage.introductory).toEqual([]);
    // A generated placeholder that a person names is a real class.
    expect(byStage.concentrator?.[0]).toMatchObject({ id: 'hs-terms', title: 'Medical Terminology I', generated: false });
    expect(byStage.capstone?.map((x) => x.title)).toEqual(['Patient Care Capstone', 'Clinical Internship']);
    expect(byStage.capstone?.[1]?.id).toBe('capstone-1');
    expect(body.occupations).toEqual([{ soc: '31-1131' }, { soc: '29-2061' }]);
    expect(body.notes).toEqual(['First note', 'Second note']);
    expect(body.college_courses).toEqual(pathwayGrid().college_courses);
    expect(c.textContent).toContain(en.gridEditor.saved(4));
    // The versions are asked for again after the save.
    expect(page.seen.filter((r) => r.url.pathname.endsWith('/history')).length).toBeGreaterThan(1);
  });

  it('starts a generated draft with no notes: the draft\'s notes say how it was made', async () => {
    const draft = pathwayGrid({ status: 'draft_generated', version: 0, updated_at: null, updated_by: null });
    draftAnswer = { body: draft };
    const c = await open();
    expect(c.textContent).toContain(en.gridEditor.startsFrom(0));
    expect((c.querySelector('#ge-notes') as HTMLTextAreaElement).value).toBe('');
    expect(c.textContent).toContain(en.gridEditor.draftNotes);
    submit(c.querySelector('form.grid-editor'));
    await flush(6);
    const body = puts()[0]?.body as { base_version: number; notes: string[] };
    expect(body.base_version).toBe(0);
    expect(body.notes).toEqual([]);
  });

  it('says when someone else saved first (409), and loads the latest version on request', async () => {
    saveAnswer = () => ({
      status: 409,
      body: { error: { code: 'conflict', message: 'the grid is at version 5', details: { current_version: 5 } } },
    });
    const c = await open();
    submit(c.querySelector('form.grid-editor'));
    await flush(6);
    const alert = c.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(en.gridEditor.conflict(5));
    const gets = () => page.seen.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/pathways/HSM-04/grid').length;
    const before = gets();
    click(alert?.querySelector('button') ?? null);
    await flush(6);
    expect(gets()).toBeGreaterThan(before);
  });

  it('shows what the server refused (400) and keeps the edit', async () => {
    saveAnswer = () => ({
      status: 400,
      body: { error: { code: 'invalid_argument', message: 'occupations[0]: unknown SOC code 99-9999', details: {} } },
    });
    const c = await open();
    typeInto(c.querySelector('#ge-careers'), '99-9999');
    submit(c.querySelector('form.grid-editor'));
    await flush(6);
    expect(c.querySelector('[role="alert"]')?.textContent).toContain('unknown SOC code 99-9999');
    expect((c.querySelector('#ge-careers') as HTMLInputElement).value).toBe('99-9999');
  });

  it('the grid page links to the editor only for accounts that may edit', async () => {
    let c = await open('/pathways/HSM-04?region=BA');
    expect(c.querySelector('a.grid-edit-link')?.getAttribute('href')).toBe('/pathways/HSM-04/edit?region=BA');
    setSessionForTests({});
    c = await open('/pathways/HSM-04?region=BA');
    expect(c.querySelector('a.grid-edit-link')).toBeNull();
  });
});
