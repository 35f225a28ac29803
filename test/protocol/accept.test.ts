// The cases live in ./cases/accept.cases.ts and also run in the reader's
// browser (the site's "Run in your browser"); their titles carry the clause
// IDs. The tests below them need Node.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeAccept, WEBSOCKET_GUID } from '../../src/protocol/index.ts';
import { cases } from './cases/accept.cases.ts';

describe('Sec-WebSocket-Key and Sec-WebSocket-Accept', () => {
  for (const c of cases) it(c.title, c.run);
});

describe('Sec-WebSocket-Accept with Node\'s SHA-1 [rfc6455#section-4.2.2-2.5.2.4.1]', () => {
  const nodeSha1 = (data: Uint8Array) => createHash('sha1').update(data).digest();

  it('gives the same value with an injected synchronous SHA-1', async () => {
    expect(await computeAccept('dGhlIHNhbXBsZSBub25jZQ==', nodeSha1)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('agrees with node:crypto for 200 random keys', async () => {
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(16).toString('base64');
      const expected = createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
      expect(await computeAccept(key), key).toBe(expected);
    }
  });
});
