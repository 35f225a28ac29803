/**
 * One server refuses the WebSocket handshake in every way that matters; five clients report what they learn.
 *
 * RFC 6455 asks a server that refuses a handshake to say why with an HTTP
 * status: 400 for a bad request, 401 with `WWW-Authenticate`, 403 for an
 * Origin it does not serve, 404 for a resource it does not have, 426 for
 * another protocol version, a 3xx redirect. The WebSocket API, on the other
 * hand, forbids a browser to tell the script why a connection failed:
 * whatever the server answered, the script sees an `error` event and a
 * `close` event with code 1006. This example is that contrast in one table.
 *
 * The server is this project's (`WebSocketServer` from `src/node/`), on
 * 127.0.0.1: its `verifyOrigin` hook gives the 403, its `routes` the 404,
 * its `refuse` hook the 400, 401, 426 and the 302; one path has its TCP
 * connection closed before any response. The first row is a control: a
 * path the server accepts.
 *
 * The clients, each connecting to every path:
 *
 * - this project's protocol client (`open` from `src/node/`), which hides
 *   nothing: a refusal rejects with an `InvalidStatusError` carrying the
 *   status, the header fields and the body;
 * - this project's WebSocket API (`src/api/`), which behaves as a browser
 *   must, and reports the details only to its embedder (`onDiagnostic`);
 * - the `ws` package, whose `unexpected-response` event hands over the
 *   HTTP response;
 * - Node's own `WebSocket` (undici);
 * - headless Chromium, whose script sees `error` and 1006 while its console
 *   shows "Unexpected response code: 403";
 * - Firefox and WebKit pages, and the Bun and Deno runtimes, each with its
 *   own WebSocket (when installed; see src/engines/): the browsers hide the
 *   status as Chromium does, Bun and Deno put it in the error event's
 *   message, and Deno closes with code 0 instead of 1006.
 *
 * The answer to the question that started this project: a server should
 * keep refusing with the right status, for every client that can read it;
 * a browser page learns nothing from it. If the page must know why, accept
 * and close with a code of your own (`reject-after-accept`), or give it an
 * HTTP endpoint to ask (`diagnostics-endpoint`).
 *
 * Options:
 *   --serve          run the browser column in your own browser: print the page's URL and wait for it
 *   --timeout <s>    how long --serve waits for your browser (default 120)
 *
 * Clauses: rfc6455#section-4.2.1-2, rfc6455#section-4.2.2-2.2, rfc6455#section-4.2.2-2.3,
 *   rfc6455#section-4.2.2-2.4.2.3, rfc6455#section-4.2.2-2.4.2.4, rfc6455#section-10.2-1,
 *   rfc6455#section-1.3-17, rfc6455#section-4.1-8.1, whatwg#concept-websocket-establish-step-11.1,
 *   whatwg#feedback-from-the-protocol-11, whatwg#feedback-from-the-protocol-12.5,
 *   whatwg#feedback-from-the-protocol-13, w3c#dom-websocket-step-8-2
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { WebSocket as WsWebSocket } from 'ws';
import { WebSocket as ApiWebSocket } from '../../src/api/index.ts';
import { connect, WebSocketServer } from '../../src/node/index.ts';
import { InvalidStatusError, WebSocketError } from '../../src/protocol/index.ts';
import type { HttpResponse } from '../../src/protocol/index.ts';
import { evaluateInEngines } from '../_lib/engines.ts';
import type { OtherEngine } from '../_lib/engines.ts';
import { sleep, watchdog, within } from '../_lib/lifetime.ts';
import { pageHtml, ReportCollector, runInBrowser } from '../_lib/page.ts';
import { heading, print, quote, table } from '../_lib/text.ts';

const { values } = parseArgs({ options: { serve: { type: 'boolean', default: false }, timeout: { type: 'string', default: '120' } } });
const serveTimeoutMs = Number(values.timeout) * 1000;
// Four more engines start beside Chromium: a loaded machine can take a while to launch Firefox.
watchdog(values.serve ? serveTimeoutMs + 30_000 : 90_000);

/** Each way of refusing, by path; the first row is the control. */
const CASES = [
  { path: '/chat?room=lobby', why: 'accepted (control)' },
  { path: '/chat', why: 'no room named' },
  { path: '/admin', why: 'no credentials' },
  { path: '/partner-feed', why: 'Origin not allowed' },
  { path: '/nowhere', why: 'no such route' },
  { path: '/v8/chat', why: 'another version' },
  { path: '/old-chat', why: 'moved' },
  { path: '/drop', why: 'TCP close, no reply' },
] as const;

// ─── The server ───────────────────────────────────────────────────────────

const PARTNER = 'https://partner.example';
const collector = new ReportCollector<BrowserResult[]>();
let base = '';

const wss = new WebSocketServer({
  routes: {
    '/chat': (ws) => ws.send('welcome'),
    '/admin': (ws) => ws.send('welcome, admin'),
    '/partner-feed': (ws) => ws.send('partner data'),
    '/v8/chat': (ws) => ws.send('welcome'),
    '/old-chat': (ws) => ws.send('welcome'),
  },
  // §10.2: a server for certain sites only checks the Origin, and answers 403 to the others.
  verifyOrigin: (origin, handshake) => !handshake.resourceName.startsWith('/partner-feed') || origin === PARTNER,
  refuse: (handshake) => {
    const url = new URL(handshake.resourceName, 'http://localhost');
    switch (url.pathname) {
      case '/chat':
        return url.searchParams.has('room') ? undefined : { status: 400, body: 'Name a room: /chat?room=<name>\n' };
      case '/admin':
        return { status: 401, headers: [['WWW-Authenticate', 'Basic realm="admin"']], body: 'Credentials required\n' };
      case '/v8/chat':
        // What the protocol layer answers a client that asks for another version; every client here speaks 13.
        return { status: 426, headers: [['Sec-WebSocket-Version', '8']], body: 'This endpoint speaks version 8 only\n' };
      case '/old-chat':
        return { status: 302, headers: [['Location', `${base}/chat?room=lobby`]], body: '' };
      default:
        return undefined;
    }
  },
});
wss.on('error', () => {});

const http = createServer((req, res) => {
  if (collector.handle(req, res)) return;
  if (req.method === 'GET' && req.url === '/blank') {
    // A page for the other browsers to run their script from (same origin as the browser column).
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>handshake-rejection</title></html>');
    return;
  }
  if (req.method === 'GET' && req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
});
http.on('upgrade', (req, socket, head) => {
  // The last way to refuse: close the TCP connection without a word.
  if (req.url === '/drop') socket.destroy();
  else wss.handleUpgrade(req, socket, head);
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const port = (http.address() as AddressInfo).port;
base = `ws://127.0.0.1:${port}`;

// ─── The clients ──────────────────────────────────────────────────────────

interface Outcome {
  /** The table cell. */
  cell: string;
  /** Everything else the client learned, for the details below the table. */
  detail?: string[];
}

const IMPORTANT = ['www-authenticate', 'location', 'sec-websocket-version'];

function describeResponse(response: HttpResponse): string[] {
  const body = new TextDecoder().decode(response.body);
  return [`${response.version} ${response.status} ${response.reason}`, ...response.headers.map(([name, value]) => `${name}: ${value}`), ...(body === '' ? [] : [`body: ${quote(body)}`])];
}

/** Our protocol client: a refusal is an InvalidStatusError with the whole response. */
function protocolClient(url: string): Promise<Outcome> {
  return within(
    10_000,
    `the protocol client's close for ${url}`,
    new Promise<Outcome>((resolve) => {
      const ws = connect(url, { handshakeTimeout: 5000 });
      const events: string[] = [];
      let failure: Error | null = null;
      ws.on('open', () => {
        events.push('open');
        ws.close(1000);
      });
      ws.on('error', (error) => (failure ??= error));
      ws.on('close', (info) => {
        if (failure instanceof InvalidStatusError) {
          const { status, reason, headers } = failure.response;
          // Long values go on a line of their own, to keep the column narrow.
          const notable = headers
            .filter(([name]) => IMPORTANT.includes(name.toLowerCase()))
            .map(([name, value]) => (value.length > 24 ? `${name}:\n  ${value}` : `${name}: ${value}`));
          resolve({ cell: [`${status} ${reason}`, ...notable].join('\n'), detail: describeResponse(failure.response) });
        } else if (failure !== null) {
          resolve({ cell: failure instanceof WebSocketError ? failure.code : failure.name, detail: [failure.message] });
        } else {
          resolve({ cell: [...events, `close ${info.code}`].join(', ') });
        }
      });
    }),
  );
}

/** A script's view: the events of a WHATWG WebSocket (ours or undici's), until close. */
function apiClient(Ctor: new (url: string) => globalThis.WebSocket, url: string): Promise<Outcome> {
  return within(
    10_000,
    `the close event of ${url}`,
    new Promise<Outcome>((resolve) => {
      const events: string[] = [];
      const ws = new Ctor(url);
      ws.addEventListener('open', () => {
        events.push('open');
        ws.close(1000);
      });
      ws.addEventListener('error', () => events.push('error'));
      ws.addEventListener('close', (event) => {
        events.push(`close ${event.code}`);
        resolve({ cell: events.join(', ') });
      });
    }),
  );
}

/** Our WebSocket API, with its diagnostics (what a browser would print to its console) kept aside. */
async function ourApi(url: string): Promise<Outcome> {
  const diagnostics: string[] = [];
  class WebSocket extends ApiWebSocket {
    constructor(url: string | URL) {
      super(url, [], { onDiagnostic: (message) => diagnostics.push(message) });
    }
  }
  const outcome = await apiClient(WebSocket as unknown as typeof globalThis.WebSocket, url);
  return { ...outcome, detail: diagnostics };
}

/** The ws package: `unexpected-response` carries the response, for a client that listens to it. */
function wsClient(url: string): Promise<Outcome> {
  return within(
    10_000,
    `ws's close for ${url}`,
    new Promise<Outcome>((resolve) => {
      const ws = new WsWebSocket(url, { handshakeTimeout: 5000 });
      const events: string[] = [];
      let detail: string[] | undefined;
      ws.on('unexpected-response', (request, response) => {
        events.push(`unexpected-response ${response.statusCode}`);
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          detail = [`${response.statusCode} ${response.statusMessage}`, ...Object.entries(response.headers).map(([name, value]) => `${name}: ${String(value)}`), ...(body === '' ? [] : [`body: ${quote(body)}`])];
          request.destroy();
          resolve({ cell: events.join(', '), detail });
        });
      });
      ws.on('open', () => {
        events.push('open');
        ws.close(1000);
      });
      ws.on('error', (error) => events.push(`error (${error.message})`));
      ws.on('close', (code) => {
        events.push(`close ${code}`);
        const cell = events.join(', ');
        resolve({ cell: cell.length > 25 ? events.join(',\n') : cell, ...(detail !== undefined && { detail }) });
      });
    }),
  );
}

async function each(client: (url: string) => Promise<Outcome>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const { path } of CASES) {
    try {
      outcomes.push(await client(`${base}${path}`));
    } catch (error) {
      outcomes.push({ cell: `(${(error as Error).message})` });
    }
  }
  return outcomes;
}

// ─── The browser ──────────────────────────────────────────────────────────

interface BrowserResult {
  path: string;
  events: string[];
}

/** Runs in the page: the browser's own WebSocket on every path, one after the other. */
async function browserScript(config: { base: string; paths: string[] }, print: (line: string) => void): Promise<BrowserResult[]> {
  const results: BrowserResult[] = [];
  for (const path of config.paths) {
    const events = await new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      const ws = new WebSocket(config.base + path);
      const timer = setTimeout(() => resolve([...seen, 'timeout']), 5000);
      ws.onopen = () => {
        seen.push('open');
        ws.close(1000);
      };
      // A plain Event: no status, no message, nothing to read.
      ws.onerror = () => seen.push('error');
      ws.onclose = (event) => {
        seen.push(`close ${event.code}`);
        clearTimeout(timer);
        resolve(seen);
      };
    });
    print(`${path.padEnd(20)} ${events.join(', ')}`);
    results.push({ path, events });
  }
  return results;
}

interface ScriptView {
  path: string;
  events: string[];
  /** The error event's message, where the engine gives it one (the standard gives none). */
  message: string | null;
}

/** Runs in every other engine: the same connections, also reading what the error event carries. */
async function eventsOnPaths(config: { base: string; paths: string[] }): Promise<ScriptView[]> {
  const results: ScriptView[] = [];
  for (const path of config.paths) {
    results.push(
      await new Promise<ScriptView>((resolve) => {
        const events: string[] = [];
        let message: string | null = null;
        const ws = new WebSocket(config.base + path);
        const timer = setTimeout(() => resolve({ path, events: [...events, 'timeout'], message }), 5000);
        ws.onopen = () => {
          events.push('open');
          ws.close(1000);
        };
        ws.onerror = (event) => {
          events.push('error');
          const text = (event as Event & { message?: unknown }).message;
          if (typeof text === 'string' && text !== '') message = text;
        };
        ws.onclose = (event) => {
          events.push(`close ${event.code}`);
          clearTimeout(timer);
          resolve({ path, events, message });
        };
      }),
    );
  }
  return results;
}

function page(): string {
  return pageHtml({
    title: 'handshake-rejection: what a page learns',
    intro: 'This page opens a WebSocket to each path of the example server, which refuses all but the first. The script sees the events below; the status of each refusal is in the console only.',
    script: browserScript,
    config: { base, paths: CASES.map((entry) => entry.path) },
  });
}

// ─── Run and report ───────────────────────────────────────────────────────

const OTHER_ENGINES: readonly OtherEngine[] = ['firefox', 'webkit', 'bun', 'deno'];
const [browserRun, protocol, api, ws, undici, others] = await Promise.all([
  runInBrowser(collector, { url: `http://127.0.0.1:${port}/`, serve: values.serve, timeoutMs: values.serve ? serveTimeoutMs : 25_000 }),
  each(protocolClient),
  each(ourApi),
  each(wsClient),
  each((url) => apiClient(globalThis.WebSocket, url)),
  // With --serve the reader's browser is the point; the other engines run only in the headless run.
  values.serve ? Promise.resolve([]) : evaluateInEngines(OTHER_ENGINES, `http://127.0.0.1:${port}/blank`, eventsOnPaths, { base, paths: CASES.map((entry) => entry.path) }),
]);
await sleep(50);

const browserName = browserRun === null ? 'Chromium' : browserRun.headless ? 'Chromium' : 'your browser';
const browserResults = browserRun?.reports[0]?.report ?? [];
const browserCell = (path: string): string => browserResults.find((result) => result.path === path)?.events.join(', ') ?? '(not run)';
/** The console line about a path: the one naming its URL. */
const consoleLine = (path: string): string | undefined => browserRun?.console.find((line) => line.includes(`'${base}${path}'`));

const otherCell = (result: (typeof others)[number], path: string): string =>
  result.value === null ? `(${result.why ?? 'not run'})` : (result.value.find((view) => view.path === path)?.events.join(', ') ?? '(not run)');
const engineName = (result: (typeof others)[number]): string => result.label.split(' ')[0]!;

print(
  heading(`handshake-rejection: what each client learns when the server refuses (server ${base}/)`),
  table(
    ['path', "server's reason", 'protocol client (src/node)', 'WebSocket API (ours)', 'ws', 'undici WebSocket', browserName, ...others.map(engineName)],
    CASES.map((entry, i) => [entry.path, entry.why, protocol[i]!.cell, api[i]!.cell, ws[i]!.cell, undici[i]!.cell, browserCell(entry.path), ...others.map((result) => otherCell(result, entry.path))]),
  ),
);

if (others.length > 0) {
  const messages = others.flatMap((result) =>
    (result.value ?? []).filter((view) => view.message !== null).map((view) => `${engineName(result).padEnd(8)} ${view.path.padEnd(14)} ${quote(view.message!.replace(/^WebSocket connection to '[^']*' failed: /, '…'), 90)}`),
  );
  print(
    heading('What the error event tells the script (the standard: nothing)'),
    [
      `Versions: ${others.map((result) => (result.value === null ? `${engineName(result)} ${result.why}` : result.label)).join(', ')}.`,
      messages.length === 0 ? 'No engine put anything in the error event.' : messages.join('\n'),
    ].join('\n'),
  );
}

print(
  heading(`What ${browserName}'s console says (the script never sees it)`),
  browserRun === null
    ? '(the browser did not run)'
    : browserRun.headless
      ? CASES.slice(1)
          .map((entry) => `${entry.path.padEnd(14)} ${consoleLine(entry.path)?.replace(/^error: /, '') ?? '(nothing)'}`)
          .join('\n')
      : 'Open your browser\'s developer tools: each refused connection has a line there, e.g. "Unexpected response code: 403".',
);

print(
  heading('What the protocol client read (everything the server sent)'),
  CASES.slice(1)
    .map((entry, i) => [`${entry.path}`, ...(protocol[i + 1]!.detail ?? []).map((line) => `    ${line}`)].join('\n'))
    .join('\n'),
);

print(
  heading("What our WebSocket API told its embedder (onDiagnostic), not the script"),
  CASES.slice(1)
    .map((entry, i) => `${entry.path.padEnd(14)} ${(api[i + 1]!.detail ?? []).join(' | ').replace(/^WebSocket connection to '[^']*' failed: /, '') || '(nothing)'}`)
    .join('\n'),
);

const refusals = CASES.length - 1;
const hidden = [api, undici].every((outcomes) => outcomes.slice(1).every((outcome) => outcome.cell === 'error, close 1006'));
const browserHidden = CASES.slice(1).every((entry) => browserCell(entry.path) === 'error, close 1006');
const revealing = others.filter((result) => (result.value ?? []).some((view) => view.message !== null && /\b(40[01349]|426|302)\b/.test(view.message)));
const closingWithZero = others.filter((result) => (result.value ?? []).some((view) => view.events.includes('close 0')));
print(
  heading('In short'),
  [
    `${refusals} refusals. The protocol client and ws read each status; the WebSocket API (ours${browserRun === null ? ', undici' : `, undici, ${browserName}`}) gave the script`,
    `${hidden && (browserRun === null || browserHidden) ? 'the same two events every time: error, then close 1006' : 'DIFFERENT events (see the table)'}. The reason is in the console, never in the script.`,
    ...(revealing.length > 0
      ? [
          `${revealing.map(engineName).join(' and ')} put the refused status in the error event's message, which the WebSocket standard forbids`,
          '("User agents must not convey any failure information to scripts", WebSockets Standard, feedback from the protocol ¶11).',
        ]
      : []),
    ...(closingWithZero.length > 0
      ? [`${closingWithZero.map(engineName).join(' and ')} closed with code 0, where the standard says "the WebSocket connection close code would be 1006" (¶13).`]
      : []),
  ].join('\n'),
);

http.closeAllConnections();
http.close();
process.exit(browserRun === null ? 1 : 0);
