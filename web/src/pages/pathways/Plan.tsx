import { useMemo } from 'preact/hooks';
import type { PlanItem, PlanResult, PlanTerm } from '../../api/labor-pathways';
import { useApi } from '../../api/use-api';
import { CsvLink } from '../../components/CsvLink';
import { Page } from '../../components/Page';
import { Load } from '../../components/Status';
import { formatNumber, t } from '../../i18n';
import { useLocation } from '../../router';
import {
  awardLevelName,
  creditsText,
  explorerHref,
  gridHref,
  planChoice,
  planCsv,
  planFileName,
  termLabel,
  unitsText,
  warningText,
  whereOf,
  type Where,
} from './explorer';
import { usePathwayNames } from './Grid';
import { Breadcrumb, Careers, PrintButton, RegionChooser, Steps } from './parts';

function Term({ term }: { term: PlanTerm }) {
  const highSchool = term.level === 'high_school';
  // In high school a class counts in high-school credits; a college class (dual enrollment) in college units.
  const amount = (item: PlanItem) => (highSchool && !item.dual_enrollment ? creditsText(item.units) : unitsText(item.units));
  return (
    <li class={`plan-term plan-${term.level}`} data-term={term.label}>
      <h3>
        {termLabel(term.label)} <span class="small">· {t.explorer.levels[term.level] ?? term.level}</span>
      </h3>
      {term.items.length === 0 ? (
        <p class="small">{t.explorer.nothingThisTerm}</p>
      ) : (
        <ul class="plan-items">
          {term.items.map((item) => (
            <li key={`${item.kind}:${item.id}`} class={`plan-item plan-item-${item.kind}`}>
              <span class="plan-kind">{t.explorer.kinds[item.kind] ?? item.kind}:</span> {item.title}
              {amount(item) && <span class="small"> · {amount(item)}</span>}{' '}
              {(item.dual_enrollment || item.college_credit) && (
                <span class="badges">
                  {item.dual_enrollment && <span class="badge badge-dual">{t.explorer.dualEnrollment}</span>}
                  {item.college_credit && <span class="badge badge-credit">{t.explorer.collegeCredit}</span>}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {term.units > 0 && (
        <p class="small term-units">
          {highSchool ? t.explorer.termCredits(formatNumber(term.units)) : t.explorer.termUnits(formatNumber(term.units))}
          {highSchool && (term.college_units ?? 0) > 0 && ` ${t.explorer.termCollegeUnits(formatNumber(term.college_units as number))}`}
        </p>
      )}
    </li>
  );
}

/** A region's name from the reference list; its code until the list has come. */
function useRegionName(code: string): string {
  const regions = useApi('listRegions');
  return regions.status === 'ok' ? (regions.data.regions.find((r) => r.code === code)?.name ?? code) : code;
}

function PlanView({ result, code, where, grade }: { result: PlanResult; code: string; where: Where; grade: number }) {
  const csv = useMemo(() => planCsv(result), [result]);
  const regionName = useRegionName(where.region);
  const plan = result.plan;
  const region = result.plan.region?.name ?? regionName;
  return (
    <>
      <p class="lead plan-summary">{t.explorer.planSummary(plan.years, region, grade)}</p>
      {result.warnings.length > 0 && (
        <div class="notice notice-draft plan-warnings" role="note" aria-labelledby="pw-warnings-heading">
          <p class="notice-title" id="pw-warnings-heading">
            {t.explorer.planWarnings}
          </p>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>{warningText(w)}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="plan-actions no-print">
        <PrintButton label={t.explorer.printPlan} />
        <CsvLink
          csv={csv}
          fileName={planFileName(code, where.region, plan.years)}
          label={t.explorer.downloadPlan}
          help={t.explorer.downloadPlanHelp}
          helpId="pw-csv-help"
        />
        <p>
          <a href={gridHref(code, where) + '#make-plan'}>{t.explorer.changePlan}</a>
        </p>
      </div>
      <section aria-labelledby="pw-plan-terms">
        <h2 id="pw-plan-terms">{t.explorer.planTermsHeading}</h2>
        <ol class="plan-terms">
          {plan.terms.map((term, i) => (
            <Term key={i} term={term} />
          ))}
        </ol>
      </section>
      {plan.awards.length > 0 && (
        <section aria-labelledby="pw-plan-awards" class="panel">
          <h2 id="pw-plan-awards">{t.explorer.planAwardsHeading}</h2>
          <ul class="awards">
            {plan.awards.map((a) => (
              <li key={`${a.code_system}:${a.code}`} class="award">
                <span class="award-title">{a.title}</span> <span class="small">· {awardLevelName(a.award_level)}</span>
                {a.term && <span class="small"> · {t.explorer.earnedIn(termLabel(a.term))}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="pw-plan-careers" class="panel">
        <h2 id="pw-plan-careers">{t.explorer.planCareersHeading}</h2>
        <Careers occupations={plan.occupations} />
      </section>
      <p class="print-only small">{t.explorer.printedFrom(window.location.href)}</p>
    </>
  );
}

function PlanAnswer({ code, where, years, grade }: { code: string; where: Where; years: 4 | 6 | 10; grade: number }) {
  const result = useApi('createPlan', { body: { pathway: code, region: where.region, years, start_grade: grade } });
  return <Load state={result}>{(data) => <PlanView result={data} code={code} where={where} grade={grade} />}</Load>;
}

/**
 * A student's plan for a pathway: grades 9–12, then college terms, as the
 * server lays it out from the grid (prerequisites and unit loads respected),
 * with dual-enrollment credit and learning-at-work steps marked. Printable
 * and downloadable as CSV; its address makes it again.
 */
export default function PlanPage({ code }: { code: string }) {
  const url = useLocation();
  const where = whereOf(url.searchParams);
  const { years, startGrade } = planChoice(url.searchParams);
  const names = usePathwayNames(code);
  const crumbs = [
    { label: t.areas.pathways, href: explorerHref(where) },
    ...(names.sector ? [{ label: names.sector.name, href: explorerHref({ sector: names.sector.code, ...where }) }] : []),
    { label: names.pathway, href: gridHref(code, where) },
    { label: t.explorer.stepPlan },
  ];
  return (
    <Page title={t.explorer.planTitle(names.pathway)} above={<Breadcrumb items={crumbs} />}>
      <Steps
        current={4}
        links={{
          1: explorerHref(where),
          2: names.sector ? explorerHref({ sector: names.sector.code, ...where }) : explorerHref(where),
          3: gridHref(code, where),
        }}
      />
      {where.region ? (
        <PlanAnswer code={code} where={where} years={years} grade={startGrade} />
      ) : (
        <RegionChooser code={code} where={where} />
      )}
    </Page>
  );
}
