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

/** The beginning of a clause's text on one line (figures have their whitespace folded). */
function excerptOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/** A clause is in the matrix when it states a requirement. */
export function isNormative(clause: Clause): boolean {
  if (clause.informative) return false;
  return clause.keywords.length > 0 || (clause.kind === 'step' && clause.source !== 'rfc6455');
}

/**
 * The W3C CR 2012 is history: this implementation follows today's WHATWG
 * standard. A CR clause is judged through its WHATWG counterpart (when the
 * History track found one), or is not applicable when the standard no longer
 * has it.
 */
export type CounterpartOf = (w3cAnchor: string) => { id: string; citation: string } | { missing: string };

export interface MatrixOptions {
  w3cCounterpart?: CounterpartOf;
}

export function matrixRows(lookup: CorpusLookup, links: TraceLinks, options: MatrixOptions = {}): MatrixRow[] {
  const rows: MatrixRow[] = [];
  // WHATWG before W3C, so that W3C rows can look up their counterpart's row.
  const order: SourceId[] = ['rfc6455', 'whatwg', 'w3c'];
  const corpora = [...lookup.corpora].sort((a, b) => order.indexOf(a.source.id) - order.indexOf(b.source.id));
  const byId = new Map<string, MatrixRow>();
  for (const corpus of corpora) {
    for (const clause of corpus.clauses) {
      if (!isNormative(clause)) continue;
      const trace = links.byClause.get(clause.id)!;
      const implemented = isImplemented(trace);
      const tested = isTested(trace);
      const naReason = notApplicableReason(clause, corpus);
      let status: MatrixStatus;
      let reason: string | null = null;
      const counterpart = clause.source === 'w3c' && !(implemented && tested) ? options.w3cCounterpart?.(clause.anchor) : undefined;
      const via = counterpart && 'id' in counterpart ? byId.get(counterpart.id) : undefined;
      if (implemented && tested) status = 'implemented-tested';
      else if (counterpart && 'missing' in counterpart && !naReason) {
        status = 'not-applicable';
        reason = `not in today's WHATWG standard, which this implementation follows: ${counterpart.missing}`;
      } else if (counterpart && 'id' in counterpart) {
        status = via?.status ?? 'not-applicable';
        reason =
          status === 'implemented-tested'
            ? `through its WHATWG counterpart ${counterpart.citation}`
            : `as its WHATWG counterpart ${counterpart.citation}${via?.reason ? `: ${via.reason}` : via ? '' : ', which states no requirement of its own'}`;
      } else if (naReason) {
        status = 'not-applicable';
        reason = naReason;
      } else if (implemented) status = 'implemented-untested';
      else {
        status = 'gap';
        reason = tested ? 'tested, but no code is annotated with this clause' : 'no code and no test name this clause';
      }
      const tests = [...trace.tests, ...trace.sectionTests];
      const row: MatrixRow = {
        id: clause.id,
        source: clause.source,
        section: corpus.sections.find((section) => section.anchor === clause.section)?.citation ?? clause.section,
        citation: clause.citation,
        keywords: clause.keywords,
        kind: clause.kind,
        status,
        reason,
        implementations: via?.implementations ?? trace.implementations.length + trace.sectionImplementations.length,
        tests: via?.tests ?? Math.max(tests.length, trace.testReferences.length),
        failedTests: via?.failedTests ?? tests.filter((test) => test.status === 'failed').length,
        excerpt: excerptOf(clause.text),
      };
      rows.push(row);
      byId.set(row.id, row);
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
