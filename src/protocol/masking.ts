/**
 * Client-to-server masking (RFC 6455 §5.3): octet i of the data XOR octet
 * i MOD 4 of the masking key. The same operation masks and unmasks.
 *
 * Three measured speed-ups (bench/frames.bench.ts), all computing exactly
 * that function:
 * - from 1 KiB on, a WebAssembly SIMD kernel (src/protocol/masking-simd.ts)
 *   where the platform runs one; `maskWords` below stays the reference;
 * - from 64 bytes on, the 4-byte-aligned middle of the data is XORed a
 *   32-bit word at a time with the key rotated to match (3-4× faster than
 *   the byte loop on 64 KiB);
 * - short data never goes through `subarray` or `.buffer`: on a typed
 *   array of 64 bytes or less, V8 keeps the bytes on its heap and those
 *   calls move them out, which costs more than masking them.
 */
import { createSimdMask } from './masking-simd.ts';

/** Below this length the byte loop is used (and V8 may keep the bytes on its heap). */
const WORD_MIN = 64;

/** From this length the SIMD kernel masks: below it, copying in and out of wasm memory costs more than it saves (measured). */
const SIMD_MIN = 1024;

const simdMask = createSimdMask();

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The key as a 32-bit word whose bytes in memory are key[shift], key[shift+1]… (indices mod 4). */
function keyWord(key: Uint8Array, shift: number): number {
  const b0 = key[shift & 3]!;
  const b1 = key[(shift + 1) & 3]!;
  const b2 = key[(shift + 2) & 3]!;
  const b3 = key[(shift + 3) & 3]!;
  return LITTLE_ENDIAN ? (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0 : ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
}

/** XORs `data` in place with the 4-byte masking key. */
// @spec rfc6455#section-5.3-5
export function applyMask(data: Uint8Array, key: Uint8Array): void {
  if (simdMask !== null && data.length >= SIMD_MIN) simdMask(data, key);
  else maskWords(data, key);
}

/** The same XOR in TypeScript: bytes, then 32-bit words on the aligned middle. */
export function maskWords(data: Uint8Array, key: Uint8Array): void {
  const length = data.length;
  if (length < WORD_MIN) {
    for (let i = 0; i < length; i++) data[i]! ^= key[i & 3]!;
    return;
  }
  // Bytes before the first 4-byte boundary of the underlying buffer.
  const head = (4 - (data.byteOffset & 3)) & 3;
  for (let i = 0; i < head; i++) data[i]! ^= key[i & 3]!;
  const words = (length - head) >>> 2;
  const view = new Uint32Array(data.buffer, data.byteOffset + head, words);
  const word = keyWord(key, head);
  for (let w = 0; w < words; w++) view[w]! ^= word;
  for (let i = head + words * 4; i < length; i++) data[i]! ^= key[i & 3]!;
}

/** Writes `source` masked with `key` into `target` at `offset`; `source` is not modified. */
export function maskInto(target: Uint8Array, offset: number, source: Uint8Array, key: Uint8Array): void {
  const length = source.length;
  if (length < WORD_MIN) {
    for (let i = 0; i < length; i++) target[offset + i] = source[i]! ^ key[i & 3]!;
    return;
  }
  target.set(source, offset);
  applyMask(target.subarray(offset, offset + length), key);
}
