/**
 * Client-to-server masking (RFC 6455 §5.3): octet i XOR key octet i MOD 4,
 * the same operation both ways, and the word-sized fast path checked
 * against the algorithm as the RFC writes it.
 */
import { applyMask, encodeFrame, Opcode } from '../../../src/protocol/index.ts';
import { deepEqual, equal, hex, notEqual, text, toHex } from '../../support/spec-assert.ts';
import { frame, readOne, RFC_MASK } from './fixtures.ts';
import type { SpecCase } from './spec-case.ts';

/** The algorithm exactly as written: octet i XOR key octet i MOD 4. */
function reference(data: Uint8Array, key: Uint8Array): Uint8Array {
  return data.map((octet, i) => octet ^ key[i % 4]!);
}

export const cases: readonly SpecCase[] = [
  {
    title: 'masks "Hello" with 37 fa 21 3d into 7f 9f 4d 51 58 [rfc6455#section-5.3-5, rfc6455#section-5.7-1.2.2.1]',
    run() {
      const data = text('Hello');
      applyMask(data, RFC_MASK);
      equal(toHex(data), '7f 9f 4d 51 58');
    },
  },
  {
    title: 'unmasks with the same operation [rfc6455#section-5.3-5, rfc6455#section-5.3-4]',
    run() {
      const data = hex('7f 9f 4d 51 58');
      applyMask(data, RFC_MASK);
      deepEqual(data, text('Hello'));
    },
  },
  {
    title: 'matches the byte-by-byte algorithm for every length and alignment (word-sized fast path) [rfc6455#section-5.3-5]',
    run() {
      const key = hex('a1 b2 c3 d4');
      const buffer = new Uint8Array(300).map((_, i) => (i * 31 + 7) & 0xff);
      for (let offset = 0; offset < 8; offset++) {
        for (const length of [0, 1, 3, 4, 5, 31, 32, 33, 63, 64, 65, 127, 255]) {
          const data = buffer.slice().subarray(offset, offset + length);
          const expected = reference(data, key);
          applyMask(data, key);
          equal(toHex(data), toHex(expected), `offset ${offset} length ${length}`);
        }
      }
    },
  },
  {
    title: 'does not touch the bytes around the view [rfc6455#section-5.3-5]',
    run() {
      const buffer = new Uint8Array(100);
      applyMask(buffer.subarray(3, 90), hex('ff ff ff ff'));
      deepEqual([buffer[2], buffer[3], buffer[89], buffer[90]], [0, 0xff, 0xff, 0]);
    },
  },
  {
    title: 'round-trips any data: masking twice with the same key restores it, for every length from 0 to 300 [rfc6455#section-5.3-4]',
    run() {
      const key = hex('5a 01 ff 80');
      for (let length = 0; length <= 300; length++) {
        const original = new Uint8Array(length).map((_, i) => (i * 151 + length) & 0xff);
        const data = original.slice();
        applyMask(data, key);
        if (length > 0) notEqual(toHex(data), toHex(original), `length ${length} masked`);
        applyMask(data, key);
        deepEqual(data, original, `length ${length}`);
      }
    },
  },
  {
    title: 'round-trips a frame through a client\'s masking and a server\'s unmasking, leaving the sender\'s payload untouched [rfc6455#section-5.3-4, rfc6455#section-6.2-3]',
    run() {
      for (const length of [1, 5, 64, 125, 126, 1000]) {
        const payload = new Uint8Array(length).map((_, i) => (i * 13 + 1) & 0xff);
        const before = payload.slice();
        const bytes = encodeFrame(frame(Opcode.Binary, payload), RFC_MASK);
        deepEqual(payload, before, `payload of ${length} bytes left as it was`);
        deepEqual(readOne('client', bytes)?.payload, before, `${length} bytes read back`);
      }
    },
  },
  {
    title: 'does not count the masking key in the payload length: 5 masked bytes are sent as 81 85 + key + 5 bytes [rfc6455#section-5.3-7]',
    run() {
      const bytes = encodeFrame(frame(Opcode.Text, text('Hello')), RFC_MASK);
      equal(bytes[1]! & 0x7f, 5);
      equal(bytes.length, 2 + 4 + 5);
    },
  },
];
