/**
 * The WHATWG entries of the not-applicable data (src/trace/not-applicable.ts):
 * each names a clause or section of the standard that holds a requirement,
 * gives its reason as a sentence, and covers no clause that code claims to
 * implement. (test/protocol/rfc-not-applicable.test.ts does the same for
 * every entry; this one also pins down which API clauses are not
 * applicable, so that a new entry is a decision seen in review.)
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
const entries = Object.entries(NOT_APPLICABLE).filter(([id]) => id.startsWith('whatwg#'));
let annotations: CodeAnnotation[];
beforeAll(async () => {
  annotations = await scanAnnotations(REPO_ROOT, ['src']);
}, 60_000);

describe('Not-applicable clauses of the WHATWG standard', () => {
  it('are exactly the collection of an open connection and make disappear', () => {
    expect(entries.map(([id]) => id).sort()).toEqual(['whatwg#garbage-collection-5', 'whatwg#make-disappear'].sort());
  });

  it('name existing clauses or sections, each covering at least one normative clause', () => {
    for (const [id] of entries) {
      expect(lookup.resolve(id), id).not.toBeNull();
      expect(lookup.clausesOf(id).some(isNormative), `${id} holds no requirement`).toBe(true);
    }
  });

  it('give each a reason that is a sentence of at least 20 characters', () => {
    for (const [id, reason] of entries) {
      expect(reason.length, id).toBeGreaterThanOrEqual(20);
      expect(reason, id).toMatch(/^[A-Z(§].*[.)]$/s);
    }
  });

  it('cover no clause that code claims to implement', () => {
    const links = linkTraces(lookup, annotations, []);
    const contradictions = entries.flatMap(([id]) =>
      lookup
        .clausesOf(id)
        .filter((clause) => isImplemented(links.byClause.get(clause.id)!))
        .map((clause) => `${clause.id} (not applicable by ${id}) is annotated`),
    );
    expect(contradictions).toEqual([]);
  });
});
