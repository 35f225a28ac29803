/**
 * Pure shaping for the History panels and the timeline page: no file
 * access, no corpus, so the rules are unit-tested on their own
 * (test/site/history-shape.test.ts).
 *
 * - `elideDiff`: a word diff made light for a reader page: long unchanged
 *   runs keep a few words of context on each side of a change, very long
 *   insertions or deletions keep their start and end.
 * - `interleave`: changes of one clause and the publications (/TR, Review
 *   Drafts) that fall between them, in timeline order.
 * - `timelineRows`: events of all tracks grouped by date, in date order;
 *   `groupByYear` and `foldRoutine` make the page's year sections and folds.
 * - `formatDate`: `2011-05-24` → `24 May 2011` (or `2011年5月24日`).
 */
import type { DiffPart } from '../../history/api-track/types.ts';

export type DisplayKind = 'same' | 'added' | 'removed' | 'elided';

/** One run of a displayed diff; `elided` parts stand for words left out. */
export interface DisplayPart {
  kind: DisplayKind;
  value: string;
}

export interface ElideOptions {
  /** Words (or lines) of unchanged text kept on each side of a change. */
  context: number;
  /** An added or removed run longer than this keeps its first two thirds and last third of it. */
  maxChanged: number;
  /** `word` for prose, `line` for figures and IDL (kept line by line). */
  unit: 'word' | 'line';
}

export const DEFAULT_ELIDE: ElideOptions = { context: 8, maxChanged: 80, unit: 'word' };

/** Tokens of a text: units (words or lines) and the separators between them, in order. */
function tokens(text: string, unit: ElideOptions['unit']): string[] {
  return text.split(unit === 'word' ? /(\s+)/ : /(\n)/).filter((token) => token !== '');
}

function isSeparator(token: string, unit: ElideOptions['unit']): boolean {
  return unit === 'word' ? /^\s+$/.test(token) : token === '\n';
}

/** Splits `text` after its first `count` units (separators stay with what precedes them). */
function headOf(text: string, count: number, unit: ElideOptions['unit']): string {
  const parts = tokens(text, unit);
  let units = 0;
  let end = 0;
  for (; end < parts.length; end++) {
    if (!isSeparator(parts[end]!, unit)) {
      if (units === count) break;
      units++;
    }
  }
  return parts.slice(0, end).join('');
}

/** The last `count` units of `text`, with the separator before them. */
function tailOf(text: string, count: number, unit: ElideOptions['unit']): string {
  const parts = tokens(text, unit);
  let units = 0;
  let start = parts.length;
  for (; start > 0; start--) {
    if (!isSeparator(parts[start - 1]!, unit)) {
      if (units === count) break;
      units++;
    }
  }
  return parts.slice(start).join('');
}

function unitCount(text: string, unit: ElideOptions['unit']): number {
  return tokens(text, unit).filter((token) => !isSeparator(token, unit)).length;
}

/**
 * A diff for display. Every unchanged run longer than twice the context is
 * cut to its context next to the changes (an `elided` part marks the cut);
 * the first run keeps only its end, the last only its start. Added and
 * removed runs longer than `maxChanged` units keep their first two thirds
 * and last third of that budget. A diff with no change at all is returned
 * whole.
 */
export function elideDiff(parts: readonly DiffPart[], options: ElideOptions = DEFAULT_ELIDE): DisplayPart[] {
  const { context, maxChanged, unit } = options;
  const changed = parts.some((part) => part.added === true || part.removed === true);
  const out: DisplayPart[] = [];
  const push = (kind: DisplayKind, value: string) => {
    if (value === '') return;
    const last = out.at(-1);
    if (last !== undefined && last.kind === kind && kind !== 'elided') last.value += value;
    else out.push({ kind, value });
  };
  parts.forEach((part, index) => {
    const kind: DisplayKind = part.added === true ? 'added' : part.removed === true ? 'removed' : 'same';
    const count = unitCount(part.value, unit);
    if (kind === 'same') {
      if (!changed) return push('same', part.value);
      const first = index === 0;
      const last = index === parts.length - 1;
      const keep = first || last ? context : 2 * context;
      if (count <= keep + 1) return push('same', part.value);
      if (!first) push('same', headOf(part.value, context, unit));
      push('elided', '…');
      if (!last) push('same', tailOf(part.value, context, unit));
      return;
    }
    if (count <= maxChanged) return push(kind, part.value);
    const head = Math.ceil((maxChanged * 2) / 3);
    push(kind, headOf(part.value, head, unit));
    push('elided', '…');
    push(kind, tailOf(part.value, maxChanged - head, unit));
  });
  return out;
}

const DATE_WORD =
  /^(?:\d{1,4}(?:st|nd|rd|th)?|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/;

/**
 * True when every added and removed run of a diff is made of date words
 * only (day numbers, month names, years, with punctuation): the Editor's
 * Draft date line bumped by a revision. A diff with no change is not one.
 */
export function isDateOnlyDiff(parts: readonly DiffPart[]): boolean {
  const changed = parts.filter((part) => part.added === true || part.removed === true);
  return (
    changed.length > 0 &&
    changed.every((part) =>
      part.value
        .split(/[\s,.]+/)
        .filter((word) => word !== '')
        .every((word) => DATE_WORD.test(word)),
    )
  );
}

// ── Publications between changes ───────────────────────────────────────────

/** A change or a publication mark, as placed on one clause's timeline. */
export type Interleaved<C, P> = { type: 'change'; item: C } | { type: 'publication'; item: P };

/**
 * Changes (in order) and publications (in order), each publication placed
 * right after the last change made at or before the version it was
 * published from (`position` gives each version's place in its sequence).
 * Publications before the first change come first.
 */
export function interleave<C, P>(
  changes: readonly C[],
  publications: readonly P[],
  changePosition: (change: C) => number,
  publicationPosition: (publication: P) => number,
): Interleaved<C, P>[] {
  const out: Interleaved<C, P>[] = [];
  let next = 0;
  for (const change of changes) {
    const at = changePosition(change);
    while (next < publications.length && publicationPosition(publications[next]!) < at) {
      out.push({ type: 'publication', item: publications[next]! });
      next++;
    }
    out.push({ type: 'change', item: change });
  }
  for (; next < publications.length; next++) out.push({ type: 'publication', item: publications[next]! });
  return out;
}

// ── Timeline rows ──────────────────────────────────────────────────────────

export const TIMELINE_TRACKS = ['protocol', 'api', 'implementation'] as const;
export type TimelineTrack = (typeof TIMELINE_TRACKS)[number];

export interface Dated {
  /** `YYYY-MM-DD`, `YYYY-MM`, or `today` (sorts last). */
  date: string;
  track: TimelineTrack;
  /** Tie-break within a date and track. */
  order: number;
}

export interface TimelineRow<T extends Dated> {
  date: string;
  cells: Record<TimelineTrack, T[]>;
}

/** Groups items by date (in date order, `today` last), each date's items by track, in `order`. */
export function timelineRows<T extends Dated>(items: readonly T[]): TimelineRow<T>[] {
  const rank = (date: string) => (date === 'today' ? '\uffff' : date);
  const sorted = [...items].sort((a, b) =>
    rank(a.date) < rank(b.date) ? -1 : rank(a.date) > rank(b.date) ? 1 : a.order - b.order,
  );
  const rows: TimelineRow<T>[] = [];
  for (const item of sorted) {
    let row = rows.at(-1);
    if (row === undefined || row.date !== item.date) {
      row = { date: item.date, cells: { protocol: [], api: [], implementation: [] } };
      rows.push(row);
    }
    row.cells[item.track].push(item);
  }
  return rows;
}

/** The rows of one year (`today` is its own group), for the timeline's sections and summary. */
export interface YearGroup<T extends Dated> {
  /** `2011`, or `today`. */
  year: string;
  rows: TimelineRow<T>[];
  /** Items per track in the year. */
  counts: Record<TimelineTrack, number>;
}

/** Rows (in date order) grouped by year, in order; `today` last. */
export function groupByYear<T extends Dated>(rows: readonly TimelineRow<T>[]): YearGroup<T>[] {
  const groups: YearGroup<T>[] = [];
  for (const row of rows) {
    const year = row.date === 'today' ? 'today' : row.date.slice(0, 4);
    let group = groups.at(-1);
    if (group === undefined || group.year !== year) {
      group = { year, rows: [], counts: { protocol: 0, api: 0, implementation: 0 } };
      groups.push(group);
    }
    group.rows.push(row);
    for (const track of TIMELINE_TRACKS) group.counts[track] += row.cells[track].length;
  }
  return groups;
}

/** A row shown as it is, or a run of routine rows folded under one summary. */
export type Segment<T extends Dated> = { type: 'row'; row: TimelineRow<T> } | { type: 'fold'; rows: TimelineRow<T>[] };

/**
 * Runs of at least `min` consecutive rows whose every item is `routine`
 * (an editor's-draft revision or a commit that is no step of the story)
 * become one fold; other rows stay as they are.
 */
export function foldRoutine<T extends Dated>(rows: readonly TimelineRow<T>[], routine: (item: T) => boolean, min = 3): Segment<T>[] {
  const segments: Segment<T>[] = [];
  let run: TimelineRow<T>[] = [];
  const flush = () => {
    if (run.length >= min) segments.push({ type: 'fold', rows: run });
    else for (const row of run) segments.push({ type: 'row', row });
    run = [];
  };
  for (const row of rows) {
    const items = TIMELINE_TRACKS.flatMap((track) => row.cells[track]);
    if (items.length > 0 && items.every(routine)) {
      run.push(row);
      continue;
    }
    flush();
    segments.push({ type: 'row', row });
  }
  flush();
  return segments;
}

// ── Dates ──────────────────────────────────────────────────────────────────

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2011-05-24` → `24 May 2011`; `2011-12` → `December 2011`; `ja`: `2011年5月24日`, `2011年12月`. */
export function formatDate(iso: string, locale: 'en' | 'ja' = 'en'): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!match) return iso;
  const year = match[1]!;
  const month = Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (locale === 'ja') return day === null ? `${year}年${month}月` : `${year}年${month}月${day}日`;
  return day === null ? `${MONTHS[month - 1]} ${year}` : `${day} ${MONTHS[month - 1]} ${year}`;
}

/** `1.210` / `r1.210` → 210, for ordering W3C revisions. */
export function revisionNumber(label: string): number {
  const match = /(\d+)\.(\d+)$/.exec(label);
  return match ? Number(match[2]) : Number.NaN;
}

// ── One change, for display ────────────────────────────────────────────────

/** An added text longer than this (in words) that the clause still has is cut to its first words. */
export const ADDED_SAME_AS_CURRENT_MAX = 24;
/** Words (lines for figures) kept of an addition that is cut. */
const ADDED_HEAD = 12;
const ADDED_HEAD_LINES = 2;

const PROSE: ElideOptions = DEFAULT_ELIDE;
const FIGURE: ElideOptions = { context: 1, maxChanged: 12, unit: 'line' };

/**
 * The diff of one change as the History panel shows it. An addition keeps
 * only its first words when it came with a bulk import of the document
 * (`bulk`: r1.1, the WHATWG standard's first commit) or when it is long and
 * still the clause's text (shown just above the panel); other diffs are
 * elided around the changes; figures and IDL are cut by lines.
 */
export function changeDisplay(
  change: { kind: 'added' | 'changed' | 'removed'; diff: readonly DiffPart[]; after: string | null },
  current: string,
  preformatted: boolean,
  bulk = false,
): DisplayPart[] {
  const options = preformatted ? FIGURE : PROSE;
  if (change.kind === 'added' && change.after !== null) {
    const unit = preformatted ? 'line' : 'word';
    const head = preformatted ? ADDED_HEAD_LINES : ADDED_HEAD;
    const long = unitCount(change.after, unit) > (preformatted ? ADDED_HEAD_LINES + 1 : ADDED_SAME_AS_CURRENT_MAX);
    if (long && (bulk || change.after === current)) {
      return [
        { kind: 'added', value: headOf(change.after, head, unit).trimEnd() },
        { kind: 'elided', value: '…' },
      ];
    }
  }
  return elideDiff(change.diff, options);
}
