/**
 * Every engine of the evidence starts here and tells its version: the
 * browsers through their drivers (Playwright, puppeteer-core over
 * WebDriver BiDi, WebKitWebDriver), WebKit also directly with its console,
 * Bun and Deno through the evaluation host. In CI (CI=true) a missing
 * engine fails; elsewhere it is skipped with the command that installs it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineMissing, launchBrowser, launchWebKitConsole, openRuntime, parseWebKitConsoleLine, runRuntimeScript } from '../../src/engines/index.ts';
import type { BrowserEngineId, EngineId } from '../../src/engines/index.ts';

const CI = process.env['CI'] === 'true';

/** Skips (loudly) outside CI when the engine is missing; fails in CI. */
function available(id: EngineId): boolean {
  const missing = engineMissing(id);
  if (missing === null) return true;
  if (CI) throw new Error(`${id} is missing in CI: ${missing.reason}; install: ${missing.install}`);
  console.warn(`ENGINE MISSING: ${id} (${missing.reason}); install it with: ${missing.install}`);
  return false;
}

// A page that logs a line to the console and includes the WebKit bridge when asked to.
let server: ReturnType<typeof createServer>;
let origin = '';
let bridge = '';
beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><title>engine</title>${bridge === '' ? '' : `<script src="${bridge}"></script>`}<script>console.log('page loaded')</script></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const VERSION = /^\d+\.\d+(\.\d+)?/;

describe.each(['chromium', 'firefox', 'webkit'] as const)('%s', (id: BrowserEngineId) => {
  it.runIf(available(id))('launches, reports its version, evaluates a promise in a page, navigates it, and closes', async () => {
    const session = await launchBrowser(id);
    try {
      expect(session.info.id).toBe(id);
      expect(session.info.version).toMatch(VERSION);
      const page = await session.openPage(`${origin}/`);
      const agent = await page.evaluate<string>('new Promise((resolve) => setTimeout(() => resolve(navigator.userAgent), 10))');
      expect(agent).toMatch(/Mozilla\/5\.0/);
      expect(await page.evaluate<number>('typeof WebSocket === "function" ? 1 : 0')).toBe(1);
      await expect(page.evaluate('Promise.reject(new Error("refused on purpose"))')).rejects.toThrow(/refused on purpose/);
      // Chromium and Firefox pass the page's console on; WebKitWebDriver has none (see webkit-console.ts).
      if (id !== 'webkit') expect(page.consoleLines()).toContain('log: page loaded');
      // goto(): the same page, a new document (the WPT run's test window); a window the old one opened is closed.
      await page.evaluate('(self.leftBehind = 1, window.open(location.origin + "/popup"), 1)');
      await page.goto(`${origin}/second`);
      expect(await page.evaluate<string>('location.pathname + ":" + typeof self.leftBehind')).toBe('/second:undefined');
      if (id !== 'webkit') expect(page.consoleLines()).toEqual(['log: page loaded']);
      await page.close();
    } finally {
      await session.close();
    }
  }, 90_000);
});

describe('webkit with its console (MiniBrowser launched directly)', () => {
  it('reads WebKit\'s console lines', () => {
    expect(parseWebKitConsoleLine("http://127.0.0.1:4000/:1:94: CONSOLE NETWORK ERROR WebSocket connection to 'ws://x/' failed: The server did not accept the WebSocket handshake.")).toBe(
      "error: WebSocket connection to 'ws://x/' failed: The server did not accept the WebSocket handshake.",
    );
    expect(parseWebKitConsoleLine('http://127.0.0.1:4000/:1:51: CONSOLE LOG page loaded')).toBe('log: page loaded');
    expect(parseWebKitConsoleLine('(MiniBrowser:123): Gtk-WARNING **: something')).toBeNull();
  });

  it.runIf(available('webkit'))('drives a page through the bridge and records WebKit\'s own WebSocket message', async () => {
    const session = await launchWebKitConsole();
    bridge = session.bridgeScript;
    try {
      expect(session.info.version).toMatch(VERSION);
      const page = await session.openPage(`${origin}/`);
      // The page's origin refuses WebSocket handshakes (it answers 200): WebKit says so in its console.
      const code = await page.evaluate<number>(`new Promise((resolve) => { const ws = new WebSocket(${JSON.stringify(origin.replace('http', 'ws'))} + '/no'); ws.onclose = (event) => resolve(event.code); })`);
      expect(code).toBe(1006);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(page.consoleLines(), JSON.stringify(page.consoleLines())).toContain('log: page loaded');
      expect(page.consoleLines().some((line) => /^error: WebSocket connection to .* failed/.test(line))).toBe(true);
      await page.goto(`${origin}/second`);
      expect(await page.evaluate<string>('location.pathname')).toBe('/second');
      await page.close();
    } finally {
      bridge = '';
      await session.close();
    }
  }, 90_000);
});

describe.each(['bun', 'deno'] as const)('%s', (id) => {
  it.runIf(available(id))('evaluates expressions with its own WebSocket and reports its version and console', async () => {
    const runtime = await openRuntime(id);
    try {
      expect(runtime.info.version).toMatch(VERSION);
      expect(await runtime.evaluate<string>('typeof WebSocket')).toBe('function');
      expect(await runtime.evaluate<number>('new Promise((resolve) => setTimeout(() => resolve(6 * 7), 10))')).toBe(42);
      await expect(runtime.evaluate('Promise.reject(new Error("refused on purpose"))')).rejects.toThrow(/refused on purpose/);
      await runtime.evaluate('console.log("from the runtime")');
      expect(runtime.consoleLines()).toContain('log: from the runtime');
    } finally {
      await runtime.close();
    }
  }, 60_000);

  it.runIf(available(id))('runs a script file to its end with arguments', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wsspec-engine-'));
    try {
      const file = join(dir, 'args.js');
      await writeFile(file, 'const args = globalThis.Deno ? Deno.args : process.argv.slice(2);\nconsole.log(JSON.stringify({ args, ws: typeof WebSocket }));\n');
      const result = await runRuntimeScript(id, file, ['a', 'b c']);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ args: ['a', 'b c'], ws: 'function' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
