// The analytics benchmark (issue 6, "Performance"): Pathlight's engine next to
// DuckDB, PostgreSQL 15 and SQLite on the same synthetic student-year data at
// several sizes; every query's result is compared across engines. See
// bench/README.md ("Analytics engine vs DuckDB, PostgreSQL and SQLite") for
// what is measured and how to reproduce it. Started by bench/analytics/run.
//
// Environment (all optional):
//   PL_ANALYTICS_ROWS      sizes in student-year rows ("1000000 10000000 30000000")
//   PL_ANALYTICS_ENGINES   subset of "pathlight duckdb postgresql sqlite"
//   PL_ANALYTICS_QUERIES   subset of "Q1 Q2 Q3 Q4 Q5 Q6"
//   PL_ANALYTICS_RUNS      timed runs after the warm-up (5)
//   PL_ANALYTICS_THREADS   threads for DuckDB, Pathlight and PostgreSQL (all cores)
//   PL_ANALYTICS_HTTP_RUNS requests per HTTP query (200); 0 skips the HTTP part
//   PL_ANALYTICS_HTTP_CUBE_RUNS requests for the Q4 cube over HTTP (as many as the others)
//   PL_ANALYTICS_WORK      work directory (build/release/analytics-work)
//   PL_ANALYTICS_KEEP=1    keep the work directory (one that existed before the run is always
//                          kept, and what is complete in it is reused)
//   PL_ANALYTICS_OUT       results directory (build/release/bench-results/<UTC time>)
//   PL_ANALYTICS_SEED      generator seed (1)
//   PL_ANALYTICS_SQLITE_MAX_ROWS  skip SQLite above this size (no limit)
//   PL_ANALYTICS_PG_JIT    PostgreSQL's jit setting (off)
//   PL_ANALYTICS_REUSE     engines whose measurement saved in the (kept) work directory by an
//                          earlier run is reported instead of measuring again (marked "reused")
//   PATHLIGHT_BIN          the pathlight binary (build/release/pathlight)

import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalise, diff, parseCsv } from './lib/canon.mjs';
import { findBindir, serverSettings, startPostgres } from './lib/postgres.mjs';
import { log, median, run } from './lib/proc.mjs';
import { FLAT_COLUMNS, FLAT_SELECT_FROM_STORE, QUERIES, createFlatTable, flatColumnTypes } from './lib/queries.mjs';
import { httpBenchmark } from './http_client.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const env = process.env;
const words = (s) => s.split(/[\s,]+/).filter(Boolean);

const config = {
  sizes: words(env.PL_ANALYTICS_ROWS ?? '1000000 10000000 30000000').map(Number),
  engines: words(env.PL_ANALYTICS_ENGINES ?? 'pathlight duckdb postgresql sqlite'),
  reuse: words(env.PL_ANALYTICS_REUSE ?? ''),
  queries: words(env.PL_ANALYTICS_QUERIES ?? 'Q1 Q2 Q3 Q4 Q5 Q6'),
  runs: Number(env.PL_ANALYTICS_RUNS ?? 5),
  threads: Number(env.PL_ANALYTICS_THREADS ?? cpus().length),
  httpRuns: Number(env.PL_ANALYTICS_HTTP_RUNS ?? 200),
  work: resolve(repo, env.PL_ANALYTICS_WORK ?? 'build/release/analytics-work'),
  keep: env.PL_ANALYTICS_KEEP === '1',
  seed: Number(env.PL_ANALYTICS_SEED ?? 1),
  bin: resolve(repo, env.PATHLIGHT_BIN ?? 'build/release/pathlight'),
  out: resolve(repo, env.PL_ANALYTICS_OUT ??
    join('build/release/bench-results', new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z'))),
};
for (const n of config.sizes) if (!Number.isInteger(n) || n <= 0) throw new Error(`PL_ANALYTICS_ROWS: not a row count: ${n}`);
const queries = QUERIES.filter((q) => config.queries.includes(q.id));

// ---- cleanup: servers and temporary directories go away on every exit ----
const cleanups = [];
async function cleanupAll() {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch (e) { log(`cleanup: ${e.message}`); }
  }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => { log(`${sig}: cleaning up`); await cleanupAll(); process.exit(130); });
}

// ---- what the pathlight binary offers (the engine is being added) --------
async function help(args) {
  const r = await run(config.bin, [...args, '--help'], { allowFail: true, cwd: repo });
  // CLI11 prints the parent's help for an unknown subcommand: check the usage line.
  const usage = (r.stdout.match(/^Usage: .*$/m) ?? [''])[0];
  if (r.code !== 0 || !usage.includes(` ${args.join(' ')} `)) return null;
  return r.stdout.split(/^Examples:/m)[0];  // the options, not the shared examples footer
}
// An option of the command: a help line that starts with it.
const hasOption = (text, option) => text !== null && new RegExp(`^\\s+(-\\w,)?${option}(?=[\\s=]|$)`, 'm').test(text);

async function capabilities() {
  const query = await help(['query']);
  const snapshot = await help(['snapshot', 'build']);
  const iterate = await help(['equity', 'iterate']);
  const serve = await help(['serve']);
  return {
    query: hasOption(query, '--spec'),
    snapshot: hasOption(snapshot, '--out'),
    iterateDb: hasOption(iterate, '--db') && hasOption(iterate, '--query'),
    iterateSnapshot: hasOption(iterate, '--snapshot'),
    iterateTimings: hasOption(iterate, '--timings-json'),
    serveSnapshot: hasOption(serve, '--snapshot'),
    serveSnapshotDir: hasOption(serve, '--snapshot-dir'),
    queryColumns: true,  // POST /api/v1/query/columns ships with this harness
  };
}

// ---- data ------------------------------------------------------------------
const done = (dir) => existsSync(join(dir, '.done'));
const markDone = (dir, info = {}) => writeFileSync(join(dir, '.done'), JSON.stringify(info));
const readDone = (dir) => JSON.parse(readFileSync(join(dir, '.done'), 'utf8'));
const mb = (bytes) => Math.round(bytes / 1048576);
const fileMb = (path) => (existsSync(path) ? mb(statSync(path).size) : null);

async function generateState() {
  const dir = join(config.work, `state-seed${config.seed}`);
  if (done(dir)) return { dir, ...readDone(dir) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`generating the state-scale data set (seed ${config.seed}) into ${dir}`);
  // generate opens a database for the reference code sets: a scratch one in the work directory.
  const r = await run(config.bin, ['generate', '--scale', 'state', '--seed', String(config.seed), '--out', dir,
    '--data-dir', join(repo, 'data')],
  { cwd: config.work, env: { ...env, PATHLIGHT_DB: `sqlite:${join(config.work, 'generate-scratch.db')}` } });
  const info = { seconds: r.ms / 1000, summary: (r.stdout.match(/Generated into .*/) ?? [''])[0] };
  log(info.summary);
  markDone(dir, info);
  return { dir, ...info };
}

async function makeSubsets(stateDir) {
  const missing = config.sizes.filter((n) => !done(join(config.work, `rows-${n}`, 'csv')));
  const info = {};
  if (missing.length) {
    log(`sampling whole students for ${missing.join(', ')} rows`);
    const r = await run('node', [join(here, 'subset.mjs'), stateDir, String(config.threads),
      ...missing.map((n) => `${n}:${join(config.work, `rows-${n}`, 'csv')}`)], { cwd: here });
    const summary = JSON.parse(r.stdout.trim().split('\n').pop());
    for (const n of missing) markDone(join(config.work, `rows-${n}`, 'csv'), summary[n]);
  }
  for (const n of config.sizes) info[n] = readDone(join(config.work, `rows-${n}`, 'csv'));
  return info;
}

async function importPathlight(dir) {
  const dbDir = join(dir, 'pathlight');
  if (done(dbDir)) return readDone(dbDir);
  rmSync(dbDir, { recursive: true, force: true });
  mkdirSync(dbDir, { recursive: true });
  const db = `sqlite:${join(dbDir, 'pathlight.db')}`;
  const seconds = {};
  for (const kind of ['organizations', 'students', 'student_years']) {
    log(`pathlight import ${kind}`);
    const r = await run(config.bin, ['import', kind, join(dir, 'csv', `${kind}.csv`), '--db', db,
      '--rejects', join(dbDir, `${kind}.rejects.csv`)], { cwd: repo });
    seconds[kind] = r.ms / 1000;
  }
  const info = { import_s: seconds, db_mb: fileMb(join(dbDir, 'pathlight.db')) };
  markDone(dbDir, info);
  return info;
}

async function buildSnapshot(dir) {
  const file = join(dir, 'pathlight', 'pathlight.snapshot');
  const marker = join(dir, 'pathlight', '.snapshot-done');
  // A snapshot is reused only if the same pathlight binary built it (the file format may change).
  const binary = `${statSync(config.bin).size}:${statSync(config.bin).mtimeMs}`;
  if (existsSync(marker) && existsSync(file)) {
    const info = JSON.parse(readFileSync(marker, 'utf8'));
    if (info.binary === binary) return info;
  }
  log('pathlight snapshot build');
  const r = await run(config.bin, ['snapshot', 'build', '--db', `sqlite:${join(dir, 'pathlight', 'pathlight.db')}`,
    '--out', file], { cwd: repo, maxRss: true });
  const info = { build_s: r.ms / 1000, build_peak_rss_kb: r.maxRssKb, file_mb: fileMb(file), binary };
  writeFileSync(marker, JSON.stringify(info));
  return info;
}

// The flat table: built by SQLite from the Pathlight database (this file is
// also the SQLite engine's table), exported once as CSV for DuckDB and
// PostgreSQL.
async function buildFlat(dir) {
  const flatDir = join(dir, 'flat');
  if (done(flatDir)) return readDone(flatDir);
  rmSync(flatDir, { recursive: true, force: true });
  mkdirSync(flatDir, { recursive: true });
  const names = FLAT_COLUMNS.map(([n]) => n).join(', ');
  const sql = `ATTACH '${join(dir, 'pathlight', 'pathlight.db')}' AS pl;
${createFlatTable('sqlite')};
INSERT INTO flat (${names})${FLAT_SELECT_FROM_STORE};
`;
  log('flat table: sqlite3 join from the Pathlight database');
  const t = await run('sqlite3', ['-bail', join(flatDir, 'flat.db')], { input: sql });
  log('flat table: CSV export');
  const e = await run('sqlite3', ['-bail', '-csv', '-header', join(flatDir, 'flat.db'), `SELECT ${names} FROM flat`],
    { stdoutFile: join(flatDir, 'flat.csv') });
  const count = Number((await run('sqlite3', [join(flatDir, 'flat.db'), 'SELECT COUNT(*) FROM flat'])).stdout.trim());
  const info = { sqlite_build_s: t.ms / 1000, csv_export_s: e.ms / 1000, rows: count,
    sqlite_mb: fileMb(join(flatDir, 'flat.db')), csv_mb: fileMb(join(flatDir, 'flat.csv')) };
  markDone(flatDir, info);
  return info;
}

// ---- engines -----------------------------------------------------------------
// Each returns {load: {...}, peak_kb, queries: {Qn: {runs_ms, result | error, peak_kb}}}.

async function runDuckdb(dir, resultsDir) {
  const outDir = join(resultsDir, 'duckdb');
  mkdirSync(outDir, { recursive: true });
  const cfgFile = join(outDir, 'config.json');
  writeFileSync(cfgFile, JSON.stringify({
    csv: join(dir, 'flat', 'flat.csv'), columns: flatColumnTypes('duckdb'), threads: config.threads,
    runs: config.runs, out_dir: outDir, queries: queries.map((q) => ({ id: q.id, sql: q.sql('duckdb') })),
  }));
  const r = await run('node', [join(here, 'duckdb_worker.mjs'), cfgFile], { cwd: here });
  const t = JSON.parse(r.stdout.trim().split('\n').pop());
  const res = {
    version: t.version, threads: t.threads,
    load: { load_ms: t.load_ms, rows: t.rows, peak_kb_after_load: t.vmhwm_after_load_kb },
    peak_kb: t.vmhwm_kb, peak_note: 'VmHWM of the node process running DuckDB (data loaded, all queries run)', queries: {},
  };
  for (const q of queries) {
    res.queries[q.id] = { runs_ms: t.queries[q.id].runs_ms, peak_kb: t.queries[q.id].vmhwm_kb,
      result: JSON.parse(readFileSync(join(outDir, `${q.id}.json`), 'utf8')) };
  }
  return res;
}

async function runPostgres(dir, resultsDir, tmpBase) {
  const bindir = findBindir();
  if (!bindir) throw new Error('no PostgreSQL server binaries (/usr/lib/postgresql/*/bin); run scripts/install-deps');
  const flatMb = fileMb(join(dir, 'flat', 'flat.csv'));
  // shared_buffers: the table (about 1.5x the CSV) up to 6 GB.
  const sharedBuffersMb = Math.max(256, Math.min(6144, Math.round(flatMb * 1.6)));
  const workers = Math.max(0, config.threads - 1);
  const settings = serverSettings({ sharedBuffersMb, workers, jit: env.PL_ANALYTICS_PG_JIT ?? 'off' });
  const server = await startPostgres({ bindir, tmpBase, settings, name: basename(dir) });
  cleanups.push(server.stop);
  try {
    const psql = (args, opts = {}) => run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', server.url, ...args], opts);
    await psql(['-c', createFlatTable('postgres')]);
    log('postgresql: \\copy flat');
    const c = await psql(['-c', `\\copy flat FROM '${join(dir, 'flat', 'flat.csv')}' WITH (FORMAT csv, HEADER true)`]);
    const v = await psql(['-c', 'VACUUM (ANALYZE) flat']);
    const size = (await psql(['-At', '-c', "SELECT pg_total_relation_size('flat')"])).stdout.trim();
    const res = {
      version: server.version, settings,
      load: { copy_ms: c.ms, vacuum_analyze_ms: v.ms, load_ms: c.ms + v.ms, table_mb: mb(Number(size)) },
      peak_note: 'VmHWM of the backend that ran the query (includes the shared_buffers pages it touched; parallel workers not counted)',
      queries: {},
    };
    const outDir = join(resultsDir, 'postgresql');
    mkdirSync(outDir, { recursive: true });
    for (const q of queries) {
      log(`postgresql: ${q.id}`);
      const resultFile = join(outDir, `${q.id}.csv`);
      const sql = q.sql('postgres');
      const script = [
        'SELECT pg_backend_pid() AS bpid \\gset',
        '\\pset format csv',
        `\\o ${resultFile}`, `${sql};`,
        '\\o /dev/null', '\\timing on',
        ...Array.from({ length: config.runs }, () => `${sql};`),
        '\\timing off', '\\o',
        '\\setenv PL_BPID :bpid',
        '\\! grep VmHWM /proc/$PL_BPID/status',
      ].join('\n');
      const r = await psql(['-q'], { input: script });
      const runs = [...r.stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
      const hwm = r.stdout.match(/VmHWM:\s+(\d+) kB/);
      res.queries[q.id] = { runs_ms: runs, peak_kb: hwm ? Number(hwm[1]) : null,
        result: parseCsv(readFileSync(resultFile, 'utf8')) };
    }
    res.peak_kb = Math.max(...Object.values(res.queries).map((x) => x.peak_kb ?? 0)) || null;
    return res;
  } finally {
    await server.stop();
  }
}

async function runSqlite(dir, resultsDir) {
  const db = join(dir, 'flat', 'flat.db');
  const outDir = join(resultsDir, 'sqlite');
  mkdirSync(outDir, { recursive: true });
  const version = (await run('sqlite3', ['--version'])).stdout.trim().split(' ')[0];
  const pragmas = [`PRAGMA cache_size = -262144;`, `PRAGMA threads = ${config.threads};`];
  const res = { version, pragmas, load: {}, queries: {},
    peak_note: 'peak RSS of the sqlite3 process (GNU time), warm-up and timed runs of one query' };
  for (const q of queries) {
    log(`sqlite: ${q.id}`);
    const resultFile = join(outDir, `${q.id}.csv`);
    const sql = q.sql('sqlite');
    const script = [...pragmas, '.headers on', '.mode csv', `.output ${resultFile}`, `${sql};`,
      '.output /dev/null', '.timer on', ...Array.from({ length: config.runs }, () => `${sql};`)].join('\n');
    const r = await run('sqlite3', ['-bail', db], { input: script, maxRss: true });
    const runs = [...r.stdout.matchAll(/^Run Time: real ([\d.]+)/gm)].map((m) => Number(m[1]) * 1000);
    res.queries[q.id] = { runs_ms: runs, peak_kb: r.maxRssKb, result: parseCsv(readFileSync(resultFile, 'utf8')) };
  }
  res.peak_kb = Math.max(...Object.values(res.queries).map((x) => x.peak_kb ?? 0)) || null;
  return res;
}

// Q6 on Pathlight's side is DisImpact's iterate over the database (or the
// snapshot) by `pathlight equity iterate`. Adding a timing hook, or another
// spelling of the command, is this one function.
function pathlightIterateCommand(dir, caps, outCsv, specFile, timingsFile) {
  const args = ['equity', 'iterate'];
  if (caps.iterateSnapshot) args.push('--snapshot', join(dir, 'pathlight', 'pathlight.snapshot'));
  else args.push('--db', `sqlite:${join(dir, 'pathlight', 'pathlight.db')}`);
  args.push('--query', specFile, '--out', outCsv,
    '--success', 'completer,credential,employed',
    '--group', 'race_ethnicity,gender,socioeconomically_disadvantaged',
    '--cohort', 'school_year', '--scenario-by', 'region,grade_level',
    '--ppg-reference', 'overall', '--80-reference', 'hpg',
    '--min-n', '0');  // exactly DisImpact: no product minimum n for flags, as the SQL
  if (caps.iterateTimings) {
    args.push('--repeat', String(config.runs), '--timings-json', timingsFile, '--threads', String(config.threads));
  }
  return args;
}

// The engine's JSON result -> {columns: [names], rows}.
function engineJson(text) {
  const j = JSON.parse(text);
  return { columns: j.columns.map((c) => (typeof c === 'string' ? c : c.name)), rows: j.rows };
}

// The iterate CSV may label cohorts as school years ("2024-25"); the SQL
// gives the ending year.
function normaliseIterate(result) {
  const i = result.columns.indexOf('cohort');
  if (i >= 0) {
    for (const r of result.rows) {
      const m = typeof r[i] === 'string' && r[i].match(/^(\d{4})-(\d{2})$/);
      if (m) r[i] = String(Number(m[1]) + 1);
    }
  }
  return result;
}

async function runPathlight(dir, resultsDir, caps) {
  const outDir = join(resultsDir, 'pathlight');
  mkdirSync(outDir, { recursive: true });
  const snapshot = join(dir, 'pathlight', 'pathlight.snapshot');
  const res = { load: {}, queries: {}, peak_note: 'peak_rss_kb reported by `pathlight query` (one process per query: snapshot load, warm-up and timed runs)' };
  const loads = [];
  for (const q of queries) {
    if (q.spec === null) {
      if (!caps.iterateDb && !caps.iterateSnapshot) { res.queries[q.id] = { missing: '`pathlight equity iterate --db` not available yet' }; continue; }
      log(`pathlight: ${q.id} (equity iterate)`);
      const specFile = join(outDir, `${q.id}.spec.json`);
      writeFileSync(specFile, JSON.stringify({ filters: [] }));
      const outCsv = join(outDir, `${q.id}.csv`);
      const timingsFile = join(outDir, `${q.id}.timings.json`);
      const runs = [];
      let peak = 0;
      const times = caps.iterateTimings ? 1 : config.runs + 1;
      for (let i = 0; i < times; i++) {
        const r = await run(config.bin, pathlightIterateCommand(dir, caps, outCsv, specFile, timingsFile),
          { cwd: repo, maxRss: true, allowFail: true });
        if (r.code !== 0) { res.queries[q.id] = { error: r.stderr.slice(-2000) }; break; }
        peak = Math.max(peak, r.maxRssKb ?? 0);
        if (i > 0) runs.push(r.ms);
      }
      if (res.queries[q.id]?.error) continue;
      let timing = 'wall clock of the whole command (process start, data load, iterate, CSV write)';
      if (caps.iterateTimings) {
        const t = JSON.parse(readFileSync(timingsFile, 'utf8'));
        runs.push(...t.runs_ms);
        timing = 'runs_ms from --timings-json';
        if (t.peak_rss_kb) peak = Math.max(peak, t.peak_rss_kb);
      }
      res.queries[q.id] = { runs_ms: runs, peak_kb: peak || null, timing,
        result: normaliseIterate(parseCsv(readFileSync(outCsv, 'utf8'))) };
      continue;
    }
    if (!caps.query || !caps.snapshot) { res.queries[q.id] = { missing: '`pathlight query` / `snapshot build` not available yet' }; continue; }
    log(`pathlight: ${q.id}`);
    const specFile = join(outDir, `${q.id}.spec.json`);
    writeFileSync(specFile, JSON.stringify(q.spec, null, 1));
    const timingsFile = join(outDir, `${q.id}.timings.json`);
    const r = await run(config.bin, ['query', '--snapshot', snapshot, '--spec', specFile, '--format', 'json',
      '--threads', String(config.threads), '--repeat', String(config.runs), '--timings-json', timingsFile],
    { cwd: repo, allowFail: true });
    if (r.code !== 0) { res.queries[q.id] = { error: r.stderr.slice(-2000) }; continue; }
    writeFileSync(join(outDir, `${q.id}.json`), r.stdout);
    const t = JSON.parse(readFileSync(timingsFile, 'utf8'));
    let result = engineJson(r.stdout);
    if (q.post) {
      const objects = result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])));
      const rows = q.post(objects);
      result = { columns: q.columns, rows: rows.map((o) => q.columns.map((c) => o[c])) };
    }
    loads.push(t.load_ms);
    res.queries[q.id] = { runs_ms: t.runs_ms, peak_kb: t.peak_rss_kb, load_ms: t.load_ms, result };
  }
  res.load = { snapshot_load_ms_median: median(loads), snapshot_load_ms_all: loads };
  const peaks = Object.values(res.queries).map((x) => x.peak_kb ?? 0);
  res.peak_kb = peaks.length ? Math.max(...peaks) || null : null;
  return res;
}

// ---- comparison ------------------------------------------------------------
function compareResults(size, engineResults, mismatches) {
  for (const q of queries) {
    const have = Object.entries(engineResults)
      .filter(([, r]) => r.queries?.[q.id]?.result)
      .map(([name, r]) => [name, r.queries[q.id]]);
    if (!have.length) continue;
    let reference = null, refName = null;
    for (const [name, entry] of have) {
      let canon;
      try {
        canon = canonicalise(entry.result, q.columns);
      } catch (e) {
        entry.check = `FAILED: ${e.message}`;
        mismatches.push({ size, query: q.id, engine: name, problem: e.message });
        continue;
      }
      entry.result_rows = canon.rows.length;
      if (!reference) { reference = canon; refName = name; entry.check = 'reference'; continue; }
      const problem = diff(reference, canon);
      entry.check = problem ? `MISMATCH vs ${refName}` : `equal to ${refName}`;
      if (problem) mismatches.push({ size, query: q.id, engine: name, reference: refName, problem });
    }
    for (const [, entry] of have) delete entry.result;  // keep the JSON small; results are in the results dir
  }
}

// ---- report ----------------------------------------------------------------
const fmtMs = (v) => (v === null || v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtRatio = (a, b) => (a && b ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : '–');
const fmtMb = (kb) => (kb ? `${Math.round(kb / 1024)}` : '–');
const ENGINE_LABEL = { pathlight: 'Pathlight', duckdb: 'DuckDB', postgresql: 'PostgreSQL', sqlite: 'SQLite' };

function markdown(report) {
  const lines = [];
  const engines = config.engines;
  lines.push(`# Analytics benchmark: Pathlight vs DuckDB, PostgreSQL, SQLite`, '');
  lines.push(`${report.started} – ${report.finished}; commit ${report.machine.commit}; ${report.machine.cpu}, ` +
    `${report.machine.cpus} CPUs, ${report.machine.memory_gb} GB; load average ${report.machine.load_start} → ${report.machine.load_end}.`);
  lines.push(`Median of ${config.runs} timed runs after one warm-up, ms, result fully materialised. ` +
    `Threads: ${config.threads} (DuckDB threads, Pathlight --threads, PostgreSQL leader + ${Math.max(0, config.threads - 1)} parallel workers, SQLite PRAGMA threads).`, '');
  lines.push(`| query | rows | ${engines.map((e) => ENGINE_LABEL[e] ?? e).join(' | ')} | ${engines.filter((e) => e !== 'pathlight').map((e) => `${ENGINE_LABEL[e]}/Pathlight`).join(' | ')} | results |`);
  lines.push(`|---|---:|${engines.map(() => '---:').join('|')}|${engines.filter((e) => e !== 'pathlight').map(() => '---:').join('|')}|---|`);
  for (const q of queries) {
    for (const s of report.sizes) {
      const m = (e) => s.engines[e]?.queries?.[q.id]?.median_ms ?? null;
      const checks = engines.map((e) => s.engines[e]?.queries?.[q.id]).filter(Boolean);
      const status = checks.some((c) => /MISMATCH|FAILED/.test(c.check ?? '')) ? '**MISMATCH**'
        : checks.filter((c) => c.check).length > 1 ? `equal (${checks.filter((c) => c.check).length} engines, ${checks.find((c) => c.result_rows !== undefined)?.result_rows} rows)`
          : checks.some((c) => c.error) ? 'error' : 'one engine';
      const cells = engines.map((e) => {
        const x = s.engines[e]?.queries?.[q.id];
        if (!x) return '–';
        if (x.missing) return 'n/a';
        if (x.error) return 'error';
        return fmtMs(x.median_ms) + (s.engines[e].reused ? '†' : '');
      });
      const ratios = engines.filter((e) => e !== 'pathlight').map((e) => fmtRatio(m(e), m('pathlight')));
      lines.push(`| ${q.id} | ${s.rows.toLocaleString('en-US')} | ${cells.join(' | ')} | ${ratios.join(' | ')} | ${status} |`);
    }
  }
  lines.push('', 'Ratios above 1× mean Pathlight is faster. n/a: the engine has no command for it yet. ' +
    '†: measured earlier in the same session (PL_ANALYTICS_REUSE; time and load average in analytics.json).', '');
  lines.push('## Loading and peak memory', '');
  lines.push('| rows | Pathlight import (s) | snapshot build (s) | snapshot MB | snapshot load (ms, median) | DuckDB load (s) | PostgreSQL \\copy + VACUUM ANALYZE (s) | SQLite flat build (s) | flat CSV MB |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of report.sizes) {
    const imp = s.data.pathlight_import?.import_s;
    const impTotal = imp ? Object.values(imp).reduce((a, b) => a + b, 0) : null;
    const snap = s.data.snapshot ?? {};
    const pl = s.engines.pathlight?.load ?? {};
    const dd = s.engines.duckdb?.load ?? {};
    const pg = s.engines.postgresql?.load ?? {};
    lines.push(`| ${s.rows.toLocaleString('en-US')} | ${impTotal?.toFixed(1) ?? '–'} | ${snap.build_s?.toFixed(1) ?? '–'} | ${snap.file_mb ?? '–'} | ` +
      `${fmtMs(pl.snapshot_load_ms_median)} | ${dd.load_ms ? (dd.load_ms / 1000).toFixed(1) : '–'} | ${pg.load_ms ? (pg.load_ms / 1000).toFixed(1) : '–'} | ` +
      `${s.data.flat?.sqlite_build_s?.toFixed(1) ?? '–'} | ${s.data.flat?.csv_mb ?? '–'} |`);
  }
  lines.push('', `| rows | ${engines.map((e) => `${ENGINE_LABEL[e]} peak MB`).join(' | ')} |`);
  lines.push(`|---:|${engines.map(() => '---:').join('|')}|`);
  for (const s of report.sizes) {
    lines.push(`| ${s.rows.toLocaleString('en-US')} | ${engines.map((e) => fmtMb(s.engines[e]?.peak_kb)).join(' | ')} |`);
  }
  lines.push('', 'Peak memory: ' + engines.map((e) => `${ENGINE_LABEL[e]}: ${report.sizes.find((s) => s.engines[e])?.engines[e].peak_note ?? '–'}`).join('; ') + '.');
  if (report.http) {
    lines.push('', `## HTTP (${report.http.rows?.toLocaleString('en-US') ?? '?'} rows, ${report.http.runs} sequential keep-alive requests after ${report.http.warmup} warm-up)`, '');
    if (report.http.snapshot_ready_s !== undefined) lines.push(`Server start until the first query answered: ${report.http.snapshot_ready_s.toFixed(1)} s.`, '');
    lines.push('| request | median ms | p95 ms | response KB | status |', '|---|---:|---:|---:|---|');
    for (const r of report.http.requests) {
      lines.push(`| ${r.name} | ${fmtMs(r.median_ms)} | ${fmtMs(r.p95_ms)} | ${Math.round((r.response_bytes ?? 0) / 1024)} | ${r.status} |`);
    }
  }
  if (report.mismatches.length) {
    lines.push('', '## MISMATCHES', '');
    for (const m of report.mismatches) lines.push(`- ${m.query} at ${m.size} rows, ${m.engine}: ${m.problem.split('\n')[0]}`);
  }
  if (report.errors.length) {
    lines.push('', '## Errors', '');
    for (const e of report.errors) lines.push(`- ${e}`);
  }
  return lines.join('\n') + '\n';
}

// ---- main ------------------------------------------------------------------
async function main() {
  const started = new Date().toISOString();
  if (!existsSync(config.bin)) throw new Error(`no pathlight binary at ${config.bin} (cmake --build --preset release)`);
  mkdirSync(config.out, { recursive: true });
  // Only a work directory this run created is deleted at the end: one left by
  // an earlier run (PL_ANALYTICS_KEEP=1) is somebody's data, and is reused.
  const workExisted = existsSync(config.work);
  mkdirSync(config.work, { recursive: true });
  if (!config.keep && !workExisted) cleanups.unshift(async () => rmSync(config.work, { recursive: true, force: true }));
  if (workExisted) log(`reusing the existing work directory ${config.work} (not deleted at the end)`);
  const tmpBase = env.TMPDIR && env.TMPDIR.length < 60 ? env.TMPDIR : '/tmp';
  const caps = await capabilities();
  log(`pathlight capabilities: ${JSON.stringify(caps)}`);
  const git = (args) => run('git', args, { cwd: repo, allowFail: true }).then((r) => r.stdout.trim());
  const machine = {
    commit: await git(['rev-parse', '--short', 'HEAD']),
    cpu: (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? 'unknown',
    cpus: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), free_gb_at_start: Math.round(freemem() / 2 ** 30),
    load_start: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    node: process.version,
  };
  const report = { started, config: { ...config }, capabilities: caps, machine, sizes: [], mismatches: [], errors: [] };

  const state = await generateState();
  report.state_data = state;
  const subsets = await makeSubsets(state.dir);
  let largest = null;
  for (const n of config.sizes) {
    const dir = join(config.work, `rows-${n}`);
    const resultsDir = join(config.work, 'results', `rows-${n}`);
    mkdirSync(resultsDir, { recursive: true });
    log(`=== ${n} rows (sample: ${subsets[n].rows} rows, ${subsets[n].students} students) ===`);
    const size = { rows: subsets[n].rows, target: n, students: subsets[n].students, data: {}, engines: {} };
    size.data.pathlight_import = await importPathlight(dir);
    if (caps.snapshot) size.data.snapshot = await buildSnapshot(dir);
    size.data.flat = await buildFlat(dir);
    if (size.data.flat.rows !== size.rows) {
      report.errors.push(`${n}: the flat table has ${size.data.flat.rows} rows, the sample ${size.rows}`);
    }
    const runners = { duckdb: runDuckdb, postgresql: runPostgres, sqlite: runSqlite, pathlight: runPathlight };
    for (const engine of config.engines) {
      if (!runners[engine]) { report.errors.push(`unknown engine ${engine}`); continue; }
      if (engine === 'sqlite' && env.PL_ANALYTICS_SQLITE_MAX_ROWS && n > Number(env.PL_ANALYTICS_SQLITE_MAX_ROWS)) {
        log(`--- sqlite skipped at ${n} rows (PL_ANALYTICS_SQLITE_MAX_ROWS)`);
        continue;
      }
      const saved = join(resultsDir, `${engine}.json`);
      if (config.reuse.includes(engine) && existsSync(saved)) {
        log(`--- ${engine}, ${n} rows: reusing the measurement saved at ${saved} (PL_ANALYTICS_REUSE)`);
        size.engines[engine] = { ...JSON.parse(readFileSync(saved, 'utf8')), reused: true };
        continue;
      }
      log(`--- ${engine}, ${n} rows`);
      try {
        rmSync(join(resultsDir, engine), { recursive: true, force: true });
        size.engines[engine] = await runners[engine](dir, resultsDir, engine === 'postgresql' ? tmpBase : caps);
        size.engines[engine].measured_at = new Date().toISOString();
        size.engines[engine].load_average = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
        writeFileSync(saved, JSON.stringify(size.engines[engine]));
      } catch (e) {
        report.errors.push(`${engine} at ${n} rows: ${e.message.slice(0, 2000)}`);
        log(`ERROR ${engine}: ${e.message}`);
      }
    }
    compareResults(n, size.engines, report.mismatches);
    for (const e of Object.values(size.engines)) {
      for (const q of Object.values(e.queries ?? {})) if (q.runs_ms) q.median_ms = median(q.runs_ms);
    }
    report.sizes.push(size);
    largest = dir;
    writeFileSync(join(config.out, 'analytics.json'), JSON.stringify(report, null, 1));
  }

  if (config.httpRuns > 0 && largest) {
    try {
      report.http = await httpBenchmark({
        bin: config.bin, repo, caps, db: `sqlite:${join(largest, 'pathlight', 'pathlight.db')}`,
        snapshot: join(largest, 'pathlight', 'pathlight.snapshot'), snapshotDir: join(largest, 'pathlight', 'serve-snapshots'),
        runs: config.httpRuns,
        specs: Object.fromEntries(queries.filter((q) => q.spec).map((q) => [q.id, q.spec])),
        threads: config.threads, cleanups,
      });
      report.http.rows = report.sizes.at(-1).rows;
    } catch (e) {
      report.errors.push(`http: ${e.message.slice(0, 2000)}`);
    }
  }

  report.finished = new Date().toISOString();
  machine.load_end = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  writeFileSync(join(config.out, 'analytics.json'), JSON.stringify(report, null, 1));
  const md = markdown(report);
  writeFileSync(join(config.out, 'analytics.md'), md);
  if (report.mismatches.length) {
    const detail = report.mismatches.map((m) => `${m.query} @ ${m.size} rows, ${m.engine} vs ${m.reference ?? '?'}:\n  ${m.problem}`).join('\n');
    writeFileSync(join(config.out, 'analytics-mismatches.txt'), detail + '\n');
  }
  process.stdout.write(md);
  log(`results: ${join(config.out, 'analytics.md')} and analytics.json`);
  if (!env.PL_ANALYTICS_OUT) {
    const latest = join(dirname(config.out), 'latest');
    try { unlinkSync(latest); } catch { /* none yet */ }
    try { symlinkSync(basename(config.out), latest); } catch { /* not important */ }
  }
  if (report.mismatches.length) {
    log(`FAILED: ${report.mismatches.length} result mismatch(es); see analytics-mismatches.txt`);
    return 1;
  }
  if (report.errors.length) { log(`FAILED: ${report.errors.length} error(s)`); return 1; }
  return 0;
}

let status = 1;
try {
  status = await main();
} catch (e) {
  log(`FAILED: ${e.stack ?? e.message}`);
}
await cleanupAll();
process.exit(status);
