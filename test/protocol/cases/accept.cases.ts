/**
 * Sec-WebSocket-Key and Sec-WebSocket-Accept (RFC 6455 §1.3, §4.1,
 * §4.2.2): the RFC's worked example step by step, more keys, and base64.
 * SHA-1 is WebCrypto's (`crypto.subtle`), the implementation's default, in
 * Node and in the browser alike.
 */
import { computeAccept, encodeBase64, encodeUtf8, generateKey, isValidKey, WEBSOCKET_GUID, webCryptoSha1 } from '../../../src/protocol/index.ts';
import { bytesHex, equal, notEqual } from '../../support/spec-assert.ts';
import type { SpecCase } from './spec-case.ts';

/** Keys and their Sec-WebSocket-Accept values. */
const MORE_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['x3JJHMbDL1EzLkh9GBhXDw==', 'HSmrc0sMlYUkAGmm5OPpG2HaGWk='],
  ['AQIDBAUGBwgJCgsMDQ4PEA==', 'C/0nmHhBztSRGR1CwL6Tf4ZjwpY='],
  ['AAAAAAAAAAAAAAAAAAAAAA==', 'ICX+Yqv66kxgM0FcWaLWlFLwTAI='],
  ['/////////////////////w==', 'XXpj4jYzLM2yUE0C7TIgMwTQh2g='],
  ['E4WSEcseoWr4csPLS2QJHA==', '7eQChgCtQMnVILefJAO6dK5JwPc='],
];

const accept: SpecCase[] = [
  {
    title: 'turns the key "dGhlIHNhbXBsZSBub25jZQ==" into "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" [rfc6455#section-4.2.2-2.5.2.4.1, rfc6455#section-1.3-14, rfc6455#section-4.2.2-2.5.2.4.4]',
    async run() {
      equal(await computeAccept('dGhlIHNhbXBsZSBub25jZQ=='), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    },
  },
  {
    title: 'hashes "dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11" to b3 7a 4f 2c … c4 ea with WebCrypto SHA-1, which base64 turns into "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" [rfc6455#section-1.3-14]',
    async run() {
      const digest = await webCryptoSha1(encodeUtf8('dGhlIHNhbXBsZSBub25jZQ==' + WEBSOCKET_GUID));
      bytesHex(digest, 'b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea');
      equal(encodeBase64(digest), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    },
  },
  {
    title: 'appends the GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11 [rfc6455#section-4.2.2-2.5.2.4.1, rfc6455#section-1.3-13]',
    run() {
      equal(WEBSOCKET_GUID, '258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
    },
  },
  ...MORE_KEYS.map(([key, value]) => ({
    title: `turns the key "${key}" into "${value}" [rfc6455#section-4.2.2-2.5.2.4.1]`,
    async run() {
      equal(await computeAccept(key), value);
    },
  })),
];

const key: SpecCase[] = [
  {
    title: 'base64-encodes 16 random bytes: 01..10 give "AQIDBAUGBwgJCgsMDQ4PEA==" [rfc6455#section-4.1-6.7.1, rfc6455#section-4.1-6.7.2]',
    run() {
      const value = generateKey((bytes) => bytes.forEach((_, i) => (bytes[i] = i + 1)));
      equal(value, 'AQIDBAUGBwgJCgsMDQ4PEA==');
    },
  },
  {
    title: 'draws a new key for each connection [rfc6455#section-4.1-6.7.1]',
    run() {
      notEqual(generateKey(), generateKey());
    },
  },
  {
    title: 'accepts 22 base64 characters and "==", including the RFC\'s own "AQIDBAUGBwgJCgsMDQ4PEC==" [rfc6455#section-4.1-6.7.1, rfc6455#section-4.2.1-3.5]',
    run() {
      equal(isValidKey('dGhlIHNhbXBsZSBub25jZQ=='), true);
      equal(isValidKey('AQIDBAUGBwgJCgsMDQ4PEC=='), true);
    },
  },
  {
    title: 'refuses values that do not decode to 16 bytes [rfc6455#section-4.1-6.7.1, rfc6455#section-4.2.1-3.5]',
    run() {
      for (const value of ['', 'dGhlIHNhbXBsZSBub25jZQ', 'dGhlIHNhbXBsZSBub25jZQ=', 'dGhlIHNhbXBsZSBub25jZXM=', 'dGhlIHNhbXBsZSBub25j*Q==', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=']) {
        equal(isValidKey(value), false, JSON.stringify(value));
      }
    },
  },
];

const base64: SpecCase[] = [
  {
    title: 'matches the RFC 4648 test vectors',
    run() {
      const vectors: ReadonlyArray<readonly [string, string]> = [
        ['', ''],
        ['f', 'Zg=='],
        ['fo', 'Zm8='],
        ['foo', 'Zm9v'],
        ['foob', 'Zm9vYg=='],
        ['fooba', 'Zm9vYmE='],
        ['foobar', 'Zm9vYmFy'],
      ];
      for (const [input, output] of vectors) equal(encodeBase64(encodeUtf8(input)), output, JSON.stringify(input));
    },
  },
];

export const cases: readonly SpecCase[] = [...accept, ...key, ...base64];
