/**
 * send() and close(): their argument checks, what goes on the wire, and
 * bufferedAmount, before, during and after the connection.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from '../../src/api/index.ts';
import type { TransportFactory } from '../../src/api/index.ts';
import { toClampedUnsignedShort, toUSVString } from '../../src/api/webidl.ts';
import { closed, FAILED, next, open, serverWith } from './support.ts';

const nowhere: TransportFactory = () => ({ write() {}, end() {}, destroy() {} });
const construct = () => new WebSocket('ws://127.0.0.1:9/', [], { transport: nowhere });

function exceptionOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return (error as DOMException).name;
  }
}

let server: Awaited<ReturnType<typeof serverWith>>;
beforeAll(async () => {
  server = await serverWith({ echo: { kind: 'accept' } });
});
afterAll(async () => {
  await server.close();
});

/** An open connection to the echo route, with the server's log under `run`. */
async function connected(run: string): Promise<WebSocket> {
  server.begin(run);
  const ws = new WebSocket(server.url('echo'));
  await next(ws, 'open');
  return ws;
}

describe('send() [whatwg#dom-websocket-send]', () => {
  it('throws InvalidStateError while CONNECTING, and counts nothing [whatwg#dom-websocket-send-step-1]', () => {
    const ws = construct();
    for (const data of ['text', new Uint8Array(3), new ArrayBuffer(2), new Blob(['x'])]) {
      expect(exceptionOf(() => ws.send(data))).toBe('InvalidStateError');
    }
    expect(ws.bufferedAmount).toBe(0);
  });

  it('sends strings as text, buffers, views and Blobs as binary, in order [whatwg#dom-websocket-send-step-2, whatwg#dom-websocket-send-step-2-2.1-2, whatwg#dom-websocket-send-step-2-2.2-2, whatwg#dom-websocket-send-step-2-2.3-2, whatwg#dom-websocket-send-step-2-2.4-2]', async () => {
    const ws = await connected('types');
    ws.binaryType = 'arraybuffer';
    const messages: unknown[] = [];
    ws.onmessage = (event) => messages.push((event as MessageEvent).data);
    ws.send('héllo');
    ws.send(new Blob([new Uint8Array([9, 9])]));
    ws.send(new Uint16Array([0x0201]));
    ws.send(new Uint8Array([0, 1, 2, 3, 4]).subarray(1, 3));
    ws.send(new Uint8Array([7]).buffer);
    ws.send(12 as unknown as string);
    expect(ws.bufferedAmount).toBe(6 + 2 + 2 + 2 + 1 + 2);
    await new Promise<void>((resolve) => {
      const check = () => (messages.length === 6 ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(ws.bufferedAmount).toBe(0);
    ws.close();
    await closed(ws);
    expect(server.log('types').slice(1, 7)).toEqual([
      'text "héllo"',
      'binary ⟨byteLength=2 09 09⟩',
      'binary ⟨byteLength=2 01 02⟩',
      'binary ⟨byteLength=2 01 02⟩',
      'binary ⟨byteLength=1 07⟩',
      'text "12"',
    ]);
  });

  it('counts the UTF-8 bytes of a string, replacing lone surrogates [whatwg#dom-websocket-send-step-2-2.1-2]', async () => {
    const ws = await connected('usv');
    ws.send('€\uD800');
    expect(ws.bufferedAmount).toBe(6);
    await next(ws, 'message');
    ws.close();
    await closed(ws);
    expect(server.log('usv')[1]).toBe('text "€\uFFFD"');
  });

  it('after close(), sends nothing and bufferedAmount only grows [whatwg#interface-definition-7.6-3, whatwg#dom-websocket-send-step-2-2.1-2]', async () => {
    const ws = await connected('after-close');
    ws.close();
    expect(exceptionOf(() => ws.send('abcd'))).toBeNull();
    expect(ws.bufferedAmount).toBe(4);
    await closed(ws);
    ws.send(new Uint8Array(10));
    expect(ws.bufferedAmount).toBe(14);
    expect(server.log('after-close')).toEqual(['request /s/echo', 'close (empty body)']);
  });

  it('needs an argument', () => {
    expect(() => (construct().send as () => void)()).toThrow(TypeError);
  });
});

describe('close(): the code [whatwg#dom-websocket-close-step-1]', () => {
  it('accepts exactly 1000 and 3000–4999 [whatwg#dom-websocket-close-step-1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), (code) => {
        const allowed = code === 1000 || (code >= 3000 && code <= 4999);
        return exceptionOf(() => construct().close(code)) === (allowed ? null : 'InvalidAccessError');
      }),
      { numRuns: 500 },
    );
    for (const code of [999, 1001, 1005, 1006, 1015, 2999, 5000, 0]) expect(exceptionOf(() => construct().close(code)), String(code)).toBe('InvalidAccessError');
  });

  it('converts the code with [Clamp]: clamped to 0–65535, rounded to the nearest integer, ties to even [whatwg#interface-definition-2]', () => {
    expect([3001.2, 3000.7, 3000.5, 3001.5, -1, 70000, Number.NaN, Infinity, '1000', 999.5, 1000.5].map(toClampedUnsignedShort)).toEqual([
      3001, 3001, 3000, 3002, 0, 65535, 0, 65535, 1000, 1000, 1000,
    ]);
    expect(exceptionOf(() => construct().close(999.6))).toBeNull();
    expect(exceptionOf(() => construct().close(NaN))).toBe('InvalidAccessError');
    expect(exceptionOf(() => construct().close(1001.4))).toBe('InvalidAccessError');
  });

  it('treats an explicit undefined as no code', () => {
    expect(exceptionOf(() => construct().close(undefined, 'bye'))).toBeNull();
  });
});

describe('close(): the reason [whatwg#dom-websocket-close-step-2]', () => {
  it('throws a SyntaxError beyond 123 bytes of UTF-8, whatever the number of characters [whatwg#dom-websocket-close-step-2.1, whatwg#dom-websocket-close-step-2.2]', () => {
    expect(exceptionOf(() => construct().close(1000, 'a'.repeat(123)))).toBeNull();
    expect(exceptionOf(() => construct().close(1000, 'a'.repeat(124)))).toBe('SyntaxError');
    expect(exceptionOf(() => construct().close(1000, '€'.repeat(41)))).toBeNull();
    expect(exceptionOf(() => construct().close(1000, '€'.repeat(42)))).toBe('SyntaxError');
    // A lone surrogate is U+FFFD, 3 bytes.
    expect(toUSVString('\uD800')).toBe('\uFFFD');
    expect(exceptionOf(() => construct().close(1000, 'a'.repeat(120) + '\uD800'))).toBeNull();
    expect(exceptionOf(() => construct().close(1000, 'a'.repeat(121) + '\uD800'))).toBe('SyntaxError');
  });

  it('checks the code before the reason, and both before the state [whatwg#dom-websocket-close-step-1, whatwg#dom-websocket-close-step-3]', async () => {
    expect(exceptionOf(() => construct().close(1001, 'a'.repeat(200)))).toBe('InvalidAccessError');
    const ws = await connected('checks');
    ws.close();
    await closed(ws);
    expect(exceptionOf(() => ws.close(1001))).toBe('InvalidAccessError');
    expect(exceptionOf(() => ws.close(1000, 'a'.repeat(124)))).toBe('SyntaxError');
  });
});

describe('close(): what it does [whatwg#dom-websocket-close-step-3]', () => {
  it('while CONNECTING fails the connection: CLOSING at once, then error and close 1006 [whatwg#dom-websocket-close-step-3-2.2-2, whatwg#dom-websocket-close-step-3-2.2-3]', async () => {
    const { ws, seen, diagnostics } = open(server.url('echo'));
    ws.close();
    expect(ws.readyState).toBe(WebSocket.CLOSING);
    // Nothing is dispatched inside close(): the events come from a task.
    expect(seen).toEqual([]);
    await closed(ws);
    expect(seen).toEqual(FAILED);
    expect(diagnostics).toEqual([`WebSocket connection to '${server.url('echo')}' failed: WebSocket is closed before the connection is established.`]);
  });

  it('sends the code and the reason [whatwg#dom-websocket-close-step-3-2.3-2, whatwg#dom-websocket-close-step-3-2.3-5, whatwg#dom-websocket-close-step-3-2.3-6]', async () => {
    const ws = await connected('code-reason');
    ws.close(4321, 'done');
    expect(ws.readyState).toBe(WebSocket.CLOSING);
    const event = await closed(ws);
    expect({ code: event.code, reason: event.reason, wasClean: event.wasClean }).toEqual({ code: 4321, reason: 'done', wasClean: true });
    expect(server.log('code-reason')).toEqual(['request /s/echo', 'close 4321 "done"']);
  });

  it('without a code, sends a Close frame without a body (the reason cannot go without a code) [whatwg#dom-websocket-close-step-3-2.3-3, rfc6455#section-5.5.1-2]', async () => {
    for (const [run, call] of [
      ['no-args', (ws: WebSocket) => ws.close()],
      ['reason-only', (ws: WebSocket) => ws.close(undefined, 'bye')],
    ] as const) {
      const ws = await connected(run);
      call(ws);
      const event = await closed(ws);
      expect(event.code).toBe(1005);
      expect(server.log(run)).toEqual(['request /s/echo', 'close (empty body)']);
    }
  });

  it('does nothing once CLOSING or CLOSED [whatwg#dom-websocket-close-step-3-2.1, whatwg#dom-websocket-close-step-3-2.1-2]', async () => {
    const ws = await connected('twice');
    ws.close(4001, 'first');
    ws.close(4002, 'second');
    await closed(ws);
    ws.close(4003);
    expect(ws.readyState).toBe(WebSocket.CLOSED);
    expect(server.log('twice')).toEqual(['request /s/echo', 'close 4001 "first"']);
  });
});
