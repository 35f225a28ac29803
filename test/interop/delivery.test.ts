/**
 * The Node adapters under a hostile or clumsy peer (issue 11 §1–§3): wire
 * order, send after closing, frames sent with the upgrade request, limits
 * on counts and on what a peer that never reads costs, and clients that
 * fail fast and once. Raw sockets play the peer, so every byte is known.
 */
import { createServer, connect as netConnect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { connect, listen } from '../../src/node/index.ts';
import type { RunningServer, ServerWebSocket } from '../../src/node/index.ts';
import { encodeFrame, Opcode } from '../../src/protocol/index.ts';
import { within } from './support.ts';

const MASK = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

function frame(opcode: number, payload: Uint8Array | string, fin = true): Buffer {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  return Buffer.from(encodeFrame({ fin, rsv1: false, rsv2: false, rsv3: false, opcode, payload: bytes }, MASK));
}
const CLOSE_1000 = frame(Opcode.Close, new Uint8Array([0x03, 0xe8]));

function request(port: number, path = '/'): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
}

let servers: RunningServer[] = [];
let sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets = [];
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** Our server, with `ws.on('message', (d) => ws.send(d))` written the usual way: no readyState guard. */
async function echoServer(options: Parameters<typeof listen>[0] = {}): Promise<RunningServer & { connections: ServerWebSocket[] }> {
  const connections: ServerWebSocket[] = [];
  const server = await listen({
    ...options,
    routes: {
      '/': (ws) => {
        connections.push(ws);
        ws.on('error', () => {});
        ws.on('message', (data) => ws.send(data));
      },
    },
  });
  servers.push(server);
  return { ...server, connections };
}

/** Opens a raw socket, completes the handshake and returns it with everything it receives after the 101. */
async function rawClient(port: number, first: Buffer = Buffer.alloc(0)): Promise<{ socket: Socket; received: () => Buffer; closed: Promise<Buffer> }> {
  const socket = netConnect({ host: '127.0.0.1', port });
  sockets.push(socket);
  socket.setNoDelay(true);
  socket.on('error', () => {});
  let buffer = Buffer.alloc(0);
  let headEnd = -1;
  const opened = within<void>(5000, 'the 101', (resolve) => {
    socket.on('data', (chunk: Buffer) => {
      // After the head, only the first 64 KiB are kept (enough for every comparison here).
      if (headEnd !== -1 && buffer.length > 65536) return;
      buffer = Buffer.concat([buffer, chunk]);
      if (headEnd === -1) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end !== -1) {
          headEnd = end + 4;
          resolve();
        }
      }
    });
  });
  const closed = within<Buffer>(8000, 'the server to close', (resolve) => socket.on('close', () => resolve(buffer.subarray(Math.max(headEnd, 0)))));
  socket.write(Buffer.concat([Buffer.from(request(port)), first]));
  await opened;
  return { socket, received: () => buffer.subarray(headEnd), closed };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('Our server delivers each message before acting on the next frame [rfc6455#section-6.2-1]', () => {
  it('echoes a message that arrived with a Close in one write, then answers the Close [rfc6455#section-5.5.1-5]', async () => {
    const server = await echoServer();
    const client = await rawClient(server.port);
    client.socket.write(Buffer.concat([frame(Opcode.Text, 'Hi'), CLOSE_1000]));
    // The echo (81 02 "Hi"), then the Close reply (88 02 03 e8), then the server closes.
    expect(hex(await client.closed)).toBe('810248698802' + '03e8');
  });

  it('echoes a message that arrived with an invalid frame, then fails with 1002 [rfc6455#section-7.1.7-2]', async () => {
    const server = await echoServer();
    const client = await rawClient(server.port);
    // An unmasked frame after the message: a client MUST mask.
    client.socket.write(Buffer.concat([frame(Opcode.Text, 'ok'), Buffer.from([0x81, 0x00])]));
    const received = hex(await client.closed);
    expect(received.startsWith('81026f6b88')).toBe(true);
    expect(received.slice(12, 16)).toBe('03ea');
  });

  it('delivers frames that came in the same write as the upgrade request [rfc6455#section-4.2.2-3]', async () => {
    const server = await echoServer();
    const client = await rawClient(server.port, Buffer.concat([frame(Opcode.Text, 'early'), CLOSE_1000]));
    expect(hex(await client.closed)).toBe(Buffer.from([0x81, 0x05, ...Buffer.from('early'), 0x88, 0x02, 0x03, 0xe8]).toString('hex'));
  });

  it('echoes the same bytes however the input is split into TCP writes [rfc6455#section-5.4-5.4]', async () => {
    const server = await echoServer();
    const message = fc.oneof(
      fc.string({ maxLength: 30 }).map((s) => frame(Opcode.Text, s)),
      fc.uint8Array({ maxLength: 300 }).map((b) => frame(Opcode.Binary, b)),
      fc.uint8Array({ maxLength: 20 }).map((b) => frame(Opcode.Ping, b)),
      fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) => Buffer.concat([frame(Opcode.Text, a, false), frame(Opcode.Ping, 'x'), frame(Opcode.Continuation, b)])),
    );
    const run = async (writes: Buffer[]): Promise<string> => {
      const client = await rawClient(server.port);
      for (const write of writes) {
        client.socket.write(write);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return hex(await client.closed);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), async (frames, cuts) => {
        const bytes = Buffer.concat([...frames, CLOSE_1000]);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const writes: Buffer[] = [];
        let from = 0;
        for (const to of [...points, bytes.length]) {
          if (to > from) writes.push(bytes.subarray(from, to));
          from = to;
        }
        expect(await run(writes)).toBe(await run([bytes]));
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('returns false from send() once the closing handshake started, without throwing [rfc6455#section-5.5.1-4]', async () => {
    const results: boolean[] = [];
    const server = await listen({
      routes: {
        '/': (ws) => {
          ws.on('message', () => {
            ws.close(1000);
            results.push(ws.send('after close'), ws.ping(), ws.sendBinary(new Uint8Array(1)));
          });
        },
      },
    });
    servers.push(server);
    const client = await rawClient(server.port);
    // The server's handler closes; our Close (in the same write) completes the closing handshake.
    client.socket.write(Buffer.concat([frame(Opcode.Text, 'go'), CLOSE_1000]));
    const received = hex(await client.closed);
    expect(results).toEqual([false, false, false]);
    // Only the Close frame went out.
    expect(received).toBe('880203e8');
  });
});

describe('Limits a peer cannot get around by sending many small things [rfc6455#section-10.4-1]', () => {
  it('closes a message of too many empty fragments with 1008, and keeps serving [rfc6455#section-7.4.1-2.9]', async () => {
    const server = await echoServer({ maxFragments: 1000 });
    const client = await rawClient(server.port);
    const empty = frame(Opcode.Continuation, new Uint8Array(0), false);
    client.socket.write(Buffer.concat([frame(Opcode.Text, '', false), ...Array.from({ length: 1001 }, () => empty)]));
    const received = hex(await client.closed);
    expect(received.slice(0, 8)).toBe('88' + received.slice(2, 4) + '03f0');
    // Still serving.
    const next = await rawClient(server.port);
    next.socket.write(Buffer.concat([frame(Opcode.Text, 'ok'), CLOSE_1000]));
    expect(hex(await next.closed)).toBe('81026f6b880203e8');
  });

  it('stops reading from a peer that does not read what it is sent, and resumes when it does', async () => {
    const server = await echoServer({ maxWriteBuffer: 64 * 1024 });
    let received = 0;
    const client = await rawClient(server.port);
    client.socket.pause();
    server.connections[0]!.on('message', () => received++);
    const message = frame(Opcode.Binary, new Uint8Array(64 * 1024));
    const count = 400; // 25.6 MB: more than the kernel buffers both ways.
    for (let i = 0; i < count; i++) client.socket.write(message);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The server stopped reading: it holds at most its write limit and one message of echoes.
    expect(received).toBeLessThan(count);
    expect(server.connections[0]!.bufferedAmount).toBeLessThanOrEqual(64 * 1024 + message.length + 16);
    // Reading on our side lets it go on to the end.
    client.socket.resume();
    await within<void>(10_000, 'every message', (resolve) => {
      const timer = setInterval(() => {
        if (received === count) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
  }, 20_000);

  it('fails with 1008 when more Pongs are owed than allowed to a peer that does not read [rfc6455#section-5.5.2-3]', async () => {
    const errors: string[] = [];
    const server = await listen({
      maxPendingPongs: 16,
      maxWriteBuffer: 64 * 1024 * 1024,
      routes: {
        '/': (ws) => {
          ws.on('error', (error) => errors.push((error as { code?: string }).code ?? error.message));
          // Fill the kernel's buffers toward a peer that does not read.
          ws.on('message', () => ws.sendBinary(new Uint8Array(32 * 1024 * 1024)));
        },
      },
    });
    servers.push(server);
    const client = await rawClient(server.port);
    client.socket.pause();
    client.socket.write(frame(Opcode.Text, 'fill'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 40; i++) client.socket.write(frame(Opcode.Ping, 'p'));
    await within<void>(5000, 'the error', (resolve) => {
      const timer = setInterval(() => {
        if (errors.length > 0) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    expect(errors).toEqual(['WS_ERR_TOO_MANY_PENDING_PONGS']);
  }, 20_000);
});

describe('The handshake head under our limits [rfc6455#section-4.2.1-2]', () => {
  it('refuses a request head that does not arrive within the handshake timeout with 408', async () => {
    const server = await echoServer({ handshakeTimeout: 300 });
    const socket = netConnect({ host: '127.0.0.1', port: server.port });
    sockets.push(socket);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const answer = await within<string>(5000, 'the refusal', (resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 ');
  });

  it('answers a head larger than the limit with our own 431, written before the socket closes [rfc6455#section-10.7-1]', async () => {
    const server = await echoServer({ maxHeadSize: 4096 });
    const socket = netConnect({ host: '127.0.0.1', port: server.port });
    sockets.push(socket);
    socket.on('error', () => {});
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    for (let i = 0; i < 64; i++) socket.write(`X-Filler-${i}: ${'a'.repeat(1000)}\r\n`);
    const answer = await within<string>(5000, 'the refusal', (resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
        if (text.includes('\r\n\r\n')) resolve(text);
      });
      socket.on('close', () => resolve(text));
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer).toContain('HPE_HEADER_OVERFLOW');
  });
});

describe('Our client fails fast and once [rfc6455#section-7.1.7-1]', () => {
  /** A TCP server that answers every request with `answer` and never closes. */
  async function stubborn(answer: (socket: Socket) => void): Promise<{ port: number; closedByClient: Promise<void> }> {
    let closed!: () => void;
    const closedByClient = new Promise<void>((resolve) => (closed = resolve));
    // allowHalfOpen: the client's FIN does not close it; only the client's own close does.
    const tcp = createServer({ allowHalfOpen: true }, (socket) => {
      sockets.push(socket);
      socket.on('error', () => {});
      // Half-open: the client's FIN (or reset) is its end of the connection.
      socket.on('end', closed);
      socket.on('close', closed);
      socket.once('data', () => answer(socket));
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => tcp.close(() => resolve())) } as RunningServer);
    return { port: (tcp.address() as AddressInfo).port, closedByClient };
  }

  it('emits one error and closes the transport at once on a wrong Sec-WebSocket-Accept [rfc6455#section-4.1-9]', async () => {
    const { port, closedByClient } = await stubborn((socket) =>
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n'),
    );
    const ws = connect(`ws://127.0.0.1:${port}/`);
    const errors: string[] = [];
    ws.on('error', (error) => errors.push((error as { code?: string }).code ?? error.message));
    const info = await within<{ code: number }>(5000, 'close', (resolve) => ws.once('close', resolve));
    await within<void>(5000, 'the server to see the close', (resolve) => void closedByClient.then(resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).toEqual(['WS_ERR_INVALID_ACCEPT']);
    expect(info.code).toBe(1006);
  });

  it('stops reading a response head that exceeds its limit [rfc6455#section-4.1-9]', async () => {
    let sent = 0;
    const { port, closedByClient } = await stubborn((socket) => {
      socket.write('HTTP/1.1 101 Switching Protocols\r\n');
      const line = `X-Filler: ${'a'.repeat(1000)}\r\n`;
      const pump = () => {
        while (!socket.destroyed && sent < 100_000_000) {
          sent += line.length;
          if (!socket.write(line)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    const ws = connect(`ws://127.0.0.1:${port}/`, { maxHeadSize: 16 * 1024 });
    const errors: string[] = [];
    ws.on('error', (error) => errors.push((error as { code?: string }).code ?? error.message));
    await within<void>(5000, 'close', (resolve) => ws.once('close', () => resolve()));
    await within<void>(5000, 'the server to see the close', (resolve) => void closedByClient.then(resolve));
    expect(errors).toEqual(['WS_ERR_HEAD_TOO_LARGE']);
    // Far less than the 100 MB the server would have sent to a client that kept reading.
    expect(sent).toBeLessThan(50_000_000);
  });
});
