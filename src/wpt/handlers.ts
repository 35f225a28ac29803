/**
 * The pywebsocket3 handlers of the suite (`websockets/handlers/<name>_wsh.py`,
 * served at `/<name>`), in TypeScript.
 *
 * Those that keep the protocol's rules run on our own server
 * (`src/node/server.ts`): its routes, its subprotocol choice, its refuse
 * hook. Those that break a rule on purpose, or that depend on the server
 * not reading (backpressure) or answering a Close late or never, run on
 * the raw socket (`raw.ts`). Each says which, and why.
 *
 * pywebsocket's conventions kept: when `web_socket_transfer_data` returns,
 * the server starts the closing handshake with 1000; a received Close is
 * answered with the same code and reason (our core does so; the `echo`
 * handler asks for it explicitly).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Opcode } from '../protocol/index.ts';
import type { HandshakeRequest } from '../protocol/index.ts';
import { ServerWebSocket, WebSocketServer } from '../node/server.ts';
import { rawAccept } from './raw.ts';
import type { RawPeer } from './raw.ts';

/** Handlers no test in `websockets/` names (other WPT directories use them): not served, 404. */
export const UNUSED_HANDLERS: Readonly<Record<string, string>> = {
  msg_channel: 'a stash-backed message channel for other WPT directories; no websockets test connects to it',
  stash_responder: 'a stash front-end for other WPT directories; no websockets test connects to it',
  stash_responder_blocking: 'a blocking stash front-end for other WPT directories; no websockets test connects to it',
  'set-cookie-secure': 'not referenced by any websockets test',
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function query(handshake: HandshakeRequest | string): string {
  const target = typeof handshake === 'string' ? handshake : handshake.resourceName;
  const index = target.indexOf('?');
  return index === -1 ? '' : target.slice(index + 1);
}

function header(handshake: HandshakeRequest, name: string): string | null {
  const lower = name.toLowerCase();
  const found = handshake.request.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
  return found.length === 0 ? null : found.join(', ');
}

/** Sends one text message, then closes with 1000 (a handler that returns). */
function sendAndReturn(ws: ServerWebSocket, text: string): void {
  ws.send(text);
  ws.close(1000);
}

/** Reads messages, replying with `reply`, until `Goodbye`; then closes with 1000. */
function readUntilGoodbye(ws: ServerWebSocket, reply: (data: string | Uint8Array) => void): void {
  ws.on('message', (data) => {
    if (ws.readyState !== 1) return;
    reply(data);
    if (data === 'Goodbye') ws.close(1000);
  });
}

// ─── Handlers on our server ─────────────────────────────────────────────

interface ServerHandler {
  kind: 'server';
  /** Milliseconds to sleep inside the opening handshake (pywebsocket's do_extra_handshake). */
  delay?: number;
  /** The subprotocol to select from the offer (default: none). */
  protocol?: (offered: readonly string[], handshake: HandshakeRequest) => string | null;
  /** Refuses the handshake (basic_auth). */
  refuse?: (handshake: HandshakeRequest) => { status: number; reason?: string; headers?: Array<[string, string]> } | undefined;
  connected: (ws: ServerWebSocket, handshake: HandshakeRequest) => void;
}

interface RawHandler {
  kind: 'raw';
  run: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
}

type Handler = ServerHandler | RawHandler;

const echo = (ws: ServerWebSocket): void => readUntilGoodbye(ws, (data) => ws.send(data));

const setCookie =
  (headers: (q: string, req: IncomingMessage) => Array<[string, string]>) =>
  async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    // The 101 carries Set-Cookie (our server's 101 has no room for extra fields); then wait for the client's Close.
    const peer = await rawAccept(req, socket, head, { headers: headers(query(req.url ?? ''), req) });
    await peer.echoClose();
  };

export const HANDLERS: Readonly<Record<string, Handler>> = {
  echo: {
    kind: 'server',
    protocol: (offered) => (offered.includes('echo') ? 'echo' : null),
    connected: echo,
  },
  echo_close_data: { kind: 'server', connected: (ws) => readUntilGoodbye(ws, () => {}) },
  echo_exit: { kind: 'server', connected: (ws) => readUntilGoodbye(ws, () => {}) },
  'echo-cookie': { kind: 'server', connected: (ws, hs) => sendAndReturn(ws, header(hs, 'cookie') ?? '(none)') },
  'echo-query': { kind: 'server', connected: (ws, hs) => sendAndReturn(ws, query(hs)) },
  'echo-query_v13': { kind: 'server', connected: (ws, hs) => sendAndReturn(ws, query(hs)) },
  origin: { kind: 'server', connected: (ws, hs) => sendAndReturn(ws, hs.origin ?? 'None') },
  referrer: { kind: 'server', connected: (ws, hs) => sendAndReturn(ws, header(hs, 'referer') ?? 'MISSING AS PER FETCH') },
  'empty-message': {
    kind: 'server',
    connected: (ws) => ws.once('message', (data) => sendAndReturn(ws, (typeof data === 'string' ? data.length : data.byteLength) === 0 ? 'pass' : 'fail')),
  },
  handshake_no_extensions: { kind: 'server', connected: (ws) => ws.close(1000) },
  handshake_no_protocol: { kind: 'server', connected: (ws) => ws.close(1000) },
  handshake_sleep_2: { kind: 'server', delay: 2000, connected: (ws) => ws.close(1000) },
  sleep_10_v13: { kind: 'server', delay: 10_000, connected: (ws) => readUntilGoodbye(ws, (data) => typeof data === 'string' && ws.send(data)) },
  protocol_array: {
    kind: 'server',
    protocol: (offered) => offered[0] ?? null,
    connected: (ws) => sendAndReturn(ws, ws.protocol ?? ''),
  },
  'remote-close': {
    kind: 'server',
    connected: (ws, hs) => {
      const params = new URLSearchParams(query(hs));
      if (params.has('abrupt')) {
        // A ping first, so that the drop is not taken for a failed handshake; then TCP goes without a Close frame.
        ws.ping(new TextEncoder().encode('ping'));
        setTimeout(() => ws.terminate(), 50);
        return;
      }
      const code = params.get('code');
      if (code === null) ws.close();
      else ws.close(Number(code), params.get('reason') ?? '');
    },
  },
  basic_auth: {
    kind: 'server',
    refuse: (hs) =>
      header(hs, 'authorization') === 'Basic Zm9vOmJhcg=='
        ? undefined
        : { status: 401, reason: 'Unauthorized', headers: [['WWW-Authenticate', 'Basic realm="camelot"']] },
    connected: () => {},
  },

  // ─── On the raw socket ──────────────────────────────────────────────────

  /** The whole Sec-WebSocket-Protocol field as the protocol: with several offered, not one of them (so raw). */
  protocol: {
    kind: 'raw',
    run: async (req, socket, head) => {
      const protocol = String(req.headers['sec-websocket-protocol'] ?? '') || null;
      const peer = await rawAccept(req, socket, head, { protocol });
      peer.sendText(protocol ?? 'None');
      await returnAndClose(peer);
    },
  },
  /** `foobar` whatever was offered: an unoffered subprotocol, which the client must fail. */
  handshake_protocol: {
    kind: 'raw',
    run: async (req, socket, head) => {
      const peer = await rawAccept(req, socket, head, { protocol: 'foobar' });
      await peer.echoClose();
    },
  },
  /** A Close answered one second late. */
  'delayed-passive-close': {
    kind: 'raw',
    run: async (req, socket, head) => (await rawAccept(req, socket, head)).echoClose(1000),
  },
  /** A Close never answered: TCP dropped. */
  'passive-close-abort': {
    kind: 'raw',
    run: async (req, socket, head) => {
      const peer = await rawAccept(req, socket, head);
      await peer.waitForClose();
      socket.destroy();
    },
  },
  /** The payload of each message written onto the connection as raw bytes (frames injected by the test). */
  echo_raw: {
    kind: 'raw',
    run: async (req, socket, head) => {
      const peer = await rawAccept(req, socket, head);
      for (;;) {
        const frame = await peer.nextMessage();
        if (frame === null) return;
        if (frame.opcode === Opcode.Close) {
          peer.closeWith(1000);
          return;
        }
        if (new TextDecoder().decode(frame.payload) === 'exit') {
          await returnAndClose(peer);
          return;
        }
        if (!socket.destroyed) socket.write(frame.payload);
      }
    },
  },
  /** A 101 with a bogus Sec-WebSocket-Accept, then a message. */
  wrong_accept_key: {
    kind: 'raw',
    run: async (req, socket, head) => {
      const peer = await rawAccept(req, socket, head, {
        statusLine: 'HTTP/1.1 101 Switching Protocols:',
        accept: 'thisisawrongacceptkey',
        headers: [['Sec-WebSocket-Origin', String(req.headers.origin ?? '')]],
      });
      peer.sendText('test');
      await returnAndClose(peer);
    },
  },
  /** Not an HTTP response at all. */
  invalid: {
    kind: 'raw',
    run: async (_req, socket) => {
      socket.end('FOO BAR BAZ\r\n\r\n');
    },
  },
  /** Its own 101 with Set-Cookie, then Close 1001 "PASS" in the same write; reads the client's Close, then drops TCP. */
  simple_handshake: {
    kind: 'raw',
    run: async (req, socket, head) => {
      const peer = await rawAccept(req, socket, head, {
        statusLine: 'HTTP/1.1 101 Switching Protocols:',
        headers: [
          ['Set-Cookie', 'ws_test=test'],
          ['Sec-WebSocket-Origin', String(req.headers.origin ?? '')],
        ],
      });
      peer.write(Opcode.Close, new Uint8Array([0x03, 0xe9, ...new TextEncoder().encode('PASS')]));
      await peer.nextFrame();
      socket.destroy();
    },
  },
  'set-cookie': { kind: 'raw', run: setCookie((q) => [['Set-Cookie', `ws_test_${q}=test; Path=/`]]) },
  'set-cookie_http': {
    kind: 'raw',
    // The CRLF in the value injects a second header line, on purpose.
    run: setCookie((q, req) => [['Set-Cookie', `ws_test_${q}=test; Path=/; HttpOnly\r\nSec-WebSocket-Origin: ${String(req.headers.origin ?? '')}`]]),
  },
  'set-cookies-samesite': {
    kind: 'raw',
    run: setCookie((q) => {
      const params = new URLSearchParams(q);
      const maxAge = q.includes('clear') ? '; Max-Age=0' : '';
      const value = params.get('value') ?? '1';
      return [
        ['Set-Cookie', `samesite-unspecified=${value}; Path=/${maxAge}`],
        ['Set-Cookie', `samesite-lax=${value}; Path=/; SameSite=Lax${maxAge}`],
        ['Set-Cookie', `samesite-strict=${value}; Path=/; SameSite=Strict${maxAge}`],
        ['Set-Cookie', `samesite-none=${value}; Path=/; SameSite=None; Secure${maxAge}`],
      ];
    }),
  },
  /** Does not read for two seconds (TCP backpressure on the client), then reads one message. */
  'receive-backpressure': {
    kind: 'raw',
    run: async (req, socket, head) => {
      socket.pause();
      const peer = await rawAccept(req, socket, head);
      await sleep(2000);
      socket.resume();
      await peer.nextMessage();
      await returnAndClose(peer);
    },
  },
  /** For each message: 0.1 s without reading, then its length as text. */
  'receive-many-with-backpressure': {
    kind: 'raw',
    run: async (req, socket, head) => {
      const peer = await rawAccept(req, socket, head);
      for (;;) {
        socket.pause();
        await sleep(100);
        socket.resume();
        const frame = await peer.nextMessage();
        if (frame === null) return;
        if (frame.opcode === Opcode.Close) {
          peer.closeWith(1000);
          return;
        }
        peer.sendText(String(frame.payload.byteLength));
      }
    },
  },
  /** An empty binary message, 16 × 1 MiB each written once the previous one drained, then the seconds it took. */
  'send-backpressure': {
    kind: 'raw',
    run: async (req, socket, head) => {
      const peer = await rawAccept(req, socket, head);
      peer.write(Opcode.Binary);
      const start = performance.now();
      const mebibyte = new Uint8Array(1024 * 1024).fill(0x20);
      for (let i = 0; i < 16 && !socket.destroyed; i++) {
        peer.write(Opcode.Binary, mebibyte);
        if (socket.writableNeedDrain) await drainedOrClosed(socket);
      }
      peer.sendText(String((performance.now() - start) / 1000));
      await returnAndClose(peer);
    },
  },
};

/** Resolves when `socket` drains or closes, leaving no listener behind (the loop above waits up to 16 times). */
function drainedOrClosed(socket: Duplex): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done).off('close', done);
      resolve();
    };
    socket.once('drain', done).once('close', done);
  });
}

/** A raw handler's `web_socket_transfer_data` returned: Close 1000, then wait (bounded) for the client's. */
async function returnAndClose(peer: RawPeer): Promise<void> {
  peer.write(Opcode.Close, new Uint8Array([0x03, 0xe8]));
  const timer = setTimeout(() => peer.socket.destroy(), 5000);
  await peer.waitForClose();
  clearTimeout(timer);
  peer.socket.end();
}

/** The WebSocket side of the test server: every upgrade goes through here, on http and https alike. */
export class WptWebSocketEndpoints {
  readonly #server: WebSocketServer;

  constructor() {
    const routes: Record<string, (ws: ServerWebSocket, handshake: HandshakeRequest) => void> = {};
    for (const [name, handler] of Object.entries(HANDLERS)) if (handler.kind === 'server') routes[`/${name}`] = handler.connected;
    const handlerOf = (handshake: HandshakeRequest): ServerHandler | undefined => {
      const handler = HANDLERS[new URL(handshake.resourceName, 'http://x').pathname.slice(1)];
      return handler?.kind === 'server' ? handler : undefined;
    };
    this.#server = new WebSocketServer({
      routes,
      // pywebsocket selects nothing unless the handler does.
      selectProtocol: (offered, handshake) => handlerOf(handshake)?.protocol?.(offered, handshake) ?? null,
      refuse: async (handshake) => {
        const handler = handlerOf(handshake);
        if (handler?.delay) await sleep(handler.delay);
        return handler?.refuse?.(handshake);
      },
      handshakeTimeout: 20_000,
      closeTimeout: 5_000,
    });
    this.#server.on('error', (e) => { if (process.env['WSSPEC_WPT_DEBUG']) console.error(e); });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const handler = HANDLERS[name];
    if (handler?.kind === 'raw') {
      socket.on('error', () => {});
      handler.run(req, socket, head).catch(() => socket.destroy());
      return;
    }
    this.#server.handleUpgrade(req, socket, head);
  }

  async close(): Promise<void> {
    await this.#server.close();
  }
}
