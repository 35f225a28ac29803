/**
 * The RFC 6455 reader in Chromium, against the built site: deep links,
 * citations, search, accessibility, and reading without JavaScript.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { citationMarkdown } from '../../src/site/reader/citation.ts';
import { isGenericLinkText } from '../../src/site/reader/generic-links.ts';

interface JsonClause {
  id: string;
  anchor: string;
  citation: string;
  kind: string;
  text: string;
  url: string;
}

async function corpusClauses(page: Page, source = 'rfc6455'): Promise<JsonClause[]> {
  const response = await page.request.get(`/corpus/${source}.json`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { clauses: JsonClause[] }).clauses;
}

/** Opens the page of `source`'s clause `anchor`: its corpus record, and its element on the page. */
async function openClause(page: Page, source: string, anchor: string) {
  const expected = (await corpusClauses(page, source)).find((clause) => clause.anchor === anchor)!;
  await page.goto(expected.url);
  return { expected, clause: page.locator(`[id="${anchor}"]`) };
}

/** Clicks the clause's copy-citation button and returns what it put on the clipboard. */
async function copyCitation(page: Page, clause: Locator): Promise<string> {
  await clause.getByRole('button', { name: /copy citation/ }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a deep link to a clause scrolls it into view and marks it [rfc6455#section-5.5.1-2]', async ({ page }) => {
  await page.goto('/rfc6455/5/#section-5.5.1-2');
  const clause = page.locator('[id="section-5.5.1-2"]');
  await expect(clause).toBeInViewport();
  expect(await clause.evaluate((element) => element.matches(':target'))).toBe(true);
  const marked = await clause.evaluate((element) => getComputedStyle(element).backgroundColor);
  const plain = await page
    .locator('[id="section-5.5.1-1"]')
    .evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(marked).not.toBe(plain);
});

test('copy citation yields the exact Markdown link and quoted clause text', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const clauses = await corpusClauses(page);
  for (const anchor of ['section-5.5.1-2', 'section-5.2-2']) {
    const expected = clauses.find((clause) => clause.anchor === anchor)!;
    await page.goto(`/rfc6455/5/#${anchor}`);
    const clause = page.locator(`[id="${anchor}"]`);
    await clause.hover();
    await clause.getByRole('button', { name: /copy citation/ }).click();
    await expect(clause.getByRole('button', { name: /Copied/ })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const kind = expected.kind === 'figure' || expected.kind === 'table' ? 'preformatted' : 'prose';
    expect(copied).toBe(citationMarkdown(expected.citation, `${baseURL}${expected.url}`, expected.text, kind));
    expect(copied.startsWith(`[RFC 6455 §5.`)).toBe(true);
  }
});

test('copy citation of an API algorithm step quotes its text as the reader shows it [whatwg#dom-websocket-close-step-2.2]', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { expected, clause } = await openClause(page, 'whatwg', 'dom-websocket-close-step-2.2');
  await clause.hover();
  const copied = await copyCitation(page, clause);
  expect(copied).toBe(citationMarkdown(expected.citation, `${baseURL}${expected.url}`, expected.text, 'prose'));
  expect(copied).toContain('WebSockets Standard §3.1 close() step 2.2');
  expect(copied).toContain('123 bytes');
});

test('copy citation of a clause with a generic link quotes the standard’s words, not the link’s hidden description [whatwg#dom-websocket-url]', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { expected, clause } = await openClause(page, 'whatwg', 'dom-websocket-url');
  // The link reads "this (Web IDL)" to a screen reader and "this" on screen.
  await expect(clause.getByRole('link', { name: 'this (Web IDL)' })).toBeVisible();
  const copied = await copyCitation(page, clause);
  expect(copied).toBe(citationMarkdown(expected.citation, `${baseURL}${expected.url}`, expected.text, 'prose'));
  expect(copied).not.toContain('Web IDL');
});

// WCAG 2.4.4 (Link Purpose): a link whose whole accessible text is "this" or
// "here" tells a screen reader's list of links nothing. The standards link
// such words (WHATWG's "this" → Web IDL); the reader describes them.
for (const source of ['rfc6455', 'whatwg', 'w3c']) {
  test(`no link on a ${source} reader page has only a generic text ("this", "here")`, async ({ page }) => {
    test.setTimeout(180_000);
    const clauses = await corpusClauses(page, source);
    const pages = [...new Set(clauses.map((clause) => clause.url.split('#')[0]!))];
    expect(pages.length).toBeGreaterThan(1);
    const generic: string[] = [];
    let links = 0;
    for (const path of pages) {
      await page.goto(path);
      const names = await page.locator('a[href]').evaluateAll((all) =>
        all.map((link) => ({
          href: link.getAttribute('href') ?? '',
          // The accessible name of a link: its label, else its rendered text (hidden-but-read text included).
          name: (link.getAttribute('aria-label') ?? (link as HTMLElement).innerText).trim(),
        })),
      );
      links += names.length;
      generic.push(...names.filter(({ name }) => isGenericLinkText(name)).map(({ href, name }) => `${path}: "${name}" → ${href}`));
    }
    expect(links).toBeGreaterThan(pages.length);
    expect(generic).toEqual([]);
  });
}

test('search finds a clause and its result link lands on it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /Search/ }).first().click();
  await page.locator('.pagefind-ui__search-input').fill('Sec-WebSocket-Accept');
  const result = page.locator('.pagefind-ui__result-nested a, .pagefind-ui__result-link').first();
  await expect(result).toBeVisible({ timeout: 15_000 });
  const nested = page.locator('.pagefind-ui__result-nested a').filter({ hasText: /RFC 6455 §/ }).first();
  await expect(nested).toBeVisible();
  await nested.click();
  await page.waitForURL(/\/rfc6455\/\d+\/#section-/);
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  const clause = page.locator(`[id="${anchor}"]`);
  await expect(clause).toBeInViewport();
  await expect(clause).toHaveClass(/clause/);
  await expect(clause).toContainText('Sec-WebSocket-Accept');
});

for (const path of ['/', '/rfc6455/5/', '/rfc6455/', '/whatwg/3/', '/w3c/4/']) {
  test(`axe finds no accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader page shows every clause and its permalink, and hides the copy control', async ({ page }) => {
    await page.goto('/rfc6455/5/#section-5.2-2');
    await expect(page.locator('[id="section-5.2-2"]')).toBeVisible();
    await expect(page.locator('[id="section-5.5.1-2"] .clause__permalink')).toHaveAttribute('href', '#section-5.5.1-2');
    await expect(page.locator('.clause__cite').first()).toBeHidden();
    await expect(page.getByText('Fette & Melnikov')).toHaveCount(0);
  });
});
