/**
 * The pure parts of the computed API track, on hand-made fixtures and
 * random edits: similarity, the version-to-version matcher, the lineage,
 * word diffs, publication placement and the W3C ↔ WHATWG pairing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notAfter, publicationBase } from '../../src/history/api-track/align.ts';
import { pairCounterparts, looseSimilarity } from '../../src/history/api-track/counterpart.ts';
import { diffAfter, diffBefore, wordDiff } from '../../src/history/api-track/diff.ts';
import { anchorSpans, buildLineage, trackEvents } from '../../src/history/api-track/lineage.ts';
import { isPositionalAnchor, matchClauses, type MatchItem, type MatchResult } from '../../src/history/api-track/matcher.ts';
import { contentSimilarity, similarity, wordsOf } from '../../src/history/api-track/similarity.ts';
import {
  DRIFT_AFTER,
  DRIFT_BEFORE,
  DUPLICATES_AFTER,
  DUPLICATES_BEFORE,
  EDIT_AFTER,
  EDIT_BEFORE,
  LINEAGE_VERSIONS,
  REWRITE_AFTER,
  REWRITE_BEFORE,
} from './fixtures/api-lineage-fixtures.ts';

/** `before → after` index pairs of a match, with how each was found. */
const pairsOf = (result: MatchResult): Array<[number, number, string]> => result.pairs.map((p) => [p.before, p.after, p.how]);

describe('similarity (word and word-bigram Dice)', () => {
  it('is 1 for identical texts, 0 for texts with no word in common, symmetric, and in between for edits', () => {
    expect(similarity('Do nothing.', 'Do nothing.')).toBe(1);
    expect(similarity('Do nothing.', 'Return null.')).toBe(0);
    const a = 'The bufferedAmount attribute must return the number of bytes that have been queued but not yet sent.';
    const b = 'The bufferedAmount attribute must return the number of bytes of UTF-8 text that have been queued but not yet sent.';
    expect(similarity(a, b)).toBe(similarity(b, a));
    expect(similarity(a, b)).toBeGreaterThan(0.8);
    expect(similarity(a, b)).toBeLessThan(1);
  });

  it('ignores case and punctuation for words, but two different texts never score 1', () => {
    expect(wordsOf('Fail the WebSocket connection.')).toEqual(['fail', 'the', 'websocket', 'connection']);
    expect(similarity('fail the websocket connection', 'Fail the WebSocket connection.')).toBe(0.999);
  });

  it('content similarity drops function words ("if … is not … then")', () => {
    const a = 'If the url string is not an absolute URL, then fail this algorithm.';
    const b = 'If ready state is not OPEN (1), then return.';
    expect(similarity(a, b)).toBeGreaterThan(contentSimilarity(a, b));
    expect(contentSimilarity(a, b)).toBe(0);
  });
});

describe('matchClauses: one version to the next', () => {
  it('follows clauses through positional-anchor drift by their text, and reports the inserted one as added', () => {
    const result = matchClauses(DRIFT_BEFORE, DRIFT_AFTER);
    expect(pairsOf(result)).toEqual([
      [0, 1, 'exact'],
      [1, 2, 'exact'],
      [2, 3, 'exact'],
    ]);
    expect(result.added).toEqual([0]);
    expect(result.removed).toEqual([]);
  });

  it('pairs an in-place edit by anchor, a moved edit by similarity, and lets neither a drifted anchor nor a deleted clause claim a new paragraph', () => {
    const result = matchClauses(EDIT_BEFORE, EDIT_AFTER);
    expect(pairsOf(result)).toEqual([
      [0, 0, 'anchor'],
      [1, 1, 'anchor'],
      [2, 3, 'similar'],
      [3, 4, 'similar'],
    ]);
    // The new steps-1 paragraph shares "the user agent must" with the old steps-1: it is still new.
    expect(result.added).toEqual([2]);
    expect(result.removed).toEqual([4]);
  });

  it('tells identical short steps apart by their anchors, even when reordered', () => {
    const result = matchClauses(DUPLICATES_BEFORE, DUPLICATES_AFTER);
    expect(pairsOf(result)).toEqual([
      [2, 0, 'exact'],
      [3, 1, 'exact'],
      [0, 2, 'exact'],
      [1, 3, 'exact'],
    ]);
  });

  it('keeps a definition paragraph (same id anchor) through a rewrite into steps, with little wording left', () => {
    const before = REWRITE_BEFORE[0];
    const after = REWRITE_AFTER[0];
    expect(before && after && similarity(before.text, after.text)).toBeLessThan(0.35);
    const result = matchClauses(REWRITE_BEFORE, REWRITE_AFTER);
    expect(pairsOf(result)).toEqual([[0, 0, 'anchor']]);
    expect(result.added).toEqual([1]);
  });

  it('tells positional anchors from ids of the source', () => {
    for (const anchor of ['feedback-from-the-protocol-12', 'dom-websocket-step-8-2', 'the-websocket-interface-23.4', 'refsHTML-2', 'dom-websocket-close-step-2', 'x--2']) {
      expect(isPositionalAnchor(anchor), anchor).toBe(true);
    }
    for (const anchor of ['dom-websocket-close', 'closeWebSocket', 'dom-closeevent-code', 'make-disappear', 'concept-websocket-establish']) {
      expect(isPositionalAnchor(anchor), anchor).toBe(false);
    }
  });

  it('returns every index exactly once (paired, added or removed), pairs in document order', () => {
    const result = matchClauses(EDIT_BEFORE, EDIT_AFTER);
    expect([...result.pairs.map((p) => p.before), ...result.removed].sort()).toEqual([0, 1, 2, 3, 4]);
    expect([...result.pairs.map((p) => p.after), ...result.added].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(result.pairs.map((p) => p.after)).toEqual([...result.pairs.map((p) => p.after)].sort((a, b) => a - b));
  });
});

describe('buildLineage: tracks across versions', () => {
  it('follows a clause from the version that added it, through an edit with anchor drift, to the version that removed it', () => {
    const lineage = buildLineage(LINEAGE_VERSIONS);
    const url = lineage.tracks[0];
    const redirect = lineage.tracks[1];
    const warning = lineage.tracks[2];
    expect(lineage.tracks).toHaveLength(3);
    expect(url && trackEvents(url, LINEAGE_VERSIONS)).toEqual([{ kind: 'added', version: 0, beforeIndex: null, afterIndex: 0 }]);
    expect(redirect && trackEvents(redirect, LINEAGE_VERSIONS)).toEqual([
      { kind: 'added', version: 1, beforeIndex: null, afterIndex: 1 },
      { kind: 'changed', version: 2, beforeIndex: 1, afterIndex: 2 },
      { kind: 'removed', version: 3, beforeIndex: 2, afterIndex: null },
    ]);
    expect(redirect && anchorSpans(redirect, LINEAGE_VERSIONS)).toEqual([
      { from: 1, to: 1, anchor: 's-2' },
      { from: 2, to: 2, anchor: 's-3' },
    ]);
    expect(warning && trackEvents(warning, LINEAGE_VERSIONS).map((e) => [e.kind, e.version])).toEqual([['added', 2]]);
    expect(lineage.trackAt).toEqual([[0], [0, 1], [0, 2, 1], [0, 2]]);
  });
});

describe('wordDiff', () => {
  it('shows a word-level change and rebuilds both texts', () => {
    const before = 'the user agent must fail the websocket connection.';
    const after = 'the user agent must fail the WebSocket connection.';
    const diff = wordDiff(before, after);
    expect(diff).toEqual([
      { value: 'the user agent must fail the ' },
      { value: 'websocket', removed: true },
      { value: 'WebSocket', added: true },
      { value: ' connection.' },
    ]);
  });

  it('rebuilds both texts exactly for any input, whitespace and line breaks included (property)', () => {
    const token = fc.constantFrom('a', 'b', 'the', 'WebSocket', '101', ' ', '  ', '\n', '\n  ', '\t', '.', ',', '(', ')', '"', '-', 'é', 'e\u0301');
    const text = fc.array(token, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = wordDiff(before, after);
        return diffBefore(diff) === before && diffAfter(diff) === after && diff.every((p) => p.value !== '');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('publicationBase: where a publication falls', () => {
  const versions: MatchItem[][] = [
    [{ anchor: 'a', text: 'one' }],
    [{ anchor: 'a', text: 'one' }, { anchor: 'b', text: 'two' }],
    [{ anchor: 'a', text: 'one' }, { anchor: 'b', text: 'two' }],
    [{ anchor: 'a', text: 'one' }, { anchor: 'b', text: 'two' }],
    [{ anchor: 'a', text: 'uno' }, { anchor: 'b', text: 'two' }],
  ];
  const dates = ['2011-01-01', '2011-02-01', '2011-03-01', '2011-04-01', '2011-05-01'];
  const publication = [
    { anchor: 'a', text: 'one' },
    { anchor: 'b', text: 'two' },
    { anchor: 's', text: 'Status of this publication.' },
  ];

  it('is the version sharing the most texts; of tied versions, the latest not dated after the publication', () => {
    expect(publicationBase(publication, '2011-03-15', versions, dates)).toEqual({ index: 2, identical: 2 });
    expect(publicationBase(publication, '2011-12-31', versions, dates)).toEqual({ index: 3, identical: 2 });
    // All tied versions after the publication: the earliest.
    expect(publicationBase(publication, '2010-12-31', versions, dates)).toEqual({ index: 1, identical: 2 });
  });

  it('compares a YYYY-MM publication date with the month of a version', () => {
    expect(notAfter('2022-03-21', '2022-03')).toBe(true);
    expect(notAfter('2022-04-01', '2022-03')).toBe(false);
  });
});

describe('pairCounterparts: W3C ↔ WHATWG', () => {
  it('pairs close rewrites one-to-one, best first, anchors breaking ties only', () => {
    const left = [
      { anchor: 'close-step-1', texts: ['If the method\'s first argument is present but is not an integer equal to 1000 or in the range 3000 to 4999, throw an InvalidAccessError exception.'] },
      { anchor: 'feedback-14', texts: ['Allowing a script to distinguish these cases would allow a script to probe the user\'s local network.'] },
    ];
    const right = [
      { anchor: 'feedback-14', texts: ['In particular, this means the code 1015 is not used by the user agent.'] },
      { anchor: 'feedback-13', texts: ['Allowing a script to distinguish these cases would allow a script to probe the user\'s local network.'] },
      { anchor: 'close-step-1', texts: ['If code is present, but is neither an integer equal to 1000 nor an integer in the range 3000 to 4999, inclusive, throw an "InvalidAccessError" DOMException.'] },
    ];
    expect(pairCounterparts(left, right).map((p) => [p.left, p.right])).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });

  it('takes a loose pair only when both the word and the content-word measures reach the floor', () => {
    const redirect = { anchor: 'a', texts: ['When the user agent validates the server\'s response, if the status code received from the server is not 101 (e.g. it is a redirect), the user agent must fail the WebSocket connection.'] };
    const fetchStep = { anchor: 'b', texts: ['If response is a network error or its status is not 101, fail the WebSocket connection.'] };
    const onlyFunctionWords = { anchor: 'c', texts: ['Let Unicode reason be the result of converting raw reason to a sequence of Unicode characters.'] };
    const other = { anchor: 'd', texts: ['Let urlRecord be the result of applying the URL parser to url with baseURL.'] };
    expect(looseSimilarity(redirect, fetchStep)).toBeGreaterThanOrEqual(0.3);
    expect(looseSimilarity(onlyFunctionWords, other)).toBe(0);
    expect(pairCounterparts([redirect], [fetchStep])).toEqual([]);
    expect(pairCounterparts([redirect], [fetchStep], { match: 'loose' }).map((p) => [p.left, p.right, p.match])).toEqual([[0, 0, 'loose']]);
  });
});

// ---------------------------------------------------------------------------
// Property: random edits are recovered.

interface Hidden {
  id: number;
  words: string[];
  /** Set when the clause was edited in the current step. */
  edited?: boolean;
}

type Op =
  | { kind: 'insert'; at: number; length: number }
  | { kind: 'delete'; at: number }
  | { kind: 'modify'; at: number; word: number }
  | { kind: 'move'; from: number; to: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(20), length: fc.integer({ min: 5, max: 10 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(20) }),
  fc.record({ kind: fc.constant('modify' as const), at: fc.nat(20), word: fc.nat(20) }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(20), to: fc.nat(20) }),
);

/** Words no other clause has: distinct clauses share nothing, so every case is unambiguous. */
function generator() {
  let next = 0;
  let fresh = 0;
  return {
    clause(length: number): Hidden {
      const id = next++;
      return { id, words: Array.from({ length }, (_, k) => `w${id}x${k}`) };
    },
    word(): string {
      return `m${fresh++}`;
    },
  };
}

function applyOps(list: readonly Hidden[], ops: readonly Op[], gen: ReturnType<typeof generator>): Hidden[] {
  const out = list.map((h) => ({ id: h.id, words: [...h.words] }) as Hidden);
  for (const op of ops) {
    if (op.kind === 'insert') {
      out.splice(op.at % (out.length + 1), 0, { ...gen.clause(op.length), edited: true });
    } else if (out.length === 0) {
      continue;
    } else if (op.kind === 'delete') {
      out.splice(op.at % out.length, 1);
    } else if (op.kind === 'modify') {
      const target = out[op.at % out.length];
      // One word per clause per step keeps the edit recognisable (similarity ≥ 0.7).
      if (target === undefined || target.edited) continue;
      target.words[op.word % target.words.length] = gen.word();
      target.edited = true;
    } else {
      const [moved] = out.splice(op.from % out.length, 1);
      if (moved !== undefined) out.splice(op.to % (out.length + 1), 0, moved);
    }
  }
  return out.map((h) => ({ id: h.id, words: h.words }));
}

/** Positional anchors, like the corpus walker's: they drift with every insertion. */
const asItems = (list: readonly Hidden[]): MatchItem[] => list.map((h, i) => ({ anchor: `s-${i + 1}`, text: `${h.words.join(' ')}.` }));

const initialArbitrary = fc.array(fc.integer({ min: 5, max: 10 }), { minLength: 0, maxLength: 8 });

describe('lineage recovers random edits (insert / delete / modify / move) (property)', () => {
  it('matchClauses pairs exactly the surviving clauses, and reports the inserted and deleted ones', () => {
    fc.assert(
      fc.property(initialArbitrary, fc.array(opArbitrary, { maxLength: 8 }), (lengths, ops) => {
        const gen = generator();
        const before = lengths.map((length) => gen.clause(length));
        const after = applyOps(before, ops, gen);
        const result = matchClauses(asItems(before), asItems(after));
        const expected = after.flatMap((h, j) => {
          const i = before.findIndex((b) => b.id === h.id);
          return i === -1 ? [] : [[i, j]];
        });
        expect(result.pairs.map((p) => [p.before, p.after])).toEqual(expected);
        expect(result.added).toEqual(after.flatMap((h, j) => (before.some((b) => b.id === h.id) ? [] : [j])));
        expect(result.removed).toEqual(before.flatMap((h, i) => (after.some((a) => a.id === h.id) ? [] : [i])));
      }),
      { numRuns: 500 },
    );
  });

  it('buildLineage gives one track per clause across several versions, with a `changed` event exactly where its text changed', () => {
    fc.assert(
      fc.property(initialArbitrary, fc.array(fc.array(opArbitrary, { maxLength: 5 }), { minLength: 1, maxLength: 5 }), (lengths, steps) => {
        const gen = generator();
        const hidden: Hidden[][] = [lengths.map((length) => gen.clause(length))];
        for (const ops of steps) hidden.push(applyOps(hidden.at(-1) ?? [], ops, gen));
        const versions = hidden.map(asItems);
        const lineage = buildLineage(versions);
        const trackOfId = new Map<number, number>();
        const idOfTrack = new Map<number, number>();
        hidden.forEach((list, v) =>
          list.forEach((h, i) => {
            const track = lineage.trackAt[v]?.[i] ?? -1;
            expect(trackOfId.get(h.id) ?? track).toBe(track);
            expect(idOfTrack.get(track) ?? h.id).toBe(h.id);
            trackOfId.set(h.id, track);
            idOfTrack.set(track, h.id);
          }),
        );
        for (const track of lineage.tracks) {
          const id = idOfTrack.get(track.id);
          const changedAt = trackEvents(track, versions).filter((e) => e.kind === 'changed').map((e) => e.version);
          const expected: number[] = [];
          for (let v = track.start + 1; v < track.end; v++) {
            const prev = hidden[v - 1]?.find((h) => h.id === id);
            const curr = hidden[v]?.find((h) => h.id === id);
            if (prev && curr && prev.words.join(' ') !== curr.words.join(' ')) expected.push(v);
          }
          expect(changedAt).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
