/**
 * The implementations track of the History timeline: what real peers did
 * with the protocol's "answer with an HTTP error" and the API's "tell the
 * script nothing".
 *
 * - Go's websocket package, 3 November 2011 (the second seed): a bad
 *   handshake gets 400 Bad Request, flushed before the connection closes.
 * - Chromium today: computed from the recorded evidence run (the browser
 *   tests record what a page saw when a server refused the handshake), never
 *   written by hand. `implementationEventsFromEvidence` turns a run into
 *   timeline events; the run's JSON shape is `EvidenceRun`
 *   (src/evidence/evidence-run.ts).
 */
import type { EvidencePeer, EvidenceRun, ObservedEvent } from '../evidence/evidence-run.ts';
import { isIsoDate, rfc6455Url, sortEvents, type HistoryEvent, type QuotationSource } from './track-model.ts';

// ── Go, 3 November 2011 ────────────────────────────────────────────────────

export const GO_COMMIT = 'de3d64725288c4baa083b804d51f4d7ef35ea130';

/** The first paragraph of the commit message, exactly as published (typo included). */
export const GO_COMMIT_MESSAGE_QUOTATION =
  'websocket spec had changed server-side requiements to return an HTTP response with an appropriate error code (such as 400 Bad Request) when it finds client did not send a handshake that matches websocket protocol, rather than just closing connection.';

export const GO_WEBSOCKET_BAD_REQUEST_EVENT: HistoryEvent = {
  id: 'go-websocket-2011-11-03-bad-handshake-400',
  date: '2011-11-03',
  track: 'implementation',
  document: `golang/go@${GO_COMMIT}`,
  documentLabel: 'Go websocket (de3d647)',
  section: null,
  title: "Go's websocket server answers a bad handshake with 400 Bad Request and flushes it before closing",
  quotation: GO_COMMIT_MESSAGE_QUOTATION,
  change: 'implementation',
  url: `https://github.com/golang/go/commit/${GO_COMMIT}`,
  rfcClauses: ['rfc6455#section-4.2.1-2'],
  explanation:
    'Until this change Go followed the older wording, which its test still quoted ("the server should abort the WebSocket connection"): it closed the socket, and a plain HTTP client saw an unexpected EOF. After it, a request that fails the handshake gets "HTTP/1.1 400 Bad Request", and each error path calls Flush() so that the response is really sent before the connection closes. The test now expects status 400; the change fixes Go issue 2396.',
  verifiedFrom: [
    'wsspec seeds/003_66b7161d5290c7c3.txt (commit de3d647: message, diff of src/pkg/websocket/server.go and websocket_test.go)',
    'golang/go:src/pkg/websocket/server.go@1231382b9e18f8b7e0b7cc35248e22236fa2116d (an earlier version: handshake errors just return and close)',
  ],
  links: [
    { label: 'Go issue 2396', url: 'https://github.com/golang/go/issues/2396' },
    { label: 'Code review CL 5318072', url: 'https://golang.org/cl/5318072' },
  ],
};

// ── Chromium: where the status code goes ───────────────────────────────────

/**
 * Chromium's handshake validation, as stored at the commit below: a status
 * other than 101, 401 and 407 fails the handshake with this message (the
 * `%d` is the status). It reaches the console and NetLog, not the script.
 */
export const CHROMIUM_HANDSHAKE_SOURCE = {
  repository: 'chromium/chromium',
  path: 'net/websockets/websocket_basic_handshake_stream.cc',
  commit: '01779449453d800925eb1a6eb3a2b825b5c4a0bd',
  url: 'https://github.com/chromium/chromium/blob/01779449453d800925eb1a6eb3a2b825b5c4a0bd/net/websockets/websocket_basic_handshake_stream.cc',
  /** The format string of the failure message. */
  messageFormat: 'Error during WebSocket handshake: Unexpected response code: %d',
  /** The comment above the default case of the status switch. */
  comment:
    'Other status codes are potentially risky (see the warnings in the WHATWG WebSocket API spec) and so are dropped by default.',
} as const;

// ── The evidence run: the JSON the browser tests record ────────────────────

// Its shape belongs to the evidence floor (src/evidence/evidence-run.ts), which records it.
export type { ConsoleMessage, EvidencePeer, EvidenceRun, EvidenceScenario, ObservedEvent, ServerBehaviour } from '../evidence/evidence-run.ts';

/** RFC 6455 clauses a refused handshake involves, when the run names none. */
const DEFAULT_REFUSAL_CLAUSES = ['rfc6455#section-4.2.2-2.4.2.1', 'rfc6455#section-4.1-8.1'];

function isChromium(peer: EvidencePeer): boolean {
  return /^chrom(e|ium)$/i.test(peer.name);
}

/** The peer's source link, used as the event's URL. */
function peerUrl(peer: EvidencePeer): string {
  if (isChromium(peer)) return CHROMIUM_HANDSHAKE_SOURCE.url;
  if (peer.url !== undefined) return peer.url;
  throw new Error(`evidence peer "${peer.name}" has no source link: set peer.url in the run`);
}

function peerLabel(peer: EvidencePeer): string {
  const name = /^chromium$/i.test(peer.name) ? 'Chromium' : peer.name;
  return `${name} ${peer.version}`;
}

function describeEvent(event: ObservedEvent): string {
  const fields = Object.entries(event.fields)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(', ');
  return fields === '' ? `${event.type} (no data)` : `${event.type} (${fields})`;
}

/** True if any field the script could read carries the status code. */
function statusVisibleToScript(events: readonly ObservedEvent[], status: number): boolean {
  return events.some((event) =>
    Object.values(event.fields).some(
      (value) => value === status || (typeof value === 'string' && new RegExp(`\\b${status}\\b`).test(value)),
    ),
  );
}

/**
 * The timeline events of one evidence run: one event per scenario in which
 * the server refused the opening handshake with an HTTP status (not 101).
 * The quotation is the browser's own console message (exact, as recorded);
 * if the run recorded none, the message format from Chromium's source, or
 * for another peer the events the script received, as recorded.
 */
export function implementationEventsFromEvidence(run: EvidenceRun): HistoryEvent[] {
  const date = run.recordedAt.slice(0, 10);
  if (!isIsoDate(date)) throw new Error(`evidence run: recordedAt "${run.recordedAt}" is not an ISO 8601 date-time`);
  const url = peerUrl(run.peer);
  const label = peerLabel(run.peer);
  const events: HistoryEvent[] = [];
  for (const scenario of run.scenarios) {
    const status = scenario.server.status;
    if (status === null || status === 101) continue;
    const close = scenario.events.find((event) => event.type === 'close');
    const closeCode = close?.fields['code'];
    const consoleMessage =
      scenario.console.find((message) => message.text.includes(`${status}`)) ??
      scenario.console.find((message) => message.level === 'error');
    const visible = statusVisibleToScript(scenario.events, status);
    const seen = scenario.events.length === 0 ? 'no event at all' : scenario.events.map(describeEvent).join(', then ');
    const explanation = [
      `The server refused the opening handshake with HTTP ${status} (${scenario.server.description}), as RFC 6455 §4.2.2 asks of a server that does not accept a connection.`,
      `The page's script received: ${seen}.`,
      visible
        ? `The status code ${status} was readable by the script.`
        : consoleMessage !== undefined
          ? `The status code ${status} appeared only in the browser console, out of the script's reach, as the WebSocket API requires.`
          : `The status code ${status} was not readable by the script, as the WebSocket API requires.`,
    ].join(' ');
    const closeText = typeof closeCode === 'number' ? `close code ${closeCode}` : 'no close code';
    const [quotation, quotationSource]: [string, QuotationSource] =
      consoleMessage !== undefined
        ? [consoleMessage.text, 'evidence']
        : isChromium(run.peer)
          ? [CHROMIUM_HANDSHAKE_SOURCE.messageFormat, 'source-code']
          : [seen, 'evidence'];
    events.push({
      id: `${run.peer.name.toLowerCase()}-today-${scenario.id}`,
      date,
      track: 'implementation',
      document: `${run.peer.name.toLowerCase()}-${run.peer.version}`,
      documentLabel: label,
      section: null,
      title: `${label}: a ${status} handshake answer reaches the script as ${scenario.events.map((event) => event.type).join(' + ') || 'nothing'}, ${closeText}${visible ? '' : ', no status'}`,
      quotation,
      quotationSource,
      change: 'implementation',
      url,
      rfcClauses: scenario.server.rfcClauses ?? DEFAULT_REFUSAL_CLAUSES,
      apiClauses: [],
      explanation,
      verifiedFrom: [`evidence run recorded ${run.recordedAt} (${label}), scenario ${scenario.id}`],
      links: [{ label: 'RFC 6455 §4.2.2', url: rfc6455Url('4.2.2') }],
    });
  }
  return sortEvents(events);
}

/** The static events of the implementations track, in date order. */
export const IMPLEMENTATIONS_TRACK: readonly HistoryEvent[] = [GO_WEBSOCKET_BAD_REQUEST_EVENT];
