import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { checkLinks } from '../../src/site/check/links.ts';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

test('every internal link and anchor of the built site resolves', async () => {
  const report = await checkLinks(dist);
  expect(report.pages).toBeGreaterThan(10);
  expect(report.links).toBeGreaterThan(1000);
  expect(report.broken, JSON.stringify(report.broken.slice(0, 20), null, 2)).toEqual([]);
});
