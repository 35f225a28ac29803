/**
 * Normative clauses this project does not implement, each with the reason:
 * rules for parties other than a WebSocket client or server library
 * (intermediaries, the IANA, specification authors, browsers' other
 * subsystems), or features deliberately left out. Filled in as the matrix is
 * reviewed; every entry names an existing clause or section (tested).
 */
import type { Clause, Corpus } from '../corpus/model.ts';

/** Clause or section ID → reason. A section entry covers its subsections. */
export const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  // ─── RFC 6455: conformance language (§2) ──────────────────────────────────
  'rfc6455#section-2-2':
    'Says how the RFC 2119 key words of the RFC are to be interpreted: a rule for reading the specification, not a behaviour of an implementation.',
  'rfc6455#section-2-3':
    'Says that imperative steps of an algorithm carry the key word that introduces the algorithm: a rule for reading the specification, not a behaviour of an implementation.',
  'rfc6455#section-2-4':
    'Allows the algorithms to be implemented in any equivalent manner: conformance-language boilerplate with nothing of its own to implement or test (the implementation uses the latitude throughout, e.g. its incremental frame reader).',

  // ─── RFC 6455: deployments and features this library leaves out ───────────
  'rfc6455#section-4.1-2':
    'A permission for clients in controlled environments (e.g. browsers on carrier handsets) to offload connection management to an agent on the network; this client library manages its own connections and offloads nothing.',
  'rfc6455#section-4.2-1':
    'A permission about deploying a server behind load balancers or reverse proxies, which then count as part of the server; it describes a deployment, not a behaviour of the server library.',
  'rfc6455#section-4.1-4.2.2':
    'Applies only to a client that cannot determine the IP address of the remote host (e.g. behind a proxy that resolves names); this client has no proxy support and resolves every host name itself before connecting, so it always serializes attempts by IP address under §4.1 ¶4.2.1 instead.',
  'rfc6455#section-4.1-4.3.1':
    'Proxy support is not implemented: the Node client only opens direct TCP connections (a documented limitation, see src/node/client.ts); tunnelling through an HTTP proxy with CONNECT is left to applications.',
  'rfc6455#section-4.1-4.3.8':
    'Proxy autoconfiguration (PAC) scripts are not supported: the client has no proxy support, so it never passes a WebSocket URI to a PAC function.',
  'rfc6455#section-5.5.3-4':
    'An option this implementation does not take: it answers every Ping with a Pong as soon as it reads it (§5.5.2 ¶3), so no Ping is ever left pending and none is skipped.',

  // ─── RFC 6455: intermediaries (§5.4) ───────────────────────────────────────
  'rfc6455#section-5.4-5.9':
    'Binds intermediaries (proxies that might change the fragmentation of messages), not the endpoints this project implements.',
  'rfc6455#section-5.4-5.10':
    'Binds intermediaries (proxies that might change the fragmentation of messages), not the endpoints this project implements.',
  'rfc6455#section-5.4-5.11':
    'Binds intermediaries (proxies that might change the fragmentation of messages), not the endpoints this project implements.',

  // ─── WHATWG WebSockets Standard: garbage collection ───────────────────────
  'whatwg#garbage-collection-5':
    'A situation that cannot arise here: a WebSocket object is never garbage collected while its connection is open, because the open transport (a socket and its listeners in Node, the native WebSocket of the relay in a page) holds it until the connection is closed (test/api/garbage-collection.test.ts shows it in Node, in every ready state); there is no collection of an open connection to react to.',
  'whatwg#make-disappear':
    'Runs only when a Document goes away (HTML\'s unloading document cleanup steps). This implementation\'s home is Node, where there is no Document. Its page build (the relay transport, a fixture that runs the evidence scenarios beside the browser\'s own class) does not hook page unloading: there the browser closes the relay tunnel, which ends the TCP connection without a Close frame.',
};

function ancestry(clause: Clause, corpus: Corpus): string[] {
  const ids = [clause.id];
  for (let anchor: string | null = clause.section; anchor; ) {
    ids.push(`${clause.source}#${anchor}`);
    anchor = corpus.sections.find((section) => section.anchor === anchor)?.parent ?? null;
  }
  return ids;
}

export function notApplicableReason(clause: Clause, corpus: Corpus): string | null {
  for (const id of ancestry(clause, corpus)) {
    const reason = NOT_APPLICABLE[id];
    if (reason) return reason;
  }
  return null;
}
