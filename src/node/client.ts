/**
 * A WebSocket client over `node:net` / `node:tls`.
 *
 * `connect(url, options)` returns at once a `WebSocketClient` that emits
 * `open`, then `message`/`ping`/`pong`, and `close` last; `error` when the
 * connection fails. A refused handshake fails with an `InvalidStatusError`
 * that carries the server's whole response (status, reason, header fields,
 * body): this layer hides nothing. `open(url, options)` is the same as a
 * promise.
 */
import { isIP, connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { ClientConnection, CloseCode, createClientHandshake, TransportError } from '../protocol/index.ts';
import type { ClientConnectionOptions, ClientHandshakeOptions } from '../protocol/index.ts';
import { nodeSha1 } from './sha1.ts';
import { DEFAULT_HANDSHAKE_TIMEOUT, NodeWebSocket } from './websocket.ts';
import type { CloseInfo, OpenInfo, TimeoutOptions } from './websocket.ts';

export interface ConnectOptions extends Omit<ClientHandshakeOptions, 'sha1'>, ClientConnectionOptions, TimeoutOptions {
  /** Options for `tls.connect` with `wss:` (ca, rejectUnauthorized…). */
  tls?: TlsOptions;
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

  async #start(options: ConnectOptions): Promise<void> {
    const handshake = await createClientHandshake(this.url, { ...options, sha1: nodeSha1 });
    // Closed while the handshake was being prepared.
    if (this.terminated) return;
    const connection = new ClientConnection(handshake, options);
    const { host, port, secure } = handshake.uri;
    const hostname = host.startsWith('[') ? host.slice(1, -1) : host;
    let socket: Socket;
    if (secure) {
      // @spec rfc6455#section-4.1-4.5.2 "Clients MUST use the Server Name Indication extension in the TLS handshake [RFC6066]."
      const servername = isIP(hostname) === 0 ? hostname : undefined;
      socket = tlsConnect({ host: hostname, port, ...(servername !== undefined && { servername }), ALPNProtocols: ['http/1.1'], ...options.tls });
    } else {
      socket = netConnect({ host: hostname, port });
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
    // @spec rfc6455#section-4.1-4.5.1 "If /secure/ is true, the client MUST perform a TLS handshake over the connection after opening the connection and before sending the handshake data [RFC2818]."
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      attached = true;
      this.attach(socket, connection);
    });
    // @spec rfc6455#section-4.1-4.4 "If the connection could not be opened, either because a direct connection failed or because any proxy used returned an error, then the client MUST _Fail the WebSocket Connection_ and abort the connection attempt."
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
