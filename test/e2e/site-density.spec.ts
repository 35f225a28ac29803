/**
 * Reader pages stay light: under 5,000 elements with their panels closed
 * (the panels' contents join the page when opened), and a clause proven by
 * many tests gives their count before their list.
 */
import { test, expect } from '@playwright/test';

const LIMIT = 5_000;

test('every reader page has fewer than 5,000 elements with its panels closed', async ({ page }) => {
  test.setTimeout(120_000);
  const paths: string[] = [];
  for (const source of ['rfc6455', 'whatwg', 'w3c']) {
    await page.goto(`/${source}/`);
    const links = await page.locator('.reader-toc > li > a').evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    paths.push(...links);
  }
  expect(paths.length).toBeGreaterThan(25);
  const heavy: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    const count = await page.evaluate(() => document.querySelectorAll('*').length);
    if (count >= LIMIT) heavy.push(`${path}: ${count}`);
  }
  expect(heavy).toEqual([]);
});

test('opening a panel brings its contents into the page [rfc6455#section-5.5-3]', async ({ page }) => {
  await page.goto('/rfc6455/5/#section-5.5-3');
  const trace = page.locator('[id="section-5.5-3"] details.trace').first();
  const before = await page.evaluate(() => document.querySelectorAll('*').length);
  await trace.locator('summary').click();
  await expect(trace.locator('.trace__part').first()).toBeVisible();
  expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeGreaterThan(before);
});

test('a clause with many tests shows their count first and the list behind a summary', async ({ page }) => {
  test.setTimeout(120_000);
  // The clause with the most tests in the recorded run, on any RFC 6455 or WHATWG page.
  let best: { path: string; index: number; tests: number } | null = null;
  for (const path of ['/rfc6455/4/', '/rfc6455/5/', '/rfc6455/6/', '/rfc6455/7/', '/rfc6455/8/', '/whatwg/2/', '/whatwg/3/', '/whatwg/4/']) {
    await page.goto(path);
    const counts = await page
      .locator('details.trace > summary')
      .evaluateAll((all) => all.map((summary) => Number(/verified by (\d+) tests?/.exec(summary.textContent ?? '')?.[1] ?? 0)));
    const most = Math.max(0, ...counts);
    if (!best || most > best.tests) best = { path, index: counts.indexOf(most), tests: most };
  }
  test.skip(!best || best.tests <= 12, 'no clause lists more than 12 tests in the recorded run (run npm test first)');
  await page.goto(best!.path);
  const trace = page.locator('details.trace').nth(best!.index);
  await trace.locator('summary').first().click();
  const more = trace.locator('details.trace__more');
  await expect(more).toBeVisible();
  await expect(more.locator('summary')).toHaveText(`All ${best!.tests} tests`);
  await expect(more.locator('.trace__test').first()).toBeHidden();
  await expect(trace.locator('.trace__part p.trace__run').first()).toContainText(`${best!.tests} tests:`);
});
