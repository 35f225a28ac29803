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
}

/** Opens a stream to `target`; the result may be used at once, bytes are written once open. */
export type TransportFactory = (target: TransportTarget, handlers: TransportHandlers) => Transport;
