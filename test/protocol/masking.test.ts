import { describe, expect, it } from 'vitest';
import { applyMask } from '../../src/protocol/index.ts';
import { hex, RFC_MASK, text, toHex } from './helpers.ts';

/** The algorithm exactly as written: octet i XOR key octet i MOD 4. */
function reference(data: Uint8Array, key: Uint8Array): Uint8Array {
  return data.map((octet, i) => octet ^ key[i % 4]!);
}

describe('Masking [rfc6455#section-5.3-5]', () => {
  it('masks "Hello" with 37 fa 21 3d into 7f 9f 4d 51 58 [rfc6455#section-5.7-1.2.2.1]', () => {
    const data = text('Hello');
    applyMask(data, RFC_MASK);
    expect(toHex(data)).toBe('7f 9f 4d 51 58');
  });

  it('unmasks with the same operation [rfc6455#section-5.3-4]', () => {
    const data = hex('7f 9f 4d 51 58');
    applyMask(data, RFC_MASK);
    expect(data).toEqual(text('Hello'));
  });

  it('matches the byte-by-byte algorithm for every length and alignment (word-sized fast path)', () => {
    const key = hex('a1 b2 c3 d4');
    const buffer = new Uint8Array(300).map((_, i) => (i * 31 + 7) & 0xff);
    for (let offset = 0; offset < 8; offset++) {
      for (const length of [0, 1, 3, 4, 5, 31, 32, 33, 63, 64, 65, 127, 255]) {
        const data = buffer.slice().subarray(offset, offset + length);
        const expected = reference(data, key);
        applyMask(data, key);
        expect(toHex(data), `offset ${offset} length ${length}`).toBe(toHex(expected));
      }
    }
  });

  it('does not touch the bytes around the view', () => {
    const buffer = new Uint8Array(100);
    applyMask(buffer.subarray(3, 90), hex('ff ff ff ff'));
    expect([buffer[2], buffer[3], buffer[89], buffer[90]]).toEqual([0, 0xff, 0xff, 0]);
  });
});
