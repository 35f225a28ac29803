/**
 * The quote rule, shared by `wsspec check` and the project's own `@spec <id>
 * "quote"` annotations (README, "Annotations"): where a comment quotes the
 * spec next to a reference, the quotation must be the words of the cited
 * clause. Checked the way Duvet checks its annotations, with a tolerant
 * normalization so that only the words count:
 *
 * - whitespace and line breaks collapse; comment markers (`//`, `*`, `#`,
 *   `--`) at the start of the continuation lines of a multi-line quote are
 *   dropped, and so are the `;` of ABNF comments in the spec's figures; a hyphen at a line break joins the two halves (`case-` /
 *   `insensitive`);
 * - case is ignored (comments often write "must" for the RFC's "MUST");
 * - quotation marks and apostrophes of every kind (straight, typographic,
 *   backticks) are ignored, so a quote may nest the spec's "websocket" as
 *   'websocket';
 * - the RFC's notation is optional: `|Upgrade|`, `/secure/` and
 *   `_Fail the WebSocket Connection_` match `Upgrade`, `secure` and
 *   `Fail the WebSocket Connection` (the delimiters are dropped on both
 *   sides);
 * - punctuation at either end of the quote is ignored ("…125 bytes or less."
 *   matches a clause that goes on after "less");
 * - an ellipsis (`...`, `…`, `[...]`) is a gap: the parts must appear in
 *   order in the cited scope.
 *
 * The scope of an ID is: for a section, every clause of the section and of
 * its subsections; for a clause, the clause and the clauses nested in it
 * (list items `<anchor>.N`, algorithm steps `<anchor>-step-N`, further
 * paragraphs of a definition `<anchor>-N`); for an anchor that is only an
 * `id` inside a clause (a WHATWG `<dfn>`, via `aliases`), that clause's scope.
 *
 * Pure (no Node imports): the site's build and the command line share it.
 */

/** The fields of a clause the matcher reads; `Clause` and the CLI's bundle both fit. */
export interface QuotableClause {
  id: string;
  source: string;
  anchor: string;
  section: string;
  text: string;
  /** Display HTML; its `id` attributes (WHATWG/W3C `<dfn>`s) are anchors of the clause too. */
  html?: string;
}

/** The fields of a corpus the matcher reads; `Corpus` and the CLI's bundle both fit. */
export interface QuotableCorpus<C extends QuotableClause = QuotableClause> {
  source: { id: string };
  sections: readonly { anchor: string; parent: string | null; title?: string }[];
  clauses: readonly C[];
  /**
   * Extra anchors (ids inside clauses, e.g. WHATWG `<dfn>`s) → the clause
   * anchor. Derived from the clauses' `html` when absent.
   */
  aliases?: Readonly<Record<string, string>>;
}

export type QuoteMatch<C extends QuotableClause = QuotableClause> =
  /**
   * The quote is in the cited scope; `clauses` are the clauses of the scope
   * that hold it (empty when the quote is the title of a cited section).
   */
  | { ok: true; clauses: C[] }
  /** The quote is elsewhere: `foundIn` lists where, best first (same source, nearest the citation). */
  | { ok: false; reason: 'not-in-clause'; foundIn: C[] }
  /** The words are nowhere in the corpora (a paraphrase or a drifted quote); `closest` if any clause is similar. */
  | { ok: false; reason: 'nowhere'; closest?: { clause: C; similarity: number } }
  /** The ID names nothing in the corpora. */
  | { ok: false; reason: 'unknown-id' }
  /** Nothing left to compare after normalization (e.g. `"..."`). */
  | { ok: false; reason: 'empty' };

/** Comment markers at the start of a continuation line of a quote. */
const CONTINUATION_MARKER = /^[ \t]*(?:\/\/+!?|\/\*+|\*+(?!\/)|#+!?|--(?!-)|;+)[ \t]?/;
const CLOSE_MARKER = /[ \t]*\*+\/[ \t]*$/;

/** Drops comment markers from the second and later lines of a multi-line quote. */
export function stripCommentMarkers(quote: string): string {
  const lines = quote.split(/\r?\n|\r/);
  return lines
    .map((line, index) => {
      const unclosed = line.replace(CLOSE_MARKER, '');
      return index === 0 ? unclosed : unclosed.replace(CONTINUATION_MARKER, '');
    })
    .join('\n');
}

/** ABNF comments (`; When using the quoted-string…`) in figures: the `;` at line starts. */
function stripAbnfComments(text: string): string {
  return text.includes('\n') ? text.replace(/^[ \t]*;+[ \t]?/gm, '') : text;
}

/**
 * The comparable form of a text (clause or quote): see the module comment.
 * Ellipses are kept (as `...`) so that `quoteSegments` can split on them.
 */
export function normalizeForQuote(text: string): string {
  return (
    text
      .normalize('NFKC')
      // Typographic dashes and the like become ASCII hyphen-minus.
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      // A hyphen at a line break (or before any space run) joins its halves.
      .replace(/-\s+/g, '-')
      // Quotation marks, apostrophes and backticks of every kind.
      .replace(/["'`\u2018-\u201f\u00ab\u00bb\u2039\u203a]/g, '')
      // RFC notation: |Header|, _Term_, emphasis stars.
      .replace(/[|_*]/g, '')
      // /var/ (a slash at the edge of a word).
      .replace(/(^|[\s(\[])\/(?=\S)/g, '$1')
      .replace(/(?<=\S)\/(?=$|[\s.,;:!?)\]])/g, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      // Spacing around punctuation, which the deletions above can disturb.
      .replace(/ ([.,;:!?)\]])/g, '$1')
      .replace(/([(\[]) /g, '$1')
      .trim()
  );
}

const ELLIPSIS = /\s*(?:\[\s*(?:\.\s*){3,}\]|\[\s*…\s*\]|(?:\.\s*){3,}|…)\s*/;
const EDGE_PUNCTUATION = /^[\s.,;:!?]+|[\s.,;:!?]+$/g;

/**
 * The parts of a quote that must appear in order: the normalized quote,
 * split at ellipses, without punctuation at the ends of each part.
 */
export function quoteSegments(quote: string): string[] {
  return stripCommentMarkers(quote)
    .split(ELLIPSIS)
    .map((part) => normalizeForQuote(part).replace(EDGE_PUNCTUATION, ''))
    .filter((part) => part.length > 0);
}

/** True when the segments appear in `text` in order, without overlapping. */
function containsInOrder(text: string, segments: readonly string[]): boolean {
  let from = 0;
  for (const segment of segments) {
    const at = text.indexOf(segment, from);
    if (at < 0) return false;
    from = at + segment.length;
  }
  return true;
}

/** Per corpus: normalized clause texts, and lookups, computed once. */
interface Prepared<C extends QuotableClause> {
  corpus: QuotableCorpus<C>;
  normalized: string[];
  indexOfAnchor: Map<string, number>;
  /** Section anchor → anchors of it and all its descendant sections. */
  descendants: Map<string, Set<string>>;
  sectionAnchors: Set<string>;
  aliases: Readonly<Record<string, string>>;
  words: string[][];
}

const prepared = new WeakMap<object, Prepared<QuotableClause>>();

function prepare<C extends QuotableClause>(corpus: QuotableCorpus<C>): Prepared<C> {
  const cached = prepared.get(corpus) as Prepared<C> | undefined;
  if (cached) return cached;
  const normalized = corpus.clauses.map((clause) => normalizeForQuote(stripAbnfComments(clause.text)));
  const children = new Map<string, string[]>();
  for (const section of corpus.sections) {
    if (section.parent === null) continue;
    const list = children.get(section.parent) ?? [];
    list.push(section.anchor);
    children.set(section.parent, list);
  }
  const descendants = new Map<string, Set<string>>();
  const collect = (anchor: string, into: Set<string>): void => {
    into.add(anchor);
    for (const child of children.get(anchor) ?? []) collect(child, into);
  };
  for (const section of corpus.sections) {
    const set = new Set<string>();
    collect(section.anchor, set);
    descendants.set(section.anchor, set);
  }
  const result: Prepared<C> = {
    corpus,
    normalized,
    indexOfAnchor: new Map(corpus.clauses.map((clause, index) => [clause.anchor, index])),
    descendants,
    sectionAnchors: new Set(corpus.sections.map((section) => section.anchor)),
    aliases: corpus.aliases ?? aliasesOf(corpus),
    words: normalized.map(wordsOf),
  };
  prepared.set(corpus, result as unknown as Prepared<QuotableClause>);
  return result;
}

/** `id` attributes inside clause HTML that are not clause or section anchors → the clause anchor. */
function aliasesOf(corpus: QuotableCorpus): Record<string, string> {
  const taken = new Set([...corpus.sections.map((s) => s.anchor), ...corpus.clauses.map((c) => c.anchor)]);
  const aliases: Record<string, string> = {};
  for (const clause of corpus.clauses) {
    for (const match of clause.html?.matchAll(/\sid="([^"]+)"/g) ?? []) {
      const id = match[1]!;
      if (!taken.has(id) && !(id in aliases)) aliases[id] = clause.anchor;
    }
  }
  return aliases;
}

function wordsOf(normalized: string): string[] {
  return normalized.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

/** True when `anchor` is a clause nested in the clause `owner` (see the module comment). */
function nestedIn(anchor: string, owner: string): boolean {
  if (!anchor.startsWith(owner) || anchor.length === owner.length) return false;
  const rest = anchor.slice(owner.length);
  return rest.startsWith('.') || rest.startsWith('-step-') || /^-\d/.test(rest);
}

/**
 * The clauses (indexes into `corpus.clauses`) an anchor covers, or null if
 * the anchor names nothing: a section, a clause, an alias of a clause, or a
 * group of clauses nested under an anchor that is not itself a clause
 * (an RFC list `section-4.2.2-2`).
 */
function scopeOf<C extends QuotableClause>(prep: Prepared<C>, anchor: string): number[] | null {
  const { corpus } = prep;
  if (prep.sectionAnchors.has(anchor)) {
    const sections = prep.descendants.get(anchor) ?? new Set([anchor]);
    const indexes: number[] = [];
    corpus.clauses.forEach((clause, index) => {
      if (sections.has(clause.section)) indexes.push(index);
    });
    return indexes;
  }
  const owner = prep.indexOfAnchor.has(anchor) ? anchor : prep.aliases[anchor];
  const base = owner ?? anchor;
  const indexes: number[] = [];
  corpus.clauses.forEach((clause, index) => {
    if (clause.anchor === base || nestedIn(clause.anchor, base)) indexes.push(index);
  });
  return indexes.length > 0 ? indexes : null;
}

/** The clauses of the scope that hold the quote (one clause, or a run of them for a quote with gaps). */
function matchIn<C extends QuotableClause>(prep: Prepared<C>, indexes: readonly number[], segments: readonly string[]): C[] {
  const hits: C[] = [];
  for (const index of indexes) {
    if (containsInOrder(prep.normalized[index]!, segments)) hits.push(prep.corpus.clauses[index]!);
  }
  if (hits.length > 0 || segments.length < 2) return hits;
  // A quote with gaps may run over consecutive clauses of the scope.
  const joined = indexes.map((index) => prep.normalized[index]!).join('\u0000');
  if (!containsInOrder(joined, segments)) return [];
  return indexes
    .filter((index) => prep.normalized[index]!.includes(segments[0]!))
    .slice(0, 1)
    .map((index) => prep.corpus.clauses[index]!);
}

/** True when the quote is (part of) the title of the section `anchor` or of one of its subsections. */
function titleMatches<C extends QuotableClause>(prep: Prepared<C>, anchor: string, segments: readonly string[]): boolean {
  const tree = prep.descendants.get(anchor);
  if (!tree) return false;
  return prep.corpus.sections.some(
    (section) => tree.has(section.anchor) && section.title !== undefined && containsInOrder(normalizeForQuote(section.title), segments),
  );
}

/** Resolves `<source>#<anchor>` against the corpora. */
function locate<C extends QuotableClause>(
  id: string,
  corpora: readonly QuotableCorpus<C>[],
): { prep: Prepared<C>; indexes: number[] } | null {
  const hash = id.indexOf('#');
  if (hash <= 0) return null;
  const source = id.slice(0, hash);
  const anchor = id.slice(hash + 1);
  const corpus = corpora.find((candidate) => candidate.source.id === source);
  if (!corpus) return null;
  const prep = prepare(corpus);
  const indexes = scopeOf(prep, anchor);
  return indexes === null ? null : { prep, indexes };
}

/**
 * Checks a quotation against the clause or section it cites.
 *
 * `id` is a clause or section ID (`rfc6455#section-5.5.1-2`,
 * `rfc6455#section-5.5.1`, `whatwg#dom-websocket-close`); `corpora` are the
 * corpora to look in (the cited one and the others, so that a quote from
 * another section or source is found where it really is).
 */
export function matchQuote<C extends QuotableClause>(
  quote: string,
  id: string,
  corpora: readonly QuotableCorpus<C>[],
): QuoteMatch<C> {
  const segments = quoteSegments(quote);
  if (segments.length === 0) return { ok: false, reason: 'empty' };
  const target = locate(id, corpora);
  if (!target) return { ok: false, reason: 'unknown-id' };
  const inScope = matchIn(target.prep, target.indexes, segments);
  if (inScope.length > 0) return { ok: true, clauses: inScope };
  if (titleMatches(target.prep, id.slice(id.indexOf('#') + 1), segments)) return { ok: true, clauses: [] };
  const cited = new Set(target.indexes.map((index) => target.prep.corpus.clauses[index]!.id));
  return elsewhere(segments, corpora, target.prep.corpus.source.id, target.indexes[0] ?? 0, cited);
}

/**
 * Checks a quotation against a whole source (a reference to the document
 * without a section, e.g. a bare "RFC 6455"): the quote must be somewhere in
 * it. `not-in-clause` then means it is in another source.
 */
export function matchQuoteInSource<C extends QuotableClause>(
  quote: string,
  source: string,
  corpora: readonly QuotableCorpus<C>[],
): QuoteMatch<C> {
  const segments = quoteSegments(quote);
  if (segments.length === 0) return { ok: false, reason: 'empty' };
  const corpus = corpora.find((candidate) => candidate.source.id === source);
  if (!corpus) return { ok: false, reason: 'unknown-id' };
  const prep = prepare(corpus);
  const all = corpus.clauses.map((_, index) => index);
  const hits = matchIn(prep, all, segments);
  if (hits.length > 0) return { ok: true, clauses: hits };
  return elsewhere(segments, corpora, source, 0);
}

/** Where the words of a quote really are, or the most similar clause. */
function elsewhere<C extends QuotableClause>(
  segments: readonly string[],
  corpora: readonly QuotableCorpus<C>[],
  citedSource: string,
  citedIndex: number,
  cited: ReadonlySet<string> = new Set(),
): QuoteMatch<C> {
  const found: { clause: C; rank: number }[] = [];
  for (const corpus of corpora) {
    const prep = prepare(corpus);
    const sameSource = corpus.source.id === citedSource;
    const bySection = new Map<string, number[]>();
    corpus.clauses.forEach((clause, index) => {
      const list = bySection.get(clause.section) ?? [];
      list.push(index);
      bySection.set(clause.section, list);
    });
    const hits = new Set<C>();
    corpus.clauses.forEach((clause, index) => {
      if (containsInOrder(prep.normalized[index]!, segments)) hits.add(clause);
    });
    if (hits.size === 0 && segments.length > 1) {
      for (const indexes of bySection.values()) for (const clause of matchIn(prep, indexes, segments)) hits.add(clause);
    }
    for (const clause of hits) {
      const index = prep.indexOfAnchor.get(clause.anchor) ?? 0;
      const distance = sameSource ? Math.abs(index - citedIndex) : 1e6 + index;
      found.push({ clause, rank: distance });
    }
  }
  if (found.length > 0) {
    found.sort((a, b) => a.rank - b.rank);
    return { ok: false, reason: 'not-in-clause', foundIn: found.map((entry) => entry.clause) };
  }
  const closest = closestClause(segments.join(' '), corpora, citedSource, cited);
  return closest ? { ok: false, reason: 'nowhere', closest } : { ok: false, reason: 'nowhere' };
}

/** Similarity below which no clause is offered as "closest". */
export const CLOSEST_THRESHOLD = 0.5;

/**
 * The clause most similar to a quote that is nowhere verbatim: the best local
 * word alignment (Smith–Waterman), scored as 2·LCS / (quote words + words of
 * the aligned part of the clause). 1 means identical words. The clauses the
 * quote cites win a near tie (within 0.1): a drifted quote is reported
 * against the clause it drifted from.
 */
export function closestClause<C extends QuotableClause>(
  normalizedQuote: string,
  corpora: readonly QuotableCorpus<C>[],
  preferSource?: string,
  cited: ReadonlySet<string> = new Set(),
): { clause: C; similarity: number } | undefined {
  const quoteWords = wordsOf(normalizedQuote);
  if (quoteWords.length === 0) return undefined;
  const wanted = new Set(quoteWords);
  // Prefilter: the clauses sharing the most distinct words with the quote.
  const candidates: { clause: C; words: string[]; shared: number; preferred: boolean }[] = [];
  for (const corpus of corpora) {
    const prep = prepare(corpus);
    corpus.clauses.forEach((clause, index) => {
      const words = prep.words[index]!;
      const seen = new Set<string>();
      for (const word of words) if (wanted.has(word)) seen.add(word);
      if (seen.size > 0) candidates.push({ clause, words, shared: seen.size, preferred: corpus.source.id === preferSource });
    });
  }
  candidates.sort((a, b) => b.shared - a.shared);
  const shortlist = [...candidates.slice(0, 40), ...candidates.slice(40).filter((candidate) => cited.has(candidate.clause.id))];
  let best: { clause: C; similarity: number; rank: number; preferred: boolean } | undefined;
  for (const candidate of shortlist) {
    const similarity = alignedSimilarity(quoteWords, candidate.words);
    const rank = similarity + (cited.has(candidate.clause.id) ? 0.1 : 0);
    if (
      !best ||
      rank > best.rank + 1e-9 ||
      (Math.abs(rank - best.rank) <= 1e-9 && candidate.preferred && !best.preferred)
    ) {
      best = { clause: candidate.clause, similarity, rank, preferred: candidate.preferred };
    }
  }
  if (!best || best.similarity < CLOSEST_THRESHOLD) return undefined;
  return { clause: best.clause, similarity: Math.round(best.similarity * 100) / 100 };
}

/** See `closestClause`. */
export function alignedSimilarity(quote: readonly string[], text: readonly string[]): number {
  if (quote.length === 0 || text.length === 0) return 0;
  // Smith–Waterman over words: match +2, mismatch or gap −1; each cell also
  // carries where its alignment starts in `text`.
  const columns = text.length + 1;
  let previousScore = new Float64Array(columns);
  let currentScore = new Float64Array(columns);
  let previousStart = new Int32Array(columns);
  let currentStart = new Int32Array(columns);
  let bestScore = 0;
  let bestStart = 0;
  let bestEnd = 0;
  for (let i = 1; i <= quote.length; i++) {
    for (let j = 1; j <= text.length; j++) {
      const diagonal = previousScore[j - 1]! + (quote[i - 1] === text[j - 1] ? 2 : -1);
      const up = previousScore[j]! - 1;
      const left = currentScore[j - 1]! - 1;
      let score = 0;
      let start = j;
      if (diagonal > score) {
        score = diagonal;
        start = previousScore[j - 1]! > 0 ? previousStart[j - 1]! : j - 1;
      }
      if (up > score) {
        score = up;
        start = previousStart[j]!;
      }
      if (left > score) {
        score = left;
        start = currentStart[j - 1]!;
      }
      currentScore[j] = score;
      currentStart[j] = start;
      if (score > bestScore) {
        bestScore = score;
        bestStart = start;
        bestEnd = j;
      }
    }
    [previousScore, currentScore] = [currentScore, previousScore];
    [previousStart, currentStart] = [currentStart, previousStart];
    currentScore.fill(0);
    currentStart.fill(0);
  }
  if (bestScore === 0) return 0;
  const region = text.slice(bestStart, bestEnd);
  return (2 * lcsLength(quote, region)) / (quote.length + region.length);
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
    current.fill(0);
  }
  return previous[b.length]!;
}
