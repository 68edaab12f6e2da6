import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../api/types.gen';
import { setSessionForTests } from '../auth/session';
import { en } from '../i18n/en';
import { click, fakeFetch, flush, mount, submit, typeInto, unmount, type FakeRequest } from '../test-utils';
import AdminUsers from './AdminUsers';

const realFetch = globalThis.fetch;
let container: HTMLElement | undefined;
let users: User[];
let seen: FakeRequest[];

const admin: User = {
  user_id: 1,
  email: 'admin@pathlight.local',
  display_name: 'Administrator',
  role: 'administrator',
  scopes: [],
  active: true,
  created_at: '2026-11-23T10:00:00Z',
  last_sign_in: '2026-11-23T10:05:00Z',
};

beforeEach(() => {
  users = [admin];
  setSessionForTests({ user: admin, permissions: ['account', 'users.manage', 'audit.read'], csrf: 'csrf-1' });
  seen = fakeFetch((req) => {
    if (req.method === 'GET' && req.url.pathname === '/api/v1/users') return { body: { items: users, total: users.length } };
    if (req.method === 'POST' && req.url.pathname === '/api/v1/users') {
      const body = req.body as { email: string; role: User['role']; display_name?: string; scopes?: string[] };
      if (users.some((u) => u.email === body.email)) {
        return { status: 409, body: { error: { code: 'already_exists', message: `${body.email} already has an account` } } };
      }
      const created: User = {
        user_id: users.length + 1,
        email: body.email,
        display_name: body.display_name ?? body.email.split('@')[0] ?? '',
        role: body.role,
        scopes: body.scopes ?? [],
        active: true,
        created_at: '2026-11-23T11:00:00Z',
        last_sign_in: null,
      };
      users = [...users, created];
      return { status: 201, body: { ...created, password: 'Gen3rated-Pa55word-xyz' } };
    }
    if (req.method === 'POST' && req.url.pathname.endsWith('/password-reset')) {
      return { body: { user_id: 2, password: 'N3w-Pa55word-abc' } };
    }
    return { status: 404, body: { error: { code: 'not_found', message: 'no such route' } } };
  });
});

afterEach(() => {
  unmount(container);
  container = undefined;
  globalThis.fetch = realFetch;
  setSessionForTests({});
});

const $ = (selector: string) => container?.querySelector(selector) ?? null;

describe('users page', () => {
  it('lists the users', async () => {
    container = mount(<AdminUsers />);
    await flush();
    expect($('h1')?.textContent).toBe(en.adminNavigation.users);
    const row = $('tr[data-user="admin@pathlight.local"]');
    expect(row?.textContent).toContain('Administrator');
    expect(row?.textContent).toContain(en.roles.administrator);
  });

  it('shows the scopes field only for scoped roles, with help saying what to write', async () => {
    container = mount(<AdminUsers />);
    await flush();
    const role = $('#user-role');
    const expectations: [string, string | null][] = [
      ['member', null],
      ['employer', en.scopesHelp.organizations],
      ['institution_analyst', en.scopesHelp.organizations],
      ['regional_analyst', en.scopesHelp.regions],
      ['state_analyst', null],
      ['administrator', null],
    ];
    for (const [value, help] of expectations) {
      typeInto(role, value);
      const scopes = $('#user-scopes');
      if (help === null) {
        expect(scopes, value).toBeNull();
      } else {
        expect(scopes, value).not.toBeNull();
        expect(container?.querySelector('label[for="user-scopes"]')?.textContent).toBe(en.userScopes);
        expect(document.getElementById(scopes?.getAttribute('aria-describedby') ?? '')?.textContent).toBe(help);
      }
    }
  });

  it('creates a user, shows the generated password once, then never again', async () => {
    container = mount(<AdminUsers />);
    await flush();
    typeInto($('#user-email'), 'ana@example.org');
    typeInto($('#user-display-name'), 'Ana Ruiz');
    typeInto($('#user-role'), 'institution_analyst');
    typeInto($('#user-scopes'), 'DIST-1, SCH-2');
    submit($('form.form-panel'));
    await flush();

    const post = seen.find((r) => r.method === 'POST') as FakeRequest;
    expect(post.url.pathname).toBe('/api/v1/users');
    expect(post.body).toEqual({
      email: 'ana@example.org',
      role: 'institution_analyst',
      display_name: 'Ana Ruiz',
      scopes: ['DIST-1', 'SCH-2'],
    });
    expect(post.headers['X-CSRF-Token']).toBe('csrf-1');

    // The password, clearly marked, once; the list shows the new user without it.
    const box = $('.notice-secret');
    expect(box?.textContent).toContain(en.userPasswordTitle('ana@example.org'));
    expect(box?.textContent).toContain(en.shownOnce);
    expect($('code.secret')?.textContent).toBe('Gen3rated-Pa55word-xyz');
    expect(document.activeElement).toBe(box);
    expect($('tr[data-user="ana@example.org"]')?.textContent).toContain('DIST-1, SCH-2');
    expect($('table')?.textContent).not.toContain('Gen3rated-Pa55word-xyz');
    // The form is empty again, ready for the next user.
    expect(($('#user-email') as HTMLInputElement).value).toBe('');

    click([...(box?.querySelectorAll('button') ?? [])].find((b) => b.textContent === en.secretDone) ?? null);
    expect($('.notice-secret')).toBeNull();
    expect(container?.textContent).not.toContain('Gen3rated-Pa55word-xyz');
  });

  it("says what the server refused (an e-mail that already has an account)", async () => {
    container = mount(<AdminUsers />);
    await flush();
    typeInto($('#user-email'), 'admin@pathlight.local');
    submit($('form.form-panel'));
    await flush();
    expect($('form.form-panel [role="alert"]')?.textContent).toBe('admin@pathlight.local already has an account');
    expect($('.notice-secret')).toBeNull();
  });

  it('resets a password and shows the new one once', async () => {
    container = mount(<AdminUsers />);
    await flush();
    click($('button[aria-label="' + en.userResetPasswordLabel('admin@pathlight.local') + '"]'));
    await flush();
    expect(seen.some((r) => r.method === 'POST' && r.url.pathname === '/api/v1/users/1/password-reset')).toBe(true);
    expect($('code.secret')?.textContent).toBe('N3w-Pa55word-abc');
    expect($('.notice-secret')?.textContent).toContain(en.userNewPasswordTitle('admin@pathlight.local'));
  });
});
