/**
 * Matching the clauses of one version of a document to the clauses of the
 * next (pure, deterministic).
 *
 * Anchors alone cannot do it: positional anchors (`feedback-from-the-protocol-12`,
 * `dom-websocket-step-7-2`) drift whenever a paragraph or a step is inserted
 * before them, and a drifted anchor can land on an unrelated paragraph. Text
 * alone cannot either: a clause whose wording changed must still be found.
 * So, in three passes, each one-to-one:
 *
 * 1. **Exact text.** Clauses with identical text are paired; among several
 *    with the same text, those with the same anchor first, then in document
 *    order.
 * 2. **Same anchor and similar text** and 3. **similar text elsewhere**, in
 *    one greedy pass over all remaining pairs whose similarity (similarity.ts)
 *    reaches `threshold`, or `anchorThreshold` when the anchors are equal,
 *    or `idAnchorThreshold` when they are the same id of the source (a
 *    `<dfn>` or element id, not a positional anchor: the paragraph that
 *    defines `close()` stays that paragraph through a rewrite into steps).
 *    A pair's score is its similarity plus `anchorBonus` (`idAnchorBonus`)
 *    when the anchors are equal, so a same-anchor pair wins unless another
 *    pair is clearly more similar (a drifted positional anchor must not beat
 *    the real predecessor). Ties: nearer relative position in the document,
 *    then document order.
 *
 * Whatever is left is `removed` (before) or `added` (after).
 */
import { similarity } from './similarity.ts';

export interface MatchItem {
  readonly anchor: string;
  readonly text: string;
}

export type MatchHow = 'exact' | 'anchor' | 'similar';

export interface MatchPair {
  /** Index in the earlier version. */
  before: number;
  /** Index in the later version. */
  after: number;
  how: MatchHow;
  /** 1 for identical text. */
  similarity: number;
}

export interface MatchResult {
  /** Pairs in the later version's document order. */
  pairs: MatchPair[];
  /** Indices in the earlier version with no successor, ascending. */
  removed: number[];
  /** Indices in the later version with no predecessor, ascending. */
  added: number[];
}

export interface MatchOptions {
  /** Least similarity for a pair of clauses with different anchors. */
  threshold?: number;
  /** Least similarity for a pair with the same anchor. */
  anchorThreshold?: number;
  /** Added to the score of a pair with the same anchor. */
  anchorBonus?: number;
  /** Least similarity for a pair with the same id anchor (see `isPositionalAnchor`). */
  idAnchorThreshold?: number;
  /** Added to the score of a pair with the same id anchor. */
  idAnchorBonus?: number;
}

export const DEFAULT_MATCH_OPTIONS: Readonly<Required<MatchOptions>> = {
  threshold: 0.45,
  anchorThreshold: 0.35,
  anchorBonus: 0.15,
  idAnchorThreshold: 0.2,
  idAnchorBonus: 0.3,
};

/**
 * True for an anchor the corpus walker derived from a position
 * (`feedback-from-the-protocol-12`, `dom-websocket-step-8-2`, `refsHTML-2`,
 * `the-websocket-interface-12.3`, `x--2`): it names whatever block is at
 * that place, and drifts. Other anchors are ids of the source
 * (`dom-websocket-close`, `closeWebSocket`): a concept keeps its id.
 */
export function isPositionalAnchor(anchor: string): boolean {
  return /(?:-|\.)\d+$/.test(anchor) || /-step-\d/.test(anchor);
}

interface Candidate {
  before: number;
  after: number;
  similarity: number;
  sameAnchor: boolean;
  score: number;
  distance: number;
}

export function matchClauses(before: readonly MatchItem[], after: readonly MatchItem[], options: MatchOptions = {}): MatchResult {
  const { threshold, anchorThreshold, anchorBonus, idAnchorThreshold, idAnchorBonus } = { ...DEFAULT_MATCH_OPTIONS, ...options };
  const beforeTaken = new Array<boolean>(before.length).fill(false);
  const afterTaken = new Array<boolean>(after.length).fill(false);
  const pairs: MatchPair[] = [];
  const take = (b: number, a: number, how: MatchHow, sim: number): void => {
    beforeTaken[b] = true;
    afterTaken[a] = true;
    pairs.push({ before: b, after: a, how, similarity: sim });
  };

  // 1. Exact text.
  const byText = new Map<string, { before: number[]; after: number[] }>();
  before.forEach((item, i) => {
    const group = byText.get(item.text) ?? { before: [], after: [] };
    group.before.push(i);
    byText.set(item.text, group);
  });
  after.forEach((item, j) => byText.get(item.text)?.after.push(j));
  for (const group of byText.values()) {
    if (group.after.length === 0) continue;
    for (const a of group.after) {
      const b = group.before.find((i) => !beforeTaken[i] && before[i]?.anchor === after[a]?.anchor);
      if (b !== undefined) take(b, a, 'exact', 1);
    }
    const restBefore = group.before.filter((i) => !beforeTaken[i]);
    const restAfter = group.after.filter((j) => !afterTaken[j]);
    for (let k = 0; k < Math.min(restBefore.length, restAfter.length); k++) take(restBefore[k] ?? 0, restAfter[k] ?? 0, 'exact', 1);
  }

  // 2 + 3. Similar text, same anchor favoured.
  const openBefore = before.map((_, i) => i).filter((i) => !beforeTaken[i]);
  const openAfter = after.map((_, j) => j).filter((j) => !afterTaken[j]);
  const candidates: Candidate[] = [];
  const nb = Math.max(1, before.length - 1);
  const na = Math.max(1, after.length - 1);
  for (const b of openBefore) {
    const itemB = before[b];
    if (itemB === undefined) continue;
    for (const a of openAfter) {
      const itemA = after[a];
      if (itemA === undefined) continue;
      const sameAnchor = itemA.anchor === itemB.anchor;
      const idAnchor = sameAnchor && !isPositionalAnchor(itemA.anchor);
      const sim = similarity(itemB.text, itemA.text);
      if (sim < (idAnchor ? idAnchorThreshold : sameAnchor ? anchorThreshold : threshold)) continue;
      candidates.push({
        before: b,
        after: a,
        similarity: sim,
        sameAnchor,
        score: sim + (idAnchor ? idAnchorBonus : sameAnchor ? anchorBonus : 0),
        distance: Math.abs(b / nb - a / na),
      });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.distance - y.distance || x.before - y.before || x.after - y.after);
  for (const c of candidates) {
    if (beforeTaken[c.before] || afterTaken[c.after]) continue;
    take(c.before, c.after, c.sameAnchor ? 'anchor' : 'similar', c.similarity);
  }

  pairs.sort((x, y) => x.after - y.after);
  return {
    pairs,
    removed: before.map((_, i) => i).filter((i) => !beforeTaken[i]),
    added: after.map((_, j) => j).filter((j) => !afterTaken[j]),
  };
}
