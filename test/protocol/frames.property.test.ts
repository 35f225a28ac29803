import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, Opcode, ProtocolError } from '../../src/protocol/index.ts';
import type { Frame } from '../../src/protocol/index.ts';
import { concatBytes } from './helpers.ts';

/** Any frame this implementation accepts: a known opcode, control frames final and ≤ 125 bytes. */
const validFrame: fc.Arbitrary<Frame> = fc.oneof(
  fc.record({
    opcode: fc.constantFrom(Opcode.Continuation, Opcode.Text, Opcode.Binary),
    fin: fc.boolean(),
    payload: fc.oneof({ weight: 4, arbitrary: fc.uint8Array({ maxLength: 300 }) }, fc.uint8Array({ minLength: 65530, maxLength: 65600 })),
  }),
  fc.record({ opcode: fc.constantFrom(Opcode.Close, Opcode.Ping, Opcode.Pong), fin: fc.constant(true), payload: fc.uint8Array({ maxLength: 125 }) }),
).map((f) => ({ ...f, rsv1: false, rsv2: false, rsv3: false }));

const maskingKey = fc.uint8Array({ minLength: 4, maxLength: 4 });

/** Split points for `length` bytes: a sorted set of cut offsets. */
const cutsFor = (length: number) => fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 12 }).map((cuts) => cuts.sort((a, b) => a - b));

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of cuts) {
    if (cut <= start || cut >= bytes.length) continue;
    chunks.push(bytes.slice(start, cut));
    start = cut;
  }
  chunks.push(bytes.slice(start));
  return chunks;
}

function readAll(reader: FrameReader, chunks: Uint8Array[]): Frame[] {
  const frames: Frame[] = [];
  for (const chunk of chunks) {
    reader.push(chunk);
    for (let f = reader.readFrame(); f !== null; f = reader.readFrame()) frames.push(f);
  }
  return frames;
}

describe('Framing, for any input [rfc6455#section-5.2]', () => {
  it('encode → read round-trips any frame, masked by a client or not by a server [rfc6455#section-5.3-4]', () => {
    fc.assert(
      fc.property(validFrame, fc.option(maskingKey, { nil: null }), (frame, key) => {
        const reader = new FrameReader({ peer: key === null ? 'server' : 'client', maxFrameSize: 1 << 20 });
        const bytes = encodeFrame(frame, key);
        expect(readAll(reader, [bytes])).toEqual([frame]);
        expect(reader.bufferedAmount).toBe(0);
      }),
    );
  });

  it('reads the same frames however the stream is split into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(validFrame, { minLength: 1, maxLength: 6 }).chain((frames) => {
          const bytes = concatBytes(...frames.map((f) => encodeFrame(f)));
          return fc.tuple(fc.constant(frames), fc.constant(bytes), cutsFor(bytes.length));
        }),
        ([frames, bytes, cuts]) => {
          const reader = new FrameReader({ peer: 'server', maxFrameSize: 1 << 20 });
          expect(readAll(reader, split(bytes, cuts))).toEqual(frames);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('given any bytes, reads frames or throws a ProtocolError, holding no more than a frame [rfc6455#section-10.4-1]', () => {
    const maxFrameSize = 1000;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom<'client' | 'server'>('client', 'server'), (bytes, peer) => {
        const reader = new FrameReader({ peer, maxFrameSize });
        try {
          readAll(reader, [bytes]);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
          expect([1002, 1007, 1009]).toContain((error as ProtocolError).closeCode);
          return;
        }
        expect(reader.bufferedAmount).toBeLessThanOrEqual(14 + maxFrameSize);
      }),
      { numRuns: 500 },
    );
  });
});
