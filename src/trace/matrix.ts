/**
 * The traceability matrix: every normative clause (one with an RFC 2119
 * keyword, or an algorithm step of the API standards) with its status:
 * implemented and tested, implemented but not tested, not applicable (with
 * the reason), or a gap. Totals per source.
 */
import type { Clause, Keyword, SourceId } from '../corpus/model.ts';
import type { CorpusLookup } from '../corpus/index.ts';
import { notApplicableReason } from './not-applicable.ts';
import { isImplemented, isTested, type TraceLinks } from './trace.ts';

export type MatrixStatus = 'implemented-tested' | 'implemented-untested' | 'not-applicable' | 'gap';

export const STATUS_LABELS: Record<MatrixStatus, string> = {
  'implemented-tested': 'implemented and tested',
  'implemented-untested': 'implemented, not tested',
  'not-applicable': 'not applicable',
  gap: 'gap',
};

export interface MatrixRow {
  id: string;
  source: SourceId;
  section: string;
  citation: string;
  keywords: Keyword[];
  /** Kind of clause: `step` rows are algorithm steps. */
  kind: Clause['kind'];
  status: MatrixStatus;
  /** Why, for not-applicable rows; what is missing, for gaps. */
  reason: string | null;
  implementations: number;
  tests: number;
  failedTests: number;
  /** Beginning of the clause text. */
  excerpt: string;
}

export interface MatrixTotals {
  source: SourceId;
  rows: number;
  byStatus: Record<MatrixStatus, number>;
  /** Share of applicable rows (not n/a) that are implemented and tested. */
  coverage: number;
}

/** A clause is in the matrix when it states a requirement. */
export function isNormative(clause: Clause): boolean {
  if (clause.informative) return false;
  return clause.keywords.length > 0 || (clause.kind === 'step' && clause.source !== 'rfc6455');
}

export function matrixRows(lookup: CorpusLookup, links: TraceLinks): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const corpus of lookup.corpora) {
    for (const clause of corpus.clauses) {
      if (!isNormative(clause)) continue;
      const trace = links.byClause.get(clause.id)!;
      const implemented = isImplemented(trace);
      const tested = isTested(trace);
      const naReason = notApplicableReason(clause, corpus);
      let status: MatrixStatus;
      let reason: string | null = null;
      if (implemented && tested) status = 'implemented-tested';
      else if (naReason) {
        status = 'not-applicable';
        reason = naReason;
      } else if (implemented) status = 'implemented-untested';
      else {
        status = 'gap';
        reason = tested ? 'tested, but no code is annotated with this clause' : 'no code and no test name this clause';
      }
      const tests = [...trace.tests, ...trace.sectionTests];
      rows.push({
        id: clause.id,
        source: clause.source,
        section: corpus.sections.find((section) => section.anchor === clause.section)?.citation ?? clause.section,
        citation: clause.citation,
        keywords: clause.keywords,
        kind: clause.kind,
        status,
        reason,
        implementations: trace.implementations.length + trace.sectionImplementations.length,
        tests: tests.length,
        failedTests: tests.filter((test) => test.status === 'failed').length,
        excerpt: clause.text.length > 160 ? `${clause.text.slice(0, 157)}…` : clause.text,
      });
    }
  }
  return rows;
}

export function matrixTotals(rows: readonly MatrixRow[]): MatrixTotals[] {
  const totals = new Map<SourceId, MatrixTotals>();
  for (const row of rows) {
    let total = totals.get(row.source);
    if (!total) {
      total = {
        source: row.source,
        rows: 0,
        byStatus: { 'implemented-tested': 0, 'implemented-untested': 0, 'not-applicable': 0, gap: 0 },
        coverage: 0,
      };
      totals.set(row.source, total);
    }
    total.rows++;
    total.byStatus[row.status]++;
  }
  for (const total of totals.values()) {
    const applicable = total.rows - total.byStatus['not-applicable'];
    total.coverage = applicable === 0 ? 1 : total.byStatus['implemented-tested'] / applicable;
  }
  return [...totals.values()];
}

const CSV_COLUMNS = ['id', 'source', 'section', 'citation', 'keywords', 'kind', 'status', 'reason', 'implementations', 'tests', 'failedTests', 'excerpt'] as const;

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function matrixCsv(rows: readonly MatrixRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(
      CSV_COLUMNS.map((column) => {
        const value = row[column];
        return csvField(Array.isArray(value) ? value.join(' ') : value === null ? '' : value);
      }).join(','),
    );
  }
  return lines.join('\n') + '\n';
}
