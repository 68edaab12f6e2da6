import { useState } from 'preact/hooks';
import { ApiError, call } from '../../api/client';
import type { GridCourse, PathwayGrid } from '../../api/labor-pathways';
import { useApi } from '../../api/use-api';
import { hasPermission, useSession } from '../../auth/session';
import { signInHref } from '../../auth/links';
import { Page } from '../../components/Page';
import { ErrorMessage, Load } from '../../components/Status';
import { formatDate, t } from '../../i18n';
import { useLocation } from '../../router';
import { editHref, explorerHref, gridHref, parseSocList } from './explorer';
import { usePathwayNames } from './Grid';
import { Breadcrumb } from './parts';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; version: number }
  | { kind: 'conflict'; current: number }
  | { kind: 'error'; error: ApiError };

/** The notes an edit starts from: a generated draft's notes describe the draft itself, so none. */
function notesOf(grid: PathwayGrid): string {
  return grid.status === 'draft_generated' ? '' : grid.notes.join('\n');
}

/** A class a coordinator adds: an id no other class of the grid has. */
function newCourse(grid: PathwayGrid, stage: string): GridCourse {
  const ids = new Set([...grid.high_school.flatMap((s) => s.courses), ...grid.college_courses].map((c) => c.id));
  let n = 1;
  while (ids.has(`${stage}-${n}`)) n++;
  return {
    id: `${stage}-${n}`,
    title: '',
    units: 10,
    prerequisites: [],
    articulated: false,
    dual_enrollment: false,
    generated: false,
  };
}

function Check({ label, checked, set }: { label: string; checked: boolean; set: (value: boolean) => void }) {
  return (
    <label>
      <input type="checkbox" checked={checked} onChange={(e) => set((e.target as HTMLInputElement).checked)} /> {label}
    </label>
  );
}

function History({ code, region, revision }: { code: string; region: string; revision: number }) {
  const history = useApi('getPathwayGridHistory', { path: { code }, query: { region } }, revision);
  return (
    <section aria-labelledby="ge-history-heading" class="panel">
      <h2 id="ge-history-heading">{t.gridEditor.historyHeading}</h2>
      <Load state={history}>
        {(versions) =>
          versions.length === 0 ? (
            <p>{t.gridEditor.historyNone}</p>
          ) : (
            <div class="table-scroll">
              <table class="grid-history">
                <thead>
                  <tr>
                    <th scope="col">{t.gridEditor.historyVersion}</th>
                    <th scope="col">{t.gridEditor.historyWhen}</th>
                    <th scope="col">{t.gridEditor.historyWho}</th>
                    <th scope="col">{t.gridEditor.historySummary}</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.version} data-version={v.version}>
                      <td class="num">{v.version}</td>
                      <td>{formatDate(v.updated_at)}</td>
                      <td>{v.updated_by ?? '—'}</td>
                      <td>{v.summary}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Load>
    </section>
  );
}

interface EditFormProps {
  grid: PathwayGrid;
  code: string;
  region: string;
  /** Kept by the page: a save's outcome outlives the form of the version it replaced. */
  outcome: Outcome;
  setOutcome: (outcome: Outcome) => void;
  /** Reads the grid and its versions again (after a save, or to load the latest). */
  reload: () => void;
}

// One edit of one version of the grid: the page mounts a new form for each version it reads.
function EditForm({ grid, code, region, outcome, setOutcome, reload }: EditFormProps) {
  const [draft, setDraft] = useState<PathwayGrid>(() => structuredClone(grid));
  const [careers, setCareers] = useState(grid.occupations.map((o) => o.soc).join(', '));
  const [notes, setNotes] = useState(notesOf(grid));
  const [summary, setSummary] = useState('');

  const updateCourse = (stage: number, index: number, change: Partial<GridCourse>) =>
    setDraft((d) => {
      const next = structuredClone(d);
      const course = next.high_school[stage]?.courses[index];
      // A generated placeholder becomes a real class once a person names it.
      if (course) Object.assign(course, change, change.title !== undefined ? { generated: false } : {});
      return next;
    });
  const removeCourse = (stage: number, index: number) =>
    setDraft((d) => {
      const next = structuredClone(d);
      next.high_school[stage]?.courses.splice(index, 1);
      return next;
    });
  const addCourse = (stage: number) =>
    setDraft((d) => {
      const next = structuredClone(d);
      const s = next.high_school[stage];
      if (s) s.courses.push({ ...newCourse(next, s.stage), title: t.gridEditor.newCourse });
      return next;
    });

  const save = async (event: Event) => {
    event.preventDefault();
    setOutcome({ kind: 'saving' });
    // The grid's editable parts as the grid gives them; the server reads them back the same way.
    const objects = (xs: object[]) => xs as Record<string, unknown>[];
    const body = {
      base_version: grid.version,
      summary: summary.trim() || undefined,
      high_school: objects(draft.high_school),
      college_courses: objects(draft.college_courses),
      awards: objects(draft.awards),
      transfer: objects(draft.transfer),
      work_based_learning: objects(draft.work_based_learning),
      occupations: objects(parseSocList(careers).map((soc) => ({ soc }))),
      notes: notes.split('\n').map((n) => n.trim()).filter(Boolean),
    };
    try {
      const stored = await call('savePathwayGrid', { path: { code }, query: { region }, body });
      setOutcome({ kind: 'saved', version: stored.version });
      reload();
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('format', String(e));
      if (error.status === 409) {
        setOutcome({ kind: 'conflict', current: Number(error.details?.current_version ?? grid.version + 1) });
      } else {
        setOutcome({ kind: 'error', error });
      }
    }
  };

  return (
    <form class="panel grid-editor" onSubmit={save}>
      <p class="notice notice-info">{t.gridEditor.startsFrom(grid.version)}</p>
      {draft.high_school.map((stage, s) => {
        const stageName = t.explorer.stages[stage.stage] ?? stage.stage;
        return (
          <fieldset key={stage.stage} class="editor-stage" data-stage={stage.stage}>
            <legend>{t.gridEditor.stageCourses(stageName)}</legend>
            {stage.courses.map((c, i) => (
              <div key={c.id} class="editor-course" data-course={c.id}>
                <label>
                  {t.gridEditor.courseTitle}
                  <input
                    type="text"
                    required
                    value={c.title}
                    onInput={(e) => updateCourse(s, i, { title: (e.target as HTMLInputElement).value })}
                  />
                </label>
                <label>
                  {t.gridEditor.courseUnits}
                  <input
                    type="number"
                    min="0"
                    max="40"
                    step="0.5"
                    required
                    value={String(c.units)}
                    onInput={(e) => updateCourse(s, i, { units: Number((e.target as HTMLInputElement).value) })}
                  />
                </label>
                <Check label={t.gridEditor.articulated} checked={c.articulated} set={(v) => updateCourse(s, i, { articulated: v })} />
                <Check
                  label={t.gridEditor.dualEnrollment}
                  checked={c.dual_enrollment}
                  set={(v) => updateCourse(s, i, { dual_enrollment: v })}
                />
                <button type="button" class="link-button" onClick={() => removeCourse(s, i)}>
                  {t.gridEditor.removeCourse(c.title)}
                </button>
              </div>
            ))}
            <button type="button" onClick={() => addCourse(s)}>
              {t.gridEditor.addCourse(stageName)}
            </button>
          </fieldset>
        );
      })}
      <p>
        <label for="ge-careers">{t.gridEditor.careersLabel}</label>
        <input id="ge-careers" type="text" value={careers} onInput={(e) => setCareers((e.target as HTMLInputElement).value)} />
        <span class="small">{t.gridEditor.careersHelp}</span>
      </p>
      <p>
        <label for="ge-notes">{t.gridEditor.notesLabel}</label>
        <textarea id="ge-notes" rows={4} value={notes} onInput={(e) => setNotes((e.target as HTMLTextAreaElement).value)} />
        {grid.status === 'draft_generated' && <span class="small">{t.gridEditor.draftNotes}</span>}
      </p>
      <p>
        <label for="ge-summary">{t.gridEditor.summaryLabel}</label>
        <input
          id="ge-summary"
          type="text"
          maxLength={500}
          value={summary}
          onInput={(e) => setSummary((e.target as HTMLInputElement).value)}
        />
        <span class="small">{t.gridEditor.summaryHelp}</span>
      </p>
      <p>
        <button type="submit" disabled={outcome.kind === 'saving'}>
          {outcome.kind === 'saving' ? t.gridEditor.saving : t.gridEditor.save}
        </button>
      </p>
      <div aria-live="polite">
        {outcome.kind === 'saved' && <p class="notice notice-ok">{t.gridEditor.saved(outcome.version)}</p>}
        {outcome.kind === 'conflict' && (
          <div class="notice notice-error" role="alert">
            <p>{t.gridEditor.conflict(outcome.current)}</p>
            <button type="button" onClick={reload}>
              {t.gridEditor.loadLatest}
            </button>
          </div>
        )}
        {outcome.kind === 'error' && <ErrorMessage error={outcome.error} />}
      </div>
    </form>
  );
}

// The editor proper, for an account that may edit: the grid, the form and the versions.
function Editor({ code, region }: { code: string; region: string }) {
  const [revision, setRevision] = useState(0);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const grid = useApi('getPathwayGrid', { path: { code }, query: { region } }, revision);
  const reload = () => setRevision((r) => r + 1);
  return (
    <Load state={grid}>
      {(data) => (
        <>
          <p class="lead">{t.gridEditor.intro(data.region.name)}</p>
          <p>
            <a href={gridHref(code, { region })}>{t.gridEditor.viewGrid}</a>
          </p>
          <EditForm
            key={data.version}
            grid={data}
            code={code}
            region={region}
            outcome={outcome}
            setOutcome={setOutcome}
            reload={reload}
          />
          <History code={code} region={region} revision={revision} />
        </>
      )}
    </Load>
  );
}

/**
 * The grid editor for coordinators: a pathway's grid in one region, its
 * high-school classes, careers and notes changed in a form and saved as a new
 * version (PUT /api/v1/pathways/{code}/grid, which checks the permission and
 * the region), with the versions so far.
 */
export default function GridEditorPage({ code }: { code: string }) {
  const url = useLocation();
  const region = (url.searchParams.get('region') ?? '').trim();
  const session = useSession();
  const names = usePathwayNames(code);
  const crumbs = [
    { label: t.areas.pathways, href: explorerHref({}) },
    { label: names.pathway, href: gridHref(code, { region }) },
    { label: t.gridEditor.editLink },
  ];
  let body;
  if (!region) {
    body = (
      <p class="notice notice-info">
        {t.gridEditor.needRegion} <a href={gridHref(code)}>{t.explorer.chooseRegion}</a>
      </p>
    );
  } else if (session.status === 'ready' && !session.user) {
    body = (
      <p class="notice notice-info">
        {t.gridEditor.signInFirst} <a href={signInHref(editHref(code, region))}>{t.gridEditor.signIn}</a>
      </p>
    );
  } else if (session.status === 'ready' && !hasPermission(session, 'pathways.edit')) {
    body = <p class="notice notice-error">{t.gridEditor.noPermission}</p>;
  } else {
    body = <Editor code={code} region={region} />;
  }
  return (
    <Page title={t.gridEditor.title(names.pathway)} above={<Breadcrumb items={crumbs} />}>
      {body}
    </Page>
  );
}
