import * as Plot from '@observablehq/plot';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { withoutStyleElements } from './plot-csp';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { feature } from 'topojson-client';
import topology from 'virtual:california-counties';
import { formatNumber, t } from '../i18n';
import { useElementWidth } from './useElementWidth';

type CountyFeature = Feature<Geometry, { name: string }>;

/** California's 58 counties from us-atlas; each feature's id is its FIPS code (06001 …). */
export const californiaCounties = feature(
  topology,
  topology.objects.counties as Parameters<typeof feature>[1],
) as unknown as FeatureCollection<Geometry, { name: string }>;

export interface MapCounty {
  fips: string;
  name: string;
  /** null when withheld or unknown: drawn grey. */
  value: number | null;
  region: string | null;
  /** What the tooltip and a screen reader say about the county. */
  label: string;
}

export interface CaliforniaMapProps {
  counties: MapCounty[];
  colourBy: 'value' | 'region';
  /** Title of the colour legend in `value` mode. */
  valueLabel: string;
  /** The map's accessible name. */
  title: string;
  /** Makes every county a link (with a tooltip on hover and focus). */
  href?: (fips: string) => string;
  highlight?: string | null;
  point?: { latitude: number; longitude: number } | null;
  legend?: boolean;
  /** The colour scale of `value` mode, when not the default (quantile classes of blues). */
  valueScale?: Plot.ScaleOptions;
  /** Counties (FIPS) marked with a triangle as well as their colour, so the mark does not rest on colour alone. */
  marked?: string[];
  /** What the marks mean, in the legend. */
  markedLabel?: string;
  /** What grey means, in the legend, when not "withheld". */
  greyLabel?: string;
}

// California Albers (EPSG:3310): equal-area, standard parallels 34° and 40.5°, central meridian 120° W.
const projection = {
  type: 'conic-equal-area',
  parallels: [34, 40.5],
  rotate: [120, 0],
  domain: californiaCounties,
} as const;

// Light enough for the border to show, dark enough to stand out from the page (3:1 against white).
const sequential = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const categorical = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#b8860b', '#a6761d', '#555555'];
const noValueFill = '#e0e0e0';
const border = '#4a5563';

interface Tip {
  fips: string;
  x: number;
  y: number;
}

export function CaliforniaMap(props: CaliforniaMapProps) {
  const { counties, colourBy, valueLabel, title, href, highlight, point, legend = true } = props;
  const { valueScale, marked, markedLabel, greyLabel } = props;
  const container = useRef<HTMLDivElement>(null);
  const plotHolder = useRef<HTMLDivElement>(null);
  const legendHolder = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const byFips = new Map(counties.map((c) => [c.fips, c]));

  const width = useElementWidth(container, 480, 560);

  // Drawn in a layout effect, as usePlot draws charts: the map joins the page
  // in the same frame as the rest of the render.
  useLayoutEffect(() => {
    const key = (f: CountyFeature) => {
      const c = byFips.get(String(f.id));
      return colourBy === 'value' ? (c?.value ?? null) : (c?.region ?? null);
    };
    const coloured = californiaCounties.features.filter((f) => key(f) !== null);
    const grey = californiaCounties.features.filter((f) => key(f) === null);
    // With links, each county is named for assistive technology; without, the
    // map is one image named by `title`, and its parts are hidden.
    const common = {
      stroke: border,
      strokeWidth: 0.7,
      ...(href
        ? {
            href: (f: CountyFeature) => href(String(f.id)),
            ariaLabel: (f: CountyFeature) => byFips.get(String(f.id))?.label ?? f.properties.name,
          }
        : { ariaHidden: 'true' }),
    };
    const regions = [...new Set(counties.map((c) => c.region).filter((r): r is string => r !== null))].sort();
    const plot = Plot.plot({
      width,
      projection,
      ariaLabel: title,
      style: { background: 'transparent' },
      color:
        colourBy === 'value'
          ? (valueScale ?? { type: 'quantile', n: sequential.length, range: sequential, label: valueLabel })
          : { type: 'ordinal', domain: regions, range: categorical, label: t.region },
      marks: [
        Plot.geo(grey, { ...common, fill: noValueFill, render: annotate(grey, !!href) }),
        Plot.geo(coloured, { ...common, fill: key, render: annotate(coloured, !!href) }),
        highlight
          ? Plot.geo(
              californiaCounties.features.filter((f) => f.id === highlight),
              { stroke: '#111', strokeWidth: 3, fill: 'none', ariaHidden: 'true' },
            )
          : null,
        marked && marked.length > 0
          ? Plot.dot(
              californiaCounties.features.filter((f) => marked.includes(String(f.id))),
              Plot.centroid({ symbol: 'triangle', r: 4.5, fill: '#111', stroke: 'white', strokeWidth: 1, ariaHidden: 'true' }),
            )
          : null,
        point
          ? Plot.dot([point], {
              x: 'longitude',
              y: 'latitude',
              r: 6,
              fill: '#c2410c',
              stroke: 'white',
              strokeWidth: 2,
              ariaHidden: 'true',
            })
          : null,
      ],
    });
    if (!href) plot.setAttribute('role', 'img');
    plotHolder.current?.replaceChildren(withoutStyleElements(plot));
    const key_ =
      legend && coloured.length > 0
        ? plot.legend('color', {
            label: colourBy === 'value' ? valueLabel : t.region,
            ...(colourBy === 'value' && !valueScale ? { tickFormat: (d: number) => formatNumber(Math.round(d)), width: 300 } : {}),
            ...(colourBy === 'value' && valueScale ? { width: 300 } : {}),
          })
        : null;
    legendHolder.current?.replaceChildren(...(key_ ? [withoutStyleElements(key_)] : []));
    return () => plot.remove();
    // byFips is derived from counties.
  }, [counties, colourBy, valueLabel, title, href, highlight, point, width, legend, valueScale, marked]);

  const showTip = (target: EventTarget | null) => {
    const el = (target as Element | null)?.closest?.('[data-fips]');
    const box = container.current?.getBoundingClientRect();
    if (!el || !box) return;
    const r = el.getBoundingClientRect();
    setTip({ fips: el.getAttribute('data-fips') as string, x: r.left + r.width / 2 - box.left, y: r.top - box.top });
  };
  const tipCounty = tip ? byFips.get(tip.fips) : undefined;
  const hasGrey = counties.some((c) => (colourBy === 'value' ? c.value === null : c.region === null));

  return (
    <div class="map">
      <div
        class="map-canvas"
        ref={container}
        onPointerOver={href ? (e) => showTip(e.target) : undefined}
        onPointerLeave={() => setTip(null)}
        onFocusIn={href ? (e) => showTip(e.target) : undefined}
        onFocusOut={() => setTip(null)}
        onKeyDown={(e) => e.key === 'Escape' && setTip(null)}
      >
        <div ref={plotHolder} />
        {tip && tipCounty && (
          <div class="map-tooltip" aria-hidden="true" style={{ left: `${tip.x}px`, top: `${tip.y}px` }}>
            {tipCounty.label}
          </div>
        )}
      </div>
      <div class="map-legend">
        <div ref={legendHolder} />
        {legend && hasGrey && (
          <p class="legend-item">
            <span class="swatch" style={{ background: noValueFill }} aria-hidden="true" />
            {colourBy === 'value' ? (greyLabel ?? t.mapLegendSuppressed) : t.mapLegendNoRegion}
          </p>
        )}
        {legend && marked && marked.length > 0 && markedLabel && (
          <p class="legend-item">
            <span class="legend-triangle" aria-hidden="true">
              ▲
            </span>
            {markedLabel}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * A Plot render transform that tags each county's element with its FIPS code
 * (for the tooltip) and, when counties are links, moves the accessible name
 * from the path to the link, where assistive technology looks for it.
 */
function annotate(features: CountyFeature[], links: boolean): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next?.(index, scales, values, dimensions, context);
    if (!g) return null;
    const elements = Array.from(g.children);
    Array.from(index).forEach((i, k) => {
      const el = elements[k];
      const f = features[i];
      if (!el || !f) return;
      el.setAttribute('data-fips', String(f.id));
      if (links && el.tagName.toLowerCase() === 'a') {
        const path = el.firstElementChild;
        const label = path?.getAttribute('aria-label');
        if (label) el.setAttribute('aria-label', label);
        path?.removeAttribute('aria-label');
      }
    });
    return g;
  };
}
