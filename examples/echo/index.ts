/**
 * An echo server and four clients: text, UTF-8, empty, binary and 64 KiB messages come back as they went.
 *
 * The smallest useful WebSocket server: `listen()` from `src/node/` on
 * 127.0.0.1, one route, `/echo`, that sends every message back as it
 * came, text as text, binary as binary. Four clients send the same
 * messages and check each echo: this project's protocol client, its
 * WebSocket API, the `ws` package and Node's own WebSocket (undici).
 *
 * The messages are chosen to cross each form of the frame's payload
 * length: 7 bits (up to 125 bytes), 7+16 bits (up to 65535) and 7+64 bits.
 * The table shows the header of the frame the server sends for each
 * (unmasked, as every server-to-client frame); client-to-server frames
 * carry 4 more bytes, the masking key. Last, the examples of RFC 6455
 * §5.7, encoded by `src/protocol/frames.ts`, byte for byte.
 *
 * Run it with `--port <p>` to keep the server at a known port while you
 * try it with a client of your own (`--hold <s>` keeps it up that long).
 *
 * Options:
 *   --port <p>       port of the echo server (default: a free one)
 *   --hold <s>       keep the server running this many seconds after the clients are done (default 0)
 *
 * Clauses: rfc6455#section-5.2-3.5, rfc6455#section-5.6-3.1, rfc6455#section-5.6-3.2, rfc6455#section-6.1-2.2,
 *   rfc6455#section-6.2-1, rfc6455#section-5.3-1, rfc6455#section-5.7-1.1.2.1, rfc6455#section-5.7-1.2.2.1,
 *   rfc6455#section-5.7-1.5.2.1, whatwg#dom-websocket-send, whatwg#handle-a-websocket-message-step-3
 */
import { parseArgs } from 'node:util';
import { WebSocket as WsWebSocket } from 'ws';
import { WebSocket as ApiWebSocket } from '../../src/api/index.ts';
import { connect, listen } from '../../src/node/index.ts';
import { encodeFrame, encodeFrameHeader, encodeUtf8, Opcode } from '../../src/protocol/index.ts';
import { sleep, watchdog, within } from '../_lib/lifetime.ts';
import { heading, print, table } from '../_lib/text.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, hold: { type: 'string', default: '0' } } });
const holdMs = Number(values.hold) * 1000;
watchdog(30_000 + holdMs);

type Message = string | Uint8Array;

const pattern = (size: number): Uint8Array => Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 255);
const MESSAGES: ReadonlyArray<{ label: string; data: Message }> = [
  { label: 'text "hello"', data: 'hello' },
  { label: 'text "こんにちは"', data: 'こんにちは' },
  { label: 'text "" (empty)', data: '' },
  { label: 'binary 00 01 02 ff', data: new Uint8Array([0, 1, 2, 255]) },
  { label: 'binary, 126 bytes', data: pattern(126) },
  { label: 'text, 65536 bytes', data: 'x'.repeat(65536) },
];

// ─── The server ───────────────────────────────────────────────────────────

const server = await listen({
  port: Number(values.port),
  routes: {
    '/echo': (ws) => {
      ws.on('error', () => {});
      // No readyState guard: once closing, send() does nothing and returns false.
      ws.on('message', (data) => ws.send(data));
    },
  },
});
const url = `${server.url}echo`;

// ─── The clients ──────────────────────────────────────────────────────────

const same = (a: Message, b: Message): boolean =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.length === b.length && a.every((byte, i) => byte === b[i]);

const verdict = (sent: Message, received: Message | undefined): string =>
  received === undefined ? 'no echo' : same(sent, received) ? 'echoed' : `MISMATCH (${typeof received === 'string' ? 'text' : 'binary'} of ${typeof received === 'string' ? encodeUtf8(received).length : received.length} bytes)`;

/** Sends the messages one at a time, awaiting each echo. */
async function converse(send: (data: Message) => void, next: () => Promise<Message>): Promise<string[]> {
  const results: string[] = [];
  for (const { data } of MESSAGES) {
    send(data);
    results.push(verdict(data, await within(5000, 'an echo', next())));
  }
  return results;
}

/** A queue of received messages. */
function inbox(): { push: (data: Message) => void; next: () => Promise<Message> } {
  const queue: Message[] = [];
  const waiting: Array<(data: Message) => void> = [];
  return {
    push: (data) => {
      const resolve = waiting.shift();
      if (resolve !== undefined) resolve(data);
      else queue.push(data);
    },
    next: () => new Promise((resolve) => (queue.length > 0 ? resolve(queue.shift()!) : waiting.push(resolve))),
  };
}

async function protocolClient(): Promise<string[]> {
  const ws = connect(url);
  const box = inbox();
  ws.on('message', box.push);
  await within(5000, 'open', new Promise((resolve) => ws.once('open', resolve)));
  const results = await converse((data) => ws.send(data), box.next);
  const closed = new Promise((resolve) => ws.once('close', resolve));
  ws.close(1000);
  await within(5000, 'close', closed);
  return results;
}

async function apiClient(Ctor: typeof globalThis.WebSocket): Promise<string[]> {
  const ws = new Ctor(url);
  ws.binaryType = 'arraybuffer';
  const box = inbox();
  ws.onmessage = (event: MessageEvent) => box.push(typeof event.data === 'string' ? event.data : new Uint8Array(event.data as ArrayBuffer));
  await within(5000, 'open', new Promise((resolve) => (ws.onopen = resolve)));
  const results = await converse((data) => ws.send(data as string | Uint8Array<ArrayBuffer>), box.next);
  const closed = new Promise((resolve) => (ws.onclose = resolve));
  ws.close(1000);
  await within(5000, 'close', closed);
  return results;
}

async function wsClient(): Promise<string[]> {
  const ws = new WsWebSocket(url);
  const box = inbox();
  ws.on('message', (data: Buffer, isBinary: boolean) => box.push(isBinary ? new Uint8Array(data) : data.toString('utf8')));
  await within(5000, 'open', new Promise((resolve) => ws.once('open', resolve)));
  const results = await converse((data) => ws.send(data), box.next);
  const closed = new Promise((resolve) => ws.once('close', resolve));
  ws.close(1000);
  await within(5000, 'close', closed);
  return results;
}

const [protocol, api, ws, undici] = await Promise.all([
  protocolClient(),
  apiClient(ApiWebSocket as unknown as typeof globalThis.WebSocket),
  wsClient(),
  apiClient(globalThis.WebSocket),
]);

// ─── Report ───────────────────────────────────────────────────────────────

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
const payloadOf = (data: Message): Uint8Array => (typeof data === 'string' ? encodeUtf8(data) : data);
const header = (data: Message): string =>
  hex(encodeFrameHeader({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: typeof data === 'string' ? Opcode.Text : Opcode.Binary }, payloadOf(data).length));

print(
  heading(`echo: four clients, one echo server (${url})`),
  table(
    ['message', 'bytes', "server's frame header", 'protocol client', 'WebSocket API (ours)', 'ws', 'undici WebSocket'],
    MESSAGES.map((message, i) => [message.label, String(payloadOf(message.data).length), header(message.data), protocol[i]!, api[i]!, ws[i]!, undici[i]!]),
  ),
);

const frame = (opcode: number, payload: Uint8Array, fin = true): Uint8Array => encodeFrame({ fin, rsv1: false, rsv2: false, rsv3: false, opcode, payload });
const hello = encodeUtf8('Hello');
const RFC_KEY = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
print(
  heading('RFC 6455 §5.7, encoded by src/protocol/frames.ts'),
  table(
    ['RFC 6455 §5.7 example', 'bytes'],
    [
      ['a single-frame unmasked text message', hex(frame(Opcode.Text, hello))],
      ['a single-frame masked text message', hex(encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: Opcode.Text, payload: hello }, RFC_KEY))],
      ['a fragmented unmasked text message', `${hex(frame(Opcode.Text, encodeUtf8('Hel'), false))} | ${hex(frame(Opcode.Continuation, encodeUtf8('lo')))}`],
      ['256 bytes binary message, unmasked', `${hex(encodeFrameHeader({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: Opcode.Binary }, 256))} [256 bytes]`],
      ['64KiB binary message, unmasked', `${hex(encodeFrameHeader({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: Opcode.Binary }, 65536))} [65536 bytes]`],
    ],
  ),
);

const all = [protocol, api, ws, undici].flat();
print(`${all.filter((result) => result === 'echoed').length} of ${all.length} messages echoed intact.`);

if (holdMs > 0) {
  console.log(`The echo server stays at ${url} for ${holdMs / 1000} s.`);
  await sleep(holdMs);
}
await server.close();
