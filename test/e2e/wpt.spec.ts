/**
 * The web-platform-tests on the built site: /wpt/ (the table of test URLs ×
 * implementations, its filters in the URL, readable without JavaScript),
 * /wpt.json, and the WPT panel under a clause.
 */
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
}

/** Whether the build had a recorded run (otherwise the page says so, and there is no table). */
async function recorded(page: Page): Promise<boolean> {
  await page.goto('/wpt/');
  return (await page.locator('.wpt-run[data-run="recorded"]').count()) > 0;
}

test('/wpt/ shows every implementation with its subtest totals, and one row per test URL', async ({ page }) => {
  if (!(await recorded(page))) {
    await expect(page.locator('.wpt-run[data-run="none"]')).toContainText('No run recorded');
    return;
  }
  const totals = page.locator('table.wpt-totals tbody tr');
  await expect(totals).toHaveCount(7);
  await expect(totals.first()).toContainText('ours (wsspec)');
  await expect(totals.first().locator('td').nth(1)).toHaveText(/^\d+ \/ \d+$/);
  const rows = page.locator('table.wpt-table tr[data-dir]');
  expect(await rows.count()).toBeGreaterThan(400);
  const closeRow = page.locator('table.wpt-table tr[data-dir]', { hasText: 'Close-1000.any.html?default' }).first();
  await expect(closeRow.locator('td').first()).toHaveText(/^\d+ \/ \d+$/);
  await expect(page.locator('#not-run')).toBeVisible();
  await expect(page.locator('.wpt-notrun')).toContainText('HTTP/2');
});

test('/wpt/ filters rows without reloading and keeps the filters in the URL query', async ({ page }) => {
  if (!(await recorded(page))) return;
  const rows = page.locator('table.wpt-table tr[data-dir]');
  const all = await rows.count();
  await page.getByLabel('Directory').selectOption('constructor');
  const shown = page.locator('table.wpt-table tr[data-dir]:not([hidden])');
  const count = await shown.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(all);
  for (const row of (await shown.all()).slice(0, 20)) await expect(row).toHaveAttribute('data-dir', 'constructor');
  await expect(page.locator('.wpt-count')).toHaveText(`Showing ${count} of ${all} test URLs`);
  expect(new URL(page.url()).search).toBe('?dir=constructor');
  // The same view from the link alone.
  await page.goto('/wpt/?dir=constructor&clause=whatwg%23dom-websocket-websocket-step-9');
  const linked = await page.locator('table.wpt-table tr[data-dir]:not([hidden])').count();
  expect(linked).toBeGreaterThan(0);
  expect(linked).toBeLessThanOrEqual(count);
  await expect(page.getByLabel('Clause')).toHaveValue('whatwg#dom-websocket-websocket-step-9');
});

test('/wpt/ is readable without JavaScript: every row shown, no filter form', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/wpt/');
  if ((await page.locator('.wpt-run[data-run="recorded"]').count()) > 0) {
    const rows = page.locator('table.wpt-table tr[data-dir]');
    expect(await rows.count()).toBeGreaterThan(400);
    await expect(page.locator('table.wpt-table tr[data-dir][hidden]')).toHaveCount(0);
    await expect(page.locator('form.wpt-filters')).toBeHidden();
  }
  await context.close();
});

test('/wpt.json has the run, the implementations and each test with its clauses and subtest results', async ({ request }) => {
  const json = await (await request.get('/wpt.json')).json();
  expect(Object.keys(json)).toEqual(['run', 'implementations', 'tests']);
  if (json.run === null) return;
  const test = json.tests.find((entry: { path: string }) => entry.path === '/websockets/Close-1000.any.html?default');
  expect(test.clauses).toContain('whatwg#dom-websocket-close');
  expect(test.subtests[0].results.wsspec.status).toBe('PASS');
  expect(Object.keys(json.implementations)).toContain('chromium');
});

test('a clause lists the WPT tests that exercise it with every implementation\'s result [whatwg#dom-websocket-close-step-1]', async ({ page }) => {
  test.setTimeout(180_000);
  if (!(await recorded(page))) return;
  const row = page.locator('table.wpt-table tr[data-dir]', { hasText: 'close-invalid.any.html?default' }).first();
  const link = row.locator('a', { hasText: 'whatwg#dom-websocket-close-step-1' });
  await page.goto((await link.getAttribute('href'))!);
  const panel = page.locator('[id="dom-websocket-close-step-1"] details.clause-wpt');
  await expect(panel.locator('summary')).toContainText(/Web-platform-tests, \d+ files?/);
  await panel.locator('summary').click();
  // The first test URLs inline, the rest on /wpt/ filtered by this clause.
  const inline = await panel.locator('tbody tr').count();
  expect(inline).toBeGreaterThan(0);
  const more = panel.locator('a', { hasText: 'the WPT table' });
  if ((await more.count()) > 0) await expect(more).toHaveAttribute('href', /\/wpt\/\?clause=whatwg%23dom-websocket-close-step-1$/);
  else await expect(panel.locator('table')).toContainText('close-invalid.any.html');
  await expect(panel.locator('td.wpt-cell').first()).toHaveText(/^(\d+ \/ \d+|N\/A|ERROR|TIMEOUT)$/);
  await expectAxeClean(page);
});

test('/wpt/ is axe-clean with its details open, and no wider than a 390 px phone', async ({ page }) => {
  test.setTimeout(300_000);
  if (!(await recorded(page))) {
    await expectAxeClean(page);
    return;
  }
  for (const details of (await page.locator('table.wpt-table details').all()).slice(0, 10)) await details.evaluate((node) => node.setAttribute('open', ''));
  await expectAxeClean(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/wpt/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
