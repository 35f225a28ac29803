/**
 * What goes over the wire, seen from below the WebSocket class: a raw TCP
 * server on 127.0.0.1 that records each request byte for byte and answers
 * as told, and a scripted transport that hands the test the handlers the
 * class gives its transport.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { Transport, TransportFactory, TransportHandlers, TransportTarget } from '../../src/api/index.ts';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function acceptFor(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** A parsed request head: the request line and the header fields, in order. */
export interface RawRequest {
  line: string;
  fields: Array<[string, string]>;
  /** The values of a field (case-insensitive name). */
  values(name: string): string[];
  /** Milliseconds since the server started, when the TCP connection was accepted. */
  acceptedAt: number;
}

function parseHead(head: string, acceptedAt: number): RawRequest {
  const [line = '', ...rest] = head.split('\r\n');
  const fields = rest.filter((field) => field !== '').map((field): [string, string] => {
    const colon = field.indexOf(':');
    return [field.slice(0, colon), field.slice(colon + 1).trim()];
  });
  return {
    line,
    fields,
    values: (name) => fields.filter(([field]) => field.toLowerCase() === name.toLowerCase()).map(([, value]) => value),
    acceptedAt,
  };
}

/** How the raw server answers a request: a 101, nothing at all, or a refusal; after a delay if given. */
export type RawAnswer = { kind: 'accept'; delayMs?: number } | { kind: 'silent' } | { kind: 'refuse'; delayMs?: number };

export interface RawServer {
  port: number;
  url(path?: string): string;
  requests: RawRequest[];
  /** Milliseconds since the server started, when each answer was written, in order. */
  answeredAt: number[];
  close(): Promise<void>;
}

/**
 * A server that reads a request head and answers per `answer(n)` (n counts
 * requests from 0). After a 101 it answers any frame of the client with a
 * Close frame without a body, then ends the connection.
 */
export async function rawServer(answer: (n: number) => RawAnswer = () => ({ kind: 'accept' })): Promise<RawServer> {
  const started = performance.now();
  const sockets = new Set<Socket>();
  const requests: RawRequest[] = [];
  const answeredAt: number[] = [];
  const server: Server = createServer((socket) => {
    const acceptedAt = performance.now() - started;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const request = parseHead(head.slice(0, end), acceptedAt);
      const n = requests.push(request) - 1;
      const how = answer(n);
      if (how.kind === 'silent') return;
      const respond = (): void => {
        if (socket.destroyed) return;
        answeredAt.push(performance.now() - started);
        if (how.kind === 'refuse') {
          socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
          return;
        }
        const key = request.values('sec-websocket-key')[0] ?? '';
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptFor(key)}\r\n\r\n`);
        socket.once('data', () => socket.end(Buffer.from([0x88, 0x00])));
      };
      if (how.delayMs === undefined) respond();
      else setTimeout(respond, how.delayMs);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: (path = '/') => `ws://127.0.0.1:${port}${path}`,
    requests,
    answeredAt,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One opening of the scripted transport: where to, the class's handlers, and what it wrote. */
export interface ScriptedStream {
  target: TransportTarget;
  handlers: TransportHandlers;
  written: Uint8Array[];
  ended: boolean;
  destroyed: boolean;
  /** The request head written so far, as text. */
  request(): string;
}

/** A transport that does nothing by itself: the test opens it, feeds it and closes it through `streams`. */
export function scriptedTransport(): { transport: TransportFactory; streams: ScriptedStream[] } {
  const streams: ScriptedStream[] = [];
  const transport: TransportFactory = (target, handlers): Transport => {
    const stream: ScriptedStream = {
      target,
      handlers,
      written: [],
      ended: false,
      destroyed: false,
      request() {
        const text = Buffer.concat(stream.written).toString('latin1');
        const end = text.indexOf('\r\n\r\n');
        return end < 0 ? text : text.slice(0, end + 4);
      },
    };
    streams.push(stream);
    return {
      write(bytes, written) {
        stream.written.push(bytes.slice());
        if (written !== undefined) queueMicrotask(written);
      },
      end() {
        stream.ended = true;
      },
      destroy() {
        stream.destroyed = true;
      },
    };
  };
  return { transport, streams };
}

/** Answers the request a scripted stream received with a correct 101 and these extra fields. */
export function switchingProtocols(stream: ScriptedStream, extra: string[] = []): Uint8Array {
  const key = /\r\nSec-WebSocket-Key: (\S+)\r\n/i.exec(stream.request())?.[1] ?? '';
  const head = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptFor(key)}`, ...extra];
  return new Uint8Array(Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'));
}

/** Resolves after `ms` milliseconds (tasks queued before then have run). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition()` holds, polling every 5 ms; rejects after `ms`. */
export async function until(condition: () => boolean, ms = 5000, what = 'the condition'): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${what} did not hold within ${ms} ms`);
    await sleep(5);
  }
}
