/**
 * The Examples section of the built site: the index lists every example;
 * an example's page shows how to run it, what it shows, its clauses (each
 * a working link to its reader page), its recorded output (or says it has
 * none) and its source; and axe finds nothing to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { exampleNames, readHeader } from '../../examples/_lib/header.ts';

const NAMES = exampleNames();

test('the index lists every example with its summary and links to its page', async ({ page }) => {
  await page.goto('/examples/');
  await expect(page.getByRole('heading', { level: 1, name: 'Examples' })).toBeVisible();
  const items = page.locator('.examples-list__item');
  await expect(items).toHaveCount(NAMES.length);
  for (const [i, name] of NAMES.entries()) {
    const item = items.nth(i);
    await expect(item.getByRole('link')).toHaveAttribute('href', `/examples/${name}/`);
    await expect(item).toContainText(readHeader(name).summary.replace(/`/g, ''));
    await expect(item).toContainText(`npm run example ${name}`);
  }
});

test('the sidebar has the Examples section', async ({ page }) => {
  await page.goto('/examples/');
  await expect(page.locator('nav[aria-label="Main"] a[href="/examples/"]')).toHaveAttribute('aria-current', 'page');
});

test('an example page shows how to run it, what it shows, its clauses, its output and its source', async ({ page }) => {
  await page.goto('/examples/handshake-rejection/');
  await expect(page.getByRole('heading', { level: 1, name: 'Handshake rejection' })).toBeVisible();
  await expect(page.locator('.example-command')).toHaveText('npm run example handshake-rejection');
  await expect(page.locator('.example-options')).toContainText('--serve');

  // The prose of the header comment, with links to the examples it names.
  await expect(page.locator('main')).toContainText('This example is that contrast in one table.');
  await expect(page.locator('main a[href="/examples/reject-after-accept/"]').first()).toBeVisible();

  // The clauses, each to its reader page.
  const clause = page.locator('.example-clauses a', { hasText: 'RFC 6455 §10.2 ¶1' });
  await expect(clause).toHaveAttribute('href', '/rfc6455/10/#section-10.2-1');
  await expect(page.locator('.example-clauses li')).toHaveCount(readHeader('handshake-rejection').clauses.length);

  // The recorded output (its tables as tables when the run recorded their structure), or the honest absence of one.
  const tables = page.locator('.example-blocks__table');
  const text = page.locator('pre.example-output').last();
  if ((await tables.count()) > 0) {
    const first = tables.first();
    await expect(first.locator('thead th')).toContainText(['path', "server's reason", 'protocol client (src/node)']);
    await expect(first).toContainText('error, close 1006');
    await expect(first).toContainText('unexpected-response 403');
    await expect(page.locator('.example-blocks')).toContainText('Unexpected response code: 403');
    await expect(page.locator('.example-blocks__text summary')).toHaveText('The output as printed in a terminal');
    await expect(page.locator('.example-output-meta')).toContainText('Recorded by its test');
  } else if ((await text.count()) > 0) {
    await expect(text).toContainText('error, close 1006');
    await expect(text).toContainText('unexpected-response 403');
    await expect(text).toContainText('Unexpected response code: 403');
    await expect(page.locator('.example-output-meta')).toContainText('Recorded by its test');
  } else {
    await expect(page.locator('.example-output-missing')).toContainText('Not recorded yet: run npm test');
  }

  // The source: every file of the folder, highlighted.
  const source = page.locator('.example-file', { hasText: 'examples/handshake-rejection/index.ts' }).first();
  await expect(source.locator('.shiki')).toContainText('new WebSocketServer');
  await expect(page.locator('.example-helpers summary')).toContainText('page.ts');
});

test('a clause link from an example lands on the clause', async ({ page }) => {
  await page.goto('/examples/reject-after-accept/');
  await page.locator('.example-clauses a', { hasText: 'RFC 6455 §7.4.2 ¶1.4' }).click();
  await page.waitForURL(/\/rfc6455\/7\/#section-7\.4\.2-1\.4$/);
  await expect(page.locator('[id="section-7.4.2-1.4"]')).toContainText('4000-4999');
});

test('a recorded table fits a phone: the page is never wider than 390 px, the table scrolls in its own region', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/examples/handshake-rejection/');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});

for (const path of ['/examples/', '/examples/handshake-rejection/', '/examples/browser/']) {
  test(`axe finds no accessibility violations on ${path}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
  });
}
