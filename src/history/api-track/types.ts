/**
 * The computed API track: how each clause of the W3C WebSocket API (CR 2012)
 * and of today's WHATWG WebSockets Standard came to read as it does.
 * Plain data (JSON-serializable), built by history.ts from the parsed
 * versions; index.ts memoizes it and answers queries.
 */
import type { ClauseKind } from '../../corpus/model.ts';
import type { DiffPart } from './diff.ts';
import type { MatchHow } from './matcher.ts';
import type { CounterpartMatch } from './counterpart.ts';

export type { DiffPart } from './diff.ts';
export type { MatchHow } from './matcher.ts';
export type { CounterpartMatch } from './counterpart.ts';

/** One version in a sequence: a W3C editor's-draft revision or a WHATWG commit. */
export interface VersionInfo {
  /** Manifest key, e.g. `w3c-ed-r1.210`, `whatwg-2023-05-12-771cd4f`. */
  key: string;
  /** `r1.210`; `771cd4f` for a WHATWG commit. */
  label: string;
  /** ISO date (W3C: CVS date; WHATWG: author date of the commit). */
  date: string;
  /** CVS log message / commit subject, verbatim. */
  log: string;
  /** The version's text at GitHub (blob at the commit). */
  url: string;
  /** W3C CVS revision number, e.g. `1.210`. */
  revision: string | null;
  commit: string | null;
  /** Old dev.w3.org cvsweb URL (W3C). */
  cvsweb: string | null;
  /** The WHATWG svn revision a W3C revision was generated from. */
  whatwgSvnRevision: number | null;
}

/** A /TR publication or a WHATWG Review Draft, placed on a version sequence. */
export interface PublicationInfo {
  key: string;
  /** `WD 2011-04-19`, `LCWD 2011-09-29`, `CR 2012-09-20`, `Review Draft 2022-03`. */
  label: string;
  title: string;
  /** W3C maturity (`Working Draft`, …) or `Review Draft`. */
  status: string;
  date: string;
  url: string;
  /**
   * The version the publication was made from: the one with the most
   * clauses of identical text (ties: the latest not dated after the
   * publication). The publication falls after it on the timeline.
   */
  base: string;
  baseLabel: string;
  /** Clauses of the publication whose text is exactly in the base version, and the total. */
  identical: number;
  clauseCount: number;
}

export type ChangeKind = 'added' | 'changed' | 'removed';

/** A clause removed earlier whose text an `added` clause brings back. */
export interface Restored {
  /** Version label where the old clause was removed, e.g. `r1.102`. */
  removedIn: string;
  /** Its last version and anchor there. */
  lastIn: string;
  anchor: string;
  similarity: number;
}

/** A clause removed in the same version, most like an `added` clause (context, not lineage). */
export interface Replaces {
  anchor: string;
  text: string;
  similarity: number;
}

/** One change of one clause: added, text changed, or removed. */
export interface ClauseChange extends VersionInfo {
  kind: ChangeKind;
  /** Text before (null when added). */
  before: string | null;
  /** Text after (null when removed). */
  after: string | null;
  /** Word-level diff; its parts rebuild `before` and `after` exactly. */
  diff: DiffPart[];
  anchorBefore: string | null;
  anchorAfter: string | null;
  /** How the clause was matched to its predecessor (`changed` only). */
  match?: { how: MatchHow; similarity: number };
  /** For `added`: a clause removed earlier with (nearly) the same text. */
  restores?: Restored;
  /** For `added`: the most similar clause removed in the same version, if any. */
  replaces?: Replaces;
  /** True for a W3C change after the CR 2012 (r1.280 … r1.315). */
  afterCr?: boolean;
}

/** Where a publication falls on a clause's timeline, and its text there. */
export interface PublicationMark {
  publication: string;
  label: string;
  date: string;
  url: string;
  /** The base version label: the publication falls after it. */
  after: string;
  /** True when the publication has the clause. */
  present: boolean;
  anchor: string | null;
  text: string | null;
  /**
   * The version that introduced the publication's text ("same as r1.205"),
   * or null when no version of the lineage has that exact text.
   */
  sameAs: string | null;
  /** True when the text equals the base version's text of the clause. */
  matchesBase: boolean;
  /** Base version's text → publication's text, when they differ and both exist. */
  diffFromBase?: DiffPart[];
}

export interface AnchorSpan {
  /** First and last version labels with this anchor. */
  from: string;
  to: string;
  anchor: string;
}

/** A clause of the other spec paired by text. */
export interface CounterpartRef {
  anchor: string;
  id: string;
  citation: string;
  text: string;
  /** Best similarity between the two lineages' texts (1: identical). */
  similarity: number;
  /** `close`: similar wording; `loose`: a rewrite that shares the key words (see counterpart.ts). */
  match: CounterpartMatch;
  /** Canonical URL of the clause. */
  url: string;
}

export type NoCounterpartReason =
  /** W3C publication matter (status, exit criteria, references…) with no WHATWG equivalent. */
  | 'w3c-front-matter'
  /** Its text was in the WHATWG standard after 2021 and removed (see `whatwgRemoved`). */
  | 'removed-in-whatwg'
  /** No WHATWG clause (2021–2025) has similar enough text. */
  | 'no-similar-text';

export interface NoCounterpart {
  reason: NoCounterpartReason;
  /** One sentence for the page. */
  explanation: string;
  /** The most similar WHATWG clause of today, below the threshold. */
  nearest: CounterpartRef | null;
  /** For `removed-in-whatwg`: the change that removed it. */
  whatwgRemoved?: { version: string; date: string; log: string; url: string; anchor: string; text: string };
}

export interface W3cClauseHistory {
  /** Anchor in the CR 2012 (the reader's text). */
  anchor: string;
  id: string;
  citation: string;
  kind: ClauseKind;
  section: string;
  /** The CR's text. */
  text: string;
  /**
   * `editors-draft`: traced through the 315 revisions; `publication-only`:
   * text of /TR publications that no editor's draft has (status, CR exit
   * criteria), traced through the publications only.
   */
  lineage: 'editors-draft' | 'publication-only';
  /** How the CR clause was matched to its base revision (r1.279), null if publication-only. */
  crMatch: { how: MatchHow; similarity: number; anchor: string } | null;
  /** Editor's-draft changes, oldest first; the first is the `added` one. Those after the CR have `afterCr`. */
  changes: ClauseChange[];
  anchors: AnchorSpan[];
  /** The six /TR publications, in date order. */
  publications: PublicationMark[];
  whatwg: CounterpartRef | null;
  noWhatwg: NoCounterpart | null;
}

export interface WhatwgClauseHistory {
  anchor: string;
  id: string;
  citation: string;
  kind: ClauseKind;
  section: string;
  text: string;
  /** Changes 2021–2025, oldest first; the first is `added` (the initial commit for most). */
  changes: ClauseChange[];
  anchors: AnchorSpan[];
  /** The Review Drafts, in date order. */
  reviewDrafts: PublicationMark[];
  /** The CR 2012 clause paired with this one, if any. */
  w3c: CounterpartRef | null;
}

/** One version on the timeline, with how many clauses it touched (any clause, not only today's). */
export interface VersionSummary extends VersionInfo {
  added: number;
  changed: number;
  removed: number;
  /**
   * How many of those changes are in the document's own matter (abstract,
   * status of this document, CR exit criteria) — e.g. the draft's date.
   */
  documentMatter: number;
  /** True when every change of the version is document matter (146 of the 315 W3C revisions only change the date). */
  documentMatterOnly: boolean;
  /** Keys of publications made from this version. */
  publications: string[];
}

/** A clause change of a version's whole-document diff (any clause, also ones gone later). */
export interface DocumentChange extends ClauseChange {
  /** The clause's anchor in the CR 2012 (W3C) or in today's standard (WHATWG), when it lives on. */
  current: string | null;
}

export interface ApiHistory {
  w3c: {
    /** r1.1 … r1.315. */
    revisions: VersionSummary[];
    publications: PublicationInfo[];
    /** The CR 2012's base revision label (`r1.279`). */
    crBase: string;
    /** One entry per CR 2012 clause, in document order. */
    clauses: W3cClauseHistory[];
  };
  whatwg: {
    versions: VersionSummary[];
    reviewDrafts: PublicationInfo[];
    /** One entry per clause of today's standard, in document order. */
    clauses: WhatwgClauseHistory[];
  };
  /** How long the computation took (ms). */
  timing: { loadMs: number; computeMs: number; totalMs: number };
}
