/**
 * A testharness.js host for runtimes without a document: Node (with our
 * WebSocket class, or with undici's global one), Bun and Deno (with their
 * own). One process runs one test URL:
 *
 *   node src/wpt/host/runtime-host.ts <test URL> <wsspec|native> <timeout ms>
 *
 * It makes the global look enough like a window's for the harness and the
 * tests (`self`, `location` = the test URL, `addEventListener` with the
 * `error` and `unhandledrejection` events an uncaught exception raises,
 * `META_TITLE` = the page's title), fetches the page's scripts from the
 * test server and runs them in order as classic scripts in one turn, then
 * prints the harness's results as one line of JSON.
 *
 * Erasable TypeScript only, and no Node-only import but `node:vm` (which
 * Bun and Deno provide): the same file runs in all three runtimes.
 */
import { runInThisContext } from 'node:vm';
import { RESULT_MARK } from './runtime-host-mark.ts';

const g = globalThis as unknown as Record<string | symbol, unknown>;

const [pageUrl, implementation, timeoutArg] = (typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2)) as [string, string, string];
declare const Deno: { args: string[]; exit(code: number): never } | undefined;

const isDeno = typeof Deno !== 'undefined';
const timeoutMs = Number(timeoutArg);

function exit(code: number): never {
  if (isDeno) return Deno!.exit(code);
  return process.exit(code);
}

let reported = false;

function report(result: unknown): void {
  if (reported) return;
  reported = true;
  const line = RESULT_MARK + JSON.stringify(result) + '\n';
  if (isDeno || typeof process === 'undefined') console.log(line.trimEnd());
  else process.stdout.write(line);
  // Open connections must not keep the process: exit once the line is out.
  setTimeout(() => exit(0), 50);
}

async function main(): Promise<void> {
  const url = new URL(pageUrl);

  if (implementation === 'wsspec') {
    // Our class, with TCP/TLS. Trusts the test server's certificate through NODE_EXTRA_CA_CERTS, like undici.
    const api = await import('../../api/index.ts');
    // Its events are the platform's own MessageEvent and CloseEvent (Node 24's globals).
    g['WebSocket'] = api.WebSocket;
  } else if (typeof process !== 'undefined' && process.versions?.['node'] && !process.versions['bun'] && !isDeno) {
    // undici reads its origin (sent in Origin, and the base for relative URLs) from this symbol.
    g[Symbol.for('undici.globalOrigin.1')] = new URL(url.origin);
  }

  // A window-like global: self, location, the event target for uncaught errors.
  g['self'] = globalThis;
  g['window'] = globalThis;
  // (Deno's, from --location, is already the page's URL and cannot be redefined.)
  if (!isDeno) Object.defineProperty(globalThis, 'location', { value: url, configurable: true, writable: true });
  if (typeof g['addEventListener'] !== 'function') {
    const target = new EventTarget();
    g['addEventListener'] = target.addEventListener.bind(target);
    g['removeEventListener'] = target.removeEventListener.bind(target);
    g['dispatchEvent'] = target.dispatchEvent.bind(target);
  }
  const dispatch = (type: 'error' | 'unhandledrejection', error: unknown): void => {
    const event = new Event(type, { cancelable: true });
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    Object.defineProperties(event, { message: { value: message }, error: { value: error }, reason: { value: error } });
    (g['dispatchEvent'] as (event: Event) => boolean)(event);
  };
  if (isDeno) {
    // Deno raises these on the global itself; the harness listens; a default action would end the process.
    (g['addEventListener'] as EventTarget['addEventListener'])('error', (event) => event.preventDefault());
    (g['addEventListener'] as EventTarget['addEventListener'])('unhandledrejection', (event) => event.preventDefault());
  } else {
    process.on('uncaughtException', (error) => dispatch('error', error));
    process.on('unhandledRejection', (reason) => dispatch('unhandledrejection', reason));
  }

  // A document's fetch resolves a relative URL against the document's URL (idlharness fetches /interfaces/…).
  const platformFetch = globalThis.fetch.bind(globalThis);
  g['fetch'] = (input: RequestInfo | URL, init?: RequestInit) =>
    platformFetch(typeof input === 'string' ? new URL(input, url) : input, init);

  // The page's scripts, in document order: <script src> and inline ones.
  const page = await (await fetch(url)).text();
  const title = /<title>([\s\S]*?)<\/title>/i.exec(page)?.[1]?.trim();
  if (title) g['META_TITLE'] = title.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const scripts: Array<{ name: string; code: string }> = [];
  for (const match of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(match[1]!);
    if (src) {
      const scriptUrl = new URL(src[1] ?? src[2] ?? src[3]!, url);
      const response = await fetch(scriptUrl);
      scripts.push({ name: scriptUrl.href, code: response.ok ? await response.text() : `throw new Error(${JSON.stringify(`${scriptUrl.pathname}: ${response.status}`)});` });
    } else {
      scripts.push({ name: `${url.href}#inline-${scripts.length}`, code: match[2]! });
    }
  }

  // All in one turn, as a parser would run them before the load event: the harness sees every test.
  for (const script of scripts) {
    try {
      runInThisContext(script.code, { filename: script.name });
    } catch (error) {
      dispatch('error', error);
    }
  }

  const started = Date.now();
  let timedOut = false;
  const poll = (): void => {
    const results = g['__wsspecWpt'];
    if (results !== undefined) {
      report({ ...(results as object), timedOut });
      return;
    }
    if (!timedOut && Date.now() - started > timeoutMs) {
      // The harness has no timeout in a shell: give it the one a browser would.
      timedOut = true;
      (g['timeout'] as (() => void) | undefined)?.();
    } else if (timedOut && Date.now() - started > timeoutMs + 3000) {
      report({ status: 2, message: 'the harness did not complete', tests: [], timedOut });
      return;
    }
    setTimeout(poll, 25);
  };
  poll();
}

// Nothing left to run and no results: say so rather than end silently.
if (!isDeno) process.on('beforeExit', () => report({ status: 1, message: 'host: the event loop ended before the harness completed', tests: [], timedOut: false }));

main().catch((error: unknown) => report({ status: 1, message: `host: ${String(error)}`, tests: [], timedOut: false }));
