/**
 * The project's own clause references: every `@spec` ID in src/ and every ID
 * in a test title names a clause, and every annotation's quotation is the
 * clause's words. (The site build runs the same check and fails on it.)
 */
import { describe, expect, it } from 'vitest';
import { CorpusLookup } from '../../src/corpus/index.ts';
import { REPO_ROOT } from '../../src/corpus/sources/paths.ts';
import { extractAnnotations, scanAnnotations } from '../../src/trace/annotations.ts';
import { scanTestIds } from '../../src/trace/test-ids.ts';
import { formatProblems, validateReferences } from '../../src/trace/validate.ts';

const lookup = new CorpusLookup();

describe("the project's clause references", () => {
  it('all name existing clauses, and all quotations match their clause', async () => {
    const annotations = await scanAnnotations(REPO_ROOT, ['src']);
    const testIds = await scanTestIds(REPO_ROOT);
    expect(annotations.length).toBeGreaterThan(100);
    expect(testIds.length).toBeGreaterThan(100);
    const problems = validateReferences(lookup, annotations, testIds);
    expect(formatProblems(problems)).toBe('');
  });
});

describe('the reference check itself', () => {
  const source = [
    '// @spec rfc6455#section-5.5-99',
    'const a = 1;',
    '// @spec rfc6455#section-5.5.1-2 "The Close frame MUST contain a body"',
    'const b = 2;',
    '// @spec rfc6455#section-5.5.1-2 "clients MUST NOT show it to end users"',
    'const c = 3;',
    '// @spec rfc6455#section-5.5.1-2 "All control frames MUST have a payload length of 125 bytes or less"',
    'const d = 4;',
  ].join('\n');
  const problems = validateReferences(lookup, extractAnnotations(source, 'src/example.ts'), [
    { id: 'whatwg#no-such-anchor', file: 'test/example.test.ts', line: 7 },
  ]);

  it('reports an unknown ID with its file and line', () => {
    expect(problems).toContainEqual({ file: 'src/example.ts', line: 1, message: '@spec rfc6455#section-5.5-99 names no clause or section' });
    expect(problems).toContainEqual({
      file: 'test/example.test.ts',
      line: 7,
      message: 'test title names whatwg#no-such-anchor, which is no clause or section',
    });
  });

  it('reports a paraphrase in quotation marks', () => {
    expect(problems.find((problem) => problem.line === 3)?.message).toMatch(/not in that clause, nor anywhere else/);
  });

  it('accepts an exact quotation', () => {
    expect(problems.find((problem) => problem.line === 5)).toBeUndefined();
  });

  it('reports a quotation of another clause with the clause where the words are', () => {
    expect(problems.find((problem) => problem.line === 7)?.message).toMatch(/the words are in rfc6455#section-5\.5-3/);
  });
});

describe('`wsspec check` on this project', () => {
  it('finds no wrong reference and no drifted quote in src/', async () => {
    const { execFileSync } = await import('node:child_process');
    const output = execFileSync(process.execPath, ['src/cli/wsspec.ts', 'check', 'src', '--quiet'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(output).toMatch(/ 0 errors, 0 warnings\./);
  });
});
