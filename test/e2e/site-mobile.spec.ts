/**
 * Reading on a 390 px phone: no page is wider than the screen (tables and
 * code scroll inside their own box), Search and Menu stay on screen, and a
 * clause's permalink does not take a gutter beside the text.
 */
import { test, expect } from '@playwright/test';
import { PAGE_TYPES } from './site-pages.ts';

test.use({ viewport: { width: 390, height: 844 } });

for (const { type, path } of PAGE_TYPES) {
  test(`${type} ${path} fits a 390 px screen`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState('load');
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      // Elements whose right edge passes the screen, outside any box that scrolls or clips them.
      const clipped = (element: Element) => {
        // An absolute box escapes a scroll box that is not its containing block: count it.
        if (getComputedStyle(element).position === 'absolute') return false;
        for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          const style = getComputedStyle(parent);
          if (style.overflowX !== 'visible') return true;
        }
        return false;
      };
      const offenders = [...document.querySelectorAll('body *')]
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && box.right > width + 1 && !clipped(element);
        })
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className} right=${Math.round(element.getBoundingClientRect().right)}`);
      return { scrollWidth: document.documentElement.scrollWidth, width, offenders };
    });
    expect(overflow.offenders).toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.width);
    // (By element, not by name: the names are translated on /ja/ pages.)
    await expect(page.locator('button[data-open-modal]')).toBeInViewport({ ratio: 1 });
    // Pages with a sidebar have a Menu button on phones (the splash home page has none).
    const menu = page.locator('starlight-menu-button button');
    if ((await menu.count()) > 0) await expect(menu).toBeInViewport({ ratio: 1 });
  });
}

test('on a phone the permalink and Cite sit above the clause text, not in a gutter [rfc6455#section-5.5.1-2]', async ({ page }) => {
  await page.goto('/whatwg/3/#dom-websocket-close-step-2.2');
  const clause = page.locator('[id="dom-websocket-close-step-2.2"]');
  const gutter = await clause.evaluate((element) => {
    const text = element.querySelector('.clause__text')!.getBoundingClientRect();
    return text.left - element.getBoundingClientRect().left;
  });
  expect(gutter).toBeLessThan(24);
  await expect(clause.locator('.clause__cite')).toBeInViewport();
});
