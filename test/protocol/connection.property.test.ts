import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Connection, encodeFrame, FrameReader, Opcode, State } from '../../src/protocol/index.ts';
import type { ConnectionEvent, Frame, Role } from '../../src/protocol/index.ts';
import { concatBytes, fixedRandom } from './helpers.ts';

const LIMITS = { maxMessageSize: 4096, maxFrameSize: 2048 };

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= start || cut >= bytes.length) continue;
    chunks.push(bytes.slice(start, cut));
    start = cut;
  }
  chunks.push(bytes.slice(start));
  return chunks;
}

/** Feeds the chunks one by one, checking the memory bound after each; returns all events. */
function run(role: Role, chunks: Uint8Array[]): { events: ConnectionEvent[]; connection: Connection } {
  const connection = new Connection(role, { ...LIMITS, random: fixedRandom() });
  const events: ConnectionEvent[] = [];
  for (const chunk of chunks) {
    connection.receiveData(chunk);
    expect(connection.bufferedAmount).toBeLessThanOrEqual(14 + LIMITS.maxFrameSize + LIMITS.maxMessageSize);
    events.push(...connection.events());
  }
  connection.receiveEof();
  events.push(...connection.events());
  return { events, connection };
}

/** Frames a peer of `role` would receive: masked from a client, unmasked from a server. */
const frameBytes = (toRole: Role, frame: Frame) => encodeFrame(frame, toRole === 'server' ? new Uint8Array([1, 2, 3, 4]) : null);
const f = (opcode: number, payload: Uint8Array, fin = true): Frame => ({ fin, rsv1: false, rsv2: false, rsv3: false, opcode, payload });

/** A plausible stream: messages (some fragmented), pings, pongs, maybe a close. */
const stream = (toRole: Role) =>
  fc
    .array(
      fc.oneof(
        fc.tuple(fc.constantFrom(Opcode.Text, Opcode.Binary), fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 4 })).map(([opcode, parts]) =>
          parts.map((part, i) => f(i === 0 ? opcode : Opcode.Continuation, new TextEncoder().encode(part), i === parts.length - 1)),
        ),
        fc.uint8Array({ maxLength: 125 }).map((data) => [f(Opcode.Ping, data)]),
        fc.uint8Array({ maxLength: 125 }).map((data) => [f(Opcode.Pong, data)]),
      ),
      { maxLength: 8 },
    )
    .map((groups) => concatBytes(...groups.flat().map((frame) => frameBytes(toRole, frame))));

/** Any bytes at all, or a valid stream with some bytes overwritten: the inputs most likely to reach deep states. */
const anyInput = (toRole: Role) =>
  fc.oneof(
    fc.uint8Array({ maxLength: 600 }),
    fc
      .tuple(stream(toRole), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
      .map(([bytes, edits]) => {
        const out = bytes.slice();
        for (const [at, value] of edits) if (out.length > 0) out[at % out.length] = value;
        return out;
      }),
  );

const role = fc.constantFrom<Role>('client', 'server');

describe('Any byte stream, split anywhere [rfc6455#section-6.2-1, rfc6455#section-10.7-1]', () => {
  it('never throws, stays within its memory bound, and gives the same events whatever the chunking', () => {
    fc.assert(
      fc.property(
        role.chain((r) => fc.tuple(fc.constant(r), anyInput(r))),
        fc.array(fc.nat({ max: 700 }), { maxLength: 10 }),
        ([r, bytes], cuts) => {
          const whole = run(r, [bytes.slice()]).events;
          const pieces = run(r, split(bytes, cuts)).events;
          expect(pieces).toEqual(whole);
          expect(whole.at(-1)?.type).toBe('closed');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('delivers a valid stream completely and answers every Ping [rfc6455#section-5.5.2-3]', () => {
    fc.assert(
      fc.property(
        role.chain((r) => fc.tuple(fc.constant(r), stream(r))),
        fc.array(fc.nat({ max: 2000 }), { maxLength: 10 }),
        ([r, bytes], cuts) => {
          const { events, connection } = run(r, split(bytes, cuts));
          expect(events.some((e) => e.type === 'error')).toBe(false);
          const pings = events.filter((e) => e.type === 'ping').length;
          const reader = new FrameReader({ peer: r, maxFrameSize: 1 << 20 });
          for (const chunk of connection.dataToSend()) reader.push(chunk);
          let pongs = 0;
          for (let frame = reader.readFrame(); frame !== null; frame = reader.readFrame()) if (frame.opcode === Opcode.Pong) pongs++;
          expect(pongs).toBe(pings);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** One violation and the close code the RFC names for it (§7.4.1), as a frame a server receives. */
const violations: Array<[string, Uint8Array, number]> = [
  ['RSV1 set', new Uint8Array([0xc1, 0x80, 1, 2, 3, 4]), 1002],
  ['reserved opcode 0x3', new Uint8Array([0x83, 0x80, 1, 2, 3, 4]), 1002],
  ['reserved control opcode 0xB', new Uint8Array([0x8b, 0x80, 1, 2, 3, 4]), 1002],
  ['unmasked frame', new Uint8Array([0x81, 0x00]), 1002],
  ['Ping of 126 bytes', frameBytes('server', f(Opcode.Ping, new Uint8Array(126))), 1002],
  ['fragmented Ping', frameBytes('server', f(Opcode.Ping, new Uint8Array(1), false)), 1002],
  ['continuation without a message', frameBytes('server', f(Opcode.Continuation, new Uint8Array(1))), 1002],
  ['Close with code 1005', frameBytes('server', f(Opcode.Close, new Uint8Array([0x03, 0xed]))), 1002],
  ['Close of 1 byte', frameBytes('server', f(Opcode.Close, new Uint8Array([0x03]))), 1002],
  ['text that is not UTF-8', frameBytes('server', f(Opcode.Text, new Uint8Array([0xc0, 0xaf]))), 1007],
  ['Close reason that is not UTF-8', frameBytes('server', f(Opcode.Close, new Uint8Array([0x03, 0xe8, 0xff]))), 1007],
  ['frame above maxFrameSize', frameBytes('server', f(Opcode.Binary, new Uint8Array(LIMITS.maxFrameSize + 1))), 1009],
  [
    'message above maxMessageSize',
    concatBytes(
      frameBytes('server', f(Opcode.Binary, new Uint8Array(2048), false)),
      frameBytes('server', f(Opcode.Continuation, new Uint8Array(2048), false)),
      frameBytes('server', f(Opcode.Continuation, new Uint8Array(1))),
    ),
    1009,
  ],
];

describe('Any invalid input ends in the close code the RFC names [rfc6455#section-7.1.7-2, rfc6455#section-7.4.1]', () => {
  it('after any valid prefix, split anywhere, fails once with the right code in its Close frame', () => {
    fc.assert(
      fc.property(stream('server'), fc.constantFrom(...violations), fc.array(fc.nat({ max: 6000 }), { maxLength: 8 }), (prefix, [, violation, closeCode], cuts) => {
        const { events, connection } = run('server', split(concatBytes(prefix, violation), cuts));
        const errors = events.filter((e) => e.type === 'error');
        expect(errors).toHaveLength(1);
        expect(errors[0]?.type === 'error' && errors[0].error.closeCode).toBe(closeCode);
        // The last frame sent is the Close frame carrying the code.
        const out = concatBytes(...connection.dataToSend());
        const reader = new FrameReader({ peer: 'server', maxFrameSize: 1 << 20 });
        reader.push(out);
        let last: Frame | null = null;
        for (let frame = reader.readFrame(); frame !== null; frame = reader.readFrame()) last = frame;
        expect(last?.opcode).toBe(Opcode.Close);
        expect(((last!.payload[0]! << 8) | last!.payload[1]!) >>> 0).toBe(closeCode);
        expect(connection.state).toBe(State.CLOSED);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Two connections talking [rfc6455#section-6.1, rfc6455#section-6.2]', () => {
  it('every message a client sends, fragmented any way, reaches the server as sent, and back', () => {
    const message = fc.oneof(
      fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { minLength: 1, maxLength: 4 }).map((parts) => ({ text: true as const, parts })),
      fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 4 }).map((parts) => ({ text: false as const, parts })),
    );
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), (messages) => {
        const client = new Connection('client');
        const server = new Connection('server');
        const expected: ConnectionEvent[] = [];
        for (const m of messages) {
          m.parts.forEach((part, i) => {
            const fin = i === m.parts.length - 1;
            if (i > 0) client.sendContinuation(part, fin);
            else if (m.text) client.sendText(part as string, fin);
            else client.sendBinary(part as Uint8Array, fin);
          });
          expected.push(m.text ? { type: 'text', data: (m.parts as string[]).join('') } : { type: 'binary', data: concatBytes(...(m.parts as Uint8Array[])) });
        }
        client.close(1000, 'done');
        for (const chunk of client.dataToSend()) server.receiveData(chunk);
        const received = server.events();
        expect(received.slice(0, -1)).toEqual(expected);
        expect(received.at(-1)).toEqual({ type: 'close', code: 1000, reason: 'done' });
        for (const chunk of server.dataToSend()) client.receiveData(chunk);
        expect(client.events()).toEqual([{ type: 'close', code: 1000, reason: 'done' }]);
        expect(server.shouldCloseTransport()).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
