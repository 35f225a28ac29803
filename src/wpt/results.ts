/**
 * The recorded WPT run: `.cache/evidence/wpt.json`, published by the site
 * as `/wpt.json`. Its shape is the issue's:
 *
 *   { run, implementations, tests: [{ path, clauses, subtests: [{ name,
 *     results: { <implementation>: { status, message? } } }] }] }
 *
 * with, per test, `file` (the source file), `variant`, `scope` and
 * `harness` (the harness status per implementation, which also carries
 * the N/A reason of a file that never ran there).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EVIDENCE_DIR } from '../evidence/run-info.ts';
import type { RunInfo } from '../evidence/run-info.ts';
import type { Scope } from './suite.ts';

export const WPT_FILE = join(EVIDENCE_DIR, 'wpt.json');

/** The implementations, in the order pages show them. */
export const WPT_IMPLEMENTATIONS = ['wsspec', 'chromium', 'firefox', 'webkit', 'undici', 'bun', 'deno'] as const;
export type WptImplementation = (typeof WPT_IMPLEMENTATIONS)[number];

/** testharness.js's subtest statuses, and N/A for a test that could not run there (with the reason). */
export type SubtestStatus = 'PASS' | 'FAIL' | 'TIMEOUT' | 'NOTRUN' | 'PRECONDITION_FAILED' | 'N/A';
/** The harness status of a file: OK, ERROR, TIMEOUT, PRECONDITION_FAILED, or N/A. */
export type HarnessStatus = 'OK' | 'ERROR' | 'TIMEOUT' | 'PRECONDITION_FAILED' | 'N/A';

export const SUBTEST_STATUSES: readonly SubtestStatus[] = ['PASS', 'FAIL', 'TIMEOUT', 'NOTRUN', 'PRECONDITION_FAILED'];
export const HARNESS_STATUSES: readonly HarnessStatus[] = ['OK', 'ERROR', 'TIMEOUT', 'PRECONDITION_FAILED'];

export interface Result<S extends string> {
  status: S;
  /** The assertion message of a failure, or why a test is not applicable. */
  message?: string;
}

export interface WptSubtest {
  name: string;
  results: Partial<Record<WptImplementation, Result<SubtestStatus>>>;
}

export interface WptTestRecord {
  /** The test URL, as wpt.fyi names it: `/websockets/Close-1000.any.html?wss`. */
  path: string;
  /** The source file: `websockets/Close-1000.any.js`. */
  file: string;
  scope: Scope;
  variant: string;
  /** Clause IDs the file exercises (src/wpt/clauses.ts). */
  clauses: string[];
  harness: Partial<Record<WptImplementation, Result<HarnessStatus>>>;
  subtests: WptSubtest[];
}

export interface WptImplementationInfo {
  label: string;
  version: string;
  /** Where its WebSocket is implemented. */
  source: string;
  /** Why it did not run at all here (missing browser…), or null. */
  missing: string | null;
}

export interface WptRunFile {
  format: 'wsspec-wpt/1';
  run: RunInfo & {
    /** testharness.js timeouts were multiplied by this (wptrunner's --timeout-multiplier). */
    timeoutMultiplier: number;
    /** Wall-clock time of the whole run, in seconds. */
    durationSeconds: number;
    /** Where the suite came from (its README), never copied. */
    suite: string;
  };
  implementations: Partial<Record<WptImplementation, WptImplementationInfo>>;
  tests: WptTestRecord[];
}

export async function writeWptFile(file: WptRunFile, path: string = WPT_FILE): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(file, null, 1) + '\n');
}

/** The recorded run, or null when none was recorded. */
export async function readWptFile(path: string = WPT_FILE): Promise<WptRunFile | null> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as Partial<WptRunFile>;
    return data.format === 'wsspec-wpt/1' ? (data as WptRunFile) : null;
  } catch {
    return null;
  }
}

/** Subtest counts of one test for one implementation: passed / total (N/A excluded). */
export function countFor(test: WptTestRecord, implementation: WptImplementation): { pass: number; total: number; na: string | null } {
  const harness = test.harness[implementation];
  if (harness?.status === 'N/A') return { pass: 0, total: 0, na: harness.message ?? 'not applicable' };
  let pass = 0;
  let total = 0;
  for (const subtest of test.subtests) {
    const result = subtest.results[implementation];
    if (result === undefined || result.status === 'N/A') continue;
    total++;
    if (result.status === 'PASS') pass++;
  }
  return { pass, total, na: null };
}
