import { describe, expect, it } from 'vitest';
import { decodeUtf8, isValidUtf8, Utf8StreamDecoder } from '../../src/protocol/index.ts';
import { hex } from './helpers.ts';

const VALID: Array<[string, string]> = [
  ['', ''],
  ['ASCII', '48 65 6c 6c 6f'],
  ['2-byte', 'c3 a9'],
  ['3-byte', 'e2 82 ac'],
  ['4-byte', 'f0 9f 98 80'],
  ['U+10FFFF', 'f4 8f bf bf'],
  ['U+FEFF kept', 'ef bb bf'],
  ['U+0000', '00'],
];
const INVALID: Array<[string, string]> = [
  ['lone continuation byte', '80'],
  ['truncated 2-byte', 'c3'],
  ['overlong "/"', 'c0 af'],
  ['overlong 3-byte', 'e0 80 af'],
  ['surrogate U+D800', 'ed a0 80'],
  ['above U+10FFFF', 'f4 90 80 80'],
  ['0xF5', 'f5 80 80 80'],
  ['0xFF', 'ff'],
];

describe('UTF-8 validation [rfc6455#section-8.1-1]', () => {
  for (const [what, bytes] of VALID) {
    it(`accepts ${what}`, () => {
      expect(isValidUtf8(hex(bytes))).toBe(true);
    });
  }
  for (const [what, bytes] of INVALID) {
    it(`rejects ${what}`, () => {
      expect(decodeUtf8(hex(bytes))).toBeNull();
    });
  }
});

describe('Across fragments [rfc6455#section-5.6-3.1]', () => {
  it('decodes a sequence split at every point', () => {
    const bytes = hex('41 f0 9f 98 80 e2 82 ac 42');
    for (let split = 0; split <= bytes.length; split++) {
      const decoder = new Utf8StreamDecoder();
      const head = decoder.push(bytes.subarray(0, split), false);
      const tail = decoder.push(bytes.subarray(split), true);
      expect(`${head}${tail}`, `split at ${split}`).toBe('A😀€B');
    }
  });

  it('fails on the first fragment that cannot start valid UTF-8', () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.push(hex('41 ed'), false)).toBe('A');
    expect(decoder.push(hex('a0'), false)).toBeNull();
  });

  it('fails at the end on an incomplete sequence', () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.push(hex('e2 82'), false)).toBe('');
    expect(decoder.push(new Uint8Array(0), true)).toBeNull();
  });

  it('can be used again after a failure', () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.push(hex('ff'), false)).toBeNull();
    expect(decoder.push(hex('41'), true)).toBe('A');
  });
});
