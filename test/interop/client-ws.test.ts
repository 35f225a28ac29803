/**
 * Our client, a `ws` server as the peer.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { WebSocket as WsSocket } from 'ws';
import { connect, open } from '../../src/node/index.ts';
import type { CloseInfo, WebSocketClient } from '../../src/node/index.ts';
import { InvalidStatusError, State } from '../../src/protocol/index.ts';
import { bytesOf, SIZES, textOf, within } from './support.ts';

let wss: WebSocketServer;
let base: string;
beforeAll(async () => {
  wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    maxPayload: 64 * 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has('superchat') ? 'superchat' : false),
    verifyClient: (info, done) => {
      if (info.req.url === '/private') done(false, 401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="ws"' });
      else done(true);
    },
  });
  await within(5000, 'listening', (resolve) => wss.once('listening', () => resolve(null)));
  base = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  wss.on('connection', (ws: WsSocket, req) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/echo') ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    if (url.pathname === '/fragments')
      ws.on('message', () => {
        ws.send('Hel', { fin: false });
        ws.ping('between');
        ws.send('lo', { fin: true });
      });
    if (url.pathname === '/ping') {
      ws.on('pong', (data) => ws.send(`pong:${data.toString()}`));
      ws.ping('are you there?');
    }
    if (url.pathname === '/close') ws.close(Number(url.searchParams.get('code')), url.searchParams.get('reason') ?? '');
    if (url.pathname === '/report-close') ws.on('close', (code, reason) => reports.push({ code, reason: reason.toString() }));
  });
});
afterAll(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise((resolve) => wss.close(resolve));
});

const reports: Array<{ code: number; reason: string }> = [];

function inbox(ws: WebSocketClient): { next(): Promise<string | Uint8Array> } {
  const queue: Array<string | Uint8Array> = [];
  const waiting: Array<(data: string | Uint8Array) => void> = [];
  ws.on('message', (data) => {
    const resolve = waiting.shift();
    if (resolve) resolve(data);
    else queue.push(data);
  });
  return {
    next: () =>
      within(10_000, 'a message', (resolve) => {
        const data = queue.shift();
        if (data !== undefined) resolve(data);
        else waiting.push(resolve);
      }),
  };
}

const closed = (ws: WebSocketClient) => within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve));

describe('Our client, a ws server as peer [rfc6455#section-4.1, rfc6455#section-6.1]', () => {
  it('opens with the negotiated subprotocol [rfc6455#section-4.1-8.6, rfc6455#section-4.1-11]', async () => {
    const ws = await open(`${base}/echo`, { protocols: ['chat', 'superchat'] });
    expect(ws.protocol).toBe('superchat');
    expect(ws.readyState).toBe(State.OPEN);
    ws.close(1000);
    expect(await closed(ws)).toEqual({ code: 1000, reason: '', wasClean: true });
  });

  it('sends text and binary messages of 0, 125, 126, 65535, 65536 bytes and 4 MiB, masked, and reads them back [rfc6455#section-5.3-3, rfc6455#section-5.2-3.5]', async () => {
    const ws = await open(`${base}/echo`);
    const messages = inbox(ws);
    for (const size of SIZES) {
      const text = textOf(size);
      ws.send(text);
      expect(await messages.next()).toBe(text);
      const bytes = bytesOf(size);
      ws.send(bytes);
      const echoed = await messages.next();
      expect(typeof echoed, `size ${size}`).not.toBe('string');
      expect(Buffer.compare(echoed as Uint8Array, bytes), `size ${size}`).toBe(0);
    }
    ws.close(1000);
    await closed(ws);
  });

  it('iterates over messages until the connection closes', async () => {
    const ws = await open(`${base}/echo`);
    const received: Array<string | Uint8Array> = [];
    const iterate = (async () => {
      for await (const message of ws.messages()) {
        received.push(message);
        if (received.length === 2) ws.close(1000);
      }
    })();
    ws.send('first');
    ws.send(new Uint8Array([2]));
    await within(5000, 'the end of the iteration', (resolve, reject) => iterate.then(resolve, reject));
    expect(received).toEqual(['first', new Uint8Array([2])]);
  });

  it('sends a fragmented message that ws reassembles [rfc6455#section-5.4-5.2.1]', async () => {
    const ws = await open(`${base}/echo`);
    const messages = inbox(ws);
    ws.sendText('Hel', false);
    ws.ping();
    ws.sendContinuation('lo', true);
    ws.sendBinary(new Uint8Array([1]), false);
    ws.sendContinuation(new Uint8Array([2]), true);
    expect(await messages.next()).toBe('Hello');
    expect(await messages.next()).toEqual(new Uint8Array([1, 2]));
    ws.close();
    await closed(ws);
  });

  it('reassembles the fragmented message of ws with a Ping in between [rfc6455#section-5.4-5.6]', async () => {
    const ws = await open(`${base}/fragments`);
    const ping = within<Uint8Array>(5000, 'ping', (resolve) => ws.once('ping', resolve));
    const messages = inbox(ws);
    ws.send('go');
    expect(await messages.next()).toBe('Hello');
    expect(new TextDecoder().decode(await ping)).toBe('between');
    ws.close();
    await closed(ws);
  });

  it('answers the Ping of ws with the same payload, and gets its Pong back [rfc6455#section-5.5.2-3, rfc6455#section-5.5.3-3]', async () => {
    const ws = await open(`${base}/ping`);
    expect(await inbox(ws).next()).toBe('pong:are you there?');
    const pong = within<Uint8Array>(5000, 'pong', (resolve) => ws.once('pong', resolve));
    ws.ping(new TextEncoder().encode('and you?'));
    expect(new TextDecoder().decode(await pong)).toBe('and you?');
    ws.close();
    await closed(ws);
  });

  it('sends its close code and reason to ws [rfc6455#section-7.1.2-1]', async () => {
    const ws = await open(`${base}/report-close`);
    ws.close(4001, 'client says bye');
    expect(await closed(ws)).toEqual({ code: 4001, reason: 'client says bye', wasClean: true });
    await within(2000, 'the report', (resolve) => {
      const check = () => (reports.length > 0 ? resolve(null) : setTimeout(check, 5));
      check();
    });
    expect(reports.at(-1)).toEqual({ code: 4001, reason: 'client says bye' });
  });

  it('receives the close code and reason of ws [rfc6455#section-7.1.5-1, rfc6455#section-7.1.6-1]', async () => {
    const ws = connect(`${base}/close?code=4002&reason=server%20says%20bye`);
    expect(await closed(ws)).toEqual({ code: 4002, reason: 'server says bye', wasClean: true });
  });

  it('reports a refusal with its status, header fields and body [rfc6455#section-4.1-8.1]', async () => {
    const error = await open(`${base}/private`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStatusError);
    const { response } = error as InvalidStatusError;
    expect(response.status).toBe(401);
    expect(response.headers.some(([name, value]) => name.toLowerCase() === 'www-authenticate' && value === 'Basic realm="ws"')).toBe(true);
    expect(new TextDecoder().decode(response.body)).toBe('Unauthorized');
  });

  it('opens without a subprotocol when the server chooses none [rfc6455#section-4.1-11]', async () => {
    const ws = await open(`${base}/echo`, { protocols: ['chat'] });
    expect(ws.protocol).toBeNull();
    ws.close();
    await closed(ws);
  });

  it('reports a connection refused by the operating system as an error and 1006 [rfc6455#section-4.1-4.4]', async () => {
    const ws = connect('ws://127.0.0.1:1/');
    const error = within<Error>(5000, 'error', (resolve) => ws.once('error', resolve));
    expect(await closed(ws)).toEqual({ code: 1006, reason: '', wasClean: false });
    expect((await error).message).toMatch(/ECONNREFUSED/);
  });
});
