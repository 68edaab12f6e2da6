// Who is signed in: one small store, loaded from GET /api/v1/auth/session when
// the application starts, changed by signIn and signOut, read by useSession.
// The CSRF token lives in the API client's memory (never in localStorage);
// the session cookie itself is HttpOnly and out of the page's reach.
// Showing or hiding an action by permission is for the person's benefit only:
// the server checks every request.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, setCsrfToken } from '../api/client';
import { bumpDataVersion } from '../api/data-version';
import type { Permission, Session, SessionUser } from '../api/types.gen';
import { t } from '../i18n';

export interface SessionState {
  /** `loading` until the first answer of GET /api/v1/auth/session. */
  status: 'loading' | 'ready' | 'error';
  user: SessionUser | null;
  permissions: Permission[];
  via: 'session' | 'token' | null;
}

const signedOut: SessionState = { status: 'ready', user: null, permissions: [], via: null };

let state: SessionState = { ...signedOut, status: 'loading' };
const listeners = new Set<(s: SessionState) => void>();

function publish(next: SessionState): void {
  state = next;
  for (const l of listeners) l(state);
}

function adopt(session: Session): void {
  if (session.signed_in && session.user) {
    setCsrfToken(session.csrf_token ?? null);
    publish({
      status: 'ready',
      user: session.user,
      permissions: session.permissions ?? [],
      via: session.via ?? 'session',
    });
  } else {
    setCsrfToken(null);
    publish(signedOut);
  }
}

export function getSession(): SessionState {
  return state;
}

/** Asks the server who we are (at start, and after a 401 says the session ended). */
export async function loadSession(): Promise<void> {
  try {
    adopt(await call('getSession'));
  } catch {
    // The server cannot be reached: the pages say so themselves. Act signed out.
    setCsrfToken(null);
    publish({ ...signedOut, status: 'error' });
  }
}

export type SignInResult = { ok: true } | { ok: false; message: string; field?: string };

/** The sign-in form's error, in the catalog's words where the status is known. */
export function signInErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t.errorNetworkBody;
  if (error.kind === 'network') return t.errorNetworkBody;
  if (error.status === 401) return t.signInWrong;
  if (error.status === 429) {
    const seconds = Number(error.details?.retry_after_seconds);
    return t.signInThrottled(Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15);
  }
  if (error.status === 403 && error.details?.check === 'origin') return t.signInOrigin;
  return error.message;
}

export async function signIn(email: string, password: string): Promise<SignInResult> {
  try {
    adopt(await call('signIn', { body: { email: email.trim(), password } }));
    bumpDataVersion();
    return { ok: true };
  } catch (e) {
    const field = e instanceof ApiError && typeof e.details?.field === 'string' ? e.details.field : undefined;
    return field ? { ok: false, message: signInErrorMessage(e), field } : { ok: false, message: signInErrorMessage(e) };
  }
}

/**
 * Ends the session. The local state is cleared whatever the server answers:
 * a 401 means the session had already ended, and a person who asked to sign
 * out must not be shown as signed in.
 */
export async function signOut(): Promise<void> {
  try {
    await call('signOut');
  } catch {
    // Nothing to do: signed out locally below.
  }
  setCsrfToken(null);
  publish(signedOut);
  bumpDataVersion();
}

/** Only for tests: start from a given state. */
export function setSessionForTests(next: Partial<SessionState> & { csrf?: string | null }): void {
  const { csrf, ...rest } = next;
  setCsrfToken(csrf ?? null);
  publish({ ...signedOut, ...rest });
}

export function hasPermission(s: SessionState, permission: Permission): boolean {
  return s.permissions.includes(permission);
}

export function useSession(): SessionState {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    return () => void listeners.delete(setS);
  }, []);
  return s;
}
