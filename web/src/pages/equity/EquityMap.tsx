import type * as Plot from '@observablehq/plot';
import { useMemo } from 'preact/hooks';
import type { EquityCohort, EquityResult, Region } from '../../api/types.gen';
import { CaliforniaMap, californiaCounties, type MapCounty } from '../../components/CaliforniaMap';
import { t } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { formatGap, groupKey, groupLabel, mapGroupKey, placeValues, shortReason, type PlaceValue } from './prepare';
import { equityHref, type EquityState } from './state';

function placeLabel(p: PlaceValue | undefined, name: string, usesGap: boolean, minN: number): string {
  if (!p) return t.equity.mapPlaceNone(name);
  if (p.suppressed) return t.equity.mapPlaceWithheld(name, shortReason({ reason: p.reasonCode }, minN));
  if (usesGap) return p.gap === null ? t.equity.mapPlaceNone(name) : t.equity.mapPlaceGap(name, formatGap(p.gap), p.flag);
  return t.equity.mapPlaceFlag(name, p.flag);
}

/**
 * The gap of one group in every county or region (the API's `places`, for the
 * last cohort), drawn on the California map. PPG colours by the gap (red
 * below the reference, blue above); the index methods, which have no gap, by
 * the flag. Flagged places also carry a triangle, and each place is a link to
 * the same analysis for that place alone.
 */
export function EquityMap({
  result,
  cohort,
  state,
  regions,
}: {
  result: EquityResult;
  cohort: EquityCohort;
  state: EquityState;
  regions: Region[];
}) {
  const url = useLocation();
  const places = result.places ?? [];
  const level = places[0]?.level ?? 'county';
  const shownKey = mapGroupKey(cohort, state.mapGroup);
  const group = cohort.groups.find((g) => groupKey(g.group) === shownKey);
  const name = group ? groupLabel(group) : '';
  const values = useMemo(() => placeValues(places, shownKey, result.min_n), [places, shownKey, result.min_n]);
  const usesGap = values.some((v) => v.gap !== null);

  const regionOf = useMemo(() => {
    const m = new Map<string, Region>();
    for (const r of regions) for (const fips of r.counties) m.set(fips, r);
    return m;
  }, [regions]);

  const counties = useMemo<MapCounty[]>(() => {
    const byCode = new Map(values.map((v) => [v.code, v]));
    return californiaCounties.features.map((f) => {
      const fips = String(f.id);
      const region = regionOf.get(fips);
      const place = level === 'county' ? byCode.get(fips) : region ? byCode.get(region.code) : undefined;
      const placeName = level === 'county' ? f.properties.name : (region?.name ?? f.properties.name);
      const value = !place || place.suppressed ? null : usesGap ? place.gap : place.flag === null ? null : place.flag ? 1 : 0;
      const label = placeLabel(place, placeName, usesGap, result.min_n);
      return {
        fips,
        name: f.properties.name,
        value,
        region: region?.name ?? null,
        label: level === 'region' && region ? `${label} · ${f.properties.name}` : label,
      };
    });
  }, [values, level, regionOf, usesGap, result.min_n]);

  const marked = useMemo(
    () => counties.filter((c) => values.find((v) => v.flag === true && (level === 'county' ? v.code === c.fips : v.code === regionOf.get(c.fips)?.code))).map((c) => c.fips),
    [counties, values, level, regionOf],
  );

  const valueScale = useMemo<Plot.ScaleOptions>(
    () =>
      usesGap
        ? {
            // Classes of the gap in points: red below the reference, blue above, white within 2 points.
            type: 'threshold',
            domain: [-0.1, -0.05, -0.02, 0.02, 0.05, 0.1],
            range: ['#b2182b', '#ef8a62', '#fddbc7', '#ffffff', '#d1e5f0', '#67a9cf', '#2166ac'],
            label: t.equity.mapLegendGap,
            tickFormat: (d: number) => (d * 100).toFixed(0),
          }
        : {
            type: 'ordinal',
            domain: [0, 1],
            range: ['#c6dbef', '#b42318'],
            label: t.equity.mapLegendFlag(name),
            tickFormat: (d: number) => (d ? t.equity.mapFlagged : t.equity.mapNotFlagged),
          },
    [usesGap, name],
  );

  const href = useMemo(
    () => (fips: string) => {
      const base = { ...state, region: '', county: '', organization: '', year: '', mapGroup: '' };
      if (level === 'county') return equityHref({ ...base, county: fips });
      const region = regionOf.get(fips);
      return region ? equityHref({ ...base, region: region.code }) : equityHref(base);
    },
    [state, level, regionOf],
  );

  const setGroup = (value: string) => {
    const next = { ...state, mapGroup: value };
    navigate(equityHref(next) + url.hash, { replace: true, focus: false });
  };

  return (
    <>
      <p>{t.equity.mapIntro(cohort.cohort || t.equity.pooled, t.equity.byOptions[level])}</p>
      <p class="inline-field">
        <label for="eq-map-group">{t.equity.mapGroup}</label>
        <select id="eq-map-group" value={shownKey} onChange={(e) => setGroup((e.currentTarget as HTMLSelectElement).value)}>
          {cohort.groups.map((g) => (
            <option key={groupKey(g.group)} value={groupKey(g.group)}>
              {groupLabel(g)}
            </option>
          ))}
        </select>
      </p>
      <CaliforniaMap
        counties={counties}
        colourBy="value"
        valueLabel={t.equity.mapLegendGap}
        title={t.equity.mapAria(name)}
        href={href}
        valueScale={valueScale}
        marked={marked}
        markedLabel={t.equity.mapMarked}
        greyLabel={t.equity.mapGrey}
      />
      <details>
        <summary>{t.showTable}</summary>
        <div class="table-scroll">
          <table class="place-table">
            <thead>
              <tr>
                <th scope="col">{t.equity.byOptions[level]}</th>
                <th scope="col">{name}</th>
              </tr>
            </thead>
            <tbody>
              {values.map((v) => (
                <tr key={v.code} data-place={v.code}>
                  <th scope="row">{v.name}</th>
                  <td>{placeLabel(v, v.name, usesGap, result.min_n).slice(v.name.length + 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
