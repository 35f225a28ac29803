/**
 * Cross-site WebSocket hijacking: a page of another site opens a WebSocket to your server; the Origin check refuses it with 403.
 *
 * A browser lets any page open a WebSocket to any server, and sends that
 * server its cookies: the same-origin policy and CORS do not apply to the
 * handshake. A server that trusts the connection because of the cookie
 * will hand a hostile page whatever it hands your own. What the browser
 * does send is the page's origin, in the `Origin` header field, and a
 * server meant for certain sites only should check it and answer 403 to
 * the others (RFC 6455 §10.2).
 *
 * Two HTTP servers on 127.0.0.1 stand for two sites: the application at
 * `http://127.0.0.1:<port>` and an attacker's page at
 * `http://localhost:<port>`. The application has two WebSocket endpoints
 * that send an account's data to whoever connects: `/account`, whose
 * `verifyOrigin` hook accepts the application's own origin only, and
 * `/account-unchecked`, which checks nothing. Headless Chromium opens the
 * application's page, then the attacker's; each page tries both endpoints.
 *
 * The last rows are not browsers: a client outside a browser sends any
 * Origin it likes, or none. The Origin check protects your users' browsers
 * from other sites' pages; it does not authenticate anyone.
 *
 * Options:
 *   --serve          run the two pages in your own browser instead of headless Chromium
 *   --timeout <s>    how long --serve waits for your browser (default 120)
 *
 * Clauses: rfc6455#section-10.2-1, rfc6455#section-10.2-2, rfc6455#section-1.6-2, rfc6455#section-4.1-6.8.1,
 *   rfc6455#section-4.2.2-2.4.2.1, rfc6455#section-1.3-9, whatwg#feedback-from-the-protocol-11
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { WebSocket as WsWebSocket } from 'ws';
import { WebSocketServer } from '../../src/node/index.ts';
import type { ServerWebSocket } from '../../src/node/index.ts';
import { watchdog, within } from '../_lib/lifetime.ts';
import { pageHtml, ReportCollector, runInBrowser } from '../_lib/page.ts';
import { heading, print, table } from '../_lib/text.ts';

const { values } = parseArgs({ options: { serve: { type: 'boolean', default: false }, timeout: { type: 'string', default: '120' } } });
const serveTimeoutMs = Number(values.timeout) * 1000;
watchdog(values.serve ? serveTimeoutMs + 30_000 : 45_000);

// ─── The application ──────────────────────────────────────────────────────

/** What the server saw of each handshake: the path, the Origin and its answer. */
const serverLog: Array<{ path: string; origin: string; answer: string }> = [];
let appOrigin = '';

const sendAccount = (ws: ServerWebSocket) => {
  ws.on('error', () => {});
  ws.send('account 4242: balance 1,337.00 EUR');
};

// One server checks the Origin (RFC 6455 §10.2), one does not.
const checked = new WebSocketServer({ routes: { '/account': sendAccount }, verifyOrigin: (origin) => origin === appOrigin });
const unchecked = new WebSocketServer({ routes: { '/account-unchecked': sendAccount } });
for (const wss of [checked, unchecked]) {
  wss.on('connection', (_ws, handshake) => serverLog.push({ path: handshake.resourceName, origin: handshake.origin ?? '(none)', answer: '101, account data sent' }));
  wss.on('refused', (response, error) => serverLog.push({ path: '/account', origin: error?.message.replace(/^origin not allowed: /, '') ?? '?', answer: `${response.status} ${response.reason}` }));
}

const collector = new ReportCollector<Attempt[]>();

function site(page: () => string): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    if (collector.handle(req, res)) return;
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
  });
}

const app = site(() => appPage());
app.on('upgrade', (req: IncomingMessage, socket, head) => {
  if (req.url?.startsWith('/account-unchecked')) unchecked.handleUpgrade(req, socket, head);
  else checked.handleUpgrade(req, socket, head);
});
const attacker = site(() => attackerPage());
await Promise.all([app, attacker].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
const appPort = (app.address() as AddressInfo).port;
const attackerPort = (attacker.address() as AddressInfo).port;
appOrigin = `http://127.0.0.1:${appPort}`;
// Another site: another host name (the server listens on 127.0.0.1, which localhost names too).
const attackerOrigin = `http://localhost:${attackerPort}`;
const wsBase = `ws://127.0.0.1:${appPort}`;

// ─── The pages ────────────────────────────────────────────────────────────

interface Attempt {
  path: string;
  events: string[];
}

/** Runs in both pages: try each endpoint, and report what the script could read. */
async function tryEndpoints(config: { base: string; paths: string[] }, print: (line: string) => void): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  for (const path of config.paths) {
    const events = await new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      const ws = new WebSocket(config.base + path);
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
    print(`${path}: ${events.join(', ')}`);
    attempts.push({ path, events });
  }
  return attempts;
}

const PATHS = ['/account', '/account-unchecked'];

function appPage(): string {
  return pageHtml({
    title: 'origin-check: the application',
    intro: `The application's own page (${appOrigin}) reads the account over a WebSocket.`,
    script: tryEndpoints,
    config: { base: wsBase, paths: PATHS },
    next: `${attackerOrigin}/`,
  });
}

function attackerPage(): string {
  return pageHtml({
    title: 'origin-check: another site',
    intro: `A page of another site (${attackerOrigin}) tries to read the same account through the user's browser.`,
    script: tryEndpoints,
    config: { base: wsBase, paths: PATHS },
  });
}

// ─── Non-browser clients ──────────────────────────────────────────────────

function wsAttempt(path: string, origin: string | undefined): Promise<string> {
  return within(
    5000,
    `ws on ${path}`,
    new Promise<string>((resolve) => {
      const ws = new WsWebSocket(wsBase + path, origin === undefined ? {} : { origin });
      ws.on('message', (data: Buffer) => {
        ws.close(1000);
        resolve(`message ${JSON.stringify(data.toString())}`);
      });
      ws.on('unexpected-response', (request, response) => {
        request.destroy();
        resolve(`unexpected-response ${response.statusCode}`);
      });
      ws.on('error', (error) => resolve(`error ${error.message}`));
    }),
  );
}

const browserRun = await runInBrowser(collector, { url: `${appOrigin}/`, count: 2, serve: values.serve, timeoutMs: values.serve ? serveTimeoutMs : 25_000 });
const logged = (from: number): string => serverLog.slice(from).map((entry) => entry.answer).join(', ') || '(no request)';
let mark = serverLog.length;
const forged = await wsAttempt('/account', appOrigin);
const forgedAnswer = logged(mark);
mark = serverLog.length;
const none = await wsAttempt('/account', undefined);
const noneAnswer = logged(mark);

// ─── Report ───────────────────────────────────────────────────────────────

const browserName = browserRun === null || browserRun.headless ? 'Chromium' : 'your browser';
const reportOf = (origin: string): Attempt[] => browserRun?.reports.find((report) => report.page === origin)?.report ?? [];
const eventsOf = (origin: string, path: string): string => reportOf(origin).find((attempt) => attempt.path === path)?.events.join(', ') ?? '(not run)';
const serverSaw = (origin: string, path: string): string => {
  const entry = serverLog.find((line) => line.origin === origin && (line.path === path || (path === '/account' && line.path === '/account')));
  return entry?.answer ?? '(no request)';
};

print(
  heading(`origin-check: the application ${appOrigin}, a page of another site ${attackerOrigin}`),
  table(
    ['client', 'endpoint', 'Origin sent', 'server answered', 'the client read'],
    [
      ...[appOrigin, attackerOrigin].flatMap((origin) =>
        PATHS.map((path) => [`${browserName}, page of ${origin === appOrigin ? 'the application' : 'another site'}`, path, origin, serverSaw(origin, path), eventsOf(origin, path)]),
      ),
      ['ws (not a browser)', '/account', `${appOrigin} (forged)`, forgedAnswer, forged],
      ['ws (not a browser)', '/account', '(none)', noneAnswer, none],
    ],
  ),
);

print(
  heading('What it means'),
  [
    '/account-unchecked gave the account to a page of another site: in a real browser, with the user\'s cookies, that is a hijacked session.',
    '/account refused that page with 403, and the page learned nothing but error and close 1006.',
    'A client that is not a browser sends whatever Origin it likes: check the Origin for your users\' sake, and authenticate anyway.',
  ].join('\n'),
);

for (const server of [app, attacker]) {
  server.closeAllConnections();
  server.close();
}
process.exit(browserRun === null ? 1 : 0);
