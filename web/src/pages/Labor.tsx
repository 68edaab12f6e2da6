import { useMemo } from 'preact/hooks';
import { buildUrl } from '../api/client';
import type { County, Region } from '../api/types.gen';
import type { LaborGap, LaborGapQuery } from '../api/labor-pathways';
import { useApi } from '../api/use-api';
import { CsvLink } from '../components/CsvLink';
import { Page } from '../components/Page';
import { ShareLink } from '../components/ShareLink';
import { Load, Loading } from '../components/Status';
import { VerifiedFlag } from '../components/VerifiedFlag';
import { formatHourly, t } from '../i18n';
import { useLocation } from '../router';
import { OpeningsChart, WageChart } from './labor/charts';
import { LaborForm } from './labor/LaborForm';
import { LaborMap } from './labor/LaborMap';
import {
  areaName,
  chartRows,
  csvFileName,
  filterName,
  largestGap,
  laborCsv,
  livingWageText,
  pageCells,
  pageColumns,
  totalsText,
  yearsText,
} from './labor/prepare';
import { laborQuery, parseState, type LaborState } from './labor/state';

/** Where the openings come from: always on screen with the numbers, never folded away. */
function DemandSource({ result }: { result: LaborGap }) {
  const src = result.demand_source;
  const years = yearsText(result.supply_years);
  return (
    <div class={'notice demand-source' + (src.national ? ' demand-national' : '')} role="note" aria-labelledby="lm-source-heading">
      <p class="notice-title" id="lm-source-heading">
        {t.labor.sourceHeading}
      </p>
      <p class="demand-source-label" data-kind={src.kind} data-national={String(src.national)}>
        {src.label}
      </p>
      {src.national && <p>{t.labor.sourceNational}</p>}
      <p>{years ? t.labor.supplyYears(years) : t.labor.supplyNoYears}</p>
    </div>
  );
}

function LaborTable({ result }: { result: LaborGap }) {
  const numeric = new Set(['rank', 'demand', 'supply', 'gap', 'ratio', 'wageP25', 'wageMedian']);
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="lm-table-caption">
      <table class="labor-table">
        <caption id="lm-table-caption">{t.labor.tableCaption(areaName(result))}</caption>
        <thead>
          <tr>
            {pageColumns.map((c) => (
              <th scope="col" key={c} class={numeric.has(c) ? 'num' : undefined}>
                {t.labor.columns[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.occupations.map((o, i) => {
            const cells = pageCells(o, i + 1);
            return (
              <tr key={o.soc} data-soc={o.soc} data-living-wage={o.p25_vs_living_wage} data-flags={o.flags.join(' ')}>
                {pageColumns.map((c) => {
                  if (c === 'occupation')
                    return (
                      <th scope="row" key={c}>
                        {cells.occupation} <span class="code">{o.soc}</span>
                      </th>
                    );
                  if (c === 'livingWage')
                    return (
                      <td key={c} class={`wage-${o.p25_vs_living_wage}`}>
                        {o.p25_vs_living_wage === 'below' && <span aria-hidden="true">▼ </span>}
                        {cells.livingWage}
                      </td>
                    );
                  return (
                    <td key={c} class={numeric.has(c) ? 'num' : c === 'notes' ? 'labor-notes' : undefined}>
                      {cells[c]}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Results({ result, state, query, regions, counties }: {
  result: LaborGap;
  state: LaborState;
  query: LaborGapQuery;
  /** null until the reference lists have come: the map needs its places first. */
  regions: Region[] | null;
  counties: County[] | null;
}) {
  const area = areaName(result);
  const filter = filterName(result);
  const rows = useMemo(() => chartRows(result), [result]);
  const csv = useMemo(() => laborCsv(result), [result]);
  const living = result.living_wage?.hourly ?? null;
  const below = rows.filter((r) => r.below).map((r) => r.label);
  return (
    <>
      <DemandSource result={result} />
      <div class="result-summary">
        <p>
          <strong>{t.labor.summary(area, filter)}</strong> {result.filter?.verified === false && <VerifiedFlag verified={false} />}{' '}
          {t.labor.occupationCount(result.occupations.length)}
        </p>
        <p class="labor-totals">{totalsText(result)}</p>
        <p class="labor-living-wage">
          {livingWageText(result)} {result.living_wage && t.labor.livingWageRule(result.living_wage.rule, result.living_wage.source)}
        </p>
      </div>

      {result.occupations.length === 0 ? (
        <p>{t.labor.noOccupations}</p>
      ) : (
        <>
          <section aria-labelledby="lm-chart-heading" class="panel">
            <h2 id="lm-chart-heading">{t.labor.chartHeading}</h2>
            <p class="small">{t.labor.chartIntro(rows.length, result.occupations.length)}</p>
            <figure class="chart">
              <OpeningsChart
                rows={rows}
                ariaLabel={t.labor.chartAria(area)}
                description={t.labor.chartDescription(result.occupations.length, largestGap(result))}
              />
            </figure>
          </section>

          <section aria-labelledby="lm-wage-heading" class="panel">
            <h2 id="lm-wage-heading">{t.labor.wageHeading}</h2>
            <p class="small">{t.labor.wageIntro(living === null ? null : formatHourly(living))}</p>
            <figure class="chart">
              <WageChart rows={rows} living={living} ariaLabel={t.labor.wageAria(area)} description={t.labor.wageDescription(below)} />
            </figure>
          </section>
        </>
      )}

      {state.map !== 'none' && (
        <section aria-labelledby="lm-map-heading" class="panel">
          <h2 id="lm-map-heading">{t.labor.mapHeading}</h2>
          {regions && counties ? <LaborMap state={state} base={query} regions={regions} counties={counties} /> : <Loading />}
        </section>
      )}

      {result.occupations.length > 0 && (
        <section aria-labelledby="lm-table-heading" class="panel">
          <h2 id="lm-table-heading">{t.labor.tableHeading}</h2>
          <CsvLink csv={csv} fileName={csvFileName(result)} label={t.labor.download} help={t.labor.downloadHelp} helpId="lm-csv-help" />
          <LaborTable result={result} />
          <p class="small">{t.labor.dataVersion(result.data_version)}</p>
        </section>
      )}

      <ShareLink idPrefix="lm" heading={t.labor.linkHeading} label={t.labor.linkLabel} help={t.labor.linkHelp} />
    </>
  );
}

function Methods({ query }: { query: LaborGapQuery }) {
  return (
    <section aria-labelledby="lm-methods-heading" class="methods">
      <h2 id="lm-methods-heading">{t.labor.methodsHeading}</h2>
      <p>{t.labor.methodsDemand}</p>
      <p>{t.labor.methodsSupply}</p>
      <p>{t.labor.methodsSplit}</p>
      <p>{t.labor.methodsGap}</p>
      <p>{t.labor.methodsEducation}</p>
      <p>{t.labor.methodsWage}</p>
      <p>
        {t.labor.methodsDocs}{' '}
        <a href={buildUrl('getLaborGap', { query })} class="api-link">
          {t.labor.methodsJson}
        </a>
      </p>
    </section>
  );
}

/**
 * The labor-market page: for an area and a set of occupations, openings
 * against completers and wages against the living wage, as two charts, a
 * map, a table and its CSV. The question is in the address.
 */
export default function Labor() {
  const url = useLocation();
  const state = useMemo(() => parseState(url.searchParams), [url.search]);
  const query = useMemo(() => laborQuery(state), [state]);
  const result = useApi('getLaborGap', { query });
  const regions = useApi('listRegions');
  const counties = useApi('listCounties');
  // One live region that stays on the page, so each new answer is announced.
  const announcement =
    result.status === 'ok'
      ? [t.labor.summary(areaName(result.data), filterName(result.data)), totalsText(result.data)].join(' ')
      : '';
  return (
    <Page title={t.areas.labor}>
      <p class="lead">{t.labor.intro}</p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <LaborForm state={state} />
      <Load state={result}>
        {(data) => (
          <Results
            result={data}
            state={state}
            query={query}
            regions={regions.status === 'ok' ? regions.data.regions : null}
            counties={counties.status === 'ok' ? counties.data : null}
          />
        )}
      </Load>
      <Methods query={query} />
    </Page>
  );
}
