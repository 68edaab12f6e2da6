import { useState } from 'preact/hooks';
import type { GridCollegeCourse, PathwayGrid, PlanYears } from '../../api/labor-pathways';
import { useApi } from '../../api/use-api';
import { hasPermission, useSession } from '../../auth/session';
import { Page } from '../../components/Page';
import { ErrorMessage, Load } from '../../components/Status';
import { formatDate, pathwayName, sectorName, t } from '../../i18n';
import { navigate, useLocation } from '../../router';
import {
  awardLevelName,
  creditsText,
  editHref,
  explorerHref,
  gradesText,
  gridHref,
  planHref,
  planYears,
  startGrades,
  unitsText,
  whereOf,
  type Where,
} from './explorer';
import { Breadcrumb, Careers, PrintButton, RegionChooser, Steps } from './parts';

/** The names a pathway and its sector go by, from the sector list (known before the grid comes). */
export function usePathwayNames(code: string): { pathway: string; sector: { code: string; name: string } | null } {
  const sectors = useApi('listSectors');
  if (sectors.status !== 'ok') return { pathway: pathwayName(code, code), sector: null };
  for (const s of sectors.data) {
    const p = s.pathways.find((x) => x.code === code);
    if (p) return { pathway: pathwayName(code, p.name), sector: { code: s.code, name: sectorName(s.code, s.name) } };
  }
  return { pathway: pathwayName(code, code), sector: null };
}

function Badges({ articulated, dual, generated = false }: { articulated: boolean; dual: boolean; generated?: boolean }) {
  if (!articulated && !dual && !generated) return null;
  return (
    <span class="badges">
      {dual && <span class="badge badge-dual">{t.explorer.dualEnrollment}</span>}
      {articulated && <span class="badge badge-credit">{t.explorer.collegeCredit}</span>}
      {generated && <span class="badge badge-example">{t.explorer.generatedCourse}</span>}
    </span>
  );
}

function HighSchool({ grid }: { grid: PathwayGrid }) {
  const titleOf = new Map(grid.high_school.flatMap((s) => s.courses).map((c) => [c.id, c.title]));
  return (
    <section aria-labelledby="pw-hs-heading" class="panel grid-section">
      <h2 id="pw-hs-heading">{t.explorer.highSchoolHeading}</h2>
      <p>{t.explorer.highSchoolIntro}</p>
      <ol class="stages">
        {grid.high_school.map((stage, i) => (
          <li key={i} class="stage" data-stage={stage.stage}>
            <h3>
              {t.explorer.stages[stage.stage] ?? stage.stage}
              {stage.grade_levels.length > 0 && <span class="stage-grades"> · {gradesText(stage.grade_levels)}</span>}
            </h3>
            {stage.courses.length === 0 ? (
              <p class="small">{t.explorer.noCourses}</p>
            ) : (
              <ul class="courses">
                {stage.courses.map((c) => (
                  <li key={c.id} class="course" data-course={c.id}>
                    <span class="course-title">{c.title}</span>
                    {creditsText(c.units) && <span class="small"> · {creditsText(c.units)}</span>}{' '}
                    <Badges articulated={c.articulated} dual={c.dual_enrollment} generated={c.generated === true} />
                    {c.prerequisites.length > 0 && (
                      <span class="prerequisites small">
                        {t.explorer.takeAfter(c.prerequisites.map((id) => titleOf.get(id) ?? id).join(', '))}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function CollegeCourseList({ courses, all }: { courses: GridCollegeCourse[]; all: GridCollegeCourse[] }) {
  const titleOf = new Map(all.map((c) => [c.id, c.course ? `${c.course} ${c.title}` : c.title]));
  return (
    <ul class="courses">
      {courses.map((c) => (
        <li key={c.id} class="course" data-course={c.id}>
          <span class="course-title">
            {c.course && <span class="code">{c.course}</span>} {c.title}
          </span>
          {unitsText(c.units) && <span class="small"> · {unitsText(c.units)}</span>}
          {c.college && <span class="small"> · {t.explorer.atCollege(c.college.name)}</span>}{' '}
          <Badges articulated={c.articulated} dual={c.dual_enrollment} generated={c.generated === true} />
          {c.prerequisites.length > 0 && (
            <span class="prerequisites small">{t.explorer.takeAfter(c.prerequisites.map((id) => titleOf.get(id) ?? id).join(', '))}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** "Make my plan": how many years and the grade to start in; the plan has its own address. */
function PlanForm({ code, where }: { code: string; where: Where }) {
  const [years, setYears] = useState<PlanYears>(4);
  const [grade, setGrade] = useState(9);
  return (
    <section aria-labelledby="make-plan" class="panel plan-form no-print">
      <h2 id="make-plan">{t.explorer.planHeading}</h2>
      <p>{t.explorer.planIntro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          navigate(planHref(code, where, years, grade));
        }}
      >
        <fieldset class="radio-group radio-stack">
          <legend>{t.explorer.planYears}</legend>
          {planYears.map((y) => (
            <label key={y}>
              <input type="radio" name="pw-years" value={y} checked={years === y} onChange={() => setYears(y)} />{' '}
              {t.explorer.planYearOptions[String(y)]}
            </label>
          ))}
        </fieldset>
        <p class="field">
          <label for="pw-grade">{t.explorer.startGrade}</label>
          <select id="pw-grade" value={String(grade)} onChange={(e) => setGrade(Number((e.currentTarget as HTMLSelectElement).value))}>
            {startGrades.map((g) => (
              <option key={g} value={String(g)}>
                {t.explorer.gradeOption(g)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit">{t.explorer.makePlan}</button>
        </p>
      </form>
    </section>
  );
}

function GridView({ grid, code, where }: { grid: PathwayGrid; code: string; where: Where }) {
  const pathway = pathwayName(grid.pathway.code, grid.pathway.name);
  // Coordinators see the way to the editor; the server checks their region when they save.
  const canEdit = hasPermission(useSession(), 'pathways.edit');
  const dual = grid.college_courses.filter((c) => c.dual_enrollment);
  const other = grid.college_courses.filter((c) => !c.dual_enrollment);
  const status =
    grid.status === 'draft_generated'
      ? t.explorer.draft
      : grid.updated_at
        ? t.explorer.published(grid.version, formatDate(grid.updated_at))
        : t.explorer.publishedNoDate(grid.version);
  return (
    <>
      <p class="lead">{t.explorer.gridIntro(pathway, grid.region.name)}</p>
      <p class="grid-region">
        {t.explorer.regionShown(grid.region.name)}{' '}
        <a class="no-print" href={gridHref(code, {})}>
          {t.explorer.changeRegion}
        </a>
      </p>
      <p class={'notice grid-status ' + (grid.status === 'draft_generated' ? 'notice-draft' : 'notice-info')} data-status={grid.status}>
        {status}
      </p>
      <p class="no-print">
        <PrintButton label={t.explorer.print} /> <a href="#make-plan">{t.explorer.planHeading}</a>
        {canEdit && (
          <>
            {' '}
            <a class="grid-edit-link" href={editHref(code, grid.region.code)}>
              {t.gridEditor.editLink}
            </a>
          </>
        )}
      </p>

      <HighSchool grid={grid} />

      {dual.length > 0 && (
        <section aria-labelledby="pw-dual-heading" class="panel grid-section">
          <h2 id="pw-dual-heading">{t.explorer.dualHeading}</h2>
          <p>{t.explorer.dualIntro}</p>
          <CollegeCourseList courses={dual} all={grid.college_courses} />
        </section>
      )}
      {other.length > 0 && (
        <section aria-labelledby="pw-college-heading" class="panel grid-section">
          <h2 id="pw-college-heading">{t.explorer.collegeCoursesHeading}</h2>
          <CollegeCourseList courses={other} all={grid.college_courses} />
        </section>
      )}

      <section aria-labelledby="pw-awards-heading" class="panel grid-section">
        <h2 id="pw-awards-heading">{t.explorer.awardsHeading}</h2>
        <p>{t.explorer.awardsIntro}</p>
        {grid.awards.length === 0 ? (
          <p>{t.explorer.noAwards}</p>
        ) : (
          <ul class="awards">
            {grid.awards.map((a) => (
              <li key={`${a.code_system}:${a.code}`} class="award" data-award={`${a.code_system}:${a.code}`}>
                <span class="award-title">{a.title}</span>
                <span class="small">
                  {' '}
                  · {awardLevelName(a.award_level)}
                  {unitsText(a.units) && ` · ${unitsText(a.units)}`}
                </span>
                {a.colleges.length > 0 && <span class="award-colleges small">{t.explorer.offeredAt(a.colleges.map((c) => c.name).join(', '))}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {grid.transfer.length > 0 && (
        <section aria-labelledby="pw-transfer-heading" class="panel grid-section">
          <h2 id="pw-transfer-heading">{t.explorer.transferHeading}</h2>
          <p>{t.explorer.transferIntro}</p>
          <ul class="transfer">
            {grid.transfer.map((x, i) => (
              <li key={i}>
                <strong>{x.title}</strong> · {x.institution}
                {x.note && <span class="small transfer-note">{x.note}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {grid.work_based_learning.length > 0 && (
        <section aria-labelledby="pw-wbl-heading" class="panel grid-section">
          <h2 id="pw-wbl-heading">{t.explorer.wblHeading}</h2>
          <p>{t.explorer.wblIntro}</p>
          <ul class="wbl">
            {grid.work_based_learning.map((w, i) => (
              <li key={i}>
                {w.title}
                {w.grade_levels.length > 0 && <span class="small"> · {gradesText(w.grade_levels)}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="pw-careers-heading" class="panel grid-section">
        <h2 id="pw-careers-heading">{t.explorer.careersHeading}</h2>
        <p>{t.explorer.careersIntro(grid.region.name)}</p>
        <Careers occupations={grid.occupations} />
      </section>

      {grid.notes.length > 0 && (
        <section aria-labelledby="pw-notes-heading" class="grid-section">
          <h2 id="pw-notes-heading">{t.explorer.notesHeading}</h2>
          <ul>
            {grid.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}

      <PlanForm code={code} where={where} />
      <p class="print-only small">{t.explorer.printedFrom(window.location.href)}</p>
    </>
  );
}

function GridAnswer({ code, where }: { code: string; where: Where }) {
  const grid = useApi('getPathwayGrid', { path: { code }, query: { region: where.region } });
  if (grid.status === 'error' && grid.error.notFound) {
    return (
      <div class="notice notice-error" role="alert">
        <p>{t.explorer.notFound(code)}</p>
        <p>
          <a href={explorerHref(where)}>{t.explorer.backToPathways}</a>
        </p>
      </div>
    );
  }
  if (grid.status === 'error' && grid.error.status === 400) {
    // An unknown region: say so, and ask again.
    return (
      <>
        <ErrorMessage error={grid.error} />
        <RegionChooser code={code} where={{ region: '', county: '' }} />
      </>
    );
  }
  return <Load state={grid}>{(data) => <GridView grid={data} code={code} where={where} />}</Load>;
}

/**
 * One pathway in one region, as Orange County's and Fresno-Madera's pathway
 * grids show it: high-school classes by stage, college classes (those open to
 * high-school students first), certificates and degrees, transfer, learning
 * at work, and the careers it leads to, in plain words. Printable. Without a
 * region it first asks where the person lives.
 */
export default function PathwayGridPage({ code }: { code: string }) {
  const url = useLocation();
  const where = whereOf(url.searchParams);
  const names = usePathwayNames(code);
  const crumbs = [
    { label: t.areas.pathways, href: explorerHref(where) },
    ...(names.sector ? [{ label: names.sector.name, href: explorerHref({ sector: names.sector.code, ...where }) }] : []),
    { label: names.pathway },
  ];
  return (
    <Page title={names.pathway} above={<Breadcrumb items={crumbs} />}>
      <Steps
        current={3}
        links={{ 1: explorerHref(where), 2: names.sector ? explorerHref({ sector: names.sector.code, ...where }) : explorerHref(where) }}
      />
      {where.region ? <GridAnswer code={code} where={where} /> : <RegionChooser code={code} where={where} />}
    </Page>
  );
}
