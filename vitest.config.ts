import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Interop tests start real servers and a headless browser on loopback.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The results are evidence the site embeds: each test's file and line,
    // and the run's date and commit (written by the global setup).
    includeTaskLocation: true,
    globalSetup: ['test/support/record-run.ts'],
    reporters: ['default', ['json', { outputFile: '.cache/evidence/vitest-results.json' }]],
  },
});
