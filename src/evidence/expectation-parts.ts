/**
 * What the known differences (expectations.ts, expectations-engines.ts) are
 * written with: the canonical lines that recur in the runs they pin, and
 * `differencesOf`, which writes an engine's entries from its differences so
 * that each names its engine, and the engine's source, once.
 */
import type { KnownDifference } from './expectations.ts';
import { expectedLines, scenarioById } from './scenarios.ts';

// ─── Lines the entries are made of ────────────────────────────────────────

export const OPEN = 'event open Event readyState=1';
export const CLOSE_1006 = 'event close CloseEvent readyState=3 code=1006 reason="" wasClean=false';
/** The clean close that follows the script's own close() with no code. */
export const CLOSE_1005 = 'event close CloseEvent readyState=3 code=1005 reason="" wasClean=true';
/** The script's wait for close ran out (the connection stayed open). */
export const TIMEOUT = 'timeout close 1';
/** The server received the script's Close frame, with no body. */
export const CLIENT_CLOSE = 'server: close (empty body)';
export const request = (id: string, protocols?: string): string => `server: request /s/${id}${protocols === undefined ? '' : ` protocols=${protocols}`}`;

/** An engine opened a connection the standard fails: open, the script's wait for close runs out, and it closes. */
export const openedAnyway = (id: string, protocols?: string): string[] => [OPEN, TIMEOUT, request(id, protocols), CLIENT_CLOSE];

/** send-after-close where send() once closing or closed adds nothing to bufferedAmount (undici, Deno). */
export const SEND_AFTER_CLOSE_UNCOUNTED = [OPEN, 'value bufferedAmount 0', CLOSE_1005, 'value bufferedAmount 0', 'value readyState 3', request('send-after-close'), CLIENT_CLOSE];

/** A scenario's expected lines with some replaced (`from` text → `to` text), for an engine that differs in one detail throughout. */
export function expectedWith(id: string, replace: ReadonlyArray<[string, string]>): string[] {
  const scenario = scenarioById(id);
  if (scenario === undefined) throw new Error(`no scenario ${id}`);
  return expectedLines(scenario).map((line) => replace.reduce((text, [from, to]) => text.split(from).join(to), line));
}

// ─── Entries ──────────────────────────────────────────────────────────────

type Engine = KnownDifference['implementation'];
type Link = NonNullable<KnownDifference['links']>[number];

/**
 * One difference of an engine with one explanation, in one scenario or a
 * family of them: `runs` maps each scenario to what the engine observed.
 * Without `links`, the entries link to the engine's source.
 */
export type Difference = Omit<KnownDifference, 'scenario' | 'implementation' | 'observed'> & { runs: Readonly<Record<string, readonly string[]>> };

/** An engine's entries, one per run of each difference, in order; `source` is the link of those that name none. */
export function differencesOf(implementation: Engine, source: Link | null, differences: readonly Difference[]): KnownDifference[] {
  return differences.flatMap(({ runs, intermittent, ...text }) => {
    const links = text.links ?? (source === null ? undefined : [source]);
    // Fields in the order the entries were always written: the text, its links, then whether it is intermittent.
    const common = { ...text, ...(links !== undefined && { links }), ...(intermittent !== undefined && { intermittent }) };
    return Object.entries(runs).map(([scenario, observed]) => ({ scenario, implementation, observed, ...common }));
  });
}

const SUBPROTOCOLS_ISSUE: Link = { label: 'whatwg/websockets#47: Are subprotocols case-insensitive?', url: 'https://github.com/whatwg/websockets/issues/47' };

/** undici, Bun and Deno refuse ["chat", "Chat"] as a repeated subprotocol; `name` is the engine's, `explanation` says how. */
export function caseInsensitiveSubprotocols(name: string, explanation: string, links: readonly Link[] = []): Difference {
  return {
    runs: { 'construct-protocols-differing-in-case': ['exception construct SyntaxError'] },
    summary: `new WebSocket(url, ["chat", "Chat"]) throws a SyntaxError: ${name} compares subprotocols case-insensitively.`,
    explanation,
    clauses: ['whatwg#dom-websocket-websocket-step-9'],
    links: [SUBPROTOCOLS_ISSUE, ...links],
  };
}
