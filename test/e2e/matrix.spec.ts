/**
 * The traceability matrix read on one screen: the clause and its status side
 * by side at desktop widths, the clause still in view when the table scrolls
 * sideways, no page wider than a phone, filters that live in the URL, and
 * "not yet run" rather than a percentage when the build has no test run.
 */
import { test, expect, type Page } from '@playwright/test';

const firstRow = 'table.matrix tbody tr[data-status]';

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  expect(found, selector).not.toBeNull();
  return found!;
}

for (const width of [1366, 1920]) {
  test(`at ${width} px the clause and its status are on screen together, and the clause stays when the table scrolls`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/matrix/');
    const clause = await box(page, `${firstRow} th.matrix__clause`);
    const status = await box(page, `${firstRow} td.matrix__status`);
    expect(clause.x).toBeGreaterThanOrEqual(0);
    expect(status.x + status.width).toBeLessThanOrEqual(width);
    expect(status.x).toBeGreaterThanOrEqual(clause.x + clause.width - 1);
    // The clause column is compact: the source is the row group's heading.
    expect(clause.width).toBeLessThanOrEqual(240);
    // Code and tests are on screen too.
    const tests = await box(page, `${firstRow} td.matrix__num >> nth=1`);
    expect(tests.x + tests.width).toBeLessThanOrEqual(width);
    // Scrolled sideways as far as it goes, the clause is where it was.
    const scroller = page.locator('.matrix-scroll--rows');
    await scroller.evaluate((element) => {
      element.scrollLeft = element.scrollWidth;
    });
    const after = await box(page, `${firstRow} th.matrix__clause`);
    expect(Math.abs(after.x - clause.x)).toBeLessThanOrEqual(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}

test('at 390 px the page does not overflow: the table scrolls inside its box, with the clause in view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/matrix/');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const scroller = page.locator('.matrix-scroll--rows');
  const sizes = await scroller.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  const clause = await box(page, `${firstRow} th.matrix__clause`);
  const status = await box(page, `${firstRow} td.matrix__status`);
  expect(clause.x).toBeGreaterThanOrEqual(0);
  // The status starts on screen next to the clause.
  expect(status.x).toBeLessThan(390);
});

test('filters are read from the URL query and written back to it, so a filtered view can be shared', async ({ page }) => {
  await page.goto('/matrix/?source=rfc6455&status=not-applicable');
  await expect(page.getByLabel('Source')).toHaveValue('rfc6455');
  await expect(page.getByLabel('Status')).toHaveValue('not-applicable');
  const shown = page.locator('table.matrix tbody tr[data-status]:not([hidden])');
  const count = await shown.count();
  expect(count).toBeGreaterThan(0);
  for (const row of await shown.all()) {
    await expect(row).toHaveAttribute('data-source', 'rfc6455');
    await expect(row).toHaveAttribute('data-status', 'not-applicable');
  }
  // Row groups with nothing left in them are hidden too.
  await expect(page.locator('tbody[data-group="whatwg"]')).toBeHidden();

  await page.getByLabel('Status').selectOption('implemented-tested');
  await expect(page).toHaveURL(/\/matrix\/\?source=rfc6455&status=implemented-tested$/);
  await expect(page.locator('.matrix-link')).toHaveAttribute('href', /\/matrix\/\?source=rfc6455&status=implemented-tested$/);

  // The shared link opens the same view.
  const shared = (await page.locator('.matrix-link').getAttribute('href'))!;
  const total = await page.locator('table.matrix tbody tr[data-status]').count();
  const filtered = await shown.count();
  await page.goto(shared);
  await expect(page.locator('.matrix-count')).toHaveText(`Showing ${filtered} of ${total} clauses`);

  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(page.locator('.matrix-count')).toHaveText(`Showing ${total} of ${total} clauses`);
  await expect(page).toHaveURL(/\/matrix\/$/);
});

test('an unknown filter value in the URL is ignored rather than showing nothing', async ({ page }) => {
  await page.goto('/matrix/?status=no-such-status');
  const total = await page.locator('table.matrix tbody tr[data-status]').count();
  await expect(page.locator('.matrix-count')).toHaveText(`Showing ${total} of ${total} clauses`);
});

test('without JavaScript every row is shown and the filters are not', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/matrix/?status=gap');
  await expect(page.locator('.matrix-filters')).toBeHidden();
  const rows = page.locator('table.matrix tbody tr[data-status]');
  expect(await rows.count()).toBeGreaterThan(200);
  expect(await page.locator('table.matrix tbody tr[data-status]:not([hidden])').count()).toBe(await rows.count());
  await context.close();
});

test('the share of implemented and tested clauses is a percentage only when a test run was recorded', async ({ page }) => {
  await page.goto('/matrix/');
  const run = await page.locator('.matrix-run').getAttribute('data-run');
  const coverage = page.locator('table.matrix-totals td[data-coverage]');
  expect(await coverage.count()).toBe(3);
  for (const cell of await coverage.all()) {
    if (run === 'none') await expect(cell).toHaveText('not yet run');
    else await expect(cell).toHaveText(/^\d+\.\d%$/);
  }
  await page.goto('/');
  await expect(page.locator('.run-status')).toHaveAttribute('data-run', run!);
  await expect(page.locator('.run-status')).toContainText(run === 'none' ? 'not yet run' : 'Test results on these pages');
});
