import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CountyStats, Overview } from '../api/types.gen';
import { useApi, type Loadable } from '../api/use-api';
import { CaliforniaMap, type MapCounty } from '../components/CaliforniaMap';
import { Count } from '../components/Count';
import { Page } from '../components/Page';
import { SectorBrowser } from '../components/SectorBrowser';
import { Load } from '../components/Status';
import { TrendChart } from '../components/TrendChart';
import { RegionsProvenance } from '../components/VerifiedFlag';
import { formatNumber, t } from '../i18n';

const counts = ['students', 'participants', 'concentrators', 'completers'] as const;

function Headline({ overview }: { overview: Overview }) {
  const latest = overview.years[overview.years.length - 1];
  if (!latest) return <p class="notice notice-info">{t.headlineNoData}</p>;
  return (
    <>
      <p class="headline-year">{t.headlineYear(latest.school_year)}</p>
      <dl class="headline">
        {counts.map((c) => (
          <div class="headline-item" key={c} data-count={c}>
            <dt>{t.countLabels[c]}</dt>
            <dd class="headline-value">
              <Count count={latest[c]} minN={overview.min_n} />
            </dd>
            <dd class="small">{t.countHelp[c]}</dd>
          </div>
        ))}
      </dl>
      <p class="small">{t.minNNote(formatNumber(overview.min_n))}</p>
    </>
  );
}

const countyHref = (fips: string) => `/directory?county=${fips}`;

function CountyMap({ stats, colourBy }: { stats: CountyStats; colourBy: 'value' | 'region' }) {
  const counties = useMemo<MapCounty[]>(
    () =>
      stats.counties.map((c) => ({
        fips: c.county_fips,
        name: c.county_name,
        value: c.participants.value,
        region: c.region_name,
        label:
          c.participants.value === null
            ? c.participants.reason === 'below_min_n' || c.participants.reason === undefined
              ? t.mapCountyWithheld(c.county_name, formatNumber(stats.min_n), c.region_name)
              : t.mapCountyWithheldOther(c.county_name, c.region_name)
            : t.mapCountyValue(c.county_name, formatNumber(c.participants.value), c.region_name),
      })),
    [stats],
  );
  return (
    <CaliforniaMap
      counties={counties}
      colourBy={colourBy}
      valueLabel={t.mapLegendValue(stats.school_year ?? '')}
      title={t.mapAria}
      href={countyHref}
    />
  );
}

function CountyTable({ stats }: { stats: CountyStats }) {
  return (
    <details>
      <summary>{t.showTable}</summary>
      <div class="table-scroll">
        <table class="county-table">
          <thead>
            <tr>
              <th scope="col">{t.county}</th>
              <th scope="col">{t.region}</th>
              <th scope="col">{t.countLabels.students}</th>
              <th scope="col">{t.countLabels.participants}</th>
            </tr>
          </thead>
          <tbody>
            {stats.counties.map((c) => (
              <tr key={c.county_fips} data-fips={c.county_fips}>
                <th scope="row">
                  <a href={countyHref(c.county_fips)}>{c.county_name}</a>
                </th>
                <td>{c.region_name ?? '—'}</td>
                <td class="num">
                  <Count count={c.students} minN={stats.min_n} />
                </td>
                <td class="num">
                  <Count count={c.participants} minN={stats.min_n} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function RegionNote() {
  const regions = useApi('listRegions');
  return regions.status === 'ok' ? <RegionsProvenance regions={regions.data.regions} /> : null;
}

interface CountyPanelProps {
  data: CountyStats;
  /** The data's school year (absent only when there is no data). */
  year: string;
  colourBy: 'value' | 'region';
  setColourBy: (mode: 'value' | 'region') => void;
  setYear: (year: string) => void;
}

function CountyPanel({ data, year, colourBy, setColourBy, setYear }: CountyPanelProps) {
  return (
    <>
      <p>{t.mapDescription(year)}</p>
      <div class="controls">
        <fieldset class="radio-group">
          <legend>{t.mapColourBy}</legend>
          {(['value', 'region'] as const).map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="map-colour"
                value={mode}
                checked={colourBy === mode}
                onChange={() => setColourBy(mode)}
              />{' '}
              {mode === 'value' ? t.mapByParticipants : t.mapByRegion}
            </label>
          ))}
        </fieldset>
        {data.school_years.length > 1 && (
          <p>
            <label for="map-year">{t.mapYear}</label>
            <select
              id="map-year"
              value={year}
              onChange={(e) => setYear((e.target as HTMLSelectElement).value)}
            >
              {data.school_years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </p>
        )}
      </div>
      <CountyMap stats={data} colourBy={colourBy} />
      {colourBy === 'region' && <RegionNote />}
      <p class="small">{t.minNNote(formatNumber(data.min_n))}</p>
      <CountyTable stats={data} />
    </>
  );
}

function CountySection({ stats, setYear }: { stats: Loadable<CountyStats>; setYear: (year: string) => void }) {
  const [colourBy, setColourBy] = useState<'value' | 'region'>('value');
  // While another school year loads, the previous one stays (and the year
  // picker keeps the focus).
  const shown = useRef<CountyStats | null>(null);
  if (stats.status === 'ok') shown.current = stats.data;
  const state: Loadable<CountyStats> =
    stats.status === 'loading' && shown.current ? { status: 'ok', data: shown.current } : stats;
  return (
    <section aria-labelledby="map-heading" class="panel">
      <h2 id="map-heading">{t.mapHeading}</h2>
      <Load state={state}>
        {(data) =>
          data.school_year === null ? (
            <p>{t.headlineNoData}</p>
          ) : (
            <CountyPanel
              data={data}
              year={data.school_year}
              colourBy={colourBy}
              setColourBy={setColourBy}
              setYear={setYear}
            />
          )
        }
      </Load>
    </section>
  );
}

let readyMarked = false;

export function Home() {
  const overview = useApi('getOverview');
  const sectors = useApi('listSectors');
  const [year, setYear] = useState('');
  const countyStats = useApi('getCountyStats', { query: { school_year: year || undefined } });

  // For the browser test's time-to-interactive: the first moment the home
  // page shows its numbers and can be used.
  useEffect(() => {
    const answered = [overview, sectors, countyStats].every((s) => s.status !== 'loading');
    if (!readyMarked && answered) {
      readyMarked = true;
      performance.mark('pathlight:home-ready');
    }
  }, [overview.status, sectors.status, countyStats.status]);

  return (
    <Page title={t.homeTitle}>
      <p class="lead">{t.homeIntro}</p>
      <section aria-labelledby="headline-heading" class="panel">
        <h2 id="headline-heading">{t.headlineHeading}</h2>
        <Load state={overview}>{(o) => <Headline overview={o} />}</Load>
      </section>
      <section aria-labelledby="trend-heading" class="panel">
        <h2 id="trend-heading">{t.trendHeading}</h2>
        <Load state={overview}>
          {(o) => (o.years.length > 0 ? <TrendChart overview={o} /> : <p>{t.headlineNoData}</p>)}
        </Load>
      </section>
      <CountySection stats={countyStats} setYear={setYear} />
      <section aria-labelledby="sectors-heading" class="panel">
        <h2 id="sectors-heading">{t.sectorsHeading}</h2>
        <p>{t.sectorsIntro}</p>
        <Load state={sectors}>{(data) => <SectorBrowser sectors={data} />}</Load>
      </section>
    </Page>
  );
}
