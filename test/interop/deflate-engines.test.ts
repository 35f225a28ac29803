/**
 * permessage-deflate (RFC 7692) between our server and the WebSocket of
 * real engines, each offering it as the WHATWG standard has them do
 * (establish steps 9-10): Node's undici, headless Chromium, headless
 * Firefox. The same script runs in each: text and binary messages of
 * several sizes, up to 1 MiB, each twice (the second can refer back into
 * the first), echoed and compared; our server counts the bytes on the
 * wire, which shows that both directions were compressed.
 */
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, engineMissing } from '../../src/engines/index.ts';
import type { BrowserSession } from '../../src/engines/index.ts';
import { serverDeflate } from '../../src/node/deflate.ts';
import { listen } from '../../src/node/index.ts';
import { WebSocket as OurWebSocket } from '../../src/api/index.ts';
import type { RunningServer } from '../../src/node/index.ts';
import { inPage, openEchoSocket } from '../support/page-echo.ts';
import type { OpenEchoSocket } from '../support/page-echo.ts';

const SIZES = [0, 125, 1500, 65_536, 200_000, 1024 * 1024];

interface EchoReport {
  extensions: string;
  failures: string[];
  code: number;
  wasClean: boolean;
  /** Payload bytes sent, in both kinds of message. */
  sent: number;
}

/**
 * Runs in the engine (so it uses nothing from this module but the
 * `openEchoSocket` it is given): echoes every size as text and as bytes,
 * twice, and reports. The content repeats with a short period, so that it
 * compresses whatever the window.
 */
async function echoAll(openEchoSocket: OpenEchoSocket, url: string, sizes: number[], Implementation: typeof WebSocket = WebSocket): Promise<EchoReport> {
  const { ws, next } = await openEchoSocket(url, undefined, Implementation);
  const failures: string[] = [];
  let sent = 0;
  for (const size of sizes) {
    for (let round = 0; round < 2; round++) {
      const text = 'deflate é '.repeat(Math.ceil(size / 11)).slice(0, size);
      ws.send(text);
      if ((await next()) !== text) failures.push(`text ${size}`);
      const bytes = new Uint8Array(size).map((_, i) => (i * 7) % 61);
      ws.send(bytes);
      const echoed = new Uint8Array((await next()) as ArrayBuffer);
      if (echoed.length !== size || echoed.some((b, i) => b !== bytes[i])) failures.push(`binary ${size}`);
      sent += new TextEncoder().encode(text).length + size;
    }
  }
  const extensions = ws.extensions;
  ws.close(1000, 'done');
  const close = await new Promise<CloseEvent>((resolve) => (ws.onclose = resolve));
  return { extensions, failures, code: close.code, wasClean: close.wasClean, sent };
}

let server: RunningServer;
const sockets: Socket[] = [];
/** The Sec-WebSocket-Extensions offer of each connection, as our server parsed it. */
const offers: string[] = [];
beforeAll(async () => {
  server = await listen({ ...serverDeflate({ threshold: 0 }) });
  server.http.on('connection', (socket: Socket) => sockets.push(socket));
  server.wss.on('connection', (ws, handshake) => {
    offers.push(handshake.extensions.map((e) => [e.name, ...e.params.map(([n, v]) => (v === null ? n : `${n}=${v}`))].join('; ')).join(', '));
    ws.on('message', (data) => ws.send(data));
    ws.on('error', () => {});
  });
});
afterAll(async () => {
  await server?.close();
});

/** Bytes our server read and wrote on the connection opened last. */
function wireBytes(): { read: number; written: number } {
  const socket = sockets.at(-1)!;
  return { read: socket.bytesRead, written: socket.bytesWritten };
}

function expectCompressedEcho(report: EchoReport, peerCompresses: boolean): void {
  expect(report.failures).toEqual([]);
  expect(offers.at(-1)).toMatch(/^permessage-deflate/);
  expect(report.extensions).toMatch(/^permessage-deflate/);
  expect([report.code, report.wasClean]).toEqual([1000, true]);
  // Our messages took a small part of their size on the wire; the engine's
  // too, if it compresses what it sends (RFC 7692 §6 leaves that to each).
  const { read, written } = wireBytes();
  expect(written).toBeLessThan(report.sent / 4);
  if (peerCompresses) expect(read).toBeLessThan(report.sent / 4);
  else expect(read).toBeGreaterThan(report.sent);
}

describe('permessage-deflate with our server [rfc6455#section-9-1, whatwg#concept-websocket-establish-step-10]', () => {
  it("Node's undici offers it and reads our compressed messages (it sends its own uncompressed)", async () => {
    const report = await echoAll(openEchoSocket, server.url, SIZES);
    expectCompressedEcho(report, false);
  });

  it('our WHATWG WebSocket class offers it, and both directions are compressed [whatwg#concept-websocket-establish-step-9]', async () => {
    const report = await echoAll(openEchoSocket, server.url, SIZES, OurWebSocket as unknown as typeof WebSocket);
    expectCompressedEcho(report, true);
  });

  describe.each(['chromium', 'firefox'] as const)('%s', (engine) => {
    const missing = engineMissing(engine);
    let session: BrowserSession;
    beforeAll(async () => {
      if (missing === null) session = await launchBrowser(engine);
    }, 60_000);
    afterAll(async () => {
      await session?.close();
    });

    it.skipIf(missing !== null)('offers it, and both directions are compressed', async () => {
      // Any page of the server's origin: the script needs a document, not content.
      const page = await session.openPage(`${server.url.replace('ws:', 'http:')}page`);
      try {
        const report = await page.evaluate<EchoReport>(inPage(echoAll, server.url, SIZES), 60_000);
        expectCompressedEcho(report, true);
      } finally {
        await page.close();
      }
    }, 90_000);
  });
});
