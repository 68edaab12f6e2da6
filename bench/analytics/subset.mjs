// Nested, whole-student subsets of the state-scale synthetic data set.
//
//   node subset.mjs STATE_DIR THREADS N:OUT_DIR [N:OUT_DIR ...]
//
// Students are ordered by a hash of their key and taken in that order, with
// all their student-year rows, until the next student would pass N rows. So
// every size is a pseudo-random sample of students from every county and
// every cohort (the generator writes county by county, so "the first N rows
// of the file" would be a few counties only), the 1 M sample is inside the
// 10 M one, which is inside the 30 M one, and a student's years are never
// split. Rows keep the file's order (sorted by student key), which is what
// `pathlight import` loads fastest. Prints one JSON line: {N: {rows, students}}.

import { closeSync, copyFileSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [stateDir, threads, ...targets] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads), preserve_insertion_order: 'true' });
const db = await instance.connect();
const csv = (name) => `read_csv('${join(stateDir, name)}', header = true, all_varchar = true, auto_detect = false, ` +
  `columns = {${header(name).map((c) => `'${c}': 'VARCHAR'`).join(', ')}}, nullstr = '')`;

function header(name) {
  const fd = openSync(join(stateDir, name), 'r');
  const buffer = Buffer.alloc(4096);
  const length = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  return buffer.subarray(0, length).toString('utf8').split('\n')[0].split(',');
}

// Rows per student, keyed by the hash; then the running total in hash order.
await db.run(`CREATE TABLE per_student AS
  SELECT hash(student_key) AS h, COUNT(*) AS c FROM ${csv('student_years.csv')} GROUP BY 1`);
await db.run(`CREATE TABLE running AS
  SELECT h, SUM(c) OVER (ORDER BY h ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS total FROM per_student`);

const summary = {};
for (const target of targets) {
  const [n, outDir] = target.split(':');
  const r = (await db.runAndReadAll(`SELECT MAX(h)::VARCHAR, MAX(total)::BIGINT, COUNT(*)::BIGINT FROM running WHERE total <= ${Number(n)}`)).getRows()[0];
  const cutoff = r[0];
  if (cutoff === null) throw new Error(`no student fits in ${n} rows`);
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(stateDir, 'organizations.csv'), join(outDir, 'organizations.csv'));
  for (const name of ['students.csv', 'student_years.csv']) {
    await db.run(`COPY (SELECT * FROM ${csv(name)} WHERE hash(student_key) <= ${cutoff}::UBIGINT)
      TO '${join(outDir, name)}' (FORMAT csv, HEADER true)`);
  }
  summary[n] = { rows: Number(r[1]), students: Number(r[2]) };
}
process.stdout.write(JSON.stringify(summary) + '\n');
