/**
 * Our Node client and server over real sockets, against raw peers that
 * log what crosses the wire: how the client opens its connection (direct
 * TCP, one attempt per address at a time, the handshake first), how both
 * ends close TCP, what the client does when the transport is lost, and the
 * reconnect backoff.
 */
import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { connect as netConnect, createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, listen, open, reconnect } from '../../src/node/index.ts';
import type { CloseInfo, RunningServer, WebSocketClient } from '../../src/node/index.ts';
import { encodeFrame, FrameReader, InvalidStatusError, Opcode } from '../../src/protocol/index.ts';
import type { Frame } from '../../src/protocol/index.ts';
import { within } from './support.ts';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const accept = (key: string) => createHash('sha1').update(key + GUID).digest('base64');
const serverFrame = (opcode: number, payload: Uint8Array | string) =>
  encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode, payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload });
const clientFrame = (opcode: number, payload: Uint8Array) =>
  encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode, payload }, new Uint8Array([1, 2, 3, 4]));

interface RawServer {
  server: NetServer;
  port: number;
  /** What happened, in order: `connect`, `request <request line>`, `101 <path>`, then `frame <path> <opcode> <text>`, `end <path>`, `error <path> <code>`. */
  log: string[];
  sockets: Set<Socket>;
}

/**
 * A raw HTTP/WebSocket server scripted by path:
 *   /accept    answers 101 at once
 *   /slow      answers 101 after 300 ms
 *   /fail      closes the connection after 300 ms without answering
 *   /drop      answers 101, then resets the connection after 50 ms
 *   /hangup    answers 101, then closes TCP (FIN) after 50 ms without a Close frame
 *   /bad-frame answers 101 and sends a frame with a reserved opcode
 * Once it has answered 101, it logs the frames it gets and answers a Close
 * frame with a Close frame and FIN.
 */
async function rawServer(name = ''): Promise<RawServer> {
  const log: string[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    log.push(`${name}connect`);
    let path = '?';
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', (error: NodeJS.ErrnoException) => log.push(`${name}error ${path} ${error.code}`));
    socket.on('end', () => log.push(`${name}end ${path}`));
    let head = '';
    let reader: FrameReader | null = null;
    socket.on('data', (chunk: Buffer) => {
      if (reader !== null) {
        reader.push(new Uint8Array(chunk));
        for (let frame: Frame | null = reader.readFrame(); frame !== null; frame = reader.readFrame()) {
          log.push(`${name}frame ${path} ${frame.opcode} ${new TextDecoder().decode(frame.opcode === Opcode.Close ? frame.payload.subarray(2) : frame.payload)}`);
          if (frame.opcode === Opcode.Close) socket.end(serverFrame(Opcode.Close, frame.payload));
        }
        return;
      }
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      path = head.split(' ')[1] ?? '';
      log.push(`${name}request ${head.split('\r\n')[0]}`);
      const key = /\r\nSec-WebSocket-Key: (\S+)/i.exec(head)?.[1] ?? '';
      const answer = () => {
        if (socket.destroyed) return;
        log.push(`${name}101 ${path}`);
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept(key)}\r\n\r\n`);
      };
      const pathname = path.split('?')[0];
      if (pathname === '/fail') {
        setTimeout(() => socket.destroy(), 300);
        return;
      }
      if (pathname === '/slow') setTimeout(answer, 300);
      else answer();
      reader = new FrameReader({ peer: 'client', maxFrameSize: 1 << 20 });
      if (pathname === '/drop') setTimeout(() => socket.resetAndDestroy(), 50);
      if (pathname === '/hangup') setTimeout(() => socket.end(), 50);
      if (pathname === '/bad-frame') socket.write(new Uint8Array([0x83, 0x00]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, log, sockets };
}

async function stop(raw: RawServer): Promise<void> {
  for (const socket of raw.sockets) socket.destroy();
  await new Promise((resolve) => raw.server.close(resolve));
}

const closed = (ws: WebSocketClient) => within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve));
const opened = (ws: WebSocketClient) => within<unknown>(5000, 'open', (resolve, reject) => {
  ws.once('open', resolve);
  ws.once('close', (info) => reject(new Error(`closed with ${info.code}`)));
});
/** Resolves once `log` has `count` entries that start with `prefix`. */
function logged(log: string[], prefix: string, count = 1): Promise<void> {
  return within(5000, `${count} × ${prefix}`, (resolve) => {
    const check = () => (log.filter((entry) => entry.startsWith(prefix)).length >= count ? resolve() : setTimeout(check, 5));
    check();
  });
}

/** The opening-handshake steps of a log, without what the connections did afterwards. */
const steps = (log: string[]) => log.filter((entry) => /^(?:other:)?(?:connect|request|101)\b/.test(entry));

let raw: RawServer;
let other: RawServer;
beforeAll(async () => {
  raw = await rawServer();
  other = await rawServer('other:');
});
afterAll(async () => {
  await stop(raw);
  await stop(other);
});

describe('Opening the connection [rfc6455#section-4.1]', () => {
  it('opens a direct TCP connection to the host and port, sends the opening handshake first, and reads the response [rfc6455#section-4.1-3, rfc6455#section-4.1-4.3.6, rfc6455#section-4.1-5]', async () => {
    raw.log.length = 0;
    const ws = connect(`ws://127.0.0.1:${raw.port}/accept?x=1`);
    await opened(ws);
    // No CONNECT to a proxy: the first bytes on the connection are the GET of the handshake.
    expect(steps(raw.log)).toEqual(['connect', 'request GET /accept?x=1 HTTP/1.1', '101 /accept?x=1']);
    ws.close(1000);
    await closed(ws);
  });

  it('transmits the frames it forms over that connection, in order [rfc6455#section-6.1-2.7, rfc6455#section-5.4-5.4]', async () => {
    raw.log.length = 0;
    const ws = connect(`ws://127.0.0.1:${raw.port}/accept`);
    await opened(ws);
    ws.send('first');
    ws.sendText('sec', false);
    ws.sendContinuation('ond', true);
    ws.send(new TextEncoder().encode('third'));
    ws.close(1000, 'bye');
    expect(await closed(ws)).toEqual({ code: 1000, reason: 'bye', wasClean: true });
    expect(raw.log.filter((entry) => entry.startsWith('frame'))).toEqual([
      'frame /accept 1 first',
      'frame /accept 1 sec',
      'frame /accept 0 ond',
      'frame /accept 2 third',
      'frame /accept 8 bye',
    ]);
  });

  it('lets only one connection per IP address and port be CONNECTING: the next waits until it is established [rfc6455#section-4.1-4.2.1]', async () => {
    raw.log.length = 0;
    other.log.length = 0;
    const slow = connect(`ws://127.0.0.1:${raw.port}/slow`);
    const next = connect(`ws://127.0.0.1:${raw.port}/accept`);
    // Another port is another remote endpoint: not held back.
    const elsewhere = connect(`ws://127.0.0.1:${other.port}/accept`);
    await Promise.all([opened(slow), opened(next), opened(elsewhere)]);
    expect(steps(raw.log)).toEqual([
      'connect',
      'request GET /slow HTTP/1.1',
      '101 /slow',
      'connect',
      'request GET /accept HTTP/1.1',
      '101 /accept',
    ]);
    expect(steps(other.log)).toEqual(['other:connect', 'other:request GET /accept HTTP/1.1', 'other:101 /accept']);
    for (const ws of [slow, next, elsewhere]) ws.close(1000);
    await Promise.all([closed(slow), closed(next), closed(elsewhere)]);
  });

  it('lets the next connection proceed once the one CONNECTING has failed, even when it names the host differently [rfc6455#section-4.1-4.2.1]', async () => {
    raw.log.length = 0;
    const failing = connect(`ws://127.0.0.1:${raw.port}/fail`);
    failing.on('error', () => {});
    // "localhost" is the same remote host when it resolves to 127.0.0.1.
    const localhost = (await lookup('localhost')).address === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const next = connect(`ws://${localhost}:${raw.port}/accept`);
    expect(await closed(failing)).toEqual({ code: 1006, reason: '', wasClean: false });
    await opened(next);
    expect(steps(raw.log)).toEqual([
      'connect',
      'request GET /fail HTTP/1.1',
      'connect',
      'request GET /accept HTTP/1.1',
      '101 /accept',
    ]);
    next.close(1000);
    await closed(next);
  });
});

describe('Closing TCP cleanly [rfc6455#section-7.1.1]', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen({ routes: { '/': () => {} } });
  });
  afterAll(() => server.close());

  it('our server closes TCP first after the closing handshake, with a FIN and no reset [rfc6455#section-7.1.1-1, rfc6455#section-7.1.1-2, rfc6455#section-5.5.1-6]', async () => {
    const events: string[] = [];
    const socket = netConnect({ host: '127.0.0.1', port: server.port, allowHalfOpen: true });
    socket.on('error', (error: NodeJS.ErrnoException) => events.push(`error ${error.code}`));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n') && !events.includes('101')) {
        events.push('101');
        socket.write(clientFrame(Opcode.Close, new Uint8Array([0x03, 0xe8])));
      }
    });
    const ended = within<void>(5000, 'FIN from the server', (resolve) => socket.once('end', () => resolve()));
    socket.write(
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await ended;
    // The server's Close frame came before its FIN, and the client had not closed anything.
    expect(received.endsWith('\x88\x02\x03\xe8')).toBe(true);
    expect(events).toEqual(['101']);
    socket.end();
    await within(5000, 'close', (resolve) => socket.once('close', resolve));
    expect(events).toEqual(['101']);
  });

  it('our client, failing the connection, sends its Close frame and closes TCP with a FIN, not a reset [rfc6455#section-7.1.1-1, rfc6455#section-7.1.7-1]', async () => {
    raw.log.length = 0;
    const ws = connect(`ws://127.0.0.1:${raw.port}/bad-frame`);
    const error = within<Error>(5000, 'error', (resolve) => ws.once('error', resolve));
    expect(await closed(ws)).toEqual({ code: 1006, reason: '', wasClean: false });
    expect(await error).toMatchObject({ code: 'WS_ERR_INVALID_OPCODE' });
    await logged(raw.log, 'end /bad-frame');
    expect(raw.log.filter((entry) => /^(?:frame|end|error) \/bad-frame\b/.test(entry))).toEqual(['frame /bad-frame 8 reserved opcode', 'end /bad-frame']);
  });
});

describe('Losing the transport [rfc6455#section-7.2.1]', () => {
  it('fails the connection when the server resets it: close code 1006, not clean [rfc6455#section-7.2.1-2]', async () => {
    const ws = await open(`ws://127.0.0.1:${raw.port}/drop`);
    ws.on('error', () => {});
    expect(await closed(ws)).toEqual({ code: 1006, reason: '', wasClean: false });
  });

  it('fails the connection when the server closes TCP without a closing handshake, and closes its side [rfc6455#section-7.2.1-2, rfc6455#section-7.1.5-1]', async () => {
    raw.log.length = 0;
    const ws = await open(`ws://127.0.0.1:${raw.port}/hangup`);
    expect(await closed(ws)).toEqual({ code: 1006, reason: '', wasClean: false });
    await logged(raw.log, 'end /hangup');
  });
});

describe('Reconnecting with backoff [rfc6455#section-7.2.3]', () => {
  let server: RunningServer;
  const attempts: Record<string, number[]> = {};
  beforeAll(async () => {
    server = await listen({
      routes: { '/flaky': () => {}, '/down': () => {} },
      refuse: (handshake) => {
        const path = handshake.resourceName;
        (attempts[path] ??= []).push(performance.now());
        if (path === '/down' || attempts[path]!.length <= 2) return { status: 503, body: 'try later\n' };
        return undefined;
      },
    });
  });
  afterAll(() => server.close());

  it('waits a random delay before the first attempt, then increasingly longer ones while attempts fail [rfc6455#section-7.2.3-2, rfc6455#section-7.2.3-3, rfc6455#section-7.2.3-4]', async () => {
    const started = performance.now();
    // random 0.5: delays of 20 ms, then 60 ms (in [40, 80)), then 120 ms (in [80, 160)).
    const ws = await reconnect(`${server.url}flaky`, { backoff: { initialDelay: 40, random: () => 0.5 } });
    const times = attempts['/flaky']!;
    expect(times).toHaveLength(3);
    expect(times[0]! - started).toBeGreaterThanOrEqual(15);
    const gaps = [times[1]! - times[0]!, times[2]! - times[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(55);
    expect(gaps[1]).toBeGreaterThanOrEqual(115);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    ws.close(1000);
    await closed(ws);
  });

  it('gives up after maxAttempts with the last error, or when aborted [rfc6455#section-7.2.3-2]', async () => {
    const error = await reconnect(`${server.url}down`, { maxAttempts: 3, backoff: { initialDelay: 10 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStatusError);
    expect((error as InvalidStatusError).response.status).toBe(503);
    expect(attempts['/down']).toHaveLength(3);
    const controller = new AbortController();
    const aborted = reconnect(`${server.url}down`, { signal: controller.signal, backoff: { initialDelay: 5000 } }).catch((e: unknown) => e);
    controller.abort();
    expect(await aborted).toMatchObject({ name: 'AbortError' });
    expect(attempts['/down']).toHaveLength(3);
  });
});
