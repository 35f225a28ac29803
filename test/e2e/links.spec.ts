/**
 * Links of the built site: every internal link and anchor of dist/ resolves;
 * and the site built for a base path (`WSSPEC_BASE=/wsspec/`, a GitHub Pages
 * project site) keeps every link, search result and download under it.
 *
 * The base-path test builds the site a second time, into a directory of its
 * own: it is tagged @base-path and runs in its own Playwright project after
 * all the others (playwright.config.ts), so the build never competes with
 * the browser tests for the CPU. On its own (after `npm run build`):
 *   npx playwright test --project base-path --no-deps
 */
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkLinks } from '../../src/site/check/links.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');

test('every internal link and anchor of the built site resolves', async () => {
  const report = await checkLinks(dist);
  expect(report.pages).toBeGreaterThan(10);
  expect(report.links).toBeGreaterThan(1000);
  expect(report.broken, JSON.stringify(report.broken.slice(0, 20), null, 2)).toEqual([]);
});

const BASE = '/wsspec/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** A static server that, like a project site on GitHub Pages, serves `dir` at BASE and nothing at `/`. */
async function serveUnderBase(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const path = pathname.startsWith(BASE) ? normalize(join(dir, decodeURIComponent(pathname.slice(BASE.length)))) : null;
    for (const candidate of path && path.startsWith(dir) ? [path, join(path, 'index.html')] : []) {
      if ((await stat(candidate).catch(() => null))?.isFile()) {
        response.writeHead(200, { 'Content-Type': TYPES[extname(candidate)] ?? 'application/octet-stream' });
        response.end(await readFile(candidate));
        return;
      }
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not under ${BASE}: ${pathname}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test.describe('a build for a base path @base-path', () => {
  test.describe.configure({ mode: 'serial' });
  let outDir: string;
  let served: { server: Server; origin: string };

  test.beforeAll(async () => {
    // The build's own time; the tests keep the default timeout.
    test.setTimeout(15 * 60_000);
    outDir = await mkdtemp(join(tmpdir(), 'wsspec-base-'));
    await promisify(execFile)(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
      cwd: root,
      env: { ...process.env, WSSPEC_BASE: BASE },
      maxBuffer: 64 * 1024 * 1024,
    });
    served = await serveUnderBase(outDir);
  });

  test.afterAll(async () => {
    await new Promise((resolve) => served?.server.close(resolve));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  test('every internal link and anchor stays under the base path and resolves', async () => {
    const report = await checkLinks(outDir, { base: BASE });
    expect(report.pages).toBeGreaterThan(10);
    expect(report.links).toBeGreaterThan(1000);
    expect(report.broken, JSON.stringify(report.broken.slice(0, 20), null, 2)).toEqual([]);
  });

  test('the JSON downloads give permalinks under the base path', async () => {
    const corpus = JSON.parse(await readFile(join(outDir, 'corpus/rfc6455.json'), 'utf8')) as { clauses: { url: string; html?: string }[] };
    expect(corpus.clauses.length).toBeGreaterThan(100);
    for (const clause of corpus.clauses) {
      expect(clause.url.startsWith(`${BASE}rfc6455/`), clause.url).toBe(true);
      for (const [, href] of (clause.html ?? '').matchAll(/ href="(\/[^"]*)"/g)) expect(href!.startsWith(BASE), href).toBe(true);
    }
    const matrix = JSON.parse(await readFile(join(outDir, 'matrix.json'), 'utf8')) as { rows: unknown[] };
    expect(matrix.rows.length).toBeGreaterThan(200);
  });

  test('pages, navigation and search results work when the site is served under the base path', async ({ page }) => {
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${served.origin}${BASE}`);
    await page.locator(`a[href="${BASE}matrix/"]`).first().click();
    await expect(page).toHaveURL(`${served.origin}${BASE}matrix/`);
    await expect(page.locator('table.matrix tbody tr[data-status]').first()).toBeVisible();
    // A filtered view's link stays under the base path.
    await page.getByLabel('Status').selectOption('not-applicable');
    await expect(page.locator('.matrix-link')).toHaveAttribute('href', `${BASE}matrix/?status=not-applicable`);
    // Search (Pagefind, loaded from the base path) links its results under it.
    await page.getByRole('button', { name: /^Search/ }).click();
    await page.locator('.pagefind-ui__search-input').fill('Sec-WebSocket-Accept');
    const result = page.locator('.pagefind-ui__result-link').first();
    await expect(result).toBeVisible({ timeout: 15_000 });
    for (const href of await page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))) {
      expect(href.startsWith(BASE), href).toBe(true);
    }
    await result.click();
    await expect(page).toHaveURL(new RegExp(`^${served.origin}${BASE}`));
    expect(failed).toEqual([]);
  });
});
