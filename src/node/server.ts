/**
 * A WebSocket server on the `upgrade` event of a `node:http` server.
 *
 * Each upgrade request goes through, in order:
 *   1. the protocol's own checks (§4.2.1): 400, or 426 for another version;
 *   2. the Origin check of the application (§10.2): 403;
 *   3. the route: 404 for a resource name nobody serves (§4.2.2 step 4);
 *   4. the application's refuse hook: any status and header fields
 *      (401 with WWW-Authenticate, a 3xx redirect, 503…);
 *   5. the subprotocol, chosen from the client's offer only, and the 101.
 *
 * A refusal is a complete HTTP response, written and flushed before the
 * socket is closed: the server half-closes, keeps reading (and discarding)
 * until the client closes, so that the kernel never answers unread data
 * with a reset that would destroy the response before the client reads it.
 */
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  CloseCode,
  createErrorResponse,
  createRefusalResponse,
  HandshakeError,
  selectSubprotocol,
  serializeResponse,
  ServerConnection,
  validateRequest,
} from '../protocol/index.ts';
import type {
  HandshakeRequest,
  Header,
  HttpRequest,
  HttpResponse,
  RefusalOptions,
  ServerConnectionOptions,
  Sha1,
} from '../protocol/index.ts';
import { nodeSha1 } from './sha1.ts';
import { DEFAULT_CLOSE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, NodeWebSocket } from './websocket.ts';
import type { TimeoutOptions } from './websocket.ts';


export type ConnectionHandler = (ws: ServerWebSocket, handshake: HandshakeRequest) => void;

/** What a refuse hook answers with: a status, and optionally a reason phrase, header fields and a body. */
export interface Refusal extends RefusalOptions {
  status: number;
}

export interface WebSocketServerOptions extends Omit<ServerConnectionOptions, 'maxHeadSize' | 'maxHeaders'>, TimeoutOptions {
  /**
   * Handlers by path (the resource name without its query). A request for
   * another path is refused with 404. Without routes, every path is served
   * and `connection` events are the only handler.
   */
  routes?: Readonly<Record<string, ConnectionHandler>>;
  /** Subprotocols this server speaks; the first one the client offers is chosen. */
  protocols?: readonly string[];
  /** Chooses the subprotocol instead of `protocols` (must return one of `offered`, or null). */
  selectProtocol?: (offered: readonly string[], handshake: HandshakeRequest) => string | null;
  /** Whether to accept a connection from this Origin (null: no Origin field); false → 403. */
  verifyOrigin?: (origin: string | null, handshake: HandshakeRequest) => boolean | Promise<boolean>;
  /** Refuses a handshake with any response, or lets it through by returning undefined. */
  refuse?: (handshake: HandshakeRequest) => Refusal | undefined | Promise<Refusal | undefined>;
  /** SHA-1 for Sec-WebSocket-Accept. Default: `node:crypto`. */
  sha1?: Sha1;
}

export interface WebSocketServerEvents {
  connection: [ws: ServerWebSocket, handshake: HandshakeRequest];
  /** A handshake was refused: by the protocol, the Origin check, the route, the hook or a timeout (§7.1.7: "SHOULD log"). */
  refused: [response: HttpResponse, error: HandshakeError | null];
  error: [error: Error];
}

/** A server-side connection. */
export class ServerWebSocket extends NodeWebSocket {
  /** The validated opening handshake. */
  readonly handshake: HandshakeRequest;

  constructor(socket: Duplex, connection: ServerConnection, handshake: HandshakeRequest, protocol: string | null, options: TimeoutOptions) {
    super(options);
    this.handshake = handshake;
    this.protocol = protocol;
    // Held: frames that came with the request wait for the `connection` listeners (WebSocketServer starts delivery).
    this.attach(socket, connection, true);
  }
}

/** The request as `node:http` parsed it, in the protocol layer's terms. */
function toHttpRequest(req: IncomingMessage): HttpRequest {
  const headers: Header[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return { method: req.method ?? '', target: req.url ?? '', version: `HTTP/${req.httpVersion}`, headers };
}

export class WebSocketServer extends EventEmitter<WebSocketServerEvents> {
  readonly #options: WebSocketServerOptions;
  readonly #clients = new Set<ServerWebSocket>();
  readonly #pending = new Set<Duplex>();
  /** Sockets whose request head is being read, and when they connected (see `handleConnection`). */
  readonly #connectedAt = new WeakMap<Duplex, number>();
  /** Stops the head timer of a socket (a plain request arrived, or the head failed to parse). */
  readonly #requestSeen = new WeakMap<Duplex, () => void>();
  #closing = false;

  constructor(options: WebSocketServerOptions = {}) {
    super();
    this.#options = options;
  }

  /** Open connections. */
  get clients(): ReadonlySet<ServerWebSocket> {
    return this.#clients;
  }

  /**
   * Handles the `upgrade` events of `server`: a `node:http` server, or a
   * `node:https` one for wss:, whose sockets have completed the TLS
   * handshake before the request is read, so that the response and every
   * frame go through the TLS session.
   */
  // @spec rfc6455#section-4.2.2-2.1 "If the connection is happening on an HTTPS (HTTP-over-TLS) port, perform a TLS handshake over the connection."
  // @spec rfc6455#section-4.2.2-2.1 "all further communication for the connection (including the server's handshake) MUST run through the encrypted tunnel [RFC5246]."
  // @spec rfc6455#section-10.6-1 "WebSocket implementations MUST support TLS"
  attach(server: Server | HttpsServer): this {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.handleUpgrade(req, socket, head));
    return this;
  }

  /**
   * Answers a plain HTTP request for a WebSocket resource: the protocol's
   * refusal (400 for a request without the Upgrade mechanism, 426 for
   * another version…). For servers that serve nothing else.
   */
  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    this.#requestSeen.get(req.socket)?.();
    let response: HttpResponse;
    try {
      validateRequest(toHttpRequest(req));
      // Valid, yet not an upgrade for node:http (e.g. `Connection: keep-alive, Upgrade` is one): ask for the upgrade.
      response = createRefusalResponse(426, { headers: [['Upgrade', 'websocket'], ['Sec-WebSocket-Version', '13']], body: 'Upgrade Required\n' });
    } catch (error) {
      if (!(error instanceof HandshakeError)) throw error;
      response = createErrorResponse(error);
      this.emit('refused', response, error);
    }
    res.writeHead(response.status, response.reason, response.headers.flatMap(([n, v]) => [n, v]));
    res.end(response.body);
  }

  /**
   * Starts the handshake timeout when the TCP connection opens (the
   * `connection` event of the HTTP server), so that it covers the request
   * head too: a client that sends its head slowly, or nothing, is refused
   * with 408 when the timeout expires, not when node:http gives up. A
   * plain HTTP request on the socket (keep-alive) stops it.
   */
  handleConnection(socket: Duplex): void {
    const started = Date.now();
    this.#connectedAt.set(socket, started);
    const timer = setTimeout(() => {
      if (this.#connectedAt.get(socket) !== started) return;
      this.#connectedAt.delete(socket);
      this.#refuse(socket, createRefusalResponse(408, { body: 'Request head timed out\n' }), null);
    }, this.#options.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT);
    timer.unref();
    const clear = () => {
      clearTimeout(timer);
      this.#connectedAt.delete(socket);
    };
    socket.once('close', clear);
    this.#requestSeen.set(socket, clear);
  }

  /**
   * Answers a request head that node:http could not parse (its
   * `clientError` event) through the refusal path of this server: 431 for
   * a head over the limit, 400 otherwise, written and half-closed before
   * the socket is closed, so the status always arrives (node:http's own
   * answer is sometimes lost to a reset when the client is still sending).
   */
  // @spec rfc6455#section-4.2.1-2 "the server MUST stop processing the client's handshake and return an HTTP response with an…"
  handleClientError(error: Error & { code?: string }, socket: Duplex): void {
    this.#requestSeen.get(socket)?.();
    // Already refused (the head timed out): that refusal finishes the socket.
    if (socket.destroyed || socket.writableEnded) return;
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    this.#refuse(socket, createRefusalResponse(status, { body: `${error.code ?? 'Bad Request'}\n` }), new HandshakeError(status === 431 ? 'WS_ERR_HEAD_TOO_LARGE' : 'WS_ERR_MALFORMED_HTTP', error.code));
  }

  /** Handles one `upgrade` event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {});
    // Refused already (the head came after the handshake timeout).
    if (socket.writableEnded || socket.destroyed) return;
    if (this.#closing) {
      this.#refuse(socket, createRefusalResponse(503, { body: 'Server closing\n' }), null);
      return;
    }
    this.#pending.add(socket);
    socket.once('close', () => this.#pending.delete(socket));
    // The time left of the handshake timeout, counted from the TCP connection when `handleConnection` saw it.
    const started = this.#connectedAt.get(socket) ?? Date.now();
    this.#requestSeen.get(socket)?.();
    const left = Math.max(0, started + (this.#options.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT) - Date.now());
    const timer = setTimeout(() => {
      this.#refuse(socket, createRefusalResponse(503, { body: 'Opening handshake timed out\n' }), null);
    }, left);
    timer.unref();
    this.#upgrade(req, socket, head).then(
      () => clearTimeout(timer),
      (error: unknown) => {
        clearTimeout(timer);
        // An application hook threw: refuse with 500; report it only to a listener, never crash.
        if (this.listenerCount('error') > 0) this.emit('error', error instanceof Error ? error : new Error(String(error)));
        this.#refuse(socket, createRefusalResponse(500, { body: 'Internal Server Error\n' }), null);
      },
    );
  }

  // @spec rfc6455#section-4.2.2-1 "When a client establishes a WebSocket connection to a server, the server MUST complete the following steps to accept…"
  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const options = this.#options;
    const connection = new ServerConnection(options);
    // node:http has read the head; the bytes after it (if any) are frames sent early.
    connection.receiveRequest(toHttpRequest(req), head.length === 0 ? new Uint8Array(0) : new Uint8Array(head));
    const handshake = connection.handshake;
    if (handshake === null) {
      // The protocol refused it (400, 426, 431).
      const failure = connection.events().find((event) => event.type === 'error');
      const error = failure?.type === 'error' && failure.error instanceof HandshakeError ? failure.error : new HandshakeError('WS_ERR_MALFORMED_HTTP');
      this.#refuseWith(socket, error);
      return;
    }

    // @spec rfc6455#section-10.2-1 "If the origin indicated is unacceptable to the server, then it SHOULD respond to the WebSocket…"
    if (options.verifyOrigin !== undefined && !(await options.verifyOrigin(handshake.origin, handshake))) {
      this.#refuseWith(socket, new HandshakeError('WS_ERR_ORIGIN_REFUSED', handshake.origin ?? 'no Origin'));
      return;
    }

    // @spec rfc6455#section-4.2.2-2.4.2.4 "If the requested service is not available, the server MUST send an appropriate HTTP error code…"
    const path = new URL(handshake.resourceName, 'http://localhost').pathname;
    const route = options.routes === undefined ? null : Object.hasOwn(options.routes, path) ? options.routes[path] : undefined;
    if (route === undefined) {
      this.#refuseWith(socket, new HandshakeError('WS_ERR_NOT_FOUND', path));
      return;
    }

    // @spec rfc6455#section-4.2.2-2.2 "The server can perform additional client authentication, for example, by returning a 401 status code with the…"
    // @spec rfc6455#section-4.2.2-2.3 "The server MAY redirect the client using a 3xx status code [RFC2616]."
    const refusal = options.refuse === undefined ? undefined : await options.refuse(handshake);
    if (refusal !== undefined) {
      const { status, ...rest } = refusal;
      this.#refuse(socket, createRefusalResponse(status, rest), null);
      return;
    }

    const protocol =
      options.selectProtocol !== undefined
        ? options.selectProtocol(handshake.protocols, handshake)
        : selectSubprotocol(handshake.protocols, options.protocols ?? []);
    await connection.accept({ protocol, sha1: options.sha1 ?? nodeSha1 });
    if (!this.#pending.delete(socket) || socket.destroyed) return;
    if (this.#closing) {
      socket.destroy();
      return;
    }
    const noDelay = (socket as Duplex & { setNoDelay?: (noDelay: boolean) => void }).setNoDelay;
    noDelay?.call(socket, true);
    const ws = new ServerWebSocket(socket, connection, handshake, protocol, options);
    this.#clients.add(ws);
    ws.once('close', () => this.#clients.delete(ws));
    route?.(ws, handshake);
    this.emit('connection', ws, handshake);
    // The listeners are attached: now the frames that came with the request (and after) are delivered.
    ws.startDelivery();
  }

  #refuseWith(socket: Duplex, error: HandshakeError): void {
    this.#refuse(socket, createErrorResponse(error), error);
  }

  /**
   * Writes a complete refusal and closes the socket without losing it:
   * half-close after the response, discard what the client still sends,
   * and destroy once it closes (or after the closing timeout).
   */
  // @spec rfc6455#section-4.2.1-2 "the server MUST stop processing the client's handshake and return an HTTP response with an…"
  // @spec rfc6455#section-7.2.2-1 "Certain algorithms require or recommend that the server _Abort the WebSocket Connection_ during the opening handshake.…"
  #refuse(socket: Duplex, response: HttpResponse, error: HandshakeError | null): void {
    this.#pending.delete(socket);
    if (socket.writableEnded || socket.destroyed) return;
    this.emit('refused', response, error);
    socket.end(serializeResponse(response));
    socket.resume();
    const timer = setTimeout(() => socket.destroy(), this.#options.closeTimeout ?? DEFAULT_CLOSE_TIMEOUT);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  }

  /**
   * Stops accepting: pending handshakes get 503, open connections a Close
   * frame with 1001 Going Away. Resolves when every connection has closed.
   */
  // @spec rfc6455#section-7.4.1-2.2 "1001 indicates that an endpoint is "going away", such as a server going down"
  // @spec rfc6455#section-7.3-1 "Servers MAY close the WebSocket connection whenever desired."
  async close(code: number = CloseCode.GoingAway, reason = 'Server closing'): Promise<void> {
    this.#closing = true;
    for (const socket of this.#pending) socket.destroy();
    const closed = [...this.#clients].map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once('close', () => resolve());
          ws.close(code, reason);
        }),
    );
    await Promise.all(closed);
  }
}

export interface ListenOptions extends WebSocketServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Largest request head node:http accepts, in bytes (431 above). Default 16 KiB. */
  maxHeadSize?: number;
}

export interface RunningServer {
  http: Server;
  wss: WebSocketServer;
  port: number;
  /** `ws://host:port/`. */
  url: string;
  /** Closes the WebSocket connections (1001), then the HTTP server. */
  close(): Promise<void>;
}

/**
 * An HTTP server that serves only WebSockets: upgrades go to a
 * WebSocketServer, plain requests get the protocol's refusal.
 */
export async function listen(options: ListenOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const wss = new WebSocketServer(options);
  const http = createServer({ maxHeaderSize: options.maxHeadSize ?? 16 * 1024 }, (req, res) => wss.handleRequest(req, res));
  wss.attach(http);
  // Our handshake timeout from the first byte, and our refusals for heads node:http cannot parse.
  http.on('connection', (socket) => wss.handleConnection(socket));
  http.on('clientError', (error, socket) => wss.handleClientError(error, socket));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    http,
    wss,
    port,
    url: `ws://${urlHost}:${port}/`,
    async close() {
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      await wss.close();
      http.closeAllConnections();
      await httpClosed;
    },
  };
}

