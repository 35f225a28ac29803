/**
 * Accept the handshake, then close at once with a code of your own (4401, 4403) and a reason: the page learns why.
 *
 * A refusal with an HTTP status reaches a page as `error` and `close` 1006,
 * nothing more (see `handshake-rejection`). When the page must know why it
 * cannot connect (a missing or expired token, a room it may not enter), the
 * server can complete the opening handshake and send a Close frame at once:
 * its status code and its reason reach the script in the `close` event,
 * with `wasClean` true.
 *
 * - The code: 4000–4999 are for private use, by agreement between your
 *   server and your page; here 4401 and 4403 echo the HTTP statuses they
 *   replace. Never 1005, 1006 or 1015: no endpoint may send them.
 * - The reason: UTF-8, at most 123 bytes (a Close frame's body is at most
 *   125 bytes, and the code takes two). The server's `close()` refuses a
 *   longer one before sending anything.
 * - The page sees `open` first: it should wait for the server's first
 *   message ("ready") before it treats the connection as accepted.
 *
 * The same script runs in headless Chromium, with this project's WebSocket
 * API and with Node's (undici's); the last row refuses with HTTP 401 for
 * contrast.
 *
 * Options:
 *   --serve          run the page in your own browser instead of headless Chromium
 *   --timeout <s>    how long --serve waits for your browser (default 120)
 *
 * Clauses: rfc6455#section-7.4.2-1.4, rfc6455#section-5.5.1-2, rfc6455#section-7.1.5-1,
 *   rfc6455#section-7.1.6-1, rfc6455#section-5.5-3, rfc6455#section-7.4.1-2.6, rfc6455#section-7.4.1-2.7,
 *   whatwg#closeWebSocket-step-3, whatwg#feedback-from-the-protocol-1, whatwg#dom-websocket-close-step-2.2
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { WebSocket as ApiWebSocket } from '../../src/api/index.ts';
import { WebSocketServer } from '../../src/node/index.ts';
import type { ServerWebSocket } from '../../src/node/index.ts';
import { encodeUtf8, WebSocketError } from '../../src/protocol/index.ts';
import { watchdog } from '../_lib/lifetime.ts';
import { pageHtml, ReportCollector, runInBrowser } from '../_lib/page.ts';
import { heading, print, table } from '../_lib/text.ts';

const { values } = parseArgs({ options: { serve: { type: 'boolean', default: false }, timeout: { type: 'string', default: '120' } } });
const serveTimeoutMs = Number(values.timeout) * 1000;
watchdog(values.serve ? serveTimeoutMs + 30_000 : 45_000);

const CASES = [
  { path: '/feed?token=good', server: 'accept, send "ready"' },
  { path: '/feed', server: 'accept, close 4401' },
  { path: '/feed?token=expired', server: 'accept, close 4401' },
  { path: '/feed?token=expired&lang=ja', server: 'accept, close 4401 (Japanese)' },
  { path: '/feed?token=good&room=ops', server: 'accept, close 4403' },
  { path: '/feed-http?token=expired', server: 'refuse: HTTP 401' },
] as const;

// ─── The server ───────────────────────────────────────────────────────────

/** Why this request may not have the feed, or null. The same check a refusal with HTTP 401/403 would make. */
function problemOf(query: URLSearchParams): { code: number; reason: string } | null {
  const token = query.get('token');
  if (token === null) return { code: 4401, reason: 'missing token' };
  if (token !== 'good') return query.get('lang') === 'ja' ? { code: 4401, reason: 'トークンの有効期限が切れました' } : { code: 4401, reason: 'token expired' };
  const room = query.get('room');
  if (room !== null && room !== 'lobby') return { code: 4403, reason: `not a member of ${room}` };
  return null;
}

const oversized: string[] = [];
const wss = new WebSocketServer({
  routes: {
    '/feed': (ws: ServerWebSocket, handshake) => {
      const problem = problemOf(new URL(handshake.resourceName, 'http://localhost').searchParams);
      if (problem === null) {
        ws.send('ready');
        return;
      }
      if (problem.reason === 'token expired' && oversized.length === 0) {
        // A reason longer than 123 bytes does not fit in a Close frame: close() refuses it, and sends nothing.
        const long = 'token expired: sign in again at https://app.example/login?return=/feed, then reload this page and it will reconnect by itself';
        try {
          ws.close(problem.code, long);
        } catch (error) {
          oversized.push(`close(4401, <a ${encodeUtf8(long).length}-byte reason>) threw ${(error as WebSocketError).code}: ${(error as Error).message}`);
        }
      }
      // Accepted, and closed at once: the code and the reason reach the script.
      ws.close(problem.code, problem.reason);
    },
    '/feed-http': () => {},
  },
  refuse: (handshake) => {
    if (!handshake.resourceName.startsWith('/feed-http')) return undefined;
    // The refusal pattern 1: right for HTTP clients, invisible to a page.
    return { status: 401, headers: [['WWW-Authenticate', 'Bearer error="invalid_token"']], body: 'token expired\n' };
  },
});
wss.on('error', () => {});

const collector = new ReportCollector<Result[]>();
let base = '';
const http = createServer((req, res) => {
  if (collector.handle(req, res)) return;
  if (req.method === 'GET' && req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
});
wss.attach(http);
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
base = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;

// ─── One script, three WebSocket implementations ─────────────────────────

interface Result {
  path: string;
  events: string[];
}

/**
 * What a page does: connect, wait for "ready" or a close, and read the close
 * event. Self-contained, so that it runs as it is in a page (with the
 * browser's WebSocket) and in Node (with ours, or undici's).
 */
async function feedScript(config: { base: string; paths: string[] }, print: (line: string) => void, Impl: typeof WebSocket = WebSocket): Promise<Result[]> {
  const results: Result[] = [];
  for (const path of config.paths) {
    const events = await new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      const ws = new Impl(config.base + path);
      const timer = setTimeout(() => resolve([...seen, 'timeout']), 5000);
      ws.onopen = () => seen.push('open');
      ws.onmessage = (event) => {
        seen.push(`message ${JSON.stringify(event.data)}`);
        if (event.data === 'ready') ws.close(1000, 'done');
      };
      ws.onerror = () => seen.push('error');
      ws.onclose = (event) => {
        seen.push(`close ${event.code} ${JSON.stringify(event.reason)}${event.wasClean ? ' clean' : ''}`);
        clearTimeout(timer);
        resolve(seen);
      };
    });
    print(`${path}: ${events.join(', ')}`);
    results.push({ path, events });
  }
  return results;
}

function page(): string {
  return pageHtml({
    title: 'reject-after-accept: the page learns why',
    intro: 'This page connects to the feed with several tokens. The server accepts each handshake and, when it will not serve the page, closes at once with a code and a reason the script can read.',
    script: feedScript,
    config: { base, paths: CASES.map((entry) => entry.path) },
  });
}

const config = { base, paths: CASES.map((entry) => entry.path) };
const [browserRun, ours, undici] = await Promise.all([
  runInBrowser(collector, { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`, serve: values.serve, timeoutMs: values.serve ? serveTimeoutMs : 25_000 }),
  feedScript(config, () => {}, ApiWebSocket as unknown as typeof WebSocket),
  feedScript(config, () => {}, globalThis.WebSocket),
]);

const browserName = browserRun === null || browserRun.headless ? 'Chromium' : 'your browser';
const browserResults = browserRun?.reports[0]?.report ?? [];
const cell = (results: readonly Result[], path: string): string => results.find((result) => result.path === path)?.events.join('\n') ?? '(not run)';

print(
  heading(`reject-after-accept: what the script reads (server ${base}/)`),
  table(
    ['path', 'server', browserName, 'WebSocket API (ours)', 'undici WebSocket'],
    CASES.map((entry) => [entry.path, entry.server, cell(browserResults, entry.path), cell(ours, entry.path), cell(undici, entry.path)]),
  ),
);

print(
  heading('The reason must fit in a Close frame'),
  [
    'A Close frame carries at most 125 bytes: 2 for the code, 123 for the UTF-8 reason.',
    `"トークンの有効期限が切れました" is 15 characters and ${encodeUtf8('トークンの有効期限が切れました').length} bytes.`,
    ...oversized,
  ].join('\n'),
);

http.closeAllConnections();
http.close();
process.exit(browserRun === null ? 1 : 0);
