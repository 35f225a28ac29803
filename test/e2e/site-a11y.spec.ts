/**
 * Accessibility with every panel open: axe on one page of each type with
 * all their <details> opened (panels inside panels too), in the light and
 * the dark theme. Panels start closed, so a check of the closed page alone
 * would miss their code, tables and headings.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PAGE_TYPES } from './site-pages.ts';

// Every page type; for the readers, pages of moderate size (/rfc6455/4/ and
// /whatwg/3/ with every panel open take axe minutes on a shared machine;
// the panels are the same components on every reader page).
const HEAVY = new Set(['/rfc6455/4/', '/whatwg/3/']);
const A11Y_PAGES = [
  ...PAGE_TYPES.filter((page) => !HEAVY.has(page.path)),
  { type: 'RFC reader', path: '/rfc6455/7/' },
  { type: 'WHATWG reader', path: '/whatwg/4/' },
];

/** Opens every <details>, waiting for the contents each brings, until none is closed. */
async function openAllPanels(page: Page): Promise<number> {
  let opened = 0;
  for (let round = 0; round < 5; round++) {
    const count = await page.evaluate(() => {
      const closed = [...document.querySelectorAll('details:not([open])')];
      for (const details of closed) (details as HTMLDetailsElement).open = true;
      return closed.length;
    });
    if (count === 0) break;
    opened += count;
    // `toggle` is dispatched after the attribute changes: let the panels fill in.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  }
  return opened;
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
    });

    for (const { type, path } of A11Y_PAGES) {
      test(`axe finds nothing on the ${type} ${path} with every panel open`, async ({ page }) => {
        test.setTimeout(360_000);
        await page.goto(path);
        await openAllPanels(page);
        expect(await page.locator('details:not([open])').count()).toBe(0);
        expect(await page.locator('noscript[data-panel-body]').count()).toBe(0);
        const results = await new AxeBuilder({ page }).analyze();
        expect(
          results.violations.map(
            (violation) =>
              `${violation.id}: ${violation.help} (${violation.nodes.length}: ${violation.nodes
                .slice(0, 3)
                .map((node) => `${node.target.join(' ')} ${node.failureSummary?.split('\n').at(-1) ?? ''}`)
                .join(' | ')})`,
          ),
        ).toEqual([]);
      });
    }
  });
}
