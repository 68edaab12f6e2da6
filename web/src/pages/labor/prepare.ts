// Turning GET /api/v1/labor/gap's answer into what the page shows: numbers
// in words, the table (and its CSV), the chart rows and the sentences above
// them. Pure functions, each tested on its own.
import { toCsv } from '../../components/CsvLink';
import type { LaborGap, LaborGapOccupation, LivingWageComparison } from '../../api/labor-pathways';
import { formatDecimal, formatDollars, formatHourly, formatNumber, pathwayName, sectorName, t } from '../../i18n';

/**
 * A yearly count as people read it: whole numbers from 100 up, one decimal
 * below (1.5 completers a year is a real average of three years).
 */
export function formatAmount(n: number): string {
  return Math.abs(n) >= 100 ? formatNumber(n) : formatDecimal(n, 1);
}

/** A gap with its sign: "+40.3", "−12.0", "0.0". */
export function formatGap(n: number): string {
  const text = formatAmount(Math.abs(n));
  if (Math.abs(n) < 0.05) return formatAmount(0);
  return (n > 0 ? '+' : '−') + text;
}

/** A number for a CSV file: as the API gives it, at most two decimals, no thousands separators. */
export function csvNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return String(Math.round(n * 100) / 100);
}

/** The area and the filter in words: "Bay Area, Health Science and Medical Technology". */
export function areaName(result: LaborGap): string {
  return result.area.type === 'state' || !result.area.name ? t.labor.statewide : result.area.name;
}

export function filterName(result: LaborGap): string | null {
  const f = result.filter;
  if (!f || !f.kind || !f.code) return null;
  if (f.kind === 'sector') return sectorName(f.code, f.name ?? f.code);
  if (f.kind === 'pathway') return pathwayName(f.code, f.name ?? f.code);
  return f.name ? `${f.name} (${f.code})` : f.code;
}

/** The flags of an occupation in words, in the order the API gives them; an unknown flag as it is. */
export function flagWords(flags: readonly string[]): string[] {
  return flags.map((f) => t.labor.flags[f] ?? f);
}

export function comparisonWord(c: LivingWageComparison | string): string {
  return t.labor.comparison[c] ?? t.labor.comparison.unknown ?? c;
}

/** "Licensed Vocational Nursing (TOP 1230.20)", one per program. */
export function programNames(o: LaborGapOccupation): string {
  if (o.programs.length === 0) return t.labor.noPrograms;
  return o.programs.map((p) => t.labor.programName(p.title, `${p.code_system} ${p.code}`)).join('; ');
}

/** Supply years as a range: "2022–2024"; one year alone; none: "". */
export function yearsText(years: readonly number[]): string {
  if (years.length === 0) return '';
  const sorted = [...years].sort((a, b) => a - b);
  const first = sorted[0] as number;
  const last = sorted[sorted.length - 1] as number;
  return first === last ? String(first) : `${first}–${last}`;
}

export type Column =
  | 'rank'
  | 'occupation'
  | 'soc'
  | 'education'
  | 'demand'
  | 'growth'
  | 'exits'
  | 'transfers'
  | 'employment'
  | 'supply'
  | 'gap'
  | 'ratio'
  | 'wageP25'
  | 'wageMedian'
  | 'livingWage'
  | 'programs'
  | 'notes'
  | 'source';

/** The columns shown on the page; the CSV has these and the openings' parts and the source. */
export const pageColumns: Column[] = [
  'rank',
  'occupation',
  'education',
  'demand',
  'supply',
  'gap',
  'ratio',
  'wageP25',
  'wageMedian',
  'livingWage',
  'programs',
  'notes',
];

export const csvColumns: Column[] = [
  'rank',
  'occupation',
  'soc',
  'education',
  'demand',
  'growth',
  'exits',
  'transfers',
  'employment',
  'supply',
  'gap',
  'ratio',
  'wageP25',
  'wageMedian',
  'livingWage',
  'programs',
  'notes',
  'source',
];

const dash = '—';

/** One row's cells as the page shows them (formatted) … */
export function pageCells(o: LaborGapOccupation, rank: number): Record<Column, string> {
  const amount = (n: number | null) => (n === null ? dash : formatAmount(n));
  const money = (n: number | null) => (n === null ? dash : formatHourly(n));
  return {
    rank: formatNumber(rank),
    occupation: o.title,
    soc: o.soc,
    education: o.entry_education ?? dash,
    demand: amount(o.demand),
    growth: amount(o.demand_growth),
    exits: amount(o.demand_exits),
    transfers: amount(o.demand_transfers),
    employment: o.employment === null ? dash : formatNumber(o.employment),
    supply: amount(o.supply),
    gap: o.gap === null ? dash : formatGap(o.gap),
    ratio: o.ratio === null ? dash : formatDecimal(o.ratio, 2),
    wageP25: money(o.wage_p25_hourly),
    wageMedian: money(o.wage_median_hourly),
    livingWage: comparisonWord(o.p25_vs_living_wage),
    programs: programNames(o),
    notes: flagWords(o.flags).join('; '),
    source: '',
  };
}

/** … and as the CSV holds them (plain numbers, blank when unknown). */
export function csvCells(o: LaborGapOccupation, rank: number, source: string): Record<Column, string> {
  return {
    ...pageCells(o, rank),
    rank: String(rank),
    education: o.entry_education ?? '',
    demand: csvNumber(o.demand),
    growth: csvNumber(o.demand_growth),
    exits: csvNumber(o.demand_exits),
    transfers: csvNumber(o.demand_transfers),
    employment: csvNumber(o.employment),
    supply: csvNumber(o.supply),
    gap: csvNumber(o.gap),
    ratio: o.ratio === null ? '' : String(Math.round(o.ratio * 1000) / 1000),
    wageP25: csvNumber(o.wage_p25_hourly),
    wageMedian: csvNumber(o.wage_median_hourly),
    programs: o.programs.length ? programNames(o) : '',
    source,
  };
}

/** The table as CSV: one line per occupation, the openings' parts and where they come from included. */
export function laborCsv(result: LaborGap): string {
  return toCsv(
    csvColumns.map((c) => t.labor.columns[c]),
    result.occupations.map((o, i) => {
      const cells = csvCells(o, i + 1, result.demand_source.label);
      return csvColumns.map((c) => cells[c]);
    }),
  );
}

export function csvFileName(result: LaborGap): string {
  const part = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  const area = result.area.type === 'state' ? 'california' : part(result.area.code ?? result.area.name) || 'area';
  const filter = result.filter?.code ? part(result.filter.code) : 'all';
  return `pathlight-labor-${area}-${filter}-${result.split}.csv`;
}

/** What the chart draws for one occupation (the first `n` of the table's order). */
export interface ChartRow {
  key: string;
  label: string;
  demand: number;
  supply: number | null;
  gap: number | null;
  p25: number | null;
  median: number | null;
  below: boolean;
  above: boolean;
}

export function chartRows(result: LaborGap, n = 15): ChartRow[] {
  return result.occupations.slice(0, n).map((o) => ({
    key: o.soc,
    label: o.title,
    demand: o.demand,
    supply: o.supply,
    gap: o.gap,
    p25: o.wage_p25_hourly,
    median: o.wage_median_hourly,
    below: o.p25_vs_living_wage === 'below',
    above: o.p25_vs_living_wage === 'above',
  }));
}

/** The sentence of the totals. */
export function totalsText(result: LaborGap): string {
  const { demand, supply, gap } = result.totals;
  if (supply === null || gap === null) return t.labor.totalsFull(formatAmount(demand));
  return t.labor.totals(formatAmount(demand), formatAmount(supply), formatGap(gap));
}

/** The living wage in words, or that there is none. */
export function livingWageText(result: LaborGap): string {
  const lw = result.living_wage;
  if (!lw) return t.labor.livingWageNone;
  const household = t.labor.households[lw.household_type] ?? lw.household_type;
  return t.labor.livingWage(formatHourly(lw.hourly), formatDollars(lw.annual), household);
}

/** The occupation with the largest gap (for the chart's description), by title. */
export function largestGap(result: LaborGap): string | null {
  let best: LaborGapOccupation | null = null;
  for (const o of result.occupations) if (o.gap !== null && (best === null || o.gap > (best.gap as number))) best = o;
  return best ? `${best.title} (${formatGap(best.gap as number)})` : null;
}

/** One place's totals for the map (null numbers: the place has none). */
export interface PlaceTotals {
  code: string;
  name: string;
  demand: number | null;
  supply: number | null;
  gap: number | null;
}

/** What the map and its table say about a place. */
export function placeLabel(p: PlaceTotals | null | undefined, name: string, measure: 'gap' | 'demand'): string {
  if (!p) return t.labor.mapNone(name);
  if (measure === 'demand') return p.demand === null ? t.labor.mapNone(name) : t.labor.mapDemand(name, formatAmount(p.demand));
  if (p.gap === null) return t.labor.mapNone(name);
  if (Math.abs(p.gap) < 0.05) return t.labor.mapBalanced(name);
  const size = formatAmount(Math.abs(p.gap));
  return p.gap > 0 ? t.labor.mapShortage(name, size) : t.labor.mapSurplus(name, size);
}

