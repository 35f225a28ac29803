import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeAccept, encodeBase64, generateKey, isValidKey, WEBSOCKET_GUID } from '../../src/protocol/index.ts';

describe('Sec-WebSocket-Accept [rfc6455#section-4.2.2-2.5.2.4.1]', () => {
  it('turns the key "dGhlIHNhbXBsZSBub25jZQ==" into "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" [rfc6455#section-1.3-14 rfc6455#section-4.2.2-2.5.2.4.4]', async () => {
    expect(await computeAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('appends the GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11 [rfc6455#section-1.3-13]', () => {
    expect(WEBSOCKET_GUID).toBe('258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
  });

  it('gives the same value with an injected synchronous SHA-1', async () => {
    const sha1 = (data: Uint8Array) => createHash('sha1').update(data).digest();
    expect(await computeAccept('dGhlIHNhbXBsZSBub25jZQ==', sha1)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});

describe('Sec-WebSocket-Key [rfc6455#section-4.1-6.7.1]', () => {
  it('base64-encodes 16 random bytes: 01..10 give "AQIDBAUGBwgJCgsMDQ4PEA==" [rfc6455#section-4.1-6.7.2]', () => {
    const key = generateKey((bytes) => bytes.forEach((_, i) => (bytes[i] = i + 1)));
    expect(key).toBe('AQIDBAUGBwgJCgsMDQ4PEA==');
  });

  it('draws a new key for each connection', () => {
    expect(generateKey()).not.toBe(generateKey());
  });

  it('accepts 22 base64 characters and "==", including the RFC\'s own "AQIDBAUGBwgJCgsMDQ4PEC==" [rfc6455#section-4.2.1-3.5]', () => {
    expect(isValidKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe(true);
    expect(isValidKey('AQIDBAUGBwgJCgsMDQ4PEC==')).toBe(true);
  });

  it('refuses values that do not decode to 16 bytes [rfc6455#section-4.2.1-3.5]', () => {
    for (const key of ['', 'dGhlIHNhbXBsZSBub25jZQ', 'dGhlIHNhbXBsZSBub25jZQ=', 'dGhlIHNhbXBsZSBub25jZXM=', 'dGhlIHNhbXBsZSBub25j*Q==', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=']) {
      expect(isValidKey(key), key).toBe(false);
    }
  });
});

describe('Base64 (RFC 4648 §4)', () => {
  it('matches the RFC 4648 test vectors', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [input, output] of vectors) expect(encodeBase64(new TextEncoder().encode(input))).toBe(output);
  });
});
