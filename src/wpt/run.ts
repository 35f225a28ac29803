/**
 * Runs the WPT `websockets/` suite on every implementation and records the
 * results (`.cache/evidence/wpt.json`).
 *
 *   node src/wpt/run.ts                      every implementation
 *   node src/wpt/run.ts wsspec undici        only these
 *   WSSPEC_WPT_FILTER=Close- node src/wpt/run.ts wsspec   only test URLs containing "Close-"
 *
 * Runtimes (ours, undici, Bun, Deno) run each test URL in a process of its
 * own (src/wpt/host/runtime-host.ts, bundled once per run, on the page the
 * runner prepared: host-pages.ts); browsers navigate a test window (one
 * page per slot, src/engines) to it and read the harness's results.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentRunInfo } from '../evidence/run-info.ts';
import { notApplicable, RUNTIME_HOSTED } from './applicability.ts';
import { makeCertificate } from './certificate.ts';
import { clausesOf } from './clauses.ts';
import { HostPages } from './host-pages.ts';
import { Spawner } from './spawner.ts';
import type { HarnessStatus, Result, SubtestStatus, WptImplementation, WptImplementationInfo, WptRunFile, WptTestRecord } from './results.ts';
import { WPT_IMPLEMENTATIONS, writeWptFile } from './results.ts';
import { RESULT_MARK } from './host/runtime-host-mark.ts';
import type { BrowserPage, BrowserSession } from '../engines/index.ts';
import { startWptServer } from './server.ts';
import type { WptServer } from './server.ts';
import { listTests, wptDir } from './suite.ts';
import type { WptTest } from './suite.ts';

const HOST = fileURLToPath(new URL('./host/runtime-host.ts', import.meta.url));

/**
 * The runtime host as one ES module, our class in a chunk of its own that
 * only `wsspec` loads: Node would otherwise strip the types of, and resolve,
 * some forty modules in every one of its few hundred host processes.
 */
async function bundleHost(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [HOST],
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  return join(dir, 'runtime-host.mjs');
}

/** testharness.js's own timeouts: 10 s, and 60 s for `timeout=long`, times the multiplier. */
export function testTimeout(test: WptTest, multiplier = 1): number {
  return (test.meta.long ? 60_000 : 10_000) * multiplier;
}

/** What the harness reported (report hook in server.ts), as the host or page returns it. */
interface HarnessReport {
  status: number;
  message: string | null;
  tests: Array<{ name: string; status: number; message: string | null }>;
}

export interface FileOutcome {
  harness: Result<HarnessStatus>;
  subtests: Array<{ name: string } & Result<SubtestStatus>>;
}

const HARNESS: readonly HarnessStatus[] = ['OK', 'ERROR', 'TIMEOUT', 'PRECONDITION_FAILED'];
const SUBTEST: readonly SubtestStatus[] = ['PASS', 'FAIL', 'TIMEOUT', 'NOTRUN', 'PRECONDITION_FAILED'];

function withMessage<S extends string>(status: S, message: string | null | undefined): Result<S> {
  return message ? { status, message: message.length > 600 ? `${message.slice(0, 600)}…` : message } : { status };
}

export function toOutcome(report: HarnessReport): FileOutcome {
  return {
    harness: withMessage(HARNESS[report.status] ?? 'ERROR', report.message),
    subtests: report.tests.map((t) => ({ name: t.name, ...withMessage(SUBTEST[t.status] ?? 'FAIL', t.status === 0 ? null : t.message) })),
  };
}

function failed(message: string, status: HarnessStatus = 'ERROR'): FileOutcome {
  return { harness: { status, message }, subtests: [] };
}

// ─── Runtimes ─────────────────────────────────────────────────────────────

interface RuntimeContext {
  server: WptServer;
  timeoutMultiplier: number;
  /** The bundled host (bundleHost). */
  host: string;
  pages: HostPages;
  /** Starts the host processes (their environment: runWpt). */
  spawner: Spawner;
  certFile: string;
}

/** The host's command line: Node for ours and undici; Bun and Deno as src/engines runs them (Deno also told the page URL and the certificate). */
function hostCommand(engines: Engines, implementation: WptImplementation, url: string, pageFile: string, timeout: number, ctx: RuntimeContext): { command: string; args: string[] } {
  const args = [pageFile, implementation === 'wsspec' ? 'wsspec' : 'native', String(timeout)];
  switch (implementation) {
    case 'wsspec':
    case 'undici':
      return { command: process.execPath, args: [ctx.host, ...args] };
    case 'bun':
      return engines.runtimeCommand('bun', ctx.host, args);
    case 'deno': {
      const command = engines.runtimeCommand('deno', ctx.host, args);
      const at = command.args.indexOf(ctx.host);
      command.args.splice(at, 0, `--location=${url}`, `--cert=${ctx.certFile}`);
      return command;
    }
    default:
      throw new Error(`${implementation} is not a runtime`);
  }
}

type Engines = typeof import('../engines/index.ts');

async function runInRuntime(engines: Engines, implementation: WptImplementation, test: WptTest, ctx: RuntimeContext): Promise<FileOutcome> {
  const url = (test.https ? ctx.server.httpsOrigin : ctx.server.httpOrigin) + test.url;
  const timeout = testTimeout(test, ctx.timeoutMultiplier);
  let pageFile: string;
  try {
    pageFile = await ctx.pages.page(url);
  } catch (error) {
    return failed(`the runner could not load the page: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { command, args } = hostCommand(engines, implementation, url, pageFile, timeout, ctx);
  const { code, signal, stdout, stderr } = await ctx.spawner.run(command, args, timeout + 60_000);
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (line === undefined) return failed(`the host ended (${code ?? signal}) without results: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return toOutcome(JSON.parse(line.slice(RESULT_MARK.length)) as HarnessReport);
}

// ─── Browsers ─────────────────────────────────────────────────────────────

/** Waits in the page for the report hook's results. */
const READ_RESULTS = `new Promise((resolve) => { const check = () => self.__wsspecWpt ? resolve(self.__wsspecWpt) : setTimeout(check, 50); check(); })`;

/** Chains `step` after the previous one on `session`: pages of one browser are opened and closed one at a time (Firefox's BiDi loses a browsing context created while another closes). */
const lifecycle = new WeakMap<BrowserSession, Promise<unknown>>();
function oneAtATime<T>(session: BrowserSession, step: () => Promise<T>): Promise<T> {
  const result = (lifecycle.get(session) ?? Promise.resolve()).then(step, step);
  lifecycle.set(session, result.catch(() => {}));
  return result;
}

const LOST_PAGE = /no such frame|BrowsingContext does no longer exist|Target closed|Session closed|no such window|page is closed/i;

/**
 * One slot's test window, as wptrunner keeps one: a page opened once and
 * navigated from test URL to test URL (a new page per URL costs a browsing
 * context and, in Chromium, a renderer process each time). A page that
 * failed to report is closed, and the next URL opens a new one.
 */
class TestWindow {
  private page: BrowserPage | null = null;
  private readonly session: BrowserSession;

  constructor(session: BrowserSession) {
    this.session = session;
  }

  /**
   * Runs one test URL. A page the driver lost before the test could report
   * (Firefox's BiDi: "no such frame", "BrowsingContext does no longer
   * exist") says nothing about the engine's WebSocket: the URL is run once
   * more in a new page, and only a second loss is recorded as an ERROR.
   */
  async run(test: WptTest, server: WptServer, timeoutMultiplier: number): Promise<FileOutcome> {
    const first = await this.attempt(test, server, timeoutMultiplier);
    return first.lostPage ? (await this.attempt(test, server, timeoutMultiplier)).outcome : first.outcome;
  }

  async close(): Promise<void> {
    const page = this.page;
    this.page = null;
    if (page !== null) await oneAtATime(this.session, () => page.close()).catch(() => {});
  }

  private async attempt(test: WptTest, server: WptServer, timeoutMultiplier: number): Promise<{ outcome: FileOutcome; lostPage: boolean }> {
    const url = (test.https ? server.httpsOrigin : server.httpOrigin) + test.url;
    try {
      if (this.page === null) this.page = await oneAtATime(this.session, () => this.session.openPage(url));
      else await this.page.goto(url);
      const report = await this.page.evaluate<HarnessReport>(READ_RESULTS, testTimeout(test, timeoutMultiplier) + 30_000);
      return { outcome: toOutcome(report), lostPage: false };
    } catch (error) {
      await this.close();
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: failed(`the page gave no results: ${message}`), lostPage: LOST_PAGE.test(message) };
    }
  }
}

// ─── The run ──────────────────────────────────────────────────────────────

/**
 * The order an implementation's test URLs are handed to its slots: the files
 * the suite marks `timeout=long` first (they wait for seconds, up to their
 * 60 s timeout where an engine fails them: started last, one would hold the
 * run's end while the other slots idle), then http before https (a browser's
 * test window crosses from one site to the other once).
 */
export function runOrder(tests: readonly WptTest[]): WptTest[] {
  return [...tests].sort((a, b) => Number(b.meta.long) - Number(a.meta.long) || Number(a.https) - Number(b.https));
}

/** The few test URLs that took longest, for the run's log (where a slot's time went). */
class Slowest {
  readonly #entries: Array<{ url: string; ms: number }> = [];
  readonly #keep: number;

  constructor(keep: number) {
    this.#keep = keep;
  }

  note(url: string, ms: number): void {
    this.#entries.push({ url, ms });
    this.#entries.sort((a, b) => b.ms - a.ms);
    this.#entries.length = Math.min(this.#entries.length, this.#keep);
  }

  toString(): string {
    return this.#entries.map((entry) => `${entry.url} ${(entry.ms / 1000).toFixed(1)} s`).join(', ');
  }
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  });
  await Promise.all(workers);
}

export interface RunOptions {
  implementations?: readonly WptImplementation[];
  /** Only test URLs containing this string. */
  filter?: string;
  /** Processes at a time per runtime. Default 4. */
  runtimeConcurrency?: number;
  /** wptrunner's --timeout-multiplier. Default: $WSSPEC_WPT_TIMEOUT_MULTIPLIER, else 1. */
  timeoutMultiplier?: number;
  /** Pages at a time per browser: in one Chromium or Firefox, or in as many WebKit sessions (one page each). Default 3. */
  browserConcurrency?: number;
  log?: (line: string) => void;
}

/** Runs the suite and returns the file to record (not written: see `writeWptFile`). */
export async function runWpt(options: RunOptions = {}): Promise<WptRunFile> {
  const started = Date.now();
  const runInfo = currentRunInfo();
  const root = wptDir();
  if (root === null) throw new Error('The WPT suite is missing: set WSSPEC_WPT_DIR, or put it at ../shared/wpt beside the repository.');
  const credentials = makeCertificate();
  if (credentials === null) throw new Error('openssl is needed to make the test certificate (apt-get install -y openssl).');
  const tmp = mkdtempSync(join(tmpdir(), 'wsspec-wpt-'));
  const certFile = join(tmp, 'cert.pem');
  // What the runtimes trust (NODE_EXTRA_CA_CERTS, Deno's --cert): the authority, as with wptserve's CA.
  writeFileSync(certFile, credentials.ca);
  const multiplier = options.timeoutMultiplier ?? Number(process.env['WSSPEC_WPT_TIMEOUT_MULTIPLIER'] ?? 1);
  const server = await startWptServer(root, credentials, { timeoutMultiplier: multiplier });
  const pagesDir = join(tmp, 'pages');
  mkdirSync(pagesDir);
  const pages = new HostPages(pagesDir, credentials.ca);
  let host: Promise<string> | null = null;
  // The hosts trust the test server's authority (Node: NODE_EXTRA_CA_CERTS; Deno: --cert in hostCommand),
  // share Node's compile cache (the bundle is compiled once per run), and stay quiet (no update checks).
  const spawner = new Spawner({
    ...process.env,
    NODE_EXTRA_CA_CERTS: certFile,
    NODE_COMPILE_CACHE: join(tmp, 'compile-cache'),
    DENO_NO_UPDATE_CHECK: '1',
    DO_NOT_TRACK: '1',
    NO_COLOR: '1',
  });
  const log = options.log ?? (() => {});
  const implementations = options.implementations ?? WPT_IMPLEMENTATIONS;
  const tests = listTests(root).filter((t) => options.filter === undefined || t.url.includes(options.filter));
  const outcomes = new Map<WptImplementation, Map<string, FileOutcome>>();
  const infos: Partial<Record<WptImplementation, WptImplementationInfo>> = {};

  try {
    const engines = await import('../engines/index.ts');
    await Promise.all(
      implementations.map(async (implementation) => {
        const results = new Map<string, FileOutcome>();
        outcomes.set(implementation, results);
        const runnable = runOrder(tests.filter((test) => notApplicable(test, implementation) === null));
        const missing = engines.engineMissing(implementation);
        const description = engines.ENGINES[implementation];
        if (missing !== null) {
          infos[implementation] = { label: description.label, version: '', source: description.source, missing: `${missing.reason} (${missing.install})` };
          return;
        }
        const t0 = Date.now();
        const slowest = new Slowest(3);
        if (RUNTIME_HOSTED.includes(implementation)) {
          const info = await engines.engineInfo(implementation);
          infos[implementation] = { label: info.label, version: info.version, source: info.source, missing: null };
          host ??= bundleHost(join(tmp, 'host'));
          const ctx = { server, timeoutMultiplier: multiplier, host: await host, pages, spawner, certFile };
          await pool(runnable, options.runtimeConcurrency ?? 4, async (test) => {
            const t1 = Date.now();
            results.set(test.url, await runInRuntime(engines, implementation, test, ctx));
            slowest.note(test.url, Date.now() - t1);
          });
        } else {
          const id = implementation as 'chromium' | 'firefox' | 'webkit';
          const sessions: BrowserSession[] = [];
          try {
            const count = options.browserConcurrency ?? 3;
            const queue = [...runnable];
            // Chromium and Firefox open several pages at once in one browser
            // (a launch costs seconds of CPU); WebKitWebDriver drives one page
            // per session, so WebKit gets a session per slot.
            const shared = id === 'webkit' ? null : engines.launchBrowser(id, { acceptInsecureCerts: true });
            if (shared !== null) sessions.push(await shared);
            await Promise.all(
              Array.from({ length: count }, async () => {
                const session = shared !== null ? await shared : await engines.launchBrowser(id, { acceptInsecureCerts: true });
                if (shared === null) sessions.push(session);
                infos[implementation] ??= { label: session.info.label, version: session.info.version, source: session.info.source, missing: null };
                const window = new TestWindow(session);
                try {
                  for (let test = queue.shift(); test !== undefined; test = queue.shift()) {
                    const t1 = Date.now();
                    results.set(test.url, await window.run(test, server, multiplier));
                    slowest.note(test.url, Date.now() - t1);
                  }
                } finally {
                  await window.close();
                }
              }),
            );
          } catch (error) {
            infos[implementation] ??= { label: description.label, version: '', source: description.source, missing: `could not launch: ${String(error)}` };
          } finally {
            await Promise.all(sessions.map((s) => s.close().catch(() => {})));
          }
        }
        log(`${implementation}: ${results.size} test URLs in ${((Date.now() - t0) / 1000).toFixed(1)} s (slowest: ${slowest})`);
      }),
    );
  } finally {
    spawner.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }

  const records: WptTestRecord[] = tests.map((test) => {
    const record: WptTestRecord = { path: test.url, file: test.file, scope: test.scope, variant: test.variant, clauses: clausesOf(test.file), harness: {}, subtests: [] };
    const byName = new Map<string, WptTestRecord['subtests'][number]>();
    for (const implementation of implementations) {
      const reason = notApplicable(test, implementation) ?? infos[implementation]?.missing ?? null;
      if (reason !== null) {
        record.harness[implementation] = { status: 'N/A', message: reason };
        continue;
      }
      const outcome = outcomes.get(implementation)?.get(test.url);
      if (outcome === undefined) continue;
      record.harness[implementation] = outcome.harness;
      for (const { name, ...result } of outcome.subtests) {
        let subtest = byName.get(name);
        if (subtest === undefined) {
          subtest = { name, results: {} };
          byName.set(name, subtest);
          record.subtests.push(subtest);
        }
        subtest.results[implementation] = result;
      }
    }
    // Where a file is N/A, each of its subtests is N/A there too, with the same reason.
    for (const implementation of implementations) {
      const harness = record.harness[implementation];
      if (harness?.status !== 'N/A') continue;
      for (const subtest of record.subtests) subtest.results[implementation] = { status: 'N/A', ...(harness.message !== undefined && { message: harness.message }) };
    }
    return record;
  });

  return {
    format: 'wsspec-wpt/1',
    run: { ...runInfo, timeoutMultiplier: multiplier, durationSeconds: Math.round((Date.now() - started) / 100) / 10, suite: `${root}/README.md` },
    implementations: infos,
    tests: records,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const named = process.argv.slice(2).filter((a): a is WptImplementation => (WPT_IMPLEMENTATIONS as readonly string[]).includes(a));
  const file = await runWpt({
    ...(named.length > 0 && { implementations: named }),
    ...(process.env['WSSPEC_WPT_FILTER'] && { filter: process.env['WSSPEC_WPT_FILTER'] }),
    log: (line) => console.log(line),
  });
  await writeWptFile(file);
  console.log(`recorded ${file.tests.length} test URLs in ${file.run.durationSeconds} s`);
}
