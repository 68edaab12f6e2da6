// @vitest-environment node
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { en } from '../../i18n/en';
import { es } from '../../i18n/es';
import {
  awardLevelName,
  creditsText,
  explorerHref,
  gapText,
  gradesText,
  gridHref,
  interests,
  livingWageText,
  openingsText,
  paysText,
  planChoice,
  planCsv,
  planFileName,
  planHref,
  roughly,
  startsWithText,
  termLabel,
  warningText,
} from './explorer';
import { careers, planResult } from './test-fixtures';

afterEach(() => setLanguage('en', { remember: false }));

describe('the explorer in plain words', () => {
  it('says counts as people do: two significant figures, whole under ten', () => {
    expect(roughly(120.5)).toBe('120');
    expect(roughly(310.2)).toBe('310');
    expect(roughly(1234.5)).toBe('1,200');
    expect(roughly(45.3)).toBe('45');
    expect(roughly(7.4)).toBe('7');
    expect(roughly(98.7)).toBe('99');
  });

  it('"about 120 job openings a year"; very few under one; unknown when the server has none', () => {
    expect(openingsText({ demand: 120.5 })).toBe('About 120 job openings a year');
    expect(openingsText({ demand: 0.4 })).toBe(en.explorer.openingsFew);
    expect(openingsText({ demand: null })).toBe(en.explorer.openingsUnknown);
  });

  it('"pays $27–$33 an hour" from the entry wage to the median, in whole dollars', () => {
    expect(paysText({ wage_p25_hourly: 27.4, wage_median_hourly: 33.1 })).toBe('Pays $27–$33 an hour');
    expect(paysText({ wage_p25_hourly: null, wage_median_hourly: 33.1 })).toBe('Pays about $33 an hour');
    expect(paysText({ wage_p25_hourly: 24.8, wage_median_hourly: 25.2 })).toBe('Pays about $25 an hour');
    expect(paysText({ wage_p25_hourly: null, wage_median_hourly: null })).toBe(en.explorer.paysUnknown);
  });

  it('says whether the pay is above or below what one adult needs to live here, or that it is not known', () => {
    expect(livingWageText({ p25_vs_living_wage: 'above', living_wage_hourly: 24.1 })).toBe(
      'Above what one adult needs to live here ($24.10 an hour)',
    );
    expect(livingWageText({ p25_vs_living_wage: 'below', living_wage_hourly: 24.1 })).toBe(
      'Below what one adult needs to live here ($24.10 an hour)',
    );
    expect(livingWageText({ p25_vs_living_wage: 'unknown', living_wage_hourly: 24.1 })).toBe(en.explorer.livingWageUnknown);
    expect(livingWageText({ p25_vs_living_wage: 'above', living_wage_hourly: null })).toBe(en.explorer.livingWageUnknown);
  });

  it('turns the national entry-education wording into plain words, keeping an unknown one as written', () => {
    expect(startsWithText("Associate's degree")).toBe(en.explorer.startsWith('a 2-year college degree'));
    expect(startsWithText('Apprenticeship')).toBe(en.explorer.startsWith('Apprenticeship'));
    expect(startsWithText(null)).toBeNull();
    expect(gapText(40)).toBe(en.explorer.moreOpenings);
    expect(gapText(-12)).toBe(en.explorer.fewerOpenings);
    expect(gapText(0.2)).toBeNull();
    expect(gapText(null)).toBeNull();
  });

  it('names the plan\'s terms in the reader\'s language; an unknown label stays as the server wrote it', () => {
    expect(termLabel('Grade 9')).toBe('Grade 9');
    expect(termLabel('Year 5 fall')).toBe('Year 5, fall');
    setLanguage('es', { remember: false });
    expect(termLabel('Grade 9')).toBe('Grado 9');
    expect(termLabel('Year 5 fall')).toBe('Año 5, otoño');
    expect(termLabel('Summer bridge')).toBe('Summer bridge');
    expect(awardLevelName('associate')).toBe(es.explorer.awardLevels.associate);
    expect(awardLevelName('apprenticeship')).toBe('apprenticeship');
    expect(openingsText({ demand: 120.5 })).toBe('Unos 120 empleos disponibles al año');
    expect(paysText({ wage_p25_hourly: 27.4, wage_median_hourly: 33.1 })).toBe('Paga de $27 a $33 por hora');
  });

  it('reads a plan choice from the address: 4, 6 or 10 years and a start grade of 9 to 12, else the defaults', () => {
    expect(planChoice(new URLSearchParams('years=6&start_grade=10'))).toEqual({ years: 6, startGrade: 10 });
    expect(planChoice(new URLSearchParams('years=5&start_grade=13'))).toEqual({ years: 4, startGrade: 9 });
    expect(planChoice(new URLSearchParams(''))).toEqual({ years: 4, startGrade: 9 });
  });

  it('makes every step an address', () => {
    expect(explorerHref()).toBe('/pathways');
    expect(explorerHref({ interest: 'health', region: 'BA' })).toBe('/pathways?interest=health&region=BA');
    expect(gridHref('HSM-04', { region: 'BA', county: '06001' })).toBe('/pathways/HSM-04?region=BA&county=06001');
    expect(gridHref('A B')).toBe('/pathways/A%20B');
    expect(planHref('HSM-04', { region: 'BA', county: '' }, 6, 9)).toBe('/pathways/HSM-04/plan?region=BA&years=6&start_grade=9');
  });

  it('writes the plan as CSV, one line per class or step, in the reader\'s language', () => {
    const lines = planCsv(planResult(6)).split('\r\n');
    expect(lines[0]).toBe('When,Where,What,Title,Units,Dual enrollment,College credit');
    expect(lines[1]).toBe('Grade 9,High school,Class,Introduction to Health Careers,10,No,No');
    expect(lines[2]).toBe('Grade 9,High school,Learning at work,Hospital tour and career talk,,No,No');
    expect(lines).toContain('Grade 11,High school,Class,HLTH 101 Introduction to Health Occupations,3,Yes,Yes');
    expect(lines).toContain('"Year 5, fall",College,Class,MA 110 Clinical Procedures,4,No,Yes');
    expect(lines).toContain('"Year 5, spring",College,Earn,Medical Assisting,,No,No');
    // 9 items in all; the empty term has no line.
    expect(lines).toHaveLength(1 + 9 + 1);
    setLanguage('es', { remember: false });
    expect(planCsv(planResult(4)).split('\r\n')[0]).toBe('Cuándo,Dónde,Qué,Nombre,Unidades,Inscripción doble,Crédito universitario');
    expect(planFileName('HSM-04', 'BA', 6)).toBe('pathlight-plan-HSM-04-BA-6-years.csv');
  });

  it('writes grades, units and credits plainly: the years after high school in words, nothing for no units', () => {
    expect(gradesText([9, 10])).toBe('Grades 9–10');
    expect(gradesText([12])).toBe('Grade 12');
    expect(gradesText([12, 13])).toBe('Grade 12, then after high school');
    expect(gradesText([13, 14])).toBe(en.explorer.afterHighSchool);
    expect(gradesText([])).toBe('');
    expect(creditsText(10)).toBe('10 credits');
    expect(creditsText(0)).toBeNull();
    expect(creditsText(null)).toBeNull();
  });

  it('shows a warning that is a sentence or an object', () => {
    expect(warningText('Check this.')).toBe('Check this.');
    expect(warningText({ code: 'over_cap', message: 'MED 101 is over the unit cap.' })).toBe('MED 101 is over the unit cap.');
    expect(warningText({ code: 'over_cap' })).toBe('over_cap');
  });

  it('maps every interest to sectors that exist, and every sector to some interest', () => {
    const sectors = readFileSync(new URL('../../../../data/cte_sectors.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0] as string);
    for (const i of interests) for (const s of i.sectors) expect(sectors, `${i.key} → ${s}`).toContain(s);
    const covered = new Set(interests.flatMap((i) => i.sectors));
    expect(sectors.filter((s) => !covered.has(s))).toEqual([]);
    expect(careers.length).toBeGreaterThan(0);
  });
});
