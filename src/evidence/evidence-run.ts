/**
 * The shape of one recorded run of the scenarios against one peer, as the
 * History timeline reads it (src/history/implementations-track.ts turns the
 * Chromium run into timeline events; src/evidence/track.ts writes runs in
 * this shape). It lives here, with the evidence that produces it, so that
 * no module of the evidence floor imports from the history floor above it.
 */

/** One recorded run of the browser scenarios against one peer. */
export interface EvidenceRun {
  /** When the run was recorded, ISO 8601 date-time (`2025-07-01T12:00:00Z`). */
  recordedAt: string;
  peer: EvidencePeer;
  scenarios: EvidenceScenario[];
}

export interface EvidencePeer {
  /** `chromium`, `firefox`, `undici`, `ws` … */
  name: string;
  /** Full version string as reported (`138.0.7204.92`). */
  version: string;
  userAgent?: string;
  /** Link for the event when the peer has no known source link here. */
  url?: string;
}

export interface EvidenceScenario {
  /** Stable scenario ID, e.g. `handshake-403`. */
  id: string;
  title?: string;
  server: ServerBehaviour;
  /** The events the page's script received, in order. */
  events: ObservedEvent[];
  /** Console messages the browser logged during the scenario, in order. */
  console: ConsoleMessage[];
}

export interface ServerBehaviour {
  /** What the test server did, in words ("answers 403 Forbidden to the upgrade request"). */
  description: string;
  /** Status of the handshake response; 101 when accepted; null when no HTTP response was sent. */
  status: number | null;
  headers?: Record<string, string>;
  body?: string;
  /** RFC 6455 clauses the server's behaviour follows. */
  rfcClauses?: string[];
}

export interface ObservedEvent {
  /** DOM event type: `open`, `error`, `close`, `message`. */
  type: string;
  /** Milliseconds since the WebSocket constructor was called. */
  at?: number;
  /** Every own and inherited data field the script could read (`code`, `reason`, `wasClean` …). */
  fields: Record<string, string | number | boolean | null>;
}

export interface ConsoleMessage {
  level: 'error' | 'warning' | 'info' | 'log' | 'debug';
  text: string;
}
