/**
 * One message, several frames: the frames on the wire, a Ping between two fragments, and the one message every client delivers.
 *
 * A WebSocket message may be sent as several frames: the first carries the
 * opcode (text or binary) with FIN clear, the next ones are continuation
 * frames, the last has FIN set. Control frames (a Ping here) may come
 * between fragments, never inside a control frame. The receiver delivers
 * one message, whole.
 *
 * The server (`listen()` from `src/node/`) answers "go" with a text
 * message in two fragments with a Ping between them, then a binary message
 * in three fragments. First a raw client prints the frames as they come
 * off the wire, parsed by the protocol core's `FrameReader`; then four
 * clients show what their application receives: one "Hello", one 4-byte
 * binary message. Last, two clients send a fragmented message themselves
 * (this project's protocol client with `sendText(…, false)` and
 * `sendContinuation`, and `ws` with `{ fin: false }`), and the server
 * reads one message each.
 *
 * Clauses: rfc6455#section-5.4-5.2.1, rfc6455#section-5.4-5.2.2, rfc6455#section-5.4-5.3, rfc6455#section-5.4-5.6,
 *   rfc6455#section-5.4-5.8, rfc6455#section-5.4-5.12, rfc6455#section-5.2-3.1, rfc6455#section-5.7-1.3.2.1,
 *   rfc6455#section-5.7-1.3.2.2, rfc6455#section-5.5.2-3
 */
import { connect as netConnect } from 'node:net';
import { WebSocket as WsWebSocket } from 'ws';
import { WebSocket as ApiWebSocket } from '../../src/api/index.ts';
import { connect, listen, nodeSha1 } from '../../src/node/index.ts';
import { createClientHandshake, encodeFrame, encodeUtf8, FrameReader, OPCODE_NAMES, Opcode, serializeRequest } from '../../src/protocol/index.ts';
import { watchdog, within } from '../_lib/lifetime.ts';
import { heading, print, table } from '../_lib/text.ts';

watchdog(30_000);

// ─── The server ───────────────────────────────────────────────────────────

const serverReceived: string[] = [];
const describe = (data: string | Uint8Array): string =>
  typeof data === 'string' ? `text ${JSON.stringify(data)}` : `binary ${Array.from(data, (byte) => byte.toString(16).padStart(2, '0')).join(' ')}`;

const server = await listen({
  routes: {
    '/fragments': (ws, handshake) => {
      const who = new URL(handshake.resourceName, 'http://localhost').searchParams.get('who') ?? '?';
      ws.on('error', () => {});
      ws.on('message', (data) => {
        if (data !== 'go') {
          serverReceived.push(`${who}: ${describe(data)}`);
          return;
        }
        // "Hello" in two fragments, a Ping between them.
        ws.sendText('Hel', false);
        ws.ping(encodeUtf8('between'));
        ws.sendContinuation('lo', true);
        // 01 02 03 04 in three fragments.
        ws.sendBinary(new Uint8Array([1]), false);
        ws.sendContinuation(new Uint8Array([2, 3]), false);
        ws.sendContinuation(new Uint8Array([4]), true);
      });
    },
  },
});
const url = (who: string) => `${server.url}fragments?who=${who}`;

// ─── A raw client: the frames as they come ────────────────────────────────

interface WireFrame {
  fin: boolean;
  opcode: number;
  payload: Uint8Array;
}

async function wireFrames(): Promise<WireFrame[]> {
  const handshake = await createClientHandshake(url('raw'), { sha1: nodeSha1 });
  const socket = netConnect({ host: '127.0.0.1', port: server.port });
  const reader = new FrameReader({ peer: 'server', maxFrameSize: 1 << 20 });
  const frames: WireFrame[] = [];
  let head = Buffer.alloc(0);
  let upgraded = false;
  const mask = (): Uint8Array => crypto.getRandomValues(new Uint8Array(4));
  const send = (opcode: number, payload: Uint8Array) => socket.write(encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode, payload }, mask()));

  return within(
    5000,
    'the frames',
    new Promise<WireFrame[]>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('connect', () => socket.write(serializeRequest(handshake.request)));
      let done = false;
      socket.on('data', (chunk: Buffer) => {
        if (done) return;
        let data: Uint8Array = chunk;
        if (!upgraded) {
          head = Buffer.concat([head, chunk]);
          const end = head.indexOf('\r\n\r\n');
          if (end < 0) return;
          if (!head.subarray(0, 12).toString('latin1').startsWith('HTTP/1.1 101')) reject(new Error('not upgraded'));
          upgraded = true;
          data = head.subarray(end + 4);
          send(Opcode.Text, encodeUtf8('go'));
        }
        reader.push(new Uint8Array(data));
        for (;;) {
          const header = reader.readHeader();
          if (header === null) break;
          const payload = reader.readPayload();
          if (payload === null) break;
          frames.push({ fin: header.fin, opcode: header.opcode, payload: payload.slice() });
          // Even a tap must answer a Ping, with the same payload.
          if (header.opcode === Opcode.Ping) send(Opcode.Pong, payload.slice());
        }
        // Two messages: the last frame of the binary one ends it.
        if (frames.filter((frame) => frame.fin && frame.opcode !== Opcode.Ping).length >= 2) {
          done = true;
          send(Opcode.Close, new Uint8Array([0x03, 0xe8]));
          socket.end();
          resolve(frames);
        }
      });
    }),
  );
}

// ─── Four clients: what the application receives ──────────────────────────

async function collect(open: (push: (line: string) => void) => Promise<() => void>, count = 2): Promise<string[]> {
  const lines: string[] = [];
  let wake = () => {};
  const close = await open((line) => {
    lines.push(line);
    wake();
  });
  await within(5000, 'the messages', new Promise<void>((resolve) => {
    wake = () => lines.filter((line) => !line.startsWith('(')).length >= count && resolve();
    wake();
  }));
  close();
  return lines;
}

const protocolClient = () =>
  collect(async (push) => {
    const ws = connect(url('protocol-client'));
    ws.on('message', (data) => push(describe(data)));
    ws.on('ping', (data) => push(`(ping ${JSON.stringify(new TextDecoder().decode(data))}, answered)`));
    await within(5000, 'open', new Promise((resolve) => ws.once('open', resolve)));
    ws.send('go');
    return () => ws.close(1000);
  });

const apiClient = (Ctor: typeof globalThis.WebSocket, who: string) =>
  collect(async (push) => {
    const ws = new Ctor(url(who));
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (event: MessageEvent) => push(describe(typeof event.data === 'string' ? event.data : new Uint8Array(event.data as ArrayBuffer)));
    await within(5000, 'open', new Promise((resolve) => (ws.onopen = resolve)));
    ws.send('go');
    return () => ws.close(1000);
  });

const wsClient = () =>
  collect(async (push) => {
    const ws = new WsWebSocket(url('ws'));
    ws.on('message', (data: Buffer, isBinary: boolean) => push(describe(isBinary ? new Uint8Array(data) : data.toString('utf8'))));
    ws.on('ping', (data: Buffer) => push(`(ping ${JSON.stringify(data.toString())}, answered)`));
    await within(5000, 'open', new Promise((resolve) => ws.once('open', resolve)));
    ws.send('go');
    return () => ws.close(1000);
  });

const frames = await wireFrames();
const [protocol, api, undici, ws] = await Promise.all([
  protocolClient(),
  apiClient(ApiWebSocket as unknown as typeof globalThis.WebSocket, 'api'),
  apiClient(globalThis.WebSocket, 'undici'),
  wsClient(),
]);

// ─── Clients send fragments ───────────────────────────────────────────────

{
  const ws = connect(url('protocol-client'));
  await within(5000, 'open', new Promise((resolve) => ws.once('open', resolve)));
  ws.sendText('Hel', false);
  ws.ping(encodeUtf8('between'));
  ws.sendContinuation('lo, server', true);
  ws.close(1000);
  await within(5000, 'close', new Promise((resolve) => ws.once('close', resolve)));
}
{
  const ws = new WsWebSocket(url('ws'));
  await within(5000, 'open', new Promise((resolve) => ws.once('open', resolve)));
  ws.send('fragmented ', { fin: false });
  ws.send('by ', { fin: false });
  ws.send('ws', { fin: true });
  ws.close(1000);
  await within(5000, 'close', new Promise((resolve) => ws.once('close', resolve)));
}
for (let waited = 0; serverReceived.length < 2 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));

// ─── Report ───────────────────────────────────────────────────────────────

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
const payloadText = (frame: WireFrame): string =>
  frame.opcode === Opcode.Binary || (frame.opcode === Opcode.Continuation && frames.findLast((f, i) => i < frames.indexOf(frame) && f.opcode !== Opcode.Continuation && f.opcode < 8)?.opcode === Opcode.Binary)
    ? hex(frame.payload)
    : JSON.stringify(new TextDecoder().decode(frame.payload));

print(
  heading(`fragmentation: the frames on the wire, server → client (${server.url}fragments)`),
  table(
    ['#', 'FIN', 'opcode', 'payload'],
    frames.map((frame, i) => [String(i + 1), frame.fin ? '1' : '0', `${frame.opcode.toString(16)} ${OPCODE_NAMES[frame.opcode as Opcode] ?? ''}`, payloadText(frame)]),
  ),
);

print(
  heading('What each application receives'),
  table(
    ['client', 'events'],
    [
      ['protocol client (src/node)', protocol.join('\n')],
      ['WebSocket API (ours)', api.join('\n')],
      ['undici WebSocket', undici.join('\n')],
      ['ws', ws.join('\n')],
    ],
  ),
  'Five data frames and one Ping became two messages. The WebSocket API never shows a Ping: the browser (or library) answers it.',
);

print(heading('Clients send fragments; the server reads one message each'), serverReceived.join('\n'));

await server.close();
