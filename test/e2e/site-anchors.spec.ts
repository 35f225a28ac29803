/**
 * Anchors copied from the one-page originals land on the clause in the
 * paged reader: on a spec's overview, on a page that does not hold them,
 * and, without JavaScript, on the overview's list of sections.
 */
import { test, expect } from '@playwright/test';

const cases = [
  { from: '/rfc6455/#section-7.4.1', page: '/rfc6455/7/', anchor: 'section-7.4.1' },
  { from: '/rfc6455/#section-5.5.1-2', page: '/rfc6455/5/', anchor: 'section-5.5.1-2' },
  { from: '/whatwg/#dom-websocket-close', page: '/whatwg/3/', anchor: 'dom-websocket-close' },
  { from: '/whatwg/#dom-websocket-close-step-2.2', page: '/whatwg/3/', anchor: 'dom-websocket-close-step-2.2' },
  // A section anchor on the wrong page of the reader.
  { from: '/rfc6455/5/#section-7.4.1', page: '/rfc6455/7/', anchor: 'section-7.4.1' },
  { from: '/w3c/2/#dom-websocket-close', page: '/w3c/4/', anchor: 'dom-websocket-close' },
];

for (const { from, page: expectedPage, anchor } of cases) {
  test(`${from} lands on ${expectedPage}#${anchor} [rfc6455#section-7.4.1]`, async ({ page }) => {
    await page.goto(from);
    await page.waitForURL((url) => url.pathname === expectedPage);
    expect(decodeURIComponent(new URL(page.url()).hash.slice(1))).toBe(anchor);
    await expect(page.locator(`[id="${anchor}"]`)).toBeInViewport();
  });
}

test('an anchor no spec has leaves the overview where it is', async ({ page }) => {
  await page.goto('/rfc6455/#no-such-anchor');
  await page.waitForTimeout(300);
  expect(new URL(page.url()).pathname).toBe('/rfc6455/');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the overview lists every section under its own anchor, linked to its page', async ({ page }) => {
    await page.goto('/rfc6455/#section-7.4.1');
    const entry = page.locator('[id="section-7.4.1"]');
    await expect(entry).toBeInViewport();
    await expect(entry.locator('a')).toHaveAttribute('href', '/rfc6455/7/#section-7.4.1');
  });
});
