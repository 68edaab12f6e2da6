// Turning GET /api/v1/equity's answer into what the page draws: the chart's
// rows, the trend's points, the table (and its CSV, which is the table), the
// numbers needed to close the gap, and the map's places. Pure functions, so
// each is tested on its own.
import type { EquityCohort, EquityGroup, EquityPlace, EquityResult, PublishedCount } from '../../api/types.gen';
import { suppressionReason } from '../../components/Count';
import { toCsv } from '../../components/CsvLink';
import { formatDecimal, formatNumber, t } from '../../i18n';

/** The reason a group's numbers are withheld, in words ("" when they are not). */
export function groupReason(group: { suppressed: boolean; reason?: string | undefined }, minN: number): string {
  if (!group.suppressed) return '';
  return suppressionReason({ value: null, suppressed: true, reason: group.reason as PublishedCount['reason'] }, minN);
}

/** A short form of the reason, for the chart and the map ("fewer than 11 students"). */
export function shortReason(group: { reason?: string | undefined }, minN: number): string {
  const short = t.equity.shortReason;
  switch (group.reason) {
    case 'below_min_n':
      return short.below_min_n(formatNumber(minN));
    case 'complementary':
      return short.complementary;
    case 'table_withheld':
      return short.table_withheld;
    default:
      return short.unknown;
  }
}

export function groupLabel(group: Pick<EquityGroup, 'label' | 'group'>): string {
  return group.label || group.group || '';
}

export interface ChartRow {
  key: string;
  label: string;
  rate: number | null;
  lo: number | null;
  hi: number | null;
  reference: number | null;
  flagged: boolean;
  smallN: boolean;
  suppressed: boolean;
  /** Why withheld, short; empty when shown. */
  reason: string;
}

const clamp01 = (x: number | null) => (x === null ? null : Math.min(1, Math.max(0, x)));

/**
 * One row per group of a cohort, in the API's order. The interval is cut to
 * 0–100% for drawing (the API's rate ± MOE is not); a withheld group keeps
 * its row, without numbers, so the chart says it is withheld.
 */
export function chartRows(cohort: EquityCohort, minN: number): ChartRow[] {
  return cohort.groups.map((g, i) => {
    const shown = !g.suppressed && g.rate !== null;
    return {
      key: `${i}:${g.group ?? ''}`,
      label: groupLabel(g),
      rate: shown ? g.rate : null,
      lo: shown ? clamp01(g.rate_lo) : null,
      hi: shown ? clamp01(g.rate_hi) : null,
      reference: g.suppressed ? null : g.reference,
      flagged: g.flag === true,
      smallN: !g.suppressed && g.small_n,
      suppressed: g.suppressed,
      reason: g.suppressed ? shortReason(g, minN) : '',
    };
  });
}

export interface TrendPoint {
  cohort: string;
  label: string;
  /** null for a withheld year: the line has a gap there. */
  rate: number | null;
  flagged: boolean;
}

/**
 * Every group's rate in every cohort; a group missing or withheld in a cohort
 * gets a gap. A group withheld in every cohort has no line, and is left out.
 */
export function trendPoints(result: EquityResult): TrendPoint[] {
  const labels: string[] = [];
  for (const c of result.cohorts) for (const g of c.groups) if (!labels.includes(groupLabel(g))) labels.push(groupLabel(g));
  const points = labels.map((label) =>
    result.cohorts.map((c) => {
      const g = c.groups.find((x) => groupLabel(x) === label);
      return {
        cohort: cohortName(c),
        label,
        rate: g && !g.suppressed ? g.rate : null,
        flagged: g?.flag === true,
      };
    }),
  );
  return points.filter((line) => line.some((p) => p.rate !== null)).flat();
}

export function cohortName(cohort: EquityCohort): string {
  return cohort.cohort || t.equity.pooled;
}

/** The cohort a `year` names, else the last one. */
export function shownCohort(result: EquityResult, year: string): EquityCohort | undefined {
  return result.cohorts.find((c) => (c.cohort ?? '') === year) ?? result.cohorts[result.cohorts.length - 1];
}

// Numbers as the table shows them and the CSV writes them: rates and gaps in
// percent / points with one decimal, indices with two.
const pct = (x: number | null) => (x === null ? '' : (x * 100).toFixed(1));
const idx = (x: number | null) => (x === null ? '' : x.toFixed(2));
const int = (x: number | null) => (x === null ? '' : String(x));
const count = (c: PublishedCount) => (c.suppressed || c.value === null ? '' : String(c.value));

export function flagText(g: EquityGroup): string {
  if (g.suppressed) return '';
  if (g.small_n) return t.equity.flagTooFew;
  if (g.flag === true) return t.equity.flagYes;
  if (g.flag === false) return t.equity.flagNo;
  return t.equity.flagNoReference;
}

export type ColumnKey = keyof typeof t.equity.columns;

/** The table's columns for a method: the gap for PPG, the index for the other two. */
export function tableColumns(method: string): ColumnKey[] {
  const measure: ColumnKey[] = method === 'ppg' ? ['moe', 'gap'] : ['index'];
  return ['cohort', 'group', 'n', 'success', 'rate', 'reference', ...measure, 'flag', 'neededNotDi', 'neededParity', 'withheld'];
}

export interface TableRow {
  cohort: string;
  group: EquityGroup;
  /** Plain text of each column, as in the CSV ("" for a withheld cell). */
  cells: Record<ColumnKey, string>;
}

export function tableRows(result: EquityResult): TableRow[] {
  return result.cohorts.flatMap((c) =>
    c.groups.map((g) => ({
      cohort: cohortName(c),
      group: g,
      cells: {
        cohort: cohortName(c),
        group: groupLabel(g),
        n: count(g.n),
        success: count(g.success),
        rate: pct(g.rate),
        reference: pct(g.reference),
        moe: pct(g.moe),
        gap: pct(g.gap),
        index: idx(g.index),
        flag: flagText(g),
        neededNotDi: int(g.success_needed_not_di),
        neededParity: int(g.success_needed_full_parity),
        withheld: g.suppressed ? shortReason(g, result.min_n) : '',
      },
    })),
  );
}

/** The table as CSV: the same columns, headers and values; withheld cells blank, with the reason in its column. */
export function equityCsv(result: EquityResult): string {
  const columns = tableColumns(result.method);
  return toCsv(
    columns.map((c) => t.equity.columns[c]),
    tableRows(result).map((row) => columns.map((c) => row.cells[c])),
  );
}

export function csvFileName(result: EquityResult): string {
  const part = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `pathlight-equity-${part(result.outcome.code)}-${part(result.group.code)}-${part(result.method)}.csv`;
}

export interface Needed {
  label: string;
  flagged: boolean;
  text: string;
}

/** The numbers needed in words: flagged groups first, then the others below their reference. */
export function neededSentences(cohort: EquityCohort): Needed[] {
  const out: Needed[] = [];
  for (const g of cohort.groups) {
    if (g.suppressed) continue;
    const parity = g.success_needed_full_parity ?? 0;
    const notDi = g.success_needed_not_di ?? 0;
    if (g.flag === true) {
      out.push({
        label: groupLabel(g),
        flagged: true,
        text: t.equity.neededFlagged(groupLabel(g), formatNumber(notDi), formatNumber(parity)),
      });
    } else if (parity > 0) {
      out.push({ label: groupLabel(g), flagged: false, text: t.equity.neededParity(groupLabel(g), formatNumber(parity)) });
    }
  }
  return [...out.filter((n) => n.flagged), ...out.filter((n) => !n.flagged)];
}

/** Percentage points with a sign: "−4.0 points". */
export function formatGap(gap: number): string {
  const points = formatDecimal(Math.abs(gap * 100), 1);
  return `${gap < 0 ? '−' : gap > 0 ? '+' : ''}${points} ${t.equity.pointsUnit}`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${formatDecimal(rate * 100, 1)}%`;
}

export interface PlaceValue {
  code: string;
  name: string;
  level: EquityPlace['level'];
  gap: number | null;
  flag: boolean | null;
  suppressed: boolean;
  /** The API's reason code ("" when shown). */
  reasonCode: string;
  /** The reason in words ("" when shown). */
  reason: string;
}

/** A group's key on the map and in the address: its code, or "_missing" for the missing group. */
export function groupKey(group: string | null): string {
  return group ?? missingKey;
}
export const missingKey = '_missing';

/** The group a map shows: the one asked for, else the first flagged, else the first. */
export function mapGroupKey(cohort: EquityCohort | undefined, wanted: string): string {
  const groups = cohort?.groups ?? [];
  if (wanted && groups.some((g) => groupKey(g.group) === wanted)) return wanted;
  const first = groups.find((g) => g.flag === true) ?? groups[0];
  return first ? groupKey(first.group) : '';
}

/** One group's value in every place of `places`. */
export function placeValues(places: EquityPlace[], key: string, minN: number): PlaceValue[] {
  return places.map((p) => {
    const g = p.groups.find((x) => groupKey(x.group) === key);
    return {
      code: p.code,
      name: p.name,
      level: p.level,
      gap: g && !g.suppressed ? g.gap : null,
      flag: g && !g.suppressed ? g.flag : null,
      suppressed: g?.suppressed ?? false,
      reasonCode: g?.suppressed ? (g.reason ?? '') : '',
      reason: g ? groupReason(g, minN) : '',
    };
  });
}
