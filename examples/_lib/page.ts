/**
 * The browser half of the examples that need a browser: a page that runs a
 * script with the browser's own WebSocket, prints what it saw, and reports
 * it back to the example, which serves it.
 *
 * The same page runs in headless Chromium (the default: the example drives
 * it, reads the report and the console, and ends) and in the reader's own
 * browser (`--serve`: the example prints the page's URL and waits for its
 * report). The page's script is a self-contained function: it is sent to
 * the page as its source text, so it may use nothing from outside itself.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PATHS } from '../../src/engines/catalog.ts';
import { chromiumLaunchOptions } from '../../src/engines/chromium.ts';

const CHROMIUM_PATH = PATHS.chromium;

/** What a page's script gets: its configuration, and `print` to show a line on the page. */
export type PageScript<Config, Report> = (config: Config, print: (line: string) => void) => Promise<Report>;

export interface PageOptions<Config, Report> {
  title: string;
  /** A sentence or two above the output (plain text). */
  intro: string;
  script: PageScript<Config, Report>;
  config: Config;
  /** A page to go to once this one has reported (a chain of pages on several origins). */
  next?: string;
  /** JavaScript placed before the script, in the same module scope (e.g. a function the script calls). */
  prelude?: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The page: its script runs at once, prints into the page, and POSTs its report to /report. */
export function pageHtml<Config, Report>(options: PageOptions<Config, Report>): string {
  const config = JSON.stringify(options.config).replace(/</g, '\\u003c');
  const next = JSON.stringify(options.next ?? null);
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}pre{background:#f4f4f4;padding:1rem;overflow:auto}</style>
<main>
<h1>${escapeHtml(options.title)}</h1>
<p>${escapeHtml(options.intro)}</p>
<p>Open the developer tools' console too: what the browser tells you there, it never tells the script.</p>
<pre id="out" aria-live="polite"></pre>
</main>
<script type="module">
const out = document.getElementById('out');
const print = (line) => { out.textContent += line + '\\n'; };
${options.prelude ?? ''}
const script = ${options.script.toString()};
const next = ${next};
try {
  const report = await script(${config}, print);
  await fetch('/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ page: location.origin, userAgent: navigator.userAgent, report }) });
  print('(reported to the example)');
} catch (error) {
  print('failed: ' + error);
  await fetch('/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ page: location.origin, userAgent: navigator.userAgent, failure: String(error) }) });
}
if (next !== null) location.href = next;
</script>
</html>
`;
}

export interface PageReport<Report> {
  /** The origin of the page that reported. */
  page: string;
  userAgent: string;
  report?: Report;
  failure?: string;
}

/** Collects the pages' reports (POST /report on any of the example's HTTP servers). */
export class ReportCollector<Report> {
  readonly reports: Array<PageReport<Report>> = [];
  #waiters: Array<() => void> = [];

  /** Handles POST /report; returns false for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST' || req.url !== '/report') return false;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1024 * 1024) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        this.reports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as PageReport<Report>);
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
      for (const wake of this.#waiters.splice(0)) wake();
    });
    return true;
  }

  /** Resolves once `count` reports have arrived, or with null after `ms`. */
  async wait(count: number, ms: number): Promise<Array<PageReport<Report>> | null> {
    const deadline = Date.now() + ms;
    while (this.reports.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.reports.slice(0, count);
  }
}

export interface BrowserRun<Report> {
  /** `Chromium 156.0…` (headless), or the reader's browser's user agent. */
  browser: string;
  reports: Array<PageReport<Report>>;
  /** What the browser printed to its console (headless only: `error: …`). */
  console: string[];
  headless: boolean;
}

export interface BrowserOptions {
  /** The first page. */
  url: string;
  /** How many reports to wait for (one per page of the chain). */
  count?: number;
  /** Wait for the reader's browser instead of driving headless Chromium. */
  serve: boolean;
  /** Milliseconds to wait for the reports. */
  timeoutMs: number;
}

/**
 * Runs the page (and the pages it chains to) in headless Chromium, or waits
 * for the reader's browser to run it. Null when no browser reported in
 * time, or Chromium is not installed (the reason is printed).
 */
export async function runInBrowser<Report>(collector: ReportCollector<Report>, options: BrowserOptions): Promise<BrowserRun<Report> | null> {
  const count = options.count ?? 1;
  if (options.serve) {
    console.log(`Open ${options.url} in your browser (waiting ${Math.round(options.timeoutMs / 1000)} s for it; Ctrl-C to stop).`);
    console.log();
    const reports = await collector.wait(count, options.timeoutMs);
    if (reports === null) {
      console.log(`No browser ran the page within ${Math.round(options.timeoutMs / 1000)} s.`);
      return null;
    }
    return { browser: reports[0]!.userAgent, reports, console: [], headless: false };
  }
  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium, or set WSSPEC_CHROMIUM); run with --serve to use your own browser.`);
    return null;
  }
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    await page.goto(options.url);
    const reports = await collector.wait(count, options.timeoutMs);
    if (reports === null) {
      console.log(`Headless Chromium did not report within ${options.timeoutMs} ms.`);
      return null;
    }
    // The console line of a failure may come a moment after the script's events.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { browser: `Chromium ${browser.version()}`, reports, console: messages, headless: true };
  } finally {
    await browser.close();
  }
}

