// Child processes for the harness: run one to completion and collect its
// output, wall time and (through GNU time) peak resident memory.

import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

export function log(...parts) {
  process.stderr.write(`[analytics ${new Date().toISOString().slice(11, 19)}] ${parts.join(' ')}\n`);
}

// Runs cmd with args. Options: cwd, env, input (string for stdin), stdoutFile
// (stdout goes there instead of being captured), allowFail, quiet, maxRss
// (wrap in /usr/bin/time to report the child's peak RSS in kB).
// Resolves {code, stdout, stderr, ms, maxRssKb}; rejects on a non-zero exit
// unless allowFail.
export function run(cmd, args = [], options = {}) {
  let argv = [cmd, ...args];
  if (options.maxRss) argv = ['/usr/bin/time', '-f', 'PL_MAXRSS_KB %M', ...argv];
  return new Promise((resolve, reject) => {
    const out = options.stdoutFile ? openSync(options.stdoutFile, 'w') : 'pipe';
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd, env: options.env ?? process.env,
      stdio: [options.input !== undefined ? 'pipe' : 'ignore', out, 'pipe'],
    });
    const start = performance.now();
    let stdout = '', stderr = '';
    if (child.stdout) child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    if (options.input !== undefined) child.stdin.end(options.input);
    child.on('error', (e) => { if (typeof out === 'number') closeSync(out); reject(e); });
    child.on('close', (code, signal) => {
      if (typeof out === 'number') closeSync(out);
      const ms = performance.now() - start;
      let maxRssKb = null;
      const m = stderr.match(/PL_MAXRSS_KB (\d+)\s*$/);
      if (m) { maxRssKb = Number(m[1]); stderr = stderr.slice(0, m.index); }
      const result = { code: code ?? 128, signal, stdout, stderr, ms, maxRssKb };
      if ((code !== 0 || signal) && !options.allowFail) {
        const err = new Error(`${argv.join(' ').slice(0, 300)} failed (${signal ?? `exit ${code}`}):\n${stderr.slice(-3000)}`);
        err.result = result;
        reject(err);
      } else resolve(result);
    });
  });
}

export function median(values) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(values, p) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length) - 1;  // nearest-rank
  return s[Math.min(s.length - 1, Math.max(0, rank))];
}
