/**
 * Refuse with an HTTP status as RFC 6455 asks, and let the page ask why: a separate HTTP diagnostics endpoint, with CORS.
 *
 * A page cannot read the status of a refused WebSocket handshake: it gets
 * `error` and `close` 1006. This server keeps refusing with the right HTTP
 * status (every non-browser client reads it, and the server logs it), and
 * remembers, for a minute, why it refused each attempt. The page names its
 * attempt with a random ID in the WebSocket URL's query
 * (`/feed?attempt=<uuid>`); after a 1006 it fetches
 * `GET /ws-diagnostics?attempt=<uuid>` and reads the status and the reason
 * as JSON.
 *
 * - CORS applies to the fetch, not to the WebSocket. The page is served
 *   from another origin than the service, so the endpoint answers with
 *   `Access-Control-Allow-Origin` set to that origin, after checking it
 *   against its list, and `Vary: Origin`. A page of any other origin gets
 *   no such header: its browser refuses to let it read the answer.
 * - It tells nothing new: only what the server decided about an attempt,
 *   to the origins it serves, and to whoever holds the attempt's ID, which
 *   is unguessable. A fetch to a host that does not answer still fails
 *   without details, so no page can use it to map a network.
 *
 * The same script runs in headless Chromium (the application's page), in
 * Node with undici's `WebSocket` and `fetch`, and in Node with this
 * project's WebSocket API. Then a page of another site, holding a valid
 * attempt ID, tries to read the endpoint.
 *
 * Options:
 *   --serve          run the pages in your own browser instead of headless Chromium
 *   --timeout <s>    how long --serve waits for your browser (default 120)
 *
 * Clauses: rfc6455#section-4.2.2-2.2, rfc6455#section-4.1-8.1, rfc6455#section-10.2-1,
 *   whatwg#feedback-from-the-protocol-11, whatwg#feedback-from-the-protocol-12.5, whatwg#feedback-from-the-protocol-14,
 *   whatwg#concept-websocket-establish-step-11.1
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { WebSocket as ApiWebSocket } from '../../src/api/index.ts';
import { WebSocketServer } from '../../src/node/index.ts';
import { watchdog } from '../_lib/lifetime.ts';
import { pageHtml, ReportCollector, runInBrowser } from '../_lib/page.ts';
import { heading, print, table } from '../_lib/text.ts';

const { values } = parseArgs({ options: { serve: { type: 'boolean', default: false }, timeout: { type: 'string', default: '120' } } });
const serveTimeoutMs = Number(values.timeout) * 1000;
watchdog(values.serve ? serveTimeoutMs + 30_000 : 45_000);

// ─── The WebSocket service and its diagnostics endpoint ───────────────────

interface Decision {
  status: number;
  reason: string;
  at: string;
}

/** Why each attempt was refused (or accepted), by attempt ID: at most 1000, for 60 s. */
const attempts = new Map<string, Decision>();
const KEEP_MS = 60_000;
const serverLog: string[] = [];
/** Which client is running, for the log. */
let phase = '';

function remember(id: string | null, status: number, reason: string): void {
  if (id === null || !/^[0-9a-f-]{36}$/.test(id)) return;
  attempts.set(id, { status, reason, at: new Date().toISOString() });
  const oldest = Date.now() - KEEP_MS;
  for (const [key, decision] of attempts) if (attempts.size > 1000 || Date.parse(decision.at) < oldest) attempts.delete(key);
}

/** The application's decision, the same for every client. */
function decide(query: URLSearchParams): { status: number; reason: string } | null {
  const token = query.get('token');
  if (token === null) return { status: 401, reason: 'sign in first' };
  if (token !== 'good') return { status: 401, reason: 'session expired' };
  if ((query.get('room') ?? 'lobby') !== 'lobby') return { status: 403, reason: `not a member of ${query.get('room')}` };
  return null;
}

let allowedOrigins: string[] = [];

const wss = new WebSocketServer({
  routes: { '/feed': (ws) => ws.send('ready') },
  // Pages of the application's origin; clients without an Origin are not browsers.
  verifyOrigin: (origin) => origin === null || allowedOrigins.includes(origin),
  refuse: (handshake) => {
    const query = new URL(handshake.resourceName, 'http://localhost').searchParams;
    const decision = decide(query);
    const id = query.get('attempt');
    if (decision === null) {
      remember(id, 101, 'accepted');
      return undefined;
    }
    remember(id, decision.status, decision.reason);
    serverLog.push(`[${phase}] refused attempt ${id?.slice(0, 8) ?? '(none)'}…: ${decision.status} ${decision.reason}`);
    return {
      status: decision.status,
      ...(decision.status === 401 && { headers: [['WWW-Authenticate', 'Bearer realm="feed"']] as Array<[string, string]> }),
      body: `${decision.reason}\n`,
    };
  },
});
wss.on('error', () => {});

/** GET /ws-diagnostics?attempt=<id>: the decision as JSON, readable by the allowed origins only. */
function diagnostics(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store', vary: 'Origin' };
  // CORS: name the page's origin only if it is one of ours; others get no permission to read.
  if (origin !== undefined && allowedOrigins.includes(origin)) headers['access-control-allow-origin'] = origin;
  const id = new URL(req.url ?? '/', 'http://localhost').searchParams.get('attempt') ?? '';
  const decision = attempts.get(id);
  const verdict = origin === undefined ? 'not a page: CORS does not apply' : headers['access-control-allow-origin'] === undefined ? 'CORS: not allowed' : 'CORS: allowed';
  serverLog.push(`[${phase}] diagnostics for ${id.slice(0, 8)}… asked by ${origin ?? '(no Origin)'}: ${verdict}`);
  if (decision === undefined) {
    res.writeHead(404, headers).end(JSON.stringify({ attempt: id, status: null, reason: 'no such attempt (attempts are kept 60 s)' }));
    return;
  }
  res.writeHead(200, headers).end(JSON.stringify({ attempt: id, ...decision }));
}

const collector = new ReportCollector<Row[]>();

function site(handler: (req: IncomingMessage, res: ServerResponse) => boolean): Server {
  return createServer((req, res) => {
    if (collector.handle(req, res) || handler(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
  });
}

const service = site((req, res) => {
  if (req.method === 'GET' && req.url?.startsWith('/ws-diagnostics?')) {
    diagnostics(req, res);
    return true;
  }
  return false;
});
wss.attach(service);
const app = site((req, res) => {
  if (req.method !== 'GET' || req.url !== '/') return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(appPage());
  return true;
});
const attacker = site((req, res) => {
  if (req.method !== 'GET' || req.url !== '/') return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attackerPage());
  return true;
});
await Promise.all([service, app, attacker].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
const portOf = (server: Server) => (server.address() as AddressInfo).port;
const appOrigin = `http://127.0.0.1:${portOf(app)}`;
const attackerOrigin = `http://localhost:${portOf(attacker)}`;
allowedOrigins = [appOrigin];
const wsBase = `ws://127.0.0.1:${portOf(service)}`;
const httpBase = `http://127.0.0.1:${portOf(service)}`;

// ─── The page's script (runs in a page, and in Node) ──────────────────────

interface Row {
  query: string;
  attempt: string;
  events: string[];
  diagnostics: string;
}

/**
 * Connects with a fresh attempt ID; after a close with 1006, fetches the
 * diagnostics for that attempt. Self-contained: it runs as it is in a page
 * and in Node (with `Impl` and `fetch`).
 */
async function connectOrDiagnose(
  config: { ws: string; http: string; queries: string[] },
  print: (line: string) => void,
  Impl: typeof WebSocket = WebSocket,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const query of config.queries) {
    const attempt = crypto.randomUUID();
    const events = await new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      const ws = new Impl(`${config.ws}/feed?attempt=${attempt}${query === '' ? '' : `&${query}`}`);
      const timer = setTimeout(() => resolve([...seen, 'timeout']), 5000);
      ws.onopen = () => seen.push('open');
      ws.onmessage = (event) => {
        seen.push(`message ${JSON.stringify(event.data)}`);
        ws.close(1000);
      };
      ws.onerror = () => seen.push('error');
      ws.onclose = (event) => {
        seen.push(`close ${event.code}`);
        clearTimeout(timer);
        resolve(seen);
      };
    });
    let diagnostics = '(not needed)';
    if (events.includes('close 1006')) {
      try {
        const response = await fetch(`${config.http}/ws-diagnostics?attempt=${attempt}`);
        const body = (await response.json()) as { status: number | null; reason: string };
        diagnostics = `${body.status} ${body.reason}`;
      } catch (error) {
        diagnostics = `fetch failed: ${String(error)}`;
      }
    }
    print(`${query || '(no token)'}: ${events.join(', ')}; diagnostics: ${diagnostics}`);
    rows.push({ query, attempt, events, diagnostics });
  }
  return rows;
}

/** A page of another site, holding a valid attempt ID, tries to read the endpoint. */
async function readOthers(config: { http: string; attempt: string }, print: (line: string) => void): Promise<Row[]> {
  let diagnostics: string;
  try {
    const response = await fetch(`${config.http}/ws-diagnostics?attempt=${config.attempt}`);
    diagnostics = `read: ${await response.text()}`;
  } catch (error) {
    diagnostics = `fetch failed: ${String(error)}`;
  }
  print(diagnostics);
  return [{ query: '(fetch only)', attempt: config.attempt, events: [], diagnostics }];
}

const QUERIES = ['token=good', '', 'token=expired', 'token=good&room=ops'];
const config = { ws: wsBase, http: httpBase, queries: QUERIES };

function appPage(): string {
  return pageHtml({
    title: 'diagnostics-endpoint: the application',
    intro: `The application's page (${appOrigin}) connects to the service (${httpBase}); when a connection fails, it asks the diagnostics endpoint why.`,
    script: connectOrDiagnose,
    config,
    next: `${attackerOrigin}/`,
  });
}

let leakedAttempt = '';
function attackerPage(): string {
  return pageHtml({
    title: 'diagnostics-endpoint: another site',
    intro: `A page of another site (${attackerOrigin}) holds a valid attempt ID and fetches the diagnostics.`,
    script: readOthers,
    config: { http: httpBase, attempt: leakedAttempt },
  });
}

// ─── Run ──────────────────────────────────────────────────────────────────

phase = 'undici';
const undici = await connectOrDiagnose(config, () => {}, globalThis.WebSocket);
phase = 'ours';
const ours = await connectOrDiagnose(config, () => {}, ApiWebSocket as unknown as typeof WebSocket);
phase = 'browser';
leakedAttempt = undici.find((row) => row.events.includes('close 1006'))?.attempt ?? '';
const browserRun = await runInBrowser(collector, { url: `${appOrigin}/`, count: 2, serve: values.serve, timeoutMs: values.serve ? serveTimeoutMs : 25_000 });

// ─── Report ───────────────────────────────────────────────────────────────

const browserName = browserRun === null || browserRun.headless ? 'Chromium' : 'your browser';
const rowsOf = (origin: string): Row[] => browserRun?.reports.find((report) => report.page === origin)?.report ?? [];
const browserRows = rowsOf(appOrigin);
const cells = (rows: readonly Row[], query: string): string[] => {
  const row = rows.find((candidate) => candidate.query === query);
  return row === undefined ? ['(not run)', ''] : [row.events.join(', '), row.diagnostics];
};

print(
  heading(`diagnostics-endpoint: the service ${httpBase}, the application's page ${appOrigin}`),
  table(
    ['query', 'client', 'the WebSocket saw', 'GET /ws-diagnostics said'],
    QUERIES.flatMap((query) => [
      [query || '(no token)', `${browserName} (page)`, ...cells(browserRows, query)],
      [query || '(no token)', 'undici WebSocket + fetch', ...cells(undici, query)],
      [query || '(no token)', 'WebSocket API (ours) + fetch', ...cells(ours, query)],
    ]),
  ),
);

const other = rowsOf(attackerOrigin)[0];
print(
  heading(`A page of another site (${attackerOrigin}) asks about a valid attempt`),
  other === undefined ? '(the page did not run)' : other.diagnostics,
  'The endpoint answered it without Access-Control-Allow-Origin, so the browser kept the answer from the script.',
);

if (browserRun?.headless === true) {
  const lines = browserRun.console.filter((line) => line.includes('ws-diagnostics'));
  print(heading("What Chromium's console says about that fetch (the script only gets a TypeError)"), lines.join('\n') || '(nothing)');
}

print(heading('The server log'), serverLog.join('\n'));

for (const server of [service, app, attacker]) {
  server.closeAllConnections();
  server.close();
}
process.exit(browserRun === null ? 1 : 0);
