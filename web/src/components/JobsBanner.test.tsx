import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../api/types.gen';
import { mount, unmount } from '../test-utils';
import { JobProgress, JobsView, outcome, progressText, reconcile } from './JobsBanner';

function job(overrides: Partial<Job>): Job {
  return {
    job_id: 'demo-1',
    kind: 'demo',
    label: 'Loading the demo data set',
    state: 'running',
    phase: 'importing student_years',
    done: 250,
    total: 1000,
    unit: 'rows',
    fraction: 0.25,
    started_at: '2026-11-23T10:00:00.000000Z',
    finished_at: null,
    message: null,
    ...overrides,
  };
}

let container: HTMLElement;
afterEach(() => unmount(container));

describe('JobProgress', () => {
  it('is a progressbar with the percentage done', () => {
    container = mount(<JobProgress job={job({ fraction: 0.257 })} />);
    const bar = container.querySelector('[role="progressbar"]') as HTMLElement;
    expect(bar.getAttribute('aria-valuenow')).toBe('26');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(document.getElementById(bar.getAttribute('aria-labelledby') as string)?.textContent).toBe(
      'Loading the demo data set',
    );
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('26%');
    expect(container.textContent).toContain('250 of 1,000 rows');
    expect(container.textContent).toContain('Now: importing student_years');
  });

  it('has no value when the total is unknown', () => {
    container = mount(<JobProgress job={job({ total: null, fraction: null, done: 12 })} />);
    const bar = container.querySelector('[role="progressbar"]') as HTMLElement;
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.getAttribute('aria-valuetext')).toBe('12 rows so far');
  });
});

describe('progressText', () => {
  it('shows bytes as megabytes', () => {
    expect(progressText(job({ unit: 'bytes', done: 1_500_000, total: 4_000_000 }))).toBe('1.5 of 4.0 MB');
  });
});

describe('reconcile', () => {
  it('reports a job as finished only after it was seen running', () => {
    const seen = new Set<string>();
    const old = job({ job_id: 'import-0', state: 'succeeded' });
    let r = reconcile(seen, [job({}), old]);
    expect(r.running.map((j) => j.job_id)).toEqual(['demo-1']);
    expect(r.finished).toEqual([]);
    r = reconcile(seen, [job({ state: 'succeeded', fraction: 1 }), old]);
    expect(r.running).toEqual([]);
    expect(r.finished.map((j) => j.job_id)).toEqual(['demo-1']);
    r = reconcile(seen, [job({ state: 'succeeded', fraction: 1 }), old]);
    expect(r.finished).toEqual([]);
  });
});

describe('JobsView', () => {
  it('announces finished jobs in a status region, failures with their reason', () => {
    container = mount(
      <JobsView
        running={[]}
        finished={[job({ job_id: 'a', state: 'succeeded' }), job({ job_id: 'b', state: 'failed', message: 'disk full' })]}
        onDismiss={() => {}}
      />,
    );
    const status = container.querySelector('[role="status"]') as HTMLElement;
    expect(status.textContent).toContain('Loading the demo data set: done.');
    expect(status.textContent).toContain('Loading the demo data set failed: disk full');
    expect(container.querySelector('[role="progressbar"]')).toBeNull();
  });
});

describe('outcome', () => {
  const failed: Job = {
    job_id: 'import-1', kind: 'import', label: 'Import of students.csv', state: 'failed', phase: null, done: 0,
    total: null, unit: 'rows', fraction: null, started_at: '2026-11-23T10:00:00Z', finished_at: '2026-11-23T10:01:00Z',
    message: 'line 3: bad grade_level',
  };

  it("gives the reason a job failed when the server tells it (administrators), and none otherwise", () => {
    expect(outcome(failed)).toBe('Import of students.csv failed: line 3: bad grade_level');
    expect(outcome({ ...failed, message: null })).toBe('Import of students.csv failed.');
  });
});
