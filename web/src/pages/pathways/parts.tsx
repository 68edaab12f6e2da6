import { useState } from 'preact/hooks';
import type { GridOccupation } from '../../api/labor-pathways';
import type { County, Region } from '../../api/types.gen';
import { useApi } from '../../api/use-api';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { gapText, gridHref, livingWageText, livingWageWord, openingsText, paysText, startsWithText, type Where } from './explorer';

export type Step = 1 | 2 | 3 | 4;

/**
 * Where the person is in the explorer: four steps, the current one marked
 * (aria-current="step"), the ones before it links back.
 */
export function Steps({ current, links }: { current: Step; links: Partial<Record<Step, string>> }) {
  const names: Record<Step, string> = {
    1: t.explorer.stepInterest,
    2: t.explorer.stepPathway,
    3: t.explorer.stepGrid,
    4: t.explorer.stepPlan,
  };
  return (
    <nav aria-label={t.explorer.steps} class="steps no-print">
      <ol>
        {([1, 2, 3, 4] as Step[]).map((s) => {
          const href = s < current ? links[s] : undefined;
          return (
            <li key={s} class={s === current ? 'step-current' : s < current ? 'step-done' : undefined} aria-current={s === current ? 'step' : undefined}>
              <span class="step-number" aria-hidden="true">
                {s}
              </span>{' '}
              {href ? <a href={href}>{names[s]}</a> : names[s]}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** "Explore pathways › Health Science › Patient Care": links up, the page itself last. */
export function Breadcrumb({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label={t.explorer.breadcrumb} class="breadcrumb no-print">
      <ol>
        {items.map((item, i) => (
          <li key={i}>
            {item.href ? <a href={item.href}>{item.label}</a> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The careers a pathway leads to, in plain words: openings, pay, the living wage, the education to start. */
export function Careers({ occupations }: { occupations: GridOccupation[] }) {
  if (occupations.length === 0) return <p>{t.explorer.noCareers}</p>;
  return (
    <ul class="careers">
      {occupations.map((o) => {
        const word = livingWageWord(o);
        const starts = startsWithText(o.entry_education);
        const gap = gapText(o.gap);
        return (
          <li key={o.soc} class="career" data-soc={o.soc}>
            <h3>{o.title}</h3>
            <ul class="career-facts">
              <li class="career-openings">{openingsText(o)}</li>
              <li class="career-pay">{paysText(o)}</li>
              <li class={`career-living-wage living-wage-${word}`}>
                {word !== 'unknown' && (
                  <span aria-hidden="true" class="living-wage-mark">
                    {word === 'above' ? '▲ ' : '▼ '}
                  </span>
                )}
                {livingWageText(o)}
              </li>
              {starts && <li class="career-education">{starts}</li>}
              {gap && <li class="career-gap">{gap}</li>}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * "Where do you live?": a county (most people know theirs; its region is
 * looked up) or a region. Sending the form opens the pathway for that region.
 */
export function RegionChooser({ code, where }: { code: string; where: Where }) {
  const regions = useApi('listRegions');
  const counties = useApi('listCounties');
  const [county, setCounty] = useState(where.county);
  const [region, setRegion] = useState(where.region);
  const [missing, setMissing] = useState(false);
  const countyList: County[] = counties.status === 'ok' ? counties.data : [];
  const regionList: Region[] = regions.status === 'ok' ? regions.data.regions : [];

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const fromCounty = countyList.find((c) => c.fips === county)?.region_code ?? '';
    const chosen = fromCounty || region;
    if (!chosen) {
      setMissing(true);
      return;
    }
    navigate(gridHref(code, { region: chosen, county: fromCounty ? county : '' }));
  };

  return (
    <form class="region-chooser form-panel no-print" aria-labelledby="pw-region-heading" onSubmit={onSubmit} noValidate>
      <h2 id="pw-region-heading">{t.explorer.regionHeading}</h2>
      <p>{t.explorer.regionIntro}</p>
      <p class="field">
        <label for="pw-county">{t.explorer.yourCounty}</label>
        <select
          id="pw-county"
          value={county}
          aria-describedby={missing ? 'pw-region-missing' : undefined}
          onChange={(e) => {
            setCounty((e.currentTarget as HTMLSelectElement).value);
            setMissing(false);
          }}
        >
          <option value="">{t.explorer.chooseCounty}</option>
          {countyList.map((c) => (
            <option key={c.fips} value={c.fips}>
              {c.name}
            </option>
          ))}
        </select>
      </p>
      <p class="field">
        <label for="pw-region">{t.explorer.yourRegion}</label>
        <select
          id="pw-region"
          value={region}
          onChange={(e) => {
            setRegion((e.currentTarget as HTMLSelectElement).value);
            setMissing(false);
          }}
        >
          <option value="">{t.explorer.chooseRegion}</option>
          {regionList.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </p>
      <p id="pw-region-missing" class="form-error" role="alert">
        {missing ? t.explorer.chooseCountyOrRegion : ''}
      </p>
      <p>
        <button type="submit">{t.explorer.showGrid}</button>
      </p>
    </form>
  );
}

/** The print button: the browser's print dialog, whose output the print styles make plain. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" class="button-secondary no-print print-button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
