import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/model.ts';
import { loadRfc6455 } from '../../src/corpus/rfc6455/index.ts';
import { loadW3cCr } from '../../src/corpus/w3c/index.ts';
import { loadWhatwg } from '../../src/corpus/whatwg/index.ts';
import {
  alignedSimilarity,
  matchQuote,
  matchQuoteInSource,
  normalizeForQuote,
  quoteSegments,
  stripCommentMarkers,
  type QuoteMatch,
} from '../../src/trace/quotes.ts';

const corpora: Corpus[] = [loadRfc6455(), loadWhatwg(), loadW3cCr()];

function foundInIds(result: QuoteMatch): string[] {
  return result.ok === false && result.reason === 'not-in-clause' ? result.foundIn.map((clause) => clause.id) : [];
}

describe('quote normalization', () => {
  it('collapses whitespace and line breaks, and ignores case', () => {
    expect(normalizeForQuote('  All control\n   frames  MUST have ')).toBe('all control frames must have');
  });

  it('drops comment markers at the start of continuation lines (//, *, #, --), not in the first line', () => {
    expect(stripCommentMarkers('a b\n// c d\n * e f\n# g h\n-- i j')).toBe('a b\nc d\ne f\ng h\ni j');
    expect(stripCommentMarkers('a // b')).toBe('a // b');
    expect(quoteSegments('The request MUST\n   *   contain an |Upgrade| header field */')).toEqual([
      'the request must contain an upgrade header field',
    ]);
  });

  it('treats typographic and straight quotes, apostrophes and backticks alike', () => {
    expect(normalizeForQuote('the client’s “websocket” `token`')).toBe(normalizeForQuote(`the client's "websocket" token`));
  });

  it("makes the RFC's |Header|, /var/ and _Term_ notation optional", () => {
    expect(normalizeForQuote('an |Upgrade| header with /secure/ set, _Fail the WebSocket Connection_')).toBe(
      normalizeForQuote('an Upgrade header with secure set, Fail the WebSocket Connection'),
    );
  });

  it('joins a hyphen broken at a line end (case-\\n// insensitive)', () => {
    expect(quoteSegments('ASCII case-\n// insensitive match')).toEqual(['ascii case-insensitive match']);
  });

  it('splits a quote at ellipses (..., …, [...]) and ignores punctuation at the ends of each part', () => {
    expect(quoteSegments('Upon receipt of a Ping frame, … unless it already [...] received a Close frame.')).toEqual([
      'upon receipt of a ping frame',
      'unless it already',
      'received a close frame',
    ]);
  });
});

describe('matchQuote against the corpora', () => {
  it('accepts the words of the cited clause, whatever the comment wrapping', () => {
    const quote = 'All control frames MUST have a payload length\n   // of 125 bytes or less.';
    expect(matchQuote(quote, 'rfc6455#section-5.5-3', corpora)).toMatchObject({ ok: true });
  });

  it('accepts a quote of a clause under a cited section or its subsections', () => {
    expect(matchQuote('The application MUST NOT send any more data frames after sending a Close frame.', 'rfc6455#section-5.5', corpora)).toMatchObject({ ok: true });
  });

  it('accepts a quote without the RFC delimiters and with nested quotation marks', () => {
    const quote = "The request MUST contain an Upgrade header field whose value MUST include the 'websocket' keyword.";
    expect(matchQuote(quote, 'rfc6455#section-4.1-6.5', corpora)).toMatchObject({ ok: true });
  });

  it('accepts gaps marked with an ellipsis, in order only', () => {
    expect(matchQuote('Upon receipt of a Ping frame … unless it already received a Close frame', 'rfc6455#section-5.5.2-3', corpora).ok).toBe(true);
    expect(matchQuote('unless it already received a Close frame … Upon receipt of a Ping frame', 'rfc6455#section-5.5.2-3', corpora).ok).toBe(false);
  });

  it('reads ABNF comments in figures without their ";" markers', () => {
    const quote = "When using the quoted-string syntax variant, the value after quoted-string unescaping MUST conform to the 'token' ABNF.";
    expect(matchQuote(quote, 'rfc6455#section-9.1-2', corpora).ok).toBe(true);
  });

  it('accepts the title of a cited section', () => {
    expect(matchQuote('WebSocket Close Code Number Registry', 'rfc6455#section-11.7', corpora)).toEqual({ ok: true, clauses: [] });
  });

  it('reports a quote from another section with where the words are, nearest the citation first', () => {
    const result = matchQuote('A Pong frame MAY be sent unsolicited.', 'rfc6455#section-5.5.2', corpora);
    expect(result).toMatchObject({ ok: false, reason: 'not-in-clause' });
    expect(foundInIds(result)).toEqual(['rfc6455#section-5.5.3-5']);
  });

  it('reports a quote from the next paragraph of the same section as not in the clause', () => {
    const result = matchQuote('The application MUST NOT send any more data frames', 'rfc6455#section-5.5.1-2', corpora);
    expect(foundInIds(result)).toEqual(['rfc6455#section-5.5.1-4']);
  });

  it('lists every clause that holds a repeated phrase, the cited source first', () => {
    const result = matchQuote('MUST NOT be set as a status code', 'rfc6455#section-7.4', corpora);
    expect(result.ok).toBe(true);
    const elsewhere = matchQuote('MUST NOT be set as a status code', 'rfc6455#section-5.5', corpora);
    expect(foundInIds(elsewhere)).toEqual([
      'rfc6455#section-7.4.1-2.6',
      'rfc6455#section-7.4.1-2.7',
      'rfc6455#section-7.4.1-2.13',
    ]);
  });

  it('finds an API quote cited against the RFC in the API specs', () => {
    const result = matchQuote('User agents must not convey any failure information to scripts', 'rfc6455#section-4', corpora);
    expect(foundInIds(result)).toEqual(expect.arrayContaining(['whatwg#feedback-from-the-protocol-11']));
  });

  it('reports a drifted quote as nowhere, with the clause it drifted from', () => {
    const result = matchQuote('All control frames MUST have a payload length of 126 bytes or less', 'rfc6455#section-5.5', corpora);
    expect(result).toMatchObject({ ok: false, reason: 'nowhere', closest: { clause: { id: 'rfc6455#section-5.5-3' } } });
    if (result.ok === false && result.reason === 'nowhere') expect(result.closest!.similarity).toBeGreaterThan(0.85);
  });

  it('reports a paraphrase as nowhere', () => {
    const result = matchQuote('an endpoint has to answer every ping with a pong right away', 'rfc6455#section-5.5.2', corpora);
    expect(result).toMatchObject({ ok: false, reason: 'nowhere' });
  });

  it('covers the steps of a WHATWG algorithm under its <dfn> anchor', () => {
    const quote = 'If reasonBytes is longer than 123 bytes, then throw a "SyntaxError" DOMException.';
    expect(matchQuote(quote, 'whatwg#dom-websocket-close', corpora)).toMatchObject({ ok: true });
    expect(matchQuote(quote, 'whatwg#dom-websocket-send', corpora)).toMatchObject({ ok: false, reason: 'not-in-clause' });
  });

  it('resolves ids that are only inside a clause (a <dfn> id) to that clause', () => {
    expect(matchQuote('Event handler event type', 'whatwg#dom-websocket-onopen', corpora)).toMatchObject({ ok: true });
  });

  it('says so for an id that names nothing, and for an empty quote', () => {
    expect(matchQuote('anything at all here', 'rfc6455#section-5.5.9', corpora)).toEqual({ ok: false, reason: 'unknown-id' });
    expect(matchQuote('anything at all here', 'nosuch#x', corpora)).toEqual({ ok: false, reason: 'unknown-id' });
    expect(matchQuote(' … ', 'rfc6455#section-5.5', corpora)).toEqual({ ok: false, reason: 'empty' });
  });

  it('checks a quote against a whole document for a reference without a section', () => {
    expect(matchQuoteInSource('The Close frame contains an opcode of 0x8.', 'rfc6455', corpora).ok).toBe(true);
    expect(foundInIds(matchQuoteInSource('The close(code, reason) method steps are:', 'rfc6455', corpora))).toEqual([
      'whatwg#dom-websocket-close',
    ]);
  });

  it('scores word alignment: identical 1, disjoint 0, one word changed in between', () => {
    expect(alignedSimilarity(['a', 'b', 'c'], ['x', 'a', 'b', 'c', 'y'])).toBe(1);
    expect(alignedSimilarity(['a', 'b'], ['c', 'd'])).toBe(0);
    const similarity = alignedSimilarity(['a', 'b', 'c', 'd'], ['a', 'b', 'x', 'd']);
    expect(similarity).toBeGreaterThan(0.5);
    expect(similarity).toBeLessThan(1);
  });
});

describe('matchQuote properties', () => {
  const rfc = corpora[0]!;
  const prose = rfc.clauses.filter((clause) => clause.kind === 'paragraph' && clause.text.split(' ').length >= 8);

  it('any run of words of a clause, wrapped as a comment at any points, matches that clause', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...prose),
        fc.nat(),
        fc.nat(),
        fc.array(fc.constantFrom('\n// ', '\n * ', '\n# ', '\n   ', ' '), { maxLength: 6 }),
        (clause, a, b, breaks) => {
          const words = clause.text.split(' ');
          const start = a % (words.length - 3);
          const length = 3 + (b % (words.length - start - 2));
          const run = words.slice(start, start + length);
          const text = run.map((word, index) => (index === 0 ? word : `${breaks[index % (breaks.length || 1)] ?? ' '}${word}`)).join('');
          const result = matchQuote(text, clause.id, corpora);
          expect(result.ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary quotes and IDs', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 40 }), (quote, anchor) => {
        matchQuote(quote, `rfc6455#${anchor}`, corpora);
      }),
      { numRuns: 100 },
    );
  });
});
