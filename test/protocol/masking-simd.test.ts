/**
 * The WebAssembly SIMD masking kernel (src/protocol/masking-simd.ts) and
 * the TypeScript word loop it stands in for compute the same XOR
 * (RFC 6455 §5.3), for any data, key, length and alignment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMask, maskWords } from '../../src/protocol/masking.ts';
import { createSimdMask } from '../../src/protocol/masking-simd.ts';

const simdMask = createSimdMask();

/** The definition, octet by octet: j = i MOD 4. */
function reference(data: Uint8Array, key: Uint8Array): Uint8Array {
  return data.map((byte, i) => byte ^ key[i % 4]!);
}

describe('masking: the SIMD kernel and the word loop agree [rfc6455#section-5.3-5]', () => {
  it('runs here (Node has WebAssembly SIMD)', () => {
    expect(simdMask).not.toBeNull();
  });

  it('masks as the definition does, both ways, at any offset in its buffer', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 60_000, maxLength: 140_000 })),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 15 }),
        (bytes, key, offset) => {
          const expected = reference(bytes, key);
          const placed = () => {
            const buffer = new Uint8Array(offset + bytes.length);
            buffer.set(bytes, offset);
            return buffer.subarray(offset);
          };
          const bySimd = placed();
          simdMask!(bySimd, key);
          const byWords = placed();
          maskWords(byWords, key);
          const byApply = placed();
          applyMask(byApply, key);
          expect(bySimd).toEqual(expected);
          expect(byWords).toEqual(expected);
          expect(byApply).toEqual(expected);
          // The same operation unmasks.
          simdMask!(bySimd, key);
          expect(bySimd).toEqual(bytes);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves the bytes around the view alone', () => {
    const buffer = new Uint8Array(3000).fill(0xaa);
    simdMask!(buffer.subarray(5, 2995), Uint8Array.of(1, 2, 3, 4));
    expect([...buffer.subarray(0, 5), ...buffer.subarray(2995)]).toEqual(new Array(10).fill(0xaa));
  });
});
