/**
 * The not-applicable data of the traceability matrix (src/trace/
 * not-applicable.ts) is consistent: each entry names a clause or section
 * that exists and holds a requirement, gives its reason as a sentence, and
 * no clause it covers is claimed as implemented by a `@spec` annotation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusLookup } from '../../src/corpus/index.ts';
import { REPO_ROOT } from '../../src/corpus/sources/paths.ts';
import { scanAnnotations } from '../../src/trace/annotations.ts';
import type { CodeAnnotation } from '../../src/trace/annotations.ts';
import { isNormative } from '../../src/trace/matrix.ts';
import { NOT_APPLICABLE } from '../../src/trace/not-applicable.ts';
import { isImplemented, linkTraces } from '../../src/trace/trace.ts';

const lookup = new CorpusLookup();
const entries = Object.entries(NOT_APPLICABLE);
let annotations: CodeAnnotation[];
beforeAll(async () => {
  annotations = await scanAnnotations(REPO_ROOT, ['src']);
});

describe('Not-applicable clauses', () => {
  it('lists RFC 6455 clauses', () => {
    expect(entries.filter(([id]) => id.startsWith('rfc6455#')).length).toBeGreaterThan(0);
  });

  it('names only existing clauses or sections, each covering at least one normative clause', () => {
    for (const [id] of entries) {
      expect(lookup.resolve(id), id).not.toBeNull();
      expect(lookup.clausesOf(id).some(isNormative), `${id} holds no requirement`).toBe(true);
    }
  });

  it('gives each a reason that is a sentence of at least 20 characters', () => {
    for (const [id, reason] of entries) {
      expect(reason.length, id).toBeGreaterThanOrEqual(20);
      expect(reason, id).toMatch(/^[A-Z(§].*[.)]$/s);
      expect(reason, id).toBe(reason.trim());
    }
  });

  it('never marks a clause that code claims to implement (a contradiction)', () => {
    const links = linkTraces(lookup, annotations, []);
    const contradictions: string[] = [];
    for (const [id] of entries) {
      for (const clause of lookup.clausesOf(id)) {
        const trace = links.byClause.get(clause.id)!;
        if (isImplemented(trace)) {
          const where = [...trace.implementations, ...trace.sectionImplementations].map((a) => `${a.file}:${a.line}`);
          contradictions.push(`${clause.id} (not applicable by ${id}) is annotated in ${where.join(', ')}`);
        }
      }
    }
    expect(contradictions).toEqual([]);
  });
});
