import { defineConfig } from 'vitest/config';

const record = process.env['WSSPEC_RECORD'] === '1';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Interop tests start real servers and a headless browser on loopback.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The results are evidence the site embeds: each test's file and line,
    // and the run's date and commit (written by the global setup). Only a
    // full run (`npm run test:unit`, which sets WSSPEC_RECORD=1) records
    // them, so running one file while working never replaces the evidence.
    includeTaskLocation: true,
    ...(record
      ? {
          globalSetup: ['test/support/record-run.ts'],
          reporters: ['default', ['json', { outputFile: '.cache/evidence/vitest-results.json' }]],
        }
      : {}),
  },
});
