/**
 * A small fuzzer in Autobahn|Testsuite's manner, both ways:
 *   - `runAgainstServer(url, cases)`: the fuzzing client, one connection per
 *     case, against an echo server;
 *   - `startFuzzingServer(cases)`: the fuzzing server, speaking the
 *     convention of Autobahn's fuzzingserver (/getCaseCount,
 *     /runCase?case=N&agent=A, /updateReports?agent=A) to an echo client.
 * Every case is judged OK, NON-STRICT or FAILED (see cases.ts). Bounded:
 * each wait has a timeout, so a peer that hangs fails its case.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { constants, inflateRawSync } from 'node:zlib';
import type { Case } from './cases.ts';
import { acceptOf, encode, WireReader } from './wire.ts';
import type { WireFrame } from './wire.ts';

export type Outcome = 'OK' | 'NON-STRICT' | 'FAILED';

export interface CaseResult {
  id: string;
  group: Case['group'];
  title: string;
  outcome: Outcome;
  /** What was wrong, or what the peer did. */
  detail: string;
}

/** How long the peer has to fail before a step marked `peerFailsBefore`, and to close at the end. */
const FAIL_WAIT_MS = 1000;
const CLOSE_WAIT_MS = 4000;

/** One side of a connection as the fuzzer sees it. */
class Transcript {
  readonly frames: WireFrame[] = [];
  /** A Close frame arrived, or the TCP connection ended. */
  closed = false;
  ended = false;
  #waiters: Array<() => void> = [];
  readonly #reader = new WireReader();

  readonly socket: Socket;

  constructor(socket: Socket, rest: Buffer) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.#take(chunk));
    const end = () => {
      this.ended = true;
      this.closed = true;
      this.#wake();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', () => {});
    if (rest.length > 0) this.#take(rest);
  }

  #take(chunk: Buffer): void {
    for (const frame of this.#reader.push(chunk)) {
      this.frames.push(frame);
      if (frame.opcode === 8) this.closed = true;
    }
    this.#wake();
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  /** Resolves once `condition()` holds or after `ms`. */
  async until(condition: () => boolean, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }
}

/** The LZ77 window a decompressor keeps when the peer takes over its context. */
class Inflater {
  #window: Uint8Array | null = null;
  readonly takeover: boolean;
  constructor(takeover: boolean) {
    this.takeover = takeover;
  }
  inflate(data: Uint8Array): Uint8Array {
    const input = new Uint8Array(data.length + 4);
    input.set(data);
    input.set([0, 0, 0xff, 0xff], data.length);
    const out = inflateRawSync(input, { finishFlush: constants.Z_SYNC_FLUSH, ...(this.#window !== null && { dictionary: this.#window }) });
    if (this.takeover) {
      const joined = new Uint8Array((this.#window?.length ?? 0) + out.length);
      if (this.#window !== null) joined.set(this.#window);
      joined.set(out, this.#window?.length ?? 0);
      this.#window = joined.subarray(Math.max(0, joined.length - 32 * 1024));
    }
    return out;
  }
}

const same = (a: string | Uint8Array, b: string | Uint8Array) =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const show = (m: string | Uint8Array) => (typeof m === 'string' ? JSON.stringify(m.length > 40 ? `${m.slice(0, 40)}…(${m.length})` : m) : `<${m.length} bytes>`);

/** Plays `c` on a connection whose handshake is done, and judges what came back. */
async function play(transcript: Transcript, c: Case, masked: boolean, inflater: Inflater | null): Promise<CaseResult> {
  const { socket } = transcript;
  let unstrict = false;
  const frames = c.steps.map((s) => encode(s.frame, masked));
  if (c.oneWrite === true) {
    socket.write(Buffer.concat(frames));
  } else {
    for (let i = 0; i < c.steps.length; i++) {
      if (c.steps[i]!.peerFailsBefore === true && !(await transcript.until(() => transcript.closed, FAIL_WAIT_MS))) unstrict = true;
      if (transcript.closed) break;
      socket.write(frames[i]!);
    }
  }
  await transcript.until(() => transcript.closed, CLOSE_WAIT_MS);

  // What the peer sent: messages (inflated when RSV1 was set), Pongs, its Close.
  const messages: Array<string | Uint8Array> = [];
  const pongs: string[] = [];
  let code: number | null = null;
  let current: { text: boolean; compressed: boolean; parts: Uint8Array[] } | null = null;
  let broken: string | null = null;
  for (const frame of transcript.frames) {
    if (frame.opcode === 8) {
      code = frame.payload.length >= 2 ? (frame.payload[0]! << 8) | frame.payload[1]! : 1005;
      break;
    }
    if (frame.opcode === 10) pongs.push(Buffer.from(frame.payload).toString());
    if (frame.opcode >= 8) continue;
    if (frame.opcode !== 0) current = { text: frame.opcode === 1, compressed: frame.rsv1, parts: [] };
    if (current === null) {
      broken = 'the peer sent a continuation with nothing to continue';
      break;
    }
    current.parts.push(frame.payload);
    if (!frame.fin) continue;
    let data: Uint8Array = Buffer.concat(current.parts);
    if (current.compressed) {
      if (inflater === null) {
        broken = 'the peer set RSV1 without permessage-deflate';
        break;
      }
      data = inflater.inflate(data);
    }
    messages.push(current.text ? Buffer.from(data).toString('utf8') : new Uint8Array(data));
    current = null;
  }
  const closeCode = code ?? 1006;

  const base = { id: c.id, group: c.group, title: c.title };
  if (broken !== null) return { ...base, outcome: 'FAILED', detail: broken };
  if (messages.length !== c.echoes.length || messages.some((m, i) => !same(m, c.echoes[i]!))) {
    return { ...base, outcome: 'FAILED', detail: `echoed ${messages.map(show).join(', ') || 'nothing'}; expected ${c.echoes.map(show).join(', ') || 'nothing'}` };
  }
  if (c.pongs !== undefined && JSON.stringify(pongs) !== JSON.stringify(c.pongs)) {
    return { ...base, outcome: 'FAILED', detail: `pongs ${JSON.stringify(pongs)}; expected ${JSON.stringify(c.pongs)}` };
  }
  if (!c.close.includes(closeCode)) return { ...base, outcome: 'FAILED', detail: `closed with ${closeCode}; expected ${c.close.join(' or ')}` };
  if (unstrict) return { ...base, outcome: 'NON-STRICT', detail: `closed with ${closeCode}, but only after frames that followed the fault` };
  return { ...base, outcome: 'OK', detail: `closed with ${closeCode}` };
}

/** Reads an HTTP head; resolves with it and the bytes after it. */
function readHead(socket: Socket): Promise<{ head: string; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => reject(new Error('no HTTP head within 5 s')), 5000);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      clearTimeout(timer);
      socket.off('data', onData);
      resolve({ head: buffer.subarray(0, end).toString('latin1'), rest: buffer.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

const field = (head: string, name: string) => new RegExp(`\\r\\n${name}:[ \\t]*([^\\r\\n]*)`, 'i').exec(head)?.[1]?.trim() ?? null;
const noTakeover = (value: string | null, side: 'server' | 'client') => value !== null && value.includes(`${side}_no_context_takeover`);

// ─── The fuzzing client ───────────────────────────────────────────────────

/** Runs every case against the echo server at `url` (ws://host:port/), one connection each. */
export async function runAgainstServer(url: string, cases: readonly Case[]): Promise<CaseResult[]> {
  const { hostname, port } = new URL(url);
  const results: CaseResult[] = [];
  for (const c of cases) {
    const socket = connect(Number(port), hostname);
    socket.setNoDelay(true);
    try {
      await new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      const key = randomBytes(16).toString('base64');
      socket.write(
        `GET /case/${c.id} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
          (c.deflate === undefined ? '' : `Sec-WebSocket-Extensions: ${c.deflate}\r\n`) +
          '\r\n',
      );
      const { head, rest } = await readHead(socket);
      if (!head.startsWith('HTTP/1.1 101') || field(head, 'sec-websocket-accept') !== acceptOf(key)) throw new Error(`handshake refused: ${head.split('\r\n')[0]}`);
      const extensions = field(head, 'sec-websocket-extensions');
      if (c.deflate !== undefined && extensions === null) throw new Error('permessage-deflate was offered and not accepted');
      const inflater = extensions === null ? null : new Inflater(!noTakeover(extensions, 'server'));
      results.push(await play(new Transcript(socket, rest), c, true, inflater));
    } catch (error) {
      results.push({ id: c.id, group: c.group, title: c.title, outcome: 'FAILED', detail: (error as Error).message });
    } finally {
      socket.destroy();
    }
  }
  return results;
}

// ─── The fuzzing server ───────────────────────────────────────────────────

export interface FuzzingServer {
  url: string;
  /** Results by agent, in case order, as the cases finish. */
  results: Map<string, CaseResult[]>;
  /** Agents whose reports were asked for (/updateReports). */
  reported: string[];
  close(): Promise<void>;
}

/** The fuzzing server: serves `cases` as 1 … cases.length to any echo client. */
export async function startFuzzingServer(cases: readonly Case[]): Promise<FuzzingServer> {
  const results = new Map<string, CaseResult[]>();
  const reported: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setNoDelay(true);
    void serveOne(socket).catch(() => socket.destroy());
  });

  async function serveOne(socket: Socket): Promise<void> {
    const { head, rest } = await readHead(socket);
    const target = new URL(head.split(' ')[1] ?? '/', 'http://fuzzer');
    const key = field(head, 'sec-websocket-key') ?? '';
    const offer = field(head, 'sec-websocket-extensions');
    const agent = target.searchParams.get('agent') ?? '';
    const n = Number(target.searchParams.get('case'));
    const c = target.pathname === '/runCase' ? cases[n - 1] : undefined;
    const accepted = c?.deflate !== undefined && offer !== null && offer.startsWith('permessage-deflate') ? c.deflate : null;
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptOf(key)}\r\n` +
        (accepted === null ? '' : `Sec-WebSocket-Extensions: ${accepted}\r\n`) +
        '\r\n',
    );
    const transcript = new Transcript(socket, rest);
    if (target.pathname === '/getCaseCount') {
      socket.write(encode({ fin: true, rsv1: false, opcode: 1, payload: new TextEncoder().encode(String(cases.length)) }, false));
    } else if (c !== undefined) {
      const result =
        c.deflate !== undefined && accepted === null
          ? { id: c.id, group: c.group, title: c.title, outcome: 'FAILED' as const, detail: 'the client did not offer permessage-deflate' }
          : await play(transcript, c, false, accepted === null ? null : new Inflater(!noTakeover(accepted, 'client')));
      const list = results.get(agent) ?? [];
      list[n - 1] = result;
      results.set(agent, list);
    } else if (target.pathname === '/updateReports') {
      reported.push(agent);
    }
    if (!transcript.closed) socket.write(encode({ fin: true, rsv1: false, opcode: 8, payload: Uint8Array.of(0x03, 0xe8) }, false));
    await transcript.until(() => transcript.frames.some((f) => f.opcode === 8) || transcript.ended, CLOSE_WAIT_MS);
    // The server closes the TCP connection first (RFC 6455 §7.1.1).
    socket.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    results,
    reported,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A Markdown table of results, and the count of each outcome. */
export function report(title: string, results: readonly CaseResult[]): string {
  const counts = { OK: 0, 'NON-STRICT': 0, FAILED: 0 };
  for (const r of results) counts[r.outcome]++;
  const lines = [`${title}: ${counts.OK} OK, ${counts['NON-STRICT']} NON-STRICT, ${counts.FAILED} FAILED`];
  for (const r of results) if (r.outcome !== 'OK') lines.push(`  ${r.outcome.padEnd(10)} ${r.id.padEnd(24)} ${r.title}: ${r.detail}`);
  return lines.join('\n');
}
