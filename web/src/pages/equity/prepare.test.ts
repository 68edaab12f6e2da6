import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import {
  chartRows,
  csvFileName,
  equityCsv,
  formatGap,
  mapGroupKey,
  neededSentences,
  placeValues,
  shownCohort,
  tableColumns,
  trendPoints,
} from './prepare';
import { equityResult, group } from './test-fixtures';

const result = equityResult();
const [first, last] = result.cohorts as [(typeof result.cohorts)[0], (typeof result.cohorts)[0]];

describe('chart rows', () => {
  it('one row per group in the API order, flagged and too-small groups marked, withheld ones kept with their reason', () => {
    const rows = chartRows(first, 11);
    expect(rows.map((r) => r.label)).toEqual(['Asian', 'Black or African American', 'Native Hawaiian or Pacific Islander', 'Not reported']);
    expect(rows[1]).toMatchObject({ flagged: true, rate: 0.3, lo: 0.251, hi: 0.349, reference: 0.42, suppressed: false });
    expect(rows[2]).toMatchObject({ suppressed: true, rate: null, lo: null, hi: null, reference: null, flagged: false, reason: 'fewer than 11 students' });
    expect(rows[3]).toMatchObject({ smallN: true, flagged: false });
    // Keys stay unique even for the missing group.
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('cuts the margin of error to 0–100% for drawing', () => {
    const row = chartRows(first, 11)[3];
    expect(row?.lo).toBe(0);
    expect(row?.hi).toBe(0.6);
    const wide = chartRows({ ...first, groups: [group({ group: 'x', label: 'X', rate: 0.97, rate_lo: 0.9, rate_hi: 1.04 })] }, 11);
    expect(wide[0]?.hi).toBe(1);
  });

  it('says why a complementary cell is withheld, and keeps a missing reference missing', () => {
    const rows = chartRows(last, 11);
    expect(rows[2]?.reason).toBe(en.equity.shortReason.complementary);
    expect(rows[3]).toMatchObject({ label: 'White, not Hispanic', reference: null, flagged: false, suppressed: false });
  });

  it('shows the cohort asked for, else the last', () => {
    expect(shownCohort(result, '2022-23')?.cohort).toBe('2022-23');
    expect(shownCohort(result, '')?.cohort).toBe('2023-24');
    expect(shownCohort(result, '1999-00')?.cohort).toBe('2023-24');
    expect(shownCohort(equityResult({ cohorts: [] }), '')).toBeUndefined();
  });
});

describe('trend points', () => {
  it("every group's rate per cohort, a gap where withheld or absent, flagged years marked; no line for a group always withheld", () => {
    const points = trendPoints(result);
    const of = (label: string) => points.filter((p) => p.label === label).map((p) => [p.cohort, p.rate, p.flagged]);
    expect(of('Black or African American')).toEqual([
      ['2022-23', 0.3, true],
      ['2023-24', 0.3, true],
    ]);
    expect(of('Native Hawaiian or Pacific Islander')).toEqual([]);
    // White appears in the second year only: the first is a gap.
    expect(of('White, not Hispanic')).toEqual([
      ['2022-23', null, false],
      ['2023-24', 0.5, false],
    ]);
  });
});

describe('table and CSV', () => {
  it('the CSV is the table: same columns and values, withheld cells blank with the reason, fields quoted when needed', () => {
    const lines = equityCsv(result).split('\r\n');
    expect(lines[0]).toBe(
      'School year,Group,Students,With the outcome,Rate (%),Reference (%),Margin of error (± points),Gap (points),DI flag,Needed to end DI,Needed for parity,Withheld because',
    );
    expect(lines.slice(1)).toEqual([
      '2022-23,Asian,300,150,50.0,45.0,9.8,5.0,No,0,0,',
      '2022-23,Black or African American,400,120,30.0,42.0,4.9,-12.0,Flagged,31,48,',
      '2022-23,Native Hawaiian or Pacific Islander,,,,,,,,,,fewer than 11 students',
      '2022-23,Not reported,8,2,25.0,45.0,9.8,5.0,Too few to flag,0,0,',
      '2023-24,Asian,310,160,51.6,45.0,9.8,5.0,No,0,0,',
      '2023-24,Black or African American,400,120,30.0,42.0,4.9,-12.0,Flagged,29,48,',
      '2023-24,Native Hawaiian or Pacific Islander,,,,,,,,,,hidden so a small group cannot be worked out',
      '2023-24,"White, not Hispanic",100,50,50.0,,9.8,,No reference,,,',
      '2023-24,Not reported,9,3,33.3,45.0,9.8,5.0,Too few to flag,0,0,',
      '',
    ]);
  });

  it('index methods show the index instead of the margin of error and the gap', () => {
    expect(tableColumns('ppg')).toContain('gap');
    expect(tableColumns('80-index')).not.toContain('gap');
    expect(tableColumns('80-index')).toContain('index');
    const csv = equityCsv(
      equityResult({
        method: 'prop-index',
        reference: null,
        cohorts: [{ ...first, groups: [group({ group: 'a', label: 'A', index: 0.913, reference: null, moe: null, gap: null })] }],
      }),
    );
    expect(csv.split('\r\n')[0]).toContain('Index');
    expect(csv.split('\r\n')[1]).toBe('2022-23,A,100,50,50.0,,0.91,No,0,0,');
  });

  it('a file name that says what the file holds', () => {
    expect(csvFileName(equityResult({ group: { code: 'race_ethnicity*gender', label: 'x' } }))).toBe(
      'pathlight-equity-completer-race_ethnicity-gender-ppg.csv',
    );
  });
});

describe('numbers needed', () => {
  it('flagged groups first, in plain words; withheld groups left out', () => {
    const groups = [group({ group: 'w', label: 'White', success_needed_full_parity: 3 }), ...first.groups];
    const needed = neededSentences({ ...first, groups });
    expect(needed.map((n) => [n.label, n.flagged])).toEqual([
      ['Black or African American', true],
      ['White', false],
    ]);
    expect(needed[0]?.text).toBe(en.equity.neededFlagged('Black or African American', '31', '48'));
    expect(needed[1]?.text).toBe(en.equity.neededParity('White', '3'));
  });

  it('formats a gap in signed percentage points', () => {
    expect(formatGap(-0.12)).toBe('−12.0 points');
    expect(formatGap(0.031)).toBe('+3.1 points');
    expect(formatGap(0)).toBe('0.0 points');
  });
});

describe('map values', () => {
  it('shows the group asked for, else the first flagged one; the missing group has its own key', () => {
    expect(mapGroupKey(last, 'asian')).toBe('asian');
    expect(mapGroupKey(last, '')).toBe('black_african_american');
    expect(mapGroupKey(last, 'nobody')).toBe('black_african_american');
    expect(mapGroupKey(last, '_missing')).toBe('_missing');
    expect(mapGroupKey({ ...last, groups: [group({ group: null, label: 'Not reported' })] }, '')).toBe('_missing');
  });

  it("gives each place the group's gap and flag, nothing for a withheld one", () => {
    const values = placeValues(result.places ?? [], 'black_african_american', 11);
    expect(values).toEqual([
      { code: '06001', name: 'Alameda', level: 'county', gap: -0.08, flag: true, suppressed: false, reasonCode: '', reason: '' },
      {
        code: '06075',
        name: 'San Francisco',
        level: 'county',
        gap: null,
        flag: null,
        suppressed: true,
        reasonCode: 'below_min_n',
        reason: en.suppressedReason.below_min_n('11'),
      },
    ]);
    expect(placeValues(result.places ?? [], 'asian', 11)[0]).toMatchObject({ gap: null, flag: null, suppressed: false });
  });
});
