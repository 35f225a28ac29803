/**
 * History in Chromium, against the built site: the History panel under the
 * clauses of the seed's story (and what the fact-check corrected), the
 * timeline (a summary by year that jumps to each year, a track filter kept
 * in the URL, the seed's story in order, Go in 2011, Chromium today from the
 * recorded run or its honest absence, stacking on narrow screens), and the
 * handshake-failures guides in English and Japanese (a Starlight locale:
 * lang="ja", a Japanese navigation); axe-clean.
 *
 * With WSSPEC_SCREENSHOTS=<dir>, the tests also save screenshots there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const SHOTS = process.env['WSSPEC_SCREENSHOTS'];
async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
}

/** Opens the History panel of a clause and returns it. */
async function openHistory(page: Page, path: string, anchor: string) {
  await page.goto(`${path}#${anchor}`);
  const panel = page.locator(`[id="${anchor}"] details.history`);
  await expect(panel).toHaveCount(1);
  await expect(panel).not.toHaveAttribute('open');
  await panel.locator('summary').click();
  await expect(panel).toHaveAttribute('open');
  return panel;
}

test.describe('the History panel of a clause', () => {
  test('W3C CR step 8 ¶2 shows r1.210 adding the seed’s text, marked as an addition for every reader', async ({ page }) => {
    const panel = await openHistory(page, '/w3c/4/', 'dom-websocket-step-8-2');
    await expect(panel.locator('summary')).toContainText('since r1.1 (2009)');
    const r1210 = panel.locator('li.h-change', { hasText: 'r1.210' });
    await expect(r1210).toContainText('Block redirects in WebSockets (whatwg r6148)');
    await expect(r1210).toContainText('2011-05-24');
    const added = r1210.locator('ins');
    await expect(added).toContainText('if the status code received from the server is not 101 (e.g. it is a redirect), the user agent must fail the websocket connection');
    // Not only colour: underlined, and announced as "added".
    expect(await added.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('underline');
    expect(await added.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"added: "');
    await expect(r1210.locator('a', { hasText: 'cvsweb' })).toHaveAttribute('href', 'http://dev.w3.org/cvsweb/html5/websockets/Overview.html#rev1.210');
    await expect(r1210.locator('a', { hasText: 'r1.210' })).toHaveAttribute('href', /github\.com\/w3c\/websockets\/blob\/[0-9a-f]{40}\/Overview\.html/);
    // r1.278: websocket → WebSocket, as a deletion and an insertion.
    const r1278 = panel.locator('li.h-change', { hasText: 'r1.278' });
    await expect(r1278.locator('del')).toHaveText('websocket');
    await expect(r1278.locator('ins')).toHaveText('WebSocket');
    expect(await r1278.locator('del').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"removed: "');
    // /TR publications on the clause's timeline, and today's WHATWG counterpart.
    await expect(panel.locator('li.h-pub').first()).toContainText('/TR');
    await expect(panel.locator('.h-counterpart a')).toHaveAttribute('href', '/whatwg/2/#concept-websocket-establish-step-11.1');
  });

  test('W3C CR §5 ¶12 shows r1.271 restoring the rule “mysteriously removed from the RFC”', async ({ page }) => {
    const panel = await openHistory(page, '/w3c/5/', 'feedback-from-the-protocol-12');
    const r1271 = panel.locator('li.h-change', { hasText: 'r1.271' });
    await expect(r1271).toContainText('mysteriously removed from the RFC');
    await expect(r1271.locator('ins')).toContainText('User agents must not convey any failure information');
    await expect(panel.locator('.h-related a', { hasText: 'hybi-05 §7.1.1' })).toHaveAttribute('href', '/timeline/#hybi-05-no-failure-information-to-scripts');
  });

  test('an RFC 6455 clause shows its hybi-08 event, quoted and linked', async ({ page }) => {
    const panel = await openHistory(page, '/rfc6455/4/', 'section-4.2.2-2.4.2.1');
    const hybi08 = panel.locator('li.h-event', { hasText: 'hybi-08' }).first();
    await expect(hybi08.locator('a', { hasText: 'hybi-08 §5.2.2' })).toHaveAttribute(
      'href',
      'https://datatracker.ietf.org/doc/html/draft-ietf-hybi-thewebsocketprotocol-08#section-5.2.2',
    );
    await expect(hybi08.locator('blockquote')).toContainText('it MUST return an appropriate HTTP error code (e.g. 403 Forbidden)');
    await expect(hybi08.locator('a', { hasText: 'On the timeline' })).toHaveAttribute('href', '/timeline/#hybi-08-server-refusal-http-error-code');
  });

  test('the hybi-05 rule is in force as of hybi-05, not added by it [rfc6455#section-4.1-8.1]', async ({ page }) => {
    const panel = await openHistory(page, '/rfc6455/4/', 'section-4.1-8.1');
    const hybi05 = panel.locator('li.h-event', { hasText: 'hybi-05 §5.1' });
    await expect(hybi05.locator('.h-kind')).toHaveText('in force as of hybi-05');
  });

  test('/rfc6455/7/: 1011 and 1015 came with RFC 6455, after hybi-17 [rfc6455#section-7.4.1-2.12]', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const panel = await openHistory(page, '/rfc6455/7/', 'section-7.4.1-2.12');
    const rfc = panel.locator('li.h-event', { hasText: 'RFC 6455 §7.4.1' });
    await expect(rfc).toContainText('1011 indicates that a server is terminating the connection');
    await expect(rfc).toContainText('hybi-17');
    await expect(panel).not.toContainText('completed the list');
    await panel.scrollIntoViewIfNeeded();
    await shoot(page, 'rfc6455-7-history-1366');
    const hybi13 = await openHistory(page, '/rfc6455/7/', 'section-7.4.1-2.9');
    await expect(hybi13.locator('li.h-event', { hasText: 'hybi-13' })).toContainText('1011 and 1015');
  });

  test('a WHATWG clause shows the Review Drafts and its W3C CR counterpart', async ({ page }) => {
    const panel = await openHistory(page, '/whatwg/4/', 'feedback-from-the-protocol-11');
    await expect(panel.locator('li.h-pub')).toContainText('Review Draft 2022-03');
    await expect(panel.locator('.h-counterpart a')).toHaveAttribute('href', '/w3c/5/#feedback-from-the-protocol-12');
  });

  test('a clause unchanged since it appeared says so in one short line, its commit on demand [whatwg#interface-definition-1]', async ({ page }) => {
    await page.goto('/whatwg/3/');
    const quiet = page.locator('details.history--quiet');
    expect(await quiet.count()).toBeGreaterThan(20);
    await expect(page.locator('details.history > summary', { hasText: /1 change since/ })).toHaveCount(0);
    const first = quiet.first();
    await expect(first.locator('summary')).toHaveText(/^History: unchanged since \d{1,2} \w+ \d{4}$/);
    await first.locator('summary').click();
    await expect(first.locator('li.h-change')).toHaveCount(1);
    await expect(first.locator('li.h-change .h-kind')).toHaveText('added');
  });
});

test.describe('the timeline', () => {
  test('lists the seed’s story in order, and marks it on the timeline in the same order', async ({ page }) => {
    await page.goto('/timeline/');
    const steps = page.locator('ol.seed-story > li');
    await expect(steps).toHaveCount(11);
    const first = await steps.evaluateAll((items) => items.map((item) => item.querySelector('a')?.getAttribute('href')));
    expect(first).toEqual([
      '/timeline/#hybi-05-no-failure-information-to-scripts',
      '/timeline/#hybi-06-drops-failure-information-rule',
      '/timeline/#hybi-list-2011-03-28-redirects-are-an-api-question',
      '/timeline/#hybi-07-non-101-handled-per-http',
      '/timeline/#w3c-ed-r1.210',
      '/timeline/#hybi-08-server-refusal-http-error-code',
      '/timeline/#rfc6455-1.3-non-101-keeps-http-semantics',
      '/timeline/#w3c-ed-r1.271',
      '/timeline/#w3c-tr-2012-09-20',
      '/timeline/#whatwg-today',
      '/timeline/#chromium-today',
    ]);
    // In the timeline itself (document order = date order), the marked steps never go back.
    const marked = await page.locator('ol.tl [data-seed-step]').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-seed-step'))));
    expect(marked.length).toBeGreaterThanOrEqual(11);
    expect([...marked].sort((a, b) => a - b)).toEqual(marked);
    expect(new Set(marked).size).toBe(11);
    // Dates in order, today last.
    const dates = await page.locator('ol.tl li.tl-row').evaluateAll((rows) => rows.map((row) => row.id.replace('date-', '')));
    expect(dates.at(-1)).toBe('today');
    const dated = dates.slice(0, -1);
    expect([...dated].sort()).toEqual(dated);
  });

  test('shows Go’s change of 3 November 2011 and Chromium today (the recorded run, or its absence)', async ({ page }) => {
    await page.goto('/timeline/');
    const go = page.locator('[id="go-websocket-2011-11-03-bad-handshake-400"]');
    await expect(go).toContainText('400 Bad Request');
    await expect(go.locator('a').first()).toHaveAttribute('href', 'https://github.com/golang/go/commit/de3d64725288c4baa083b804d51f4d7ef35ea130');
    await expect(page.locator('[id="date-2011-11-03"] time')).toHaveText('3 November 2011');
    const chromium = page.locator('[id="chromium-today"]');
    await expect(chromium).toContainText('Story, step 11');
    const absent = chromium.locator('[data-evidence="absent"]');
    if ((await absent.count()) > 0) {
      await expect(absent).toContainText('No evidence run recorded yet: run npm test.');
    } else {
      await expect(chromium).toContainText(/Chromium \d+/);
      await expect(chromium.locator('.tl-ev__results').first()).toContainText('close 1006');
      await expect(chromium.locator('.tl-ev__results').first()).toContainText('the status was not readable by the script');
    }
  });

  test('every event links to clause pages that exist', async ({ page }) => {
    await page.goto('/timeline/');
    const hrefs = await page.locator('ol.tl a[href^="/"]').evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!))]);
    expect(hrefs.length).toBeGreaterThan(50);
    for (const href of hrefs.slice(0, 40)) {
      const [path, anchor] = href.split('#') as [string, string];
      const response = await page.request.get(path);
      expect(response.ok(), href).toBe(true);
      if (anchor) expect(await response.text(), href).toContain(`id="${anchor}"`);
    }
  });

  test('puts the tracks side by side on a wide screen and stacks them on a narrow one', async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto('/timeline/#hybi-07-non-101-handled-per-http');
    const row = page.locator('[id="date-2011-04-22"]');
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    await page.setViewportSize({ width: 400, height: 900 });
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe('block');
    await expect(page.locator('[id="hybi-07-non-101-handled-per-http"] .tl-ev__track')).toBeVisible();
    await expect(page.locator('[id="hybi-07-non-101-handled-per-http"] .tl-ev__track')).toContainText('Protocol');
  });

  test('opens with a summary by year whose years jump to their sections, and folds routine revisions', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/timeline/');
    await expect(page.locator('h2#seed-story')).toHaveText('How the protocol and the API came apart on refused handshakes');
    await expect(page.locator('.tl-page')).not.toContainText('each quoting its source');
    await expect(page.locator('#about + p')).toContainText(/\d+ quote the RFC 6455 text the change became/);
    const years = page.locator('table.tl-summary tbody th a');
    expect(await years.count()).toBeGreaterThan(5);
    await years.filter({ hasText: '2011' }).click();
    await expect(page).toHaveURL(/#year-2011$/);
    const section = page.locator('section#year-2011');
    const box = await section.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(-2);
    expect(box!.y).toBeLessThan(300);
    // Routine editor's drafts are folded; the seed's revisions are not.
    expect(await page.locator('.tl-fold details:not([open])').count()).toBeGreaterThan(5);
    await expect(page.locator('[id="w3c-ed-r1.210"]')).toBeVisible();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(30_000);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'timeline-1366');
  });

  test('a link to an event inside a fold opens the fold', async ({ page }) => {
    await page.goto('/timeline/');
    const folded = await page.locator('.tl-fold .tl-ev').first().getAttribute('id');
    await page.goto(`/timeline/#${folded}`);
    await expect(page.locator(`[id="${folded}"]`)).toBeVisible();
  });

  test('filters by track, with the state in the URL query', async ({ page }) => {
    await page.goto('/timeline/');
    const form = page.locator('form.tl-filter');
    await expect(form).toBeVisible();
    await form.getByLabel('Protocol').check();
    await expect(page).toHaveURL(/\?track=protocol/);
    await expect(page.locator('[id="hybi-07-non-101-handled-per-http"]')).toBeVisible();
    await expect(page.locator('[id="w3c-ed-r1.210"]')).toBeHidden();
    await expect(page.locator('section#year-2009')).toBeHidden();
    await page.locator('section#year-2011').scrollIntoViewIfNeeded();
    await shoot(page, 'timeline-filter-protocol');
    // A shared filtered URL shows the same view.
    await page.goto('/timeline/?track=api');
    await expect(page.locator('form.tl-filter input[value="api"]')).toBeChecked();
    await expect(page.locator('[id="w3c-ed-r1.210"]')).toBeVisible();
    await expect(page.locator('[id="hybi-07-non-101-handled-per-http"]')).toBeHidden();
    await form.getByLabel('All tracks').check();
    await expect(page).toHaveURL(/\/timeline\/$/);
    await expect(page.locator('[id="hybi-07-non-101-handled-per-http"]')).toBeVisible();
  });

  test('reads without JavaScript: every event shown, the year links work, the filter hidden', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/timeline/?track=protocol');
    await expect(page.locator('form.tl-filter')).toBeHidden();
    await expect(page.locator('[id="w3c-ed-r1.210"]')).toBeVisible();
    await page.locator('table.tl-summary a', { hasText: '2012' }).click();
    await expect(page).toHaveURL(/#year-2012$/);
    await context.close();
  });

  test('fits a 390 px phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/timeline/');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(page, 'timeline-390');
    await page.locator('h2#seed-story').scrollIntoViewIfNeeded();
    await shoot(page, 'timeline-390-story');
  });

  test('is accessible (axe)', async ({ page }) => {
    test.setTimeout(120_000); // axe over some 4,000 elements on a shared machine
    await page.goto('/timeline/');
    await expectAxeClean(page);
  });
});

test.describe('the handshake-failures guides', () => {
  test('the English guide answers with quotations, the evidence, and the three runnable patterns', async ({ page }) => {
    test.setTimeout(120_000); // axe over a long guide on a shared machine
    await page.goto('/guides/handshake-failures/');
    await expect(page.locator('h1')).toHaveText('Handshake failures: what the server must send, what the browser may tell');
    await expect(page.locator('figure.quote a', { hasText: 'WebSockets Standard §4 ¶11' })).toHaveAttribute('href', '/whatwg/4/#feedback-from-the-protocol-11');
    await expect(page.locator('figure.quote a', { hasText: 'RFC 6455 §4.2.2 ¶2.4.2.1' })).toHaveAttribute('href', '/rfc6455/4/#section-4.2.2-2.4.2.1');
    for (const example of ['handshake-rejection', 'reject-after-accept', 'diagnostics-endpoint']) {
      await expect(page.locator(`a[href="/examples/${example}/"]`)).toHaveCount(1);
      await expect(page.getByText(`npm run example ${example}`)).toHaveCount(1);
    }
    await expect(page.locator('main a[href="/ja/guides/handshake-failures/"]')).toHaveAttribute('hreflang', 'ja');
    // The refusal statuses come from the protocol core's error table.
    await expect(page.locator('table.refusals tr[data-status="403"]')).toContainText('WS_ERR_ORIGIN_REFUSED');
    await expect(page.locator('table.refusals tr[data-status="426"] a')).toHaveAttribute('href', '/rfc6455/4/#section-4.2.2-2.4.2.3');
    await expect(page.locator('main')).toContainText('thirteen and a half months apart');
    await page.locator('table.refusals').scrollIntoViewIfNeeded();
    await shoot(page, 'en-guide-refusals');
    const evidence = page.locator('.evidence').first();
    if ((await evidence.locator('[data-evidence="absent"]').count()) === 0) {
      await expect(evidence.locator('tr#evidence-refuse-403')).toContainText('close 1006, unclean');
    } else {
      await expect(evidence).toContainText('run npm test');
    }
    await expectAxeClean(page);
  });

  test('the Japanese guide is a page of the ja locale: lang="ja", a Japanese navigation, and the old URL redirects', async ({ page }) => {
    await page.goto('/ja/guides/handshake-failures/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    const sidebar = page.locator('nav.sidebar');
    await expect(sidebar).toContainText('ガイド');
    await expect(sidebar).toContainText('年表');
    await expect(page.locator('main')).toContainText('十三か月半の間隔をおいて');
    await page.setViewportSize({ width: 1366, height: 900 });
    await shoot(page, 'ja-guide-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'ja-guide-390');
    await page.goto('/ja/handshake-failures/');
    await expect(page).toHaveURL(/\/ja\/guides\/handshake-failures\/$/);
    // Every /ja/ page is of the locale, those not yet translated too (Starlight's fallback).
    await page.goto('/ja/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.locator('header')).toContainText('検索');
  });

  test('the Japanese guide links back, keeps the quotations English, and is accessible', async ({ page }) => {
    test.setTimeout(120_000); // axe over a long guide on a shared machine
    await page.goto('/ja/guides/handshake-failures/');
    await expect(page.locator('h1')).toContainText('ハンドシェイクの失敗');
    const japanese = page.locator('main [lang="ja"]').first();
    await expect(japanese).toContainText('サーバーは HTTP エラーステータスを返さなければならない');
    await expect(japanese.locator('a[href="/guides/handshake-failures/"]')).toHaveAttribute('hreflang', 'en');
    // Quotations keep the specifications' English, marked as such.
    await expect(japanese.locator('figure.quote blockquote[lang="en"]').first()).toBeVisible();
    for (const example of ['handshake-rejection', 'reject-after-accept', 'diagnostics-endpoint']) {
      await expect(japanese.getByText(`npm run example ${example}`)).toHaveCount(1);
    }
    await expectAxeClean(page);
  });
});
