import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * The width of the element behind `ref`, kept up to date as it resizes
 * (capped at `max`), so charts draw at the size they are shown. `initial`
 * stands in until the element is laid out (and in test DOMs without layout).
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, initial: number, max = Infinity): number {
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => el.clientWidth > 0 && setWidth(Math.min(max, el.clientWidth));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, max]);
  return width;
}
