import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PublishedCount, QueryColumn, QueryResult } from '../../api/types.gen';
import { useApi } from '../../api/use-api';
import { Count } from '../../components/Count';
import { plainChoices, regionChoices, sectorChoices, useSchoolYears } from '../../components/reference-choices';
import { SelectField } from '../../components/SelectField';
import { Load } from '../../components/Status';
import { formatDecimal, formatNumber, t } from '../../i18n';
import { navigate, useLocation } from '../../router';
import {
  exploreDefaults,
  exploreDimensions,
  exploreHref,
  exploreMeasures,
  exploreSpec,
  maxGroupBy,
  parseExplore,
  rowLimit,
  type ExploreState,
} from './explore-state';

const outcomeOf = (name: string) => name.replace(/_(sum|n)$/, '');

/** A column's header: the catalog's name of the dimension or measure. */
export function columnHeader(column: QueryColumn): string {
  const e = t.explore;
  if (column.kind === 'dimension') return e.dims[column.name] ?? column.name;
  if (e.measureNames[column.name]) return e.measureNames[column.name] as string;
  const base = outcomeOf(column.name);
  const named = e.measureNames[`${base}_rate`] ?? e.measureNames[`${base}_mean`] ?? e.measureNames[`${base}_median`] ?? e.measureNames[`${base}_sum`];
  if (column.name.endsWith('_n')) return e.columnN(named ?? base);
  if (column.name.endsWith('_sum')) return e.columnSum(named ?? base);
  return column.name;
}

interface Published {
  value: number | null;
  suppressed: boolean;
  reason?: string;
}

const isPublished = (v: unknown): v is Published =>
  typeof v === 'object' && v !== null && 'suppressed' in v && 'value' in v;

/** One cell: a dimension's label, a count, or a rate/mean/median; withheld ones as Count's "—" with the reason. */
function Cell({ column, row, minN }: { column: QueryColumn; row: Record<string, unknown>; minN: number }) {
  if (column.kind === 'dimension') {
    const label = row[`${column.name}_label`] ?? row[column.name];
    return <>{label === null || label === undefined ? t.explore.notReported : String(label)}</>;
  }
  const cell = row[column.name];
  if (typeof cell === 'number') return <>{formatNumber(cell)}</>;
  if (!isPublished(cell)) return <>—</>;
  if (cell.suppressed || cell.value === null) {
    if (!cell.suppressed) return <>—</>;
    return <Count count={{ value: null, suppressed: true, reason: cell.reason as PublishedCount['reason'] }} minN={minN} />;
  }
  if (column.kind === 'rate') return <>{formatDecimal(cell.value * 100, 1)}%</>;
  if (column.kind === 'count' || Number.isInteger(cell.value)) return <>{formatNumber(cell.value)}</>;
  return <>{formatDecimal(cell.value, 1)}</>;
}

function ExploreTable({ result }: { result: QueryResult }) {
  const { columns, rows } = result;
  return (
    <>
      <p role="status" class="result-summary">
        {rows.length === 0 ? t.explore.empty : t.explore.rows(formatNumber(rows.length))}{' '}
        {result.suppression.exact
          ? t.explore.exact
          : result.suppression.cells_withheld > 0
            ? t.explore.withheldCells(formatNumber(result.suppression.cells_withheld))
            : ''}
      </p>
      {rows.length >= rowLimit && <p class="notice notice-info">{t.explore.limited(formatNumber(rowLimit))}</p>}
      {rows.length > 0 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="ex-caption">
          <table class="explore-table">
            <caption id="ex-caption">{t.explore.caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col" key={c.name}>
                    {columnHeader(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  {columns.map((c, j) =>
                    c.kind === 'dimension' && j === 0 ? (
                      <th scope="row" key={c.name}>
                        <Cell column={c} row={row} minN={result.min_n} />
                      </th>
                    ) : (
                      <td key={c.name} class={c.kind === 'dimension' ? undefined : 'num'}>
                        <Cell column={c} row={row} minN={result.min_n} />
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="small">
        {t.minNNote(formatNumber(result.min_n))} {t.equity.dataVersion(result.data_version)}
      </p>
    </>
  );
}

function ExploreForm({ state }: { state: ExploreState }) {
  const [fields, setFields] = useState(state);
  const key = exploreHref(state);
  useEffect(() => setFields(state), [key]);
  const years = useSchoolYears();
  const regions = useApi('listRegions');
  const sectors = useApi('listSectors');
  const dimensionChoices = exploreDimensions.map((d) => ({ value: d, name: t.explore.dims[d] ?? d }));

  const setGroup = (i: number, value: string) =>
    setFields((f) => {
      const groupBy = [...f.groupBy];
      groupBy[i] = value;
      return { ...f, groupBy };
    });
  const toggle = (m: string, on: boolean) =>
    setFields((f) => ({ ...f, measures: on ? [...f.measures.filter((x) => x !== m), m] : f.measures.filter((x) => x !== m) }));
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const groupBy = [...new Set(fields.groupBy.filter(Boolean))];
    // Measures keep the catalog's order, whatever order they were ticked in.
    const measures = Object.keys(exploreMeasures).filter((m) => fields.measures.includes(m));
    navigate(exploreHref({ ...fields, groupBy, measures: measures.length ? measures : exploreDefaults.measures }), { focus: false });
  };
  const select = (name: 'from' | 'to' | 'region' | 'sector') => ({
    value: fields[name],
    onChange: (e: Event) => setFields((f) => ({ ...f, [name]: (e.currentTarget as HTMLSelectElement).value })),
  });

  return (
    <form class="filters explore-form" aria-label={t.explore.formLabel} onSubmit={onSubmit}>
      {Array.from({ length: maxGroupBy }, (_, i) => (
        <SelectField
          key={i}
          id={`ex-group-${i}`}
          label={t.explore.groupBy(i + 1)}
          any={t.explore.none}
          choices={dimensionChoices}
          value={fields.groupBy[i] ?? ''}
          onChange={(e) => setGroup(i, (e.currentTarget as HTMLSelectElement).value)}
        />
      ))}
      <fieldset class="field-wide">
        <legend>{t.explore.measures}</legend>
        <ul class="checkbox-list">
          {Object.keys(exploreMeasures).map((m) => (
            <li key={m}>
              <label>
                <input
                  type="checkbox"
                  value={m}
                  checked={fields.measures.includes(m)}
                  onChange={(e) => toggle(m, (e.currentTarget as HTMLInputElement).checked)}
                />{' '}
                {t.explore.measureNames[m]}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {(['from', 'to'] as const).map((end) => (
        <SelectField key={end} id={`ex-${end}`} label={t.explore[end]} any={t.explore.anyYear} choices={plainChoices(years)} {...select(end)} />
      ))}
      <SelectField id="ex-region" label={t.explore.region} any={t.explore.any} choices={regionChoices(regions)} {...select('region')} />
      <SelectField id="ex-sector" label={t.explore.sector} any={t.explore.any} choices={sectorChoices(sectors)} {...select('sector')} />
      <p class="field field-buttons">
        <button type="submit">{t.explore.show}</button>
      </p>
    </form>
  );
}

/** The Explore view: a table from POST /api/v1/query, its choices in the address. */
export function Explore() {
  const url = useLocation();
  const state = useMemo(() => parseExplore(url.searchParams), [url.search]);
  const body = useMemo(() => exploreSpec(state), [state]);
  const result = useApi('runQuery', { body });
  return (
    <>
      <p>{t.explore.intro}</p>
      <ExploreForm state={state} />
      <Load state={result}>{(data) => <ExploreTable result={data} />}</Load>
    </>
  );
}
