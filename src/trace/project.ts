/**
 * This project's own traceability data, gathered once per build: the
 * corpora, every annotation in src/, every clause ID in test titles, and the
 * results of the test run in .cache/evidence.
 */
import { CorpusLookup } from '../corpus/index.ts';
import { REPO_ROOT } from '../corpus/sources/paths.ts';
import { scanAnnotations, type CodeAnnotation } from './annotations.ts';
import { readRunInfo, VITEST_RESULTS_FILE, type RunInfo } from '../evidence/run-info.ts';
import { scanTestIds, type TestIdReference } from './test-ids.ts';
import { readVitestResults, type TestResult } from './test-results.ts';
import { linkTraces, type TraceLinks } from './trace.ts';
import { formatProblems, validateReferences, type TraceProblem } from './validate.ts';

/** Where code annotations are read from. */
export const ANNOTATED_DIRS = ['src'] as const;

export interface ProjectTrace {
  lookup: CorpusLookup;
  annotations: CodeAnnotation[];
  testIds: TestIdReference[];
  /** Results of the last full test run, or null when none was recorded. */
  results: { startTime: number; tests: TestResult[] } | null;
  run: RunInfo | null;
  links: TraceLinks;
  problems: TraceProblem[];
}

let cached: Promise<ProjectTrace> | undefined;

export function projectTrace(): Promise<ProjectTrace> {
  cached ??= (async () => {
    const lookup = new CorpusLookup();
    const annotations = await scanAnnotations(REPO_ROOT, ANNOTATED_DIRS);
    const testIds = await scanTestIds(REPO_ROOT);
    const results = await readVitestResults(VITEST_RESULTS_FILE, REPO_ROOT);
    const run = await readRunInfo();
    const links = linkTraces(lookup, annotations, results?.tests ?? [], testIds);
    const problems = validateReferences(lookup, annotations, testIds);
    return { lookup, annotations, testIds, results, run, links, problems };
  })();
  return cached;
}

export class TraceabilityError extends Error {
  override name = 'TraceabilityError';
  constructor(problems: readonly TraceProblem[]) {
    super(`${problems.length} clause reference(s) name no clause or misquote it:\n${formatProblems(problems)}`);
  }
}

/** Throws (failing the build) when any reference is wrong. */
export async function assertProjectReferences(): Promise<ProjectTrace> {
  const trace = await projectTrace();
  if (trace.problems.length > 0) throw new TraceabilityError(trace.problems);
  return trace;
}
