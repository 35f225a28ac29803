/**
 * Traceability data for the pages: the project's links (src/trace), plus
 * code excerpts read from the actual files at build time and the list of
 * files that get a source page.
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { REPO_ROOT } from '../corpus/sources/paths.ts';
import type { CodeAnnotation } from '../trace/annotations.ts';
import { assertProjectReferences, type ProjectTrace } from '../trace/project.ts';
import type { TestResult } from '../trace/test-results.ts';
import { withBase } from './base.ts';
import { highlight } from './code/highlight.ts';
import { locateCase } from './components/run-in-browser/case-sources.ts';

export function siteTrace(): Promise<ProjectTrace> {
  return assertProjectReferences();
}

const fileLines = new Map<string, string[]>();

export function linesOf(file: string): string[] {
  let lines = fileLines.get(file);
  if (!lines) {
    lines = readFileSync(join(REPO_ROOT, file), 'utf8').split('\n');
    fileLines.set(file, lines);
  }
  return lines;
}

/** Site URL of a file's source page, optionally at a line. */
export function sourceHref(file: string, line?: number | null): string {
  return withBase(`/source/${file}/${line ? `#L${line}` : ''}`);
}

/** The repository URL of a file at the tested commit, when WSSPEC_REPO_URL is set (e.g. https://github.com/o/wsspec). */
export function repositoryHref(file: string, line: number | null, commit: string | null): string | null {
  const base = process.env['WSSPEC_REPO_URL'];
  if (!base) return null;
  return `${base.replace(/\/$/, '')}/blob/${commit ?? 'main'}/${file}${line ? `#L${line}` : ''}`;
}

/** The highlighted code an annotation covers, with its comment line for context. */
export async function annotationExcerpt(annotation: CodeAnnotation): Promise<string> {
  const lines = linesOf(annotation.file);
  const start = Math.min(annotation.line, annotation.region.start);
  const end = Math.min(annotation.region.end, start + 60);
  const code = lines.slice(start - 1, end).join('\n');
  return highlight(code, annotation.file, { firstLine: start, emphasize: annotation.region });
}

/** Files that get a source page: all of src/, and the tests that name clauses. */
export async function sourceFiles(): Promise<string[]> {
  const trace = await siteTrace();
  const files = new Set<string>();
  const entries = await readdir(join(REPO_ROOT, 'src'), { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (entry.isFile() && /\.(?:ts|astro)$/.test(entry.name)) files.add(relative(REPO_ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  for (const annotation of trace.annotations) files.add(annotation.file);
  for (const reference of trace.testIds) files.add(reference.file);
  for (const test of trace.results?.tests ?? []) if (test.ids.length > 0) files.add(test.file);
  return [...files].sort();
}

export function testLabel(test: TestResult): string {
  return [...test.ancestors, test.title].join(' › ');
}

/**
 * Where a test is written. Vitest records shared cases (test/protocol/cases)
 * at the loop in their thin test file; the case's own definition is the
 * useful place to land.
 */
export function testSource(test: TestResult): { file: string; line: number | null } {
  if (test.file.startsWith('test/protocol/')) {
    const located = locateCase(test.title);
    if (located) return located;
  }
  return { file: test.file, line: test.line };
}
