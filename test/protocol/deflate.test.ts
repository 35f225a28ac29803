/**
 * permessage-deflate's payload transformation (RFC 7692 §7.2) with the Node
 * codec (src/node/deflate.ts): the RFC's worked examples byte for byte,
 * the decompression bound, and round trips for any message and any
 * parameters, including against zlib streams that keep one context for
 * the whole connection, as ws and browsers do.
 */
import { constants, createDeflateRaw, createInflateRaw, deflateRawSync } from 'node:zlib';
import type { DeflateRaw, InflateRaw } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeDeflateCodec } from '../../src/node/deflate.ts';
import { PerMessageDeflate } from '../../src/protocol/extensions/index.ts';
import type { DeflateAgreement } from '../../src/protocol/extensions/index.ts';

const TAKEOVER: DeflateAgreement = { serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: 15, clientMaxWindowBits: 15 };
const NO_TAKEOVER: DeflateAgreement = { ...TAKEOVER, serverNoContextTakeover: true, clientNoContextTakeover: true };

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');
const bytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/ /g, ''), 'hex'));
const utf8 = (text: string) => new TextEncoder().encode(text);
/** Plain Uint8Array copies, so that a Buffer and a Uint8Array with the same bytes compare equal. */
const plain = (data: Uint8Array | null) => (data === null ? null : new Uint8Array(data));

/** The server's sending half and the client's receiving half of one connection. */
function pair(agreement: DeflateAgreement) {
  return {
    server: new PerMessageDeflate('server', agreement, nodeDeflateCodec(), { threshold: 0 }),
    client: new PerMessageDeflate('client', agreement, nodeDeflateCodec(), { threshold: 0 }),
  };
}

function inflate(receiver: PerMessageDeflate, payload: Uint8Array, maxSize = 1 << 24): Uint8Array | null {
  return receiver.decompress([payload], payload.length, maxSize);
}

describe('compressing a message (RFC 7692 §7.2.1, examples of §7.2.3)', () => {
  it('compresses "Hello" to the bytes of §7.2.3.1, the sync flush tail removed', () => {
    const { server } = pair(TAKEOVER);
    expect(hex(server.compress(utf8('Hello'), true))).toBe('f2 48 cd c9 c9 07 00');
  });

  it('refers back into the previous message with context takeover (§7.2.3.2)', () => {
    const { server } = pair(TAKEOVER);
    server.compress(utf8('Hello'), true);
    expect(hex(server.compress(utf8('Hello'), true))).toBe('f2 00 11 00 00');
  });

  it('starts every message afresh without context takeover (§7.1.1.1)', () => {
    const { server } = pair(NO_TAKEOVER);
    server.compress(utf8('Hello'), true);
    expect(hex(server.compress(utf8('Hello'), true))).toBe('f2 48 cd c9 c9 07 00');
  });

  it('compresses an empty message to one 0x00 octet (§7.2.3.6)', () => {
    const { server } = pair(TAKEOVER);
    expect(hex(server.compress(new Uint8Array(0), true))).toBe('00');
  });

  it('keeps the flush of a fragment that does not end the message, so fragments concatenate into one stream', () => {
    const { server, client } = pair(TAKEOVER);
    const first = server.compress(utf8('He'), false);
    expect(hex(first.subarray(first.length - 4))).toBe('00 00 ff ff');
    const last = server.compress(utf8('llo'), true);
    expect(new TextDecoder().decode(client.decompress([first, last], first.length + last.length, 100)!)).toBe('Hello');
  });
});

describe('decompressing a message (RFC 7692 §7.2.2, examples of §7.2.3)', () => {
  it.each([
    ['one compressed block (§7.2.3.1)', 'f2 48 cd c9 c9 07 00'],
    ['a block with no compression (§7.2.3.3)', '00 05 00 fa ff 48 65 6c 6c 6f 00'],
    ['a block with BFINAL set (§7.2.3.4)', 'f3 48 cd c9 c9 07 00 00'],
    ['two blocks (§7.2.3.5)', 'f2 48 05 00 00 00 ff ff ca c9 c9 07 00'],
  ])('inflates %s to "Hello"', (_what, payload) => {
    const { client } = pair(TAKEOVER);
    expect(new TextDecoder().decode(inflate(client, bytes(payload))!)).toBe('Hello');
  });

  it('resolves a reference into the previous message with context takeover (§7.2.3.2)', () => {
    const { client } = pair(TAKEOVER);
    inflate(client, bytes('f2 48 cd c9 c9 07 00'));
    expect(new TextDecoder().decode(inflate(client, bytes('f2 00 11 00 00'))!)).toBe('Hello');
  });

  it('inflates an empty message', () => {
    const { client } = pair(TAKEOVER);
    expect(plain(inflate(client, bytes('00')))).toEqual(new Uint8Array(0));
  });

  it('throws for data that is not DEFLATE', () => {
    const { client } = pair(TAKEOVER);
    expect(() => inflate(client, bytes('ff ff ff ff'))).toThrow();
  });

  it('returns null for a message that inflates past the limit, one byte over included', () => {
    const { server, client } = pair(NO_TAKEOVER);
    const payload = server.compress(new Uint8Array(1000).fill(7), true);
    expect(inflate(client, payload, 1000)).toHaveLength(1000);
    expect(inflate(client, payload, 999)).toBeNull();
    expect(inflate(client, payload, 0)).toBeNull();
  });

  it('stops a decompression bomb at the limit: 64 MiB of zeros in 64 KiB, limit 1 MiB', () => {
    const bomb = deflateRawSync(new Uint8Array(64 * 1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(bomb.length).toBeLessThan(80 * 1024);
    const { client } = pair(TAKEOVER);
    expect(inflate(client, bomb.subarray(0, bomb.length - 4), 1024 * 1024)).toBeNull();
  });
});

// ─── Properties ──────────────────────────────────────────────────────────

/** Messages that compress well and badly: repeated words, random bytes, empty. */
const message = fc.oneof(
  fc.array(fc.constantFrom('hello ', 'world ', 'deflate ', '\u00e9t\u00e9 ', '\u{1f600}'), { maxLength: 400 }).map((words) => utf8(words.join(''))),
  fc.uint8Array({ maxLength: 3000 }),
  fc.integer({ min: 60_000, max: 70_000 }).map((n) => new Uint8Array(n).map((_, i) => (i * 31) % 251)),
);

const agreement: fc.Arbitrary<DeflateAgreement> = fc.record({
  serverNoContextTakeover: fc.boolean(),
  clientNoContextTakeover: fc.boolean(),
  serverMaxWindowBits: fc.integer({ min: 8, max: 15 }),
  clientMaxWindowBits: fc.integer({ min: 8, max: 15 }),
});

/** Cuts `data` into `count` fragments (some possibly empty). */
function fragments(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = cuts.map((c) => Math.floor(c * data.length)).sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    parts.push(data.subarray(start, point));
    start = point;
  }
  parts.push(data.subarray(start));
  return parts;
}

describe('round trips', () => {
  it('decompresses what it compresses, for any messages, parameters, direction and fragmentation', () => {
    fc.assert(
      fc.property(
        agreement,
        fc.constantFrom('server', 'client') as fc.Arbitrary<'server' | 'client'>,
        fc.array(fc.tuple(message, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 })), { minLength: 1, maxLength: 6 }),
        (params, sender, messages) => {
          const send = new PerMessageDeflate(sender, params, nodeDeflateCodec(), { threshold: 0 });
          const receive = new PerMessageDeflate(sender === 'server' ? 'client' : 'server', params, nodeDeflateCodec(), { threshold: 0 });
          for (const [data, cuts] of messages) {
            const parts = fragments(data, cuts).map((part, i, all) => send.compress(part, i === all.length - 1));
            const size = parts.reduce((n, p) => n + p.length, 0);
            expect(plain(receive.decompress(parts, size, data.length))).toEqual(plain(data));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('interoperates with zlib streams that keep one context for the connection, both ways', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 8, max: 15 }), fc.array(message, { minLength: 1, maxLength: 5 }), async (windowBits, messages) => {
        const params = { ...TAKEOVER, serverMaxWindowBits: windowBits, clientMaxWindowBits: windowBits };
        const ours = new PerMessageDeflate('server', params, nodeDeflateCodec(), { threshold: 0 });
        const oursReceiving = new PerMessageDeflate('client', params, nodeDeflateCodec(), { threshold: 0 });
        // As a persistent peer: one inflate stream for all our messages, one deflate stream for its own.
        const peerInflate = createInflateRaw({ windowBits });
        // zlib refuses a raw stream with an 8-bit window; Node asks for 9 (see src/node/deflate.ts).
        const peerDeflate = createDeflateRaw({ windowBits: Math.max(windowBits, 9) });
        try {
          for (const data of messages) {
            const compressed = ours.compress(data, true);
            expect(plain(await streamFlush(peerInflate, [compressed, Uint8Array.of(0, 0, 0xff, 0xff)]))).toEqual(plain(data));
            const theirs = await streamFlush(peerDeflate, [data]);
            expect(hex(theirs.subarray(theirs.length - 4))).toBe('00 00 ff ff');
            const payload = theirs.subarray(0, theirs.length - 4);
            expect(plain(oursReceiving.decompress([payload], payload.length, data.length))).toEqual(plain(data));
          }
        } finally {
          peerInflate.close();
          peerDeflate.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});

/** Writes `chunks` to a zlib stream, flushes with Z_SYNC_FLUSH, and returns what came out. */
function streamFlush(stream: DeflateRaw | InflateRaw, chunks: Uint8Array[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const onData = (chunk: Buffer) => out.push(chunk);
    stream.on('data', onData);
    stream.once('error', reject);
    for (const chunk of chunks) stream.write(chunk);
    stream.flush(constants.Z_SYNC_FLUSH, () => {
      stream.off('data', onData);
      stream.off('error', reject);
      resolve(Buffer.concat(out));
    });
  });
}
