/**
 * Our server, headless Chromium as the client: the scripts run in a blank
 * page and report what the browser's WebSocket saw.
 */
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../support/chromium.ts';
import { inPage } from '../support/page-echo.ts';
import type { OpenEchoSocket } from '../support/page-echo.ts';
import { listen } from '../../src/node/index.ts';
import { closeOf, SIZES, startScenarioServer } from './support.ts';

interface EchoResult {
  failures: string[];
  protocol: string;
  code: number;
  reason: string;
  wasClean: boolean;
}

/** Runs in the page: echoes text and bytes of each size, then closes with 1000 "done". */
async function echoEachSize(openEchoSocket: OpenEchoSocket, url: string, sizes: number[]): Promise<EchoResult> {
  const { ws, next } = await openEchoSocket(url, ['chat']);
  const failures: string[] = [];
  for (const size of sizes) {
    const text = 'é' + 'x'.repeat(Math.max(0, size - 2));
    ws.send(size === 0 ? '' : text);
    if ((await next()) !== (size === 0 ? '' : text)) failures.push(`text ${size}`);
    const bytes = new Uint8Array(size).map((_, i) => (i * 31 + 1) & 0xff);
    ws.send(bytes);
    const echoed = new Uint8Array((await next()) as ArrayBuffer);
    if (echoed.length !== size || echoed.some((b, i) => b !== bytes[i])) failures.push(`binary ${size}`);
  }
  const protocol = ws.protocol;
  ws.close(1000, 'done');
  const close = await new Promise<CloseEvent>((resolve) => (ws.onclose = resolve));
  return { failures, protocol, code: close.code, reason: close.reason, wasClean: close.wasClean };
}

let server: Awaited<ReturnType<typeof startScenarioServer>>;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  server = await startScenarioServer();
  browser = await chromium.launch(chromiumLaunchOptions);
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Our server, headless Chromium as client [rfc6455#section-6.1, rfc6455#section-6.2]', () => {
  it('echoes text and binary messages of 0, 125, 126, 65535, 65536 bytes and 4 MiB, and closes cleanly [rfc6455#section-5.2-3.5]', async () => {
    const result = await page.evaluate<EchoResult>(inPage(echoEachSize, `${server.url}echo`, SIZES));
    expect(result).toEqual({ failures: [], protocol: 'chat', code: 1000, reason: 'done', wasClean: true });
  });

  it('sends fragmented messages with a Ping in between, which Chromium reassembles [rfc6455#section-5.4-5.3, rfc6455#section-5.4-5.6]', async () => {
    const messages = await page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      const received: string[] = [];
      await new Promise((resolve) => (ws.onopen = resolve));
      const done = new Promise<void>((resolve) => {
        ws.onmessage = (event) => {
          received.push(typeof event.data === 'string' ? event.data : Array.from(new Uint8Array(event.data)).join(','));
          if (received.length === 2) resolve();
        };
      });
      ws.send('go');
      await done;
      ws.close();
      return received;
    }, `${server.url}fragments`);
    expect(messages).toEqual(['Hello', '1,2,3,4']);
  });

  it('gets the Pong of Chromium for its Ping [rfc6455#section-5.5.2-3, rfc6455#section-5.5.3-3]', async () => {
    const message = await page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      const data = await new Promise<string>((resolve) => (ws.onmessage = (event) => resolve(event.data)));
      ws.close();
      return data;
    }, `${server.url}ping`);
    expect(message).toBe('pong:are you there?');
  });

  it('exchanges close codes and reasons with Chromium both ways [rfc6455#section-5.5.1-5, rfc6455#section-7.1.5-1, rfc6455#section-7.1.6-1]', async () => {
    const serverSide = server.nextConnection();
    const fromClient = page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      await new Promise((resolve) => (ws.onopen = resolve));
      ws.close(4001, 'client says bye');
      const close = await new Promise<CloseEvent>((resolve) => (ws.onclose = resolve));
      return { code: close.code, reason: close.reason, wasClean: close.wasClean };
    }, `${server.url}echo`);
    const serverClosed = closeOf(await serverSide);
    expect(await fromClient).toEqual({ code: 4001, reason: 'client says bye', wasClean: true });
    expect(await serverClosed).toEqual({ code: 4001, reason: 'client says bye', wasClean: true });

    const fromServer = await page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      const close = await new Promise<CloseEvent>((resolve) => (ws.onclose = resolve));
      return { code: close.code, reason: close.reason, wasClean: close.wasClean };
    }, `${server.url}close?code=4002&reason=server%20says%20bye`);
    expect(fromServer).toEqual({ code: 4002, reason: 'server says bye', wasClean: true });
  });

  it('refuses an unknown resource with 404; the page learns only 1006 [rfc6455#section-4.2.2-2.4.2.4]', async () => {
    const refusals: number[] = [];
    server.wss.on('refused', (response) => refusals.push(response.status));
    const result = await page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      const events: string[] = [];
      ws.onerror = () => events.push('error');
      const close = await new Promise<CloseEvent>((resolve) => (ws.onclose = resolve));
      return { events, code: close.code, wasClean: close.wasClean };
    }, `${server.url}nowhere`);
    expect(result).toEqual({ events: ['error'], code: 1006, wasClean: false });
    expect(refusals).toEqual([404]);
  });

  it('refuses an Origin with 403; the page sees an error and 1006, never the status [rfc6455#section-10.2-1, rfc6455#section-4.2.2-2.4.2.1]', async () => {
    const origins: Array<string | null> = [];
    const strict = await listen({
      verifyOrigin: (origin) => {
        origins.push(origin);
        return false;
      },
    });
    const statuses: number[] = [];
    strict.wss.on('refused', (response) => statuses.push(response.status));
    try {
      const result = await page.evaluate(async (url) => {
        const ws = new WebSocket(url);
        const events: string[] = [];
        ws.onerror = () => events.push('error');
        const close = await new Promise<CloseEvent>((resolve) => (ws.onclose = resolve));
        return { events, code: close.code, reason: close.reason, wasClean: close.wasClean };
      }, strict.url);
      expect(result).toEqual({ events: ['error'], code: 1006, reason: '', wasClean: false });
      expect(statuses).toEqual([403]);
      // A blank page has an opaque origin, which Chromium sends as "null".
      expect(origins).toEqual(['null']);
    } finally {
      await strict.close();
    }
  });
});
