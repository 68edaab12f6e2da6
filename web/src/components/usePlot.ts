import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { withoutStyleElements } from './plot-csp';
import { useElementWidth } from './useElementWidth';

export interface Drawn {
  /** The figure: Plot's chart, named for assistive technology as one image. */
  plot: SVGSVGElement | HTMLElement;
  /** Shown before the figure (a colour legend), when there is one. */
  legend?: Element | null | undefined;
}

/**
 * Draws an Observable Plot figure into the element behind the returned ref,
 * at that element's width (from `initial`, at most `max`), and again when
 * `deps` or the width change.
 *
 * The figure is drawn in a layout effect: it joins the page in the same frame
 * as the rest of the render, so a page that has its data never shows an empty
 * frame where the chart will be (and whoever reads the page then, a person or a
 * test, finds the chart).
 */
export function usePlot(
  draw: (width: number) => Drawn | SVGSVGElement | HTMLElement,
  deps: unknown[],
  initial = 640,
  max = 960,
): RefObject<HTMLDivElement | null> {
  const holder = useRef<HTMLDivElement>(null);
  const width = useElementWidth(holder, initial, max);
  useLayoutEffect(() => {
    const drawn = draw(width);
    const { plot, legend } = drawn instanceof Element ? { plot: drawn, legend: null } : drawn;
    plot.setAttribute('role', 'img');
    holder.current?.replaceChildren(...(legend ? [withoutStyleElements(legend)] : []), withoutStyleElements(plot));
    return () => plot.remove();
    // The chart is drawn again when its data, its words or its width change.
  }, [...deps, width]);
  return holder;
}
