/**
 * The traceability links, computed: clause → the code that implements it
 * (annotations) → the tests that prove it (test titles) → their results
 * (the Vitest run the build consumes).
 *
 * An annotation or a test that names a section covers the clauses directly
 * in that section (not its subsections): "§5.5.2 is implemented here" is a
 * claim about §5.5.2's own paragraphs.
 */
import type { Clause } from '../corpus/model.ts';
import type { CorpusLookup } from '../corpus/index.ts';
import type { CodeAnnotation } from './annotations.ts';
import type { TestResult } from './test-results.ts';
import type { TestIdReference } from './test-ids.ts';

export interface ClauseTrace {
  clause: Clause;
  /** Annotations naming the clause itself. */
  implementations: CodeAnnotation[];
  /** Annotations naming the clause's section. */
  sectionImplementations: CodeAnnotation[];
  /** Tests naming the clause itself. */
  tests: TestResult[];
  /** Tests naming the clause's section. */
  sectionTests: TestResult[];
  /** Places in the test sources that name the clause or its section (whether or not they ran). */
  testReferences: TestIdReference[];
}

export interface TraceLinks {
  byClause: Map<string, ClauseTrace>;
  /** Section ID → annotations / tests naming the section. */
  sectionImplementations: Map<string, CodeAnnotation[]>;
  sectionTests: Map<string, TestResult[]>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function linkTraces(
  lookup: CorpusLookup,
  annotations: readonly CodeAnnotation[],
  tests: readonly TestResult[],
  testIds: readonly TestIdReference[] = [],
): TraceLinks {
  const clauseImpl = new Map<string, CodeAnnotation[]>();
  const sectionImpl = new Map<string, CodeAnnotation[]>();
  for (const annotation of annotations) {
    const resolved = lookup.resolve(annotation.id);
    if (resolved?.kind === 'clause') push(clauseImpl, annotation.id, annotation);
    else if (resolved?.kind === 'section') push(sectionImpl, annotation.id, annotation);
  }
  const clauseTests = new Map<string, TestResult[]>();
  const sectionTests = new Map<string, TestResult[]>();
  for (const test of tests) {
    for (const id of test.ids) {
      const resolved = lookup.resolve(id);
      if (resolved?.kind === 'clause') push(clauseTests, id, test);
      else if (resolved?.kind === 'section') push(sectionTests, id, test);
    }
  }

  const references = new Map<string, TestIdReference[]>();
  for (const reference of testIds) push(references, reference.id, reference);

  const byClause = new Map<string, ClauseTrace>();
  for (const corpus of lookup.corpora) {
    for (const clause of corpus.clauses) {
      const sectionId = `${clause.source}#${clause.section}`;
      byClause.set(clause.id, {
        clause,
        implementations: clauseImpl.get(clause.id) ?? [],
        sectionImplementations: sectionImpl.get(sectionId) ?? [],
        tests: clauseTests.get(clause.id) ?? [],
        sectionTests: sectionTests.get(sectionId) ?? [],
        testReferences: [...(references.get(clause.id) ?? []), ...(references.get(sectionId) ?? [])],
      });
    }
  }
  return { byClause, sectionImplementations: sectionImpl, sectionTests };
}

/** Whether a clause has code, counting its section's annotations. */
export function isImplemented(trace: ClauseTrace): boolean {
  return trace.implementations.length + trace.sectionImplementations.length > 0;
}

/**
 * Whether a clause has tests, counting its section's: tests in the recorded
 * run, or test titles in the sources that name it (a test that exists but
 * was not in the recorded run still tests the clause; the page says it did
 * not run).
 */
export function isTested(trace: ClauseTrace): boolean {
  return trace.tests.length + trace.sectionTests.length + trace.testReferences.length > 0;
}
