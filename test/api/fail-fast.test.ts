/**
 * A failed connection closes its transport at once (issue 11 §3): a server
 * that keeps the TCP connection open cannot hold the WebSocket object in
 * CONNECTING or CLOSING until a timeout.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from '../../src/api/index.ts';
import { closed } from './support.ts';

let tcp: Server | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (tcp === null ? resolve() : tcp.close(() => resolve())));
  tcp = null;
});

/** A TCP server that answers the request with `answer` and never closes; resolves `gone` when the client closes. */
async function stubborn(answer: string): Promise<{ port: number; gone: Promise<void> }> {
  let gone!: () => void;
  const promise = new Promise<void>((resolve) => (gone = resolve));
  // allowHalfOpen: the client's FIN does not close it; only the client's own close does.
  tcp = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    socket.on('end', () => gone());
    socket.on('close', () => gone());
    socket.once('data', () => socket.write(answer));
  });
  await new Promise<void>((resolve) => tcp!.listen(0, '127.0.0.1', resolve));
  return { port: (tcp.address() as AddressInfo).port, gone: promise };
}

describe('Failing the connection closes the transport at once [rfc6455#section-7.1.7-1]', () => {
  it('a wrong Sec-WebSocket-Accept: error and close 1006 without waiting for the server to close [rfc6455#section-4.1-9, whatwg#concept-websocket-establish-step-11.3]', async () => {
    const { port, gone } = await stubborn('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n');
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, [], { deflate: null, closeTimeout: 60_000 });
    const types: string[] = [];
    ws.onerror = () => types.push('error');
    const event = await closed(ws, 4000);
    await gone;
    expect(types).toEqual(['error']);
    expect(event.code).toBe(1006);
  });

  it('a protocol error after open: the Close frame goes out and the transport closes without waiting for the reply [rfc6455#section-7.1.7-2]', async () => {
    // The RFC's example key: the client's key is random, so answer from its request.
    tcp = createServer({ allowHalfOpen: true }, (socket) => {
      sockets.push(socket);
      socket.on('error', () => {});
      socket.once('data', async (chunk) => {
        const key = /sec-websocket-key: *(\S+)/i.exec(chunk.toString('latin1'))![1]!;
        const { computeAccept, webCryptoSha1 } = await import('../../src/protocol/index.ts');
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${await computeAccept(key, webCryptoSha1)}\r\n\r\n`);
        // A reserved opcode: the client must fail the connection (1002).
        socket.write(Buffer.from([0x83, 0x00]));
      });
    });
    await new Promise<void>((resolve) => tcp!.listen(0, '127.0.0.1', resolve));
    const port = (tcp.address() as AddressInfo).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, [], { deflate: null, closeTimeout: 60_000 });
    const types: string[] = [];
    ws.onopen = () => types.push('open');
    ws.onerror = () => types.push('error');
    const event = await closed(ws, 4000);
    expect(types).toEqual(['open', 'error']);
    expect(event.code).toBe(1006);
  });
});
