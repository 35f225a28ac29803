/**
 * Delivery in wire order, limits on counts, and the extension hook of the
 * sans-I/O connection (issue 11 §1, §2, §7).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Connection, encodeFrame, FrameReader, Opcode, ProtocolError, State } from '../../src/protocol/index.ts';
import type { ConnectionEvent, MessageExtension } from '../../src/protocol/index.ts';
import { concatBytes, errorOf, fixedRandom, open, RFC_MASK, sent, text, toHex } from './helpers.ts';

/** A client frame (masked with the RFC's key). */
function clientFrame(opcode: number, payload: Uint8Array, fin = true, rsv1 = false): Uint8Array {
  return encodeFrame({ fin, rsv1, rsv2: false, rsv3: false, opcode, payload }, RFC_MASK);
}

const CLOSE_1000 = clientFrame(Opcode.Close, new Uint8Array([0x03, 0xe8]));

/** Takes the events one at a time, as the adapters do, running `onEvent` for each before the next is read. */
function drain(connection: Connection, onEvent: (event: ConnectionEvent) => void = () => {}): ConnectionEvent[] {
  const events: ConnectionEvent[] = [];
  for (let event = connection.nextEvent(); event !== null; event = connection.nextEvent()) {
    events.push(event);
    onEvent(event);
  }
  return events;
}

describe('Each message reaches the application before the next frame acts [rfc6455#section-6.2-1]', () => {
  it('lets a reply to a message go out before the reply to a Close that followed it in the same read [rfc6455#section-5.5.1-5]', () => {
    const server = open('server');
    server.receiveData(concatBytes(clientFrame(Opcode.Text, text('Hi')), CLOSE_1000));
    // The Close is not read yet: the message is pending.
    expect(server.state).toBe(State.OPEN);
    const events = drain(server, (event) => {
      if (event.type === 'text') {
        expect(server.state).toBe(State.OPEN);
        server.sendText(event.data);
      }
    });
    expect(events.map((e) => e.type)).toEqual(['text', 'close']);
    // The echo (81 02 "Hi"), then the Close reply (88 02 03 e8).
    expect(sent(server)).toBe('81 02 48 69 88 02 03 e8');
    expect(server.state).toBe(State.CLOSING);
  });

  it('delivers a message before failing on an invalid frame after it [rfc6455#section-7.1.7-2]', () => {
    const server = open('server');
    // A text message, then an unmasked frame (a client MUST mask).
    server.receiveData(concatBytes(clientFrame(Opcode.Text, text('ok')), new Uint8Array([0x81, 0x00])));
    const events = drain(server, (event) => {
      if (event.type === 'text') server.sendText(event.data);
    });
    expect(events.map((e) => e.type)).toEqual(['text', 'error']);
    expect(errorOf(events)?.closeCode).toBe(1002);
    expect(sent(server).startsWith('81 02 6f 6b 88')).toBe(true);
  });

  it('reads the frames before the end of the transport before it reports the closure [rfc6455#section-7.1.5-1]', () => {
    const client = open('client');
    client.receiveData(new Uint8Array([0x81, 0x01, 0x61, 0x82, 0x01, 0x62]));
    client.receiveEof();
    expect(drain(client).map((e) => e.type)).toEqual(['text', 'binary', 'closed']);
    expect(client.state).toBe(State.CLOSED);
  });

  it('gives the same events one at a time as all at once, however the bytes are split [rfc6455#section-5.4-5.4]', () => {
    const frame = fc.oneof(
      fc.string({ maxLength: 20 }).map((s) => clientFrame(Opcode.Text, text(s))),
      fc.uint8Array({ maxLength: 40 }).map((b) => clientFrame(Opcode.Binary, b)),
      fc.uint8Array({ maxLength: 10 }).map((b) => clientFrame(Opcode.Ping, b)),
      fc.constant(concatBytes(clientFrame(Opcode.Text, text('a'), false), clientFrame(Opcode.Continuation, new Uint8Array(0), false), clientFrame(Opcode.Continuation, text('b')))),
    );
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 8 }), fc.array(fc.nat(200), { maxLength: 6 }), (frames, cuts) => {
        const bytes = concatBytes(...frames, CLOSE_1000);
        const reference = open('server');
        reference.receiveData(bytes.slice());
        const expected = reference.events().map(summary);
        const split = open('server');
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const events: ConnectionEvent[] = [];
        let from = 0;
        for (const to of [...points, bytes.length]) {
          split.receiveData(bytes.slice(from, to));
          from = to;
          events.push(...drain(split));
        }
        expect(events.map(summary)).toEqual(expected);
        expect(toHex(concatBytes(...split.dataToSend()))).toBe(toHex(concatBytes(...reference.dataToSend())));
      }),
      { numRuns: 200 },
    );
  });
});

function summary(event: ConnectionEvent): string {
  switch (event.type) {
    case 'text':
      return `text:${event.data}`;
    case 'binary':
    case 'ping':
    case 'pong':
      return `${event.type}:${toHex(event.data)}`;
    default:
      return event.type;
  }
}

describe('Limits that are counts, not only sizes [rfc6455#section-10.4-1]', () => {
  it('fails a message of more fragments than allowed with 1008 [rfc6455#section-7.4.1-2.9]', () => {
    const server = open('server', { maxFragments: 100 });
    const empty = clientFrame(Opcode.Continuation, new Uint8Array(0), false);
    const parts = [clientFrame(Opcode.Text, new Uint8Array(0), false)];
    for (let i = 0; i < 100; i++) parts.push(empty);
    server.receiveData(concatBytes(...parts));
    const error = errorOf(server.events());
    expect(error).toEqual({ code: 'WS_ERR_TOO_MANY_FRAGMENTS', closeCode: 1008 });
    // Close frame 1008 sent.
    expect(sent(server).startsWith('88')).toBe(true);
  });

  it('accepts a message of exactly the limit of fragments, empty ones included [rfc6455#section-5.4-5.7]', () => {
    const server = open('server', { maxFragments: 100 });
    const parts = [clientFrame(Opcode.Text, text('a'), false)];
    for (let i = 0; i < 98; i++) parts.push(clientFrame(Opcode.Continuation, new Uint8Array(0), false));
    parts.push(clientFrame(Opcode.Continuation, text('b'), true));
    server.receiveData(concatBytes(...parts));
    expect(server.events()).toEqual([{ type: 'text', data: 'ab' }]);
  });

  it('holds a bounded number of chunks when a frame arrives one byte per read', () => {
    const reader = new FrameReader({ peer: 'client', maxFrameSize: 1 << 20 });
    for (let i = 0; i < 100_000; i++) reader.push(new Uint8Array([i & 0xff]));
    expect(reader.bufferedAmount).toBe(100_000);
    // Small chunks are copied together: at most two chunks per KiB held, not one per byte.
    expect(reader.chunkCount).toBeLessThanOrEqual(Math.ceil((100_000 / 1024) * 2) + 1);
  });

  it('reads the same bytes whatever mix of small and large chunks they came in [rfc6455#section-5.2]', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 6000 }), fc.array(fc.integer({ min: 1, max: 2000 }), { maxLength: 30 }), (payload, sizes) => {
        const frame = encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: Opcode.Binary, payload }, null);
        const reader = new FrameReader({ peer: 'server', maxFrameSize: 1 << 20 });
        let offset = 0;
        let i = 0;
        while (offset < frame.length) {
          const size = sizes.length === 0 ? frame.length : sizes[i++ % sizes.length]!;
          reader.push(frame.slice(offset, offset + size));
          offset += size;
        }
        expect(toHex(reader.readFrame()!.payload)).toBe(toHex(payload));
      }),
      { numRuns: 200 },
    );
  });
});

/** A toy extension for the hook: its encoded form is the payload reversed, marked by RSV1. */
function reversing(log: string[] = []): MessageExtension {
  return {
    name: 'x-reverse',
    rsvBits: 0x40,
    decode(payload, fin, limit) {
      log.push(`decode ${payload.length} ${fin}`);
      if (payload.length > limit) throw new ProtocolError('WS_ERR_MESSAGE_TOO_BIG');
      return payload.slice().reverse();
    },
    encode(payload, first, fin) {
      log.push(`encode ${first} ${fin}`);
      return { payload: payload.slice().reverse(), encoded: true };
    },
  };
}

describe('A negotiated extension plugs into the frames [rfc6455#section-9.1-7]', () => {
  it('refuses RSV1 without an extension in use, with 1002 [rfc6455#section-5.2-3.2]', () => {
    const server = open('server');
    server.receiveData(clientFrame(Opcode.Text, text('ab'), true, true));
    expect(errorOf(server.events())?.closeCode).toBe(1002);
  });

  it('decodes each frame of a message whose first frame has the extension\'s RSV bit [rfc6455#section-5.2-3.2]', () => {
    const log: string[] = [];
    const server = open('server');
    server.useExtensions([reversing(log)]);
    server.receiveData(concatBytes(clientFrame(Opcode.Text, text('ba'), false, true), clientFrame(Opcode.Continuation, text('dc'), true)));
    expect(server.events()).toEqual([{ type: 'text', data: 'abcd' }]);
    expect(log).toEqual(['decode 2 false', 'decode 2 true']);
    // Without RSV1 the message is not decoded.
    server.receiveData(clientFrame(Opcode.Text, text('xy')));
    expect(server.events()).toEqual([{ type: 'text', data: 'xy' }]);
  });

  it('fails RSV1 on a continuation or control frame even with the extension in use [rfc6455#section-5.2-3.2]', () => {
    const server = open('server');
    server.useExtensions([reversing()]);
    server.receiveData(concatBytes(clientFrame(Opcode.Text, text('a'), false), clientFrame(Opcode.Continuation, text('b'), true, true)));
    expect(errorOf(server.events())).toEqual({ code: 'WS_ERR_UNEXPECTED_RSV', closeCode: 1002 });
  });

  it('lets the extension refuse a decoded message over the limit with 1009 [rfc6455#section-7.4.1-2.10]', () => {
    const server = open('server', { maxMessageSize: 3 });
    server.useExtensions([{ ...reversing(), decode: (_payload, _fin, limit) => {
      throw new ProtocolError('WS_ERR_MESSAGE_TOO_BIG', `limit ${limit}`);
    } }]);
    server.receiveData(clientFrame(Opcode.Binary, new Uint8Array([1]), true, true));
    expect(errorOf(server.events())).toEqual({ code: 'WS_ERR_MESSAGE_TOO_BIG', closeCode: 1009 });
  });

  it('encodes what is sent and sets RSV1 on the first frame only [rfc6455#section-5.2-3.2]', () => {
    const log: string[] = [];
    const server = open('server');
    server.useExtensions([reversing(log)]);
    server.sendText('ab', false);
    server.sendContinuation('cd', true);
    // c1 (FIN+RSV1+text) "ba", then 80 (FIN, continuation) "dc"; the first frame has no FIN: 41.
    expect(sent(server)).toBe('41 02 62 61 80 02 64 63');
    expect(log).toEqual(['encode true false', 'encode false true']);
    server.sendPing(text('p'));
    expect(sent(server)).toBe('89 01 70');
  });

  it('masks after encoding on a client [rfc6455#section-5.3-2]', () => {
    const client = new Connection('client', { random: fixedRandom() });
    client.useExtensions([reversing()]);
    client.sendBinary(new Uint8Array([1, 2]));
    const reader = new FrameReader({ peer: 'client', maxFrameSize: 100 });
    reader.allowRsv(0x40);
    reader.push(concatBytes(...client.dataToSend()));
    const frame = reader.readFrame()!;
    expect(frame.rsv1).toBe(true);
    expect(toHex(frame.payload)).toBe('02 01');
  });
});
