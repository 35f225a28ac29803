/**
 * Ping/pong keepalive with a dead-peer timeout, on both ends: live peers answer every Ping, a silent one is cut off.
 *
 * A TCP connection whose peer has vanished (a laptop closed, a NAT mapping
 * dropped) can look open for a long time. A WebSocket endpoint finds out
 * with Ping frames: every peer must answer a Ping with a Pong carrying the
 * same payload, so a peer that stays silent past a deadline is gone, and
 * the connection can be closed without waiting for TCP to notice.
 *
 * The `keepalive()` function below does it for any connection of
 * `src/node/` (server or client side): a Ping every 150 ms, and
 * `terminate()` when no Pong has come for 600 ms. These are demo values;
 * in production use seconds (e.g. a Ping every 30 s, well under the idle
 * timeouts of proxies and NATs, and a deadline of two missed Pongs).
 *
 * - The server side: four clients connect to a server that keeps each
 *   connection alive. This project's WebSocket API, undici and `ws` answer
 *   every Ping by themselves (the WebSocket API has no ping method: the
 *   user agent answers for the script). The fourth, `ws` created with
 *   `autoPong: false`, stays connected but silent, like a vanished peer:
 *   the server cuts it off, and it sees 1006.
 * - The client side: this project's protocol client keeps its connection
 *   alive against a server that completes the handshake and then never
 *   answers again; it gives up after 600 ms.
 *
 * Clauses: rfc6455#section-5.5.2-3, rfc6455#section-5.5.2-4, rfc6455#section-5.5.2-5, rfc6455#section-5.5.3-3,
 *   rfc6455#section-7.1.1-1, rfc6455#section-7.2.1-2, whatwg#ping-and-pong-frames-2
 */
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket as WsWebSocket } from 'ws';
import { WebSocket as ApiWebSocket } from '../../src/api/index.ts';
import { connect, listen } from '../../src/node/index.ts';
import type { NodeWebSocket } from '../../src/node/index.ts';
import { computeAccept, encodeUtf8 } from '../../src/protocol/index.ts';
import { nodeSha1 } from '../../src/node/index.ts';
import { sleep, watchdog, within } from '../_lib/lifetime.ts';
import { heading, print, table } from '../_lib/text.ts';

watchdog(30_000);

const PING_EVERY_MS = 150;
const DEAD_AFTER_MS = 600;
const RUN_MS = 1500;

interface Liveness {
  pings: number;
  pongs: number;
  /** Milliseconds after the start when the peer was declared dead, or null. */
  deadAt: number | null;
}

/**
 * Keeps `ws` alive: a Ping every `every` ms, each with a counter as its
 * payload; `terminate()` once no Pong has come for `deadAfter` ms.
 */
function keepalive(ws: NodeWebSocket, every = PING_EVERY_MS, deadAfter = DEAD_AFTER_MS): Liveness {
  const started = Date.now();
  const liveness: Liveness = { pings: 0, pongs: 0, deadAt: null };
  let lastPong = Date.now();
  ws.on('pong', () => {
    lastPong = Date.now();
    liveness.pongs++;
  });
  const timer = setInterval(() => {
    if (Date.now() - lastPong > deadAfter) {
      liveness.deadAt = Date.now() - started;
      clearInterval(timer);
      // No closing handshake with a peer that does not answer: close the TCP connection now.
      ws.terminate();
      return;
    }
    // Closing already: ping() sends nothing and returns false (no Ping may follow a Close frame), and the closing handshake has its own timeout.
    if (!ws.ping(encodeUtf8(String(liveness.pings + 1)))) {
      clearInterval(timer);
      return;
    }
    liveness.pings++;
  }, every);
  ws.once('close', () => clearInterval(timer));
  return liveness;
}

// ─── The server side ──────────────────────────────────────────────────────

const byClient = new Map<string, Liveness>();
const server = await listen({
  routes: {
    '/live': (ws, handshake) => {
      ws.on('error', () => {});
      byClient.set(new URL(handshake.resourceName, 'http://localhost').searchParams.get('who') ?? '?', keepalive(ws));
    },
  },
});
const url = (who: string) => `${server.url}live?who=${who}`;

/** Connects, stays RUN_MS, closes (if still open): what the client saw. */
async function apiClient(Ctor: typeof globalThis.WebSocket, who: string): Promise<string> {
  const ws = new Ctor(url(who));
  await within(5000, 'open', new Promise((resolve) => (ws.onopen = resolve)));
  const closed = new Promise<string>((resolve) => (ws.onclose = (event) => resolve(`close ${event.code}${event.wasClean ? ' clean' : ' not clean'}`)));
  await sleep(RUN_MS);
  ws.close(1000);
  return within(5000, 'close', closed);
}

async function wsClient(who: string, autoPong: boolean): Promise<string> {
  const ws = new WsWebSocket(url(who), { autoPong });
  await within(5000, 'open', new Promise((resolve) => ws.once('open', resolve)));
  const closed = new Promise<string>((resolve) => ws.once('close', (code) => resolve(`close ${code}${code === 1006 ? ' not clean' : ' clean'}`)));
  await sleep(RUN_MS);
  if (ws.readyState === WsWebSocket.OPEN) ws.close(1000);
  return within(5000, 'close', closed);
}

// ─── The client side: a server that goes silent ───────────────────────────

/** Completes the opening handshake, then reads everything and answers nothing. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const silent = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const key = /sec-websocket-key:\s*(\S+)/i.exec(head)?.[1] ?? '';
      void computeAccept(key, nodeSha1).then((accept) => {
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        socket.resume();
      });
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  return {
    port: (silent.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    },
  };
}

async function clientSide(): Promise<{ liveness: Liveness; closed: string }> {
  const silent = await silentServer();
  const ws = connect(`ws://127.0.0.1:${silent.port}/`);
  ws.on('error', () => {});
  await within(5000, 'open', new Promise((resolve) => ws.once('open', resolve)));
  const liveness = keepalive(ws);
  const closed = await within(5000, 'close', new Promise<string>((resolve) => ws.once('close', (info) => resolve(`close ${info.code}${info.wasClean ? ' clean' : ' not clean'}`))));
  await silent.close();
  return { liveness, closed };
}

const [ours, undici, ws, frozen, client] = await Promise.all([
  apiClient(ApiWebSocket as unknown as typeof globalThis.WebSocket, 'ours'),
  apiClient(globalThis.WebSocket, 'undici'),
  wsClient('ws', true),
  wsClient('ws-silent', false),
  clientSide(),
]);

// ─── Report ───────────────────────────────────────────────────────────────

const verdict = (liveness: Liveness | undefined): string =>
  liveness === undefined ? '(no connection)' : liveness.deadAt === null ? 'alive' : `dead: no Pong for ${DEAD_AFTER_MS} ms, terminated at ${Math.round(liveness.deadAt / 50) * 50} ms`;
const row = (label: string, who: string, seen: string): string[] => {
  const liveness = byClient.get(who);
  return [label, String(liveness?.pings ?? 0), String(liveness?.pongs ?? 0), verdict(liveness), seen];
};

print(
  heading(`keepalive: the server pings every ${PING_EVERY_MS} ms, gives up after ${DEAD_AFTER_MS} ms of silence (${server.url}live)`),
  table(
    ['client', 'Pings', 'Pongs', 'server', 'the client saw'],
    [
      row('WebSocket API (ours)', 'ours', ours),
      row('undici WebSocket', 'undici', undici),
      row('ws', 'ws', ws),
      row('ws, autoPong: false (silent)', 'ws-silent', frozen),
    ],
  ),
);

print(
  heading('The client side: our protocol client against a server that goes silent after the handshake'),
  table(
    ['client', 'Pings', 'Pongs', 'verdict', 'close'],
    [['protocol client (src/node)', String(client.liveness.pings), String(client.liveness.pongs), verdict(client.liveness), client.closed]],
  ),
  'Counts vary by a Ping or two from run to run: they follow the timers. A Ping sent as a client closes may go unanswered.',
);

await server.close();
