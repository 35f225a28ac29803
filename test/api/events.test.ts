/**
 * The events: their order, classes and fields, when they are dispatched,
 * and what a message's data is for each binaryType.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseEventImpl, FallbackCloseEvent, FallbackMessageEvent, MessageEventImpl, WebSocket } from '../../src/api/index.ts';
import { closed, FAILED, next, open, serverWith } from './support.ts';

let server: Awaited<ReturnType<typeof serverWith>>;
beforeAll(async () => {
  server = await serverWith({
    echo: { kind: 'accept' },
    close4000: { kind: 'accept', then: [{ do: 'close', code: 4000, reason: 'done: さようなら' }] },
    closeEmpty: { kind: 'accept', then: [{ do: 'close' }] },
    drop: { kind: 'accept', then: [{ do: 'end' }] },
    reset: { kind: 'accept', then: [{ do: 'reset' }] },
    textThenClose: { kind: 'accept', then: [{ do: 'send-raw', hex: '8102' + '6869' + '8802' + '03e8', what: 'a message and a Close in one write' }] },
    text: { kind: 'accept', then: [{ do: 'send-text', text: 'héllo 👋' }] },
    two: {
      kind: 'accept',
      then: [
        { do: 'send-binary', bytes: [1] },
        { do: 'send-binary', bytes: [2] },
        { do: 'send-binary', bytes: [3] },
      ],
    },
    badUtf8: { kind: 'accept', then: [{ do: 'send-raw', hex: '8103' + '68c328', what: 'invalid UTF-8' }] },
    masked: { kind: 'accept', then: [{ do: 'send-raw', hex: '8182' + '01020304' + '6a6b', what: 'a masked frame' }] },
  });
});
afterAll(async () => {
  await server.close();
});

describe('The event classes [whatwg#the-closeevent-interface-2]', () => {
  it('are the platform\'s MessageEvent and CloseEvent (undici\'s, in Node)', () => {
    expect(CloseEventImpl).toBe(globalThis.CloseEvent);
    expect(MessageEventImpl).toBe(globalThis.MessageEvent);
  });

  it('fall back to conforming classes: CloseEventInit defaults false, 0, "" [whatwg#dom-closeevent-wasclean, whatwg#dom-closeevent-code, whatwg#dom-closeevent-reason]', () => {
    const empty = new FallbackCloseEvent('close');
    expect({ wasClean: empty.wasClean, code: empty.code, reason: empty.reason, type: empty.type }).toEqual({ wasClean: false, code: 0, reason: '', type: 'close' });
    const full = new FallbackCloseEvent('close', { wasClean: true, code: 4000, reason: 'bye' });
    expect({ wasClean: full.wasClean, code: full.code, reason: full.reason }).toEqual({ wasClean: true, code: 4000, reason: 'bye' });
    expect(new FallbackCloseEvent('close', { code: 65537 }).code).toBe(1);
    expect(full).toBeInstanceOf(Event);
    const message = new FallbackMessageEvent('message', { data: 'x', origin: 'ws://h' });
    expect({ data: message.data, origin: message.origin, lastEventId: message.lastEventId, source: message.source, ports: message.ports }).toEqual({
      data: 'x',
      origin: 'ws://h',
      lastEventId: '',
      source: null,
      ports: [],
    });
  });
});

describe('open and close [whatwg#feedback-from-the-protocol-1, whatwg#closeWebSocket]', () => {
  it('open, then close with the code, reason and cleanliness of the closing handshake [whatwg#handle-connection-establishment-step-4, whatwg#closeWebSocket-step-3]', async () => {
    const { ws, seen } = open(server.url('close4000'));
    await closed(ws);
    expect(seen).toEqual([
      { type: 'open', readyState: 1, eventClass: 'Event' },
      { type: 'close', readyState: 3, eventClass: 'CloseEvent', code: 4000, reason: 'done: さようなら', wasClean: true },
    ]);
  });

  it('close is 1005 for a Close frame without a status code [rfc6455#section-7.1.5-1, whatwg#closeWebSocket-step-3]', async () => {
    const { ws, seen } = open(server.url('closeEmpty'));
    await closed(ws);
    expect(seen.at(-1)).toMatchObject({ code: 1005, reason: '', wasClean: true });
  });

  it.each(['drop', 'reset'])(
    'a transport lost after open without a Close frame (%s) fails the connection: error, then close 1006 [rfc6455#section-7.2.1-2, whatwg#closeWebSocket-step-2, whatwg#feedback-from-the-protocol-12.7]',
    async (route) => {
      const { ws, seen } = open(server.url(route));
      await closed(ws);
      expect(seen.map((entry) => entry.type)).toEqual(['open', 'error', 'close']);
      expect(seen[2]).toMatchObject({ code: 1006, reason: '', wasClean: false });
    },
  );

  it('delivers a message before the ready state goes to CLOSING for the Close after it, so the script can still answer [rfc6455#section-6.2-1, whatwg#feedback-from-the-protocol-8]', async () => {
    const ws = new WebSocket(server.url('textThenClose'));
    const states: number[] = [];
    ws.onmessage = () => {
      states.push(ws.readyState);
      ws.send('reply');
    };
    await closed(ws);
    expect(states).toEqual([1]);
    // The reply was handed to the network (bufferedAmount back to 0), before
    // our Close reply: a message sent once the closing handshake has
    // started would stay counted, never sent.
    expect(ws.bufferedAmount).toBe(0);
  });

  it('are queued: a listener added after the constructor, or after close(), misses nothing [whatwg#feedback-from-the-protocol-3]', async () => {
    const ws = new WebSocket(server.url('echo'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const opened = next(ws, 'open');
    await opened;
    ws.close();
    const types: string[] = [];
    ws.addEventListener('close', () => types.push('close'));
    await closed(ws);
    expect(types).toEqual(['close']);
  });
});

describe('message [whatwg#feedback-from-the-protocol-4]', () => {
  it('carries text as a string, with the origin of the URL [whatwg#handle-a-websocket-message-step-2-2.1-2, whatwg#handle-a-websocket-message-step-3]', async () => {
    const { ws, seen } = open(server.url('text'));
    const event = (await next(ws, 'message')) as MessageEvent;
    expect(event).toBeInstanceOf(MessageEvent);
    expect({ data: event.data, origin: event.origin, lastEventId: event.lastEventId, source: event.source, ports: event.ports }).toEqual({
      data: 'héllo 👋',
      origin: `ws://127.0.0.1:${server.port}`,
      lastEventId: '',
      source: null,
      ports: [],
    });
    ws.close();
    await closed(ws);
    expect(seen.map((entry) => `${entry.type}@${entry.readyState}`)).toEqual(['open@1', 'message@1', 'close@3']);
  });

  it('carries binary data as a Blob or an ArrayBuffer, by the binaryType of the moment the task runs [whatwg#handle-a-websocket-message-step-2, whatwg#dom-binarytype-blob-2, whatwg#dom-binarytype-arraybuffer-2, whatwg#interface-definition-21]', async () => {
    const ws = new WebSocket(server.url('two'));
    const data: Array<Blob | ArrayBuffer> = [];
    ws.onmessage = (event) => {
      data.push((event as MessageEvent).data);
      // Set while handling the first message: the second, already received, becomes an ArrayBuffer.
      ws.binaryType = data.length === 1 ? 'arraybuffer' : 'blob';
    };
    await new Promise<void>((resolve) => {
      const check = () => (data.length === 3 ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(data[0]).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (data[0] as Blob).arrayBuffer())]).toEqual([1]);
    expect(data[1]).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(data[1] as ArrayBuffer)]).toEqual([2]);
    expect(data[2]).toBeInstanceOf(Blob);
    ws.close();
    await closed(ws);
  });

  it('is not dispatched once the script called close() [whatwg#handle-a-websocket-message-step-1]', async () => {
    const ws = new WebSocket(server.url('two'));
    const types: string[] = [];
    ws.addEventListener('open', () => ws.close());
    ws.addEventListener('message', () => types.push('message'));
    await closed(ws);
    expect(types).toEqual([]);
  });
});

describe('A connection the server breaks fails: error, then close 1006 [whatwg#closeWebSocket-step-2, rfc6455#section-7.1.7-2]', () => {
  it('on invalid UTF-8 in a text message, sending 1007 [rfc6455#section-8.1-1, rfc6455#section-7.4.1-2.8]', async () => {
    server.begin('utf8');
    const { ws, seen, diagnostics } = open(server.url('badUtf8'));
    await closed(ws);
    expect(seen).toEqual([{ type: 'open', readyState: 1, eventClass: 'Event' }, ...FAILED]);
    expect(diagnostics[0]).toContain('invalid UTF-8');
    expect(server.log('utf8')[1]).toMatch(/^close 1007 /);
  });

  it('on a masked frame, sending 1002 [rfc6455#section-5.1-1]', async () => {
    server.begin('masked');
    const { ws, seen } = open(server.url('masked'));
    await closed(ws);
    expect(seen).toEqual([{ type: 'open', readyState: 1, eventClass: 'Event' }, ...FAILED]);
    expect(server.log('masked')[1]).toMatch(/^close 1002 /);
  });
});
