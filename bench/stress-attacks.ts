/**
 * The attacks of issue 11 §2–§3, each against an echo server on
 * 127.0.0.1:port, each bounded in count and in time. Shared by the stress
 * script (`bench/stress.ts`, large counts, prints figures) and its CI
 * version (`test/stress/stress.test.ts`, small counts, asserts the close
 * code and that the server still serves).
 */
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { encodeFrame, Opcode } from '../src/protocol/index.ts';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const MASK = new Uint8Array([1, 2, 3, 4]);

export function clientFrame(opcode: number, payload: Uint8Array, fin = true): Buffer {
  return Buffer.from(encodeFrame({ fin, rsv1: false, rsv2: false, rsv3: false, opcode, payload }, MASK));
}

/** What a raw client saw of the server: its Close code (null: none) and when the transport closed. */
export interface Outcome {
  closeCode: number | null;
  /** Milliseconds from `since` (the moment the limit was crossed, or the attack started) to the server's Close frame or FIN; null: not within the time allowed. */
  msToClose: number | null;
  /** Extra figures of the attack. */
  detail?: string;
}

/** A raw client: handshake done, then reads server frames, noting the Close code and the end. */
export class RawClient {
  readonly socket: Socket;
  closeCode: number | null = null;
  closedAt: number | null = null;
  ended = false;
  #buffer: Buffer = Buffer.alloc(0);
  #headDone = false;

  private constructor(socket: Socket) {
    this.socket = socket;
  }

  static open(port: number, path = '/'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: '127.0.0.1', port });
      socket.setNoDelay(true);
      const client = new RawClient(socket);
      socket.on('error', () => {});
      socket.on('data', (chunk: Buffer) => {
        if (!client.#headDone) {
          client.#buffer = Buffer.concat([client.#buffer, chunk]);
          const end = client.#buffer.indexOf('\r\n\r\n');
          if (end === -1) return;
          client.#headDone = true;
          if (!client.#buffer.subarray(0, 12).toString().includes('101')) reject(new Error(client.#buffer.subarray(0, 40).toString()));
          const rest = client.#buffer.subarray(end + 4);
          client.#buffer = Buffer.alloc(0);
          resolve(client);
          client.#frames(rest);
          return;
        }
        client.#frames(chunk);
      });
      const done = () => {
        client.ended = true;
        client.closedAt ??= Date.now();
      };
      socket.on('end', done);
      socket.on('close', done);
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      setTimeout(() => reject(new Error('no 101 within 5 s')), 5000).unref();
    });
  }

  /** Skims server frames (unmasked): only a Close frame's code matters. */
  #frames(chunk: Buffer): void {
    if (this.closeCode !== null) return;
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const b = this.#buffer;
      if (b.length < 2) return;
      let length = b[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      if (b.length < offset + length) {
        // Keep only what a header needs while a large payload streams past.
        return;
      }
      if ((b[0]! & 0x0f) === Opcode.Close) {
        this.closeCode = length >= 2 ? b.readUInt16BE(offset) : 1005;
        this.closedAt ??= Date.now();
        return;
      }
      this.#buffer = b.subarray(offset + length);
    }
  }

  /** Resolves once the server sent a Close frame or closed, or after `ms`. */
  async waitClosed(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.closeCode === null && !this.ended && Date.now() < until) await sleep(20);
  }

  /** Writes `frame` `count` times, waiting for drain, stopping early once the server closed or `ms` passed. */
  async flood(frame: Buffer, count: number, ms: number): Promise<number> {
    const until = Date.now() + ms;
    let sent = 0;
    const batch = Buffer.concat(Array.from({ length: Math.max(1, Math.floor(65536 / frame.length)) }, () => frame));
    const perBatch = batch.length / frame.length;
    while (sent < count && !this.ended && this.closeCode === null && Date.now() < until) {
      const whole = sent + perBatch <= count;
      const ok = this.socket.write(whole ? batch : frame);
      sent += whole ? perBatch : 1;
      if (!ok) await this.#drained(200);
    }
    return sent;
  }

  /** Resolves on 'drain', or after `ms` (a server that stopped reading never drains us). */
  #drained(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.socket.off('drain', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.socket.once('drain', done);
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function outcome(client: RawClient, since: number, detail?: string): Outcome {
  return { closeCode: client.closeCode, msToClose: client.closedAt === null ? null : Math.max(0, client.closedAt - since), ...(detail !== undefined && { detail }) };
}

/** Empty continuation frames after a first fragment, until the server closes (ours: 1008 after 16,384). */
export async function emptyContinuations(port: number, count: number, ms: number): Promise<Outcome> {
  const client = await RawClient.open(port);
  client.socket.write(clientFrame(Opcode.Text, new Uint8Array(0), false));
  const start = Date.now();
  const sent = await client.flood(clientFrame(Opcode.Continuation, new Uint8Array(0), false), count, ms);
  await client.waitClosed(2000);
  client.destroy();
  return outcome(client, start, `${sent} fragments sent`);
}

/** A frame announcing `size` bytes whose payload arrives one byte per write, on `connections` connections, for `ms`. */
export async function slowFrame(port: number, size: number, connections: number, ms: number): Promise<Outcome> {
  const clients = await Promise.all(Array.from({ length: connections }, () => RawClient.open(port)));
  // The header of a `size`-byte binary frame, masked: 82 ff <8-byte length> <mask>.
  const head = Buffer.alloc(14);
  head[0] = 0x82;
  head[1] = 0x80 | 127;
  head.writeBigUInt64BE(BigInt(size), 2);
  head.set(MASK, 10);
  for (const client of clients) client.socket.write(head);
  const until = Date.now() + ms;
  const one = Buffer.from([0x61]);
  let bytes = 0;
  while (Date.now() < until && clients.every((c) => !c.ended)) {
    for (const client of clients) {
      // One byte per TCP segment (Nagle is off): the server reads one tiny chunk per write.
      client.socket.write(one);
    }
    bytes++;
    if (bytes % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const first = clients[0]!;
  for (const client of clients) client.destroy();
  return outcome(first, Date.now(), `${bytes} payload bytes per connection sent one per write`);
}

/** Pings sent by a client that never reads its Pongs (ours: 1008 beyond 64 owed). */
export async function pingFloodNoRead(port: number, count: number, ms: number): Promise<Outcome> {
  const client = await RawClient.open(port);
  client.socket.pause();
  const start = Date.now();
  const sent = await client.flood(clientFrame(Opcode.Ping, new Uint8Array(0)), count, ms);
  // Now read, to learn how it ended.
  client.socket.resume();
  await client.waitClosed(3000);
  client.destroy();
  return outcome(client, start, `${sent} pings sent`);
}

/** Echo requests from a client that never reads the echoes. */
export async function echoNoRead(port: number, totalBytes: number, ms: number): Promise<Outcome> {
  const client = await RawClient.open(port);
  client.socket.pause();
  const message = clientFrame(Opcode.Binary, new Uint8Array(64 * 1024));
  const start = Date.now();
  const sent = await client.flood(message, Math.ceil(totalBytes / message.length), ms);
  client.destroy();
  return { closeCode: client.closeCode, msToClose: null, detail: `${((sent * message.length) / 1e6).toFixed(0)} MB written in ${Date.now() - start} ms (writes block once the server stops reading)` };
}

/** A request head that never completes (slowloris): how long until the server closes it. */
export async function slowHead(port: number, ms: number): Promise<Outcome & { status: string }> {
  const socket = netConnect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  let text = '';
  let closedAt: number | null = null;
  socket.on('data', (chunk) => (text += chunk.toString('latin1')));
  socket.on('close', () => (closedAt = Date.now()));
  socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
  const start = Date.now();
  const until = start + ms;
  while (closedAt === null && Date.now() < until) {
    await sleep(500);
    if (closedAt === null) socket.write('X-a: b\r\n');
  }
  socket.destroy();
  return { closeCode: null, msToClose: closedAt === null ? null : (closedAt as number) - start, status: text.split('\r\n')[0] ?? '' };
}

/** A head of `size` bytes: whether the refusal's status line arrived, over `tries` attempts. */
export async function hugeHead(port: number, size: number, tries: number): Promise<{ answered: number; tries: number; status: string }> {
  let answered = 0;
  let status = '';
  const line = `X-Filler: ${'a'.repeat(1000)}\r\n`;
  const body = Buffer.from(`GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${line.repeat(Math.ceil(size / line.length))}\r\n`);
  for (let i = 0; i < tries; i++) {
    const text = await new Promise<string>((resolve) => {
      const socket = netConnect({ host: '127.0.0.1', port });
      let got = '';
      socket.on('error', () => resolve(got));
      socket.on('data', (chunk) => (got += chunk.toString('latin1')));
      socket.on('close', () => resolve(got));
      socket.write(body);
      setTimeout(() => socket.destroy(), 3000).unref();
    });
    if (text.startsWith('HTTP/1.1 4')) {
      answered++;
      status = text.split('\r\n')[0] ?? '';
    }
  }
  return { answered, tries, status };
}

/** Whether the server still serves: a fresh connection echoes a message. */
export async function stillServes(port: number): Promise<boolean> {
  try {
    const client = await RawClient.open(port);
    let echoed = false;
    client.socket.on('data', (chunk: Buffer) => {
      if (chunk.includes(Buffer.from('still here'))) echoed = true;
    });
    client.socket.write(clientFrame(Opcode.Text, Buffer.from('still here')));
    const until = Date.now() + 3000;
    while (!echoed && Date.now() < until) await sleep(20);
    client.destroy();
    return echoed;
  } catch {
    return false;
  }
}
