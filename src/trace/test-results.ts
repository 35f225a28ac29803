/**
 * The results of the test run the site embeds, read from Vitest's JSON
 * report: each test with its file, line, status, duration and the clause IDs
 * its title and its describe blocks name.
 */
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { clauseIdsIn } from './test-ids.ts';

export type TestStatus = 'passed' | 'failed' | 'skipped' | 'todo';

export interface TestResult {
  /** Repository-relative test file. */
  file: string;
  /** Describe titles, outermost first. */
  ancestors: string[];
  title: string;
  fullName: string;
  status: TestStatus;
  durationMs: number | null;
  /** Line of the test in its file, when Vitest recorded it. */
  line: number | null;
  /** Clause IDs named by the test or its describe blocks. */
  ids: string[];
  /** First failure message, if it failed. */
  failure: string | null;
}

interface VitestAssertion {
  ancestorTitles: string[];
  title: string;
  fullName: string;
  status: string;
  duration?: number | null;
  location?: { line: number; column: number } | null;
  failureMessages?: string[];
}

interface VitestReport {
  startTime: number;
  testResults: Array<{ name: string; assertionResults: VitestAssertion[] }>;
}

function statusOf(raw: string): TestStatus {
  if (raw === 'passed' || raw === 'failed' || raw === 'todo') return raw;
  return 'skipped';
}

export function parseVitestReport(report: VitestReport, root: string): TestResult[] {
  const results: TestResult[] = [];
  for (const file of report.testResults) {
    const path = relative(root, file.name).split(sep).join('/');
    for (const test of file.assertionResults) {
      const ids = [...new Set([...test.ancestorTitles.flatMap(clauseIdsIn), ...clauseIdsIn(test.title)])];
      results.push({
        file: path,
        ancestors: test.ancestorTitles,
        title: test.title,
        fullName: test.fullName,
        status: statusOf(test.status),
        durationMs: typeof test.duration === 'number' ? test.duration : null,
        line: test.location?.line ?? null,
        ids,
        failure: test.failureMessages?.[0]?.split('\n')[0] ?? null,
      });
    }
  }
  return results;
}

export async function readVitestResults(path: string, root: string): Promise<{ startTime: number; tests: TestResult[] } | null> {
  let report: VitestReport;
  try {
    report = JSON.parse(await readFile(path, 'utf8')) as VitestReport;
  } catch {
    return null;
  }
  return { startTime: report.startTime, tests: parseVitestReport(report, root) };
}
