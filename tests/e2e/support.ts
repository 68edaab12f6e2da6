// The real parts the browser tests drive: the `pathlight` binary serving a
// generated database and the built web application, and Debian's chromium
// through playwright-core. Nothing is downloaded.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import axe from 'axe-core';
import type { JobList } from '../../web/src/api/types.gen';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const distDir = join(repoRoot, 'web', 'dist');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 390, height: 844 };

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

export interface Credentials {
  email: string;
  password: string;
}

export interface Server {
  url: string;
  port: number;
  log: string[];
  /**
   * The administrator account `serve --demo` creates on an empty database,
   * read from the line it prints once on stdout:
   * `Administrator: admin@pathlight.local  password: <PASSWORD> (shown once; ...)`.
   * Waits for that line (it may come after the server listens); rejects when
   * it has not come within `timeoutMs` (a database that already had users).
   */
  administrator(timeoutMs?: number): Promise<Credentials>;
  stop(): Promise<void>;
}

const administratorLine = /Administrator:\s+(\S+@\S+)\s+password:\s+(\S+)/;

/** The administrator's e-mail and password in a line of the server's output, if it is that line. */
export function parseAdministratorLine(line: string): Credentials | null {
  const m = administratorLine.exec(line);
  return m ? { email: m[1] as string, password: m[2] as string } : null;
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
  const lineListeners = new Set<(line: string) => void>();
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`pathlight serve did not start in 60 s:\n${log.join('\n')}`)), 60_000);
    // Whole lines only: a chunk of output can end in the middle of one.
    const lines = () => {
      let rest = '';
      return (chunk: Buffer) => {
        const parts = (rest + chunk.toString()).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts.filter(Boolean)) {
          log.push(line);
          for (const l of lineListeners) l(line);
          const m = /serving http:\/\/[^:/]+:(\d+)\//.exec(line);
          if (m) {
            clearTimeout(timer);
            done(Number(m[1]));
          }
        }
      };
    };
    child.stderr?.on('data', lines());
    child.stdout?.on('data', lines());
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`pathlight serve exited (${code}) before listening:\n${log.join('\n')}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    administrator(timeoutMs = 60_000) {
      for (const line of log) {
        const found = parseAdministratorLine(line);
        if (found) return Promise.resolve(found);
      }
      return new Promise<Credentials>((done, fail) => {
        const listener = (line: string) => {
          const found = parseAdministratorLine(line);
          if (!found) return;
          clearTimeout(timer);
          lineListeners.delete(listener);
          done(found);
        };
        const timer = setTimeout(() => {
          lineListeners.delete(listener);
          fail(new Error(`pathlight serve printed no "Administrator: ... password: ..." line in ${timeoutMs} ms`));
        }, timeoutMs);
        lineListeners.add(listener);
      });
    },
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

/**
 * Waits until the demo data set that `serve --demo` loads on an empty
 * database has loaded: its job succeeded. Fails at once when the job ends
 * otherwise, and after `timeoutMs` (3 minutes) without an end.
 */
export async function demoLoaded(server: Server, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const jobs = await api<JobList>(server, '/api/v1/jobs');
    const demo = jobs.jobs.find((j) => j.kind === 'demo');
    if (demo?.state === 'succeeded') return;
    if (demo && demo.state !== 'running') throw new Error(`the demo job ended ${demo.state}: ${demo.message ?? ''}`);
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error(`the demo data set did not load in ${Math.round(timeoutMs / 1000)} s`);
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
  // Evaluated through the DevTools protocol rather than added as an inline
  // <script>: the server's Content-Security-Policy (script-src 'self') refuses those.
  await page.evaluate(axe.source);
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

/** What a browser test file works with: a server on its own demo database, and one browser. */
export interface DemoSession {
  dir: string;
  server: Server;
  browser: Browser;
  context: BrowserContext;
}

/**
 * Starts a server on a new database (`name`.db in a scratch folder) that
 * loads the medium demo data set, waits until it is in and until `ready`
 * says the file's own routes answer, then opens the browser (desktop size,
 * US English, downloads allowed).
 */
export async function startDemoSession(name: string, ready?: (server: Server) => Promise<void>): Promise<DemoSession> {
  const session: Partial<DemoSession> = { dir: scratchDir() };
  try {
    session.server = await startServer({ db: join(session.dir as string, `${name}.db`), demo: 'medium' });
    await demoLoaded(session.server);
    if (ready) await ready(session.server);
    session.browser = await launchBrowser();
    session.context = await session.browser.newContext({ viewport: desktop, acceptDownloads: true, locale: 'en-US' });
    return session as DemoSession;
  } catch (e) {
    // Nothing is left running when the set-up fails half-way (the caller never gets the session).
    await endDemoSession(session);
    throw e;
  }
}

/** Closes what startDemoSession opened, whatever part of it did open. */
export async function endDemoSession(session: Partial<DemoSession>): Promise<void> {
  await session.context?.close();
  await session.browser?.close();
  await session.server?.stop();
  if (session.dir) rmSync(session.dir, { recursive: true, force: true });
}

/** Opens `path` of `server` in a new page of `context` at `viewport`, watching its errors, and waits until it settles. */
export async function openPage(
  context: BrowserContext,
  server: Server,
  path: string,
  viewport = desktop,
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = watchErrors(page);
  await page.goto(server.url + path);
  await settle(page);
  return { page, errors };
}
