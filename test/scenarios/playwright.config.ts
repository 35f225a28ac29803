import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium.ts';

/**
 * The live comparison page, end to end, against the built site: the spec
 * starts its own static server of dist/ (or of WSSPEC_SITE_DIR), the
 * refusing WebSocket server and the relay, on ephemeral ports.
 *
 *   npm run build && npx playwright test -c test/scenarios/playwright.config.ts
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  timeout: 30_000,
  reporter: [['list']],
  outputDir: '../../test-results/live-compare',
  use: { launchOptions: chromiumLaunchOptions },
});
