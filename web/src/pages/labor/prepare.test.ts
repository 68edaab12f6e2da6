import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { en } from '../../i18n/en';
import { es } from '../../i18n/es';
import {
  areaName,
  chartRows,
  csvFileName,
  csvNumber,
  filterName,
  flagWords,
  formatAmount,
  formatGap,
  largestGap,
  laborCsv,
  livingWageText,
  pageCells,
  placeLabel,
  programNames,
  totalsText,
  yearsText,
} from './prepare';
import { laborGap, medicalAssistants, nursingAssistants, occupation, otherTechnologists, pharmacyTechnicians, vocationalNurses } from './test-fixtures';

afterEach(() => setLanguage('en', { remember: false }));

describe('labor numbers in words', () => {
  it('writes yearly counts with one decimal below 100 and whole from 100, gaps with their sign', () => {
    expect(formatAmount(80.25)).toBe('80.3');
    expect(formatAmount(1234.5)).toBe('1,235');
    expect(formatAmount(0)).toBe('0.0');
    expect(formatGap(40.25)).toBe('+40.3');
    expect(formatGap(-45)).toBe('−45.0');
    expect(formatGap(207.75)).toBe('+208');
    expect(formatGap(0.01)).toBe('0.0');
  });

  it('writes CSV numbers plainly: no separators, at most two decimals, blank when unknown', () => {
    expect(csvNumber(1234.567)).toBe('1234.57');
    expect(csvNumber(0)).toBe('0');
    expect(csvNumber(null)).toBe('');
    expect(csvNumber(Number.NaN)).toBe('');
  });

  it('names every flag of the contract in words, and an unknown one as written', () => {
    expect(flagWords(['national', 'partial_years', 'no_program', 'no_wage', 'demand_clamped', 'no_demand'])).toEqual([
      en.labor.flags.national,
      en.labor.flags.partial_years,
      en.labor.flags.no_program,
      en.labor.flags.no_wage,
      en.labor.flags.demand_clamped,
      en.labor.flags.no_demand,
    ]);
    expect(flagWords(['new_flag'])).toEqual(['new_flag']);
  });

  it('names the area and the filter, statewide as California, a pathway and sector in the reader\'s language', () => {
    const result = laborGap();
    expect(areaName(result)).toBe('Bay Area');
    expect(areaName(laborGap({ area: { type: 'state', code: 'CA', name: '', counties: [] } }))).toBe(en.labor.statewide);
    expect(filterName(result)).toBe('Health Science and Medical Technology');
    expect(filterName(laborGap({ filter: { kind: 'soc', code: '29-2061', name: 'LVNs', verified: true } }))).toBe('LVNs (29-2061)');
    expect(filterName(laborGap({ filter: { kind: null, code: null, name: null, verified: true } }))).toBeNull();
    setLanguage('es', { remember: false });
    expect(filterName(result)).toBe(es.sectorNames.HSM);
    expect(filterName(laborGap({ filter: { kind: 'pathway', code: 'HSM-04', name: 'Patient Care', verified: true } }))).toBe(es.pathwayNames['HSM-04']);
  });

  it('writes the totals, or says they do not add up when completers are counted fully', () => {
    expect(totalsText(laborGap())).toBe(en.labor.totals('546', '338', '+208'));
    expect(totalsText(laborGap({ split: 'full', totals: { demand: 546, supply: null, gap: null, awards_unmatched: 0 } }))).toBe(en.labor.totalsFull('546'));
  });

  it('gives the living wage in dollars an hour and a year, or says there is none', () => {
    expect(livingWageText(laborGap())).toBe(en.labor.livingWage('$24.10', '$50,128', 'one adult with no children'));
    expect(livingWageText(laborGap({ living_wage: null }))).toBe(en.labor.livingWageNone);
  });

  it('lists an occupation\'s programs with their code system, or "None"', () => {
    expect(programNames(vocationalNurses)).toBe('Licensed Vocational Nursing (TOP 1230.20)');
    expect(programNames(pharmacyTechnicians)).toBe(en.labor.noPrograms);
  });

  it('shows unknown numbers as dashes, not zeros', () => {
    const cells = pageCells(otherTechnologists, 4);
    expect(cells.wageP25).toBe('—');
    expect(cells.livingWage).toBe(en.labor.comparison.unknown);
    expect(pageCells(nursingAssistants, 6).ratio).toBe('—');
    expect(pageCells(medicalAssistants, 1)).toMatchObject({ rank: '1', demand: '310', supply: '150', gap: '+160', wageP25: '$21.30', livingWage: 'Below' });
  });

  it('makes the CSV of the whole table: a header, one line per occupation, the source in each line, fields quoted when needed', () => {
    const withComma = occupation({
      soc: '11-1111',
      title: 'Managers, "all other"',
      programs: [{ code_system: 'CIP', code: '52.0201', title: 'Business, General', award_level: 'bachelor', awards_mean: 1, years_used: 1, weight: 1, supply: 1 }],
    });
    const csv = laborCsv(laborGap({ occupations: [vocationalNurses, withComma] }));
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]?.startsWith('#,Occupation,SOC code,Typical education to start,Openings a year,From growth,')).toBe(true);
    expect(lines[1]).toBe(
      '1,Licensed Practical and Licensed Vocational Nurses,29-2061,Postsecondary nondegree award,120.5,20.1,40,60.4,5400,80.25,40.25,0.666,27.5,33.1,Above,Licensed Vocational Nursing (TOP 1230.20),,Synthetic regional projections (demo data)',
    );
    expect(lines[2]).toContain('"Managers, ""all other"""');
    expect(lines[2]).toContain('"Business, General (CIP 52.0201)"');
  });

  it('names the CSV file for what it holds', () => {
    expect(csvFileName(laborGap())).toBe('pathlight-labor-BA-HSM-openings.csv');
    expect(csvFileName(laborGap({ area: { type: 'state', code: 'CA', name: 'California', counties: [] }, filter: { kind: null, code: null, name: null, verified: true }, split: 'full' }))).toBe(
      'pathlight-labor-california-all-full.csv',
    );
  });

  it('draws the first occupations in the table\'s order, marking entry wages below the living wage', () => {
    const rows = chartRows(laborGap(), 3);
    expect(rows.map((r) => r.key)).toEqual(['31-9092', '29-2052', '29-2061']);
    expect(rows.map((r) => [r.below, r.above])).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
  });

  it('finds the largest gap and the supply years', () => {
    expect(largestGap(laborGap())).toBe('Medical Assistants (+160)');
    expect(largestGap(laborGap({ occupations: [] }))).toBeNull();
    expect(yearsText([2024, 2022, 2023])).toBe('2022–2024');
    expect(yearsText([2024])).toBe('2024');
    expect(yearsText([])).toBe('');
  });

  it('says what each place of the map has: more openings, more completers, as many, the openings alone, or no data', () => {
    const totals = (demand: number | null, supply: number | null, gap: number | null) => ({ code: 'BA', name: 'Bay Area', demand, supply, gap });
    expect(placeLabel(totals(231, 138.6, 92.4), 'Bay Area', 'gap')).toBe(en.labor.mapShortage('Bay Area', '92.4'));
    expect(placeLabel(totals(100, 160, -60), 'Fresno', 'gap')).toBe(en.labor.mapSurplus('Fresno', '60.0'));
    expect(placeLabel(totals(100, 100, 0.01), 'Alpine', 'gap')).toBe(en.labor.mapBalanced('Alpine'));
    expect(placeLabel(totals(546, null, null), 'Bay Area', 'demand')).toBe(en.labor.mapDemand('Bay Area', '546'));
    expect(placeLabel(totals(546, null, null), 'Bay Area', 'gap')).toBe(en.labor.mapNone('Bay Area'));
    expect(placeLabel(null, 'Siskiyou', 'gap')).toBe(en.labor.mapNone('Siskiyou'));
  });
});
