import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseW3cHtml } from '../../src/corpus/w3c/index.ts';
import { corpusProblems, keywordCountOfCorpus, keywordCountOfHtml } from './fixtures/api-helpers.ts';

// Small random HTML documents in the W3C drafts' vocabulary: headings at top
// level, flow containers, lists, steps, notes, dfns with clashing ids, terms.
const word = fc.constantFrom('must', 'must not', 'may', 'should', 'optional', 'widget', 'fail the WebSocket connection', 'a', '&amp;', '&lt;x&gt;', '1');
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));
const id = fc.option(fc.constantFrom('a', 'a-1', 'a-2', 'x', 'x-step-1', 'x-step-1-2', 'sec', 'sec-1', 'front-matter', 'dom-x'), { nil: undefined });
const cls = fc.option(fc.constantFrom('note', 'example', 'warning', 'head', 'toc', 'domintro', 'switch'), { nil: undefined });

const attrs = (i: string | undefined, c: string | undefined): string => `${i ? ` id="${i}"` : ''}${c ? ` class="${c}"` : ''}`;

const { flow } = fc.letrec<{ flow: string; inline: string; block: string }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.tuple(fc.constantFrom('i', 'em', 'code', 'span', 'var', 'dfn', 'a'), id, tie('inline')).map(
      ([tag, i, inner]) => `<${tag}${attrs(i, undefined)}${tag === 'a' ? ' href="#a"' : ''}>${inner}</${tag}>`,
    ),
  ),
  block: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(id, cls, fc.array(tie('inline'), { maxLength: 3 })).map(([i, c, inner]) => `<p${attrs(i, c)}>${inner.join(' ')}</p>`),
    fc.tuple(id, cls, fc.array(tie('flow'), { maxLength: 3 })).map(([i, c, inner]) => `<div${attrs(i, c)}>${inner.join('')}</div>`),
    fc.tuple(fc.constantFrom('ol', 'ul'), cls, fc.array(tie('flow'), { maxLength: 3 })).map(
      ([tag, c, items]) => `<${tag}${attrs(undefined, c)}>${items.map((item) => `<li>${item}`).join('')}</${tag}>`,
    ),
    fc.tuple(cls, fc.array(fc.tuple(tie('inline'), tie('flow')), { maxLength: 3 })).map(
      ([c, entries]) => `<dl${attrs(undefined, c)}>${entries.map(([dt, dd]) => `<dt>${dt}<dd>${dd}`).join('')}</dl>`,
    ),
    fc.array(tie('inline'), { maxLength: 2 }).map((inner) => `<pre class="idl">${inner.join('\n')}</pre>`),
    fc.array(fc.array(tie('inline'), { minLength: 1, maxLength: 2 }), { maxLength: 2 }).map(
      (rows) => `<table>${rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}`).join('')}`).join('')}</table>`,
    ),
    fc.constant('<hr>'),
    tie('inline'),
  ),
  flow: fc.array(tie('block'), { maxLength: 3 }).map((blocks) => blocks.join('\n')),
}));

const heading = fc.tuple(fc.constantFrom('h2', 'h3', 'h4'), id, fc.option(fc.constantFrom('1', '2.1', ''), { nil: undefined }), text).map(
  ([tag, i, secno, title]) => `<${tag}${attrs(i, undefined)}>${secno === undefined ? '' : `<span class="secno">${secno} </span>`}${title}</${tag}>`,
);

const document = fc.array(fc.oneof(heading, flow), { maxLength: 12, size: 'medium' }).map((parts) => `<!DOCTYPE html><title>t</title><body>${parts.join('\n')}</body>`);

describe('W3C parser on random HTML-like documents (fast-check)', () => {
  it('never throws, and yields unique, well-formed ids, sections listing their clauses, and allowed html only', () => {
    fc.assert(
      fc.property(document, (html) => {
        const corpus = parseW3cHtml(html);
        expect(corpusProblems(corpus)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('puts every keyword occurrence of the visible text in exactly one clause', () => {
    fc.assert(
      fc.property(document, (html) => {
        expect(keywordCountOfCorpus(parseW3cHtml(html))).toBe(keywordCountOfHtml(html));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (html) => {
        expect(corpusProblems(parseW3cHtml(html))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
