/**
 * How data is written in observations: the same summaries as the driver's
 * (src/evidence/driver.ts keeps its own copy, since it may import nothing),
 * for the expected lines of the catalogue and the scenario server's log.
 */

/** FNV-1a, 32 bits, as 8 hex digits: a fingerprint of large payloads. */
export function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i]!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Up to 32 bytes in hex, more as a fingerprint. */
export function bytesText(bytes: Uint8Array): string {
  if (bytes.length <= 32) return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return `fnv1a=${fnv1a(bytes)}`;
}

const withBytes = (head: string, bytes: Uint8Array): string => (bytes.length === 0 ? `${head}⟩` : `${head} ${bytesText(bytes)}⟩`);

/** A text as the driver records it: itself up to 120 characters, a summary beyond. */
export function describeText(text: string): string {
  if (text.length <= 120) return text;
  return `⟨string length=${text.length} fnv1a=${fnv1a(new TextEncoder().encode(text))}⟩`;
}

/** An ArrayBuffer as the driver records it. */
export function describeArrayBuffer(bytes: Uint8Array | readonly number[]): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return withBytes(`⟨ArrayBuffer byteLength=${view.length}`, view);
}

/** A Blob (of type "") as the driver records it. */
export function describeBlob(bytes: Uint8Array | readonly number[]): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return withBytes(`⟨Blob size=${view.length} type=""`, view);
}

/** Binary data as the scenario server logs it. */
export function describeBinary(bytes: Uint8Array): string {
  return withBytes(`⟨byteLength=${bytes.length}`, bytes);
}

/** The bytes of the driver's `bytesOfSize` payload. */
export function patternBytes(size: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 255;
  return bytes;
}
