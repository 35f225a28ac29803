/**
 * /live/compare/ without `npm run live-servers`: the page says that nothing
 * answered and how to start the servers, instead of reporting that both
 * scripts observed the same events (they would: a failed connection looks
 * like a refused one, which is the point of the page). The comparison with
 * the servers running is test/scenarios/live-compare.spec.ts.
 */
import { test, expect } from '@playwright/test';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback port nobody listens on: one that was free a moment ago. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('without the local servers the page says nothing answered and how to start them', async ({ page }) => {
  const server = `ws://127.0.0.1:${await closedPort()}/refuse/403`;
  const relay = `ws://127.0.0.1:${await closedPort()}/`;
  await page.goto(`/live/compare/?server=${encodeURIComponent(server)}&relay=${encodeURIComponent(relay)}`);
  await page.getByRole('button', { name: 'Connect with both' }).click();
  const root = page.locator('.live-compare');
  await expect(root).toHaveAttribute('data-state', 'no-servers', { timeout: 15_000 });
  const verdict = page.locator('[data-field="verdict"]');
  await expect(verdict).toContainText(`Nothing answered at the WebSocket server (${server}) or at the relay (${relay})`);
  await expect(verdict).toContainText('npm run live-servers');
  await expect(verdict).not.toContainText('exactly the same');
  await expect(page.locator('.live-compare__observed li')).toHaveCount(0);
});

test('the page counts the scenarios of the evidence suite instead of saying "some fifty"', async ({ page }) => {
  await page.goto('/live/compare/');
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text).not.toContain('some fifty');
  const { SCENARIOS } = await import('../../src/evidence/scenarios.ts');
  expect(text).toContain(`over ${SCENARIOS.length} scenarios`);
});
