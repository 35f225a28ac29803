/**
 * Pairing the clauses of two different specs (W3C CR 2012 ↔ today's WHATWG
 * standard) by text (pure, deterministic).
 *
 * Each side's clause brings every text its lineage had in the period that
 * joins the two (W3C: the CR and the editor's drafts after it, to 2014;
 * WHATWG: every version 2021–2025), so that wording which drifted on both
 * sides can still meet. Pairs are taken greedily, best first, one-to-one;
 * anchors only break ties (same anchor first: positional anchors of the two
 * documents coincide by chance, so they never decide alone), then document
 * order. Two passes, each a call of `pairCounterparts`:
 *
 * 1. `close`: word-bigram similarity (similarity.ts) ≥ 0.5 between some
 *    text of each;
 * 2. `loose`, for what is left: the WHATWG rewrote most algorithms
 *    ("the readyState attribute's value" → "this's ready state", "the
 *    method's second argument" → "reason"), so a shorter rewrite of a step
 *    scores 0.3–0.5. A loose pair needs ≥ 0.3 on one of the word measure
 *    and the content-word measure (`contentSimilarity`: function words
 *    dropped) and ≥ 0.2 on the other — the content floor keeps out pairs
 *    that share only "let … be the result of".
 */
import { contentSimilarity, similarity } from './similarity.ts';

export interface CounterpartCandidate {
  anchor: string;
  /** The texts of the clause's lineage (at least its current text). */
  texts: readonly string[];
}

export type CounterpartMatch = 'close' | 'loose';

export interface CounterpartPair {
  left: number;
  right: number;
  similarity: number;
  match: CounterpartMatch;
}

export const COUNTERPART_THRESHOLD = 0.5;
export const LOOSE_THRESHOLD = 0.3;
export const LOOSE_FLOOR = 0.2;

/** Best similarity between a text of one and a text of the other. */
export function candidateSimilarity(a: CounterpartCandidate, b: CounterpartCandidate): number {
  let best = 0;
  for (const x of a.texts) {
    for (const y of b.texts) {
      const sim = similarity(x, y);
      if (sim > best) best = sim;
      if (best === 1) return 1;
    }
  }
  return best;
}

/** The loose score: the best over text pairs of max(word, content) where min(word, content) ≥ LOOSE_FLOOR, else 0. */
export function looseSimilarity(a: CounterpartCandidate, b: CounterpartCandidate): number {
  let best = 0;
  for (const x of a.texts) {
    for (const y of b.texts) {
      const word = similarity(x, y);
      const content = contentSimilarity(x, y);
      if (Math.min(word, content) < LOOSE_FLOOR) continue;
      best = Math.max(best, word, content);
    }
  }
  return best;
}

export interface PairingOptions {
  match?: CounterpartMatch;
  /** Left / right indices not to pair (already paired, or excluded). */
  skipLeft?: ReadonlySet<number>;
  skipRight?: ReadonlySet<number>;
}

export function pairCounterparts(
  left: readonly CounterpartCandidate[],
  right: readonly CounterpartCandidate[],
  options: PairingOptions = {},
): CounterpartPair[] {
  const match = options.match ?? 'close';
  const threshold = match === 'close' ? COUNTERPART_THRESHOLD : LOOSE_THRESHOLD;
  const score = match === 'close' ? candidateSimilarity : looseSimilarity;
  const candidates: Array<CounterpartPair & { sameAnchor: boolean }> = [];
  left.forEach((l, i) => {
    if (options.skipLeft?.has(i)) return;
    right.forEach((r, j) => {
      if (options.skipRight?.has(j)) return;
      const sim = score(l, r);
      if (sim >= threshold) candidates.push({ left: i, right: j, similarity: sim, match, sameAnchor: l.anchor === r.anchor });
    });
  });
  candidates.sort(
    (a, b) => b.similarity - a.similarity || Number(b.sameAnchor) - Number(a.sameAnchor) || a.left - b.left || a.right - b.right,
  );
  const takenLeft = new Set<number>();
  const takenRight = new Set<number>();
  const pairs: CounterpartPair[] = [];
  for (const c of candidates) {
    if (takenLeft.has(c.left) || takenRight.has(c.right)) continue;
    takenLeft.add(c.left);
    takenRight.add(c.right);
    pairs.push({ left: c.left, right: c.right, similarity: c.similarity, match: c.match });
  }
  return pairs.sort((a, b) => a.left - b.left);
}

/** For each left clause, the right clause with the best word similarity (paired or not), or null when nothing is shared. */
export function nearestCounterparts(
  left: readonly CounterpartCandidate[],
  right: readonly CounterpartCandidate[],
): Array<{ right: number; similarity: number } | null> {
  return left.map((l) => {
    let best: { right: number; similarity: number } | null = null;
    right.forEach((r, j) => {
      const sim = candidateSimilarity(l, r);
      if (sim > 0 && (best === null || sim > best.similarity)) best = { right: j, similarity: sim };
    });
    return best;
  });
}
