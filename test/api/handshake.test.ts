/**
 * The opening handshake as the WebSocket class runs it: the constructor's
 * last steps, "establish a WebSocket connection" (the request, byte for
 * byte, as a raw TCP server receives it; the response's validation), and
 * "obtain a WebSocket connection" (where the transport is asked to
 * connect) — and one attempt at a time per remote address (RFC 6455).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from '../../src/api/index.ts';
import type { TransportFactory, TransportTarget } from '../../src/api/index.ts';
import { queuedAddresses } from '../../src/protocol/connect-queue.ts';
import { closed, FAILED, next, open, serverWith } from './support.ts';
import { rawServer, scriptedTransport, sleep, until } from './wire.ts';
import type { RawRequest, RawServer } from './wire.ts';

/** Opens a WebSocket to the raw server, waits for its request to arrive, and closes. */
async function requestOf(raw: RawServer, url: string, protocols: string[] = [], options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<RawRequest> {
  const before = raw.requests.length;
  const ws = new WebSocket(url, protocols, options);
  const done = closed(ws);
  await until(() => raw.requests.length > before, 5000, 'the request');
  ws.close();
  await done;
  expect(raw.requests.length).toBe(before + 1);
  return raw.requests[before]!;
}

describe('The constructor, steps 11 and 12 [whatwg#dom-websocket-websocket]', () => {
  it('returns before anything happens: the transport is asked for nothing until later [whatwg#dom-websocket-websocket-step-12, whatwg#dom-websocket-websocket-step-12.1]', async () => {
    const targets: TransportTarget[] = [];
    const transport: TransportFactory = (target) => {
      targets.push(target);
      return { write() {}, end() {}, destroy() {} };
    };
    const ws = new WebSocket('ws://127.0.0.1:9001/', [], { transport });
    expect(ws.readyState).toBe(0);
    expect(targets).toEqual([]);
    // In parallel, establishing the connection went on and asked for a connection.
    await until(() => targets.length > 0);
    expect(targets).toEqual([{ host: '127.0.0.1', port: 9001, secure: false }]);
    ws.close();
  });

  describe('on the wire', () => {
    let raw: RawServer;
    beforeAll(async () => {
      raw = await rawServer();
    });
    afterAll(async () => {
      await raw.close();
    });

    it('sends the origin of the client, the relevant settings object: the page\'s, the embedder\'s, or none in Node [whatwg#dom-websocket-websocket-step-11, whatwg#concept-websocket-establish-step-2]', async () => {
      expect((await requestOf(raw, raw.url())).values('origin')).toEqual([]);
      expect((await requestOf(raw, raw.url(), [], { origin: 'https://app.example' })).values('origin')).toEqual(['https://app.example']);
      const scope = globalThis as { location?: unknown };
      scope.location = { href: 'https://example.org/dir/page', origin: 'https://example.org' };
      try {
        expect((await requestOf(raw, raw.url())).values('origin')).toEqual(['https://example.org']);
        // The embedder's origin wins over the page's; null sends none.
        expect((await requestOf(raw, raw.url(), [], { origin: null })).values('origin')).toEqual([]);
      } finally {
        delete scope.location;
      }
    });
  });
});

describe('Establishing the connection: the request [whatwg#concept-websocket-establish]', () => {
  let raw: RawServer;
  beforeAll(async () => {
    raw = await rawServer();
  });
  afterAll(async () => {
    await raw.close();
  });

  it('is a GET for the resource name with Upgrade, Connection, a fresh 16-byte key, version 13, and the protocols, each once [whatwg#concept-websocket-establish-step-3, whatwg#concept-websocket-establish-step-4, whatwg#concept-websocket-establish-step-5, whatwg#concept-websocket-establish-step-6, whatwg#concept-websocket-establish-step-7, whatwg#concept-websocket-establish-step-8, whatwg#concept-websocket-establish-step-9, whatwg#concept-websocket-establish-step-10, rfc6455#section-4.1-6.7.1]', async () => {
    const first = await requestOf(raw, raw.url('/chat?room=1'), ['chat', 'superchat']);
    expect(first.line).toBe('GET /chat?room=1 HTTP/1.1');
    expect(first.values('host')).toEqual([`127.0.0.1:${raw.port}`]);
    expect(first.values('upgrade')).toEqual(['websocket']);
    expect(first.values('connection')).toEqual(['Upgrade']);
    expect(first.values('sec-websocket-version')).toEqual(['13']);
    expect(first.values('sec-websocket-protocol')).toEqual(['chat, superchat']);
    const [key] = first.values('sec-websocket-key');
    expect(first.values('sec-websocket-key')).toHaveLength(1);
    // Forgiving-base64 of 16 bytes: 24 characters, two of them padding.
    expect(key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(key!, 'base64')).toHaveLength(16);
    // A nonce: each connection its own.
    const keys = new Set([key]);
    for (let i = 0; i < 4; i++) keys.add((await requestOf(raw, raw.url())).values('sec-websocket-key')[0]);
    expect(keys.size).toBe(5);
    // Steps 9 and 10: the permessage-deflate offer, the standard's example.
    expect(first.values('sec-websocket-extensions')).toEqual(['permessage-deflate; client_max_window_bits']);
  });

  it('is the request Fetch would make: no Referer, no Cookie, no credentials of the URL, no-cache fields, and a 3xx is not followed [whatwg#concept-websocket-establish-step-2]', async () => {
    const [user, password] = ['user', 'secret'];
    const request = await requestOf(raw, `ws://${user}:${password}@127.0.0.1:${raw.port}/`);
    expect(request.values('referer')).toEqual([]);
    expect(request.values('cookie')).toEqual([]);
    expect(request.values('authorization')).toEqual([]);
    expect(request.values('pragma')).toEqual(['no-cache']);
    expect(request.values('cache-control')).toEqual(['no-cache']);
    expect(request.fields.map(([name]) => name.toLowerCase()).sort()).toEqual(
      ['cache-control', 'connection', 'host', 'pragma', 'sec-websocket-extensions', 'sec-websocket-key', 'sec-websocket-version', 'upgrade'].sort(),
    );
  });

  it('goes straight onto the connection obtained, no Fetch: the bad ports are refused before any connection [whatwg#concept-websocket-establish-step-11, whatwg#concept-websocket-establish-step-11.1]', async () => {
    const { transport, streams } = scriptedTransport();
    for (const port of [25, 6667]) {
      const { ws, seen, diagnostics } = open(`ws://127.0.0.1:${port}/`, [], { transport });
      await closed(ws);
      expect(seen).toEqual(FAILED);
      expect(diagnostics.join('\n')).toContain(`port ${port} is blocked`);
    }
    expect(streams).toEqual([]);
    // A port that is not blocked: the request is written once the connection is open.
    const { ws } = open('ws://127.0.0.1:9001/', [], { transport });
    await until(() => streams.length > 0);
    expect(streams).toHaveLength(1);
    expect(streams[0]!.written).toEqual([]);
    streams[0]!.handlers.onopen();
    expect(streams[0]!.request()).toMatch(/^GET \/ HTTP\/1\.1\r\n/);
    ws.close();
    streams[0]!.handlers.onclose();
    await closed(ws);
  });
});

describe('Establishing the connection: the response [whatwg#concept-websocket-establish-step-11]', () => {
  let server: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    server = await serverWith({
      ok: { kind: 'accept' },
      chosen: { kind: 'accept', protocol: { firstOffered: true } },
      'wrong-accept': { kind: 'accept', accept: 'wrong' },
      'no-upgrade': { kind: 'accept', omit: ['Upgrade'] },
      'no-connection': { kind: 'accept', omit: ['Connection'] },
      'unoffered-extension': { kind: 'accept', extensions: 'x-webkit-deflate-frame' },
      'unoffered-protocol': { kind: 'accept', protocol: 'other' },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('a 101 that passes RFC 6455\'s checks establishes the connection [whatwg#concept-websocket-establish-step-11.3, whatwg#handle-connection-establishment-step-1]', async () => {
    const { ws, seen } = open(server.url('ok'));
    await next(ws, 'open');
    ws.close();
    await closed(ws);
    expect(seen.map((event) => event.type)).toEqual(['open', 'close']);
  });

  it.each(['wrong-accept', 'no-upgrade', 'no-connection', 'unoffered-extension', 'unoffered-protocol'])(
    'a 101 that fails them (%s) fails the connection: error, close 1006 [whatwg#concept-websocket-establish-step-11.3]',
    async (route) => {
      const { ws, seen, diagnostics } = open(server.url(route), route === 'unoffered-protocol' ? ['chat'] : []);
      await closed(ws);
      expect(seen).toEqual(FAILED);
      expect(diagnostics).toHaveLength(1);
    },
  );

  it('protocols offered and none chosen by the server fails the connection [whatwg#concept-websocket-establish-step-11.2]', async () => {
    const { ws, seen, diagnostics } = open(server.url('ok'), ['chat']);
    await closed(ws);
    expect(seen).toEqual(FAILED);
    expect(diagnostics.join('\n')).toContain('Sec-WebSocket-Protocol');
    // One the server chose: open.
    const chosen = open(server.url('chosen'), ['chat']);
    await next(chosen.ws, 'open');
    expect(chosen.ws.protocol).toBe('chat');
    chosen.ws.close();
    await closed(chosen.ws);
  });
});

describe('Obtaining a connection [whatwg#concept-websocket-connection-obtain]', () => {
  /** The target the transport is asked for, and the request line and Host written once it is open. */
  async function obtained(url: string): Promise<{ target: TransportTarget; line: string; host: string }> {
    const { transport, streams } = scriptedTransport();
    const ws = new WebSocket(url, [], { transport });
    await until(() => streams.length > 0);
    const stream = streams[0]!;
    stream.handlers.onopen();
    const head = stream.request().split('\r\n');
    ws.close();
    stream.handlers.onclose();
    await closed(ws);
    return { target: stream.target, line: head[0]!, host: head.find((field) => field.startsWith('Host: '))!.slice(6) };
  }

  it('connects to the URL\'s host and port, the scheme\'s default port when it has none [whatwg#concept-websocket-connection-obtain-step-1, whatwg#concept-websocket-connection-obtain-step-2, rfc6455#section-3-3]', async () => {
    expect((await obtained('ws://EXAMPLE.com/')).target).toEqual({ host: 'example.com', port: 80, secure: false });
    expect((await obtained('wss://example.com/')).target).toEqual({ host: 'example.com', port: 443, secure: true });
    expect((await obtained('ws://[::1]:8080/')).target).toEqual({ host: '[::1]', port: 8080, secure: false });
    expect((await obtained('ws://example.com:443/')).target.port).toBe(443);
    expect((await obtained('wss://example.com:80/')).host).toBe('example.com:80');
    expect((await obtained('ws://bücher.example/')).target.host).toBe('xn--bcher-kva.example');
  });

  it('asks for the resource name: the path with its empty segments, then ? and the query when it is non-empty [whatwg#concept-websocket-connection-obtain-step-3, whatwg#concept-websocket-connection-obtain-step-4]', async () => {
    expect((await obtained('ws://example.com')).line).toBe('GET / HTTP/1.1');
    expect((await obtained('ws://example.com/a//b/')).line).toBe('GET /a//b/ HTTP/1.1');
    expect((await obtained('ws://example.com/chat?room=1&x')).line).toBe('GET /chat?room=1&x HTTP/1.1');
    expect((await obtained('ws://example.com/chat?')).line).toBe('GET /chat HTTP/1.1');
    expect((await obtained('ws://example.com/é?q=é')).line).toBe('GET /%C3%A9?q=%C3%A9 HTTP/1.1');
  });

  it('is secure for wss: and https: (the request URL\'s https), not for ws: and http: [whatwg#concept-websocket-connection-obtain-step-5, whatwg#concept-websocket-establish-step-1]', async () => {
    expect((await obtained('ws://example.com/')).target.secure).toBe(false);
    expect((await obtained('http://example.com/')).target.secure).toBe(false);
    expect((await obtained('wss://example.com/')).target.secure).toBe(true);
    expect((await obtained('https://example.com/')).target.secure).toBe(true);
  });

  it('uses the connection once it is established, and fails when it could not be [whatwg#concept-websocket-connection-obtain-step-6, whatwg#concept-websocket-connection-obtain-step-7, rfc6455#section-4.1-4.4]', async () => {
    const { transport, streams } = scriptedTransport();
    const { ws, seen, diagnostics } = open('ws://127.0.0.1:9001/', [], { transport });
    await until(() => streams.length > 0);
    const stream = streams[0]!;
    stream.handlers.onerror(new Error('connect ECONNREFUSED 127.0.0.1:9001'));
    stream.handlers.onclose();
    await closed(ws);
    // Failure: nothing was written, and the script sees what it sees for any failure.
    expect(stream.written).toEqual([]);
    expect(seen).toEqual(FAILED);
    expect(diagnostics.join('\n')).toContain('ECONNREFUSED');
  });
});

describe('One connection attempt at a time per remote address and port [rfc6455#section-4.1-4.2.1]', () => {
  it('a second attempt to the same address waits until the first is established', async () => {
    const raw = await rawServer((n) => (n === 0 ? { kind: 'accept', delayMs: 150 } : { kind: 'accept' }));
    try {
      const first = new WebSocket(raw.url('/first'));
      const second = new WebSocket(raw.url('/second'));
      await Promise.all([next(first, 'open'), next(second, 'open')]);
      // Either may go first (each prepares its handshake in parallel); the
      // second TCP connection was opened only once the first one's 101 was written.
      expect(raw.requests.map((request) => request.line).sort()).toEqual(['GET /first HTTP/1.1', 'GET /second HTTP/1.1']);
      expect(raw.requests[1]!.acceptedAt).toBeGreaterThanOrEqual(raw.answeredAt[0]!);
      for (const ws of [first, second]) ws.close();
      await Promise.all([closed(first), closed(second)]);
    } finally {
      await raw.close();
    }
  });

  it('a second attempt waits until the first has failed, and then goes', async () => {
    const raw = await rawServer((n) => (n === 0 ? { kind: 'silent' } : { kind: 'accept' }));
    try {
      const { ws: first, seen } = open(raw.url('/first'), [], { handshakeTimeout: 200 });
      const firstClosed = closed(first);
      // The first attempt is CONNECTING (its request reached the server)
      // before the second starts, so the order is known.
      await until(() => raw.requests.length === 1);
      const second = new WebSocket(raw.url('/second'));
      await sleep(100);
      expect(raw.requests.map((request) => request.line)).toEqual(['GET /first HTTP/1.1']);
      await Promise.all([firstClosed, next(second, 'open')]);
      expect(seen).toEqual(FAILED);
      expect(raw.requests[1]!.acceptedAt).toBeGreaterThanOrEqual(190);
      second.close();
      await closed(second);
    } finally {
      await raw.close();
    }
  });

  it('the handshake timeout counts from the attempt, not from the wait behind earlier attempts [rfc6455#section-4.1-4.2.1]', async () => {
    const raw = await rawServer((n) => (n === 0 ? { kind: 'silent' } : { kind: 'accept' }));
    try {
      const { ws: first, seen } = open(raw.url('/first'), [], { handshakeTimeout: 400 });
      const firstClosed = closed(first);
      await until(() => raw.requests.length === 1);
      // Queued behind the first for ~400 ms, longer than its own 250 ms: it must still open.
      const second = open(raw.url('/second'), [], { handshakeTimeout: 250 });
      await Promise.all([firstClosed, next(second.ws, 'open')]);
      expect(seen).toEqual(FAILED);
      expect(second.seen.map((event) => event.type)).toEqual(['open']);
      expect(raw.requests.map((request) => request.line)).toEqual(['GET /first HTTP/1.1', 'GET /second HTTP/1.1']);
      second.ws.close();
      await closed(second.ws);
    } finally {
      await raw.close();
    }
  });

  it('attempts to other ports do not wait, and nothing stays queued', async () => {
    const [silent, other] = await Promise.all([rawServer(() => ({ kind: 'silent' })), rawServer()]);
    try {
      const stuck = open(silent.url(), [], { handshakeTimeout: 2000 });
      await sleep(20);
      const started = performance.now();
      const ws = new WebSocket(other.url());
      await next(ws, 'open');
      expect(performance.now() - started).toBeLessThan(1000);
      ws.close();
      stuck.ws.close();
      await Promise.all([closed(ws), closed(stuck.ws)]);
      await sleep(10);
      expect(queuedAddresses()).toBe(0);
    } finally {
      await Promise.all([silent.close(), other.close()]);
    }
  });

  it('a refused attempt lets the next one go', async () => {
    const raw = await rawServer((n) => (n === 0 ? { kind: 'refuse', delayMs: 50 } : { kind: 'accept' }));
    try {
      const { ws: first, seen } = open(raw.url('/first'));
      const firstClosed = closed(first);
      await until(() => raw.requests.length === 1);
      const second = new WebSocket(raw.url('/second'));
      await Promise.all([firstClosed, next(second, 'open')]);
      expect(seen).toEqual(FAILED);
      expect(raw.requests[1]!.acceptedAt).toBeGreaterThanOrEqual(raw.answeredAt[0]!);
      second.close();
      await closed(second);
    } finally {
      await raw.close();
    }
  });
});
