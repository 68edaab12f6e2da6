import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/types.gen';
import { setSessionForTests } from '../auth/session';
import { en } from '../i18n/en';
import { fakeFetch, flush, mount, submit, typeInto, unmount, type FakeRequest } from '../test-utils';
import AdminAudit from './AdminAudit';

const realFetch = globalThis.fetch;
let container: HTMLElement | undefined;
let seen: FakeRequest[];

const entry = (id: number, action: string, actor: string): AuditEntry => ({
  audit_id: id,
  at: '2026-11-23T10:0' + id + ':00Z',
  actor_user_id: id,
  actor_label: actor,
  action,
  target: action.startsWith('students') ? 'DIST-1' : actor,
  detail: {},
  row_count: action === 'students.list' ? 25 : 0,
  remote_address: '127.0.0.1',
});

beforeEach(() => {
  window.history.replaceState(null, '', '/admin/audit');
  setSessionForTests({
    user: { user_id: 1, email: 'admin@pathlight.local', display_name: 'Admin', role: 'administrator', scopes: [] },
    permissions: ['account', 'audit.read'],
  });
  seen = fakeFetch((req) => {
    const action = req.url.searchParams.get('action');
    const all = [entry(1, 'auth.sign_in', 'admin@pathlight.local'), entry(2, 'students.list', 'ana@example.org')];
    const items = action ? all.filter((e) => e.action === action) : all;
    return { body: { items, total: items.length, page: 1, per_page: 50 } };
  });
});

afterEach(() => {
  unmount(container);
  container = undefined;
  globalThis.fetch = realFetch;
  setSessionForTests({});
  window.history.replaceState(null, '', '/');
});

const rows = () =>
  [...(container?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent),
  );

describe('audit page', () => {
  it('shows time, actor, action, target, rows and address of each entry', async () => {
    container = mount(<AdminAudit />);
    await flush();
    expect(container.querySelector('h1')?.textContent).toBe(en.adminNavigation.audit);
    const headers = [...container.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headers).toEqual([en.auditTime, en.auditActor, en.auditAction, en.auditTarget, en.auditRows, en.auditAddress]);
    const shown = rows();
    expect(shown).toHaveLength(2);
    expect(shown[1]?.slice(1)).toEqual(['ana@example.org', 'students.list', 'DIST-1', '25', '127.0.0.1']);
    expect(container.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-23T10:01:00Z');
    expect(container.textContent).toContain(en.auditResults('1', '2', '2'));
  });

  it('puts the filters in the page address and in the API query', async () => {
    container = mount(<AdminAudit />);
    await flush();
    typeInto(container.querySelector('#audit-actor'), 'admin@pathlight.local');
    typeInto(container.querySelector('#audit-action'), 'auth.sign_in');
    typeInto(container.querySelector('#audit-since'), '2026-11-01');
    typeInto(container.querySelector('#audit-until'), '2026-11-30');
    submit(container.querySelector('form[role="search"]'));
    await flush();
    const here = new URL(window.location.href);
    expect(here.pathname).toBe('/admin/audit');
    expect(Object.fromEntries(here.searchParams)).toEqual({
      actor: 'admin@pathlight.local',
      action: 'auth.sign_in',
      since: '2026-11-01',
      until: '2026-11-30',
    });
    const last = seen[seen.length - 1] as FakeRequest;
    expect(last.url.pathname).toBe('/api/v1/audit');
    expect(Object.fromEntries(last.url.searchParams)).toEqual({
      actor: 'admin@pathlight.local',
      action: 'auth.sign_in',
      since: '2026-11-01',
      until: '2026-11-30',
      page: '1',
      per_page: '50',
    });
    expect(rows().map((r) => r[2])).toEqual(['auth.sign_in']);
  });

  it('reads the filters and page from the address it is opened at', async () => {
    window.history.replaceState(null, '', '/admin/audit?action=students.list&page=2');
    container = mount(<AdminAudit />);
    await flush();
    const query = Object.fromEntries((seen[0] as FakeRequest).url.searchParams);
    expect(query).toMatchObject({ action: 'students.list', page: '2' });
    expect((container.querySelector('#audit-action') as HTMLSelectElement).value).toBe('students.list');
  });
});
