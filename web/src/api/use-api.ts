import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, type OperationId, type Params, type ResponseOf } from './client';
import { getSession, loadSession } from '../auth/session';
import { useDataVersion } from './data-version';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError; retry: () => void }
  | { status: 'ok'; data: T };

/**
 * Fetches an operation, again when its parameters change, and again when a
 * server job finishes (new data). While new data is fetched for the same
 * question the old answer stays on screen; a new question shows loading.
 * `revision`: bump it to fetch again after a change the page made itself.
 */
export function useApi<K extends OperationId>(
  op: K,
  params: Params<K> = {} as Params<K>,
  revision = 0,
): Loadable<ResponseOf<K>> {
  const key = op + ' ' + JSON.stringify(params);
  const version = useDataVersion();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Loadable<ResponseOf<K>> & { key: string }>({ key, status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    setState((s) => (s.key === key && s.status === 'ok' ? s : { key, status: 'loading' }));
    call(op, params, { signal: controller.signal }).then(
      (data) => setState({ key, status: 'ok', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError('format', String(error));
        // The session ended (expired, or signed out elsewhere): find out, so the header says so.
        if (apiError.unauthenticated && getSession().user) void loadSession();
        // 503: the server is preparing the data (the analytics snapshot);
        // keep loading and ask again shortly. A build that failed is an
        // error to show (with its message), not something to wait for.
        if (apiError.status === 503 && apiError.details?.build_failed !== true) {
          retryTimer = setTimeout(() => setAttempt((a) => a + 1), 2000);
          return;
        }
        setState({ key, status: 'error', error: apiError, retry: () => setAttempt((a) => a + 1) });
      },
    );
    return () => {
      controller.abort();
      clearTimeout(retryTimer);
    };
    // `params` is captured through `key`, its serialisation.
  }, [key, version, attempt, revision]);

  return state.key === key ? state : { status: 'loading' };
}
