/**
 * The relay (src/node/tcp-relay.ts) and the relay transport: our WebSocket
 * over a native WebSocket tunnel, as it runs in a browser page. Here the
 * tunnel is Node's own WebSocket; the live comparison page runs the same
 * code in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayTransport, WebSocket } from '../../src/api/index.ts';
import { open as openNode } from '../../src/node/index.ts';
import { InvalidStatusError } from '../../src/protocol/index.ts';
import { isLoopbackOrigin, startTcpRelay } from '../../src/node/tcp-relay.ts';
import type { TcpRelay } from '../../src/node/tcp-relay.ts';
import { sha1 } from '../../src/api/sha1.ts';
import { describeBinary } from '../../src/evidence/format.ts';
import { closed, FAILED, next, record, serverWith } from './support.ts';
import { createHash } from 'node:crypto';

let server: Awaited<ReturnType<typeof serverWith>>;
let relay: TcpRelay;

/** Node's WebSocket as the tunnel, with the Origin a page on 127.0.0.1 would send. */
class PageTunnel extends globalThis.WebSocket {
  constructor(url: string | URL) {
    super(url, { headers: { Origin: 'http://127.0.0.1:4321' } } as unknown as string[]);
  }
}

beforeAll(async () => {
  server = await serverWith({ echo: { kind: 'accept' }, refuse: { kind: 'refuse', status: 403, reason: 'Forbidden', body: 'no\n' } });
  relay = await startTcpRelay({ allowPorts: [server.port] });
});
afterAll(async () => {
  await relay.close();
  await server.close();
});

const viaRelay = (url: string): WebSocket => new WebSocket(url, [], { transport: relayTransport(relay.url, { WebSocket: PageTunnel }) });

/** The relay's answer to a tunnel request, as our Node client sees it (it hides nothing). */
async function relayStatus(query: string, origin = 'http://127.0.0.1:4321'): Promise<number> {
  try {
    const ws = await openNode(`${relay.url}?${query}`, { origin });
    ws.close();
    return 101;
  } catch (error) {
    if (error instanceof InvalidStatusError) return error.response.status;
    throw error;
  }
}

describe('The relay is no open proxy', () => {
  it('serves only 127.0.0.1, on the ports it was given', async () => {
    expect(await relayStatus(`host=127.0.0.1&port=${server.port}`)).toBe(101);
    expect(await relayStatus(`host=127.0.0.1&port=${server.closedPort}`)).toBe(403);
    expect(await relayStatus(`host=localhost&port=${server.port}`)).toBe(403);
    expect(await relayStatus(`host=10.0.0.1&port=${server.port}`)).toBe(403);
    expect(await relayStatus(`host=127.0.0.1&port=${server.port}x`)).toBe(403);
    expect(await relayStatus('')).toBe(403);
  });

  it('serves only pages from loopback origins [rfc6455#section-10.2-1]', async () => {
    expect(await relayStatus(`host=127.0.0.1&port=${server.port}`, 'https://evil.example')).toBe(403);
    expect(await relayStatus(`host=127.0.0.1&port=${server.port}`, 'null')).toBe(403);
    expect(['http://127.0.0.1:1', 'http://localhost:4321', 'https://[::1]', 'http://127.0.0.1.evil.example', 'file://', 'null'].map(isLoopbackOrigin)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('allows no port by default, and caps the tunnels open at once', async () => {
    const closedRelay = await startTcpRelay({ allowPorts: [] });
    try {
      const status = await (async () => {
        try {
          await openNode(`${closedRelay.url}?host=127.0.0.1&port=${server.port}`, { origin: 'http://127.0.0.1:1' });
          return 101;
        } catch (error) {
          return (error as InvalidStatusError).response.status;
        }
      })();
      expect(status).toBe(403);
    } finally {
      await closedRelay.close();
    }
    const small = await startTcpRelay({ allowPorts: [server.port], maxTunnels: 1 });
    try {
      const first = await openNode(`${small.url}?host=127.0.0.1&port=${server.port}`, { origin: 'http://127.0.0.1:1' });
      await expect(openNode(`${small.url}?host=127.0.0.1&port=${server.port}`, { origin: 'http://127.0.0.1:1' })).rejects.toMatchObject({ response: { status: 503 } });
      first.close();
    } finally {
      await small.close();
    }
  });
});

describe('Our WebSocket through the relay transport', () => {
  it('opens, echoes text and binary, and closes cleanly [whatwg#concept-websocket-connection-obtain-step-6]', async () => {
    server.begin('relay-echo');
    const ws = viaRelay(server.url('echo'));
    ws.binaryType = 'arraybuffer';
    const seen = record(ws);
    await next(ws, 'open');
    ws.send('through the relay');
    ws.send(new Uint8Array(100_000).fill(7));
    expect(ws.bufferedAmount).toBe(17 + 100_000);
    await next(ws, 'message');
    await next(ws, 'message');
    // The tunnel reports its bytes sent by polling its own bufferedAmount.
    for (let i = 0; i < 100 && ws.bufferedAmount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ws.bufferedAmount).toBe(0);
    ws.close(1000, 'done');
    await closed(ws);
    expect(seen.map((entry) => entry.type)).toEqual(['open', 'message', 'message', 'close']);
    expect(seen[1]!.data).toBe('through the relay');
    expect((seen[2]!.data as ArrayBuffer).byteLength).toBe(100_000);
    expect(seen[3]).toMatchObject({ code: 1000, reason: 'done', wasClean: true });
    expect(server.log('relay-echo')).toEqual([
      'request /s/echo',
      'text "through the relay"',
      `binary ${describeBinary(new Uint8Array(100_000).fill(7))}`,
      'close 1000 "done"',
    ]);
  });

  it('fails as everywhere else on a refusal: error, close 1006 [whatwg#feedback-from-the-protocol-11]', async () => {
    const ws = viaRelay(server.url('refuse'));
    const seen = record(ws);
    await closed(ws);
    expect(seen).toEqual(FAILED);
  });

  it('fails when the relay cannot reach the target, or will not [whatwg#feedback-from-the-protocol-12.3]', async () => {
    for (const url of [`ws://127.0.0.1:${server.closedPort}/`, 'ws://127.0.0.1:9/']) {
      const ws = viaRelay(url);
      const seen = record(ws);
      await closed(ws);
      expect(seen, url).toEqual(FAILED);
    }
  });

  it('computes Sec-WebSocket-Accept without WebCrypto where a page has none (plain SHA-1) [rfc6455#section-4.2.2-2.5.2.4.1]', () => {
    for (const text of ['', 'abc', 'dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11', 'x'.repeat(1000)]) {
      expect(Buffer.from(sha1(new TextEncoder().encode(text))).toString('hex')).toBe(createHash('sha1').update(text).digest('hex'));
    }
  });
});
