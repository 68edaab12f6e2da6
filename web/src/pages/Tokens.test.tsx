import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiToken } from '../api/types.gen';
import { setSessionForTests } from '../auth/session';
import { en } from '../i18n/en';
import { click, fakeFetch, flush, mount, submit, typeInto, unmount, type FakeRequest } from '../test-utils';
import Tokens from './Tokens';

const realFetch = globalThis.fetch;
let container: HTMLElement | undefined;
let seen: FakeRequest[];
let tokens: ApiToken[];

beforeEach(() => {
  tokens = [];
  setSessionForTests({
    user: { user_id: 5, email: 'pat@example.org', display_name: 'Pat', role: 'member', scopes: [] },
    permissions: ['public', 'account', 'community'],
    via: 'session',
    csrf: 'csrf-t',
  });
  seen = fakeFetch((req) => {
    if (req.method === 'GET') return { body: { items: tokens } };
    if (req.method === 'POST') {
      const body = req.body as { name: string; permissions?: string[] };
      const token: ApiToken = {
        token_id: tokens.length + 1,
        name: body.name,
        permissions: (body.permissions ?? ['account', 'community']) as ApiToken['permissions'],
        prefix: 'plt_abcd',
        created_at: '2026-11-23T12:00:00Z',
        last_used_at: null,
        revoked: false,
      };
      tokens = [...tokens, token];
      return { status: 201, body: { ...token, secret: 'plt_abcdSECRETSECRET' } };
    }
    tokens = tokens.map((t) => ({ ...t, revoked: true }));
    return { body: { token_id: 1, revoked: true } };
  });
});

afterEach(() => {
  unmount(container);
  container = undefined;
  globalThis.fetch = realFetch;
  setSessionForTests({});
});

describe('API tokens page', () => {
  it('creates a token with the permissions ticked, shows its secret once, and revokes it', async () => {
    container = mount(<Tokens />);
    await flush();
    expect(container.textContent).toContain(en.tokensNone);
    typeInto(container.querySelector('#token-name'), 'nightly report');
    const boxes = [...container.querySelectorAll('input[type="checkbox"]')] as HTMLInputElement[];
    // "public" is not offered: every token has it.
    expect(boxes.map((b) => b.parentElement?.textContent)).toEqual(['account', 'community']);
    click(boxes[1] as HTMLInputElement);
    submit(container.querySelector('form'));
    await flush();
    const post = seen.find((r) => r.method === 'POST') as FakeRequest;
    expect(post.body).toEqual({ name: 'nightly report', permissions: ['community'] });
    expect(post.headers['X-CSRF-Token']).toBe('csrf-t');
    expect(container.querySelector('code.secret')?.textContent).toBe('plt_abcdSECRETSECRET');
    expect(container.querySelector('table')?.textContent).not.toContain('SECRET');
    click([...container.querySelectorAll('button')].find((b) => b.textContent === en.secretDone) ?? null);
    expect(container.textContent).not.toContain('plt_abcdSECRETSECRET');

    click(container.querySelector(`button[aria-label="${en.tokenRevokeLabel('nightly report')}"]`));
    await flush();
    const del = seen.find((r) => r.method === 'DELETE') as FakeRequest;
    expect(del.url.pathname).toBe('/api/v1/auth/tokens/1');
    expect(del.headers['X-CSRF-Token']).toBe('csrf-t');
    expect(container.textContent).toContain(en.tokenRevokedMessage('nightly report'));
    expect(container.querySelector('tbody')?.textContent).toContain(en.tokenRevokedStatus);
  });
});
