// HTTP latency of dashboard queries: starts `pathlight serve` on the largest
// database (and its snapshot), then sends sequential requests over one
// keep-alive connection and reports median and p95 per request kind
// (routes: /work/contracts/http-api.md). Each kind is measured twice:
// "same" repeats one request, "distinct" sends a different request every
// time (other years, groups, regions), so that the server's answer cache
// cannot make every request a hit. The server's Server-Timing header says
// which answers were kept and which computed (and in how long); both are
// counted. The cube is also asked by a signed-in state analyst, who sees
// every cell exactly.

import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { log, median, percentile } from './lib/proc.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

// `session`: { cookie, csrf } of a signed-in account, or none (the public).
function send(agent, port, { method, path, body }, session) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const start = performance.now();
    const headers = data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {};
    if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      let size = 0;
      const chunks = [];
      const keep = res.statusCode >= 400 || path.startsWith('/api/v1/auth/');
      res.on('data', (d) => { size += d.length; if (keep) chunks.push(d); });
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - start, bytes: size,
        timing: res.headers['server-timing'] ?? null, cookies: res.headers['set-cookie'] ?? [],
        body: Buffer.concat(chunks).toString(),
        error: res.statusCode >= 400 ? Buffer.concat(chunks).toString().slice(0, 300) : null }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const YEARS = Array.from({ length: 10 }, (_, i) => 2017 + i);
const RANGES = YEARS.flatMap((a) => YEARS.filter((b) => b >= a).map((b) => [a, b]));  // 55
const GENDERS = [null, ['F'], ['M'], ['F', 'M']];
const label = (y) => `${y - 1}-${String(y % 100).padStart(2, '0')}`;
const OUTCOMES = ['completer', 'concentrator', 'credential', 'graduate', 'postsecondary', 'employed', 'wbl', 'dual_enrollment'];
const REGIONS = [null, 'BA', 'CVML', 'IED', 'LA', 'NFN', 'OC', 'SCC', 'SDI'];  // data/ca_counties.csv

// The i-th distinct variant of a query spec: another year range and gender filter.
function specVariant(spec, i) {
  const [a, b] = RANGES[i % RANGES.length];
  const g = GENDERS[Math.floor(i / RANGES.length) % GENDERS.length];
  const filters = spec.filters.filter((f) => f.dim !== 'school_year' && f.dim !== 'gender');
  filters.push({ dim: 'school_year', min: a, max: b });
  if (g) filters.push({ dim: 'gender', in: g });
  return { ...spec, filters };
}

// The whole cube asked anew each time: a year range wider than the data,
// other in every request, so the server's answer cache never holds it while
// the answer (every group) stays the same.
function everyYear(spec, i) {
  const filters = spec.filters.filter((f) => f.dim !== 'school_year');
  filters.push({ dim: 'school_year', min: 1900 - i, max: 2100 + i });
  return { ...spec, filters };
}

function equityPath(i) {
  const o = OUTCOMES[i % OUTCOMES.length];
  const r = REGIONS[Math.floor(i / OUTCOMES.length) % REGIONS.length];
  const [a, b] = RANGES[Math.floor(i / (OUTCOMES.length * REGIONS.length)) % RANGES.length];
  return `/api/v1/equity?outcome=${o}&group=race_ethnicity&from=${label(a)}&to=${label(b)}` + (r ? `&region=${r}` : '');
}

// Server-Timing: answer;desc="kept" or answer;desc="computed";dur=12.3.
function answerTiming(header) {
  if (!header) return null;
  const m = /answer;desc="(\w+)"(?:;dur=([\d.]+))?/.exec(header);
  return m ? { how: m[1], dur: m[2] === undefined ? null : Number(m[2]) } : null;
}

// A state analyst for the bench (exact view): added, or given a new password
// when it exists; then signed in.
async function stateAnalystSession(bin, repo, db, agent, port) {
  const email = 'state@bench.test';
  let password = 'bench-state-analyst-password';
  const add = spawnSync(bin, ['user', 'add', '--db', db, '--email', email, '--role', 'state_analyst', '--password-stdin'],
    { cwd: repo, input: password + '\n', encoding: 'utf8' });
  if (add.status !== 0) {
    const reset = spawnSync(bin, ['user', 'reset', '--db', db, '--email', email], { cwd: repo, encoding: 'utf8' });
    const m = /New password for \S+: (\S+)/.exec(reset.stdout ?? '');
    if (reset.status !== 0 || !m) throw new Error(`cannot add or reset ${email}: ${add.stderr}${reset.stderr}`);
    password = m[1];
  }
  const r = await send(agent, port, { method: 'POST', path: '/api/v1/auth/session', body: { email, password } });
  if (r.status !== 200) throw new Error(`state analyst sign-in: HTTP ${r.status} ${r.error}`);
  const cookie = r.cookies.map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: JSON.parse(r.body).csrf_token };
}

export async function httpBenchmark({ bin, repo, caps, db, snapshot, snapshotDir, runs, specs, threads, cleanups }) {
  const port = await freePort();
  const args = ['serve', '--db', db, '--port', String(port), '--threads', String(threads)];
  if (caps.serveSnapshot) args.push('--snapshot', snapshot);
  else if (caps.serveSnapshotDir) args.push('--snapshot-dir', snapshotDir);  // the server builds or loads its own
  const started = performance.now();
  log(`http: ${bin} ${args.join(' ')}`);
  const server = spawn(bin, args, { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
  let serverLog = '';
  server.stderr.on('data', (d) => { serverLog = (serverLog + d).slice(-4000); });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    const t = setTimeout(() => server.kill('SIGKILL'), 15000);
    await exited;
    clearTimeout(t);
  };
  cleanups.push(stop);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const deadline = Date.now() + 300000;  // the server may load the snapshot first
    for (;;) {
      if (server.exitCode !== null) throw new Error(`pathlight serve exited:\n${serverLog}`);
      try {
        const r = await send(agent, port, { method: 'GET', path: '/api/v1/health' });
        if (r.status === 200) break;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) throw new Error(`pathlight serve did not answer /api/v1/health:\n${serverLog}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // The server may still be building or loading its snapshot: wait (up to
    // 15 min) until a query is answered with anything but 503.
    let readyS;
    if (specs.Q1) {
      const until = Date.now() + 900000;
      for (;;) {
        const r = await send(agent, port, { method: 'POST', path: '/api/v1/query', body: specs.Q1 });
        if (r.status !== 503) { readyS = (performance.now() - started) / 1000; break; }
        if (Date.now() > until) throw new Error('POST /api/v1/query answered 503 for 15 minutes');
        await new Promise((res) => setTimeout(res, 1000));
      }
      log(`http: first query answered ${readyS.toFixed(1)} s after the server started`);
    }
    const kinds = [
      { name: 'GET /api/v1/health (baseline)', make: () => ({ method: 'GET', path: '/api/v1/health' }) },
    ];
    for (const id of ['Q1', 'Q2', 'Q4', 'Q5']) {
      if (!specs[id]) continue;
      kinds.push({ name: `POST /api/v1/query ${id}, same`, make: () => ({ method: 'POST', path: '/api/v1/query', body: specs[id] }) });
      kinds.push({ name: `POST /api/v1/query ${id}, distinct`, make: (i) => ({ method: 'POST', path: '/api/v1/query', body: specVariant(specs[id], i) }) });
    }
    // The cube in the columnar layout (POST /api/v1/query/columns), the form
    // a dashboard asks for when it needs every group at once.
    if (specs.Q4 && caps.queryColumns) {
      kinds.push({ name: 'POST /api/v1/query/columns Q4, same', make: () => ({ method: 'POST', path: '/api/v1/query/columns', body: specs.Q4 }) });
      kinds.push({ name: 'POST /api/v1/query/columns Q4, distinct', make: (i) => ({ method: 'POST', path: '/api/v1/query/columns', body: specVariant(specs.Q4, i) }) });
      kinds.push({ name: 'POST /api/v1/query/columns Q4, every group, computed',
        make: (i) => ({ method: 'POST', path: '/api/v1/query/columns', body: everyYear(specs.Q4, i) }) });
      const analyst = await stateAnalystSession(bin, repo, db, agent, port);
      kinds.push({ name: 'POST /api/v1/query/columns Q4, state analyst, same', session: analyst,
        make: () => ({ method: 'POST', path: '/api/v1/query/columns', body: specs.Q4 }) });
      kinds.push({ name: 'POST /api/v1/query/columns Q4, state analyst, distinct', session: analyst,
        make: (i) => ({ method: 'POST', path: '/api/v1/query/columns', body: specVariant(specs.Q4, i) }) });
      kinds.push({ name: 'POST /api/v1/query/columns Q4, state analyst, every group, computed', session: analyst,
        make: (i) => ({ method: 'POST', path: '/api/v1/query/columns', body: everyYear(specs.Q4, i) }) });
    }
    kinds.push({ name: 'GET /api/v1/equity completer × race_ethnicity, same',
      make: () => ({ method: 'GET', path: '/api/v1/equity?outcome=completer&group=race_ethnicity' }) });
    kinds.push({ name: 'GET /api/v1/equity, distinct (outcome, region, years)', make: (i) => ({ method: 'GET', path: equityPath(i) }) });
    const warmup = 5;
    const out = { runs, warmup, serve_args: args, snapshot_ready_s: readyS, requests: [] };
    // The cube (Q4: ~67 k rows, a ~46 MB answer at 30 M rows) can be given
    // fewer requests (PL_ANALYTICS_HTTP_CUBE_RUNS) to keep the run short.
    const cubeRuns = Number(process.env.PL_ANALYTICS_HTTP_CUBE_RUNS ?? runs);
    for (const kind of kinds) {
      const times = [];
      const computed = [];  // the server's own time for answers it computed
      let kept = 0;
      let status = 'ok', bytes = 0;
      const n = kind.name.includes(' Q4') ? Math.min(runs, cubeRuns) : runs;
      for (let i = 0; i < warmup + n; i++) {
        const r = await send(agent, port, kind.make(i + 1000 * (i < warmup ? 1 : 0)), kind.session);
        if (r.status !== 200) { status = `HTTP ${r.status}: ${r.error ?? ''}`.trim(); break; }
        bytes = r.bytes;
        if (i < warmup) continue;
        times.push(r.ms);
        const t = answerTiming(r.timing);
        if (t?.how === 'kept') kept += 1;
        if (t?.how === 'computed' && t.dur !== null) computed.push(t.dur);
      }
      out.requests.push({ name: kind.name, status, median_ms: median(times), p95_ms: percentile(times, 95),
        max_ms: times.length ? Math.max(...times) : null, n: times.length, response_bytes: bytes,
        answers_kept: kept, answers_computed: computed.length, computed_server_median_ms: median(computed) });
      out.requests.at(-1).name += n !== runs ? ` (${n} requests)` : '';
      log(`http: ${kind.name}: ${status} median ${median(times)?.toFixed(2)} ms p95 ${percentile(times, 95)?.toFixed(2)} ms` +
        ` (kept ${kept}, computed ${computed.length}${computed.length ? `, server median ${median(computed).toFixed(2)} ms` : ''})`);
    }
    return out;
  } finally {
    agent.destroy();
    await stop();
  }
}
