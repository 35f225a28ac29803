/**
 * permessage-deflate (RFC 7692) against ws's `perMessageDeflate`, both
 * ways: our server with ws as the client, ws's server with our client;
 * with and without context takeover, with limited windows; text and
 * binary messages of several sizes up to 1 MiB, each sent three times so
 * that a message can refer back into the one before it.
 */
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { PerMessageDeflateOptions, RawData } from 'ws';
import { clientDeflate, serverDeflate } from '../../src/node/deflate.ts';
import type { NodePerMessageDeflateOptions } from '../../src/node/deflate.ts';
import { listen, open } from '../../src/node/index.ts';
import type { RunningServer } from '../../src/node/index.ts';
import { bytesOf, textOf, within } from './support.ts';

/** Sizes around the threshold and the 16- and 64-bit length forms, and one above 64 KiB of both kinds of content. */
const SIZES = [0, 1, 1500, 65_536, 200_000, 1024 * 1024];

/** Compressible text, and bytes that only just compress. */
const textMessage = (size: number) => textOf(size);
const binaryMessage = (size: number) => bytesOf(size, size & 0xff);

const cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const asBytes = (data: RawData) => new Uint8Array(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]));

/** Our echo server accepting permessage-deflate with `options`. */
async function ourServer(options: NodePerMessageDeflateOptions): Promise<RunningServer> {
  const server = await listen({ ...serverDeflate(options) });
  server.wss.on('connection', (ws) => {
    ws.on('message', (data) => ws.send(data));
    ws.on('error', () => {});
  });
  cleanup.push(() => server.close());
  return server;
}

/** ws's echo server with `perMessageDeflate` options. */
async function wsServer(perMessageDeflate: PerMessageDeflateOptions): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate });
  server.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  await once(server, 'listening');
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  for (const ws of server.clients) ws.terminate();
  cleanup.push(() => {
    for (const ws of server.clients) ws.terminate();
  });
  const { port } = server.address() as { port: number };
  return `ws://127.0.0.1:${port}/`;
}

describe('our server, ws as the client (RFC 7692)', () => {
  const variants: Array<[string, NodePerMessageDeflateOptions, PerMessageDeflateOptions, RegExp]> = [
    ['defaults: context takeover both ways', { threshold: 0 }, { threshold: 0 }, /^permessage-deflate$/],
    [
      'no context takeover, asked by the client',
      { threshold: 0 },
      { threshold: 0, serverNoContextTakeover: true, clientNoContextTakeover: true },
      /server_no_context_takeover.*client_no_context_takeover/,
    ],
    ['limited windows: server 9 of 10 offered, client 10', { threshold: 0, serverMaxWindowBits: 9, clientMaxWindowBits: 10 }, { threshold: 0, serverMaxWindowBits: 10 }, /server_max_window_bits=9.*client_max_window_bits=10/],
    ['the smallest windows, 8 bits, without takeover', { threshold: 0, serverMaxWindowBits: 8, clientMaxWindowBits: 8, serverNoContextTakeover: true }, { threshold: 0 }, /server_no_context_takeover.*server_max_window_bits=8.*client_max_window_bits=8/],
    ['the default threshold of 1 KiB on both sides', {}, {}, /^permessage-deflate$/],
  ];

  for (const [name, ours, theirs, accepted] of variants) {
    it(`echoes every size compressed, ${name} [rfc6455#section-9-1]`, async () => {
      const server = await ourServer(ours);
      const ws = new WebSocket(server.url, { perMessageDeflate: theirs });
      cleanup.push(() => ws.terminate());
      let socket: Socket | null = null;
      let header = '';
      ws.on('upgrade', (response) => {
        socket = response.socket as Socket;
        header = String(response.headers['sec-websocket-extensions'] ?? '');
      });
      await within(5000, 'open', (resolve, reject) => {
        ws.once('open', () => resolve(undefined));
        ws.once('error', reject);
      });
      // ws.extensions lists names only: the parameters are read from the 101.
      expect(ws.extensions).toBe('permessage-deflate');
      expect(header).toMatch(accepted);
      for (const size of SIZES) {
        for (let round = 0; round < 3; round++) {
          const text = textMessage(size);
          ws.send(text);
          const echoedText = await within<{ data: RawData; isBinary: boolean }>(10_000, 'text', (resolve) => ws.once('message', (data, isBinary) => resolve({ data, isBinary })));
          expect(echoedText.isBinary).toBe(false);
          expect(echoedText.data.toString()).toBe(text);
          const bytes = binaryMessage(size);
          ws.send(bytes);
          const echoed = await within<{ data: RawData; isBinary: boolean }>(10_000, 'binary', (resolve) => ws.once('message', (data, isBinary) => resolve({ data, isBinary })));
          expect(echoed.isBinary).toBe(true);
          expect(asBytes(echoed.data)).toEqual(bytes);
        }
      }
      // The text (period 10) compresses to almost nothing; the bytes
      // (period 256) only with a window wider than 256 bytes: either way the
      // echoes took far fewer bytes than they carry.
      const total = SIZES.reduce((sum, size) => sum + 6 * size, 0);
      expect(socket!.bytesRead).toBeLessThan(total * 0.6);
      ws.close(1000);
      await within(5000, 'close', (resolve) => ws.once('close', (code) => resolve(code)));
    });
  }

  it('declines an invalid offer and then talks uncompressed [rfc6455#section-9-1]', async () => {
    const server = await ourServer({});
    const ws = new WebSocket(server.url, { headers: { 'Sec-WebSocket-Extensions': 'permessage-deflate; server_max_window_bits=7' }, perMessageDeflate: false });
    cleanup.push(() => ws.terminate());
    await within(5000, 'open', (resolve, reject) => {
      ws.once('open', () => resolve(undefined));
      ws.once('error', reject);
    });
    expect(ws.extensions).toBe('');
    ws.send('plain');
    const echoed = await within<RawData>(5000, 'echo', (resolve) => ws.once('message', (data) => resolve(data)));
    expect(echoed.toString()).toBe('plain');
  });
});

describe('ws as the server, our client (RFC 7692)', () => {
  const variants: Array<[string, PerMessageDeflateOptions, NodePerMessageDeflateOptions, RegExp]> = [
    ['defaults: context takeover both ways', { threshold: 0 }, { threshold: 0 }, /^permessage-deflate(; client_max_window_bits=15)?$/],
    ['no context takeover, asked by our client', { threshold: 0 }, { threshold: 0, serverNoContextTakeover: true, clientNoContextTakeover: true }, /server_no_context_takeover/],
    ['no context takeover, imposed by the server', { threshold: 0, serverNoContextTakeover: true, clientNoContextTakeover: true }, { threshold: 0 }, /server_no_context_takeover.*client_no_context_takeover/],
    ['limited windows', { threshold: 0, serverMaxWindowBits: 10, clientMaxWindowBits: 9 }, { threshold: 0, serverMaxWindowBits: 12 }, /(?=.*server_max_window_bits=10)(?=.*client_max_window_bits=9)/],
    ['8-bit windows', { threshold: 0, serverMaxWindowBits: 8, clientMaxWindowBits: 8 }, { threshold: 0 }, /(?=.*server_max_window_bits=8)(?=.*client_max_window_bits=8)/],
  ];

  for (const [name, theirs, ours, accepted] of variants) {
    it(`sends and reads every size compressed, ${name} [rfc6455#section-9.1-7]`, async () => {
      const url = await wsServer(theirs);
      const client = await open(url, clientDeflate(ours));
      cleanup.push(() => client.terminate?.());
      expect(client.extensions).toMatch(accepted);
      for (const size of SIZES) {
        for (let round = 0; round < 3; round++) {
          const text = textMessage(size);
          client.send(text);
          expect(await within<string | Uint8Array>(10_000, 'text', (resolve) => client.once('message', resolve))).toBe(text);
          const bytes = binaryMessage(size);
          client.send(bytes);
          expect(new Uint8Array((await within<string | Uint8Array>(10_000, 'binary', (resolve) => client.once('message', resolve))) as Uint8Array)).toEqual(bytes);
        }
      }
      client.close(1000);
      await within(5000, 'close', (resolve) => client.once('close', resolve));
    });
  }
});
