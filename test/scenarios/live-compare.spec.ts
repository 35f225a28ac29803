/**
 * The "Proven by" of the WebSocket API issue: a page of the site connects
 * to a refusing server with the browser's WebSocket and with ours (bundled
 * into the page, through the relay), and both scripts show the same 1006
 * and nothing more.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startLiveServers } from '../../src/evidence/live-servers.ts';
import type { LiveServers } from '../../src/evidence/live-servers.ts';

const SITE_DIR = resolve(process.env['WSSPEC_SITE_DIR'] ?? 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

let site: Server;
let siteUrl: string;
let live: LiveServers;

/** A static server of the built site, its own, on an ephemeral port. */
async function serveSite(): Promise<Server> {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    let path = normalize(join(SITE_DIR, decodeURIComponent(pathname)));
    if (!path.startsWith(SITE_DIR)) return void response.writeHead(403).end();
    if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
    const body = await readFile(path).catch(() => null);
    if (body === null) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

test.beforeAll(async () => {
  site = await serveSite();
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  live = await startLiveServers({ serverPort: 0, relayPort: 0 });
});

test.afterAll(async () => {
  await live?.close();
  await new Promise<void>((done) => (site ? site.close(() => done()) : done()));
});

function pageUrl(server: string, run: boolean): string {
  const url = new URL('/live/compare/', siteUrl);
  url.searchParams.set('server', server);
  url.searchParams.set('relay', live.relay.url);
  if (run) url.searchParams.set('run', '1');
  return url.href;
}

async function observed(page: Page, implementation: 'browser' | 'wsspec'): Promise<string[]> {
  return page.locator(`[data-implementation="${implementation}"] .live-compare__observed li`).allTextContents();
}

const FAILED = ['event error Event readyState=3', 'event close CloseEvent readyState=3 code=1006 reason="" wasClean=false'];

test('a refusal with 403: both scripts see error, then close 1006, and nothing about 403 [whatwg#feedback-from-the-protocol-11, whatwg#concept-websocket-establish-step-11.1, whatwg#closeWebSocket-step-3]', async ({ page }) => {
  const consoleMessages: string[] = [];
  page.on('console', (message) => consoleMessages.push(message.text()));
  await page.goto(pageUrl(live.refusingUrl, true));
  await expect(page.locator('.live-compare')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  const browser = await observed(page, 'browser');
  const ours = await observed(page, 'wsspec');
  expect(browser).toEqual(FAILED);
  expect(ours).toEqual(FAILED);
  expect([...browser, ...ours].join('\n')).not.toContain('403');
  await expect(page.locator('[data-field="verdict"]')).toHaveText('Both scripts observed exactly the same events, with the same fields.');
  // Where the status went: Chromium's console, our diagnostics; never the script.
  await expect(page.locator('.live-compare__diagnostics li')).toContainText(['Unexpected response code: 403']);
  expect(consoleMessages.join('\n')).toContain('Unexpected response code: 403');
});

test('the form runs the comparison for another status, 401 [whatwg#feedback-from-the-protocol-13]', async ({ page }) => {
  await page.goto(pageUrl(live.refusingUrl, false));
  await expect(page.locator('.live-compare__status')).toHaveText('Not run yet.');
  await page.getByLabel('WebSocket server').fill(`${live.server.url}refuse/401`);
  await page.getByRole('button', { name: 'Connect with both' }).click();
  await expect(page.locator('.live-compare')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  expect(await observed(page, 'browser')).toEqual(FAILED);
  expect(await observed(page, 'wsspec')).toEqual(FAILED);
  expect(new URL(page.url()).searchParams.get('server')).toBe(`${live.server.url}refuse/401`);
});

test('a server that accepts: both open, the script closes, both see 1005 and a clean close [whatwg#dom-websocket-close-step-3-2.3-3]', async ({ page }) => {
  await page.goto(pageUrl(`${live.server.url}echo`, true));
  await expect(page.locator('.live-compare')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  const opened = ['event open Event readyState=1', 'event close CloseEvent readyState=3 code=1005 reason="" wasClean=true'];
  expect(await observed(page, 'browser')).toEqual(opened);
  expect(await observed(page, 'wsspec')).toEqual(opened);
});

test('axe finds no accessibility violations on the page, before and after a run', async ({ page }) => {
  await page.goto(pageUrl(live.refusingUrl, false));
  const before = await new AxeBuilder({ page }).analyze();
  expect(before.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
  await page.getByRole('button', { name: 'Connect with both' }).click();
  await expect(page.locator('.live-compare')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  const after = await new AxeBuilder({ page }).analyze();
  expect(after.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page renders, explains what it does and how to run the servers', async ({ page }) => {
    await page.goto(pageUrl(live.refusingUrl, true));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("The browser's WebSocket and ours, side by side");
    await expect(page.locator('.live-compare__noscript')).toContainText('it needs JavaScript');
    await expect(page.getByLabel('WebSocket server')).toHaveValue('ws://127.0.0.1:9403/refuse/403');
    await expect(page.locator('main')).toContainText('node src/evidence/live-servers.ts');
    await expect(page.locator('.live-compare__observed')).toHaveCount(2);
    await expect(page.locator('.live-compare__observed li')).toHaveCount(0);
  });
});
