/**
 * The Cite button: visible on every clause (not only on hover), and, where
 * the clipboard cannot be written, the citation shown selected for copying
 * by hand.
 */
import { test, expect, type Page } from '@playwright/test';
import { citationMarkdown } from '../../src/site/reader/citation.ts';

interface JsonClause {
  anchor: string;
  citation: string;
  kind: string;
  text: string;
  url: string;
}

async function clause(page: Page, source: string, anchor: string): Promise<JsonClause> {
  const response = await page.request.get(`/corpus/${source}.json`);
  const clauses = ((await response.json()) as { clauses: JsonClause[] }).clauses;
  return clauses.find((candidate) => candidate.anchor === anchor)!;
}

for (const path of ['/rfc6455/5/', '/whatwg/3/']) {
  test(`every clause of ${path} shows its Cite button without hover`, async ({ page }) => {
    await page.goto(path);
    const buttons = page.locator('.clause__cite');
    const count = await buttons.count();
    expect(count).toBe(await page.locator('.clause').count());
    const hidden = await buttons.evaluateAll((all) =>
      all.filter((button) => {
        const style = getComputedStyle(button);
        return (button as HTMLElement).hidden || style.opacity !== '1' || style.visibility !== 'visible' || style.display === 'none';
      }).length,
    );
    expect(hidden).toBe(0);
    await expect(buttons.first()).toBeVisible();
  });
}

test('without a clipboard API, Cite shows the citation selected for manual copy [rfc6455#section-5.5.1-2]', async ({ page, baseURL }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  });
  const expected = await clause(page, 'rfc6455', 'section-5.5.1-2');
  await page.goto(expected.url);
  const element = page.locator('[id="section-5.5.1-2"]');
  await element.getByRole('button', { name: /copy citation/ }).click();
  const box = element.getByRole('textbox', { name: /Citation of RFC 6455 §5\.5\.1 ¶2/ });
  await expect(box).toBeVisible();
  await expect(box).toBeFocused();
  const markdown = citationMarkdown(expected.citation, `${baseURL}${expected.url}`, expected.text, 'prose');
  await expect(box).toHaveValue(markdown);
  const selected = await box.evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd));
  expect(selected).toBe(markdown);
  await expect(page.locator('.cite-status')).toContainText('selected below');
});

test('when the clipboard refuses, Cite falls back to the selected citation [whatwg#dom-websocket-close-step-2.2]', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      configurable: true,
    });
  });
  const expected = await clause(page, 'whatwg', 'dom-websocket-close-step-2.2');
  await page.goto(expected.url);
  const element = page.locator(`[id="${expected.anchor}"]`);
  await element.getByRole('button', { name: /copy citation/ }).click();
  const box = element.locator('.clause__citation textarea');
  await expect(box).toBeVisible();
  expect(await box.inputValue()).toContain('WebSockets Standard §3.1 close() step 2.2');
  expect(await box.inputValue()).toContain('123 bytes');
});
