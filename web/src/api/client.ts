// The typed client of /api/v1. Operation names, paths, parameters and response
// types all come from types.gen.ts, which is generated from docs/openapi.yaml.
import { operations, type Operations } from './types.gen';

export type OperationId = keyof Operations;
export type ResponseOf<K extends OperationId> = Operations[K]['response'];
export type QueryOf<K extends OperationId> = Operations[K]['query'];
export type BodyOf<K extends OperationId> = Operations[K]['body'];

export type Params<K extends OperationId> = (Operations[K]['pathParams'] extends Record<string, never>
  ? { path?: undefined }
  : { path: Operations[K]['pathParams'] }) &
  { query?: QueryOf<K> } &
  ([BodyOf<K>] extends [never] ? { body?: undefined } : { body: BodyOf<K> });

// The session's CSRF token: in memory only (never localStorage), set by the
// session store from GET/POST /api/v1/auth/session, sent on every unsafe request.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The headers of a request: JSON in and out, and X-CSRF-Token on POST, PATCH and DELETE. */
export function requestHeaders(method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (!safeMethods.has(method.toUpperCase()) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

export type ApiErrorKind = 'network' | 'http' | 'format';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  /** 401: not signed in, or the session ended. */
  get unauthenticated(): boolean {
    return this.status === 401;
  }

  /** 403: the role lacks the permission (or a CSRF/Origin check failed). */
  get forbidden(): boolean {
    return this.status === 403;
  }
}

export function buildUrl<K extends OperationId>(op: K, params: Params<K> = {} as Params<K>): string {
  const pathParams = (params.path ?? {}) as Record<string, string | number>;
  const path = operations[op].path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathParams[name];
    if (value === undefined) throw new Error(`${op}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries((params.query ?? {}) as Record<string, unknown>)) {
    // Empty filters are left out so the server applies its defaults.
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** Turns a fetch Response into the operation's body or an ApiError. */
export async function decode<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(
      'format',
      `The server answered ${response.status} with something that is not JSON.`,
      response.status,
    );
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })?.error;
    let details = error?.details ?? null;
    // A 429's wait, from the body or else from the Retry-After header.
    const retryAfter = Number(response.headers.get('Retry-After'));
    if (response.status === 429 && details?.retry_after_seconds === undefined && retryAfter > 0) {
      details = { ...(details ?? {}), retry_after_seconds: retryAfter };
    }
    throw new ApiError(
      'http',
      error?.message ?? `The server answered ${response.status}.`,
      response.status,
      error?.code ?? null,
      details,
    );
  }
  return body as T;
}

export async function call<K extends OperationId>(
  op: K,
  params: Params<K> = {} as Params<K>,
  init: { signal?: AbortSignal; base?: string } = {},
): Promise<ResponseOf<K>> {
  const url = (init.base ?? '') + buildUrl(op, params);
  const method = operations[op].method;
  const body = (params as { body?: unknown }).body;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: requestHeaders(method, body !== undefined),
      // The session cookie goes with same-origin requests only.
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: init.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('network', e instanceof Error ? e.message : String(e));
  }
  return decode<ResponseOf<K>>(response);
}
