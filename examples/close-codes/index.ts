/**
 * Close codes and reasons end to end: what each side reads, 1005 and 1006 that are never sent, and what close() refuses.
 *
 * The closing handshake carries a status code and a UTF-8 reason. This
 * example closes connections every way there is and prints what the other
 * side's `close` event (or the server's `close` info) reads:
 *
 * - the server closes with 1000, 1001, 1008, 1011 and a private 4000-range
 *   code with a reason: the client reads them as sent, `wasClean` true;
 * - the server closes with an empty Close frame: the client reads 1005
 *   ("no status received"), a code no endpoint may put in a frame;
 * - the server drops the TCP connection without a Close frame: the client
 *   reads 1006 ("abnormal closure"), `wasClean` false, also never sent;
 * - the client closes with or without a code: what the server reads;
 * - the calls that may not be made: the WebSocket API's `close()` accepts
 *   1000 and 3000–4999 only (InvalidAccessError) and a reason of at most
 *   123 bytes (SyntaxError), before anything is sent.
 *
 * The clients are this project's WebSocket API, Node's (undici) and the
 * `ws` package; the server is this project's (`listen()` from `src/node/`).
 *
 * Clauses: rfc6455#section-5.5.1-2, rfc6455#section-7.1.5-1, rfc6455#section-7.1.6-1,
 *   rfc6455#section-7.4.1-2.1, rfc6455#section-7.4.1-2.2, rfc6455#section-7.4.1-2.6, rfc6455#section-7.4.1-2.7,
 *   rfc6455#section-7.4.1-2.9, rfc6455#section-7.4.1-2.12, rfc6455#section-7.4.2-1.4,
 *   whatwg#closeWebSocket-step-3, whatwg#dom-websocket-close-step-1, whatwg#dom-websocket-close-step-2.2
 */
import { WebSocket as WsWebSocket } from 'ws';
import { WebSocket as ApiWebSocket } from '../../src/api/index.ts';
import { listen } from '../../src/node/index.ts';
import type { CloseInfo } from '../../src/node/index.ts';
import { watchdog, within } from '../_lib/lifetime.ts';
import { heading, print, table } from '../_lib/text.ts';

watchdog(30_000);

// ─── The server ───────────────────────────────────────────────────────────

/** What the server read when a client closed, by the `case` of the URL. */
const serverRead = new Map<string, CloseInfo>();

const server = await listen({
  routes: {
    // Closes at once with the code and reason of the query.
    '/close': (ws, handshake) => {
      ws.on('error', () => {});
      const query = new URL(handshake.resourceName, 'http://localhost').searchParams;
      ws.close(Number(query.get('code')), query.get('reason') ?? '');
    },
    // Closes with an empty Close frame: no code at all.
    '/close-empty': (ws) => {
      ws.on('error', () => {});
      ws.close();
    },
    // Drops the TCP connection: no Close frame.
    '/drop': (ws) => {
      ws.on('error', () => {});
      setTimeout(() => ws.terminate(), 20);
    },
    // Waits for the client to close, and notes what it read.
    '/wait': (ws, handshake) => {
      ws.on('error', () => {});
      const id = new URL(handshake.resourceName, 'http://localhost').searchParams.get('case') ?? '';
      ws.once('close', (info) => serverRead.set(id, info));
    },
  },
});

const describe = (code: number, reason: string, wasClean: boolean): string => `${code} ${JSON.stringify(reason)}${wasClean ? ' clean' : ' not clean'}`;

// ─── Clients ──────────────────────────────────────────────────────────────

type Api = typeof globalThis.WebSocket;

/** A WHATWG WebSocket (ours or undici's): opens, runs `then`, and reads the close event. */
function apiRun(Ctor: Api, path: string, then: (ws: globalThis.WebSocket) => void = () => {}): Promise<string> {
  return within(
    8000,
    `the close event of ${path}`,
    new Promise<string>((resolve) => {
      const ws = new Ctor(`${server.url}${path.slice(1)}`);
      let error = false;
      ws.onopen = () => then(ws);
      ws.onerror = () => (error = true);
      ws.onclose = (event) => resolve(`${error ? 'error, ' : ''}${describe(event.code, event.reason, event.wasClean)}`);
    }),
  );
}

function wsRun(path: string, then: (ws: WsWebSocket) => void = () => {}): Promise<string> {
  return within(
    8000,
    `ws's close for ${path}`,
    new Promise<string>((resolve) => {
      const ws = new WsWebSocket(`${server.url}${path.slice(1)}`);
      let error = false;
      let clean = false;
      ws.on('open', () => then(ws));
      ws.on('error', () => (error = true));
      // ws tells a clean close by the Close frame it received; 1006 means none came.
      ws.on('close', (code, reason) => {
        clean = code !== 1006;
        resolve(`${error ? 'error, ' : ''}${describe(code, reason.toString('utf8'), clean)}`);
      });
    }),
  );
}

const Ours = ApiWebSocket as unknown as Api;
const Undici = globalThis.WebSocket;

// 1. The server closes.
const SERVER_CASES = [
  { label: '1000 normal closure', path: '/close?code=1000&reason=bye' },
  { label: '1001 going away', path: '/close?code=1001&reason=server%20restarting' },
  { label: '1008 policy violation', path: '/close?code=1008&reason=message%20too%20rude' },
  { label: '1011 internal error', path: '/close?code=1011&reason=database%20down' },
  { label: '4000 private use, UTF-8', path: `/close?code=4000&reason=${encodeURIComponent('また明日')}` },
  { label: 'empty Close frame', path: '/close-empty' },
  { label: 'TCP dropped, no Close', path: '/drop' },
];
const serverCloses = await Promise.all(
  SERVER_CASES.map(async (entry) => [entry.label, await apiRun(Ours, entry.path), await apiRun(Undici, entry.path), await wsRun(entry.path)]),
);

// 2. The client closes; the server reads.
const CLIENT_CASES: Array<{ label: string; api: (ws: globalThis.WebSocket) => void; ws: (ws: WsWebSocket) => void }> = [
  { label: 'close()', api: (ws) => ws.close(), ws: (ws) => ws.close() },
  { label: 'close(1000, "done")', api: (ws) => ws.close(1000, 'done'), ws: (ws) => ws.close(1000, 'done') },
  { label: 'close(4001, "さようなら")', api: (ws) => ws.close(4001, 'さようなら'), ws: (ws) => ws.close(4001, 'さようなら') },
];
const clientCloses: string[][] = [];
for (const [i, entry] of CLIENT_CASES.entries()) {
  const row = [entry.label];
  for (const [name, run] of [
    ['ours', (path: string) => apiRun(Ours, path, entry.api)],
    ['undici', (path: string) => apiRun(Undici, path, entry.api)],
    ['ws', (path: string) => wsRun(path, entry.ws)],
  ] as const) {
    const id = `${i}-${name}`;
    const own = await run(`/wait?case=${id}`);
    // The server's side of the connection may close a moment after the client's.
    for (let waited = 0; !serverRead.has(id) && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const read = serverRead.get(id);
    row.push(`server read ${read === undefined ? '(nothing)' : describe(read.code, read.reason, read.wasClean)}\nclient read ${own}`);
  }
  clientCloses.push(row);
}

// 3. What close() refuses, before anything is sent.
const long = 'x'.repeat(124);
const FORBIDDEN: Array<{ label: string; call: (ws: { close(code?: number, reason?: string): void }) => void }> = [
  { label: 'close(1005)', call: (ws) => ws.close(1005) },
  { label: 'close(1006)', call: (ws) => ws.close(1006) },
  { label: 'close(1001)', call: (ws) => ws.close(1001) },
  { label: 'close(2999)', call: (ws) => ws.close(2999) },
  { label: 'close(5000)', call: (ws) => ws.close(5000) },
  { label: 'close(4000, 124 bytes)', call: (ws) => ws.close(4000, long) },
];

/** Each call on a fresh open connection: the exception's name, or "sent" if the call went through. */
async function refusals(open: () => Promise<{ close(code?: number, reason?: string): void; terminate(): Promise<void> }>): Promise<string[]> {
  const results: string[] = [];
  for (const entry of FORBIDDEN) {
    const socket = await open();
    try {
      entry.call(socket);
      results.push('allowed: sent');
    } catch (error) {
      results.push((error as Error).name);
    }
    await socket.terminate();
  }
  return results;
}

function openApi(Ctor: Api) {
  return async () => {
    const ws = new Ctor(`${server.url}wait?case=refusals`);
    await within(5000, 'open', new Promise((resolve) => (ws.onopen = resolve)));
    return {
      close: (code?: number, reason?: string) => ws.close(code, reason),
      terminate: () => {
        const closed = new Promise<void>((resolve) => (ws.onclose = () => resolve()));
        ws.close(1000);
        return within(5000, 'close', closed);
      },
    };
  };
}

async function openWs() {
  const ws = new WsWebSocket(`${server.url}wait?case=refusals-ws`);
  await within(5000, 'open', new Promise((resolve) => ws.once('open', resolve)));
  return {
    close: (code?: number, reason?: string) => ws.close(code, reason),
    terminate: () => {
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.close(1000);
      return within(5000, 'close', closed);
    },
  };
}

const [oursRefused, undiciRefused, wsRefused] = await Promise.all([refusals(openApi(Ours)), refusals(openApi(Undici)), refusals(openWs)]);

// ─── Report ───────────────────────────────────────────────────────────────

print(
  heading(`close-codes: the server closes (server ${server.url})`),
  table(['server', 'WebSocket API (ours)', 'undici WebSocket', 'ws'], serverCloses),
);
print(heading('The client closes: what each side reads'), table(['client calls', 'WebSocket API (ours)', 'undici WebSocket', 'ws'], clientCloses));
print(
  heading('What close() refuses before sending anything'),
  table(
    ['call', 'WebSocket API (ours)', 'undici WebSocket', 'ws'],
    FORBIDDEN.map((entry, i) => [entry.label, oursRefused[i] ?? '', undiciRefused[i] ?? '', wsRefused[i] ?? '']),
  ),
  [
    'The WebSocket API allows 1000 and 3000-4999 only (InvalidAccessError) and a reason of 123 bytes at most (SyntaxError).',
    'ws, a library for servers and clients alike, accepts the codes an endpoint may send (1001 among them) and refuses 1005, 1006',
    'and codes outside the ranges with a TypeError, a long reason with a RangeError.',
  ].join('\n'),
);

await server.close();
