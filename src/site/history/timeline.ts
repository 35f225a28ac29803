/**
 * The timeline page: the three tracks merged by date (the curated protocol
 * events, the computed W3C revisions and /TR publications, WHATWG commits
 * and Review Drafts, Go in 2011 and the recorded evidence today), with the
 * seed's story marked, grouped by year for the page's summary.
 */
import {
  computeApiHistory,
  w3cRevisionChanges,
  whatwgVersionChanges,
  type VersionSummary,
} from '../../history/api-track/index.ts';
import { CHROMIUM_HANDSHAKE_SOURCE, IMPLEMENTATIONS_TRACK, type EvidenceRun } from '../../history/implementations-track.ts';
import { PROTOCOL_TRACK } from '../../history/protocol-track.ts';
import type { HistoryEvent } from '../../history/track-model.ts';
import { eventView } from './clause-history.ts';
import { evidence, EVIDENCE_ABSENT, evidenceEvents, peerLabel } from './evidence.ts';
import { clauseLink, clauseQuote, type Link } from './links.ts';
import { SEED_STORY, seedStepOf, type SeedStep } from './seed-story.ts';
import { groupByYear, timelineRows, type Dated, type TimelineRow, type TimelineTrack, type YearGroup } from './shape.ts';

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
    /**
     * Whose words the protocol events quote: their own document's (`own`:
     * the draft, the RFC, the message), the RFC 6455 text the change became
     * because the draft's words were not verified (`rfc`), or a removed
     * text as it stood in the draft before (`removed`).
     */
    protocolQuotes: { own: number; rfc: number; removed: number };
  };
  /** The rows by year, `today` last (the page's sections and summary). */
  years: YearGroup<TimelineItem>[];
  latestWhatwg: VersionSummary;
}

/** Timeline kinds that fold when they are no step of the story: one editor's-draft revision or commit among many. */
const ROUTINE_KINDS: ReadonlySet<TimelineKind> = new Set(['w3c-revision', 'whatwg-version']);

/** An item the page may fold with its neighbours: an API version that is no step of the seed's story. */
export function isRoutine(item: TimelineItem): boolean {
  return ROUTINE_KINDS.has(item.kind) && item.seedStep === null;
}


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
  const rows = timelineRows(items);
  timelineMemo = {
    rows,
    years: groupByYear(rows),
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
      protocolQuotes: {
        own: PROTOCOL_TRACK.filter((e) => e.quotationSource === undefined && e.quotationOrigin === undefined).length,
        rfc: PROTOCOL_TRACK.filter((e) => e.quotationSource === 'rfc6455').length,
        removed: PROTOCOL_TRACK.filter((e) => e.quotationOrigin !== undefined).length,
      },
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
