/**
 * Search ranks the specs first: a close code finds RFC 6455 §7, "close
 * code" shows §7.4, an API attribute finds today's standard before the
 * obsolete W3C text, and source listings are not in the index.
 */
import { test, expect, type Page } from '@playwright/test';

interface Result {
  url: string;
  title: string;
  excerpt: string;
  sub: Array<{ url: string; title: string }>;
}

/**
 * The results as the search box shows them: Starlight's Pagefind UI, with
 * the site's ranking options; each result with its nested clause links.
 */
async function search(page: Page, term: string): Promise<Result[]> {
  await page.goto('/');
  await page.getByRole('button', { name: /Search/ }).first().click();
  await page.locator('.pagefind-ui__search-input').fill(term);
  await expect(page.locator('.pagefind-ui__message')).toContainText(`for ${term}`, { timeout: 15_000 });
  // Each result fills in once its data has loaded.
  const results = page.locator('.pagefind-ui__result:has(.pagefind-ui__result-link)');
  await expect(results.first()).toBeVisible();
  await expect(page.locator('.pagefind-ui__result:not(:has(.pagefind-ui__result-link))')).toHaveCount(0);
  return results.evaluateAll((items) =>
    items.map((item) => {
      const link = item.querySelector<HTMLAnchorElement>('.pagefind-ui__result-link')!;
      return {
        url: new URL(link.href).pathname,
        title: link.textContent ?? '',
        excerpt: item.querySelector('.pagefind-ui__result-excerpt')?.textContent ?? '',
        sub: [...item.querySelectorAll<HTMLAnchorElement>('.pagefind-ui__result-nested a')].map((a) => ({
          url: new URL(a.href).pathname + new URL(a.href).hash,
          title: a.textContent ?? '',
        })),
      };
    }),
  );
}

// The bar: "1006" puts an RFC 6455 §7 clause first. The recorded
// result tables (/evidence/, the guide's HandshakeEvidence, example output,
// the WPT grid) repeat "close 1006" dozens of times; they are data, so they
// are kept out of the index (data-pagefind-ignore), which also keeps their
// cells from running together in excerpts.
test('"1006" puts RFC 6455 §7 first, with its clause [rfc6455#section-7.4.1]', async ({ page }) => {
  const results = await search(page, '1006');
  expect(results[0]?.url, JSON.stringify(results.map((result) => result.url))).toBe('/rfc6455/7/');
  expect(results[0]!.sub.some((sub) => sub.url.startsWith('/rfc6455/7/#section-7.'))).toBe(true);
});

test('result excerpts do not run recorded table cells together [rfc6455#section-7.4.1]', async ({ page }) => {
  for (const term of ['1006', 'close code']) {
    const results = await search(page, term);
    for (const result of results) expect(result.excerpt, result.url).not.toMatch(/required(error|close|open)|✓ as required/);
  }
});

test('"1006" shows RFC 6455 §7 on the first screen of results, with a clause of §7 [rfc6455#section-7.4.1]', async ({ page }) => {
  const results = await search(page, '1006');
  const rfc = results.find((candidate) => candidate.url === '/rfc6455/7/');
  expect(rfc, JSON.stringify(results.map((candidate) => candidate.url))).toBeDefined();
  expect(rfc!.sub.some((sub) => sub.url.startsWith('/rfc6455/7/#section-7.'))).toBe(true);
});

test('"close code" shows RFC 6455 §7 among the first three results [rfc6455#section-7.4]', async ({ page }) => {
  const results = await search(page, 'close code');
  expect(results.slice(0, 3).map((result) => result.url)).toContain('/rfc6455/7/');
});

test('"readyState" ranks the WHATWG standard above the W3C CR 2012', async ({ page }) => {
  const results = await search(page, 'readyState');
  const whatwg = results.findIndex((result) => result.url.startsWith('/whatwg/'));
  const w3c = results.findIndex((result) => result.url.startsWith('/w3c/'));
  expect(whatwg).toBeGreaterThanOrEqual(0);
  expect(w3c === -1 || whatwg < w3c, JSON.stringify(results.map((result) => result.url))).toBe(true);
});

test('spec pages come before guides and examples for a clause term, and source pages are not indexed', async ({ page }) => {
  for (const term of ['1002', 'Sec-WebSocket-Accept', 'masking key']) {
    const results = await search(page, term);
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.url, term).toMatch(/^\/(rfc6455|whatwg|w3c)\//);
    expect(results.filter((result) => result.url.startsWith('/source/')), term).toEqual([]);
  }
});
