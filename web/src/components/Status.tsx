import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';
import type { Loadable } from '../api/use-api';
import { t } from '../i18n';

export function Loading() {
  return (
    <p class="loading" role="status">
      {t.loading}
    </p>
  );
}

/** An error a person can act on: what went wrong, and a way to try again. */
export function ErrorMessage({ error, retry }: { error: ApiError; retry?: () => void }) {
  const title =
    error.kind === 'network' ? t.errorNetworkTitle : error.kind === 'http' ? t.errorHttpTitle : t.errorFormatTitle;
  const body =
    error.kind === 'network'
      ? t.errorNetworkBody
      : error.kind === 'http'
        ? t.errorHttpBody(error.status ?? 0, error.message)
        : error.message;
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{title}</p>
      <p>{body}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

/** Shows loading or the error of a request, and the children once it answered. */
export function Load<T>({ state, children }: { state: Loadable<T>; children: (data: T) => ComponentChildren }) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} retry={state.retry} />;
  return <>{children(state.data)}</>;
}
