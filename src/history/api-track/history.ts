/**
 * Builds the API track (types.ts) from parsed versions: no file access here,
 * so the same code runs on the real corpus (index.ts) and on hand-made
 * fixtures in tests.
 *
 * - A *sequence* (the 315 W3C editor's-draft revisions, the WHATWG commits
 *   2021–2025) gets a lineage (lineage.ts): every clause followed from the
 *   version that added it to the version that removed it, if any.
 * - Each *publication* (the six /TR documents, the Review Drafts) is placed
 *   after its base version (align.ts) and its clauses matched to the base's;
 *   a publication's clauses that no version has (W3C status text, CR exit
 *   criteria) get a lineage of their own across the publications.
 * - The reader's text (CR 2012 for W3C, the latest `index.bs` for WHATWG) is
 *   matched to its version the same way, which gives each of its clauses
 *   its changes.
 * - W3C and WHATWG clauses are paired by text similarity (counterpart.ts).
 */
import type { Clause, Section } from '../../corpus/model.ts';
import { publicationBase } from './align.ts';
import { COUNTERPART_THRESHOLD, nearestCounterparts, pairCounterparts, type CounterpartCandidate, type CounterpartMatch, type CounterpartPair } from './counterpart.ts';
import { wordDiff } from './diff.ts';
import { anchorSpans, buildLineage, indexAt, trackEvents, type Lineage, type LineageTrack, type TrackEvent } from './lineage.ts';
import { matchClauses, type MatchOptions, type MatchResult } from './matcher.ts';
import { similarity } from './similarity.ts';
import type {
  AnchorSpan,
  ApiHistory,
  ClauseChange,
  CounterpartRef,
  DocumentChange,
  NoCounterpart,
  PublicationInfo,
  PublicationMark,
  Replaces,
  Restored,
  VersionInfo,
  VersionSummary,
  W3cClauseHistory,
  WhatwgClauseHistory,
} from './types.ts';

export interface SequenceVersion {
  info: VersionInfo;
  clauses: readonly Clause[];
}

export interface PublicationVersion {
  info: Omit<PublicationInfo, 'base' | 'baseLabel' | 'identical' | 'clauseCount'>;
  clauses: readonly Clause[];
}

export interface ApiHistoryInput {
  w3cRevisions: readonly SequenceVersion[];
  /** In date order; one of them is the reader's text (`crKey`). */
  w3cPublications: readonly PublicationVersion[];
  crKey: string;
  /** The CR's sections (for telling W3C front matter apart). */
  crSections: readonly Section[];
  /** URL of a CR clause. */
  w3cUrl: (anchor: string) => string;
  whatwgVersions: readonly SequenceVersion[];
  whatwgReviewDrafts: readonly PublicationVersion[];
  /** Today's standard (the reader's text). */
  whatwgLatest: readonly Clause[];
  whatwgUrl: (anchor: string) => string;
  /** Matching thresholds for consecutive versions (defaults: matcher.ts). */
  matchOptions?: MatchOptions;
}

/** Least similarity for an `added` clause to count as restoring a clause removed earlier. */
export const RESTORE_THRESHOLD = 0.9;
/** Least similarity for the "replaces" hint on an `added` clause. */
export const REPLACES_THRESHOLD = 0.2;

/** W3C sections with no clause-for-clause WHATWG equivalent. */
export const W3C_FRONT_MATTER_SECTIONS: ReadonlySet<string> = new Set([
  'abstract',
  'status-of-this-document',
  'conformance-requirements',
  'terminology',
  'references',
  'acknowledgements',
]);

// ---------------------------------------------------------------------------
// Sequences

interface Sequence {
  infos: readonly VersionInfo[];
  items: ReadonlyArray<readonly Clause[]>;
  lineage: Lineage;
  events: TrackEvent[][];
  /** Memoized `ClauseChange` per track and event index. */
  changes: Map<number, ClauseChange[]>;
}

function buildSequence(versions: readonly SequenceVersion[], options: MatchOptions | undefined): Sequence {
  const items = versions.map((v) => v.clauses);
  const lineage = buildLineage(items, options);
  return {
    infos: versions.map((v) => v.info),
    items,
    lineage,
    events: lineage.tracks.map((t) => trackEvents(t, items)),
    changes: new Map(),
  };
}

function clauseAt(seq: Sequence, version: number, index: number | null): Clause | null {
  if (index === null) return null;
  return seq.items[version]?.[index] ?? null;
}

function infoAt(seq: Sequence, version: number): VersionInfo {
  const info = seq.infos[version];
  if (info === undefined) throw new Error(`no version ${version}`);
  return info;
}

/** The clause removed earlier (not in this version) that an added clause brings back. */
function restoredBy(seq: Sequence, track: LineageTrack, text: string): Restored | undefined {
  let best: Restored | undefined;
  let bestEnd = -1;
  for (const other of seq.lineage.tracks) {
    if (other.end >= track.start || other.end < other.start + 1) continue;
    const last = clauseAt(seq, other.end - 1, indexAt(other, other.end - 1));
    if (last === null) continue;
    const sim = similarity(last.text, text);
    if (sim < RESTORE_THRESHOLD) continue;
    if (other.end > bestEnd || (other.end === bestEnd && sim > (best?.similarity ?? 0))) {
      bestEnd = other.end;
      best = { removedIn: infoAt(seq, other.end).label, lastIn: infoAt(seq, other.end - 1).label, anchor: last.anchor, similarity: round(sim) };
    }
  }
  return best;
}

/** The most similar clause removed in the same version (a hint for the reader). */
function replacedBy(seq: Sequence, version: number, text: string): Replaces | undefined {
  const match: MatchResult | undefined = seq.lineage.matches[version - 1];
  if (match === undefined) return undefined;
  let best: Replaces | undefined;
  for (const index of match.removed) {
    const removed = clauseAt(seq, version - 1, index);
    if (removed === null) continue;
    const sim = similarity(removed.text, text);
    if (sim >= REPLACES_THRESHOLD && sim > (best?.similarity ?? 0)) best = { anchor: removed.anchor, text: removed.text, similarity: round(sim) };
  }
  return best;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function toChange(seq: Sequence, track: LineageTrack, event: TrackEvent): ClauseChange {
  const before = event.beforeIndex === null ? null : clauseAt(seq, event.version - 1, event.beforeIndex);
  const after = event.afterIndex === null ? null : clauseAt(seq, event.version, event.afterIndex);
  const beforeText = before?.text ?? null;
  const afterText = after?.text ?? null;
  const diff =
    beforeText === null
      ? [{ value: afterText ?? '', added: true as const }]
      : afterText === null
        ? [{ value: beforeText, removed: true as const }]
        : wordDiff(beforeText, afterText);
  const change: ClauseChange = {
    ...infoAt(seq, event.version),
    kind: event.kind,
    before: beforeText,
    after: afterText,
    diff,
    anchorBefore: before?.anchor ?? null,
    anchorAfter: after?.anchor ?? null,
  };
  if (event.kind === 'changed') {
    const at = event.version - track.start;
    change.match = { how: track.how[at] === 'start' ? 'exact' : (track.how[at] ?? 'exact'), similarity: round(track.similarities[at] ?? 1) };
  }
  if (event.kind === 'added' && afterText !== null && event.version > 0) {
    const restores = restoredBy(seq, track, afterText);
    if (restores !== undefined) change.restores = restores;
    const replaces = replacedBy(seq, event.version, afterText);
    if (replaces !== undefined) change.replaces = replaces;
  }
  return change;
}

function changesOf(seq: Sequence, trackId: number): ClauseChange[] {
  let changes = seq.changes.get(trackId);
  if (changes === undefined) {
    const track = seq.lineage.tracks[trackId];
    if (track === undefined) return [];
    changes = (seq.events[trackId] ?? []).map((event) => toChange(seq, track, event));
    seq.changes.set(trackId, changes);
  }
  return changes;
}

function spansOf(seq: Sequence, trackId: number): AnchorSpan[] {
  const track = seq.lineage.tracks[trackId];
  if (track === undefined) return [];
  return anchorSpans(track, seq.items).map((span) => ({ from: infoAt(seq, span.from).label, to: infoAt(seq, span.to).label, anchor: span.anchor }));
}

/** Distinct texts of a track in versions `from … end - 1`. */
function textsOf(seq: Sequence, trackId: number, from = 0): string[] {
  const track = seq.lineage.tracks[trackId];
  if (track === undefined) return [];
  const texts = new Set<string>();
  for (let v = Math.max(from, track.start); v < track.end; v++) {
    const clause = clauseAt(seq, v, indexAt(track, v));
    if (clause !== null) texts.add(clause.text);
  }
  return [...texts];
}

/** Sections about the document itself (its abstract, its status and date): a change there is no change of the API. */
export const DOCUMENT_MATTER_SECTIONS: ReadonlySet<string> = new Set(['abstract', 'status-of-this-document', 'crec']);

function summarize(seq: Sequence, publicationsByBase: Map<number, string[]>): VersionSummary[] {
  const counts = seq.infos.map(() => ({ added: 0, changed: 0, removed: 0, documentMatter: 0 }));
  for (const events of seq.events) {
    for (const event of events) {
      const count = counts[event.version];
      if (count === undefined) continue;
      count[event.kind]++;
      const clause = clauseAt(seq, event.version, event.afterIndex) ?? clauseAt(seq, event.version - 1, event.beforeIndex);
      if (clause !== null && DOCUMENT_MATTER_SECTIONS.has(clause.section)) count.documentMatter++;
    }
  }
  return seq.infos.map((info, v) => {
    const count = counts[v] ?? { added: 0, changed: 0, removed: 0, documentMatter: 0 };
    const total = count.added + count.changed + count.removed;
    return { ...info, ...count, documentMatterOnly: total > 0 && count.documentMatter === total, publications: publicationsByBase.get(v) ?? [] };
  });
}

// ---------------------------------------------------------------------------
// Publications

interface PlacedPublication {
  info: PublicationInfo;
  baseIndex: number;
  clauses: readonly Clause[];
  /** Publication clause index → sequence track id (null: publication-only). */
  trackOfClause: Array<number | null>;
  /** Sequence track id → publication clause index. */
  clauseOfTrack: Map<number, number>;
  match: MatchResult;
}

function placePublication(seq: Sequence, publication: PublicationVersion, options: MatchOptions | undefined): PlacedPublication {
  const dates = seq.infos.map((i) => i.date);
  const base = publicationBase(publication.clauses, publication.info.date, seq.items, dates);
  const baseClauses = seq.items[base.index] ?? [];
  const match = matchClauses(baseClauses, publication.clauses, options);
  const trackOfClause: Array<number | null> = publication.clauses.map(() => null);
  const clauseOfTrack = new Map<number, number>();
  for (const pair of match.pairs) {
    const track = seq.lineage.trackAt[base.index]?.[pair.before];
    if (track === undefined) continue;
    trackOfClause[pair.after] = track;
    clauseOfTrack.set(track, pair.after);
  }
  const baseInfo = infoAt(seq, base.index);
  return {
    info: { ...publication.info, base: baseInfo.key, baseLabel: baseInfo.label, identical: base.identical, clauseCount: publication.clauses.length },
    baseIndex: base.index,
    clauses: publication.clauses,
    trackOfClause,
    clauseOfTrack,
    match,
  };
}

/** The version label that introduced `text` in a track: the latest at or before `near`, else the earliest after. */
function introducedText(seq: Sequence, trackId: number, text: string, near: number): string | null {
  const track = seq.lineage.tracks[trackId];
  if (track === undefined) return null;
  let found: number | null = null;
  for (let v = track.start; v < track.end; v++) {
    const clause = clauseAt(seq, v, indexAt(track, v));
    if (clause?.text !== text) continue;
    if (v <= near || found === null) found = v;
    if (v > near) break;
  }
  if (found === null) return null;
  // Walk back to the version where this text began.
  let start = found;
  while (start > track.start && clauseAt(seq, start - 1, indexAt(track, start - 1))?.text === text) start--;
  return infoAt(seq, start).label;
}

function markOf(seq: Sequence, publication: PlacedPublication, trackId: number | null, publicationClause: number | null): PublicationMark {
  const info = publication.info;
  const clause = publicationClause === null ? null : (publication.clauses[publicationClause] ?? null);
  const track = trackId === null ? undefined : seq.lineage.tracks[trackId];
  const baseClause = track === undefined ? null : clauseAt(seq, publication.baseIndex, indexAt(track, publication.baseIndex));
  const mark: PublicationMark = {
    publication: info.key,
    label: info.label,
    date: info.date,
    url: info.url,
    after: info.baseLabel,
    present: clause !== null,
    anchor: clause?.anchor ?? null,
    text: clause?.text ?? null,
    sameAs: clause !== null && trackId !== null ? introducedText(seq, trackId, clause.text, publication.baseIndex) : null,
    matchesBase: clause !== null && baseClause !== null && clause.text === baseClause.text,
  };
  if (clause !== null && baseClause !== null && clause.text !== baseClause.text) mark.diffFromBase = wordDiff(baseClause.text, clause.text);
  return mark;
}

/** Lineage of the publication-only clauses across the publications, as a sequence of its own. */
function publicationOnlySequence(placed: readonly PlacedPublication[], options: MatchOptions | undefined): Sequence {
  return buildSequence(
    placed.map((p) => ({
      info: {
        key: p.info.key,
        label: p.info.label,
        date: p.info.date,
        log: p.info.title,
        url: p.info.url,
        revision: null,
        commit: null,
        cvsweb: null,
        whatwgSvnRevision: null,
      },
      clauses: p.clauses.filter((_, i) => p.trackOfClause[i] === null),
    })),
    options,
  );
}

/** Index of a publication's clause among its publication-only clauses. */
function publicationOnlyIndex(p: PlacedPublication, clauseIndex: number): number {
  let n = 0;
  for (let i = 0; i < clauseIndex; i++) if (p.trackOfClause[i] === null) n++;
  return n;
}

// ---------------------------------------------------------------------------
// The whole track

export interface BuiltApiHistory {
  data: Omit<ApiHistory, 'timing'>;
  /** The whole-document clause changes of a W3C revision (by manifest key), CR anchors where the clause lives on. */
  w3cVersionChanges: (versionKey: string) => DocumentChange[];
  /** The same for a WHATWG version, with today's anchors. */
  whatwgVersionChanges: (versionKey: string) => DocumentChange[];
}

export function buildApiHistory(input: ApiHistoryInput): BuiltApiHistory {
  const options = input.matchOptions;

  // W3C editor's drafts and /TR publications.
  const w3c = buildSequence(input.w3cRevisions, options);
  const placed = input.w3cPublications.map((p) => placePublication(w3c, p, options));
  const cr = placed.find((p) => p.info.key === input.crKey);
  if (cr === undefined) throw new Error(`no publication ${input.crKey}`);
  const pubOnly = publicationOnlySequence(placed, options);
  const crPubOnlyVersion = placed.indexOf(cr);
  const w3cVersionIndex = new Map(w3c.infos.map((info, v) => [info.key, v]));

  const crTrackByAnchor = new Map<string, number>();
  cr.clauses.forEach((clause, i) => {
    const track = cr.trackOfClause[i];
    if (track !== null && track !== undefined) crTrackByAnchor.set(clause.anchor, track);
  });

  const w3cClauses: W3cClauseHistory[] = cr.clauses.map((clause, i) => {
    const trackId = cr.trackOfClause[i] ?? null;
    const base = {
      anchor: clause.anchor,
      id: clause.id,
      citation: clause.citation,
      kind: clause.kind,
      section: clause.section,
      text: clause.text,
      whatwg: null,
      noWhatwg: null,
    };
    if (trackId !== null) {
      const pair = cr.match.pairs.find((p) => p.after === i);
      const baseClause = pair === undefined ? null : clauseAt(w3c, cr.baseIndex, pair.before);
      const changes = changesOf(w3c, trackId).map((change) =>
        (w3cVersionIndex.get(change.key) ?? 0) > cr.baseIndex ? { ...change, afterCr: true } : change,
      );
      return {
        ...base,
        lineage: 'editors-draft' as const,
        crMatch: pair === undefined || baseClause === null ? null : { how: pair.how, similarity: round(pair.similarity), anchor: baseClause.anchor },
        changes,
        anchors: spansOf(w3c, trackId),
        publications: placed.map((p) => markOf(w3c, p, trackId, p.clauseOfTrack.get(trackId) ?? null)),
      };
    }
    // Publication-only: traced across the publications.
    const pubTrack = pubOnly.lineage.trackAt[crPubOnlyVersion]?.[publicationOnlyIndex(cr, i)] ?? null;
    return {
      ...base,
      lineage: 'publication-only' as const,
      crMatch: null,
      changes: pubTrack === null ? [] : changesOf(pubOnly, pubTrack),
      anchors: pubTrack === null ? [] : spansOf(pubOnly, pubTrack),
      publications: placed.map((p, v) => {
        const track = pubTrack === null ? undefined : pubOnly.lineage.tracks[pubTrack];
        const index = track === undefined ? null : indexAt(track, v);
        const onlyClause = index === null ? null : (pubOnly.items[v]?.[index] ?? null);
        const clauseIndex = onlyClause === null ? null : p.clauses.indexOf(onlyClause);
        const mark = markOf(w3c, p, null, clauseIndex);
        return { ...mark, sameAs: onlyClause === null || pubTrack === null ? null : introducedText(pubOnly, pubTrack, onlyClause.text, v) };
      }),
    };
  });

  // WHATWG versions, Review Drafts, today's text.
  const whatwg = buildSequence(input.whatwgVersions, options);
  const lastVersion = whatwg.items.length - 1;
  const latestMatch = matchClauses(whatwg.items[lastVersion] ?? [], input.whatwgLatest, options);
  const latestTrack: Array<number | null> = input.whatwgLatest.map(() => null);
  for (const pair of latestMatch.pairs) latestTrack[pair.after] = whatwg.lineage.trackAt[lastVersion]?.[pair.before] ?? null;
  const drafts = input.whatwgReviewDrafts.map((p) => placePublication(whatwg, p, options));

  const whatwgClauses: WhatwgClauseHistory[] = input.whatwgLatest.map((clause, i) => {
    const trackId = latestTrack[i] ?? null;
    return {
      anchor: clause.anchor,
      id: clause.id,
      citation: clause.citation,
      kind: clause.kind,
      section: clause.section,
      text: clause.text,
      changes: trackId === null ? [] : changesOf(whatwg, trackId),
      anchors: trackId === null ? [] : spansOf(whatwg, trackId),
      reviewDrafts: drafts.map((p) => markOf(whatwg, p, trackId, trackId === null ? null : (p.clauseOfTrack.get(trackId) ?? null))),
      w3c: null,
    };
  });

  // Counterparts.
  const w3cCandidates: CounterpartCandidate[] = w3cClauses.map((c) => {
    const track = crTrackByAnchor.get(c.anchor);
    const texts = new Set([c.text, ...(track === undefined ? [] : textsOf(w3c, track, cr.baseIndex))]);
    return { anchor: c.anchor, texts: [...texts] };
  });
  const whatwgCandidates: CounterpartCandidate[] = whatwgClauses.map((c, i) => {
    const track = latestTrack[i] ?? null;
    const texts = new Set([c.text, ...(track === null ? [] : textsOf(whatwg, track))]);
    return { anchor: c.anchor, texts: [...texts] };
  });
  const whatwgRef = (j: number, sim: number, match: CounterpartMatch): CounterpartRef => {
    const c = whatwgClauses[j];
    if (c === undefined) throw new Error(`no WHATWG clause ${j}`);
    return { anchor: c.anchor, id: c.id, citation: c.citation, text: c.text, similarity: round(sim), match, url: input.whatwgUrl(c.anchor) };
  };
  const link = (pair: CounterpartPair): void => {
    const w = w3cClauses[pair.left];
    const h = whatwgClauses[pair.right];
    if (w === undefined || h === undefined) return;
    w.whatwg = whatwgRef(pair.right, pair.similarity, pair.match);
    h.w3c = { anchor: w.anchor, id: w.id, citation: w.citation, text: w.text, similarity: round(pair.similarity), match: pair.match, url: input.w3cUrl(w.anchor) };
  };

  // Pass 1: close pairs.
  const close = pairCounterparts(w3cCandidates, whatwgCandidates, { match: 'close' });
  close.forEach(link);

  // Reasons for the W3C clauses left without one; pass 2 (loose) for those that are neither front matter nor removed.
  const sectionParent = new Map(input.crSections.map((s) => [s.anchor, s.parent]));
  const sectionTitle = new Map(input.crSections.map((s) => [s.anchor, s.title]));
  const topSection = (anchor: string): string => {
    let current = anchor;
    for (let parent = sectionParent.get(current); parent !== null && parent !== undefined; parent = sectionParent.get(current)) current = parent;
    return current;
  };
  const liveTracks = new Set(latestTrack.filter((t): t is number => t !== null));
  const deadWhatwgTracks = whatwg.lineage.tracks.filter((t) => !liveTracks.has(t.id));
  const nearest = nearestCounterparts(w3cCandidates, whatwgCandidates);
  const nearestRef = (i: number): CounterpartRef | null => {
    const n = nearest[i];
    return n === undefined || n === null ? null : whatwgRef(n.right, n.similarity, 'close');
  };
  const skipLeft = new Set(close.map((p) => p.left));
  w3cClauses.forEach((c, i) => {
    if (c.whatwg !== null) return;
    const top = topSection(c.section);
    if (W3C_FRONT_MATTER_SECTIONS.has(top)) {
      skipLeft.add(i);
      c.noWhatwg = {
        reason: 'w3c-front-matter',
        explanation: `Part of the W3C document's own matter ("${sectionTitle.get(top) ?? top}"); the WHATWG standard's conformance section and references are generated by Bikeshed, not written in its source, and its status is that of a Living Standard.`,
        nearest: nearestRef(i),
      };
      return;
    }
    const removed = removedFromWhatwg(whatwg, deadWhatwgTracks, w3cCandidates[i]?.texts ?? [c.text]);
    if (removed !== null) {
      skipLeft.add(i);
      c.noWhatwg = {
        reason: 'removed-in-whatwg',
        explanation: `Its text was in the WHATWG standard until ${removed.version} (${removed.date}: "${removed.log}").`,
        nearest: nearestRef(i),
        whatwgRemoved: removed,
      };
    }
  });
  const loose = pairCounterparts(w3cCandidates, whatwgCandidates, {
    match: 'loose',
    skipLeft,
    skipRight: new Set(close.map((p) => p.right)),
  });
  loose.forEach(link);
  w3cClauses.forEach((c, i) => {
    if (c.whatwg !== null || c.noWhatwg !== null) return;
    const n = nearestRef(i);
    c.noWhatwg = {
      reason: 'no-similar-text',
      explanation:
        n === null
          ? 'No clause of the WHATWG standard (2021–2025) shares enough wording with it.'
          : `No clause of the WHATWG standard (2021–2025) shares enough wording with it; the nearest, ${n.anchor}, scores ${n.similarity}.`,
      nearest: n,
    };
  });

  // Summaries and whole-document changes.
  const byBase = (pubs: readonly PlacedPublication[]): Map<number, string[]> => {
    const map = new Map<number, string[]>();
    for (const p of pubs) map.set(p.baseIndex, [...(map.get(p.baseIndex) ?? []), p.info.key]);
    return map;
  };

  const crAnchorOfTrack = new Map([...crTrackByAnchor].map(([anchor, track]) => [track, anchor]));
  const latestAnchorOfTrack = new Map<number, string>();
  latestTrack.forEach((track, i) => {
    const clause = input.whatwgLatest[i];
    if (track !== null && clause !== undefined) latestAnchorOfTrack.set(track, clause.anchor);
  });

  return {
    data: {
      w3c: {
        revisions: summarize(w3c, byBase(placed)),
        publications: placed.map((p) => p.info),
        crBase: cr.info.baseLabel,
        clauses: w3cClauses,
      },
      whatwg: {
        versions: summarize(whatwg, byBase(drafts)),
        reviewDrafts: drafts.map((p) => p.info),
        clauses: whatwgClauses,
      },
    },
    w3cVersionChanges: (key) => versionChanges(w3c, key, (track) => crAnchorOfTrack.get(track) ?? null),
    whatwgVersionChanges: (key) => versionChanges(whatwg, key, (track) => latestAnchorOfTrack.get(track) ?? null),
  };
}

/** The WHATWG change that removed the best match of these texts among clauses gone from today's standard. */
function removedFromWhatwg(
  seq: Sequence,
  deadTracks: readonly LineageTrack[],
  texts: readonly string[],
  threshold = COUNTERPART_THRESHOLD,
): NonNullable<NoCounterpart['whatwgRemoved']> | null {
  let best: { track: LineageTrack; sim: number } | null = null;
  for (const track of deadTracks) {
    for (const candidate of textsOf(seq, track.id)) {
      for (const text of texts) {
        const sim = similarity(text, candidate);
        if (sim >= threshold && sim > (best?.sim ?? 0)) best = { track, sim };
      }
    }
  }
  if (best === null || best.track.end >= seq.items.length) return null;
  const last = clauseAt(seq, best.track.end - 1, indexAt(best.track, best.track.end - 1));
  const info = infoAt(seq, best.track.end);
  return { version: info.label, date: info.date, log: info.log, url: info.url, anchor: last?.anchor ?? '', text: last?.text ?? '' };
}

/** Every clause change of one version of a sequence, with the reader-text anchor of each clause that lives on. */
function versionChanges(seq: Sequence, versionKey: string, currentAnchor: (track: number) => string | null): DocumentChange[] {
  const version = seq.infos.findIndex((info) => info.key === versionKey);
  if (version === -1) return [];
  const changes: DocumentChange[] = [];
  seq.events.forEach((events, trackId) => {
    events.forEach((event, e) => {
      if (event.version !== version) return;
      const change = changesOf(seq, trackId)[e];
      if (change !== undefined) changes.push({ ...change, current: currentAnchor(trackId) });
    });
  });
  // Document order: by the anchor's position after the change (removed ones by their position before).
  const position = (c: DocumentChange): number => {
    const after = c.anchorAfter === null ? -1 : (seq.items[version] ?? []).findIndex((x) => x.anchor === c.anchorAfter);
    if (after !== -1) return after;
    return (seq.items[version - 1] ?? []).findIndex((x) => x.anchor === c.anchorBefore) + 0.5;
  };
  return changes.sort((a, b) => position(a) - position(b));
}
