/**
 * Sec-WebSocket-Key and Sec-WebSocket-Accept (RFC 6455 §4.1, §4.2.2), with
 * base64 (RFC 4648 §4) written out so that nothing here needs Node.
 */
import { encodeUtf8 } from './utf8.ts';

/** The GUID that a server appends to the key before hashing it. */
// @spec rfc6455#section-1.3-13
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** A SHA-1 implementation: WebCrypto's by default, any other (e.g. `node:crypto`) injected. */
export type Sha1 = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** SHA-1 by WebCrypto, present in browsers and in Node as `globalThis.crypto`. */
export const webCryptoSha1: Sha1 = async (data) =>
  new Uint8Array(await crypto.subtle.digest('SHA-1', data as Uint8Array<ArrayBuffer>));

/** Fills `bytes` with cryptographically strong random values. */
export type RandomSource = (bytes: Uint8Array) => void;

export const cryptoRandom: RandomSource = (bytes) => {
  crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>);
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 with padding (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const left = bytes.length - i;
  if (left === 1) {
    const n = bytes[i]! << 16;
    out += `${ALPHABET[n >>> 18]!}${ALPHABET[(n >>> 12) & 63]!}==`;
  } else if (left === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${ALPHABET[n >>> 18]!}${ALPHABET[(n >>> 12) & 63]!}${ALPHABET[(n >>> 6) & 63]!}=`;
  }
  return out;
}

/**
 * Whether `key` is a base64-encoded 16-byte value: 22 base64 characters and
 * "==". The unused low bits of the last character are not checked: the
 * RFC's own example, "AQIDBAUGBwgJCgsMDQ4PEC==", sets them.
 */
// @spec rfc6455#section-4.2.1-3.5 "A |Sec-WebSocket-Key| header field with a base64-encoded (see Section 4 of [RFC4648]) value that…"
export function isValidKey(key: string): boolean {
  return /^[A-Za-z0-9+/]{22}==$/.test(key);
}

/** A fresh Sec-WebSocket-Key: 16 random bytes, base64-encoded. */
// @spec rfc6455#section-4.1-6.7.1 "The nonce MUST be selected randomly for each connection."
export function generateKey(random: RandomSource = cryptoRandom): string {
  const nonce = new Uint8Array(16);
  random(nonce);
  return encodeBase64(nonce);
}

/** Sec-WebSocket-Accept for `key`: base64(SHA-1(key + GUID)). */
// @spec rfc6455#section-4.2.2-2.5.2.4.1
export async function computeAccept(key: string, sha1: Sha1 = webCryptoSha1): Promise<string> {
  return encodeBase64(await sha1(encodeUtf8(key + WEBSOCKET_GUID)));
}
