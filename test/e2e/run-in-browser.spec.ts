/**
 * "Run in your browser" in Chromium, against the built site: the guide page
 * /guides/run-in-browser/ embeds the island for two clauses and for all
 * cases. Pressing a button loads the case registry (never before), runs the
 * very cases Vitest runs against the bundled src/protocol, and every one
 * passes.
 */
import { test, expect, type Page, type Response } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ALL_CASES, casesFor, CLAUSES_WITH_BROWSER_CASES } from '../protocol/cases/index.ts';

const GUIDE = '/guides/run-in-browser/';
const CLAUSES = ['rfc6455#section-1.3-14', 'rfc6455#section-5.7-1.2.2.1'];
/**
 * A string that only the case code contains: the start of a case title with
 * no character a bundler might escape.
 */
const CASE_MARKER = ALL_CASES.map((c) => c.title.slice(0, 40)).find((start) => /^[A-Za-z0-9 ,.:()-]{40}$/.test(start))!;

/** Records every script the page fetches, with its body. */
function recordScripts(page: Page): Array<{ url: string; body: Promise<string> }> {
  const scripts: Array<{ url: string; body: Promise<string> }> = [];
  page.on('response', (response: Response) => {
    const type = response.request().resourceType();
    if (type === 'script' || response.url().endsWith('.js')) scripts.push({ url: response.url(), body: response.text().catch(() => '') });
  });
  return scripts;
}

async function withCases(scripts: Array<{ url: string; body: Promise<string> }>): Promise<string[]> {
  const urls: string[] = [];
  for (const script of scripts) if ((await script.body).includes(CASE_MARKER)) urls.push(script.url);
  return urls;
}

test('the island names a clause with browser cases, and its button counts them', async ({ page }) => {
  expect(CASE_MARKER.length).toBe(40);
  await page.goto(GUIDE);
  for (const clauseId of CLAUSES) {
    const island = page.locator(`wsspec-run-in-browser[data-clause="${clauseId}"]`);
    const count = casesFor(clauseId).length;
    expect(count).toBeGreaterThan(0);
    await expect(island.getByRole('button')).toHaveText(count === 1 ? 'Run this test in your browser' : `Run these ${count} tests in your browser`);
  }
});

for (const clauseId of CLAUSES) {
  test(`runs the cases of ${clauseId} in the browser, all passing, loading no test code before the click`, async ({ page }) => {
    const scripts = recordScripts(page);
    await page.goto(GUIDE);
    await page.waitForLoadState('networkidle');
    const island = page.locator(`wsspec-run-in-browser[data-clause="${clauseId}"]`);
    const button = island.locator('.run-in-browser__button');
    await expect(button).toBeVisible();

    // Before the click: neither the page nor any script it loaded holds a case.
    expect(await page.content()).not.toContain(CASE_MARKER);
    expect(await withCases(scripts)).toEqual([]);
    const loadedBefore = scripts.length;

    await button.click();
    const expected = casesFor(clauseId);
    const summary = island.getByRole('status');
    await expect(summary).toHaveText(new RegExp(`^${expected.length} passed, 0 failed in \\d+ ms$`));
    await expect(island).toHaveAttribute('data-state', 'passed');

    // Each case is listed, by the same title Vitest reports, as passed.
    const items = island.locator('.run-in-browser__result');
    await expect(items).toHaveCount(expected.length);
    await expect(island.locator('.run-in-browser__result[data-status="passed"]')).toHaveCount(expected.length);
    expect(await island.locator('.run-in-browser__title').allTextContents()).toEqual(expected.map((c) => c.title));
    await expect(island.locator('.run-in-browser__error')).toHaveCount(0);

    // The click loaded the cases: a script fetched after it holds them.
    const after = await withCases(scripts.slice(loadedBefore));
    expect(after.length).toBeGreaterThan(0);

    // It can run again.
    await expect(button).toHaveText('Run again');
    await button.click();
    await expect(summary).toHaveText(new RegExp(`^${expected.length} passed, 0 failed`));
    await expect(items).toHaveCount(expected.length);
  });
}

test('runs every browser case, all passing, under the titles Vitest reports', async ({ page }) => {
  await page.goto(GUIDE);
  const island = page.locator('wsspec-run-in-browser[data-clause="*"]');
  const button = island.getByRole('button');
  await expect(button).toHaveText(`Run all ${ALL_CASES.length} tests in your browser`);
  await button.click();
  await expect(island.getByRole('status')).toHaveText(new RegExp(`^${ALL_CASES.length} passed, 0 failed in \\d+ ms$`), { timeout: 20_000 });
  await expect(island.locator('.run-in-browser__result[data-status="passed"]')).toHaveCount(ALL_CASES.length);
  expect(await island.locator('.run-in-browser__title').allTextContents()).toEqual(ALL_CASES.map((c) => c.title));
});

test('the guide lists every clause with browser cases, linked to the reader', async ({ page }) => {
  await page.goto(GUIDE);
  const rows = page.locator('table.browser-case-list tbody tr');
  await expect(rows).toHaveCount(CLAUSES_WITH_BROWSER_CASES.length);
  const ids = await page.locator('table.browser-case-list tbody tr td:nth-child(2)').allTextContents();
  expect([...ids].sort()).toEqual([...CLAUSES_WITH_BROWSER_CASES].sort());
  for (const id of ['rfc6455#section-1.3-14', 'rfc6455#section-5.2-3.5']) {
    const row = rows.filter({ has: page.locator('code', { hasText: new RegExp(`^${id.replace(/[.#]/g, '\\$&')}$`) }) });
    await expect(row.locator('td').nth(2)).toHaveText(String(casesFor(id).length));
    const href = await row.locator('a').getAttribute('href');
    const response = await page.request.get(href!.split('#')[0]!);
    expect(response.ok()).toBe(true);
    expect(await response.text()).toContain(`id="${href!.split('#')[1]}"`);
  }
});

test('the results are accessible, and without JavaScript there is no button', async ({ page, browser }) => {
  await page.goto(GUIDE);
  const island = page.locator(`wsspec-run-in-browser[data-clause="${CLAUSES[1]}"]`);
  await island.getByRole('button').click();
  await expect(island).toHaveAttribute('data-state', 'passed');
  await expect(island.getByRole('log')).toBeAttached();
  const axe = await new AxeBuilder({ page }).include('wsspec-run-in-browser').analyze();
  expect(axe.violations).toEqual([]);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await context.newPage();
  await noJs.goto(GUIDE);
  await expect(noJs.locator('wsspec-run-in-browser').first()).toBeAttached();
  await expect(noJs.getByRole('button', { name: /in your browser/ })).toHaveCount(0);
  await context.close();
});
