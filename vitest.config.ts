import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const record = process.env['WSSPEC_RECORD'] === '1';

/** The WPT run (seven engines at once, CPU-bound) runs alone, after every other file. */
const WPT_RUN = 'test/wpt/wpt.test.ts';

export default defineConfig({
  test: {
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Interop tests start real servers and a headless browser on loopback.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Most files wait on sockets and timers more than they compute: two at a
    // time even on two cores (Vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
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
    // Groups run one after the other: every other file first, then the WPT
    // run on its own, so that nothing competes with it for the two cores.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'node_modules/**', WPT_RUN], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'wpt', include: [WPT_RUN], sequence: { groupOrder: 1 } } },
    ],
  },
});
