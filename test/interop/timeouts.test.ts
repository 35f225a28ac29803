/**
 * The adapters' timers: the opening handshake and the closing handshake
 * each have a deadline, against peers that stop answering.
 */
import { createHash } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { connect as netConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, listen, open } from '../../src/node/index.ts';
import type { CloseInfo, RunningServer, ServerWebSocket } from '../../src/node/index.ts';
import { TransportError } from '../../src/protocol/index.ts';
import { within } from './support.ts';

/** A raw server: `silent` never answers; `mute` accepts the handshake and then ignores everything. */
let raw: NetServer;
let port: number;
const sockets = new Set<Socket>();
beforeAll(async () => {
  raw = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', (chunk) => {
      const request = chunk.toString('latin1');
      if (!request.startsWith('GET /mute ')) return;
      const key = /Sec-WebSocket-Key: (\S+)/i.exec(request)![1]!;
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  port = (raw.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => raw.close(resolve));
});

describe('Client deadlines', () => {
  it('fails the connection when the server does not answer the opening handshake in time [rfc6455#section-4.1-7]', async () => {
    const ws = connect(`ws://127.0.0.1:${port}/silent`, { handshakeTimeout: 200 });
    const error = within<Error>(5000, 'error', (resolve) => ws.once('error', resolve));
    expect(await within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve))).toEqual({ code: 1006, reason: '', wasClean: false });
    expect(await error).toMatchObject({ code: 'WS_ERR_HANDSHAKE_TIMEOUT' });
    expect(await error).toBeInstanceOf(TransportError);
  });

  it('closes the transport itself when the server never answers its Close frame [rfc6455#section-5.5.1-6, rfc6455#section-7.1.1-2]', async () => {
    const ws = await open(`ws://127.0.0.1:${port}/mute`, { closeTimeout: 200 });
    const error = within<Error>(5000, 'error', (resolve) => ws.once('error', resolve));
    const started = performance.now();
    ws.close(1000);
    expect(await within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve))).toEqual({ code: 1006, reason: '', wasClean: false });
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(await error).toMatchObject({ code: 'WS_ERR_CLOSE_TIMEOUT' });
  });

  it('can be closed before it is open: the attempt ends with 1006', async () => {
    const ws = connect(`ws://127.0.0.1:${port}/silent`);
    ws.close();
    expect(await within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve))).toEqual({ code: 1006, reason: '', wasClean: false });
  });
});

describe('Server deadlines', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen({ closeTimeout: 200 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('closes the transport after the closing handshake even if the client never does [rfc6455#section-5.5.1-6]', async () => {
    const accepted = within<ServerWebSocket>(5000, 'connection', (resolve) => server.wss.once('connection', resolve));
    const socket = netConnect({ host: '127.0.0.1', port: server.port });
    socket.on('error', () => {});
    // This client never closes its side: allowHalfOpen keeps it from answering the server's FIN.
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    const ws = await accepted;
    const closed = within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve));
    // A masked Close frame with 1000.
    socket.write(Buffer.from([0x88, 0x82, 0x37, 0xfa, 0x21, 0x3d, 0x34, 0x12]));
    expect(await closed).toEqual({ code: 1000, reason: '', wasClean: true });
    socket.destroy();
  });

  it('refuses with 503 a handshake the application does not decide in time', async () => {
    const slow = await listen({ handshakeTimeout: 100, refuse: () => new Promise(() => {}) });
    try {
      const error = await open(slow.url).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'WS_ERR_INVALID_STATUS', response: { status: 503 } });
    } finally {
      await slow.close();
    }
  });
});

describe('Closing a connection being set up', () => {
  it('stops a TCP connection in progress: 1006 and nothing more', async () => {
    const accepted: Socket[] = [];
    const counter = createNetServer((socket) => {
      accepted.push(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
    try {
      const ws = connect(`ws://127.0.0.1:${(counter.address() as AddressInfo).port}/`);
      // The key is hashed first: wait until the socket exists, then close.
      await new Promise((resolve) => setTimeout(resolve, 20));
      ws.close();
      expect(await within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve))).toEqual({ code: 1006, reason: '', wasClean: false });
      expect(ws.readyState).toBe(3);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => counter.close(resolve));
    }
  });
});
