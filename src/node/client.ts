/**
 * A WebSocket client over `node:net` / `node:tls`.
 *
 * `connect(url, options)` returns at once a `WebSocketClient` that emits
 * `open`, then `message`/`ping`/`pong`, and `close` last; `error` when the
 * connection fails. A refused handshake fails with an `InvalidStatusError`
 * that carries the server's whole response (status, reason, header fields,
 * body): this layer hides nothing. `open(url, options)` is the same as a
 * promise; `reconnect(url, options)` retries it with backoff.
 *
 * The client resolves the host name itself and opens a direct TCP
 * connection to it (there is no proxy support). Attempts to the same IP
 * address and port go through the opening handshake one at a time.
 */
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, connect as netConnect } from 'node:net';
import type { LookupFunction, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { ClientConnection, CloseCode, createClientHandshake, reconnectDelay, TransportError } from '../protocol/index.ts';
import type { BackoffOptions, ClientConnectionOptions, ClientHandshakeOptions, Connection } from '../protocol/index.ts';
import type { Duplex } from 'node:stream';
import { nodeSha1 } from './sha1.ts';
import { attemptKey, queueAttempt } from '../protocol/connect-queue.ts';
import { DEFAULT_HANDSHAKE_TIMEOUT, NodeWebSocket } from './websocket.ts';
import type { CloseInfo, OpenInfo, TimeoutOptions } from './websocket.ts';

export interface ConnectOptions extends Omit<ClientHandshakeOptions, 'sha1'>, ClientConnectionOptions, TimeoutOptions {
  /** Options for `tls.connect` with `wss:` (ca, rejectUnauthorized…). */
  tls?: TlsOptions;
}

/** A `lookup` for net.connect that answers with addresses already resolved (so the host is resolved once). */
function resolvedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [...addresses]);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

export class WebSocketClient extends NodeWebSocket {
  readonly url: string;
  readonly #handshakeTimeout: number;

  constructor(url: string | URL, options: ConnectOptions = {}) {
    super(options);
    this.url = String(url);
    this.#handshakeTimeout = options.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT;
    // Events are emitted from the next tick on, so that listeners can be added first.
    this.#start(options).catch((error: unknown) => {
      this.emitError(error instanceof Error ? error : new Error(String(error)));
      this.finish({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false });
    });
  }

  /**
   * A failed connection (§7.1.7: an invalid response, a protocol error)
   * closes the transport at once: once our last bytes (a Close frame) are
   * written, the socket is destroyed, so the failure is reported now and
   * nothing more is read (an endless response head included), instead of
   * waiting for the server to close.
   */
  // @spec rfc6455#section-7.1.7-1 "To do so, the client MUST _Close the WebSocket Connection_"
  // @spec rfc6455#section-7.1.7-2 "An endpoint MUST NOT continue to attempt to process data (including a responding Close frame) from the remote endpoint…"
  protected override closingTransport(socket: Duplex, connection: Connection): void {
    if (!connection.failed) return;
    socket.pause();
    if (socket.writableFinished) socket.destroy();
    else socket.once('finish', () => socket.destroy());
  }

  // @spec rfc6455#section-4.1-3 "it MUST open a connection, send an opening handshake, and read the server's handshake in response."
  async #start(options: ConnectOptions): Promise<void> {
    const handshake = await createClientHandshake(this.url, { ...options, sha1: nodeSha1 });
    // Closed while the handshake was being prepared.
    if (this.terminated) return;
    const connection = new ClientConnection(handshake, options);
    const { host, port, secure } = handshake.uri;
    const hostname = host.startsWith('[') ? host.slice(1, -1) : host;

    // The remote host's IP address (a failed lookup fails the connection),
    // then our turn among the attempts to that address and port.
    const family = isIP(hostname);
    const addresses: LookupAddress[] = family !== 0 ? [{ address: hostname, family }] : await lookup(hostname, { all: true });
    if (this.terminated) return;
    const first = addresses[0];
    if (first === undefined) throw new TransportError('WS_ERR_ABNORMAL_CLOSURE', `no address for ${hostname}`);
    // @spec rfc6455#section-4.1-4.2.1 "If the client already has a WebSocket connection to the remote host (IP address) identified by /host/ and port /port/…"
    // @spec rfc6455#section-4.1-4.2.1 "If multiple connections to the same IP address are attempted simultaneously, the client MUST serialize them so that…"
    const { turn, release } = queueAttempt(attemptKey(first.address, first.family, port));
    this.once('open', release);
    this.once('close', release);
    await turn;
    if (this.terminated) return;

    let socket: Socket;
    if (secure) {
      // @spec rfc6455#section-4.1-4.5.2 "Clients MUST use the Server Name Indication extension in the TLS handshake [RFC6066]."
      const servername = isIP(hostname) === 0 ? hostname : undefined;
      // @spec rfc6455#section-10.6-1 "WebSocket implementations MUST support TLS and SHOULD employ it when communicating with their peers."
      socket = tlsConnect({
        host: hostname,
        port,
        lookup: resolvedLookup(addresses),
        ...(servername !== undefined && { servername }),
        ALPNProtocols: ['http/1.1'],
        ...options.tls,
      });
    } else {
      // @spec rfc6455#section-4.1-4.3.6 "If the client is not configured to use a proxy, then a direct TCP connection SHOULD be opened to…"
      socket = netConnect({ host: hostname, port, lookup: resolvedLookup(addresses) });
    }
    socket.setNoDelay(true);
    this.track(socket);

    const timer = setTimeout(() => {
      this.abort(new TransportError('WS_ERR_HANDSHAKE_TIMEOUT', `${this.#handshakeTimeout} ms`));
    }, this.#handshakeTimeout);
    timer.unref();
    this.once('open', () => clearTimeout(timer));
    this.once('close', () => clearTimeout(timer));

    let attached = false;
    // @spec rfc6455#section-4.1-4.5.1 "If /secure/ is true, the client MUST perform a TLS handshake over the connection after opening the…"
    // @spec rfc6455#section-4.1-5 "Once a connection to the server has been established (including a connection via a proxy or over a TLS-encrypted…"
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      attached = true;
      this.attach(socket, connection);
    });
    // @spec rfc6455#section-4.1-4.4 "If the connection could not be opened, either because a direct connection failed or because any proxy used returned an…"
    socket.once('error', (error) => {
      if (!attached) this.emitError(error);
    });
    socket.once('close', () => {
      if (!attached) this.finish({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false });
    });
  }
}

/** Opens a connection; listen for `open`, `message`, `error` and `close`. */
export function connect(url: string | URL, options: ConnectOptions = {}): WebSocketClient {
  return new WebSocketClient(url, options);
}

/**
 * Opens a connection and resolves once it is open; rejects with the error
 * that failed it (an InvalidStatusError for a refusal) once it has closed.
 */
export function open(url: string | URL, options: ConnectOptions = {}): Promise<WebSocketClient> {
  return new Promise((resolve, reject) => {
    const ws = connect(url, options);
    let failure: Error | null = null;
    const onError = (error: Error) => {
      failure ??= error;
    };
    ws.on('error', onError);
    ws.once('open', () => {
      ws.off('error', onError);
      ws.off('close', onClose);
      resolve(ws);
    });
    const onClose = (info: CloseInfo) => {
      ws.off('error', onError);
      reject(failure ?? new TransportError('WS_ERR_ABNORMAL_CLOSURE', `closed with ${info.code}`));
    };
    ws.once('close', onClose);
  });
}

export type { CloseInfo, OpenInfo };

export interface ReconnectOptions extends ConnectOptions {
  /** The delays (`initialDelay` 5 s, `maxDelay` 60 s, `random`). */
  backoff?: BackoffOptions;
  /** Most attempts before giving up with the last attempt's error. Default: no limit. */
  maxAttempts?: number;
  /** Stops the waiting and the attempts: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Reconnects after an abnormal closure: waits a random delay (up to
 * `backoff.initialDelay`, 5 s by default), then attempts to open; while attempts
 * fail, waits increasingly longer (truncated binary exponential backoff,
 * see `reconnectDelay`) before the next. Resolves with the open connection.
 */
// @spec rfc6455#section-7.2.3-2 "To prevent this, clients SHOULD use some form of backoff when trying to reconnect after abnormal…"
export async function reconnect(url: string | URL, options: ReconnectOptions = {}): Promise<WebSocketClient> {
  const maxAttempts = options.maxAttempts ?? Infinity;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    await sleep(reconnectDelay(attempt, options.backoff), undefined, options.signal === undefined ? {} : { signal: options.signal });
    try {
      return await open(url, options);
    } catch (error) {
      if (attempt + 1 >= maxAttempts) throw error;
    }
  }
}
