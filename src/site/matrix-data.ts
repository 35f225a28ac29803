/**
 * The matrix as the site shows it: the W3C CR judged through its WHATWG
 * counterparts, the run its test results come from, and the compact clause
 * labels of the /matrix/ table.
 */
import type { SourceId } from '../corpus/model.ts';
import { w3cClauseHistory } from '../history/api-track/index.ts';
import type { ProjectTrace } from '../trace/project.ts';
import { matrixRows, type CounterpartOf, type MatrixRow, type MatrixTotals } from '../trace/matrix.ts';
import type { FilterRules } from './filters/island.ts';
import { siteTrace } from './trace-data.ts';

const w3cCounterpart: CounterpartOf = (anchor) => {
  const history = w3cClauseHistory(anchor);
  if (history?.whatwg) return { id: history.whatwg.id, citation: history.whatwg.citation };
  return { missing: history?.noWhatwg?.explanation ?? 'the History track found no counterpart' };
};

let rows: Promise<MatrixRow[]> | undefined;

export function siteMatrixRows(): Promise<MatrixRow[]> {
  rows ??= siteTrace().then((trace) => matrixRows(trace.lookup, trace.links, { w3cCounterpart }));
  return rows;
}

/**
 * The filters of /matrix/ and what each matches in a row (src/site/filters/island.ts),
 * in the order of the form and of the URL query (`?source=rfc6455&status=gap`).
 */
export const MATRIX_FILTERS: FilterRules = {
  source: { attribute: 'source', match: 'equals' },
  section: { attribute: 'section', match: 'equals' },
  keyword: { attribute: 'keywords', match: 'includes', separator: '|' },
  status: { attribute: 'status', match: 'equals' },
};

/** The test run the build embeds, as the pages state it. */
export interface RunSummary {
  /** False when the build found no recorded run: nothing has been run, so no share is shown. */
  recorded: boolean;
  /** `2026-12-05 21:04 UTC`, or null. */
  date: string | null;
  /** Short commit the run tested, with `+` when the tree had changes; null when unknown or not run. */
  commit: string | null;
  passed: number;
  failed: number;
  skipped: number;
}

export function runSummary(trace: Pick<ProjectTrace, 'run' | 'results'>): RunSummary {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const test of trace.results?.tests ?? []) {
    if (test.status === 'passed') counts.passed++;
    else if (test.status === 'failed') counts.failed++;
    else counts.skipped++;
  }
  const run = trace.run;
  return {
    recorded: run !== null,
    date: run ? new Date(run.startedAt).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : null,
    commit: run?.commit ? `${run.commit.slice(0, 7)}${run.dirty ? '+' : ''}` : null,
    ...counts,
  };
}

/**
 * The "implemented and tested, of applicable" share of a source, or "not yet
 * run" when the build has no test run: a test named in a title is not a
 * test that passed, and a percentage of nothing would read as a result.
 */
export function coverageText(total: MatrixTotals, run: RunSummary): string {
  if (!run.recorded) return 'not yet run';
  return `${(total.coverage * 100).toFixed(1)}%`;
}

/**
 * A row's citation split for the table's first column: the document's name
 * (`RFC 6455 `, `W3C WebSocket API (CR 2012) `: the row group says it; kept
 * for screen readers) and the rest (`§5.5.1 ¶2`,
 * `§2.1 “obtain a WebSocket connection” step 3`).
 */
export function compactCitation(row: Pick<MatrixRow, 'citation'>, shortName: string): { prefix: string; rest: string } {
  const section = row.citation.indexOf('§');
  if (row.citation.startsWith(shortName) && section > 0) return { prefix: row.citation.slice(0, section), rest: row.citation.slice(section) };
  return { prefix: '', rest: row.citation };
}

/** Rows grouped by source, in the matrix's order. */
export function rowsBySource(list: readonly MatrixRow[]): { source: SourceId; rows: MatrixRow[] }[] {
  const groups = new Map<SourceId, MatrixRow[]>();
  for (const row of list) {
    const group = groups.get(row.source) ?? [];
    group.push(row);
    groups.set(row.source, group);
  }
  return [...groups].map(([source, grouped]) => ({ source, rows: grouped }));
}
