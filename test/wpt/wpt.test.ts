/**
 * The CI run of the web-platform-tests `websockets/` suite on every engine:
 * our class, Chromium, Firefox, WebKit, undici, Bun and Deno (src/wpt/run.ts).
 * It records `.cache/evidence/wpt.json` (the site's /wpt/ page, /wpt.json and
 * the clause pages), then checks:
 *   - every test URL has a result or an N/A with its reason on every engine;
 *   - our class passes every applicable subtest of every file, one test per
 *     file named with the clauses the file exercises (src/wpt/clauses.ts),
 *     unless a deliberate deviation (src/wpt/deviations.ts) explains it;
 *   - every failure of another engine is a known one (src/wpt/expectations.ts).
 * The run's duration is recorded in the file (run.durationSeconds), never asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notApplicable } from '../../src/wpt/applicability.ts';
import { WPT_CLAUSES } from '../../src/wpt/clauses.ts';
import { deviationFor } from '../../src/wpt/deviations.ts';
import { expectationFor, WPT_EXPECTATIONS } from '../../src/wpt/expectations.ts';
import { readWptFile, WPT_IMPLEMENTATIONS, writeWptFile } from '../../src/wpt/results.ts';
import type { WptImplementation, WptRunFile, WptTestRecord } from '../../src/wpt/results.ts';
import { runWpt } from '../../src/wpt/run.ts';
import { listTests, wptDir } from '../../src/wpt/suite.ts';

const root = wptDir();
const suite = root === null ? [] : listTests(root);
const files = [...new Set(suite.map((test) => test.file))].sort();
let file: WptRunFile;

// WSSPEC_WPT_REUSE=1 checks the run recorded by `node src/wpt/run.ts` instead of running the suite again.
const reuse = process.env['WSSPEC_WPT_REUSE'] === '1';

beforeAll(async () => {
  if (reuse) {
    const recorded = await readWptFile();
    if (recorded === null) throw new Error('WSSPEC_WPT_REUSE=1 but no run is recorded in .cache/evidence/wpt.json');
    file = recorded;
    return;
  }
  file = await runWpt({ log: (line) => console.log(`wpt: ${line}`) });
  await writeWptFile(file);
}, 40 * 60_000);

afterAll(() => {
  if (file) console.log(`wpt: ${file.tests.length} test URLs, ${file.run.durationSeconds} s`);
});

/** Non-passing subtests (and non-OK harness statuses) of `implementation` in `test`, as lines. */
function failuresOf(test: WptTestRecord, implementation: WptImplementation): Array<{ subtest: string | null; line: string }> {
  const out: Array<{ subtest: string | null; line: string }> = [];
  const harness = test.harness[implementation];
  if (harness && harness.status !== 'OK' && harness.status !== 'N/A') {
    out.push({ subtest: null, line: `${test.path}: harness ${harness.status} ${harness.message ?? ''}` });
  }
  for (const subtest of test.subtests) {
    const result = subtest.results[implementation];
    if (result && result.status !== 'PASS' && result.status !== 'N/A') {
      out.push({ subtest: subtest.name, line: `${test.path} "${subtest.name}": ${result.status} ${result.message ?? ''}` });
    }
  }
  return out;
}

describe.skipIf(root === null)('the WPT websockets suite, on every engine', () => {
  it('gives every test URL a result or an N/A with its reason on every engine', () => {
    const missing: string[] = [];
    for (const test of file.tests) {
      for (const implementation of WPT_IMPLEMENTATIONS) {
        const harness = test.harness[implementation];
        if (harness === undefined) missing.push(`${test.path}: no result for ${implementation}`);
        else if (harness.status === 'N/A' && !harness.message) missing.push(`${test.path}: N/A without a reason for ${implementation}`);
      }
    }
    expect(missing).toEqual([]);
    expect(file.tests.length).toBeGreaterThan(700);
  });

  it('runs in every engine this machine has (an engine that is missing says why and how to install it)', () => {
    for (const implementation of WPT_IMPLEMENTATIONS) {
      const info = file.implementations[implementation];
      expect(info, implementation).toBeDefined();
      if (info!.missing === null) expect(info!.version, implementation).not.toBe('');
      else expect(info!.missing).toMatch(/install|launch/i);
    }
    expect(file.implementations.wsspec?.missing).toBeNull();
  });

  // A failure no entry explains is run once more on its own, as wptrunner's
  // --rerun does: one that passes then is timing (reported, not failed); one
  // that fails again is a change in the engine or in our server.
  it('fails on other engines only where src/wpt/expectations.ts says why (an unexplained failure that passes when run again is reported as intermittent)', async () => {
    const unexplained = (record: WptRunFile, implementation: WptImplementation, path: string): string[] =>
      record.tests
        .filter((test) => test.path === path)
        .flatMap((test) => failuresOf(test, implementation).filter((failure) => expectationFor(implementation, test.file, failure.subtest) === undefined))
        .map((failure) => `${implementation}: ${failure.line}`);
    const suspects: Array<{ implementation: WptImplementation; path: string }> = [];
    for (const test of file.tests) {
      for (const implementation of WPT_IMPLEMENTATIONS) {
        if (implementation !== 'wsspec' && unexplained(file, implementation, test.path).length > 0) suspects.push({ implementation, path: test.path });
      }
    }
    const unexpected: string[] = [];
    for (const { implementation, path } of suspects.slice(0, 20)) {
      const again = await runWpt({ implementations: [implementation], filter: path });
      const still = unexplained(again, implementation, path);
      if (still.length > 0) unexpected.push(...still);
      else console.warn(`wpt: intermittent on ${implementation}: ${unexplained(file, implementation, path).join('; ')} (passed when run again)`);
    }
    for (const { implementation, path } of suspects.slice(20)) unexpected.push(...unexplained(file, implementation, path));
    expect(unexpected).toEqual([]);
  }, 600_000);

  it('lists no expectation for a file the suite does not have', () => {
    expect(WPT_EXPECTATIONS.filter((entry) => !files.includes(entry.file)).map((entry) => entry.file)).toEqual([]);
  });

  it('records the run in .cache/evidence/wpt.json with its commit, duration and engine versions', async () => {
    const written = await readWptFile();
    expect(written?.tests.length).toBe(file.tests.length);
    expect(written?.run.durationSeconds).toBeGreaterThan(0);
    if (!reuse) expect(written?.run.node).toBe(process.version);
    expect(written?.tests.every((test) => test.clauses.length > 0)).toBe(true);
  });
});

describe.skipIf(root === null)('our class on each WPT file (the clauses each file exercises)', () => {
  for (const source of files) {
    const ids = WPT_CLAUSES[source] ?? [];
    // A file no variant of which can run on ours (N/A: why is in the file) proves nothing here: skipped, not passed.
    const applicable = suite.some((test) => test.file === source && notApplicable(test, 'wsspec') === null);
    it.skipIf(!applicable)(`passes every applicable subtest of ${source} [${ids.join(', ')}]`, () => {
      const tests = file.tests.filter((test) => test.file === source);
      expect(tests.length).toBeGreaterThan(0);
      const failures = tests.flatMap((test) =>
        failuresOf(test, 'wsspec')
          .filter((failure) => failure.subtest === null || deviationFor(test.path, test.file, failure.subtest) === undefined)
          .map((failure) => failure.line),
      );
      expect(failures).toEqual([]);
    });
  }
});
