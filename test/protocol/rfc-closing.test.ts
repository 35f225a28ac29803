/**
 * Closing and failing (RFC 6455 §7), clause by clause, sans I/O: who starts
 * the closing handshake, who closes the transport and when, what failing
 * the connection does in each role, and the opening handshake's failures
 * (the client fails, the server aborts).
 */
import { describe, expect, it } from 'vitest';
import { ClientConnection, Connection, createClientHandshake, encodeFrame, Opcode, ServerConnection, State } from '../../src/protocol/index.ts';
import type { ConnectionEvent } from '../../src/protocol/index.ts';
import { concatBytes, errorOf, feed, hex, open, RFC_MASK, sent, text } from './helpers.ts';

const ascii = (s: string) => new TextEncoder().encode(s);
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const frame = (opcode: number, payload: Uint8Array, masked: boolean) =>
  encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode, payload }, masked ? RFC_MASK : null);
const closeBody = (code: number, reason = '') => concatBytes(new Uint8Array([code >> 8, code & 0xff]), text(reason));

/** Passes what `from` queued to `to` and returns `to`'s events. */
function deliver(from: Connection, to: Connection): ConnectionEvent[] {
  for (const chunk of from.dataToSend()) to.receiveData(chunk.slice());
  return to.events();
}

const REQUEST = [
  'GET /chat HTTP/1.1',
  'Host: server.example.com',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
];

describe('Starting the closing handshake [rfc6455#section-7.3, rfc6455#section-7.4]', () => {
  it('either endpoint closes by sending a Close frame, with a status code and a reason, a code alone, or neither [rfc6455#section-7.3-1, rfc6455#section-7.4-1]', () => {
    const cases: Array<[number | undefined, string | undefined, string]> = [
      [1000, 'done', '88 06 03 e8 64 6f 6e 65'],
      [4001, undefined, '88 02 0f a1'],
      [undefined, undefined, '88 00'],
    ];
    for (const [code, reason, bytes] of cases) {
      const s = open('server');
      s.close(code, reason);
      expect(sent(s)).toBe(bytes);
      expect(s.state).toBe(State.CLOSING);
    }
    const c = open('client');
    c.close(1000, 'bye');
    const s = open('server');
    expect(deliver(c, s)).toEqual([{ type: 'close', code: 1000, reason: 'bye' }]);
  });

  it('an endpoint may send any of the pre-defined status codes, 1003 for data it cannot accept among them [rfc6455#section-7.4.1-1, rfc6455#section-7.4.1-2.4]', () => {
    for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011]) {
      const s = open('server');
      const c = open('client');
      s.close(code);
      expect(deliver(s, c), String(code)).toEqual([{ type: 'close', code, reason: '' }]);
    }
  });

  it('a client closing with 1010 names the extensions it needs in the reason, which the server receives [rfc6455#section-7.4.1-2.11]', () => {
    const c = open('client');
    const s = open('server');
    c.close(1010, 'permessage-deflate');
    expect(deliver(c, s)).toEqual([{ type: 'close', code: 1010, reason: 'permessage-deflate' }]);
  });

  it('a client closes only when its application asks: no traffic, not even a Close frame, makes it close the transport [rfc6455#section-7.3-1, rfc6455#section-7.1.7-3, rfc6455#section-7.2.1-3]', () => {
    const c = open('client');
    const s = open('server');
    s.sendText('x'.repeat(1000));
    s.sendPing(text('ping'));
    s.sendPong();
    s.sendBinary(new Uint8Array(70_000));
    deliver(s, c);
    expect(c.shouldCloseTransport()).toBe(false);
    expect(c.closeExpected()).toBe(false);
    // The server's Close frame: the client replies, and still leaves the transport to the server.
    s.close(1001);
    deliver(s, c);
    expect(c.state).toBe(State.CLOSING);
    expect(c.shouldCloseTransport()).toBe(false);
    // Its Pong for the Ping, then its Close frame in reply.
    expect(c.dataToSend().map((chunk) => chunk[0])).toEqual([0x8a, 0x88]);
  });
});

describe('Closing the transport [rfc6455#section-7.1.1]', () => {
  it('after the closing handshake the server closes the TCP connection first, the client waits for it, whoever started [rfc6455#section-7.1.1-2, rfc6455#section-5.5.1-6]', () => {
    for (const starter of ['client', 'server'] as const) {
      const c = open('client');
      const s = open('server');
      if (starter === 'client') {
        c.close(1000);
        deliver(c, s);
        deliver(s, c);
      } else {
        s.close(1000);
        deliver(s, c);
        deliver(c, s);
      }
      expect(s.shouldCloseTransport(), starter).toBe(true);
      expect(c.shouldCloseTransport(), starter).toBe(false);
      // The client expects the close and arms its timeout (it may close itself if the server never does).
      expect(c.closeExpected(), starter).toBe(true);
      c.receiveEof();
      expect(c.events(), starter).toEqual([{ type: 'closed', code: 1000, reason: '', wasClean: true }]);
    }
  });

  it('discards any bytes that arrive after the Close frame [rfc6455#section-7.1.1-1]', () => {
    const s = open('server');
    const trailing = concatBytes(frame(Opcode.Text, text('late'), true), frame(Opcode.Ping, text('late'), true), hex('ff ff ff'));
    const events = feed(s, concatBytes(frame(Opcode.Close, closeBody(1000), true), trailing));
    expect(events).toEqual([{ type: 'close', code: 1000, reason: '' }]);
    expect(sent(s)).toBe('88 02 03 e8');
    expect(feed(s, trailing)).toEqual([]);
    expect(sent(s)).toBe('');
    expect(s.bufferedAmount).toBe(0);
  });
});

describe('Failing the connection [rfc6455#section-7.1.7]', () => {
  it('a client that fails closes the connection and reports the problem [rfc6455#section-7.1.7-1]', () => {
    const c = open('client');
    const events = feed(c, hex('83 00'));
    expect(errorOf(events)).toEqual({ code: 'WS_ERR_INVALID_OPCODE', closeCode: 1002 });
    expect(c.shouldCloseTransport()).toBe(true);
    c.receiveEof();
    expect(c.events()).toEqual([{ type: 'closed', code: 1006, reason: '', wasClean: false }]);
    expect(c.state).toBe(State.CLOSED);
  });

  it('a server that fails closes the connection and reports the problem for its log [rfc6455#section-7.1.7-1]', () => {
    const s = open('server');
    const events = feed(s, hex('81 05 48 65 6c 6c 6f'));
    const error = events.find((event) => event.type === 'error');
    expect(error?.type === 'error' && error.error.message).toMatch(/not masked/);
    expect(s.shouldCloseTransport()).toBe(true);
    expect(sent(s).startsWith('88')).toBe(true);
  });
});

describe("The client's failures [rfc6455#section-7.2.1]", () => {
  it('a client fails the connection when the opening handshake goes wrong: it reports it, closes the transport, and ends with 1006 [rfc6455#section-7.2.1-1, rfc6455#section-4.1-9]', async () => {
    const c = new ClientConnection(await createClientHandshake('ws://server.example.com/chat'));
    c.dataToSend();
    c.receiveData(ascii('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: wrong\r\n\r\n'));
    expect(c.events()).toMatchObject([{ type: 'error', error: { code: 'WS_ERR_INVALID_ACCEPT' } }]);
    expect(c.shouldCloseTransport()).toBe(true);
    // Anything more from the server is ignored.
    c.receiveData(hex('81 01 41'));
    expect(c.events()).toEqual([]);
    c.receiveEof();
    expect(c.events()).toEqual([{ type: 'closed', code: 1006, reason: '', wasClean: false }]);
  });

  it('a client whose transport is lost without a closing handshake fails: CLOSED with 1006, not clean, in any state [rfc6455#section-7.2.1-2, rfc6455#section-7.1.5-1]', async () => {
    const opening = new ClientConnection(await createClientHandshake('ws://server.example.com/chat'));
    opening.dataToSend();
    opening.receiveEof();
    expect(opening.events().map((e) => e.type)).toEqual(['error', 'closed']);
    expect(opening.state).toBe(State.CLOSED);

    const busy = open('client');
    feed(busy, hex('01 02 48 65'));
    busy.receiveEof();
    expect(busy.events()).toEqual([{ type: 'closed', code: 1006, reason: '', wasClean: false }]);
    expect(busy.state).toBe(State.CLOSED);
    expect(() => busy.sendText('after')).toThrow();

    const closing = open('client');
    closing.close(1000);
    closing.receiveEof();
    expect(closing.events()).toEqual([{ type: 'closed', code: 1006, reason: '', wasClean: false }]);
  });
});

describe("The server's abort [rfc6455#section-7.2.2]", () => {
  it('a server aborts a bad opening handshake: the refusal is queued, the connection never opens, and the transport is to be closed [rfc6455#section-7.2.2-1]', () => {
    const s = new ServerConnection();
    s.receiveData(ascii(`${[...REQUEST.slice(0, -1)].join('\r\n')}\r\n\r\n`));
    expect(latin1(s.dataToSend()[0]!).split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(s.shouldCloseTransport()).toBe(true);
    expect(s.state).toBe(State.CONNECTING);
    // Frames sent anyway are not read.
    s.receiveData(frame(Opcode.Text, text('hi'), true));
    expect(s.events().map((e) => e.type)).toEqual(['error']);
    s.receiveEof();
    expect(s.state).toBe(State.CLOSED);
  });

  it('an application that refuses a valid handshake aborts it the same way [rfc6455#section-7.2.2-1]', async () => {
    const s = new ServerConnection();
    s.receiveData(ascii(`${REQUEST.join('\r\n')}\r\n\r\n`));
    expect(s.events().map((e) => e.type)).toEqual(['request']);
    s.reject({ version: 'HTTP/1.1', status: 403, reason: 'Forbidden', headers: [['Content-Length', '0']], body: new Uint8Array(0) });
    expect(latin1(s.dataToSend()[0]!).split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
    expect(s.shouldCloseTransport()).toBe(true);
    await expect(s.accept()).rejects.toThrow();
  });
});
