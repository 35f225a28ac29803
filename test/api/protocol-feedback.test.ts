/**
 * What the protocol tells the API besides open, message and close: the
 * closing handshake started by the server, the extensions in use, and the
 * Ping and Pong frames the API does not expose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from '../../src/api/index.ts';
import { closed, next, record, serverWith } from './support.ts';
import { scriptedTransport, sleep, switchingProtocols, until } from './wire.ts';
import type { ScriptedStream } from './wire.ts';

/** Our WebSocket over a scripted stream, open (the 101 fed with these extra fields). */
async function opened(extra: string[] = []): Promise<{ ws: WebSocket; stream: ScriptedStream }> {
  const { transport, streams } = scriptedTransport();
  const ws = new WebSocket('ws://127.0.0.1:9001/', [], { transport });
  await until(() => streams.length > 0);
  const stream = streams[0]!;
  stream.handlers.onopen();
  stream.handlers.ondata(switchingProtocols(stream, extra));
  await next(ws, 'open');
  return { ws, stream };
}

describe('The closing handshake started by the server [whatwg#feedback-from-the-protocol-8]', () => {
  it('queues a task that makes the ready state CLOSING; close follows once the connection is closed', async () => {
    const { ws, stream } = await opened();
    const seen = record(ws);
    const before = stream.written.length;
    // The server's Close frame, code 1000, unmasked.
    stream.handlers.ondata(new Uint8Array([0x88, 0x02, 0x03, 0xe8]));
    // A task, not at once: the script still sees OPEN in this task.
    expect(ws.readyState).toBe(1);
    await sleep(0);
    await until(() => ws.readyState === 2);
    // The client answered with its own Close frame (masked, opcode 8) and waits for the server to close.
    expect(stream.written.slice(before).some((chunk) => chunk[0] === 0x88)).toBe(true);
    await sleep(20);
    expect(ws.readyState).toBe(2);
    expect(seen).toEqual([]);
    stream.handlers.onend();
    stream.handlers.onclose();
    const event = await closed(ws);
    expect([event.code, event.wasClean, ws.readyState]).toEqual([1000, true, 3]);
  });

  it('leaves the ready state CLOSING when close() already set it', async () => {
    const { ws, stream } = await opened();
    ws.close(1000);
    expect(ws.readyState).toBe(2);
    stream.handlers.ondata(new Uint8Array([0x88, 0x02, 0x03, 0xe8]));
    await sleep(10);
    expect(ws.readyState).toBe(2);
    stream.handlers.onclose();
    await closed(ws);
  });
});

describe('The extensions in use [whatwg#handle-connection-establishment-step-2, whatwg#dom-websocket-extensions]', () => {
  it('offers permessage-deflate as the standard\'s example does [whatwg#concept-websocket-establish-step-9, whatwg#concept-websocket-establish-step-10]', async () => {
    const { ws, stream } = await opened();
    expect(stream.request()).toContain('\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n');
    ws.close();
    stream.handlers.onclose();
    await closed(ws);
  });

  it('are none (null) when the server accepts none: the attribute stays the empty string once open', async () => {
    const { ws, stream } = await opened();
    expect(ws.extensions).toBe('');
    ws.close();
    stream.handlers.onclose();
    await closed(ws);
  });

  it('are the server\'s accepted permessage-deflate, whose compressed messages arrive inflated', async () => {
    const { ws, stream } = await opened(['Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover']);
    expect(ws.extensions).toBe('permessage-deflate; server_no_context_takeover');
    // RSV1 + Text, "Hello" compressed as RFC 7692 §7.2.3.1 shows it.
    stream.handlers.ondata(Uint8Array.of(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00));
    const message = (await next(ws, 'message')) as MessageEvent;
    expect(message.data).toBe('Hello');
    ws.close();
    stream.handlers.onclose();
    await closed(ws);
  });
});

describe('Ping and Pong frames [whatwg#ping-and-pong-frames-1, whatwg#ping-and-pong-frames-2]', () => {
  let server: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    server = await serverWith({
      pings: { kind: 'accept', then: [{ do: 'ping', text: 'a' }, { do: 'sleep', ms: 50 }, { do: 'ping', text: 'b' }] },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('the client sends no Ping and no unsolicited Pong: only the Pong each Ping asks for, with its data', async () => {
    server.begin('pings');
    const ws = new WebSocket(server.url('pings'));
    const seen = record(ws);
    await next(ws, 'open');
    // Idle for a while, long enough for any keep-alive a client might send.
    await sleep(300);
    ws.send('x');
    await next(ws, 'message');
    ws.close();
    await closed(ws);
    const log = server.log('pings');
    expect(log.filter((line) => line.startsWith('ping'))).toEqual([]);
    expect(log.filter((line) => line.startsWith('pong'))).toEqual(['pong "a"', 'pong "b"']);
    // Neither reaches the script.
    expect(seen.map((event) => event.type)).toEqual(['open', 'message', 'close']);
  });
});
