// The pathway explorer's addresses and its plain words: pure functions,
// tested on their own. Every step of the explorer is an address a family can
// bookmark or send: /pathways?interest=health, /pathways?sector=HSM,
// /pathways/HSM-04?region=BA&county=06001, /pathways/HSM-04/plan?region=BA&years=6&start_grade=9.
import { toCsv } from '../../components/CsvLink';
import type { GridOccupation, PlanResult, PlanYears } from '../../api/labor-pathways';
import type { Messages } from '../../i18n/en';
import { formatDollars, formatHourly, formatNumber, t } from '../../i18n';

export type InterestKey = keyof Messages['explorer']['interests'];

/** What a person may like, and the industry sectors that match it (sector codes of data/cte_sectors.csv). */
export const interests: { key: InterestKey; sectors: string[] }[] = [
  { key: 'health', sectors: ['HSM'] },
  { key: 'build', sectors: ['BCT', 'MPD', 'ENG'] },
  { key: 'computers', sectors: ['ICT', 'AME'] },
  { key: 'create', sectors: ['AME', 'FID'] },
  { key: 'nature', sectors: ['AGR', 'EEU'] },
  { key: 'teach', sectors: ['ECD'] },
  { key: 'business', sectors: ['BSF', 'MSS'] },
  { key: 'food', sectors: ['HTR'] },
  { key: 'vehicles', sectors: ['TRN'] },
  { key: 'safety', sectors: ['PUB'] },
  { key: 'energy', sectors: ['EEU', 'ENG'] },
];

export function interestOf(key: string): (typeof interests)[number] | undefined {
  return interests.find((i) => i.key === key);
}

export const planYears: PlanYears[] = [4, 6, 10];
export const startGrades = [9, 10, 11, 12];

/** Where a person is: the place parameters every step carries along. */
export interface Where {
  region: string;
  county: string;
}

function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const q = search.toString();
  return q ? `${path}?${q}` : path;
}

export function explorerHref(params: { interest?: string; sector?: string } & Partial<Where> = {}): string {
  return withQuery('/pathways', { interest: params.interest, sector: params.sector, region: params.region, county: params.county });
}

export function gridHref(code: string, where: Partial<Where> = {}): string {
  return withQuery(`/pathways/${encodeURIComponent(code)}`, { region: where.region, county: where.county });
}

/** The grid editor of a pathway for one region (coordinators). */
export function editHref(code: string, region: string): string {
  return withQuery(`/pathways/${encodeURIComponent(code)}/edit`, { region });
}

/** The SOC codes of a comma- or space-separated list, in order, without repeats. */
export function parseSocList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

export function planHref(code: string, where: Partial<Where>, years: number, startGrade: number): string {
  return withQuery(`/pathways/${encodeURIComponent(code)}/plan`, {
    region: where.region,
    county: where.county,
    years,
    start_grade: startGrade,
  });
}

export function whereOf(search: URLSearchParams): Where {
  return { region: (search.get('region') ?? '').trim(), county: (search.get('county') ?? '').trim() };
}

/** The plan an address asks for: years 4, 6 or 10 (else 4) and a start grade 9–12 (else 9). */
export function planChoice(search: URLSearchParams): { years: PlanYears; startGrade: number } {
  const years = Number(search.get('years'));
  const grade = Number(search.get('start_grade'));
  return {
    years: (planYears as number[]).includes(years) ? (years as PlanYears) : 4,
    startGrade: startGrades.includes(grade) ? grade : 9,
  };
}

/** A count as people say it: two significant figures ("about 120", "about 1,200"); under 10, whole. */
export function roughly(n: number): string {
  if (n < 10) return formatNumber(Math.round(n));
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return formatNumber(Math.round(n / step) * step);
}

export function openingsText(o: Pick<GridOccupation, 'demand'>): string {
  if (o.demand === null) return t.explorer.openingsUnknown;
  if (o.demand < 1) return t.explorer.openingsFew;
  return t.explorer.openings(roughly(o.demand));
}

/** "Pays $27–$33 an hour": the entry wage (25th percentile) to the median, in whole dollars. */
export function paysText(o: Pick<GridOccupation, 'wage_p25_hourly' | 'wage_median_hourly'>): string {
  const low = o.wage_p25_hourly;
  const high = o.wage_median_hourly;
  if (low === null && high === null) return t.explorer.paysUnknown;
  if (low === null || high === null || Math.round(low) === Math.round(high)) {
    return t.explorer.paysAbout(formatDollars(Math.round((high ?? low) as number)));
  }
  return t.explorer.pays(formatDollars(Math.round(low)), formatDollars(Math.round(high)));
}

export type LivingWageWord = 'above' | 'below' | 'unknown';

export function livingWageWord(o: Pick<GridOccupation, 'p25_vs_living_wage' | 'living_wage_hourly'>): LivingWageWord {
  if (o.living_wage_hourly === null) return 'unknown';
  return o.p25_vs_living_wage === 'above' || o.p25_vs_living_wage === 'below' ? o.p25_vs_living_wage : 'unknown';
}

export function livingWageText(o: Pick<GridOccupation, 'p25_vs_living_wage' | 'living_wage_hourly'>): string {
  const word = livingWageWord(o);
  if (word === 'unknown') return t.explorer.livingWageUnknown;
  const wage = formatHourly(o.living_wage_hourly as number);
  return word === 'above' ? t.explorer.aboveLivingWage(wage) : t.explorer.belowLivingWage(wage);
}

/** The usual education to start, in plain words; the national wording when the catalog has no plain one. */
export function startsWithText(entry: string | null): string | null {
  if (!entry) return null;
  return t.explorer.startsWith(t.explorer.educationPlain[entry] ?? entry);
}

export function gapText(gap: number | null): string | null {
  if (gap === null || Math.abs(gap) < 0.5) return null;
  return gap > 0 ? t.explorer.moreOpenings : t.explorer.fewerOpenings;
}

/** A plan term's label in the reader's language: "Grade 9" and "Year 5 fall" are understood; anything else as written. */
export function termLabel(label: string): string {
  const grade = /^grade\s+(\d+)$/i.exec(label.trim());
  if (grade) return t.explorer.termLabel.grade(grade[1] as string);
  const year = /^year\s+(\d+)\s+(fall|spring|summer|winter)$/i.exec(label.trim());
  if (year) {
    const season = (year[2] as string).toLowerCase();
    return t.explorer.termLabel.year(year[1] as string, t.explorer.seasons[season] ?? season);
  }
  return label;
}

export function awardLevelName(level: string): string {
  return t.explorer.awardLevels[level] ?? level;
}

/** College (semester) units; nothing when there are none or they are not stated. */
export function unitsText(units: number | null | undefined): string | null {
  return units === null || units === undefined || units <= 0 ? null : t.explorer.units(formatNumber(units));
}

/** High-school credits (10 = a year-long class); nothing when there are none. */
export function creditsText(credits: number | null | undefined): string | null {
  return credits === null || credits === undefined || credits <= 0 ? null : t.explorer.credits(formatNumber(credits));
}

/** Grade levels in words: "Grades 10–11"; 13 and up are the years after high school. */
export function gradesText(levels: number[]): string {
  const school = levels.filter((g) => g <= 12);
  const after = levels.some((g) => g > 12);
  if (school.length === 0) return after ? t.explorer.afterHighSchool : '';
  const grades = t.explorer.grades(school);
  return after ? t.explorer.gradesThenAfter(grades) : grades;
}

/** A warning in words: the server sends sentences; an object (should one come) by its message or code. */
export function warningText(w: string | { code?: string; message?: string }): string {
  if (typeof w === 'string') return w;
  return w.message ?? w.code ?? JSON.stringify(w);
}

/** The plan as CSV: one line per class or step, in the reader's language. */
export function planCsv(result: PlanResult): string {
  const c = t.explorer.planColumns;
  const yesNo = (b: boolean) => (b ? t.explorer.yes : t.explorer.no);
  const rows = result.plan.terms.flatMap((term) =>
    term.items.map((item) => [
      termLabel(term.label),
      t.explorer.levels[term.level] ?? term.level,
      t.explorer.kinds[item.kind] ?? item.kind,
      item.title,
      // No units (a learning-at-work step, an award) is a blank cell, as on the page.
      item.units === null || item.units <= 0 ? '' : String(item.units),
      yesNo(item.dual_enrollment),
      yesNo(item.college_credit),
    ]),
  );
  return toCsv([c.term, c.level, c.kind, c.title, c.units, c.dualEnrollment, c.collegeCredit], rows);
}

export function planFileName(code: string, region: string, years: number): string {
  const part = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `pathlight-plan-${part(code)}-${part(region)}-${years}-years.csv`;
}
