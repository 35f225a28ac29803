/**
 * Word-level text similarity for matching clauses across versions.
 *
 * A text's features are the multiset of its words (lower-cased letters and
 * digits; punctuation and markup-like symbols ignored) and of its word
 * bigrams, with a start and an end marker so that a one-word text still has
 * bigrams and the first and last words weigh a little more. The similarity
 * of two texts is the Dice coefficient of their feature multisets:
 * 2·|A∩B| / (|A| + |B|), from 0 (nothing shared) to 1 (same words in the
 * same order). Changing one word of a ten-word sentence gives ≈ 0.86,
 * rewriting half of it ≈ 0.5.
 *
 * Pure and deterministic; `featuresOf` memoizes by text (the same clause text
 * recurs in hundreds of revisions).
 */

/** A feature multiset: feature → count, and the total count. */
export interface Features {
  readonly counts: ReadonlyMap<string, number>;
  readonly size: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, lower-cased, punctuation dropped. */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []);
}

const START = '\u0002';
const END = '\u0003';

function computeFeatures(text: string): Features {
  const words = wordsOf(text);
  const counts = new Map<string, number>();
  const add = (feature: string): void => {
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  };
  for (const word of words) add(word);
  if (words.length > 0) {
    const bounded = [START, ...words, END];
    for (let i = 0; i + 1 < bounded.length; i++) add(`${bounded[i] ?? ''} ${bounded[i + 1] ?? ''}`);
  }
  let size = 0;
  for (const count of counts.values()) size += count;
  return { counts, size };
}

const cache = new Map<string, Features>();
const CACHE_LIMIT = 200_000;

/** Features of a text (memoized). */
export function featuresOf(text: string): Features {
  let features = cache.get(text);
  if (features === undefined) {
    features = computeFeatures(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, features);
  }
  return features;
}

/** Dice coefficient of two feature multisets. */
export function diceOfFeatures(a: Features, b: Features): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [feature, count] of small.counts) {
    const other = large.counts.get(feature);
    if (other !== undefined) shared += Math.min(count, other);
  }
  return (2 * shared) / (a.size + b.size);
}

/**
 * Similarity of two texts in [0, 1]: 1 for identical texts, else the Dice
 * coefficient of their word and word-bigram multisets (two different texts
 * with the same words, e.g. differing only in punctuation, score just below 1).
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const dice = diceOfFeatures(featuresOf(a), featuresOf(b));
  return Math.min(dice, 0.999);
}

/**
 * Function words left out by `contentSimilarity` ("if the … is not … then"
 * makes any two algorithm steps look alike).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an the of to in on at by for from with and or but if then else otherwise is are be been being was were it its this that ' +
    'these those as such which who whose what when where there their them they so not no nor than any all each either neither ' +
    'into onto also can could may might must should shall will would do does done has have had let set run e g i')
    .split(' '),
);

function computeContentFeatures(text: string): Features {
  return computeFeatures(wordsOf(text).filter((w) => !STOPWORDS.has(w)).join(' '));
}

const contentCache = new Map<string, Features>();

/** Dice similarity of the texts' content words (STOPWORDS removed) and their bigrams. */
export function contentSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const get = (text: string): Features => {
    let features = contentCache.get(text);
    if (features === undefined) {
      features = computeContentFeatures(text);
      if (contentCache.size >= CACHE_LIMIT) contentCache.clear();
      contentCache.set(text, features);
    }
    return features;
  };
  return Math.min(diceOfFeatures(get(a), get(b)), 0.999);
}
