/**
 * The byte stream under a WebSocket: what "obtain a WebSocket connection"
 * needs from the platform, and nothing else. The WebSocket class drives
 * the sans-I/O protocol core over a `Transport`, so the same class runs in
 * Node (TCP/TLS, `transports/node.ts`) and in a browser page (tunnelled
 * through a local relay, `transports/relay.ts`).
 */

/** Where to connect: the host, port and secure flag of the WebSocket URL. */
// @spec whatwg#concept-websocket-connection-obtain
export interface TransportTarget {
  /** Host as it appears in the URL (an IPv6 address in brackets). */
  host: string;
  port: number;
  /** Whether to run TLS over the connection (`wss:`). */
  secure: boolean;
}

/** What a transport reports; every callback is called asynchronously, `onclose` exactly once and last. */
export interface TransportHandlers {
  /**
   * Optional, for a transport that serializes attempts (the Node one): the
   * attempt waits for earlier attempts to the same address to settle. May
   * be called during the factory call. No handshake timeout runs while waiting.
   */
  onqueued?(): void;
  /** Optional, after `onqueued`: the attempt's turn came, the connection is being opened now. */
  onattempt?(): void;
  /** The stream is open: TCP connected and, when secure, the TLS handshake done. */
  onopen(): void;
  /** Bytes arrived. The receiver takes them (it may keep views of them). */
  ondata(bytes: Uint8Array): void;
  /** The peer finished sending (TCP FIN); writing may still be possible. */
  onend(): void;
  /** The stream failed (refused, reset, TLS error…); `onclose` follows. */
  onerror(error: Error): void;
  /** The stream is closed both ways. */
  onclose(): void;
}

export interface Transport {
  /**
   * Queues bytes. `written` is called once they have been handed to the
   * network (or dropped because the stream closed): the WebSocket counts
   * `bufferedAmount` down with it.
   */
  write(bytes: Uint8Array, written?: () => void): void;
  /** Finishes sending once queued bytes are written (TCP half-close). */
  end(): void;
  /** Closes now, dropping queued bytes. */
  destroy(): void;
  /**
   * The opening handshake is over: the WebSocket connection is established
   * or has failed. A transport that serializes attempts to the same remote
   * host (RFC 6455 §4.1 ¶4.2.1, the Node transport) lets the next one go;
   * it does so anyway once the stream is closed. Optional; idempotent.
   */
  handshakeSettled?(): void;
}

/**
 * Opens a stream to `target`; the result may be used at once, bytes are
 * written once open. Opening may wait (name resolution, an earlier attempt
 * to the same address); `onopen` says when the stream is there.
 */
export type TransportFactory = (target: TransportTarget, handlers: TransportHandlers) => Transport;

/** Where to connect and what to ask for: the target, and the resource name of the request line. */
export interface ConnectionTarget extends TransportTarget {
  /** The path and query, e.g. `/chat?room=1`. */
  resourceName: string;
}

/**
 * Steps 1–5 of "obtain a WebSocket connection", given the request's URL
 * (`http:` or `https:`, establish step 1): the host, port, resource name
 * and secure flag that RFC 6455 §4.1 connects with.
 */
export function connectionTarget(url: URL): ConnectionTarget {
  // @spec whatwg#concept-websocket-connection-obtain-step-1 "Let host be url's host."
  // The host serialized: a domain, an IPv4 address, or an IPv6 address in brackets.
  const host = url.hostname;
  // @spec whatwg#concept-websocket-connection-obtain-step-5 "Let secure be false, if url's scheme is ‘http’; otherwise true."
  const secure = url.protocol !== 'http:';
  // @spec whatwg#concept-websocket-connection-obtain-step-2 "Let port be url's port."
  // A null port is the scheme's default: 80 for http (ws), 443 for https (wss), as RFC 6455 §3 has it.
  const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
  // @spec whatwg#concept-websocket-connection-obtain-step-3 "Let resource name be U+002F (/), followed by the strings in url's path (including empty strings)…"
  // For a URL of a special scheme, the path serializer writes exactly
  // that: a slash before each segment, empty ones included.
  let resourceName = url.pathname;
  // @spec whatwg#concept-websocket-connection-obtain-step-4 "If url's query is non-empty, append U+003F (?), followed by url's query, to resource name."
  // `search` is empty both for no query and for an empty one, else `?` and the query.
  if (url.search !== '') resourceName += url.search;
  return { host, port, secure, resourceName };
}
