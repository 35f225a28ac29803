/**
 * A testharness.js host for runtimes without a document: Node (with our
 * WebSocket class, or with undici's global one), Bun and Deno (with their
 * own). One process runs one test URL:
 *
 *   node runtime-host.mjs <page file> <wsspec|native> <timeout ms>
 *
 * The page file is the test page as the runner prepared it (host/page.ts,
 * ../host-pages.ts): its URL, title and scripts. The runner runs this file
 * bundled (esbuild, once per run): one module to load instead of our
 * class's few dozen, with no type stripping, in each of some 650 processes.
 *
 * It makes the global look enough like a window's for the harness and the
 * tests (`self`, `location` = the test URL, `addEventListener` with the
 * `error` and `unhandledrejection` events an uncaught exception raises,
 * `META_TITLE` = the page's title), runs the page's scripts in order as
 * classic scripts in one turn, then prints the harness's results as one
 * line of JSON.
 *
 * Erasable TypeScript only, and no Node-only import but `node:vm` and
 * `node:fs` (which Bun and Deno provide): the same file runs in all three
 * runtimes.
 */
import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import type { HostPage } from './page.ts';
import { RESULT_MARK } from './runtime-host-mark.ts';

const g = globalThis as unknown as Record<string | symbol, unknown>;

const [pageFile, implementation, timeoutArg] = (typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2)) as [string, string, string];
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
  const page = JSON.parse(readFileSync(pageFile, 'utf8')) as HostPage;
  const url = new URL(page.url);

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

  if (page.title !== null) g['META_TITLE'] = page.title;
  const scripts = page.scripts.map((script) => ({ name: script.name, code: readFileSync(script.file, 'utf8') }));

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
