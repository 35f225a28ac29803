/**
 * The History panel of a clause. RFC 6455 clauses: the protocol,
 * discussion and implementation events naming the clause or its section,
 * and the recorded runs' refusals. W3C and WHATWG clauses: their computed
 * text changes, the /TR publications or Review Drafts between them, the
 * counterpart in the other API spec, and the protocol events about the
 * same rule.
 */
import {
  computeApiHistory,
  w3cClauseHistory,
  whatwgClauseHistory,
  type ClauseChange,
  type NoCounterpart,
  type PublicationMark,
  type VersionSummary,
  type W3cClauseHistory,
  type WhatwgClauseHistory,
} from '../../history/api-track/index.ts';
import type { EvidenceRun } from '../../history/implementations-track.ts';
import { IMPLEMENTATIONS_TRACK } from '../../history/implementations-track.ts';
import { PROTOCOL_TRACK } from '../../history/protocol-track.ts';
import { sortEvents, type HistoryEvent } from '../../history/track-model.ts';
import { readerIndex } from '../corpora.ts';
import { evidenceEvents, peerLabel } from './evidence.ts';
import { clauseLink, RELATED_API_CLAUSES, splitId, timelineHref, type Link } from './links.ts';
import { interleave, isDateOnlyDiff, type Interleaved } from './shape.ts';

export interface EventView {
  event: HistoryEvent;
  timeline: string;
  clauses: Link[];
}

export interface RfcHistoryView {
  source: 'rfc6455';
  clauseId: string;
  /** Protocol and discussion events naming the clause or its section, in date order. */
  events: EventView[];
  /** Implementation events naming it (Go). */
  implementations: EventView[];
  /** Per recorded run (Chromium, undici): its refused-handshake events that name the clause, and the run cut to their scenarios. */
  evidence: { label: string; recordedAt: string; url: string; events: HistoryEvent[]; run: EvidenceRun }[];
  count: number;
}

export interface PublicationView extends PublicationMark {
  kind: 'tr' | 'review-draft';
}

/** Consecutive changes that only changed document matter or a date (the Editor's Draft date line). */
export interface ChangeRun {
  changes: ClauseChange[];
}

export type HistoryEntry =
  /** `bulk`: the version added most of the document (r1.1, the WHATWG first commit). */
  | { type: 'change'; change: ClauseChange; bulk: boolean }
  | { type: 'run'; run: ChangeRun }
  /** Consecutive publications that say the same about the clause (absent, or the text of one version). */
  | { type: 'publications'; publications: PublicationView[] };

export interface CounterpartView {
  link: Link;
  match: 'close' | 'loose';
  similarity: number;
}

export interface ApiHistoryView {
  source: 'w3c' | 'whatwg';
  clauseId: string;
  history: W3cClauseHistory | WhatwgClauseHistory;
  entries: HistoryEntry[];
  /** Changes made after the CR 2012 (W3C only): they are not in the reader's text. */
  afterCr: number;
  counterpart: CounterpartView | null;
  /** W3C only: why there is no WHATWG counterpart. */
  noCounterpart: (NoCounterpart & { nearestLink: Link | null }) | null;
  /** Protocol events about the same rule. */
  related: EventView[];
  count: number;
}

export type ClauseHistoryView = RfcHistoryView | ApiHistoryView;

export function eventView(event: HistoryEvent): EventView {
  const clauses = [...event.rfcClauses, ...(event.apiClauses ?? []), ...(RELATED_API_CLAUSES[event.id] ?? [])];
  return { event, timeline: timelineHref(event.id), clauses: [...new Set(clauses)].map((id) => clauseLink(id, 'short')) };
}

interface Positions {
  version: Map<string, number>;
  publication: Map<string, number>;
  summary: Map<string, VersionSummary>;
}

let positionsMemo: { w3c: Positions; whatwg: Positions } | null = null;

/** Each version's and publication's place in its sequence (a publication falls after its base). */
function positions(): { w3c: Positions; whatwg: Positions } {
  if (positionsMemo !== null) return positionsMemo;
  const api = computeApiHistory();
  const build = (versions: readonly VersionSummary[], publications: readonly { key: string; label: string; base: string }[]) => {
    const version = new Map<string, number>();
    const summary = new Map<string, VersionSummary>();
    versions.forEach((v, i) => {
      version.set(v.key, i);
      version.set(v.label, i);
      summary.set(v.key, v);
    });
    const publication = new Map<string, number>();
    for (const p of publications) {
      const at = (version.get(p.base) ?? Number.NaN) + 0.5;
      publication.set(p.key, at);
      publication.set(p.label, at);
      version.set(p.key, at);
    }
    return { version, publication, summary };
  };
  positionsMemo = {
    w3c: build(api.w3c.revisions, api.w3c.publications),
    whatwg: build(api.whatwg.versions, api.whatwg.reviewDrafts),
  };
  return positionsMemo;
}

/** Runs of at least this many date-only changes are shown as one entry. */
const RUN_MIN = 3;
/** A version that added at least this many clauses imported the document (r1.1, the WHATWG first commit). */
const BULK_ADDED = 50;

function apiEntries(
  changes: readonly ClauseChange[],
  marks: readonly PublicationMark[],
  kind: PublicationView['kind'],
  at: Positions,
): HistoryEntry[] {
  const first = changes[0] === undefined ? Number.POSITIVE_INFINITY : (at.version.get(changes[0].key) ?? 0);
  // Publications before the clause existed say nothing about it.
  const shown = marks.filter((mark) => mark.present || (at.publication.get(mark.publication) ?? 0) > first);
  const merged: Interleaved<ClauseChange, PublicationMark>[] = interleave(
    changes,
    shown,
    (change) => at.version.get(change.key) ?? 0,
    (mark) => at.publication.get(mark.publication) ?? 0,
  );
  const entries: HistoryEntry[] = [];
  let run: ClauseChange[] = [];
  const bulk = (change: ClauseChange) => change.kind === 'added' && (at.summary.get(change.key)?.added ?? 0) >= BULK_ADDED;
  const flush = () => {
    if (run.length >= RUN_MIN) entries.push({ type: 'run', run: { changes: run } });
    else for (const change of run) entries.push({ type: 'change', change, bulk: false });
    run = [];
  };
  for (const item of merged) {
    if (item.type === 'publication') {
      flush();
      const publication: PublicationView = { ...item.item, kind };
      const last = entries.at(-1);
      if (last?.type === 'publications' && publicationKey(last.publications.at(-1)!) === publicationKey(publication) && publicationKey(publication) !== null) {
        last.publications.push(publication);
      } else {
        entries.push({ type: 'publications', publications: [publication] });
      }
      continue;
    }
    const dateOnly =
      item.item.kind === 'changed' && (at.summary.get(item.item.key)?.documentMatterOnly === true || isDateOnlyDiff(item.item.diff));
    if (dateOnly) {
      run.push(item.item);
      continue;
    }
    flush();
    entries.push({ type: 'change', change: item.item, bulk: bulk(item.item) });
  }
  flush();
  return entries;
}

/** Publications that say the same about a clause share a key: absent, or the same text as one version. */
function publicationKey(mark: PublicationMark): string | null {
  if (!mark.present) return 'absent';
  return mark.sameAs !== null && mark.diffFromBase === undefined ? `same:${mark.sameAs}` : null;
}

function counterpartView(ref: { anchor: string; match: 'close' | 'loose'; similarity: number }, source: 'w3c' | 'whatwg'): CounterpartView {
  return { link: clauseLink(`${source}#${ref.anchor}`), match: ref.match, similarity: ref.similarity };
}

let protocolByClause: Map<string, HistoryEvent[]> | null = null;
let relatedByApiClause: Map<string, HistoryEvent[]> | null = null;

function indexEvents(): void {
  if (protocolByClause !== null) return;
  protocolByClause = new Map();
  relatedByApiClause = new Map();
  const add = (map: Map<string, HistoryEvent[]>, id: string, event: HistoryEvent) => {
    const list = map.get(id) ?? [];
    if (!list.includes(event)) list.push(event);
    map.set(id, list);
  };
  for (const event of [...PROTOCOL_TRACK, ...IMPLEMENTATIONS_TRACK]) {
    for (const id of event.rfcClauses) add(protocolByClause, id, event);
    for (const id of [...(event.apiClauses ?? []), ...(RELATED_API_CLAUSES[event.id] ?? [])]) add(relatedByApiClause, id, event);
  }
}

const viewMemo = new Map<string, ClauseHistoryView | null>();

/** Everything the History panel of a clause shows, or null when it has no history. */
export function clauseHistory(clauseId: string): ClauseHistoryView | null {
  if (viewMemo.has(clauseId)) return viewMemo.get(clauseId)!;
  const view = computeClauseHistory(clauseId);
  viewMemo.set(clauseId, view);
  return view;
}

function computeClauseHistory(clauseId: string): ClauseHistoryView | null {
  const parts = splitId(clauseId);
  if (parts === null) return null;
  indexEvents();
  if (parts.source === 'rfc6455') {
    const clause = readerIndex('rfc6455').clause(parts.anchor);
    if (clause === undefined) return null;
    const named = [...(protocolByClause!.get(clauseId) ?? []), ...(protocolByClause!.get(`rfc6455#${clause.section}`) ?? [])];
    const unique = sortEvents([...new Set(named)]);
    const events = unique.filter((event) => event.track !== 'implementation').map(eventView);
    const implementations = unique.filter((event) => event.track === 'implementation').map(eventView);
    const names = (event: HistoryEvent) => event.rfcClauses.includes(clauseId) || event.rfcClauses.includes(`rfc6455#${clause.section}`);
    const evidence = evidenceEvents()
      .map(({ run, events: recorded }) => {
        const events = recorded.filter(names);
        const ids = new Set(events.map((event) => event.id));
        const prefix = `${run.peer.name.toLowerCase()}-today-`;
        return {
          label: peerLabel(run),
          recordedAt: run.recordedAt,
          url: timelineHref(/^chrom/i.test(run.peer.name) ? 'chromium-today' : `evidence-${run.peer.name.toLowerCase()}`),
          events,
          run: { ...run, scenarios: run.scenarios.filter((scenario) => ids.has(`${prefix}${scenario.id}`)) },
        };
      })
      .filter((group) => group.events.length > 0);
    const count = events.length + implementations.length + evidence.length;
    return count === 0 ? null : { source: 'rfc6455', clauseId, events, implementations, evidence, count };
  }
  const related = sortEvents(relatedByApiClause!.get(clauseId) ?? []).map(eventView);
  if (parts.source === 'w3c') {
    const history = w3cClauseHistory(parts.anchor);
    if (history === null || history.changes.length === 0) return null;
    const entries = apiEntries(history.changes, history.publications, 'tr', positions().w3c);
    return {
      source: 'w3c',
      clauseId,
      history,
      entries,
      afterCr: history.changes.filter((change) => change.afterCr === true).length,
      counterpart: history.whatwg === null ? null : counterpartView(history.whatwg, 'whatwg'),
      noCounterpart:
        history.noWhatwg === null
          ? null
          : {
              ...history.noWhatwg,
              nearestLink: history.noWhatwg.nearest === null ? null : clauseLink(`whatwg#${history.noWhatwg.nearest.anchor}`, 'short'),
            },
      related,
      count: history.changes.length,
    };
  }
  const history = whatwgClauseHistory(parts.anchor);
  if (history === null || history.changes.length === 0) return null;
  return {
    source: 'whatwg',
    clauseId,
    history,
    entries: apiEntries(history.changes, history.reviewDrafts, 'review-draft', positions().whatwg),
    afterCr: 0,
    counterpart: history.w3c === null ? null : counterpartView(history.w3c, 'w3c'),
    noCounterpart: null,
    related,
    count: history.changes.length,
  };
}

/**
 * How many history entries a clause has (0: no History panel): RFC 6455
 * clauses count the protocol, discussion and implementation events naming
 * them or their section, plus one per recorded run (Chromium, undici) with
 * a refusal naming them; API clauses count their text changes (W3C: the
 * editor's-draft revisions, also those after the CR; WHATWG: its commits).
 */
export function historyCount(clauseId: string): number {
  return clauseHistory(clauseId)?.count ?? 0;
}

/** The W3C revision or WHATWG version of a change (date-only flag, counts). */
export function versionSummary(source: 'w3c' | 'whatwg', key: string): VersionSummary | undefined {
  return positions()[source].summary.get(key);
}
