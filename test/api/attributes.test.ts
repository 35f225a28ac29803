/**
 * The interface's members as the IDL defines them: constants, attributes
 * and their initial values, binaryType, and the event handler attributes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from '../../src/api/index.ts';
import type { TransportFactory } from '../../src/api/index.ts';
import { closed, next, serverWith } from './support.ts';

const nowhere: TransportFactory = () => ({ write() {}, end() {}, destroy() {} });
const construct = () => new WebSocket('ws://127.0.0.1:9/', [], { transport: nowhere });

describe('The ready state constants [whatwg#interface-definition-2, whatwg#websocket-ready-state]', () => {
  it('are CONNECTING 0, OPEN 1, CLOSING 2, CLOSED 3, on the interface and its prototype [whatwg#dom-websocket-connecting, whatwg#dom-websocket-open, whatwg#dom-websocket-closing, whatwg#dom-websocket-closed]', () => {
    const expected = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 };
    for (const target of [WebSocket, WebSocket.prototype, construct()]) {
      expect({ CONNECTING: target.CONNECTING, OPEN: target.OPEN, CLOSING: target.CLOSING, CLOSED: target.CLOSED }).toEqual(expected);
    }
  });

  it('are read-only, enumerable and not configurable, as Web IDL constants', () => {
    for (const target of [WebSocket, WebSocket.prototype]) {
      for (const name of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) {
        expect(Object.getOwnPropertyDescriptor(target, name)).toMatchObject({ writable: false, enumerable: true, configurable: false });
      }
    }
  });
});

describe('Attributes before the connection is established', () => {
  it('readyState is CONNECTING [whatwg#websocket-ready-state, whatwg#dom-websocket-readystate]', () => {
    expect(construct().readyState).toBe(WebSocket.CONNECTING);
  });

  it('protocol and extensions are the empty string [whatwg#dom-websocket-protocol, whatwg#dom-websocket-extensions]', () => {
    const ws = construct();
    expect(ws.protocol).toBe('');
    expect(ws.extensions).toBe('');
  });

  it('binaryType is "blob", bufferedAmount 0 [whatwg#websocket-binary-type, whatwg#interface-definition-7.9-4, whatwg#dom-websocket-bufferedamount]', () => {
    const ws = construct();
    expect(ws.binaryType).toBe('blob');
    expect(ws.bufferedAmount).toBe(0);
  });

  it('is an EventTarget, and says it is a WebSocket', () => {
    const ws = construct();
    expect(ws).toBeInstanceOf(EventTarget);
    expect(Object.prototype.toString.call(ws)).toBe('[object WebSocket]');
  });
});

describe('binaryType [whatwg#dom-websocket-binarytype, whatwg#interface-definition-20]', () => {
  it('takes "arraybuffer" and "blob"', () => {
    const ws = construct();
    ws.binaryType = 'arraybuffer';
    expect(ws.binaryType).toBe('arraybuffer');
    ws.binaryType = 'blob';
    expect(ws.binaryType).toBe('blob');
  });

  it('ignores any other value, without an exception, as a Web IDL enumeration [whatwg#interface-definition-2]', () => {
    const ws = construct();
    ws.binaryType = 'arraybuffer';
    for (const value of ['text', 'Blob', '', 'ArrayBuffer', null, 42]) {
      expect(() => {
        ws.binaryType = value as unknown as 'blob';
      }).not.toThrow();
      expect(ws.binaryType).toBe('arraybuffer');
    }
  });
});

describe('Event handler attributes [whatwg#interface-definition-24, whatwg#interface-definition-25]', () => {
  it('onopen, onmessage, onerror and onclose run for their event type, with this the WebSocket', () => {
    const ws = construct();
    const calls: string[] = [];
    for (const type of ['open', 'message', 'error', 'close'] as const) {
      ws[`on${type}`] = function (this: WebSocket, event: Event) {
        expect(this).toBe(ws);
        calls.push(event.type);
      };
      expect(typeof ws[`on${type}`]).toBe('function');
    }
    for (const type of ['open', 'message', 'error', 'close']) ws.dispatchEvent(new Event(type));
    expect(calls).toEqual(['open', 'message', 'error', 'close']);
  });

  it('keep their place among the listeners when replaced, and are removed by null', () => {
    const ws = construct();
    const calls: string[] = [];
    ws.addEventListener('message', () => calls.push('first listener'));
    ws.onmessage = () => calls.push('handler v1');
    ws.addEventListener('message', () => calls.push('last listener'));
    ws.onmessage = () => calls.push('handler v2');
    ws.dispatchEvent(new Event('message'));
    expect(calls).toEqual(['first listener', 'handler v2', 'last listener']);
    ws.onmessage = null;
    expect(ws.onmessage).toBeNull();
    calls.length = 0;
    ws.dispatchEvent(new Event('message'));
    expect(calls).toEqual(['first listener', 'last listener']);
  });

  it('treat a value that is not an object as null', () => {
    const ws = construct();
    ws.onclose = 'alert(1)' as unknown as null;
    expect(ws.onclose).toBeNull();
  });
});

describe('Attributes once the connection is established', () => {
  let server: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    server = await serverWith({ chat: { kind: 'accept', protocol: 'chat' }, plain: { kind: 'accept' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('protocol is the subprotocol in use [whatwg#handle-connection-establishment-step-3]', async () => {
    const ws = new WebSocket(server.url('chat'), ['superchat', 'chat']);
    await next(ws, 'open');
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(ws.protocol).toBe('chat');
    expect(ws.extensions).toBe('');
    ws.close();
    await closed(ws);
    expect(ws.readyState).toBe(WebSocket.CLOSED);
    expect(ws.protocol).toBe('chat');
  });

  it('readyState goes CONNECTING, OPEN, CLOSING, CLOSED [whatwg#handle-connection-establishment-step-1, whatwg#dom-websocket-close-step-3-2.3-2, whatwg#closeWebSocket-step-1]', async () => {
    const ws = new WebSocket(server.url('plain'));
    const states = [ws.readyState];
    await next(ws, 'open');
    states.push(ws.readyState);
    ws.close();
    states.push(ws.readyState);
    await closed(ws);
    states.push(ws.readyState);
    expect(states).toEqual([0, 1, 2, 3]);
  });
});
