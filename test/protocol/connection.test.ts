import { describe, expect, it } from 'vitest';
import { Connection, encodeFrame, Opcode, State, UsageError } from '../../src/protocol/index.ts';
import type { Frame } from '../../src/protocol/index.ts';
import { concatBytes, errorOf, feed, hex, open, RFC_MASK, sent, text } from './helpers.ts';

const frame = (opcode: number, payload: Uint8Array, fin = true): Frame => ({ fin, rsv1: false, rsv2: false, rsv3: false, opcode, payload });
/** A frame as a client sends it (masked with the RFC's key), for a server to read. */
const fromClient = (opcode: number, payload: Uint8Array | string, fin = true) =>
  encodeFrame(frame(opcode, typeof payload === 'string' ? text(payload) : payload, fin), RFC_MASK);
/** A frame as a server sends it, for a client to read. */
const fromServer = (opcode: number, payload: Uint8Array | string, fin = true) =>
  encodeFrame(frame(opcode, typeof payload === 'string' ? text(payload) : payload, fin));
const closeBody = (code: number, reason = '') => concatBytes(new Uint8Array([code >> 8, code & 0xff]), text(reason));

describe('Receiving data [rfc6455#section-6.2-1]', () => {
  it('a server reads the masked text message "Hello" [rfc6455#section-5.7-1.2.2.1]', () => {
    expect(feed(open('server'), hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'))).toEqual([{ type: 'text', data: 'Hello' }]);
  });

  it('a client reads the unmasked text message "Hello" [rfc6455#section-5.7-1.1.2.1]', () => {
    expect(feed(open('client'), hex('81 05 48 65 6c 6c 6f'))).toEqual([{ type: 'text', data: 'Hello' }]);
  });

  it('delivers binary and empty messages as they came', () => {
    const c = open('client');
    expect(feed(c, concatBytes(fromServer(Opcode.Binary, hex('00 ff 10')), fromServer(Opcode.Text, ''), fromServer(Opcode.Binary, '')))).toEqual([
      { type: 'binary', data: hex('00 ff 10') },
      { type: 'text', data: '' },
      { type: 'binary', data: new Uint8Array(0) },
    ]);
  });

  it('a server fails an unmasked frame with a Close frame of 1002 [rfc6455#section-5.1-1]', () => {
    const s = open('server');
    const events = feed(s, hex('81 05 48 65 6c 6c 6f'));
    expect(errorOf(events)).toEqual({ code: 'WS_ERR_EXPECTED_MASK', closeCode: 1002 });
    expect(sent(s).startsWith('88')).toBe(true);
    expect(sent(s)).toBe('');
    expect(s.shouldCloseTransport()).toBe(true);
  });

  it('a client fails a masked frame with 1002 [rfc6455#section-5.1-1]', () => {
    const c = open('client');
    expect(errorOf(feed(c, hex('81 85 37 fa 21 3d 7f 9f 4d 51 58')))).toEqual({ code: 'WS_ERR_UNEXPECTED_MASK', closeCode: 1002 });
  });
});

describe('Fragmentation [rfc6455#section-5.4]', () => {
  it('reassembles "Hel" + "lo" into one text message [rfc6455#section-5.4-5.2.1, rfc6455#section-5.7-1.3.2.1]', () => {
    const c = open('client');
    expect(feed(c, hex('01 03 48 65 6c'))).toEqual([]);
    expect(feed(c, hex('80 02 6c 6f'))).toEqual([{ type: 'text', data: 'Hello' }]);
  });

  it('reassembles a binary message from three fragments [rfc6455#section-5.4-5.2.2, rfc6455#section-5.4-5.8]', () => {
    const s = open('server');
    const events = feed(
      s,
      concatBytes(fromClient(Opcode.Binary, hex('01'), false), fromClient(Opcode.Continuation, hex('02 03'), false), fromClient(Opcode.Continuation, hex('04'))),
    );
    expect(events).toEqual([{ type: 'binary', data: hex('01 02 03 04') }]);
  });

  it('answers a Ping between fragments and then completes the message [rfc6455#section-5.4-5.3, rfc6455#section-5.4-5.6]', () => {
    const s = open('server');
    const events = feed(s, concatBytes(fromClient(Opcode.Text, 'Hel', false), fromClient(Opcode.Ping, 'Hello'), fromClient(Opcode.Continuation, 'lo')));
    expect(events).toEqual([
      { type: 'ping', data: text('Hello') },
      { type: 'text', data: 'Hello' },
    ]);
    expect(sent(s)).toBe('8a 05 48 65 6c 6c 6f');
  });

  it('fails with 1002 on a continuation frame without a message to continue [rfc6455#section-5.4-5.2.1]', () => {
    expect(errorOf(feed(open('client'), hex('80 02 6c 6f')))).toEqual({ code: 'WS_ERR_UNEXPECTED_CONTINUATION', closeCode: 1002 });
  });

  it('fails with 1002 on a text frame inside a fragmented message [rfc6455#section-5.4-5.5]', () => {
    const c = open('client');
    feed(c, hex('01 03 48 65 6c'));
    expect(errorOf(feed(c, hex('81 02 6c 6f')))).toEqual({ code: 'WS_ERR_EXPECTED_CONTINUATION', closeCode: 1002 });
  });

  it('sends a fragmented message with a Ping in between, masked with fresh keys [rfc6455#section-5.4-5.3, rfc6455#section-6.1-2.4]', () => {
    const c = open('client');
    c.sendText('Hel', false);
    c.sendPing(text('Hello'));
    c.sendContinuation('lo', true);
    expect(sent(c)).toBe('01 83 37 fa 21 3d 7f 9f 4d 89 85 37 fa 21 3d 7f 9f 4d 51 58 80 82 37 fa 21 3d 5b 95');
  });

  it('refuses to start a message while a fragmented one is being sent [rfc6455#section-5.4-5.5]', () => {
    const s = open('server');
    s.sendBinary(hex('01'), false);
    expect(() => s.sendText('x')).toThrow(UsageError);
    expect(() => open('server').sendContinuation(hex('01'), true)).toThrow(UsageError);
  });
});

describe('Ping and Pong [rfc6455#section-5.5.2, rfc6455#section-5.5.3]', () => {
  it('a client answers the Ping "Hello" with the masked Pong of the RFC example [rfc6455#section-5.5.2-3, rfc6455#section-5.5.3-3, rfc6455#section-5.7-1.4.2.2]', () => {
    const c = open('client');
    expect(feed(c, hex('89 05 48 65 6c 6c 6f'))).toEqual([{ type: 'ping', data: text('Hello') }]);
    expect(sent(c)).toBe('8a 85 37 fa 21 3d 7f 9f 4d 51 58');
  });

  it('a server answers an empty Ping with an empty Pong [rfc6455#section-5.5.2-3]', () => {
    const s = open('server');
    feed(s, fromClient(Opcode.Ping, ''));
    expect(sent(s)).toBe('8a 00');
  });

  it('reports an unsolicited Pong and sends nothing [rfc6455#section-5.5.3-5]', () => {
    const c = open('client');
    expect(feed(c, hex('8a 01 2a'))).toEqual([{ type: 'pong', data: hex('2a') }]);
    expect(sent(c)).toBe('');
  });

  it('sends a Ping with application data and an unsolicited Pong, of up to 125 bytes [rfc6455#section-5.5.2-4, rfc6455#section-5.5.2-2, rfc6455#section-5.5-3]', () => {
    const s = open('server');
    s.sendPing(new Uint8Array(125));
    s.sendPong();
    expect(sent(s).startsWith('89 7d')).toBe(true);
    expect(() => s.sendPing(new Uint8Array(126))).toThrow(UsageError);
  });

  it('sends no Pong for a Ping that follows a Close frame [rfc6455#section-5.5.2-3]', () => {
    const s = open('server');
    feed(s, concatBytes(fromClient(Opcode.Close, closeBody(1000)), fromClient(Opcode.Ping, 'x')));
    expect(sent(s)).toBe('88 02 03 e8');
  });

  it('still answers a Ping after sending a Close frame, until one is received [rfc6455#section-5.5.2-3]', () => {
    const s = open('server');
    s.close(1000);
    sent(s);
    expect(feed(s, fromClient(Opcode.Ping, 'x'))).toEqual([{ type: 'ping', data: text('x') }]);
    expect(sent(s)).toBe('8a 01 78');
  });
});

describe('UTF-8 in text messages [rfc6455#section-8.1-1, rfc6455#section-5.6-3.1]', () => {
  it('fails with 1007 on invalid UTF-8 in a single-frame message', () => {
    const c = open('client');
    expect(errorOf(feed(c, hex('81 02 c3 28')))).toEqual({ code: 'WS_ERR_INVALID_UTF8', closeCode: 1007 });
    expect(sent(c).startsWith('88 8')).toBe(true);
  });

  it('accepts a code point split across fragments', () => {
    const c = open('client');
    // U+20AC EURO SIGN is e2 82 ac.
    expect(feed(c, hex('01 02 41 e2'))).toEqual([]);
    expect(feed(c, hex('00 01 82'))).toEqual([]);
    expect(feed(c, hex('80 02 ac 42'))).toEqual([{ type: 'text', data: 'A€B' }]);
  });

  it('fails with 1007 on the fragment that breaks UTF-8, before the message ends', () => {
    const c = open('client');
    expect(feed(c, hex('01 01 41'))).toEqual([]);
    // ed a0 80 would encode a surrogate: invalid from its second byte.
    expect(errorOf(feed(c, hex('00 02 ed a0')))).toEqual({ code: 'WS_ERR_INVALID_UTF8', closeCode: 1007 });
  });

  it('fails with 1007 on a message that ends inside a sequence', () => {
    const c = open('client');
    feed(c, hex('01 01 e2'));
    expect(errorOf(feed(c, hex('80 01 82')))).toEqual({ code: 'WS_ERR_INVALID_UTF8', closeCode: 1007 });
  });

  it('keeps a leading U+FEFF: a BOM is data in a text message', () => {
    expect(feed(open('client'), hex('81 04 ef bb bf 41'))).toEqual([{ type: 'text', data: '\ufeffA' }]);
  });

  it('does not validate binary messages', () => {
    expect(feed(open('client'), hex('82 02 c3 28'))).toEqual([{ type: 'binary', data: hex('c3 28') }]);
  });
});

describe('Closing handshake [rfc6455#section-5.5.1, rfc6455#section-7.1.2]', () => {
  it('close() sends the code and reason, and the connection is CLOSING [rfc6455#section-7.1.2-1, rfc6455#section-7.1.3-1]', () => {
    const s = open('server');
    s.close(1000, 'bye');
    expect(sent(s)).toBe('88 05 03 e8 62 79 65');
    expect(s.state).toBe(State.CLOSING);
    expect(s.closeExpected()).toBe(true);
    expect(s.shouldCloseTransport()).toBe(false);
  });

  it('a client masks its Close frame [rfc6455#section-5.5.1-3]', () => {
    const c = open('client');
    c.close(1001);
    expect(sent(c)).toBe('88 82 37 fa 21 3d 34 13');
  });

  it('close() without a code sends an empty body', () => {
    const s = open('server');
    s.close();
    expect(sent(s)).toBe('88 00');
  });

  it('a server echoes the code of a received Close frame, then closes the transport first [rfc6455#section-5.5.1-5, rfc6455#section-5.5.1-6]', () => {
    const s = open('server');
    expect(feed(s, fromClient(Opcode.Close, closeBody(4000, 'done')))).toEqual([{ type: 'close', code: 4000, reason: 'done' }]);
    expect(sent(s)).toBe('88 06 0f a0 64 6f 6e 65');
    expect(s.state).toBe(State.CLOSING);
    expect(s.shouldCloseTransport()).toBe(true);
    s.receiveEof();
    expect(s.events()).toEqual([{ type: 'closed', code: 4000, reason: 'done', wasClean: true }]);
    expect(s.state).toBe(State.CLOSED);
  });

  it('a client echoes the Close frame and waits for the server to close the transport [rfc6455#section-5.5.1-6, rfc6455#section-7.1.1-2]', () => {
    const c = open('client');
    feed(c, hex('88 02 03 e8'));
    expect(sent(c)).toBe('88 82 37 fa 21 3d 34 12');
    expect(c.shouldCloseTransport()).toBe(false);
    expect(c.closeExpected()).toBe(true);
  });

  it('completes the handshake it started when the reply arrives: closed cleanly [rfc6455#section-7.1.4-1]', () => {
    const c = open('client');
    c.close(1000, 'bye');
    sent(c);
    expect(feed(c, hex('88 02 03 e8'))).toEqual([{ type: 'close', code: 1000, reason: '' }]);
    expect(sent(c)).toBe('');
    c.receiveEof();
    expect(c.events()).toEqual([{ type: 'closed', code: 1000, reason: '', wasClean: true }]);
  });

  it('closes cleanly when both ends send Close at the same time [rfc6455#section-5.5.1-7]', () => {
    const s = open('server');
    s.close(1001);
    sent(s);
    feed(s, fromClient(Opcode.Close, closeBody(1000)));
    expect(sent(s)).toBe('');
    s.receiveEof();
    expect(s.events()).toEqual([{ type: 'closed', code: 1000, reason: '', wasClean: true }]);
  });

  it('reports 1005 for a Close frame without a body, and replies with an empty one [rfc6455#section-7.1.5-1]', () => {
    const c = open('client');
    expect(feed(c, hex('88 00'))).toEqual([{ type: 'close', code: 1005, reason: '' }]);
    expect(sent(c)).toBe('88 80 37 fa 21 3d');
  });

  it('reports 1006 and not clean when the transport closes without a Close frame [rfc6455#section-7.1.5-1, rfc6455#section-7.1.4-1]', () => {
    const c = open('client');
    feed(c, hex('01 01 41'));
    c.receiveEof();
    expect(c.events()).toEqual([{ type: 'closed', code: 1006, reason: '', wasClean: false }]);
    c.receiveEof();
    expect(c.events()).toEqual([]);
  });

  it('is not clean when the transport closes after our Close frame and before the reply', () => {
    const c = open('client');
    c.close(1000);
    c.receiveEof();
    expect(c.events()).toEqual([{ type: 'closed', code: 1006, reason: '', wasClean: false }]);
  });

  it('drops whatever follows a Close frame [rfc6455#section-7.1.1-1]', () => {
    const c = open('client');
    expect(feed(c, concatBytes(hex('88 00'), fromServer(Opcode.Text, 'late')))).toEqual([{ type: 'close', code: 1005, reason: '' }]);
    expect(feed(c, fromServer(Opcode.Text, 'later'))).toEqual([]);
  });

  it('keeps delivering messages after sending a Close frame, until the reply [rfc6455#section-5.5.1-5]', () => {
    const c = open('client');
    c.close(1000);
    expect(feed(c, fromServer(Opcode.Text, 'in flight'))).toEqual([{ type: 'text', data: 'in flight' }]);
  });

  it('refuses to send a data frame after a Close frame [rfc6455#section-5.5.1-4, rfc6455#section-6.1-2.1]', () => {
    const s = open('server');
    s.close(1000);
    expect(() => s.sendText('late')).toThrow(UsageError);
    s.close(1000);
    expect(sent(s)).toBe('88 02 03 e8');
  });

  it('fails with 1002 on a Close frame with a 1-byte body [rfc6455#section-5.5.1-2]', () => {
    expect(errorOf(feed(open('client'), hex('88 01 03')))).toEqual({ code: 'WS_ERR_INVALID_CLOSE_BODY', closeCode: 1002 });
  });

  for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535]) {
    it(`fails with 1002 on a Close frame with the code ${code} [rfc6455#section-7.4.1-2.6, rfc6455#section-7.4.1-2.7, rfc6455#section-7.4.1-2.13, rfc6455#section-7.4.2-1.1]`, () => {
      const c = open('client');
      expect(errorOf(feed(c, fromServer(Opcode.Close, closeBody(code))))).toEqual({ code: 'WS_ERR_INVALID_CLOSE_CODE', closeCode: 1002 });
      // 88 94: a masked Close frame of 20 bytes, 03 ea (1002) and "invalid close code".
      expect(sent(c).slice(0, 5)).toBe('88 94');
    });
  }

  it('fails with 1007 on a close reason that is not UTF-8 [rfc6455#section-8.1-1]', () => {
    expect(errorOf(feed(open('client'), hex('88 04 03 e8 c3 28')))).toEqual({ code: 'WS_ERR_INVALID_UTF8', closeCode: 1007 });
  });

  it('refuses to send 1005, 1006, 1015 or a reason over 123 bytes [rfc6455#section-7.4.1-2.6, rfc6455#section-7.4.1-2.7, rfc6455#section-7.4.1-2.13]', () => {
    for (const code of [1005, 1006, 1015, 999, 5000]) expect(() => open('server').close(code)).toThrow(UsageError);
    expect(() => open('server').close(1000, 'x'.repeat(124))).toThrow(UsageError);
    expect(() => open('server').close(1000, 'x'.repeat(123))).not.toThrow();
  });
});

describe('Fail the WebSocket Connection [rfc6455#section-7.1.7]', () => {
  it('sends one Close frame with the error code, stops processing input, and asks to close the transport [rfc6455#section-7.1.7-2]', () => {
    const c = open('client');
    const events = feed(c, concatBytes(hex('c1 00'), fromServer(Opcode.Text, 'ignored')));
    expect(events.map((e) => e.type)).toEqual(['error']);
    const bytes = sent(c);
    expect(bytes.slice(0, 2)).toBe('88');
    expect(c.state).toBe(State.CLOSING);
    expect(c.shouldCloseTransport()).toBe(true);
    // The peer's reply is not processed.
    expect(feed(c, hex('88 02 03 ea'))).toEqual([]);
    c.receiveEof();
    expect(c.events()).toEqual([{ type: 'closed', code: 1006, reason: '', wasClean: false }]);
  });

  it('fail() by the application sends the given code', () => {
    const s = open('server');
    s.fail(1008, 'policy');
    expect(sent(s)).toBe('88 08 03 f0 70 6f 6c 69 63 79');
    s.fail(1011);
    expect(sent(s)).toBe('');
  });

  it('fail() after our Close frame sends nothing more', () => {
    const s = open('server');
    s.close(1000);
    sent(s);
    s.fail(1002);
    expect(sent(s)).toBe('');
    expect(s.shouldCloseTransport()).toBe(true);
  });
});

describe('Limits [rfc6455#section-10.4-1]', () => {
  it('fails with 1009 on a frame above maxFrameSize, from its header', () => {
    const c = open('client', { maxFrameSize: 100 });
    expect(errorOf(feed(c, hex('82 65')))).toEqual({ code: 'WS_ERR_FRAME_TOO_BIG', closeCode: 1009 });
  });

  it('fails with 1009 on the fragment that takes a message above maxMessageSize, from its header', () => {
    const c = open('client', { maxMessageSize: 10 });
    expect(feed(c, fromServer(Opcode.Binary, new Uint8Array(6), false))).toEqual([]);
    expect(errorOf(feed(c, hex('80 05')))).toEqual({ code: 'WS_ERR_MESSAGE_TOO_BIG', closeCode: 1009 });
  });

  it('accepts a message of exactly maxMessageSize', () => {
    const c = open('client', { maxMessageSize: 10 });
    feed(c, fromServer(Opcode.Binary, new Uint8Array(6), false));
    expect(feed(c, fromServer(Opcode.Continuation, new Uint8Array(4)))).toEqual([{ type: 'binary', data: new Uint8Array(10) }]);
  });

  it('does not count control frames in the message size', () => {
    const c = open('client', { maxMessageSize: 10 });
    feed(c, fromServer(Opcode.Binary, new Uint8Array(10), false));
    expect(feed(c, fromServer(Opcode.Ping, new Uint8Array(50)))).toHaveLength(1);
  });
});

describe('Sending data [rfc6455#section-6.1]', () => {
  it('a server sends unmasked frames in the minimal length form [rfc6455#section-5.1-1, rfc6455#section-5.2-3.5]', () => {
    const s = open('server');
    s.sendText('Hello');
    s.sendBinary(new Uint8Array(126));
    expect(sent(s).slice(0, 32)).toBe('81 05 48 65 6c 6c 6f 82 7e 00 7e');
  });

  it('a server queues a large payload beside its header instead of copying it', () => {
    const s = open('server');
    const payload = new Uint8Array(65536);
    s.sendBinary(payload);
    const chunks = s.dataToSend();
    expect(chunks.map((c) => c.length)).toEqual([10, 65536]);
    expect(chunks[1]).toBe(payload);
  });

  it('a client masks every frame with a fresh key from the random source [rfc6455#section-5.3-3, rfc6455#section-10.3-4]', () => {
    let calls = 0;
    const c = new Connection('client', {
      random: (bytes) => {
        calls++;
        for (let i = 0; i < bytes.length; i++) bytes[i] = i & 0xff;
      },
    });
    c.sendBinary(hex('00 00 00 00'));
    c.sendBinary(hex('00 00 00 00'));
    const [a, b] = c.dataToSend();
    // Unmasked zeros show each frame's key: consecutive, distinct keys from one draw.
    expect(toKey(a!)).toEqual(['00 01 02 03', '00 01 02 03']);
    expect(toKey(b!)).toEqual(['04 05 06 07', '04 05 06 07']);
    expect(calls).toBe(1);
  });

  it('a client does not modify the bytes it sends [rfc6455#section-10.3-5]', () => {
    const c = open('client');
    const payload = hex('01 02 03 04 05');
    c.sendBinary(payload);
    expect(payload).toEqual(hex('01 02 03 04 05'));
  });

  it('sends nothing but refuses data and control frames when not OPEN [rfc6455#section-6.1-2.1]', () => {
    const c = open('client');
    c.receiveEof();
    expect(() => c.sendText('x')).toThrow(UsageError);
    expect(() => c.sendPing()).toThrow(UsageError);
    expect(sent(c)).toBe('');
  });
});

function toKey(bytes: Uint8Array): string[] {
  const hexes = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
  return [hexes.slice(2, 6).join(' '), hexes.slice(6, 10).join(' ')];
}
