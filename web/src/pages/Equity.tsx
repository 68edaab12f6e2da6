import { useMemo, useRef } from 'preact/hooks';
import type { EquityGroup, EquityResult, Region } from '../api/types.gen';
import { useApi } from '../api/use-api';
import { Count } from '../components/Count';
import { CsvLink } from '../components/CsvLink';
import { Page } from '../components/Page';
import { ShareLink } from '../components/ShareLink';
import { Load } from '../components/Status';
import { formatNumber, pathwayName, sectorName, t } from '../i18n';
import { navigate, useLocation } from '../router';
import { GapChart, TrendLines } from './equity/charts';
import { EquityForm } from './equity/EquityForm';
import { EquityMap } from './equity/EquityMap';
import { Explore } from './equity/Explore';
import {
  chartRows,
  cohortName,
  csvFileName,
  equityCsv,
  neededSentences,
  shownCohort,
  tableColumns,
  tableRows,
  trendPoints,
} from './equity/prepare';
import { equityHref, equityQuery, parseState, type EquityState } from './equity/state';

function referenceName(result: EquityResult): string | null {
  const ref = result.reference;
  if (result.method === 'prop-index' || !ref) return null;
  const keyword = t.equity.references[ref];
  if (keyword) return keyword;
  const group = result.cohorts.flatMap((c) => c.groups).find((g) => g.group === ref);
  return t.equity.referenceGroup(group?.label ?? ref);
}

/** Where and when, in words: "Bay Area, Health Science, 2020-21 to 2024-25". */
function usePopulationText(result: EquityResult, regions: Region[]): string {
  const counties = useApi('listCounties');
  const sectors = useApi('listSectors');
  const p = result.population;
  const parts: string[] = [];
  if (p.region) {
    const r = regions.find((x) => x.code === p.region);
    parts.push(t.regionName(r?.name ?? p.region));
  }
  if (p.county) {
    const c = counties.status === 'ok' ? counties.data.find((x) => x.fips === p.county) : undefined;
    parts.push(t.countyName(c?.name ?? p.county));
  }
  if (p.organization) parts.push(p.organization);
  if (parts.length === 0) parts.push(t.equity.statewide);
  const sector = sectors.status === 'ok' ? sectors.data.find((s) => s.code === p.sector) : undefined;
  if (p.sector) parts.push(sectorName(p.sector, sector?.name ?? p.sector));
  if (p.pathway) parts.push(pathwayName(p.pathway, sector?.pathways.find((x) => x.code === p.pathway)?.name ?? p.pathway));
  const years = p.from && p.to ? t.equity.years(p.from, p.to) : t.equity.yearsAll;
  return parts.join(', ') + ', ' + years;
}

function EquityCsvLink({ result }: { result: EquityResult }) {
  const csv = useMemo(() => equityCsv(result), [result]);
  return (
    <CsvLink csv={csv} fileName={csvFileName(result)} label={t.equity.download} help={t.equity.downloadHelp} helpId="eq-csv-help" />
  );
}

function FlagCell({ group }: { group: EquityGroup }) {
  if (group.suppressed) return null;
  if (group.flag === true)
    return (
      <span class="flag-di">
        <span aria-hidden="true">▲ </span>
        {t.equity.flagYes}
      </span>
    );
  return <>{group.small_n ? t.equity.flagTooFew : group.flag === false ? t.equity.flagNo : t.equity.flagNoReference}</>;
}

function EquityTable({ result }: { result: EquityResult }) {
  const columns = tableColumns(result.method);
  const rows = tableRows(result);
  const numeric = new Set(['n', 'success', 'rate', 'reference', 'moe', 'gap', 'index', 'neededNotDi', 'neededParity']);
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="eq-table-caption">
      <table class="equity-table">
        <caption id="eq-table-caption">{t.equity.tableCaption(result.outcome.label, result.group.label)}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {t.equity.columns[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr
              key={i}
              data-cohort={row.cohort}
              data-group={row.group.group ?? ''}
              data-flag={row.group.flag === true ? 'true' : undefined}
              data-suppressed={row.group.suppressed ? 'true' : undefined}
              class={row.group.flag === true ? 'row-flagged' : undefined}
            >
              {columns.map((c) => {
                if (c === 'group')
                  return (
                    <th scope="row" key={c}>
                      {row.cells.group}
                    </th>
                  );
                if (c === 'n' || c === 'success')
                  return (
                    <td key={c} class="num">
                      <Count count={row.group[c]} minN={result.min_n} />
                    </td>
                  );
                if (c === 'flag')
                  return (
                    <td key={c}>
                      <FlagCell group={row.group} />
                    </td>
                  );
                const value = row.cells[c];
                return (
                  <td key={c} class={numeric.has(c) ? 'num' : c === 'withheld' ? 'withheld-reason' : undefined}>
                    {value === '' && numeric.has(c) ? '—' : value}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EquityShareLink() {
  return <ShareLink idPrefix="eq" heading={t.equity.linkHeading} label={t.equity.linkLabel} help={t.equity.linkHelp} />;
}

function Results({ result, state, regions }: { result: EquityResult; state: EquityState; regions: Region[] }) {
  const population = usePopulationText(result, regions);
  const cohort = shownCohort(result, state.year);
  const rows = useMemo(() => (cohort ? chartRows(cohort, result.min_n) : []), [cohort, result.min_n]);
  const points = useMemo(() => trendPoints(result), [result]);
  const outcome = t.equity.outcomes[result.outcome.code] ?? result.outcome.label;
  const method = t.equity.methods[result.method] ?? result.method;
  const reference = referenceName(result);
  const summary = t.equity.summary(outcome, result.group.label, population);

  if (!cohort) {
    return (
      <>
        <p class="result-summary">
          {summary} {t.equity.noCohorts}
        </p>
        <EquityShareLink />
      </>
    );
  }
  const name = cohortName(cohort);
  const flagged = rows.filter((r) => r.flagged).map((r) => r.label);
  const withheld = rows.filter((r) => r.suppressed).length;
  const needed = neededSentences(cohort);
  const setYear = (year: string) => navigate(equityHref({ ...state, year }), { replace: true, focus: false });

  return (
    <>
      <div class="result-summary">
        <p>
          <strong>{summary}</strong> {t.equity.methodSummary(method, reference)}
        </p>
        <p>{t.equity.flaggedCount(flagged.length, name)}</p>
      </div>
      {result.cohorts.length > 1 && (
        <p class="inline-field">
          <label for="eq-year">{t.equity.cohortShown}</label>
          <select id="eq-year" value={cohort.cohort ?? ''} onChange={(e) => setYear((e.currentTarget as HTMLSelectElement).value)}>
            {result.cohorts.map((c) => (
              <option key={c.cohort ?? ''} value={c.cohort ?? ''}>
                {cohortName(c)}
              </option>
            ))}
          </select>
        </p>
      )}

      <section aria-labelledby="eq-chart-heading" class="panel">
        <h2 id="eq-chart-heading">{t.equity.chartHeading}</h2>
        <p class="small">{result.method === 'ppg' ? t.equity.chartIntro(name) : t.equity.chartIntroIndex(name)}</p>
        <figure class="chart">
          <GapChart
            rows={rows}
            overall={cohort.overall.rate}
            ariaLabel={t.equity.chartAria(outcome, name)}
            description={t.equity.chartDescription(rows.length, flagged, withheld)}
            interval={result.method === 'ppg'}
          />
        </figure>
      </section>

      <section aria-labelledby="eq-needed-heading" class="panel">
        <h2 id="eq-needed-heading">{t.equity.neededHeading}</h2>
        <p>{t.equity.neededIntro(outcome, name)}</p>
        {needed.length === 0 ? (
          <p>{t.equity.neededNone}</p>
        ) : (
          <ul class="needed-list">
            {needed.map((n) => (
              <li key={n.label} class={n.flagged ? 'needed-flagged' : undefined}>
                {n.flagged && <span aria-hidden="true">▲ </span>}
                {n.text}
              </li>
            ))}
          </ul>
        )}
        {withheld > 0 && <p class="small">{t.equity.neededWithheld}</p>}
      </section>

      <section aria-labelledby="eq-trend-heading" class="panel">
        <h2 id="eq-trend-heading">{t.equity.trendHeading}</h2>
        {result.cohorts.length > 1 ? (
          <>
            <p class="small">{t.equity.trendIntro}</p>
            <figure class="chart">
              <TrendLines points={points} ariaLabel={t.equity.trendAria(outcome)} />
            </figure>
          </>
        ) : (
          <p>{t.equity.trendOneCohort}</p>
        )}
      </section>

      {result.places && result.places.length > 0 && (
        <section aria-labelledby="eq-map-heading" class="panel">
          <h2 id="eq-map-heading">{t.equity.mapHeading}</h2>
          <EquityMap result={result} cohort={result.cohorts[result.cohorts.length - 1] ?? cohort} state={state} regions={regions} />
        </section>
      )}

      <section aria-labelledby="eq-table-heading" class="panel">
        <h2 id="eq-table-heading">{t.equity.tableHeading}</h2>
        <EquityCsvLink result={result} />
        <EquityTable result={result} />
        <p class="small">
          {t.minNNote(formatNumber(result.min_n))} {t.equity.dataVersion(result.data_version)}
        </p>
      </section>

      <EquityShareLink />

      {result.notes.length > 0 && (
        <section aria-labelledby="eq-notes-heading">
          <h2 id="eq-notes-heading">{t.equity.serverNotes}</h2>
          <ul>
            {result.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Methods({ minN }: { minN: number | null }) {
  const n = formatNumber(minN ?? 11);
  return (
    <section aria-labelledby="eq-methods-heading" class="methods">
      <h2 id="eq-methods-heading">{t.equity.methodsHeading}</h2>
      <p>{t.equity.methodsPpg}</p>
      <p>{t.equity.methodsPpg1}</p>
      <p>{t.equity.methodsIndex}</p>
      <p>{t.equity.methodsNeeded}</p>
      <p>{t.equity.methodsMinN(n)}</p>
      <p>{t.equity.methodsWithheld(n)}</p>
    </section>
  );
}

function ViewTabs({ explore }: { explore: boolean }) {
  return (
    <nav class="view-tabs" aria-label={t.explore.views}>
      <a href="/data" aria-current={explore ? undefined : 'page'}>
        {t.explore.equityTab}
      </a>
      <a href="/data?tab=explore" aria-current={explore ? 'page' : undefined}>
        {t.explore.exploreTab}
      </a>
    </nav>
  );
}

function EquityView() {
  const url = useLocation();
  const state = useMemo(() => parseState(url.searchParams), [url.search]);
  const query = useMemo(() => equityQuery(state), [state]);
  const result = useApi('getEquity', { query });
  const regions = useApi('listRegions');
  // The last answer stays for the form's reference choices while the next loads.
  const last = useRef<EquityResult | null>(null);
  if (result.status === 'ok') last.current = result.data;
  const lastCohort = last.current?.cohorts[last.current.cohorts.length - 1];
  // One live region that stays on the page, so each new answer is announced (a region
  // created with its content often is not).
  const announcement =
    result.status === 'ok'
      ? [
          t.equity.outcomes[result.data.outcome.code] ?? result.data.outcome.label,
          result.data.group.label,
          lastCohort ? t.equity.flaggedCount(lastCohort.groups.filter((g) => g.flag === true).length, cohortName(lastCohort)) : t.equity.noCohorts,
        ].join(' · ')
      : '';
  return (
    <>
      <p class="lead">{t.equity.intro}</p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <EquityForm state={state} groups={lastCohort?.groups ?? []} />
      <Load state={result}>
        {(data) => <Results result={data} state={state} regions={regions.status === 'ok' ? regions.data.regions : []} />}
      </Load>
      <Methods minN={last.current?.min_n ?? null} />
    </>
  );
}

/**
 * The Data & equity page: the equity question in a form and its answer as
 * chart, numbers needed, trend, map and table; or (?tab=explore) any table
 * of the student-year data.
 */
export default function Equity() {
  const explore = useLocation().searchParams.get('tab') === 'explore';
  return (
    <Page title={t.areas.equity}>
      <ViewTabs explore={explore} />
      {explore ? <Explore /> : <EquityView />}
    </Page>
  );
}
