import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/model.ts';
import { manifest, sourcesInGroup } from '../../src/corpus/sources/manifest.ts';
import { readSource } from '../../src/corpus/sources/paths.ts';
import { loadW3cSource, parseW3cHtml } from '../../src/corpus/w3c/index.ts';
import { loadWhatwgSource, parseWhatwgBikeshed } from '../../src/corpus/whatwg/index.ts';
import { corpusProblems, keywordCountOfBikeshed, keywordCountOfCorpus, keywordCountOfHtml } from './fixtures/api-helpers.ts';

const W3C = [...sourcesInGroup('w3c-editors-draft'), ...sourcesInGroup('w3c-tr')];
const WHATWG = [...sourcesInGroup('whatwg-latest'), ...sourcesInGroup('whatwg-history'), ...sourcesInGroup('whatwg-review-draft')];

describe('every version of both API specs (for the History work)', () => {
  const parsed = new Map<string, { corpus: Corpus; text: string }>();

  it('parses all 315 W3C editor’s-draft revisions, the 6 /TR documents and every WHATWG index.bs (history, review drafts, latest) without throwing', () => {
    expect(sourcesInGroup('w3c-editors-draft')).toHaveLength(315);
    expect(sourcesInGroup('w3c-tr')).toHaveLength(6);
    expect(WHATWG.length).toBeGreaterThanOrEqual(25);
    const texts = new Map([...W3C, ...WHATWG].map((e) => [e.key, readSource(e.key)]));
    const start = performance.now();
    for (const entry of W3C) {
      const text = texts.get(entry.key) ?? '';
      parsed.set(entry.key, { corpus: parseW3cHtml(text), text });
    }
    const w3cMs = performance.now() - start;
    for (const entry of WHATWG) {
      const text = texts.get(entry.key) ?? '';
      parsed.set(entry.key, { corpus: parseWhatwgBikeshed(text), text });
    }
    const totalMs = performance.now() - start;
    console.log(
      `parsed ${W3C.length} W3C documents in ${Math.round(w3cMs)} ms and ${WHATWG.length} WHATWG versions in ${Math.round(totalMs - w3cMs)} ms`,
    );
    expect(parsed.size).toBe(W3C.length + WHATWG.length);
  });

  it('gives every version unique, well-formed ids and sections that list their clauses', () => {
    const problems = [...parsed].flatMap(([key, { corpus }]) => corpusProblems(corpus).map((p) => `${key}: ${p}`));
    expect(problems).toEqual([]);
    for (const { corpus } of parsed.values()) expect(corpus.clauses.length).toBeGreaterThan(50);
  });

  it('puts every keyword of every version in exactly one clause (count equals the independent walk)', () => {
    const mismatches: string[] = [];
    for (const [key, { corpus, text }] of parsed) {
      const independent = key.startsWith('whatwg') ? keywordCountOfBikeshed(text) : keywordCountOfHtml(text);
      if (keywordCountOfCorpus(corpus) !== independent) mismatches.push(`${key}: ${keywordCountOfCorpus(corpus)} ≠ ${independent}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('parses a version by manifest key with its own citation name and source URL', () => {
    const r1210 = loadW3cSource('w3c-ed-r1.210');
    const entry = manifest.sources.find((e) => e.key === 'w3c-ed-r1.210');
    expect(r1210.source).toMatchObject({ id: 'w3c', url: entry?.url, date: '2011-05-24' });
    expect(r1210.clauses[0]?.citation.startsWith('W3C WebSocket API (ED r1.210)')).toBe(true);
    const rd = loadWhatwgSource('whatwg-rd-2022-03');
    expect(rd.source.id).toBe('whatwg');
    expect(rd.clauses[0]?.citation.startsWith('WebSockets Standard (Review Draft 2022-03)')).toBe(true);
  });
});

describe('r1.209 → r1.210 → r1.271 → CR 2012 (the redirect and failure-information changes)', () => {
  const find = (key: string, pattern: RegExp): string[] =>
    loadW3cSource(key).clauses.filter((c) => pattern.test(c.text)).map((c) => c.anchor);

  it('r1.210 adds "status code … is not 101 (e.g. it is a redirect)" as the second paragraph of a constructor step, which moves from step 7 to step 8 by the CR', () => {
    expect(find('w3c-ed-r1.209', /is not 101/)).toEqual([]);
    expect(find('w3c-ed-r1.210', /is not 101 \(e\.g\. it is a redirect\)/)).toEqual(['dom-websocket-step-7-2']);
    expect(find('w3c-ed-r1.271', /is not 101 \(e\.g\. it is a redirect\)/)).toEqual(['dom-websocket-step-8-2']);
    expect(find('w3c-tr-2012-09-20', /is not 101 \(e\.g\. it is a redirect\)/)).toEqual(['dom-websocket-step-8-2']);
  });

  it('r1.271 adds "must not convey any failure information to scripts" (a normative warning) and the 1006 paragraph', () => {
    expect(find('w3c-ed-r1.270', /convey any failure information/)).toEqual([]);
    expect(find('w3c-ed-r1.271', /convey any failure information/)).toEqual(['feedback-from-the-protocol-12']);
    expect(find('w3c-ed-r1.271', /would be 1006/)).toEqual(['feedback-from-the-protocol-14']);
    expect(find('w3c-tr-2012-09-20', /convey any failure information/)).toEqual(['feedback-from-the-protocol-12']);
  });
});
