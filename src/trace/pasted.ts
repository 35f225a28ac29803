/**
 * Spec text pasted into comments without quotation marks: the misquotes a
 * reviewer meets are rarely in quotes. A run of at least MIN_RUN words of
 * RFC 6455 (or of the WebSocket API) in a comment is found verbatim, or with
 * a few words changed (a drift: "typically echoes" for the RFC's "echos",
 * "data(including" for "data (including"); `wsspec check` then asks whether
 * the run belongs to the clause the comment cites.
 *
 * Words are compared as written, but for case, the RFC's notation (`|x|`,
 * `_x_`, `*x*`), quotation marks and punctuation at their ends: so
 * "data(including" differs from "data (including", as it does for a reader
 * of the RFC's text.
 *
 * Pure: the corpora come in (a parsed corpus or the command line's bundle).
 */
import type { QuotableClause, QuotableCorpus } from './quotes.ts';

/** Fewest words in a run before it counts as pasted spec text (shorter runs are common phrases). */
export const MIN_RUN = 8;
/** Fewest matching words of a run with edits (a drift): a paraphrase that shares a phrase is no copy. */
export const MIN_DRIFT = 12;
/** Words per shingle of the index. */
const SHINGLE = 4;
/** Most comment words a drift may insert or drop between two matching stretches. */
const MAX_GAP = 3;

export interface Word {
  /** Comparable form. */
  key: string;
  /** As written. */
  text: string;
  start: number;
  end: number;
}

/** The words of a text with their offsets. */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const key = match[0]
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[|*"“”‘’`]/g, '')
      .replace(/^[_(\[{'<]+|[_)\]}'>.,;:!?]+$/g, '')
      .replace(/^[_(\[{'<]+/, '');
    if (key === '' || !/[\p{L}\p{N}]/u.test(key)) continue;
    out.push({ key, text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return out;
}

export interface PastedRun<C extends QuotableClause = QuotableClause> {
  /** Offsets in the comment text. */
  start: number;
  end: number;
  /** The comment's words of the run, as written. */
  text: string;
  /** The clause the run comes from (the first, in document order, if it is in several). */
  clause: C;
  /** Other clauses holding the same words verbatim. */
  alsoIn: C[];
  /** Comment words that match the clause's, in order. */
  matched: number;
  /** True when the run is verbatim; false for a drift. */
  exact: boolean;
  /** For a drift: a word diff, `[-clause word-]{+comment word+}`. */
  diff?: string;
}

interface Posting {
  clause: number;
  at: number;
}

/** An index of every corpus clause by word shingles; one per set of corpora. */
export class PastedIndex<C extends QuotableClause = QuotableClause> {
  readonly clauses: C[] = [];
  readonly #words: Word[][] = [];
  readonly #postings = new Map<string, Posting[]>();

  constructor(corpora: readonly QuotableCorpus<C>[]) {
    for (const corpus of corpora) {
      for (const clause of corpus.clauses) {
        const index = this.clauses.length;
        this.clauses.push(clause);
        const words = wordsOf(clause.text);
        this.#words.push(words);
        for (let at = 0; at + SHINGLE <= words.length; at++) {
          const key = shingle(words, at);
          const list = this.#postings.get(key);
          if (list) {
            if (list.length < 64) list.push({ clause: index, at });
          } else this.#postings.set(key, [{ clause: index, at }]);
        }
      }
    }
  }

  /**
   * The runs of spec words in a comment text, longest first and not
   * overlapping; words inside `exclude` spans (quotations, citations, URLs)
   * are not read.
   */
  runs(text: string, exclude: readonly { start: number; end: number }[] = [], source?: string): PastedRun<C>[] {
    const words = wordsOf(text).filter((word) => !exclude.some((span) => word.start < span.end && span.start < word.end));
    const found: PastedRun<C>[] = [];
    const used = new Array<boolean>(words.length).fill(false);
    for (let i = 0; i + SHINGLE <= words.length; i++) {
      if (used[i]) continue;
      const postings = this.#postings.get(shingle(words, i));
      if (!postings) continue;
      let best: { clause: number; at: number; end: number; matched: number; edits: number } | null = null;
      for (const posting of postings) {
        if (source !== undefined && this.clauses[posting.clause]!.source !== source) continue;
        const run = this.#extend(words, i, posting);
        if (!best || run.matched > best.matched || (run.matched === best.matched && run.edits < best.edits)) best = run;
      }
      if (!best || best.matched < MIN_RUN) continue;
      for (let k = i; k < best.end; k++) used[k] = true;
      const clauseWords = this.#words[best.clause]!;
      const mine = words.slice(i, best.end);
      const theirs = clauseWords.slice(best.at, best.at + spanInClause(mine, clauseWords, best.at));
      const exact = best.edits === 0;
      const clause = this.clauses[best.clause]!;
      const key = mine.map((word) => word.key).join(' ');
      const alsoIn = exact
        ? this.clauses.filter(
            (_other, index) => index !== best!.clause && ` ${this.#words[index]!.map((w) => w.key).join(' ')} `.includes(` ${key} `),
          )
        : [];
      found.push({
        start: mine[0]!.start,
        end: mine.at(-1)!.end,
        text: text.slice(mine[0]!.start, mine.at(-1)!.end),
        clause,
        alsoIn,
        matched: best.matched,
        exact,
        ...(exact ? {} : { diff: wordDiff(theirs, mine) }),
      });
      i = best.end - 1;
    }
    return found;
  }

  /** True when the text holds a verbatim run of the given source's words (pasted spec prose). */
  hasVerbatimRun(text: string, source: string): boolean {
    return this.runs(text, [], source).some((run) => run.exact);
  }

  /** Follows a shingle hit as far as the words agree, bridging small edits (a drift). */
  #extend(words: readonly Word[], from: number, posting: Posting): { clause: number; at: number; end: number; matched: number; edits: number } {
    const theirs = this.#words[posting.clause]!;
    let i = from;
    let j = posting.at;
    let matched = 0;
    let edits = 0;
    let end = from;
    while (i < words.length && j < theirs.length) {
      if (words[i]!.key === theirs[j]!.key) {
        matched++;
        i++;
        j++;
        end = i;
        continue;
      }
      // A small edit: find the nearest resynchronization (both sides
      // agreeing on two words again) within MAX_GAP words.
      let resync: { di: number; dj: number } | null = null;
      for (let total = 1; total <= MAX_GAP * 2 && !resync; total++) {
        for (let di = 0; di <= Math.min(total, MAX_GAP); di++) {
          const dj = total - di;
          if (dj > MAX_GAP) continue;
          const a = words[i + di];
          const b = theirs[j + dj];
          if (a && b && a.key === b.key && words[i + di + 1]?.key === theirs[j + dj + 1]?.key && words[i + di + 1] !== undefined) {
            resync = { di, dj };
            break;
          }
        }
      }
      if (!resync) break;
      edits++;
      i += resync.di;
      j += resync.dj;
    }
    // A drift is a copy with a word or two changed, not a paraphrase that
    // shares a phrase: it needs MIN_DRIFT matching words and six per edit.
    if (edits > 0 && (matched < MIN_DRIFT || matched < edits * 6)) return { clause: posting.clause, at: posting.at, end: from, matched: 0, edits };
    return { clause: posting.clause, at: posting.at, end, matched, edits };
  }
}

function shingle(words: readonly Word[], at: number): string {
  let key = words[at]!.key;
  for (let k = 1; k < SHINGLE; k++) key += ` ${words[at + k]!.key}`;
  return key;
}

/** How many clause words, from `at`, the comment words cover (through the last one they match). */
function spanInClause(mine: readonly Word[], theirs: readonly Word[], at: number): number {
  const lastKey = mine.at(-1)!.key;
  for (let j = Math.min(theirs.length - 1, at + mine.length + MAX_GAP * 2); j >= at; j--) {
    if (theirs[j]!.key === lastKey) return j - at + 1;
  }
  return mine.length;
}

/**
 * A word diff of two word runs (longest common subsequence): unchanged
 * words as they are (`context` words either side of a change, the rest
 * elided as `…`), `[-removed-]` (the clause's) and `{+added+}` (the
 * comment's).
 */
export function wordDiff(from: readonly Word[], to: readonly Word[], context = 4): string {
  const n = from.length;
  const m = to.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = from[i]!.key === to[j]!.key ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: { text: string; changed: boolean }[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = (): void => {
    if (removed.length > 0) out.push({ text: `[-${removed.join(' ')}-]`, changed: true });
    if (added.length > 0) out.push({ text: `{+${added.join(' ')}+}`, changed: true });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && from[i]!.key === to[j]!.key) {
      flush();
      out.push({ text: to[j]!.text, changed: false });
      i++;
      j++;
    } else if (j < m && (i >= n || table[i]![j + 1]! >= table[i + 1]![j]!)) {
      added.push(to[j]!.text);
      j++;
    } else {
      removed.push(from[i]!.text);
      i++;
    }
  }
  flush();
  // Unchanged words far from any change are elided.
  const near = out.map((_, index) => out.slice(Math.max(0, index - context), index + context + 1).some((part) => part.changed));
  const parts: string[] = [];
  out.forEach((part, index) => {
    if (near[index]) parts.push(part.text);
    else if (parts.at(-1) !== '…') parts.push('…');
  });
  return parts.join(' ');
}

/** For each prefix of `a` (length 0…a.length), the length of its longest common subsequence with `b`. */
function commonWordsByPrefix(a: readonly Word[], b: readonly Word[]): number[] {
  const out = [0];
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1]!.key === b[j - 1]!.key ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    out.push(current[b.length]!);
    previous = current;
  }
  return out;
}

/**
 * A word diff of a drifted quotation against the clause it drifted from:
 * the shortest stretch of the clause that shares the most words with the
 * quotation, against the quotation's words. Empty when the quotation shares
 * too little with any stretch (under four words in five) to be a copy.
 */
export function driftDiff(clauseText: string, quoteText: string, context = 4): string {
  const theirs = wordsOf(clauseText);
  const mine = wordsOf(quoteText);
  if (theirs.length === 0 || mine.length === 0) return '';
  const keys = new Set(mine.map((word) => word.key));
  const width = mine.length + MAX_GAP;
  let best = { start: 0, length: 0, shared: -1 };
  for (let start = 0; start < theirs.length; start++) {
    // A stretch starts on a word the quotation has.
    if (!keys.has(theirs[start]!.key)) continue;
    const byPrefix = commonWordsByPrefix(theirs.slice(start, start + width), mine);
    const shared = byPrefix.at(-1)!;
    const length = byPrefix.indexOf(shared);
    if (shared > best.shared || (shared === best.shared && length < best.length)) best = { start, length, shared };
  }
  if (best.shared < Math.ceil(mine.length * 0.8)) return '';
  // The quotation's words before the first and after the last shared one
  // replace as many of the clause's: widen the stretch by them.
  const lead = mine.findIndex((word) => word.key === theirs[best.start]!.key);
  const lastKey = theirs[best.start + best.length - 1]!.key;
  const tail = mine.length - 1 - mine.map((word) => word.key).lastIndexOf(lastKey);
  const from = Math.max(0, best.start - Math.max(0, lead));
  const to = Math.min(theirs.length, best.start + best.length + Math.max(0, tail));
  return wordDiff(theirs.slice(from, to), mine, context);
}
