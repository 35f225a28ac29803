import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientConnection, createClientHandshake, HandshakeError, ServerConnection } from '../../src/protocol/index.ts';
import type { ConnectionEvent } from '../../src/protocol/index.ts';
import { concatBytes, text } from './helpers.ts';

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= start || cut >= bytes.length) continue;
    chunks.push(bytes.slice(start, cut));
    start = cut;
  }
  chunks.push(bytes.slice(start));
  return chunks;
}

const FIELDS: Array<[string, string]> = [
  ['Host', 'server.example.com'],
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
  ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
  ['Sec-WebSocket-Version', '13'],
];

/** A valid request: its fields in any order and case, with optional extra fields. */
const validRequest = fc
  .tuple(
    fc.shuffledSubarray(FIELDS, { minLength: FIELDS.length }),
    fc.array(fc.boolean(), { minLength: FIELDS.length, maxLength: FIELDS.length }),
    fc.array(fc.tuple(fc.constantFrom('X-A', 'Cookie', 'User-Agent', 'Origin'), fc.stringMatching(/^[\x21-\x7e]{0,20}$/)), { maxLength: 4 }),
  )
  .map(([fields, upper, extra]) => {
    const lines = fields.map(([name, value], i) => `${upper[i] ? name.toUpperCase() : name.toLowerCase()}: ${value}`);
    return text(['GET /chat HTTP/1.1', ...lines, ...extra.map(([n, v]) => `${n}: ${v}`), '', ''].join('\r\n'));
  });

/** A valid request with one line dropped or garbled, or any bytes at all. */
const anyRequest = fc.oneof(
  validRequest,
  fc.tuple(validRequest, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([bytes, at, value]) => {
    const out = bytes.slice();
    out[at % out.length] = value;
    return out;
  }),
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ maxLength: 300 }).map((s) => text(`GET / HTTP/1.1\r\n${s}\r\n\r\n`)),
);

function serve(chunks: Uint8Array[], eof: boolean): { events: ConnectionEvent[]; output: string } {
  const server = new ServerConnection({ maxHeadSize: 1024 });
  for (const chunk of chunks) server.receiveData(chunk);
  if (eof) server.receiveEof();
  return { events: server.events(), output: latin1(concatBytes(...server.dataToSend())) };
}

describe("Any client handshake [rfc6455#section-4.2.1-2]", () => {
  it('accepts a valid request however its fields are ordered and cased, and however it is split', () => {
    fc.assert(
      fc.property(validRequest, fc.array(fc.nat({ max: 400 }), { maxLength: 8 }), (bytes, cuts) => {
        const { events } = serve(split(bytes, cuts), false);
        expect(events.map((e) => e.type)).toEqual(['request']);
      }),
    );
  });

  it('never throws, and either announces a request or answers with a complete refusal carrying its status', () => {
    fc.assert(
      fc.property(anyRequest, fc.array(fc.nat({ max: 400 }), { maxLength: 8 }), fc.boolean(), (bytes, cuts, eof) => {
        const { events, output } = serve(split(bytes, cuts), eof);
        const first = events[0];
        if (first?.type === 'request') return;
        if (first?.type === 'error') {
          const error = first.error as HandshakeError;
          expect(error).toBeInstanceOf(HandshakeError);
          const status = /^HTTP\/1\.1 (\d{3}) /.exec(output)?.[1];
          expect(Number(status)).toBe(error.httpStatus);
          expect([400, 426, 431]).toContain(error.httpStatus);
          const [head, body] = output.split('\r\n\r\n') as [string, string];
          expect(head).toMatch(/\r\nContent-Length: \d+\r\nConnection: close$/);
          expect(body.length).toBe(Number(/Content-Length: (\d+)/.exec(head)![1]));
          return;
        }
        // Nothing decided yet: the head is incomplete, nothing was sent.
        expect(output).toBe('');
      }),
      { numRuns: 500 },
    );
  });
});

describe("Any server response [rfc6455#section-4.1-7]", () => {
  it('never throws: the client opens only on a valid 101, and otherwise fails', async () => {
    const handshake = await createClientHandshake('ws://server.example.com/chat', { random: (b) => b.set(text('the sample nonce')) });
    const valid = text('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n');
    const anyResponse = fc.oneof(
      fc.constant(valid),
      fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, value]) => {
        const out = valid.slice();
        out[at % out.length] = value;
        return out;
      }),
      fc.uint8Array({ maxLength: 300 }),
    );
    fc.assert(
      fc.property(anyResponse, fc.array(fc.nat({ max: 200 }), { maxLength: 6 }), (bytes, cuts) => {
        const client = new ClientConnection(handshake);
        for (const chunk of split(bytes, cuts)) client.receiveData(chunk);
        client.receiveEof();
        const types = client.events().map((e) => e.type);
        expect(types.at(-1)).toBe('closed');
        expect(types[0] === 'open' || types[0] === 'error').toBe(true);
        if (types[0] === 'open') expect(latin1(bytes)).toContain('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
      }),
      { numRuns: 500 },
    );
  });
});
