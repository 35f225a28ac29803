/**
 * The computed API track of the History pages: for every clause of the W3C
 * WebSocket API (CR 2012) the editor's-draft revisions (r1.1 … r1.315) where
 * its text changed, as word diffs with date, revision, log message and
 * links, the six /TR publications marked on its timeline, and its
 * counterpart in today's WHATWG standard with that standard's own history
 * (2021–2025, Review Drafts marked).
 *
 * Modules: similarity.ts (word-bigram Dice), matcher.ts (one version's
 * clauses → the next's), lineage.ts (tracks across a sequence), diff.ts
 * (word diffs), align.ts (where a publication falls), counterpart.ts (W3C ↔
 * WHATWG), history.ts (the builder, pure), load.ts (reading the corpus).
 *
 * `computeApiHistory()` parses every version once per process (≈ 2.5 s) and
 * memoizes the result; the queries below read from it.
 */
import { buildApiHistory, type ApiHistoryInput, type BuiltApiHistory } from './history.ts';
import { loadApiHistoryInput } from './load.ts';
import type {
  ApiHistory,
  CounterpartRef,
  DocumentChange,
  VersionSummary,
  W3cClauseHistory,
  WhatwgClauseHistory,
} from './types.ts';

export type * from './types.ts';
export { buildApiHistory, type ApiHistoryInput, type BuiltApiHistory, type PublicationVersion, type SequenceVersion } from './history.ts';
export { loadApiHistoryInput } from './load.ts';
export { matchClauses, isPositionalAnchor, DEFAULT_MATCH_OPTIONS, type MatchItem, type MatchOptions, type MatchResult, type MatchPair } from './matcher.ts';
export { buildLineage, trackEvents, type Lineage, type LineageTrack, type TrackEvent } from './lineage.ts';
export { wordDiff, diffBefore, diffAfter } from './diff.ts';
export { similarity, wordsOf } from './similarity.ts';
export { pairCounterparts, nearestCounterparts, COUNTERPART_THRESHOLD, LOOSE_THRESHOLD, LOOSE_FLOOR } from './counterpart.ts';

interface Memo {
  input: ApiHistoryInput;
  history: ApiHistory;
  built: BuiltApiHistory;
  w3cByAnchor: Map<string, W3cClauseHistory>;
  whatwgByAnchor: Map<string, WhatwgClauseHistory>;
}

let memo: Memo | null = null;

function state(): Memo {
  if (memo === null) {
    const start = performance.now();
    const input = loadApiHistoryInput();
    const loaded = performance.now();
    const built = buildApiHistory(input);
    const end = performance.now();
    const history: ApiHistory = {
      ...built.data,
      timing: { loadMs: Math.round(loaded - start), computeMs: Math.round(end - loaded), totalMs: Math.round(end - start) },
    };
    memo = {
      input,
      history,
      built,
      w3cByAnchor: new Map(history.w3c.clauses.map((c) => [c.anchor, c])),
      whatwgByAnchor: new Map(history.whatwg.clauses.map((c) => [c.anchor, c])),
    };
  }
  return memo;
}

/** The parsed versions the track was computed from (memoized with it). */
export function apiHistoryInput(): ApiHistoryInput {
  return state().input;
}

/** The whole API track (memoized per process). */
export function computeApiHistory(): ApiHistory {
  return state().history;
}

/** History of a CR 2012 clause by its anchor (`dom-websocket-step-8-2`), or null. */
export function w3cClauseHistory(anchor: string): W3cClauseHistory | null {
  return state().w3cByAnchor.get(anchor) ?? null;
}

/** History (2021–2025) of a clause of today's WHATWG standard by its anchor, or null. */
export function whatwgClauseHistory(anchor: string): WhatwgClauseHistory | null {
  return state().whatwgByAnchor.get(anchor) ?? null;
}

/** Today's WHATWG counterpart of a CR 2012 clause, or null (see `w3cClauseHistory(anchor).noWhatwg`). */
export function whatwgCounterpart(w3cAnchor: string): CounterpartRef | null {
  return w3cClauseHistory(w3cAnchor)?.whatwg ?? null;
}

/** The CR 2012 counterpart of a clause of today's WHATWG standard, or null. */
export function w3cCounterpart(whatwgAnchor: string): CounterpartRef | null {
  return whatwgClauseHistory(whatwgAnchor)?.w3c ?? null;
}

/** `1.210`, `r1.210` or `w3c-ed-r1.210` → the manifest key. */
function w3cKey(revision: string): string {
  return revision.startsWith('w3c-ed-') ? revision : `w3c-ed-r${revision.replace(/^r/, '')}`;
}

/** A W3C revision's summary (date, log, links, counts, publications made from it). */
export function w3cRevision(revision: string): VersionSummary | null {
  const key = w3cKey(revision);
  return computeApiHistory().w3c.revisions.find((r) => r.key === key) ?? null;
}

/** Every clause change of a W3C revision (the whole document, also clauses gone from the CR). */
export function w3cRevisionChanges(revision: string): DocumentChange[] {
  return state().built.w3cVersionChanges(w3cKey(revision));
}

/** A WHATWG version by manifest key or (short) commit. */
export function whatwgVersion(keyOrCommit: string): VersionSummary | null {
  return computeApiHistory().whatwg.versions.find((v) => v.key === keyOrCommit || (v.commit ?? '').startsWith(keyOrCommit)) ?? null;
}

/** Every clause change of a WHATWG version. */
export function whatwgVersionChanges(keyOrCommit: string): DocumentChange[] {
  const version = whatwgVersion(keyOrCommit);
  return version === null ? [] : state().built.whatwgVersionChanges(version.key);
}
