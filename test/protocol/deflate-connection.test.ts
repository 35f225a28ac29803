/**
 * permessage-deflate through the sans-I/O connection: negotiated in the
 * opening handshake, RSV1 on the first frame of a compressed message only
 * (RFC 7692 §6), the limit applied while inflating (RFC 7692 §8), with
 * the Node codec injected as an adapter would.
 */
import { describe, expect, it } from 'vitest';
import { nodeDeflateCodec } from '../../src/node/deflate.ts';
import { ClientConnection, createClientHandshake, encodeFrame, Opcode, ServerConnection } from '../../src/protocol/index.ts';
import type { Connection, ConnectionEvent } from '../../src/protocol/index.ts';
import { perMessageDeflateClient, perMessageDeflateServer } from '../../src/protocol/extensions/index.ts';
import type { DeflateOptions } from '../../src/protocol/extensions/index.ts';
import { deflateRawSync, constants } from 'node:zlib';
import { concatBytes, fixedRandom, text } from './helpers.ts';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const codec = nodeDeflateCodec();

function pump(from: Connection, to: Connection): ConnectionEvent[] {
  for (const bytes of from.dataToSend()) to.receiveData(bytes.slice());
  return to.events();
}

/** A client and a server through their opening handshake, with the options each side's permessage-deflate is given. */
async function connect(clientOptions: DeflateOptions | null, serverOptions: DeflateOptions | null, maxMessageSize?: number) {
  const client = new ClientConnection(
    await createClientHandshake('ws://example.com/', clientOptions === null ? {} : { extensions: [perMessageDeflateClientOffer(clientOptions)] }),
    {
      random: fixedRandom(),
      ...(clientOptions !== null && { extensionsImplemented: [perMessageDeflateClient({ ...clientOptions, codec, threshold: 0 })] }),
      ...(maxMessageSize !== undefined && { maxMessageSize }),
    },
  );
  const server = new ServerConnection({
    ...(serverOptions !== null && { extensionsImplemented: [perMessageDeflateServer({ ...serverOptions, codec, threshold: 0 })] }),
    ...(maxMessageSize !== undefined && { maxMessageSize }),
  });
  const request = client.dataToSend();
  for (const bytes of request) server.receiveData(bytes);
  expect(server.events().map((e) => e.type)).toEqual(['request']);
  await server.accept();
  const response = server.dataToSend();
  const head = latin1(concatBytes(...response));
  for (const bytes of response) client.receiveData(bytes);
  const [open] = client.events();
  return { client, server, head, open, requestHead: latin1(concatBytes(...request)) };
}

function perMessageDeflateClientOffer(options: DeflateOptions): string {
  const offer = perMessageDeflateClient({ ...options, codec }).offer();
  return [offer.name, ...offer.params.map(([n, v]) => (v === null ? n : `${n}=${v}`))].join('; ');
}

describe('negotiation in the opening handshake [rfc6455#section-9.1-7]', () => {
  it('offers and accepts permessage-deflate; the client sees the accepted value', async () => {
    const { head, open, requestHead } = await connect({}, {});
    expect(requestHead).toContain('\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n');
    expect(head).toContain('\r\nSec-WebSocket-Extensions: permessage-deflate\r\n');
    expect(open).toMatchObject({ type: 'open', extensions: 'permessage-deflate' });
  });

  it('accepts nothing when the server does not implement it [rfc6455#section-9-1]', async () => {
    const { head, open, client } = await connect({}, null);
    expect(head).not.toMatch(/Sec-WebSocket-Extensions/i);
    expect(open).toMatchObject({ type: 'open', extensions: null });
    expect(client.extensions).toEqual([]);
  });

  it('fails the client on a response with a parameter RFC 7692 does not define', async () => {
    const client = new ClientConnection(await createClientHandshake('ws://example.com/', { extensions: ['permessage-deflate'] }), {
      extensionsImplemented: [perMessageDeflateClient({ codec })],
    });
    const request = latin1(concatBytes(...client.dataToSend()));
    const key = /Sec-WebSocket-Key: (\S+)/.exec(request)![1]!;
    const { computeAccept, webCryptoSha1 } = await import('../../src/protocol/index.ts');
    const accept = await computeAccept(key, webCryptoSha1);
    client.receiveData(
      new TextEncoder().encode(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Extensions: permessage-deflate; foo=1\r\n\r\n`,
      ),
    );
    expect(client.events()).toMatchObject([{ type: 'error', error: { code: 'WS_ERR_INVALID_EXTENSIONS' } }]);
  });
});

describe('compressed messages', () => {
  it('sends RSV1 on a compressed message and delivers it inflated, both ways', async () => {
    const { client, server } = await connect({}, {});
    const message = 'Hello, permessage-deflate! '.repeat(50);
    client.sendText(message);
    const [clientFrame] = client.dataToSend();
    // FIN + RSV1 + Text, masked; much shorter than the text.
    expect(clientFrame![0]).toBe(0xc1);
    expect(clientFrame!.length).toBeLessThan(100);
    server.receiveData(clientFrame!.slice());
    expect(server.events()).toEqual([{ type: 'text', data: message }]);
    server.sendBinary(new Uint8Array(70_000).fill(3));
    const events = pump(server, client);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'binary' });
    expect(new Uint8Array((events[0] as { data: Uint8Array }).data)).toEqual(new Uint8Array(70_000).fill(3));
  });

  it('sets RSV1 on the first fragment only, and reassembles a fragmented compressed message', async () => {
    const { client, server } = await connect({}, {});
    client.sendText('Hello, ', false);
    client.sendContinuation('world', true);
    const frames = client.dataToSend();
    expect(frames[0]![0]! & 0x40).toBe(0x40);
    expect(frames[1]![0]! & 0x40).toBe(0);
    for (const frame of frames) server.receiveData(frame.slice());
    expect(server.events()).toEqual([{ type: 'text', data: 'Hello, world' }]);
  });

  it('reads a compressed message in fragments, and an uncompressed one beside it', async () => {
    const { client } = await connect({}, {});
    const deflated = deflateRawSync(text('Hello, world'), { finishFlush: constants.Z_SYNC_FLUSH });
    const body = deflated.subarray(0, deflated.length - 4);
    const frames = [
      encodeFrame({ fin: false, rsv1: true, rsv2: false, rsv3: false, opcode: Opcode.Text, payload: body.subarray(0, 3) }),
      encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: Opcode.Ping, payload: text('p') }),
      encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: Opcode.Continuation, payload: body.subarray(3) }),
      encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: Opcode.Text, payload: text('plain') }),
    ];
    client.receiveData(concatBytes(...frames));
    expect(client.events()).toMatchObject([
      { type: 'ping' },
      { type: 'text', data: 'Hello, world' },
      { type: 'text', data: 'plain' },
    ]);
  });

  it('compresses even an empty message with threshold 0: RSV1 and the payload 0x00 (RFC 7692 §7.2.3.6)', async () => {
    const { server } = await connect({}, {});
    server.sendText('');
    expect([...server.dataToSend()[0]!]).toEqual([0xc1, 0x01, 0x00]);
  });
});

describe('failures', () => {
  async function serverReceiving(frame: Uint8Array, maxMessageSize?: number) {
    const { server } = await connect({}, {}, maxMessageSize);
    server.receiveData(frame);
    return server.events();
  }
  const masked = (fields: { fin?: boolean; rsv1?: boolean; rsv2?: boolean; opcode: number; payload: Uint8Array }) =>
    encodeFrame({ fin: fields.fin ?? true, rsv1: fields.rsv1 ?? false, rsv2: fields.rsv2 ?? false, rsv3: false, opcode: fields.opcode, payload: fields.payload }, Uint8Array.of(1, 2, 3, 4));

  it('fails with 1002 on RSV1 on a control frame (RFC 7692 §6) [rfc6455#section-5.2-3.2]', async () => {
    const events = await serverReceiving(masked({ rsv1: true, opcode: Opcode.Ping, payload: new Uint8Array(0) }));
    expect(events).toMatchObject([{ type: 'error', error: { closeCode: 1002 } }]);
  });

  it('fails with 1002 on RSV1 on a continuation frame (RFC 7692 §6) [rfc6455#section-5.2-3.2]', async () => {
    const events = await serverReceiving(
      concatBytes(masked({ fin: false, opcode: Opcode.Binary, payload: text('a') }), masked({ rsv1: true, opcode: Opcode.Continuation, payload: text('b') })),
    );
    expect(events).toMatchObject([{ type: 'error', error: { closeCode: 1002 } }]);
  });

  it('fails with 1002 on RSV2, which permessage-deflate does not define [rfc6455#section-5.2-3.2]', async () => {
    const events = await serverReceiving(masked({ rsv2: true, opcode: Opcode.Text, payload: text('a') }));
    expect(events).toMatchObject([{ type: 'error', error: { code: 'WS_ERR_UNEXPECTED_RSV', closeCode: 1002 } }]);
  });

  it('fails with 1007 on a compressed message that is not DEFLATE', async () => {
    const events = await serverReceiving(masked({ rsv1: true, opcode: Opcode.Binary, payload: Uint8Array.of(0xff, 0xff, 0xff) }));
    expect(events).toMatchObject([{ type: 'error', error: { code: 'WS_ERR_INVALID_COMPRESSED_DATA', closeCode: 1007 } }]);
  });

  it('fails with 1009 on a message that inflates past the limit, stopping at the limit [rfc6455#section-10.4-1]', async () => {
    const bomb = deflateRawSync(new Uint8Array(32 * 1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
    const events = await serverReceiving(masked({ rsv1: true, opcode: Opcode.Binary, payload: bomb.subarray(0, bomb.length - 4) }), 1024 * 1024);
    expect(events).toMatchObject([{ type: 'error', error: { code: 'WS_ERR_MESSAGE_TOO_BIG', closeCode: 1009 } }]);
  });

  it('fails with 1002 on RSV1 when permessage-deflate was not negotiated [rfc6455#section-5.2-3.2]', async () => {
    const { server } = await connect(null, null);
    server.receiveData(masked({ rsv1: true, opcode: Opcode.Text, payload: text('a') }));
    expect(server.events()).toMatchObject([{ type: 'error', error: { code: 'WS_ERR_UNEXPECTED_RSV', closeCode: 1002 } }]);
  });
});
