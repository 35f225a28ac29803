/**
 * Malformed and refused handshakes, read by a raw socket: each gets a
 * complete response with its status line. And a server under a stream of
 * bad connections keeps serving good ones.
 */
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { connect as netConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connect, listen } from '../../src/node/index.ts';
import type { CloseInfo, RunningServer } from '../../src/node/index.ts';
import { HandshakeError, InvalidStatusError } from '../../src/protocol/index.ts';
import { rawExchange, statusLine, within } from './support.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await listen({
    handshakeTimeout: 300,
    closeTimeout: 2000,
    routes: { '/echo': (ws) => ws.on('message', (data) => ws.send(data)), '/private': () => {}, '/old': () => {}, '/slow': () => {} },
    verifyOrigin: (origin) => origin === null || origin === 'http://allowed.example',
    refuse: async (handshake) => {
      const path = new URL(handshake.resourceName, 'http://localhost').pathname;
      if (path === '/private' && !handshake.request.headers.some(([name]) => name.toLowerCase() === 'authorization')) {
        return { status: 401, headers: [['WWW-Authenticate', 'Basic realm="wsspec"']], body: 'Credentials required\n' };
      }
      if (path === '/old') return { status: 301, headers: [['Location', 'ws://127.0.0.1/echo']] };
      if (path === '/slow') await new Promise(() => {});
      return undefined;
    },
  });
});
afterAll(async () => {
  await server.close();
});

const FIELDS = ['Host: 127.0.0.1', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13'];
/** A handshake for `path` with the default fields, some replaced (value null: removed) or added. */
function handshake(path = '/echo', changes: Record<string, string | null> = {}, requestLine = `GET ${path} HTTP/1.1`): string {
  const fields = FIELDS.filter((field) => !(field.split(':')[0]!.toLowerCase() in lower(changes)));
  for (const [name, value] of Object.entries(changes)) if (value !== null) fields.push(`${name}: ${value}`);
  return `${[requestLine, ...fields].join('\r\n')}\r\n\r\n`;
}
const lower = (changes: Record<string, unknown>) => Object.fromEntries(Object.keys(changes).map((k) => [k.toLowerCase(), true]));

/** Checks that the body is all there: as long as Content-Length says. */
function expectComplete(response: string): void {
  const [head, body] = response.split('\r\n\r\n') as [string, string];
  const length = /\r\ncontent-length: (\d+)/i.exec(head)?.[1];
  expect(length, head).toBeDefined();
  expect(Buffer.byteLength(body, 'latin1')).toBe(Number(length));
}

describe('Refusals reach the client as complete HTTP responses [rfc6455#section-4.2.1-2, rfc6455#section-10.7-1]', () => {
  const cases: Array<[string, string, string, string?]> = [
    ['accepts a valid handshake', handshake(), 'HTTP/1.1 101 Switching Protocols'],
    ['refuses POST', handshake('/echo', {}, 'POST /echo HTTP/1.1'), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.1'],
    ['refuses HTTP/1.0', handshake('/echo', {}, 'GET /echo HTTP/1.0'), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.1'],
    ['refuses a request without Host', handshake('/echo', { Host: null }), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.2'],
    ['refuses a request without Upgrade', handshake('/echo', { Upgrade: null }), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.3'],
    ['refuses Upgrade: h2c', handshake('/echo', { Upgrade: 'h2c' }), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.3'],
    ['refuses a request without Connection: Upgrade', handshake('/echo', { Connection: 'keep-alive' }), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.4'],
    ['refuses a request without a key', handshake('/echo', { 'Sec-WebSocket-Key': null }), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.5'],
    ['refuses a key of 15 bytes', handshake('/echo', { 'Sec-WebSocket-Key': 'AQIDBAUGBwgJCgsMDQ4P' }), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.5'],
    ['refuses a request without a version', handshake('/echo', { 'Sec-WebSocket-Version': null }), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.6'],
    ['answers version 8 with 426', handshake('/echo', { 'Sec-WebSocket-Version': '8' }), 'HTTP/1.1 426 Upgrade Required', 'rfc6455#section-4.2.2-2.4.2.3'],
    ['refuses a malformed subprotocol list', handshake('/echo', { 'Sec-WebSocket-Protocol': 'a b' }), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-4.2.1-3.8'],
    ['refuses malformed extensions', handshake('/echo', { 'Sec-WebSocket-Extensions': 'x; =1' }), 'HTTP/1.1 400 Bad Request', 'rfc6455#section-9.1-1'],
    ['refuses an Origin the application refuses with 403', handshake('/echo', { Origin: 'http://evil.example' }), 'HTTP/1.1 403 Forbidden', 'rfc6455#section-10.2-1'],
    ['accepts an Origin the application accepts', handshake('/echo', { Origin: 'http://allowed.example' }), 'HTTP/1.1 101 Switching Protocols', 'rfc6455#section-4.2.2-2.4.2.1'],
    ['refuses an unknown resource with 404', handshake('/nowhere'), 'HTTP/1.1 404 Not Found', 'rfc6455#section-4.2.2-2.4.2.4'],
    ['asks for credentials with 401 and WWW-Authenticate', handshake('/private'), 'HTTP/1.1 401 Unauthorized', 'rfc6455#section-4.2.2-2.2'],
    ['accepts the credentials', handshake('/private', { Authorization: 'Basic eDp5' }), 'HTTP/1.1 101 Switching Protocols', 'rfc6455#section-4.2.2-2.2'],
    ['redirects with 301 and Location', handshake('/old'), 'HTTP/1.1 301 Moved Permanently', 'rfc6455#section-4.2.2-2.3'],
    ['answers 503 when the application does not decide in time', handshake('/slow'), 'HTTP/1.1 503 Service Unavailable'],
    ['answers malformed HTTP with 400', 'GET /echo HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n', 'HTTP/1.1 400 Bad Request'],
    ['answers a head over 16 KiB with 431', handshake('/echo', { 'X-Big': 'x'.repeat(17 * 1024) }), 'HTTP/1.1 431 Request Header Fields Too Large'],
  ];
  for (const [what, request, status, clause] of cases) {
    it(`${what}${clause === undefined ? '' : ` [${clause}]`}`, async () => {
      const response = await rawExchange(server.port, request, status.includes('101') ? 300 : 3000);
      expect(statusLine(response)).toBe(status);
      if (!status.includes('101') && !status.includes('431') && !what.includes('malformed')) expectComplete(response);
      if (status.includes('426')) expect(response).toMatch(/\r\nSec-WebSocket-Version: 13\r\n/);
      if (status.includes('401')) expect(response).toMatch(/\r\nWWW-Authenticate: Basic realm="wsspec"\r\n/);
      if (status.includes('301')) expect(response).toMatch(/\r\nLocation: ws:\/\/127\.0\.0\.1\/echo\r\n/);
    });
  }

  it('delivers the whole refusal even when the client sent more data after its request', async () => {
    const request = new Uint8Array([...Buffer.from(handshake('/echo', { 'Sec-WebSocket-Version': '8' })), ...new Uint8Array(256 * 1024).fill(0x82)]);
    const response = await rawExchange(server.port, request);
    expect(statusLine(response)).toBe('HTTP/1.1 426 Upgrade Required');
    expectComplete(response);
  });
});

describe('A server under a stream of bad connections keeps serving good ones [rfc6455#section-10.7-1]', () => {
  it('echoes on one connection while 200 bad ones come and go', async () => {
    const good = new WebSocket(`${server.url}echo`);
    await within(5000, 'open', (resolve, reject) => {
      good.once('open', () => resolve(null));
      good.once('error', reject);
    });
    const bad: Array<() => Promise<unknown>> = [
      () => rawExchange(server.port, handshake('/echo', { 'Sec-WebSocket-Version': '7' }), 2000),
      () => rawExchange(server.port, 'GARBAGE\r\n\r\n', 2000),
      () => rawExchange(server.port, handshake('/echo', { Origin: 'http://evil.example' }), 2000),
      // A valid handshake, then frames that break the protocol (unmasked).
      () => rawExchange(server.port, `${handshake()}\x81\x05Hello`, 2000),
      // Half a request, then the client gives up.
      () =>
        new Promise<void>((resolve) => {
          const socket: Socket = netConnect({ host: '127.0.0.1', port: server.port }, () => {
            socket.write('GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n');
            setTimeout(() => {
              socket.destroy();
              resolve();
            }, 20);
          });
          socket.on('error', () => resolve());
        }),
    ];
    let echoes = 0;
    const pump = (async () => {
      for (let i = 0; i < 50; i++) {
        const echoed = within<string>(5000, 'echo', (resolve) => good.once('message', (data) => resolve(data.toString())));
        good.send(`ping ${i}`);
        expect(await echoed).toBe(`ping ${i}`);
        echoes++;
      }
    })();
    for (let round = 0; round < 8; round++) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => bad[(round * 25 + i) % bad.length]!()));
    }
    await pump;
    expect(echoes).toBe(50);

    const fresh = new WebSocket(`${server.url}echo`);
    const reply = within<string>(5000, 'fresh echo', (resolve, reject) => {
      fresh.once('open', () => fresh.send('still here'));
      fresh.once('message', (data) => resolve(data.toString()));
      fresh.once('error', reject);
    });
    expect(await reply).toBe('still here');
    fresh.close();
    good.close();
  }, 30_000);
});

describe('Our client fails on a response that breaks the handshake [rfc6455#section-4.1-7]', () => {
  let raw: NetServer;
  let port: number;
  let answer = '';
  beforeAll(async () => {
    raw = createNetServer((socket) => {
      socket.once('data', () => socket.end(answer));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    port = (raw.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => raw.close(resolve));
  });

  async function attempt(response: string): Promise<{ error: Error | null; close: CloseInfo }> {
    answer = response;
    const ws = connect(`ws://127.0.0.1:${port}/`);
    let error: Error | null = null;
    ws.on('error', (e) => (error ??= e));
    const close = await within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve));
    return { error, close };
  }

  const swa = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n';
  const cases: Array<[string, string, string]> = [
    ['a wrong Sec-WebSocket-Accept', `${swa}Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n`, 'WS_ERR_INVALID_ACCEPT'],
    ['no Upgrade', 'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n\r\n', 'WS_ERR_INVALID_UPGRADE'],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n\r\n', 'WS_ERR_MALFORMED_HTTP'],
  ];
  for (const [what, response, code] of cases) {
    it(`fails on ${what} and reports 1006 [rfc6455#section-4.1-9]`, async () => {
      const { error, close } = await attempt(response);
      expect(error).toBeInstanceOf(HandshakeError);
      expect((error as HandshakeError | null)?.code).toBe(code);
      expect(close).toEqual({ code: 1006, reason: '', wasClean: false });
    });
  }

  it('reports a close-delimited refusal with its body [rfc6455#section-4.1-8.1]', async () => {
    const { error } = await attempt('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n\r\nbusy, come back later');
    expect(error).toBeInstanceOf(InvalidStatusError);
    const { response } = error as InvalidStatusError;
    expect([response.status, response.reason, new TextDecoder().decode(response.body)]).toEqual([503, 'Service Unavailable', 'busy, come back later']);
  });
});
