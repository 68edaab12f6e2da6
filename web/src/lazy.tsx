import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api/client';
import { ErrorMessage, Loading } from './components/Status';

/**
 * A page whose code is fetched when first shown, so the home page's
 * JavaScript stays small. If the fetch fails (server down) the page says so
 * and offers to try again.
 */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const start = () => (pending ??= load().then((m) => void (loaded = m.default)));

  return function LazyPage(props: P) {
    const [failed, setFailed] = useState<unknown>(null);
    const [, setReady] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      start().then(
        () => live && setReady(true),
        (e: unknown) => {
          pending = null;
          if (live) setFailed(e);
        },
      );
      return () => void (live = false);
    }, [failed]);
    if (loaded) {
      const Page = loaded;
      return <Page {...props} />;
    }
    if (failed) {
      const error = new ApiError('network', String(failed));
      return <ErrorMessage error={error} retry={() => setFailed(null)} />;
    }
    return <Loading />;
  };
}
