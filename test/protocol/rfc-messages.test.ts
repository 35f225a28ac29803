/**
 * Sending and receiving messages (RFC 6455 §5.1, §5.3, §5.4, §5.5.2, §6.1),
 * clause by clause, sans I/O: frames are read back with a FrameReader so
 * that each header bit the RFC names is checked, not only the bytes.
 */
import { describe, expect, it } from 'vitest';
import { ClientConnection, Connection, createClientHandshake, FrameReader, Opcode, State, UsageError } from '../../src/protocol/index.ts';
import type { ConnectionEvent, Frame, Role } from '../../src/protocol/index.ts';
import { concatBytes, feed, open, text } from './helpers.ts';

/** Every frame `from` queued, parsed as its peer parses them. */
function framesSent(from: Connection): Frame[] {
  const reader = new FrameReader({ peer: from.role, maxFrameSize: 1 << 24 });
  for (const chunk of from.dataToSend()) reader.push(chunk.slice());
  const frames: Frame[] = [];
  for (let frame = reader.readFrame(); frame !== null; frame = reader.readFrame()) frames.push(frame);
  return frames;
}

/** The raw bytes `from` queued, as one array. */
const bytesSent = (from: Connection) => concatBytes(...from.dataToSend());

/** Passes everything `from` queued to `to`, cut into chunks of `chunk` bytes, and returns `to`'s events. */
function deliver(from: Connection, to: Connection, chunk = Infinity): ConnectionEvent[] {
  const bytes = bytesSent(from);
  for (let i = 0; i < bytes.length; i += Math.min(chunk, bytes.length)) to.receiveData(bytes.slice(i, i + chunk));
  return to.events();
}

const pair = (): [Connection, Connection] => [open('client'), open('server')];
const brief = (frame: Frame) => ({ fin: frame.fin, opcode: frame.opcode, size: frame.payload.length });

describe('Sending a message [rfc6455#section-6.1]', () => {
  for (const role of ['client', 'server'] as Role[]) {
    it(`a ${role} sends a text and a binary message each as one frame: the opcode of its type, FIN set, the application data alone as payload [rfc6455#section-6.1-1, rfc6455#section-6.1-2.2, rfc6455#section-6.1-2.3, rfc6455#section-6.1-2.4, rfc6455#section-5.2-3.1, rfc6455#section-5.2-3.8]`, () => {
      const c = open(role);
      c.sendText('Hello');
      c.sendBinary(new Uint8Array([1, 2, 3]));
      const frames = framesSent(c);
      expect(frames.map(brief)).toEqual([
        { fin: true, opcode: Opcode.Text, size: 5 },
        { fin: true, opcode: Opcode.Binary, size: 3 },
      ]);
      // No extension data: the payload is exactly the application data.
      expect(frames[0]!.payload).toEqual(text('Hello'));
      expect(frames[1]!.payload).toEqual(new Uint8Array([1, 2, 3]));
    });
  }

  it('sends a message in fragments of any size, empty ones included: the type in the first, 0 after, FIN on the last only [rfc6455#section-5.4-5.7, rfc6455#section-6.1-2.2, rfc6455#section-6.1-2.3, rfc6455#section-6.1-2.4]', () => {
    const s = open('server');
    s.sendBinary(new Uint8Array(0), false);
    s.sendContinuation(new Uint8Array(70_000), false);
    s.sendContinuation(new Uint8Array(1), false);
    s.sendContinuation(new Uint8Array(0), true);
    expect(framesSent(s).map(brief)).toEqual([
      { fin: false, opcode: Opcode.Binary, size: 0 },
      { fin: false, opcode: Opcode.Continuation, size: 70_000 },
      { fin: false, opcode: Opcode.Continuation, size: 1 },
      { fin: true, opcode: Opcode.Continuation, size: 0 },
    ]);
  });

  it('a client masks every frame it sends, setting the mask bit to 1; a server never does [rfc6455#section-5.3-1, rfc6455#section-6.1-2.5]', () => {
    const [c, s] = pair();
    for (const endpoint of [c, s]) {
      endpoint.sendText('a');
      endpoint.sendBinary(new Uint8Array(200), false);
      endpoint.sendContinuation(new Uint8Array(70_000), true);
      endpoint.sendPing(text('p'));
      endpoint.close(1000);
    }
    const maskBits = (bytes: Uint8Array) => {
      const bits: number[] = [];
      for (let i = 0; i < bytes.length; ) {
        const b1 = bytes[i + 1]!;
        const length7 = b1 & 0x7f;
        const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
        let length = length7;
        if (extended > 0) length = Number([...bytes.subarray(i + 2, i + 2 + extended)].reduce((n, b) => n * 256n + BigInt(b), 0n));
        bits.push(b1 >> 7);
        i += 2 + extended + (b1 & 0x80 ? 4 : 0) + length;
      }
      return bits;
    };
    expect(maskBits(bytesSent(c))).toEqual([1, 1, 1, 1, 1]);
    expect(maskBits(bytesSent(s))).toEqual([0, 0, 0, 0, 0]);
  });

  it('only queues what it sends, in order: the caller transmits it when it chooses [rfc6455#section-2.1-10, rfc6455#section-5.4-5.4]', () => {
    const s = open('server');
    s.sendText('one', false);
    s.sendPing(text('between'));
    s.sendContinuation('two', false);
    s.sendContinuation('three', true);
    // Nothing has left: all four frames wait, in the order they were formed.
    const frames = framesSent(s);
    expect(frames.map((f) => new TextDecoder().decode(f.payload))).toEqual(['one', 'between', 'two', 'three']);
    expect(s.dataToSend()).toEqual([]);
  });

  it('sends data frames at any time after the opening handshake and before its own Close frame, not before, not after [rfc6455#section-5.1-3, rfc6455#section-5.5.1-4]', async () => {
    const c = new ClientConnection(await createClientHandshake('ws://example.com/'));
    expect(c.state).toBe(State.CONNECTING);
    expect(() => c.sendText('too early')).toThrow(UsageError);
    const s = open('server');
    s.sendText('open');
    s.close(1000);
    expect(() => s.sendText('too late')).toThrow(UsageError);
    expect(() => s.sendBinary(new Uint8Array(1))).toThrow(UsageError);
    expect(framesSent(s).map((f) => f.opcode)).toEqual([Opcode.Text, Opcode.Close]);
  });

  it('a Ping may carry application data, which comes back in the Pong [rfc6455#section-5.5.2-2, rfc6455#section-5.5.3-3]', () => {
    const [c, s] = pair();
    c.sendPing(text('are you there?'));
    expect(deliver(c, s)).toEqual([{ type: 'ping', data: text('are you there?') }]);
    expect(deliver(s, c)).toEqual([{ type: 'pong', data: text('are you there?') }]);
    c.sendPing();
    expect(deliver(c, s)).toEqual([{ type: 'ping', data: new Uint8Array(0) }]);
  });
});

describe('Receiving messages [rfc6455#section-5.4]', () => {
  it('receives fragmented and unfragmented messages alike, in both roles [rfc6455#section-5.4-5.8]', () => {
    for (const [from, to] of [pair(), pair().reverse() as [Connection, Connection]]) {
      from.sendText('whole');
      from.sendText('in ', false);
      from.sendContinuation('three ', false);
      from.sendContinuation('parts', true);
      from.sendBinary(new Uint8Array([1, 2]));
      from.sendBinary(new Uint8Array([3]), false);
      from.sendContinuation(new Uint8Array([4]), true);
      expect(deliver(from, to)).toEqual([
        { type: 'text', data: 'whole' },
        { type: 'text', data: 'in three parts' },
        { type: 'binary', data: new Uint8Array([1, 2]) },
        { type: 'binary', data: new Uint8Array([3, 4]) },
      ]);
    }
  });

  it('delivers the fragments of a message in the order they were sent, however the bytes are cut [rfc6455#section-5.4-5.4]', () => {
    const parts = Array.from({ length: 20 }, (_, i) => `<${i}>`);
    for (const chunk of [1, 2, 3, 7, 64, Infinity]) {
      const [c, s] = pair();
      c.sendText(parts[0]!, false);
      for (const part of parts.slice(1, -1)) c.sendContinuation(part, false);
      c.sendContinuation(parts.at(-1)!, true);
      expect(deliver(c, s, chunk)).toEqual([{ type: 'text', data: parts.join('') }]);
    }
  });

  it('handles Ping, Pong and Close frames in the middle of a fragmented message [rfc6455#section-5.4-5.6, rfc6455#section-5.4-5.3]', () => {
    const [c, s] = pair();
    c.sendText('Hel', false);
    c.sendPing(text('ping'));
    c.sendPong(text('pong'));
    c.sendContinuation('lo', true);
    expect(deliver(c, s)).toEqual([
      { type: 'ping', data: text('ping') },
      { type: 'pong', data: text('pong') },
      { type: 'text', data: 'Hello' },
    ]);
    // A Close frame in the middle ends the connection: the partial message is never delivered.
    c.sendBinary(new Uint8Array([1]), false);
    c.close(1001);
    expect(deliver(c, s)).toEqual([{ type: 'close', code: 1001, reason: '' }]);
  });

  it('gives every fragment the type of the first: a new text or binary frame inside a message fails the connection with 1002 [rfc6455#section-5.4-5.12]', () => {
    // The binary first fragment makes the message binary, though its continuation holds text bytes.
    const s = open('server');
    const c = open('client');
    c.sendBinary(text('he'), false);
    c.sendContinuation('llo', true);
    expect(deliver(c, s)).toEqual([{ type: 'binary', data: text('hello') }]);
    for (const opcode of [Opcode.Text, Opcode.Binary]) {
      const server = open('server');
      // 0x01/0x02 without FIN, then another data frame where a continuation must come.
      const first = new Uint8Array([0x01, 0x80, 0, 0, 0, 0]);
      const intruder = new Uint8Array([0x80 | opcode, 0x80, 0, 0, 0, 0]);
      const events = feed(server, concatBytes(first, intruder));
      expect(events[0]).toMatchObject({ type: 'error', error: { code: 'WS_ERR_EXPECTED_CONTINUATION', closeCode: 1002 } });
    }
  });
});
