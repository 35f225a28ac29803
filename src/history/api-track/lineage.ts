/**
 * Clause lineage across a sequence of versions (pure, deterministic).
 *
 * Each pair of consecutive versions is matched (matcher.ts); a chain of
 * matches is a *track*: one clause followed from the version where it
 * appears to the version after which it is gone. A track's events are the
 * versions where it was added, where its text changed, and where it was
 * removed. A clause that only moved (same text, new anchor) has no event;
 * its anchors are kept per version.
 */
import { matchClauses, type MatchHow, type MatchItem, type MatchOptions, type MatchResult } from './matcher.ts';

export interface LineageTrack {
  /** Index in `Lineage.tracks`; tracks are numbered by first version, then document order. */
  id: number;
  /** Index of the first version that has the clause. */
  start: number;
  /** One past the last version that has it (`versions.length` while it is still there). */
  end: number;
  /** The clause's index in each version `start … end - 1`. */
  indices: number[];
  /** How each version's clause was matched to the one before (`start` for the first). */
  how: Array<MatchHow | 'start'>;
  /** Similarity to the clause before (1 for the first and for unchanged text). */
  similarities: number[];
}

export interface Lineage {
  /** `trackAt[v][i]`: the track of clause `i` of version `v`. */
  trackAt: number[][];
  tracks: LineageTrack[];
  /** `matches[v]`: version `v` → version `v + 1`. */
  matches: MatchResult[];
}

export type EventKind = 'added' | 'changed' | 'removed';

export interface TrackEvent {
  kind: EventKind;
  /** The version where it happened (for `removed`: the first version without the clause). */
  version: number;
  /** Index of the clause in `version - 1` (null for `added`). */
  beforeIndex: number | null;
  /** Index of the clause in `version` (null for `removed`). */
  afterIndex: number | null;
}

export function buildLineage(versions: ReadonlyArray<readonly MatchItem[]>, options: MatchOptions = {}): Lineage {
  const tracks: LineageTrack[] = [];
  const trackAt: number[][] = [];
  const matches: MatchResult[] = [];
  versions.forEach((clauses, v) => {
    const row = new Array<number>(clauses.length).fill(-1);
    if (v > 0) {
      const previous = versions[v - 1] ?? [];
      const previousRow = trackAt[v - 1] ?? [];
      const result = matchClauses(previous, clauses, options);
      matches.push(result);
      for (const pair of result.pairs) {
        const id = previousRow[pair.before] ?? -1;
        const track = tracks[id];
        if (track === undefined) continue;
        row[pair.after] = id;
        track.end = v + 1;
        track.indices.push(pair.after);
        track.how.push(pair.how);
        track.similarities.push(pair.similarity);
      }
    }
    row.forEach((id, i) => {
      if (id !== -1) return;
      const track: LineageTrack = { id: tracks.length, start: v, end: v + 1, indices: [i], how: ['start'], similarities: [1] };
      tracks.push(track);
      row[i] = track.id;
    });
    trackAt.push(row);
  });
  return { trackAt, tracks, matches };
}

/** The clause index of a track in version `v`, or null when the track is not there. */
export function indexAt(track: LineageTrack, v: number): number | null {
  if (v < track.start || v >= track.end) return null;
  return track.indices[v - track.start] ?? null;
}

/**
 * The events of one track, in version order: `added` at its first version
 * (also when that is version 0), `changed` where the text differs from the
 * version before, `removed` at the first version without it.
 */
export function trackEvents(track: LineageTrack, versions: ReadonlyArray<readonly MatchItem[]>): TrackEvent[] {
  const events: TrackEvent[] = [{ kind: 'added', version: track.start, beforeIndex: null, afterIndex: track.indices[0] ?? 0 }];
  for (let v = track.start + 1; v < track.end; v++) {
    const b = indexAt(track, v - 1);
    const a = indexAt(track, v);
    if (b === null || a === null) continue;
    if (versions[v - 1]?.[b]?.text !== versions[v]?.[a]?.text) events.push({ kind: 'changed', version: v, beforeIndex: b, afterIndex: a });
  }
  if (track.end < versions.length) {
    events.push({ kind: 'removed', version: track.end, beforeIndex: indexAt(track, track.end - 1), afterIndex: null });
  }
  return events;
}

/** Anchor spans of a track: consecutive versions with the same anchor, as [first, last] version indices. */
export function anchorSpans(
  track: LineageTrack,
  versions: ReadonlyArray<readonly MatchItem[]>,
): Array<{ from: number; to: number; anchor: string }> {
  const spans: Array<{ from: number; to: number; anchor: string }> = [];
  for (let v = track.start; v < track.end; v++) {
    const i = indexAt(track, v);
    const anchor = i === null ? '' : (versions[v]?.[i]?.anchor ?? '');
    const last = spans.at(-1);
    if (last !== undefined && last.anchor === anchor) last.to = v;
    else spans.push({ from: v, to: v, anchor });
  }
  return spans;
}
