// @vitest-environment node
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ApiError, buildUrl, call, decode, requestHeaders, setCsrfToken } from './client';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('buildUrl', () => {
  it('fills and encodes path parameters', () => {
    expect(buildUrl('getOrganization', { path: { org_id: 'SCH 1/2' } })).toBe('/api/v1/organizations/SCH%201%2F2');
  });

  it('puts query parameters in the order given and leaves out empty ones', () => {
    expect(
      buildUrl('listOrganizations', { query: { type: 'college', county: '', q: 'río hondo', page: 2, per_page: 25 } }),
    ).toBe('/api/v1/organizations?type=college&q=r%C3%ADo+hondo&page=2&per_page=25');
    expect(buildUrl('getOverview')).toBe('/api/v1/stats/overview');
  });

  it('refuses a missing path parameter', () => {
    expect(() => buildUrl('getOrganization', { path: {} } as never)).toThrow(/org_id/);
  });
});

describe('decode', () => {
  it('returns the JSON body of a 200', async () => {
    const body = await decode<{ status: string }>(new Response('{"status":"ok"}', { status: 200 }));
    expect(body).toEqual({ status: 'ok' });
  });

  it("turns the API's error body into an ApiError with its code and message", async () => {
    const response = new Response(
      JSON.stringify({ error: { code: 'not_found', message: 'no organization XYZ', details: { org_id: 'XYZ' } } }),
      { status: 404 },
    );
    const error = await decode(response).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'http', status: 404, code: 'not_found', message: 'no organization XYZ' });
    expect((error as ApiError).notFound).toBe(true);
    expect((error as ApiError).details).toEqual({ org_id: 'XYZ' });
  });

  it('says so when the answer is not JSON (a proxy error page, say)', async () => {
    const error = await decode(new Response('<html>Bad gateway</html>', { status: 502 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'format', status: 502 });
  });
});

describe('call', () => {
  it('reports a server that cannot be reached as a network error', async () => {
    const port = await closedPort();
    const error = await call('getHealth', {}, { base: `http://127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('network');
  });

  it('lets an abort through as an abort, not as an error to show', async () => {
    const port = await closedPort();
    const controller = new AbortController();
    controller.abort();
    const error = await call('getHealth', {}, { base: `http://127.0.0.1:${port}`, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('X-CSRF-Token', () => {
  const realFetch = globalThis.fetch;
  const seen: { method: string; headers: Record<string, string>; credentials?: RequestCredentials }[] = [];
  const stub = async (_: string | URL | Request, init: RequestInit = {}) => {
    seen.push({
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      ...(init.credentials ? { credentials: init.credentials } : {}),
    });
    return new Response('{}', { status: 200 });
  };

  it('goes with POST, PATCH and DELETE only, and only once a session gave one', async () => {
    globalThis.fetch = stub as typeof fetch;
    try {
      setCsrfToken('tok-1');
      await call('listUsers');
      await call('getSession');
      await call('createUser', { body: { email: 'a@b.c', role: 'member' } });
      await call('updateUser', { path: { user_id: 3 }, body: { active: false } });
      await call('revokeToken', { path: { token_id: 4 } });
      setCsrfToken(null);
      await call('signIn', { body: { email: 'a@b.c', password: 'x' } });
      expect(seen.map((r) => [r.method, r.headers['X-CSRF-Token'] ?? null])).toEqual([
        ['GET', null],
        ['GET', null],
        ['POST', 'tok-1'],
        ['PATCH', 'tok-1'],
        ['DELETE', 'tok-1'],
        ['POST', null],
      ]);
      // The session cookie goes with same-origin requests.
      expect(seen.every((r) => r.credentials === 'same-origin')).toBe(true);
    } finally {
      globalThis.fetch = realFetch;
      setCsrfToken(null);
    }
  });

  it('requestHeaders: JSON content type with a body, the token on unsafe methods', () => {
    setCsrfToken('abc');
    expect(requestHeaders('GET', false)).toEqual({ Accept: 'application/json' });
    expect(requestHeaders('HEAD', false)).toEqual({ Accept: 'application/json' });
    expect(requestHeaders('post', true)).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-CSRF-Token': 'abc',
    });
    setCsrfToken(null);
    expect(requestHeaders('DELETE', false)).toEqual({ Accept: 'application/json' });
  });
});
