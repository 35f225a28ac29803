/**
 * examples/browser in test mode (--headless): every scenario of the
 * catalogue in a page of headless Chromium, judged against the standard
 * and the recorded Chromium run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/evidence/scenarios.ts';
import { parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;

beforeAll(async () => {
  run = await runExample('browser', ['--headless'], { timeoutMs: 60_000 });
  await recordExampleRun(run);
}, 70_000);

describe('examples/browser', () => {
  it('runs every scenario of the catalogue in the page and exits', () => {
    expect(run.code, run.stderr).toBe(0);
    const rows = parseTable(run.stdout, 'scenario');
    expect(rows.map((row) => row['scenario'])).toEqual(SCENARIOS.map((scenario) => scenario.id));
    expect(run.stdout).toContain(`${SCENARIOS.length} of ${SCENARIOS.length} scenarios ran`);
  });

  it("Chromium's results: the standard, or a known Chromium difference", () => {
    for (const row of parseTable(run.stdout, 'scenario')) {
      expect(row['the standard'], row['scenario']).toMatch(/^(matches|differs \(known: chromium\/.+\))$/);
    }
    expect(parseTable(run.stdout, 'scenario').find((row) => row['scenario'] === 'refuse-403')!['the standard']).toBe('matches');
  });

  it('compares with the recorded run, or says there is none', () => {
    const rows = parseTable(run.stdout, 'scenario');
    if (run.stdout.includes('No recorded run')) {
      expect(rows.every((row) => row['recorded Chromium'] === '(no recorded run)')).toBe(true);
    } else {
      // Timing may change what a scenario observes (a request that reaches the server or not): most are the same.
      const same = rows.filter((row) => row['recorded Chromium'] === 'same').length;
      expect(same).toBeGreaterThanOrEqual(rows.length - 5);
    }
  });
});
