/**
 * Our server, Node's built-in WebSocket (undici) as the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  ws.binaryType = 'arraybuffer';
  return within(5000, 'open', (resolve, reject) => {
    ws.addEventListener('open', () => resolve(ws), { once: true });
    ws.addEventListener('error', () => reject(new Error('error event')), { once: true });
  });
}

/** Collects messages; `next()` resolves with the next one. */
function inbox(ws: WebSocket): { next(): Promise<string | ArrayBuffer> } {
  const queue: Array<string | ArrayBuffer> = [];
  const waiting: Array<(data: string | ArrayBuffer) => void> = [];
  ws.addEventListener('message', (event: MessageEvent) => {
    const resolve = waiting.shift();
    if (resolve) resolve(event.data as string | ArrayBuffer);
    else queue.push(event.data as string | ArrayBuffer);
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

function closed(ws: WebSocket): Promise<{ code: number; reason: string; wasClean: boolean }> {
  return within(5000, 'close', (resolve) =>
    ws.addEventListener('close', (event: CloseEvent) => resolve({ code: event.code, reason: event.reason, wasClean: event.wasClean }), { once: true }),
  );
}

describe("Our server, undici's WebSocket as client [rfc6455#section-6.1, rfc6455#section-6.2]", () => {
  it('negotiates a subprotocol [rfc6455#section-4.2.2-2.4.2.5]', async () => {
    const ws = await connect('/echo', ['superchat']);
    expect(ws.protocol).toBe('superchat');
    ws.close();
    await closed(ws);
  });

  it('echoes text and binary messages of 0, 125, 126, 65535, 65536 bytes and 4 MiB [rfc6455#section-5.2-3.5]', async () => {
    const ws = await connect('/echo');
    const messages = inbox(ws);
    for (const size of SIZES) {
      const text = textOf(size);
      ws.send(text);
      expect(await messages.next()).toBe(text);
      const bytes = bytesOf(size);
      ws.send(bytes as Uint8Array<ArrayBuffer>);
      const echoed = await messages.next();
      expect(echoed, `size ${size}`).toBeInstanceOf(ArrayBuffer);
      expect(Buffer.compare(new Uint8Array(echoed as ArrayBuffer), bytes), `size ${size}`).toBe(0);
    }
    ws.close(1000);
    expect(await closed(ws)).toEqual({ code: 1000, reason: '', wasClean: true });
  });

  it('receives fragmented messages with a Ping in between [rfc6455#section-5.4-5.3]', async () => {
    const ws = await connect('/fragments');
    const messages = inbox(ws);
    ws.send('go');
    expect(await messages.next()).toBe('Hello');
    expect(new Uint8Array((await messages.next()) as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3, 4]));
    ws.close();
    await closed(ws);
  });

  it('gets the Pong of undici for its Ping [rfc6455#section-5.5.2-3, rfc6455#section-5.5.3-3]', async () => {
    const ws = await connect('/ping');
    expect(await inbox(ws).next()).toBe('pong:are you there?');
    ws.close();
    await closed(ws);
  });

  it('receives the close code and reason of undici [rfc6455#section-5.5.1-5]', async () => {
    const serverSide = server.nextConnection();
    const ws = await connect('/echo');
    const serverClosed = closeOf(await serverSide);
    ws.close(4001, 'client says bye');
    expect(await closed(ws)).toEqual({ code: 4001, reason: 'client says bye', wasClean: true });
    expect(await serverClosed).toEqual({ code: 4001, reason: 'client says bye', wasClean: true });
  });

  it('sends its close code and reason to undici [rfc6455#section-7.1.2-1]', async () => {
    const ws = new WebSocket(`${server.url}close?code=4002&reason=server%20says%20bye`);
    expect(await closed(ws)).toEqual({ code: 4002, reason: 'server says bye', wasClean: true });
  });

  it('refuses an unknown resource with 404, which undici reports as 1006 [rfc6455#section-4.2.2-2.4.2.4]', async () => {
    const ws = new WebSocket(`${server.url}nowhere`);
    expect(await closed(ws)).toMatchObject({ code: 1006, wasClean: false });
  });
});
