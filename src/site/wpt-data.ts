/**
 * The recorded WPT run for the pages: `/wpt/` (the table), `/wpt.json`, and
 * under each clause the WPT tests that exercise it. Read from
 * `.cache/evidence/wpt.json` (written by test/wpt/wpt.test.ts); never
 * hand-written. With no run recorded, pages say so.
 */
import { readFileSync } from 'node:fs';
import { countFor, WPT_FILE, WPT_IMPLEMENTATIONS } from '../wpt/results.ts';
import type { WptImplementation, WptRunFile, WptTestRecord } from '../wpt/results.ts';
import { WPT_DEVIATIONS } from '../wpt/deviations.ts';
import type { WptDeviation } from '../wpt/deviations.ts';
import { withBase } from './base.ts';

export const WPT_PAGE = withBase('/wpt/');

let cached: WptRunFile | null | undefined;

/** The recorded run, or null. */
export function wptRun(): WptRunFile | null {
  if (cached === undefined) {
    try {
      const data = JSON.parse(readFileSync(WPT_FILE, 'utf8')) as Partial<WptRunFile>;
      cached = data.format === 'wsspec-wpt/1' ? (data as WptRunFile) : null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

/** The implementations of the run, in page order. */
export function wptImplementations(run: WptRunFile): WptImplementation[] {
  return WPT_IMPLEMENTATIONS.filter((id) => run.implementations[id] !== undefined);
}

/** A short column heading: "Chromium 143", "ours". */
export function shortLabel(run: WptRunFile, id: WptImplementation): string {
  if (id === 'wsspec') return 'ours';
  const info = run.implementations[id]!;
  const name = info.label.replace(/\s*\(.*\)$/, '');
  const version = info.version.split(/[\s(]/)[0] ?? '';
  return version ? `${name} ${version}` : name;
}

/** The fragment id of a test URL's row on /wpt/. */
export function wptRowId(path: string): string {
  return 'wpt-' + path.replace(/^\/websockets\//, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function wptHref(path: string): string {
  return `${WPT_PAGE}#${wptRowId(path)}`;
}

/** Whether no implementation ran this test URL (all N/A). */
export function notRunAnywhere(test: WptTestRecord): boolean {
  return Object.values(test.harness).every((result) => result?.status === 'N/A');
}

export interface CellSummary {
  /** PASS, FAIL (some subtests failed), ERROR (harness error, no subtests), N/A, or none (not in the run). */
  kind: 'pass' | 'fail' | 'error' | 'na' | 'none';
  text: string;
  title: string;
}

/** One cell of the table: subtests passed / run, or why it did not run. */
export function cellFor(test: WptTestRecord, id: WptImplementation): CellSummary {
  const harness = test.harness[id];
  if (harness === undefined) return { kind: 'none', text: '–', title: 'not in this run' };
  const counts = countFor(test, id);
  if (counts.na !== null) return { kind: 'na', text: 'N/A', title: counts.na };
  if (harness.status !== 'OK' && counts.total === 0) return { kind: 'error', text: harness.status, title: harness.message ?? harness.status };
  const kind = counts.pass === counts.total && harness.status === 'OK' ? 'pass' : 'fail';
  const title = harness.status === 'OK' ? `${counts.pass} of ${counts.total} subtests pass` : `${counts.pass} of ${counts.total} pass; harness ${harness.status}: ${harness.message ?? ''}`;
  return { kind, text: `${counts.pass} / ${counts.total}`, title };
}

/** Totals per implementation: subtests passed and run (N/A excluded), test URLs run and N/A. */
export function wptTotals(run: WptRunFile): Array<{ id: WptImplementation; pass: number; total: number; files: number; na: number }> {
  return wptImplementations(run).map((id) => {
    let pass = 0;
    let total = 0;
    let files = 0;
    let na = 0;
    for (const test of run.tests) {
      const counts = countFor(test, id);
      if (counts.na !== null) {
        na++;
        continue;
      }
      if (test.harness[id] === undefined) continue;
      files++;
      pass += counts.pass;
      total += counts.total;
    }
    return { id, pass, total, files, na };
  });
}

let byClause: Map<string, WptTestRecord[]> | undefined;

/** The test URLs whose file exercises `clauseId` (src/wpt/clauses.ts), in run order. */
export function wptTestsForClause(clauseId: string): WptTestRecord[] {
  const run = wptRun();
  if (run === null) return [];
  if (byClause === undefined) {
    byClause = new Map();
    for (const test of run.tests) {
      for (const id of test.clauses) {
        const list = byClause.get(id) ?? [];
        list.push(test);
        byClause.set(id, list);
      }
    }
  }
  return byClause.get(clauseId) ?? [];
}

/** Deliberate deviations of ours that a WPT subtest shows, for a clause. */
export function wptDeviationsForClause(clauseId: string): WptDeviation[] {
  return WPT_DEVIATIONS.filter((deviation) => deviation.clause === clauseId);
}
