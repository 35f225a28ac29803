/**
 * WebKit with its console: MiniBrowser launched directly (no WebDriver)
 * with --enable-write-console-messages-to-stdout=true, so that WebKit's
 * own messages ("WebSocket connection to '…' failed: …") reach us on its
 * stdout. Without WebDriver, scripts reach the page through a bridge: the
 * page includes `session.bridgeScript`, which long-polls this session's
 * loopback HTTP server for expressions and posts their results back.
 *
 *   const session = await launchWebKitConsole();
 *   // the page at url has <script src="${session.bridgeScript}"></script>
 *   const page = await session.openPage(url);
 *   await page.evaluate('1 + 1');   // 2
 *   page.consoleLines();            // ["error: WebSocket connection to …"]
 *
 * Each page is a MiniBrowser process of its own (about 1–2 s to start).
 */
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { ENGINES, PATHS } from './catalog.ts';
import { stopProcessGroup, track } from './process.ts';
import type { BrowserPage, BrowserSession } from './types.ts';
import { obtainDisplay } from './xvfb.ts';

export interface ConsoleBrowserSession extends BrowserSession {
  /** The URL of the script a page must include to be driven by this session. */
  bridgeScript: string;
}

/** The query parameter that tells the bridge script which page it runs in. */
const PAGE_PARAMETER = 'wsspec-bridge-page';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The bridge, as the page runs it: fetch an expression, evaluate it, post the result, again. */
function bridgeSource(origin: string): string {
  return `(() => {
  const origin = ${JSON.stringify(origin)};
  const id = new URLSearchParams(location.search).get('${PAGE_PARAMETER}');
  if (id === null) return;
  const post = (body) => fetch(origin + '/result?page=' + id, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) });
  async function loop() {
    for (;;) {
      let job;
      try {
        const response = await fetch(origin + '/next?page=' + id + '&href=' + encodeURIComponent(location.href));
        if (response.status === 410) return;
        if (response.status !== 200) continue;
        job = await response.json();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      Promise.resolve()
        .then(() => (0, eval)(job.expression))
        .then(
          (value) => post({ job: job.id, ok: true, value: value === undefined ? null : value }),
          (error) => post({ job: job.id, ok: false, error: error && error.stack ? String(error) + '\\n' + error.stack : String(error) }),
        );
    }
  }
  loop();
})();`;
}

/** "http://…:1:94: CONSOLE JS ERROR text" → "error: text" (the form Chromium's lines take). */
export function parseWebKitConsoleLine(line: string): string | null {
  const match = /CONSOLE (?:[A-Z]+ )?(LOG|ERROR|WARN|WARNING|INFO|DEBUG) (.*)$/.exec(line);
  if (match === null) return null;
  const level = { LOG: 'log', ERROR: 'error', WARN: 'warning', WARNING: 'warning', INFO: 'info', DEBUG: 'debug' }[match[1]!]!;
  return `${level}: ${match[2]}`;
}

export async function launchWebKitConsole(): Promise<ConsoleBrowserSession> {
  const display = await obtainDisplay();
  const { stdout } = await promisify(execFile)(PATHS.miniBrowser, ['--version'], { env: { ...process.env, DISPLAY: display.name } }).catch(() => ({ stdout: '' }));
  // MiniBrowser prints WebKitGTK's version, e.g. "WebKitGTK 2.50.6".
  const version = /(\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? 'unknown';

  /** Per page: jobs to hand out, the long poll waiting for one, the document's URL, and who waits for a document (at `expect`, when set) to say hello. */
  const queues = new Map<
    string,
    { jobs: Array<{ id: number; expression: string }>; waiting: ServerResponse | null; href: string | null; expect: string | null; onHello: (() => void) | null }
  >();
  const pending = new Map<number, Pending>();
  let nextJob = 1;
  let nextPage = 1;

  const send = (response: ServerResponse, status: number, body = '', type = 'application/json'): void => {
    response.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
    response.end(body);
  };
  const flush = (pageId: string): void => {
    const queue = queues.get(pageId);
    if (queue === undefined || queue.waiting === null || queue.jobs.length === 0) return;
    const response = queue.waiting;
    queue.waiting = null;
    send(response, 200, JSON.stringify(queue.jobs.shift()));
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const pageId = url.searchParams.get('page') ?? '';
    const queue = queues.get(pageId);
    if (url.pathname === '/bridge.js') return send(response, 200, bridgeSource(origin), 'text/javascript');
    if (queue === undefined) return send(response, 410);
    if (url.pathname === '/next') {
      queue.href = url.searchParams.get('href');
      // After goto(), the document being left keeps polling until it unloads: only the new one says hello.
      if (queue.expect === null || queue.href === queue.expect) {
        queue.onHello?.();
        queue.onHello = null;
      }
      if (queue.waiting !== null) send(queue.waiting, 204);
      queue.waiting = response;
      // Answer empty after 20 s, so that no proxy or timer drops the request; the page asks again.
      const timer = setTimeout(() => {
        if (queue.waiting === response) {
          queue.waiting = null;
          send(response, 204);
        }
      }, 20_000);
      response.on('close', () => clearTimeout(timer));
      return flush(pageId);
    }
    if (url.pathname === '/result' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        send(response, 204);
        const result = JSON.parse(body) as { job: number; ok: boolean; value?: unknown; error?: string };
        const waiter = pending.get(result.job);
        pending.delete(result.job);
        if (result.ok) waiter?.resolve(result.value);
        else waiter?.reject(new Error(`webkit: ${result.error}`));
      });
      return;
    }
    send(response, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pages = new Set<() => Promise<void>>();

  return {
    info: { id: 'webkit', label: ENGINES.webkit.label, version, source: ENGINES.webkit.source },
    bridgeScript: `${origin}/bridge.js`,
    async openPage(url: string): Promise<BrowserPage> {
      const pageId = String(nextPage++);
      const target = new URL(url);
      const lines: string[] = [];
      const hello = new Promise<void>((resolve) => {
        queues.set(pageId, { jobs: [], waiting: null, href: null, expect: null, onHello: resolve });
      });
      // The bridge script learns its page id from the page's URL.
      target.searchParams.set(PAGE_PARAMETER, pageId);
      const browser = track(spawn(PATHS.miniBrowser, ['--enable-write-console-messages-to-stdout=true', target.href], {
        env: { ...process.env, DISPLAY: display.name },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      }));
      let partial = '';
      const onData = (chunk: Buffer): void => {
        partial += chunk.toString();
        const complete = partial.split('\n');
        partial = complete.pop() ?? '';
        for (const text of complete) {
          const parsed = parseWebKitConsoleLine(text);
          // The bridge's own long poll is not the page's business.
          if (parsed !== null && !parsed.includes(origin)) lines.push(parsed);
        }
      };
      browser.stdout.on('data', onData);
      browser.stderr.on('data', onData);
      const closePage = async (): Promise<void> => {
        pages.delete(closePage);
        const queue = queues.get(pageId);
        if (queue?.waiting) send(queue.waiting, 410);
        queues.delete(pageId);
        await stopProcessGroup(browser);
      };
      pages.add(closePage);
      const started = await Promise.race([
        hello.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
        new Promise<boolean>((resolve) => browser.once('exit', () => resolve(false))),
      ]);
      if (!started) {
        await closePage();
        throw new Error(`webkit: the page at ${url} did not run the bridge script (${origin}/bridge.js) within 30 s`);
      }
      return {
        evaluate<T>(expression: string, timeoutMs = 60_000): Promise<T> {
          const id = nextJob++;
          return new Promise<T>((resolve, reject) => {
            const timer = setTimeout(() => {
              pending.delete(id);
              reject(new Error(`webkit: no result within ${timeoutMs} ms`));
            }, timeoutMs);
            pending.set(id, {
              resolve: (value) => {
                clearTimeout(timer);
                resolve(value as T);
              },
              reject: (error) => {
                clearTimeout(timer);
                reject(error);
              },
            });
            queues.get(pageId)?.jobs.push({ id, expression });
            flush(pageId);
          });
        },
        consoleLines: () => lines,
        async goto(next: string): Promise<void> {
          const queue = queues.get(pageId);
          if (queue === undefined) throw new Error('webkit: the page is closed');
          const target = new URL(next);
          target.searchParams.set(PAGE_PARAMETER, pageId);
          const arrived = new Promise<boolean>((resolve) => {
            queue.expect = target.href;
            queue.onHello = () => resolve(true);
          });
          lines.length = 0;
          queue.jobs.push({ id: nextJob++, expression: `location.assign(${JSON.stringify(target.href)})` });
          flush(pageId);
          const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000));
          if (!(await Promise.race([arrived, timeout]))) throw new Error(`webkit: the page at ${next} did not run the bridge script within 30 s`);
        },
        close: closePage,
      };
    },
    async close(): Promise<void> {
      for (const closePage of [...pages]) await closePage();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await display.close();
    },
  };
}
