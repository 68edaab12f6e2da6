// A throwaway PostgreSQL 15 server for the benchmark: initdb in a new
// temporary directory, a random free port on 127.0.0.1, trust authentication,
// and settings for a read-mostly analytics run on this machine (below). Run as
// `nobody` when the harness runs as root (initdb and postgres refuse root),
// like tests/support/postgres_server.hpp. stop() shuts it down and deletes the
// directory; the harness also calls it on SIGINT/SIGTERM and on exit.

import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { log, run } from './proc.mjs';

export function findBindir() {
  if (process.env.PL_PG_BINDIR) return process.env.PL_PG_BINDIR;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'postgres'))) return join(base, v, 'bin');
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

// Settings, and why: the machine has 2 cores and 24 GB; the benchmark loads
// once and then only reads. Durability is off (the data are thrown away).
export function serverSettings({ sharedBuffersMb, workers, jit = 'off' }) {
  return {
    shared_buffers: `${sharedBuffersMb}MB`,   // the whole table fits at 1 M and 10 M rows; most of it at 30 M
    effective_cache_size: '16GB',              // the OS page cache holds the rest
    work_mem: '512MB',                         // hash aggregates and sorts of Q4/Q6 stay in memory
    hash_mem_multiplier: '2',
    maintenance_work_mem: '1GB',
    max_worker_processes: '8',
    max_parallel_workers: String(workers),
    max_parallel_workers_per_gather: String(workers),  // leader + workers = cores
    parallel_leader_participation: 'on',
    jit,  // off by default: see bench/README.md for the measurement (PL_ANALYTICS_PG_JIT=on to compare)
    fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off',
    wal_level: 'minimal', max_wal_senders: '0', max_wal_size: '16GB', checkpoint_timeout: '1h',
    autovacuum: 'off',  // VACUUM ANALYZE is run once after the load
    listen_addresses: '127.0.0.1',
  };
}

export async function startPostgres({ bindir, tmpBase, settings, name }) {
  const asRoot = process.getuid() === 0;
  const dir = mkdtempSync(join(tmpBase, 'plbench-pg.'));
  const data = join(dir, 'data');
  let prefix = [];
  if (asRoot) {
    const uid = Number((await run('id', ['-u', 'nobody'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'nobody'])).stdout.trim());
    chownSync(dir, uid, gid);
    prefix = ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'];
  }
  const as = (cmd, args) => (prefix.length ? [prefix[0], [...prefix.slice(1), cmd, ...args]] : [cmd, args]);
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
  const [c1, a1] = as(join(bindir, 'initdb'), ['-D', data, '-U', 'pathlight', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  await run(c1, a1, { env, cwd: dir });

  let postmaster = null, port = null, stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (postmaster && postmaster.exitCode === null) {
      const exited = new Promise((r) => postmaster.once('exit', r));
      postmaster.kill('SIGINT');  // fast shutdown
      const timer = setTimeout(() => postmaster.kill('SIGKILL'), 20000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  for (let attempt = 0; attempt < 5 && !postmaster; attempt++) {
    port = await freePort();
    const args = ['-D', data, '-p', String(port), '-k', dir, '-c', `cluster_name=plbench-${name}`];
    for (const [k, v] of Object.entries(settings)) args.push('-c', `${k}=${v}`);
    const [c, a] = as(join(bindir, 'postgres'), args);
    const child = spawn(c, a, { env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let logText = '';
    child.stderr.on('data', (d) => { logText = (logText + d).slice(-8000); });
    const ready = await waitReady(port, child);
    if (ready) { postmaster = child; break; }
    if (/could not bind|Address already in use/.test(logText)) continue;
    await stop();
    throw new Error(`PostgreSQL did not start:\n${logText}`);
  }
  if (!postmaster) { await stop(); throw new Error('PostgreSQL: no free port after 5 attempts'); }
  const url = `postgresql://pathlight@127.0.0.1:${port}/postgres`;
  const version = (await run('psql', ['-X', '-At', url, '-c', 'SHOW server_version'])).stdout.trim();
  log(`postgresql ${version} on 127.0.0.1:${port} (${asRoot ? 'as nobody' : 'as this user'}), data in ${dir}`);
  return { url, port, dir, version, stop, pid: postmaster.pid };
}

async function waitReady(port, child) {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const r = await run('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(port)], { allowFail: true });
    if (r.code === 0) return true;
    await new Promise((res) => setTimeout(res, 200));
  }
  return false;
}
