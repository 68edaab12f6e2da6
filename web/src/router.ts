// A small history-API router: the current URL as state, same-origin link
// clicks turned into pushState, and focus moved to the new page's heading so
// keyboard and screen-reader users land where the content starts.
import { useEffect, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();

let focusRequested = false;

function notify(focus = true): void {
  focusRequested = focus;
  for (const l of listeners) l();
}

/** True once after each navigation: the new page should move the focus to its heading. */
export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

/** `focus: false` keeps the focus where it is (a filter form that updates the URL). */
export function navigate(href: string, options: { replace?: boolean; focus?: boolean } = {}): void {
  const url = new URL(href, window.location.href);
  if (url.href === window.location.href) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  if (options.focus !== false) window.scrollTo(0, 0);
  notify(options.focus !== false);
}

export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(window.location.href));
  useEffect(() => {
    const update = () => setUrl(new URL(window.location.href));
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return url;
}

function linkTarget(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor) return null;
  // SVG links (the map's counties) keep their target in href or xlink:href.
  const href = anchor.getAttribute('href') ?? anchor.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
  if (href === null || anchor.hasAttribute('download')) return null;
  const target = anchor.getAttribute('target');
  if (target && target !== '_self') return null;
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return null;
  // A link to a place on this page (the skip link) is the browser's to follow.
  const here = window.location;
  if (url.hash && url.pathname === here.pathname && url.search === here.search) return null;
  return url;
}

export function startRouter(): () => void {
  const onClick = (event: MouseEvent) => {
    const url = linkTarget(event);
    if (!url) return;
    event.preventDefault();
    navigate(url.href);
  };
  // Back and forward move the focus like a link does; a change of the hash
  // alone (the skip link) is the browser's, which has already moved it.
  let shown = window.location.pathname + window.location.search;
  const onPopState = () => {
    const now = window.location.pathname + window.location.search;
    notify(now !== shown);
    shown = now;
  };
  const track = () => (shown = window.location.pathname + window.location.search);
  listeners.add(track);
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', onPopState);
  return () => {
    document.removeEventListener('click', onClick);
    window.removeEventListener('popstate', onPopState);
    listeners.delete(track);
  };
}

export interface Match {
  params: Record<string, string>;
}

/** Matches "/directory/:org_id" style patterns; parameters are decoded. */
export function matchPath(pattern: string, pathname: string): Match | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return { params };
}
