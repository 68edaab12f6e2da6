// The real parts the browser tests drive: the `pathlight` binary serving a
// generated database and the built web application, and Debian's chromium
// through playwright-core. Nothing is downloaded.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import axe from 'axe-core';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const distDir = join(repoRoot, 'web', 'dist');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');

export function pathlightBinary(): string {
  const bin = resolve(repoRoot, process.env.PATHLIGHT_BIN ?? 'build/dev/pathlight');
  if (!existsSync(bin)) {
    throw new Error(`no pathlight binary at ${bin}: build it (make build-dev) or set PATHLIGHT_BIN`);
  }
  return bin;
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'pathlight-e2e-'));
}

export interface ServerOptions {
  db: string;
  port?: number;
  demo?: 'small' | 'medium';
  minN?: number;
}

export interface Server {
  url: string;
  port: number;
  log: string[];
  stop(): Promise<void>;
}

/** Starts `pathlight serve` and resolves once it says where it listens. */
export async function startServer(options: ServerOptions): Promise<Server> {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`no built web application in ${distDir}: run npm run build in web/`);
  }
  const args = [
    'serve',
    '--db', `sqlite:${options.db}`,
    '--port', String(options.port ?? 0),
    '--static-dir', distDir,
    '--data-dir', join(repoRoot, 'data'),
    '--threads', '2',
  ];
  if (options.demo) args.push('--demo', options.demo);
  if (options.minN) args.push('--min-n', String(options.minN));
  // Next to the database: the demo writes its generated CSV files under the working directory.
  const child: ChildProcess = spawn(pathlightBinary(), args, { cwd: dirname(options.db), stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`pathlight serve did not start in 60 s:\n${log.join('\n')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        log.push(line);
        const m = /serving http:\/\/[^:/]+:(\d+)\//.exec(line);
        if (m) {
          clearTimeout(timer);
          done(Number(m[1]));
        }
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`pathlight serve exited (${code}) before listening:\n${log.join('\n')}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Debian's chromium, headless, with a fresh temporary profile (Playwright makes one per launch). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function api<T>(server: Server, path: string): Promise<T> {
  const response = await fetch(server.url + path);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Waits until the page shows its heading and nothing is loading any more. */
export async function settle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => !!document.querySelector('main h1')?.textContent && !document.querySelector('.loading'),
    null,
    { timeout },
  );
}

export interface AxeSummary {
  violations: { id: string; impact: string | null | undefined; help: string; nodes: number; targets: string[] }[];
}

/** Runs axe-core in the page; returns every violation with its impact. */
export async function runAxe(page: Page): Promise<AxeSummary> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return { violations };
}

export function seriousOrWorse(summary: AxeSummary) {
  return summary.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true });
}

/** Collects what the browser tests measure, written to test-results/e2e/metrics.json. */
export function recordMetric(name: string, value: unknown): void {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, 'metrics.json');
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  all[name] = value;
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
}

/** Page errors and console errors, so a broken page fails the test that opened it. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}
