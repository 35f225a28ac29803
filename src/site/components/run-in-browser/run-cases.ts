/**
 * Runs spec cases one after the other and reports each result as it
 * comes, for the "Run in your browser" island (and its unit test). Between
 * cases it yields to the event loop, so the page can show each result
 * before the next case starts.
 */
import type { SpecCase } from '../../../../test/protocol/cases/spec-case.ts';

export interface CaseResult {
  title: string;
  status: 'passed' | 'failed';
  durationMs: number;
  /** `Name: message` of what the case threw, or null when it passed. */
  error: string | null;
}

export interface RunSummary {
  results: CaseResult[];
  passed: number;
  failed: number;
  durationMs: number;
}

export interface RunOptions {
  /** Called after each case, in order. */
  onResult?: (result: CaseResult, index: number) => void;
  /** A case still running after this many milliseconds fails. */
  timeoutMs?: number;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function describeError(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return `thrown: ${String(error)}`;
}

function withTimeout(run: () => void | Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([Promise.resolve().then(run), timeout]).finally(() => clearTimeout(timer));
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One summary line: `3 passed, 0 failed in 12 ms`. */
export function summaryLine(summary: Pick<RunSummary, 'passed' | 'failed' | 'durationMs'>): string {
  return `${summary.passed} passed, ${summary.failed} failed in ${Math.round(summary.durationMs)} ms`;
}

export async function runCases(cases: readonly SpecCase[], options: RunOptions = {}): Promise<RunSummary> {
  const now = options.now ?? (() => performance.now());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const results: CaseResult[] = [];
  const started = now();
  for (const [index, c] of cases.entries()) {
    const start = now();
    let error: string | null = null;
    try {
      await withTimeout(() => c.run(), timeoutMs);
    } catch (thrown) {
      error = describeError(thrown);
    }
    const result: CaseResult = { title: c.title, status: error === null ? 'passed' : 'failed', durationMs: now() - start, error };
    results.push(result);
    options.onResult?.(result, index);
    await nextTask();
  }
  const passed = results.filter((result) => result.status === 'passed').length;
  return { results, passed, failed: results.length - passed, durationMs: now() - started };
}
