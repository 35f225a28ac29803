/**
 * What the embedder (not the script) sets on a WebSocket: the third
 * argument of the constructor, and the defaults the platform entry point
 * installs (`src/api/index.ts` in Node).
 */
import type { DeflateCodec } from '../protocol/extensions/index.ts';
import type { TransportFactory } from './transport.ts';
import type { WebSocketUrlOptions } from './url.ts';

export interface WebSocketOptions extends WebSocketUrlOptions {
  /** Opens the byte stream. Default: the one set by `setDefaultTransport` (TCP/TLS in Node). */
  transport?: TransportFactory;
  /**
   * The Origin header field. Default: the page's origin where there is a
   * `location` (as a browser sends it), none in Node.
   */
  origin?: string | null;
  /** Milliseconds to wait for the opening handshake before failing the connection. Default 30 s. */
  handshakeTimeout?: number;
  /** Milliseconds to wait for the server to close the TCP connection once the closing handshake started. Default 10 s. */
  closeTimeout?: number;
  /** Largest message accepted, in bytes (RFC 6455 §10.4). Default: the protocol core's (16 MiB). */
  maxMessageSize?: number;
  /**
   * The DEFLATE codec of the permessage-deflate offer (establish step 9).
   * Default: the one set by `setDefaultDeflateCodec` (node:zlib in Node);
   * null offers no extension.
   */
  deflate?: DeflateCodec | null;
  /**
   * Where failure details go: the embedder's console, never the script.
   * Called with messages such as "WebSocket connection to 'ws://…' failed:
   * server did not answer 101 Switching Protocols: 403 Forbidden".
   */
  onDiagnostic?: (message: string) => void;
}

/** 30 s: a slow network's handshake fits; a silent server does not hold the object for Chromium's 4 minutes. */
export const DEFAULT_HANDSHAKE_TIMEOUT = 30_000;
/** 10 s, as the Node adapter of the protocol core. */
export const DEFAULT_CLOSE_TIMEOUT = 10_000;

let defaultTransport: TransportFactory | null = null;

/** The transport used when the constructor's options name none (set by `src/api/index.ts` in Node). */
export function setDefaultTransport(transport: TransportFactory | null): void {
  defaultTransport = transport;
}

let defaultDeflate: DeflateCodec | null = null;

/** The DEFLATE codec used when the constructor's options name none (set by `src/api/index.ts` in Node). */
export function setDefaultDeflateCodec(codec: DeflateCodec | null): void {
  defaultDeflate = codec;
}

/** The transport a WebSocket uses when its options name none. */
export function getDefaultTransport(): TransportFactory | null {
  return defaultTransport;
}

/** The DEFLATE codec a WebSocket offers when its options name none. */
export function getDefaultDeflateCodec(): DeflateCodec | null {
  return defaultDeflate;
}
