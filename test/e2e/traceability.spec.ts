/**
 * Traceability on the built site: each clause's code, tests and results, the
 * source pages they link to, the matrix with its filters and downloads, and
 * the real-peer evidence.
 */
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function expectAxeClean(page: import('@playwright/test').Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
}

test('a clause shows the code that implements it, read from the file, with a link to its line [rfc6455#section-5.5-3]', async ({ page }) => {
  await page.goto('/rfc6455/5/#section-5.5-3');
  const trace = page.locator('[id="section-5.5-3"] details.trace').first();
  await expect(trace.locator('summary')).toContainText(/implemented in \d+ place/);
  await trace.locator('summary').click();
  const excerpt = trace.locator('figure.code-excerpt').first();
  await expect(excerpt.locator('figcaption a')).toHaveAttribute('href', /^\/source\/src\/protocol\/[\w/-]+\.ts\/#L\d+$/);
  await expect(excerpt.locator('.shiki')).toContainText('@spec rfc6455#section-5.5-3');
  const href = (await excerpt.locator('figcaption a').getAttribute('href'))!;
  await page.goto(href);
  const line = decodeURIComponent(new URL(page.url()).hash.slice(1));
  await expect(page.locator(`[id="${line}"]`)).toBeInViewport();
});

test('a clause lists the tests that prove it with their results, and the date and commit of the run', async ({ page }) => {
  await page.goto('/rfc6455/5/#section-5.5-3');
  const trace = page.locator('[id="section-5.5-3"] details.trace').first();
  await trace.locator('summary').click();
  const tests = trace.locator('.trace__test');
  expect(await tests.count()).toBeGreaterThan(0);
  await expect(tests.first().locator('.badge')).toHaveText(/passed|failed|skipped|not run/);
  const run = trace.locator('.trace__run');
  if ((await run.count()) > 0) await expect(run.first()).toContainText(/test run of \d{4}-\d\d-\d\d|npm test/);
  await expect(tests.first().locator('a').first()).toHaveAttribute('href', /^\/source\/test\//);
});

test('the matrix shows totals, filters rows without reloading, and offers JSON and CSV', async ({ page }) => {
  await page.goto('/matrix/');
  await expect(page.locator('table.matrix-totals')).toContainText('RFC 6455');
  const rows = page.locator('table.matrix tbody tr[data-status]');
  const all = await rows.count();
  expect(all).toBeGreaterThan(200);
  await page.getByLabel('Source').selectOption('rfc6455');
  await page.getByLabel('Status').selectOption('not-applicable');
  const shown = page.locator('table.matrix tbody tr[data-status]:not([hidden])');
  const count = await shown.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(all);
  for (const row of await shown.all()) {
    await expect(row).toHaveAttribute('data-source', 'rfc6455');
    await expect(row.locator('.matrix__reason')).not.toBeEmpty();
  }
  await expect(page.locator('.matrix-count')).toHaveText(`Showing ${count} of ${all} clauses`);
  const json = await (await page.request.get('/matrix.json')).json();
  expect(json.rows).toHaveLength(all);
  const csv = await (await page.request.get('/matrix.csv')).text();
  expect(csv.trim().split('\n')).toHaveLength(all + 1);
  await expectAxeClean(page);
});

test('without JavaScript the matrix shows every row', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/matrix/');
  await expect(page.locator('.matrix-filters')).toBeHidden();
  expect(await page.locator('table.matrix tbody tr[data-status]:not([hidden])').count()).toBeGreaterThan(200);
  await context.close();
});

test('an API clause shows the real peers side by side, linked to the full record [whatwg#feedback-from-the-protocol-11]', async ({ page }) => {
  await page.goto('/whatwg/4/#feedback-from-the-protocol-11');
  const panel = page.locator('[id="feedback-from-the-protocol-11"] details.clause-evidence');
  await expect(panel.locator('summary')).toContainText(/Real peers, \d+ scenarios; lines for this clause as required: ours \d+\/\d+, Chromium \d+\/\d+, .*undici \d+\/\d+/);
  await panel.locator('summary').click();
  const link = panel.locator('a[href^="/evidence/#scenario-"]').first();
  const href = (await link.getAttribute('href'))!;
  await page.goto(href);
  await expect(page.locator(`[id="${href.split('#')[1]}"]`)).toBeInViewport();
});

for (const path of ['/evidence/', '/source/src/protocol/frames.ts/']) {
  test(`axe finds no accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectAxeClean(page);
  });
}
