import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/support/chromium.ts';

const port = 4329;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  workers: 2,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'site', grepInvert: /@base-path/ },
    // Builds the site again under a base path (test/e2e/links.spec.ts) once
    // every other test is done, so the build does not slow the browser tests.
    { name: 'base-path', grep: /@base-path/, dependencies: ['site'] },
  ],
  webServer: {
    command: `node test/support/serve-dist.ts --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
