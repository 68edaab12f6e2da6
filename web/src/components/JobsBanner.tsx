import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, call } from '../api/client';
import { bumpDataVersion } from '../api/data-version';
import type { Job } from '../api/types.gen';
import { formatDecimal, formatNumber, t } from '../i18n';

/**
 * Splits a poll of /api/v1/jobs into the jobs running now and those that
 * finished since the last poll (seen running before). `seen` is updated.
 */
export function reconcile(seen: Set<string>, jobs: Job[]): { running: Job[]; finished: Job[] } {
  const running = jobs.filter((j) => j.state === 'running');
  const finished = jobs.filter((j) => j.state !== 'running' && seen.has(j.job_id));
  for (const j of finished) seen.delete(j.job_id);
  for (const j of running) seen.add(j.job_id);
  return { running, finished };
}

function amount(n: number, unit: string): string {
  return unit === 'bytes' ? formatDecimal(n / 1e6, 1) : formatNumber(n);
}

export function progressText(job: Job): string {
  const unit = job.unit === 'bytes' ? 'MB' : job.unit;
  return job.total === null
    ? t.jobProgressUnknown(amount(job.done, job.unit), unit)
    : t.jobProgress(amount(job.done, job.unit), amount(job.total, job.unit), unit);
}

export function JobProgress({ job }: { job: Job }) {
  const labelId = useId();
  const percent = job.fraction === null ? null : Math.round(Math.min(1, Math.max(0, job.fraction)) * 100);
  const text = progressText(job);
  return (
    <div class="job">
      <p class="job-label" id={labelId}>
        {job.label}
      </p>
      {job.phase && <p class="small">{t.jobPhase(job.phase)}</p>}
      <div
        class={'progress' + (percent === null ? ' progress-indeterminate' : '')}
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? text : `${t.jobPercent(percent)}, ${text}`}
      >
        <div class="progress-fill" style={{ width: percent === null ? undefined : `${percent}%` }} />
      </div>
      <p class="small">{percent === null ? text : `${t.jobPercent(percent)} · ${text}`}</p>
    </div>
  );
}

export function outcome(job: Job): string {
  if (job.state === 'succeeded') return t.jobSucceeded(job.label);
  if (job.state === 'cancelled') return t.jobCancelled(job.label);
  // The server tells only administrators why a job failed.
  return job.message ? t.jobFailed(job.label, job.message) : t.jobFailedNoReason(job.label);
}

export function JobsView({ running, finished, onDismiss }: { running: Job[]; finished: Job[]; onDismiss: (id: string) => void }) {
  return (
    <div class="jobs-holder">
      {running.length > 0 && (
        <section class="jobs" aria-label={t.jobsRegion}>
          {running.map((job) => (
            <JobProgress key={job.job_id} job={job} />
          ))}
        </section>
      )}
      {/* Always present, so assistive technology announces what is added to it. */}
      <div role="status" class="jobs-finished">
        {finished.map((job) => (
          <p key={job.job_id} class={'notice ' + (job.state === 'succeeded' ? 'notice-ok' : 'notice-error')}>
            {outcome(job)}{' '}
            <button type="button" class="link-button" onClick={() => onDismiss(job.job_id)}>
              {t.dismiss}
            </button>
          </p>
        ))}
      </div>
    </div>
  );
}

/**
 * Polls the server's jobs: every second while one runs, every 15 s otherwise
 * (someone may start an import). When a job finishes, pages fetch their data
 * again.
 */
export function JobsBanner({ busyMs = 1000, idleMs = 15000 }: { busyMs?: number; idleMs?: number }) {
  const [running, setRunning] = useState<Job[]>([]);
  const [finished, setFinished] = useState<Job[]>([]);
  const seen = useRef(new Set<string>());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      let next = idleMs;
      try {
        const { jobs } = await call('listJobs');
        const r = reconcile(seen.current, jobs);
        setRunning(r.running);
        if (r.finished.length > 0) {
          setFinished((f) => [...r.finished, ...f]);
          if (r.finished.some((j) => j.state === 'succeeded')) bumpDataVersion();
        }
        if (r.running.length > 0) next = busyMs;
      } catch (e) {
        // A server without jobs has nothing to report; an unreachable one is retried.
        if (e instanceof ApiError && e.status === 404) return;
      }
      if (!stopped) timer = setTimeout(poll, next);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [busyMs, idleMs]);

  return (
    <JobsView
      running={running}
      finished={finished}
      onDismiss={(id) => setFinished((f) => f.filter((j) => j.job_id !== id))}
    />
  );
}
