// One DuckDB run, in its own process so that its peak memory (VmHWM) is
// DuckDB's and not the harness's: loads the flat CSV into an in-memory
// database, then for each query one warm-up (whose result is saved) and N
// timed runs, each fully materialised as JavaScript values.
//
//   node duckdb_worker.mjs CONFIG.json
// CONFIG: {"csv", "columns": [[name, type]...], "threads", "runs", "out_dir",
//          "queries": [{"id", "sql"}]}
// Writes out_dir/<id>.json ({columns, rows}) and prints one JSON line of
// timings on stdout.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

function vmHwmKb() {
  const m = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return m ? Number(m[1]) : null;
}

function toJson(value) {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return String(value);  // decimals, dates: their text
  return value;
}

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const instance = await DuckDBInstance.create(':memory:', { threads: String(config.threads) });
const connection = await instance.connect();

const columns = config.columns.map(([n, t]) => `'${n}': '${t}'`).join(', ');
const t0 = performance.now();
await connection.run(`CREATE TABLE flat AS SELECT * FROM read_csv('${config.csv}', header = true, ` +
  `columns = {${columns}}, nullstr = '', auto_detect = false)`);
const loadMs = performance.now() - t0;
const rowCount = Number((await connection.runAndReadAll('SELECT COUNT(*) FROM flat')).getRows()[0][0]);
const afterLoadKb = vmHwmKb();

const out = {
  version: (await connection.runAndReadAll('SELECT version()')).getRows()[0][0],
  threads: Number((await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0]),
  load_ms: loadMs, rows: rowCount, vmhwm_after_load_kb: afterLoadKb, queries: {},
};

async function runOnce(sql) {
  const start = performance.now();
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRows();  // every value converted to JavaScript: fully materialised
  return { ms: performance.now() - start, rows, names: reader.columnNames() };
}

for (const q of config.queries) {
  const warm = await runOnce(q.sql);
  writeFileSync(join(config.out_dir, `${q.id}.json`),
    JSON.stringify({ columns: warm.names, rows: warm.rows.map((r) => r.map(toJson)) }));
  const runs = [];
  for (let i = 0; i < config.runs; i++) runs.push((await runOnce(q.sql)).ms);
  out.queries[q.id] = { runs_ms: runs, rows: warm.rows.length, vmhwm_kb: vmHwmKb() };
}
out.vmhwm_kb = vmHwmKb();
process.stdout.write(JSON.stringify(out) + '\n');
