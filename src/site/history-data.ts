/**
 * History data for the pages (build time): the History panel of each clause,
 * the timeline page, the seed's story and the recorded evidence, from the
 * three tracks of src/history:
 *
 * - protocol: the curated hybi drafts, mailing-list messages and RFC 6455
 *   (`PROTOCOL_TRACK`);
 * - API: the computed W3C editor's-draft revisions, /TR publications,
 *   WHATWG versions and Review Drafts (`computeApiHistory()`);
 * - implementations: Go's change of 3 November 2011 and what the recorded
 *   evidence run saw (`implementationEventsFromEvidence`), never written by
 *   hand: without a run the pages say so.
 *
 * Everything here is computed once per build process and memoized.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceId } from '../corpus/model.ts';
import { isSourceId, splitId as splitCorpusId } from '../corpus/model.ts';
import { REPO_ROOT } from '../corpus/sources/paths.ts';
import {
  computeApiHistory,
  w3cClauseHistory,
  w3cRevisionChanges,
  whatwgClauseHistory,
  whatwgVersionChanges,
  type ClauseChange,
  type NoCounterpart,
  type PublicationMark,
  type VersionSummary,
  type W3cClauseHistory,
  type WhatwgClauseHistory,
} from '../history/api-track/index.ts';
import { KNOWN_DIFFERENCES, type KnownDifference } from '../evidence/expectations.ts';
import type { EvidenceFile, Implementation } from '../evidence/observation.ts';
import { scenarioById } from '../evidence/scenarios.ts';
import { parseConsoleLine, toEvidenceRun } from '../evidence/track.ts';
import {
  CHROMIUM_HANDSHAKE_SOURCE,
  IMPLEMENTATIONS_TRACK,
  implementationEventsFromEvidence,
  type EvidenceRun,
} from '../history/implementations-track.ts';
import { PROTOCOL_TRACK } from '../history/protocol-track.ts';
import { sortEvents, type HistoryEvent } from '../history/track-model.ts';
import { readerIndex, siteTarget } from './corpora.ts';
import { describeExpectedLine, describeRecord, isEvidenceFile } from './components/history/evidence-adapter.ts';
import {
  interleave,
  isDateOnlyDiff,
  timelineRows,
  type Dated,
  type Interleaved,
  type TimelineRow,
  type TimelineTrack,
} from './components/history/shape.ts';

export interface Link {
  label: string;
  href: string;
}

/** The site page of the timeline. */
export const TIMELINE_PATH = '/timeline/';

/** Link to an item of the timeline page. */
export function timelineHref(itemId: string): string {
  return `${TIMELINE_PATH}#${itemId}`;
}

// ── Clause IDs and links ───────────────────────────────────────────────────

/** The source and anchor of an ID of a source with a reader, else null. */
function splitId(clauseId: string): { source: SourceId; anchor: string } | null {
  const parts = splitCorpusId(clauseId);
  return parts && isSourceId(parts.source) ? { source: parts.source, anchor: parts.anchor } : null;
}

const SHORT_PREFIX: Record<SourceId, string> = { rfc6455: 'RFC 6455', whatwg: 'WHATWG', w3c: 'W3C CR' } as Record<SourceId, string>;

/**
 * The reader link of a clause or section ID, labelled with its citation:
 * `full` (`W3C WebSocket API (CR 2012) §4 WebSocket() step 8 ¶2`), `short`
 * (`W3C CR §4 WebSocket() step 8 ¶2`), or `bare` (`§4 WebSocket() step 8 ¶2`,
 * where the context names the spec).
 */
export function clauseLink(clauseId: string, form: 'full' | 'short' | 'bare' = 'full'): Link {
  const target = siteTarget(clauseId);
  if (target === null) throw new Error(`no clause or section ${clauseId}`);
  const { citation, source } = target;
  const name = readerIndex(source).corpus.source.shortName;
  const rest = citation.startsWith(name) ? citation.slice(name.length).replace(/^\s*(\([^)]*\))?,?\s*/, '') : citation;
  const label = form === 'full' ? citation : form === 'bare' ? rest : `${SHORT_PREFIX[source]} ${rest}`;
  return { label, href: target.href };
}

/** A clause's text, citation, reader link and canonical URL (for quoting it in a guide). */
export function clauseQuote(clauseId: string): { text: string; citation: string; href: string; url: string } {
  const parts = splitId(clauseId);
  const clause = parts === null ? undefined : readerIndex(parts.source).clause(parts.anchor);
  if (parts === null || clause === undefined) throw new Error(`no clause ${clauseId}`);
  const index = readerIndex(parts.source);
  return {
    text: clause.text,
    citation: clause.citation,
    href: index.href(parts.anchor),
    url: index.corpus.source.sectionUrl.replace('{anchor}', parts.anchor),
  };
}

/**
 * API clauses a protocol event is about, where the text is the same rule:
 * the hybi-05 sentences the API took over (W3C r1.210 and r1.271) and the
 * close code every failure reports. The protocol track names RFC clauses
 * only; these pairs are the site's, checked by test/site/history-data.test.ts
 * against the clause texts.
 */
export const RELATED_API_CLAUSES: Readonly<Record<string, readonly string[]>> = {
  'hybi-05-no-failure-information-to-scripts': ['w3c#feedback-from-the-protocol-12', 'whatwg#feedback-from-the-protocol-11'],
  'hybi-06-drops-failure-information-rule': ['w3c#feedback-from-the-protocol-12', 'whatwg#feedback-from-the-protocol-11'],
  'hybi-05-non-101-fails-connection': ['w3c#dom-websocket-step-8-2', 'whatwg#concept-websocket-establish-step-11.1'],
  'whatwg-list-2011-03-29-punt-redirects-in-the-api': [
    'w3c#dom-websocket-step-8-2',
    'w3c#dom-websocket-step-8-3',
    'whatwg#concept-websocket-establish-step-2',
  ],
  'hybi-08-close-codes-1005-1006': ['w3c#feedback-from-the-protocol-14', 'whatwg#feedback-from-the-protocol-13'],
};

// ── The evidence run ───────────────────────────────────────────────────────

/** Where the recorded scenario runs are read from (written by the browser tests, src/evidence). */
export const EVIDENCE_FILE = '.cache/evidence/scenarios.json';
export const EVIDENCE_ABSENT = 'No evidence run recorded yet: run npm test.';

export type EvidenceView =
  | { status: 'recorded'; file: EvidenceFile; runs: EvidenceRun[]; path: string }
  | { status: 'absent'; message: string; detail: string };

/** Implementations shown on the timeline (ours is the reference, shown on every clause instead). */
const TIMELINE_PEERS: readonly Implementation[] = ['chromium', 'undici'];

let evidenceMemo: EvidenceView | null = null;

/** The recorded scenario runs, or why there are none. */
export function evidence(): EvidenceView {
  if (evidenceMemo !== null) return evidenceMemo;
  const path = join(REPO_ROOT, EVIDENCE_FILE);
  if (!existsSync(path)) {
    evidenceMemo = { status: 'absent', message: EVIDENCE_ABSENT, detail: `${EVIDENCE_FILE} does not exist.` };
    return evidenceMemo;
  }
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  evidenceMemo = isEvidenceFile(json)
    ? { status: 'recorded', file: json, runs: TIMELINE_PEERS.filter((peer) => peer in json.implementations).map((peer) => toEvidenceRun(json, peer)), path: EVIDENCE_FILE }
    : { status: 'absent', message: EVIDENCE_ABSENT, detail: `${EVIDENCE_FILE} is not in the format wsspec-scenarios/1.` };
  return evidenceMemo;
}

/** Timeline events of the recorded runs (refused handshakes only), Chromium first. */
export function evidenceEvents(): { run: EvidenceRun; events: HistoryEvent[] }[] {
  const view = evidence();
  return view.status === 'recorded' ? view.runs.map((run) => ({ run, events: implementationEventsFromEvidence(run) })) : [];
}

/** The peer's name as the pages show it: `Chromium 156.0.8078.79`, `undici 7.29.1 (Node v24.21.0)`. */
export function peerLabel(run: EvidenceRun): string {
  const name = /^chromium$/i.test(run.peer.name) ? 'Chromium' : run.peer.name;
  return `${name} ${run.peer.version}`;
}

/** One scenario's runs, for the guides' tables. */
export interface ScenarioEvidence {
  id: string;
  title: string;
  status: number | null;
  /** What the standard requires the script to see (canonical lines, `server:` lines left out). */
  expected: string[];
  note: string | null;
  runs: {
    implementation: Implementation;
    label: string;
    /** What the script saw, short. */
    saw: string[];
    console: string[];
    matches: boolean;
    difference: KnownDifference | null;
  }[];
}

/** The recorded runs of the given scenarios (those the file has), by implementation. */
export function scenarioEvidence(ids: readonly string[]): ScenarioEvidence[] {
  const view = evidence();
  if (view.status !== 'recorded') return [];
  const { file } = view;
  const result: ScenarioEvidence[] = [];
  for (const id of ids) {
    const digest = file.scenarios.find((scenario) => scenario.id === id);
    if (digest === undefined) continue;
    const runs = (Object.keys(file.implementations) as Implementation[]).flatMap((implementation) => {
      const record = file.runs.find((r) => r.scenario === id && r.implementation === implementation);
      if (record === undefined) return [];
      const verdict = file.verdicts.find((v) => v.scenario === id && v.implementation === implementation);
      const difference = KNOWN_DIFFERENCES.find((d) => d.scenario === id && d.implementation === implementation) ?? null;
      const info = file.implementations[implementation];
      return [
        {
          implementation,
          label: `${info.name} ${info.version}`,
          saw: describeRecord(record),
          console: record.console.map((line) => parseConsoleLine(line, implementation).text),
          matches: verdict?.matches ?? false,
          difference: verdict?.matches === true ? null : difference,
        },
      ];
    });
    const scenario = scenarioById(id);
    result.push({
      id,
      title: digest.title,
      status: digest.server.status,
      expected: digest.expected
        .map((e) => e.line)
        .filter((line) => !/^\??(server:|value )/.test(line))
        .map(describeExpectedLine),
      note: scenario?.note ?? null,
      runs,
    });
  }
  return result;
}

// ── The History panel of a clause ──────────────────────────────────────────

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

function eventView(event: HistoryEvent): EventView {
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

// ── The timeline ───────────────────────────────────────────────────────────

export type TimelineKind =
  | 'draft'
  | 'rfc'
  | 'discussion'
  | 'w3c-revision'
  | 'w3c-publication'
  | 'whatwg-version'
  | 'whatwg-review-draft'
  | 'whatwg-today'
  | 'implementation'
  | 'evidence';

export interface TimelineItem extends Dated {
  /** Element id on the timeline page. */
  id: string;
  kind: TimelineKind;
  /** Short name: `hybi-05 §7.1.1`, `r1.210`, `CR 2012-09-20`, `Go (de3d647)`. */
  label: string;
  title: string;
  /** Exact words, with whose they are. */
  quotation: { text: string; note: string | null } | null;
  /** Canonical link of the document, commit or publication. */
  url: string | null;
  /** Further links (cvsweb, issue, code review). */
  links: Link[];
  /** Clause pages on this site. */
  clauses: Link[];
  /** Clauses left out of `clauses`. */
  moreClauses: number;
  explanation: string | null;
  /** `+2 ~1 −0` clause counts of an API version. */
  counts: { added: number; changed: number; removed: number } | null;
  /** The seed's story step this item belongs to (1-based), or null. */
  seedStep: number | null;
  /** For `evidence`: the run's events (one per refused handshake), or null when no run is recorded. */
  evidence: { run: EvidenceRun; events: HistoryEvent[] } | { absent: string; detail: string } | null;
}

/** Clause links per API version on the timeline. */
const CLAUSES_PER_VERSION = 4;

/** The seed's story, in order: the timeline items of each step and a one-line summary. */
export interface SeedStep {
  step: number;
  items: string[];
  en: string;
  ja: string;
}

export const SEED_STORY: readonly SeedStep[] = [
  {
    step: 1,
    items: ['hybi-05-no-failure-information-to-scripts', 'hybi-05-non-101-fails-connection'],
    en: 'hybi-05: the protocol draft tells user agents not to let scripts tell failures apart (§7.1.1), and fails the connection on any status but 101 (§5.1).',
    ja: 'hybi-05：プロトコル草案自身が、失敗の理由をスクリプトに区別させてはならないと定め（§7.1.1）、101 以外のステータスでは接続を失敗させる（§5.1）。',
  },
  {
    step: 2,
    items: ['hybi-06-drops-failure-information-rule'],
    en: 'hybi-06: the §7.1.1 sentence disappears from the protocol draft; RFC 6455 never gets it back.',
    ja: 'hybi-06：§7.1.1 の一文がプロトコル草案から消え、RFC 6455 にも戻らない。',
  },
  {
    step: 3,
    items: ['hybi-list-2011-03-28-redirects-are-an-api-question', 'whatwg-list-2011-03-29-punt-redirects-in-the-api'],
    en: 'The mailing lists: keep HTTP in the protocol (hybi), disallow redirects in the API for now (WHATWG).',
    ja: 'メーリングリスト：プロトコルには HTTP を残す（hybi）、API では当面リダイレクトを許さない（WHATWG）。',
  },
  {
    step: 4,
    items: ['hybi-07-non-101-handled-per-http'],
    en: 'hybi-07: a non-101 answer is handled per HTTP instead of failing the connection.',
    ja: 'hybi-07：101 以外の応答は、接続失敗ではなく HTTP の手順で処理される。',
  },
  {
    step: 5,
    items: ['w3c-ed-r1.210'],
    en: 'W3C r1.210: the API takes over the old rule: a status other than 101 fails the connection.',
    ja: 'W3C r1.210：旧規定が API 側へ移る。101 以外のステータスなら接続を失敗させる。',
  },
  {
    step: 6,
    items: ['hybi-08-server-refusal-http-error-code', 'hybi-08-close-codes-1005-1006'],
    en: 'hybi-08: a server that refuses must return an HTTP error code such as 403; close code 1006 is reserved for abnormal closures.',
    ja: 'hybi-08：拒否するサーバーは 403 などの HTTP エラーコードを返さなければならない。1006 は異常終了用に予約される。',
  },
  {
    step: 7,
    items: ['rfc6455-1.3-non-101-keeps-http-semantics', 'rfc6455-4.1-client-handles-non-101-per-http', 'rfc6455-4.2.2-server-refusal-http-error-code'],
    en: 'RFC 6455: any status other than 101 keeps HTTP semantics; the server MUST answer a refusal with an HTTP error code.',
    ja: 'RFC 6455：101 以外のステータスでは HTTP の意味論が続き、拒否するサーバーは HTTP エラーコードを返さなければならない。',
  },
  {
    step: 8,
    items: ['w3c-ed-r1.271'],
    en: 'W3C r1.271: the API restores the hybi-05 sentence, "mysteriously removed from the RFC".',
    ja: 'W3C r1.271：hybi-05 の一文が「RFC からいつの間にか消えていた」として API に復活する。',
  },
  {
    step: 9,
    items: ['w3c-tr-2012-09-20'],
    en: 'W3C Candidate Recommendation, 20 September 2012: both rules and the red warning, as the seed read them.',
    ja: 'W3C 勧告候補（2012年9月20日）：ブログ筆者が読んだとおり、両方の規定と赤い警告を含む。',
  },
  {
    step: 10,
    items: ['whatwg-today'],
    en: 'WHATWG today: a status other than 101 fails the connection, and the script must not learn why.',
    ja: '現在の WHATWG：101 以外のステータスは接続失敗となり、スクリプトはその理由を知ってはならない。',
  },
  {
    step: 11,
    items: ['chromium-today'],
    en: 'Chromium today, from the recorded evidence run: what a page\'s script sees when the server refuses.',
    ja: '現在の Chromium（記録された実行結果から）：サーバーが拒否したとき、ページのスクリプトに見えるもの。',
  },
];

export interface TimelineView {
  rows: TimelineRow<TimelineItem>[];
  items: Map<string, TimelineItem>;
  stats: {
    w3cRevisions: number;
    w3cShown: number;
    w3cDateOnly: number;
    w3cNoClauseChange: number;
    whatwgVersions: number;
    publications: number;
    reviewDrafts: number;
    protocolEvents: number;
  };
  latestWhatwg: VersionSummary;
}

const seedStepOf = new Map(SEED_STORY.flatMap((step) => step.items.map((id) => [id, step.step] as const)));

function eventItem(event: HistoryEvent, order: number): TimelineItem {
  const track: TimelineTrack =
    event.track === 'implementation' ? 'implementation' : event.track === 'discussion' && /whatwg/i.test(event.documentLabel) ? 'api' : 'protocol';
  const kind: TimelineKind =
    event.track === 'discussion' ? 'discussion' : event.track === 'implementation' ? 'implementation' : event.document === 'rfc6455' ? 'rfc' : 'draft';
  const view = eventView(event);
  const note =
    event.quotationOrigin !== undefined
      ? `Removed text, as it stood in ${event.quotationOrigin.documentLabel}${event.quotationOrigin.section ? ` §${event.quotationOrigin.section}` : ''}`
      : event.quotationSource === 'rfc6455'
        ? 'Quoted from RFC 6455, the text this change became (the draft\'s own words are not verified here)'
        : event.quotationSource === 'source-code'
          ? 'From the source code'
          : event.quotationSource === 'evidence'
            ? 'As recorded by the evidence run'
            : null;
  return {
    id: event.id,
    date: event.date,
    track,
    order,
    kind,
    label: `${event.documentLabel}${event.section ? ` §${event.section}` : ''}`,
    title: event.title,
    quotation: { text: event.quotation, note },
    url: event.url,
    links: event.links?.map((link) => ({ label: link.label, href: link.url })) ?? [],
    clauses: view.clauses,
    moreClauses: 0,
    explanation: event.explanation,
    counts: null,
    seedStep: seedStepOf.get(event.id) ?? null,
    evidence: null,
  };
}

/** Clause links of a version's changes (current anchors, deduplicated), capped. */
function versionClauses(source: 'w3c' | 'whatwg', anchors: readonly (string | null)[]): { clauses: Link[]; more: number } {
  const frontMatter = (anchor: string) => /^(abstract|status-of-this-document)/.test(anchor);
  const unique = [...new Set(anchors.filter((a): a is string => a !== null))].sort((a, b) => Number(frontMatter(a)) - Number(frontMatter(b)));
  return {
    clauses: unique.slice(0, CLAUSES_PER_VERSION).map((anchor) => clauseLink(`${source}#${anchor}`, 'bare')),
    more: Math.max(0, unique.length - CLAUSES_PER_VERSION),
  };
}

let timelineMemo: TimelineView | null = null;

/** The whole timeline: the three tracks merged by date, the seed's story marked. */
export function timeline(): TimelineView {
  if (timelineMemo !== null) return timelineMemo;
  const api = computeApiHistory();
  const items: TimelineItem[] = [];
  let order = 0;
  for (const event of PROTOCOL_TRACK) items.push(eventItem(event, order++));
  for (const event of IMPLEMENTATIONS_TRACK) items.push(eventItem(event, order++));

  const w3cShown = api.w3c.revisions.filter((r) => !r.documentMatterOnly && r.added + r.changed + r.removed > 0);
  for (const revision of w3cShown) {
    const id = revision.key;
    const seed = seedStepOf.get(id) ?? null;
    const changes = w3cRevisionChanges(revision.key);
    const { clauses, more } = versionClauses('w3c', changes.map((c) => c.current));
    // The seed's revisions quote the text they added, as the seed does.
    const added = seed === null ? null : changes.find((c) => c.kind === 'added' && c.current !== null && !c.current.startsWith('status'));
    items.push({
      id,
      date: revision.date,
      track: 'api',
      order: order++,
      kind: 'w3c-revision',
      label: `W3C ${revision.label}`,
      title: revision.log,
      quotation: added?.after ? { text: added.after, note: `Added in ${revision.label}` } : null,
      url: revision.url,
      links: revision.cvsweb === null ? [] : [{ label: 'cvsweb', href: revision.cvsweb }],
      clauses,
      moreClauses: more,
      explanation: null,
      counts: { added: revision.added, changed: revision.changed, removed: revision.removed },
      seedStep: seed,
      evidence: null,
    });
  }
  for (const publication of api.w3c.publications) {
    items.push({
      id: publication.key,
      date: publication.date,
      track: 'api',
      order: order++,
      kind: 'w3c-publication',
      label: `/TR ${publication.label}`,
      title: `${publication.title}, published from ${publication.baseLabel} (${publication.identical} of its ${publication.clauseCount} clauses have that revision's text)`,
      quotation: null,
      url: publication.url,
      links: [],
      clauses: [],
      moreClauses: 0,
      explanation: null,
      counts: null,
      seedStep: seedStepOf.get(publication.key) ?? null,
      evidence: null,
    });
  }
  for (const version of api.whatwg.versions) {
    const changes = whatwgVersionChanges(version.key);
    const { clauses, more } = versionClauses('whatwg', changes.map((c) => c.current));
    items.push({
      id: version.key,
      date: version.date,
      track: 'api',
      order: order++,
      kind: 'whatwg-version',
      label: `WHATWG ${version.label}`,
      title: version.log,
      quotation: null,
      url: version.commit === null ? version.url : `https://github.com/whatwg/websockets/commit/${version.commit}`,
      links: [{ label: 'index.bs at this commit', href: version.url }],
      clauses,
      moreClauses: more,
      explanation: null,
      counts: { added: version.added, changed: version.changed, removed: version.removed },
      seedStep: null,
      evidence: null,
    });
  }
  for (const draft of api.whatwg.reviewDrafts) {
    items.push({
      id: draft.key,
      date: draft.date,
      track: 'api',
      order: order++,
      kind: 'whatwg-review-draft',
      label: draft.label,
      title: `${draft.title}, published from ${draft.baseLabel}`,
      quotation: null,
      url: draft.url,
      links: [],
      clauses: [],
      moreClauses: 0,
      explanation: null,
      counts: null,
      seedStep: null,
      evidence: null,
    });
  }

  // Today: the WHATWG standard as the reader shows it, and the evidence runs.
  const latest = api.whatwg.versions.at(-1)!;
  const step = clauseQuote('whatwg#concept-websocket-establish-step-11.1');
  items.push({
    id: 'whatwg-today',
    date: 'today',
    track: 'api',
    order: order++,
    kind: 'whatwg-today',
    label: 'WHATWG today',
    title: `The WebSockets Standard as of ${latest.label} (${latest.date}), the text of this site's reader`,
    quotation: { text: step.text, note: step.citation },
    url: 'https://websockets.spec.whatwg.org/',
    links: [],
    clauses: ['whatwg#concept-websocket-establish-step-2', 'whatwg#concept-websocket-establish-step-11.1', 'whatwg#feedback-from-the-protocol-11', 'whatwg#feedback-from-the-protocol-13'].map((id) =>
      clauseLink(id, 'short'),
    ),
    moreClauses: 0,
    explanation:
      'The request is fetched with redirect mode "error", any status other than 101 fails the WebSocket connection, and the script must not be able to tell a refused handshake from an unreachable host: it gets an error event and close code 1006.',
    counts: null,
    seedStep: seedStepOf.get('whatwg-today') ?? null,
    evidence: null,
  });
  const recorded = evidenceEvents();
  const view = evidence();
  if (view.status === 'absent' || !recorded.some(({ run }) => /^chrom/i.test(run.peer.name))) {
    items.push(evidenceItem('chromium-today', 'Chromium today', null, view.status === 'absent' ? view : null, order++));
  }
  for (const entry of recorded) {
    const chromium = /^chrom/i.test(entry.run.peer.name);
    const id = chromium && !items.some((item) => item.id === 'chromium-today') ? 'chromium-today' : `evidence-${entry.run.peer.name.toLowerCase()}`;
    items.push(evidenceItem(id, peerLabel(entry.run), entry, null, order++));
  }

  const byId = new Map(items.map((item) => [item.id, item]));
  for (const step of SEED_STORY) for (const id of step.items) if (!byId.has(id)) throw new Error(`seed story step ${step.step}: no timeline item ${id}`);
  timelineMemo = {
    rows: timelineRows(items),
    items: byId,
    stats: {
      w3cRevisions: api.w3c.revisions.length,
      w3cShown: w3cShown.length,
      w3cDateOnly: api.w3c.revisions.filter((r) => r.documentMatterOnly).length,
      w3cNoClauseChange: api.w3c.revisions.filter((r) => !r.documentMatterOnly && r.added + r.changed + r.removed === 0).length,
      whatwgVersions: api.whatwg.versions.length,
      publications: api.w3c.publications.length,
      reviewDrafts: api.whatwg.reviewDrafts.length,
      protocolEvents: PROTOCOL_TRACK.length,
    },
    latestWhatwg: latest,
  };
  return timelineMemo;
}

function evidenceItem(
  id: string,
  label: string,
  recorded: { run: EvidenceRun; events: HistoryEvent[] } | null,
  absent: { message: string; detail: string } | null,
  order: number,
): TimelineItem {
  return {
    id,
    date: 'today',
    track: 'implementation',
    order,
    kind: 'evidence',
    label,
    title:
      recorded === null
        ? "What a page's script sees when the server refuses the handshake"
        : `Recorded ${recorded.run.recordedAt.slice(0, 10)}: what the page's script saw when the server refused the handshake`,
    quotation: null,
    url: recorded === null ? null : /^chrom/i.test(recorded.run.peer.name) ? CHROMIUM_HANDSHAKE_SOURCE.url : (recorded.run.peer.url ?? null),
    links: [],
    clauses: ['rfc6455#section-4.2.2-2.4.2.1', 'whatwg#concept-websocket-establish-step-11.1', 'whatwg#feedback-from-the-protocol-11'].map((c) => clauseLink(c, 'short')),
    moreClauses: 0,
    explanation: null,
    counts: null,
    seedStep: seedStepOf.get(id) ?? null,
    evidence: recorded ?? { absent: absent?.message ?? EVIDENCE_ABSENT, detail: absent?.detail ?? 'The recorded runs include no Chromium run.' },
  };
}

/** A protocol-track event by id (for quoting a hybi draft in a guide). */
export function protocolEvent(id: string): HistoryEvent {
  const event = [...PROTOCOL_TRACK, ...IMPLEMENTATIONS_TRACK].find((candidate) => candidate.id === id);
  if (event === undefined) throw new Error(`no history event ${id}`);
  return event;
}

/** The seed's story with its timeline items (dates, labels, links). */
export function seedStory(): { step: SeedStep; items: TimelineItem[] }[] {
  const { items } = timeline();
  return SEED_STORY.map((step) => ({ step, items: step.items.map((id) => items.get(id)!) }));
}
