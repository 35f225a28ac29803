import { describe, expect, it } from 'vitest';
import { CorpusLookup } from '../../src/corpus/index.ts';
import type { Clause, Corpus, SourceId } from '../../src/corpus/model.ts';
import type { CodeAnnotation } from '../../src/trace/annotations.ts';
import { matrixCsv, matrixRows, matrixTotals } from '../../src/trace/matrix.ts';
import { linkTraces } from '../../src/trace/trace.ts';

function corpus(source: SourceId, clauses: Array<Partial<Clause> & { anchor: string }>): Corpus {
  return {
    source: {
      id: source,
      title: source,
      shortName: source,
      url: 'https://example.org/',
      sectionUrl: 'https://example.org/#{anchor}',
      licence: { name: 'x', url: 'https://example.org/', notice: 'x' },
      date: '2011',
    },
    sections: [{ id: `${source}#s`, source, anchor: 's', number: '1', title: 'S', depth: 1, parent: null, citation: 'S', clauses: clauses.map((c) => c.anchor) }],
    clauses: clauses.map((c) => ({
      id: `${source}#${c.anchor}`,
      source,
      section: 's',
      citation: `${source} ${c.anchor}`,
      kind: 'paragraph',
      text: `text of ${c.anchor}`,
      keywords: ['MUST'],
      ...c,
    })),
  };
}

const annotation = (id: string): CodeAnnotation => ({ id, quote: null, file: 'src/x.ts', line: 1, region: { start: 2, end: 2 } });

describe('the traceability matrix', () => {
  const lookup = new CorpusLookup([
    corpus('whatwg', [{ anchor: 'a' }, { anchor: 'b' }, { anchor: 'c', keywords: [], kind: 'step' }, { anchor: 'd', keywords: [] }]),
    corpus('w3c', [{ anchor: 'x' }, { anchor: 'y' }, { anchor: 'z' }]),
  ]);
  const links = linkTraces(lookup, [annotation('whatwg#a'), annotation('whatwg#c')], [], [
    { id: 'whatwg#a', file: 'test/a.test.ts', line: 3 },
    { id: 'whatwg#b', file: 'test/a.test.ts', line: 4 },
  ]);
  const rows = matrixRows(lookup, links, {
    w3cCounterpart: (anchor) =>
      anchor === 'x' ? { id: 'whatwg#a', citation: 'A' } : anchor === 'y' ? { id: 'whatwg#b', citation: 'B' } : { missing: 'removed in 2021' },
  });
  const status = (id: string) => rows.find((row) => row.id === id)?.status;

  it('lists clauses with a keyword and algorithm steps, not other prose', () => {
    expect(rows.map((row) => row.id)).toEqual(['whatwg#a', 'whatwg#b', 'whatwg#c', 'w3c#x', 'w3c#y', 'w3c#z']);
  });

  it('tells implemented and tested, implemented only, and gaps apart', () => {
    expect(status('whatwg#a')).toBe('implemented-tested');
    expect(status('whatwg#c')).toBe('implemented-untested');
    expect(status('whatwg#b')).toBe('gap');
    expect(rows.find((row) => row.id === 'whatwg#b')?.reason).toBe('tested, but no code is annotated with this clause');
  });

  it('judges a W3C CR clause through its WHATWG counterpart, or marks it not applicable when the standard dropped it', () => {
    expect(status('w3c#x')).toBe('implemented-tested');
    expect(rows.find((row) => row.id === 'w3c#x')?.reason).toBe('through its WHATWG counterpart A');
    expect(status('w3c#y')).toBe('gap');
    expect(status('w3c#z')).toBe('not-applicable');
    expect(rows.find((row) => row.id === 'w3c#z')?.reason).toMatch(/removed in 2021/);
  });

  it('totals by status, with coverage over the applicable rows', () => {
    const whatwg = matrixTotals(rows).find((total) => total.source === 'whatwg')!;
    expect(whatwg.byStatus).toEqual({ 'implemented-tested': 1, 'implemented-untested': 1, 'not-applicable': 0, gap: 1 });
    expect(whatwg.coverage).toBeCloseTo(1 / 3);
    const w3c = matrixTotals(rows).find((total) => total.source === 'w3c')!;
    expect(w3c.coverage).toBeCloseTo(1 / 2);
  });

  it('writes CSV with quoted fields where needed', () => {
    const csv = matrixCsv([{ ...rows[0]!, excerpt: 'a "quoted", text' }]);
    expect(csv.split('\n')[0]).toBe('id,source,section,citation,keywords,kind,status,reason,implementations,tests,failedTests,excerpt');
    expect(csv.split('\n')[1]).toMatch(/,"a ""quoted"", text"$/);
  });
});
