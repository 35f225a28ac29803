/**
 * Our server, `ws` as the client: every message size and type, fragments
 * both ways, Ping/Pong both ways, close codes and reasons both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RawData } from 'ws';
import { bytesOf, closeOf, SIZES, startScenarioServer, textOf, within } from './support.ts';

let server: Awaited<ReturnType<typeof startScenarioServer>>;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(async () => {
  await server.close();
});

function connect(path: string, protocols?: string[]): Promise<WebSocket> {
  const ws = new WebSocket(`${server.url.slice(0, -1)}${path}`, protocols);
  return within(5000, 'open', (resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<{ data: RawData; isBinary: boolean }> {
  return within(10_000, 'a message', (resolve) => ws.once('message', (data, isBinary) => resolve({ data, isBinary })));
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return within(5000, 'close', (resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

const asBytes = (data: RawData) => new Uint8Array(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]));

describe('Our server, ws as client [rfc6455#section-6.1, rfc6455#section-6.2]', () => {
  it('negotiates the first subprotocol offered that the server speaks [rfc6455#section-4.2.2-2.4.2.5]', async () => {
    const ws = await connect('/echo', ['mqtt', 'superchat', 'chat']);
    expect(ws.protocol).toBe('superchat');
    ws.close();
    await closed(ws);
  });

  it('echoes text and binary messages of 0, 125, 126, 65535, 65536 bytes and 4 MiB [rfc6455#section-5.2-3.5]', async () => {
    const ws = await connect('/echo');
    for (const size of SIZES) {
      const text = textOf(size);
      ws.send(text);
      const echoedText = await nextMessage(ws);
      expect(echoedText.isBinary).toBe(false);
      expect(echoedText.data.toString()).toBe(text);
      const bytes = bytesOf(size);
      ws.send(bytes);
      const echoedBytes = await nextMessage(ws);
      expect(echoedBytes.isBinary, `size ${size}`).toBe(true);
      expect(Buffer.compare(asBytes(echoedBytes.data), bytes), `size ${size}`).toBe(0);
    }
    ws.close(1000);
    await closed(ws);
  });

  it('reassembles a message ws sends in fragments [rfc6455#section-5.4-5.8]', async () => {
    const ws = await connect('/echo');
    ws.send('Hel', { fin: false });
    ws.send('lo, ', { fin: false });
    ws.send('world', { fin: true });
    expect((await nextMessage(ws)).data.toString()).toBe('Hello, world');
    ws.close();
    await closed(ws);
  });

  it('sends fragmented messages with a Ping in between, which ws reassembles [rfc6455#section-5.4-5.3]', async () => {
    const ws = await connect('/fragments');
    const ping = within<Buffer>(5000, 'ping', (resolve) => ws.once('ping', resolve));
    const messages = within<RawData[]>(5000, 'two messages', (resolve) => {
      const received: RawData[] = [];
      ws.on('message', (data) => {
        if (received.push(data) === 2) resolve(received);
      });
    });
    ws.send('go');
    const [text, binary] = await messages;
    expect(text!.toString()).toBe('Hello');
    expect(asBytes(binary!)).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect((await ping).toString()).toBe('between');
    ws.close();
    await closed(ws);
  });

  it('answers the Ping of ws with a Pong of the same payload [rfc6455#section-5.5.3-3]', async () => {
    const ws = await connect('/echo');
    const pong = within<Buffer>(5000, 'pong', (resolve) => ws.once('pong', resolve));
    ws.ping('hello?');
    expect((await pong).toString()).toBe('hello?');
    ws.close();
    await closed(ws);
  });

  it('gets the Pong of ws for its Ping [rfc6455#section-5.5.2-3]', async () => {
    const ws = await connect('/ping');
    expect((await nextMessage(ws)).data.toString()).toBe('pong:are you there?');
    ws.close();
    await closed(ws);
  });

  it('receives the close code and reason of ws, and echoes them [rfc6455#section-5.5.1-5, rfc6455#section-7.1.5-1]', async () => {
    const serverSide = server.nextConnection();
    const ws = await connect('/echo');
    const serverClosed = closeOf(await serverSide);
    ws.close(4001, 'client says bye');
    expect(await closed(ws)).toEqual({ code: 4001, reason: 'client says bye' });
    expect(await serverClosed).toEqual({ code: 4001, reason: 'client says bye', wasClean: true });
  });

  it('sends its close code and reason to ws [rfc6455#section-7.1.2-1, rfc6455#section-7.1.6-1, rfc6455#section-7.3-1, rfc6455#section-7.4-1]', async () => {
    const serverSide = server.nextConnection();
    const ws = new WebSocket(`${server.url}close?code=4002&reason=server%20says%20bye`);
    const clientClosed = closed(ws);
    const serverClosed = closeOf(await serverSide);
    expect(await clientClosed).toEqual({ code: 4002, reason: 'server says bye' });
    expect(await serverClosed).toEqual({ code: 4002, reason: 'server says bye', wasClean: true });
  });

  it('reports 1005 when ws closes without a code [rfc6455#section-7.1.5-1]', async () => {
    const serverSide = server.nextConnection();
    const ws = await connect('/echo');
    const serverClosed = closeOf(await serverSide);
    ws.close();
    expect((await serverClosed).code).toBe(1005);
    await closed(ws);
  });

  it('fails with 1007 when ws sends invalid UTF-8 as text [rfc6455#section-8.1-1]', async () => {
    const serverSide = server.nextConnection();
    const ws = await connect('/echo');
    const serverClosed = closeOf(await serverSide);
    const clientClosed = closed(ws);
    // ws does not validate what it sends: a Buffer sent as text goes out as it is.
    ws.send(Buffer.from([0x48, 0xc0, 0xaf]), { binary: false });
    expect((await clientClosed).code).toBe(1007);
    expect(await serverClosed).toMatchObject({ code: 1006, wasClean: false });
  });

  it('fails with 1009 a message above the maximum message size [rfc6455#section-10.4-1]', async () => {
    const serverSide = server.nextConnection();
    const ws = await connect('/echo');
    await serverSide;
    const clientClosed = closed(ws);
    ws.send(new Uint8Array(16 * 1024 * 1024 + 1));
    expect((await clientClosed).code).toBe(1009);
  });
});
