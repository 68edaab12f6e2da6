import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestHeaders } from '../api/client';
import { en } from '../i18n/en';
import { fakeFetch, type FakeRequest } from '../test-utils';
import { getSession, loadSession, setSessionForTests, signIn, signOut } from './session';

const realFetch = globalThis.fetch;
const admin = {
  user_id: 1,
  email: 'admin@pathlight.local',
  display_name: 'Administrator',
  role: 'administrator' as const,
  scopes: [],
};
const signedIn = {
  signed_in: true,
  via: 'session',
  user: { ...admin, active: true, created_at: '2026-11-23T10:00:00Z', last_sign_in: null },
  permissions: ['public', 'account', 'users.manage', 'audit.read'],
  csrf_token: 'csrf-123',
};
const error = (status: number, code: string, message: string, details: Record<string, unknown> = {}) => ({
  status,
  body: { error: { code, message, details } },
});

beforeEach(() => setSessionForTests({}));
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('session store', () => {
  it('starts from GET /api/v1/auth/session', async () => {
    setSessionForTests({ status: 'loading' });
    const seen = fakeFetch(() => ({ body: { ...signedIn, user: admin } }));
    await loadSession();
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.url.pathname).toBe('/api/v1/auth/session');
    expect(getSession()).toMatchObject({ status: 'ready', user: admin, via: 'session' });
    expect(requestHeaders('POST', false)['X-CSRF-Token']).toBe('csrf-123');
  });

  it('an anonymous caller is signed out, with no CSRF token', async () => {
    fakeFetch(() => ({ body: { signed_in: false } }));
    await loadSession();
    expect(getSession()).toMatchObject({ status: 'ready', user: null, permissions: [] });
    expect(requestHeaders('POST', false)['X-CSRF-Token']).toBeUndefined();
  });

  it('signs in: posts e-mail and password, keeps the user, permissions and CSRF token', async () => {
    const seen = fakeFetch(() => ({ body: signedIn }));
    const result = await signIn(' admin@pathlight.local ', 'correct horse battery');
    expect(result).toEqual({ ok: true });
    const post = seen[0] as FakeRequest;
    expect(post.method).toBe('POST');
    expect(post.url.pathname).toBe('/api/v1/auth/session');
    expect(post.body).toEqual({ email: 'admin@pathlight.local', password: 'correct horse battery' });
    expect(post.headers['Content-Type']).toBe('application/json');
    const s = getSession();
    expect(s.user?.display_name).toBe('Administrator');
    expect(s.permissions).toContain('users.manage');
    expect(requestHeaders('DELETE', false)['X-CSRF-Token']).toBe('csrf-123');
  });

  it('a 401 says "E-mail or password is not correct" and stays signed out', async () => {
    fakeFetch(() => error(401, 'unauthenticated', 'e-mail or password is not correct'));
    const result = await signIn('someone@example.org', 'wrong');
    expect(result).toEqual({ ok: false, message: en.signInWrong });
    expect(en.signInWrong).toMatch(/^E-mail or password is not correct/);
    expect(getSession().user).toBeNull();
  });

  it('a 429 says how many minutes to wait, from the body or the Retry-After header', async () => {
    fakeFetch(() => error(429, 'resource_exhausted', 'too many failed sign-ins', { retry_after_seconds: 540 }));
    expect(await signIn('a@b.c', 'x')).toEqual({ ok: false, message: en.signInThrottled(9) });
    expect(en.signInThrottled(9)).toBe('Too many attempts; try again in 9 minutes.');

    fakeFetch(() => ({ ...error(429, 'resource_exhausted', 'too many'), headers: { 'Retry-After': '30' } }));
    expect(await signIn('a@b.c', 'x')).toEqual({ ok: false, message: en.signInThrottled(1) });
    expect(en.signInThrottled(1)).toBe('Too many attempts; try again in 1 minute.');
  });

  it('signing out sends DELETE with the CSRF token, then forgets the user and the token', async () => {
    setSessionForTests({ user: admin, permissions: ['account', 'users.manage'], via: 'session', csrf: 'csrf-9' });
    const seen = fakeFetch(() => ({ body: { signed_in: false } }));
    await signOut();
    expect(seen[0]?.method).toBe('DELETE');
    expect(seen[0]?.headers['X-CSRF-Token']).toBe('csrf-9');
    expect(getSession()).toMatchObject({ user: null, permissions: [] });
    expect(requestHeaders('POST', false)['X-CSRF-Token']).toBeUndefined();
  });

  it('signing out forgets the user even when the session had already ended (401)', async () => {
    setSessionForTests({ user: admin, permissions: ['account'], via: 'session', csrf: 'old' });
    fakeFetch(() => error(401, 'unauthenticated', 'session ended'));
    await signOut();
    expect(getSession().user).toBeNull();
  });
});
