import type * as Plot from '@observablehq/plot';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { call } from '../../api/client';
import { useDataVersion } from '../../api/data-version';
import type { County, Region } from '../../api/types.gen';
import type { LaborGap, LaborGapQuery } from '../../api/labor-pathways';
import { CaliforniaMap, californiaCounties, type MapCounty } from '../../components/CaliforniaMap';
import { formatNumber, t } from '../../i18n';
import { formatAmount, formatGap, placeLabel, type PlaceTotals } from './prepare';
import { laborHref, type LaborState } from './state';

export interface Place {
  code: string;
  name: string;
}


// A few requests at a time: the server answers each quickly, and a browser
// opens only a handful of connections to one host anyway.
const concurrency = 4;

/**
 * The same question asked of every place (each region, or each county): one
 * request per place, a few at a time, the totals kept as they come. Asked
 * again when the question or the data change. A place whose request fails is
 * left without data (grey on the map), not an error for the whole page.
 */
export function usePlaceTotals(places: Place[], base: LaborGapQuery, kind: 'region' | 'county'): {
  totals: Map<string, PlaceTotals | null>;
  done: number;
} {
  const version = useDataVersion();
  const key = JSON.stringify([kind, base, places.map((p) => p.code)]);
  const [state, setState] = useState<{ key: string; totals: Map<string, PlaceTotals | null> }>({ key, totals: new Map() });

  useEffect(() => {
    const controller = new AbortController();
    const found = new Map<string, PlaceTotals | null>();
    setState({ key, totals: new Map() });
    let next = 0;
    const worker = async () => {
      while (next < places.length && !controller.signal.aborted) {
        const place = places[next++] as Place;
        const query: LaborGapQuery = { ...base, region: undefined, county: undefined, [kind]: place.code };
        try {
          const answer: LaborGap = await call('getLaborGap', { query }, { signal: controller.signal });
          found.set(place.code, { code: place.code, name: place.name, ...answer.totals });
        } catch {
          if (controller.signal.aborted) return;
          found.set(place.code, null);
        }
        if (!controller.signal.aborted) setState({ key, totals: new Map(found) });
      }
    };
    void Promise.all(Array.from({ length: Math.min(concurrency, places.length) }, worker));
    return () => controller.abort();
    // `base` and `places` are captured through `key`.
  }, [key, version]);

  const totals = state.key === key ? state.totals : new Map<string, PlaceTotals | null>();
  return { totals, done: totals.size };
}

/**
 * The gap of the same occupations in every region or county of California.
 * Each place is a link to the page's view for that place alone. With
 * completers counted fully there is no gap, so the map shows the openings.
 */
export function LaborMap({
  state,
  base,
  regions,
  counties,
}: {
  state: LaborState;
  base: LaborGapQuery;
  regions: Region[];
  counties: County[];
}) {
  const level = state.map === 'county' ? 'county' : 'region';
  const measure: 'gap' | 'demand' = state.split === 'full' ? 'demand' : 'gap';
  const places = useMemo<Place[]>(
    () =>
      level === 'region'
        ? regions.map((r) => ({ code: r.code, name: r.name }))
        : counties.map((c) => ({ code: c.fips, name: c.name })),
    [level, regions, counties],
  );
  const { totals, done } = usePlaceTotals(places, base, level);

  const regionOf = useMemo(() => {
    const m = new Map<string, Region>();
    for (const r of regions) for (const fips of r.counties) m.set(fips, r);
    return m;
  }, [regions]);

  const mapCounties = useMemo<MapCounty[]>(
    () =>
      californiaCounties.features.map((f) => {
        const fips = String(f.id);
        const region = regionOf.get(fips);
        const code = level === 'county' ? fips : region?.code;
        const place = code ? totals.get(code) : undefined;
        const placeName = level === 'county' ? f.properties.name : (region?.name ?? f.properties.name);
        const value = place ? (measure === 'gap' ? place.gap : place.demand) : null;
        const label = placeLabel(place, placeName, measure);
        return {
          fips,
          name: f.properties.name,
          value,
          region: region?.name ?? null,
          label: level === 'region' && region ? `${label} · ${f.properties.name}` : label,
        };
      }),
    [totals, level, regionOf, measure],
  );

  const valueScale = useMemo<Plot.ScaleOptions | undefined>(
    () =>
      measure === 'gap'
        ? {
            // Diverging around zero: more openings than completers one way, more completers the other.
            type: 'diverging',
            pivot: 0,
            symmetric: true,
            scheme: 'PuOr',
            reverse: true,
            label: t.labor.mapLegendGap,
            tickFormat: (d: number) => (d > 0 ? '+' : d < 0 ? '−' : '') + formatNumber(Math.abs(d)),
          }
        : undefined,
    [measure],
  );

  const href = useMemo(
    () => (fips: string) => {
      const base_ = { ...state, region: '', county: '' };
      if (level === 'county') return laborHref({ ...base_, county: fips });
      const region = regionOf.get(fips);
      return region ? laborHref({ ...base_, region: region.code }) : laborHref(base_);
    },
    [state, level, regionOf],
  );

  const highlight = state.county && !state.county.includes(',') ? state.county : null;
  const levelName = t.labor.mapByOptions[level] ?? level;
  const rows = places.map((p) => ({ place: p, totals: totals.get(p.code) }));

  return (
    <>
      <p>{measure === 'gap' ? t.labor.mapIntro(levelName) : t.labor.mapIntroDemand(levelName)}</p>
      <p class="small" role="status">
        {done < places.length ? t.labor.mapLoading(done, places.length) : ''}
      </p>
      <CaliforniaMap
        counties={mapCounties}
        colourBy="value"
        valueLabel={measure === 'gap' ? t.labor.mapLegendGap : t.labor.mapLegendDemand}
        title={t.labor.mapAria}
        href={href}
        highlight={highlight}
        greyLabel={t.labor.mapGrey}
        {...(valueScale ? { valueScale } : {})}
      />
      <details>
        <summary>{t.showTable}</summary>
        <div class="table-scroll">
          <table class="place-table labor-place-table">
            <thead>
              <tr>
                <th scope="col">{levelName}</th>
                <th scope="col">{t.labor.columns.demand}</th>
                <th scope="col">{t.labor.columns.supply}</th>
                <th scope="col">{t.labor.columns.gap}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ place, totals: p }) => (
                <tr key={place.code} data-place={place.code}>
                  <th scope="row">
                    <a href={level === 'county' ? laborHref({ ...state, region: '', county: place.code }) : laborHref({ ...state, county: '', region: place.code })}>
                      {place.name}
                    </a>
                  </th>
                  <td class="num">{p && p.demand !== null ? formatAmount(p.demand) : '—'}</td>
                  <td class="num">{p && p.supply !== null ? formatAmount(p.supply) : '—'}</td>
                  <td class="num">{p && p.gap !== null ? formatGap(p.gap) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
