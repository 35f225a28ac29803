/**
 * The server side of a connection (RFC 6455 §4.2): it reads and validates
 * the client's opening handshake, lets the application accept or refuse
 * it, and then speaks the framing protocol of `Connection`.
 */
import { CloseCode } from './close-codes.ts';
import { concat, Connection, EMPTY, State } from './connection.ts';
import type { ConnectionOptions } from './connection.ts';
import { HandshakeError, UsageError } from './errors.ts';
import type { Extension } from './handshake/extensions.ts';
import { createAcceptResponse, createErrorResponse, validateRequest } from './handshake/server.ts';
import type { AcceptOptions, HandshakeRequest } from './handshake/server.ts';
import { DEFAULT_MAX_HEAD_SIZE, DEFAULT_MAX_HEADERS, RequestReader, serializeResponse } from './http11.ts';
import type { HeadLimits, HttpRequest, HttpResponse } from './http11.ts';
import type { MessageExtension, ServerExtension } from './message-extension.ts';

export interface ServerConnectionOptions extends ConnectionOptions {
  /** Largest request head accepted, in bytes. Default 16 KiB. */
  maxHeadSize?: number;
  /** Most header fields accepted in the request. Default 128. */
  maxHeaders?: number;
  /** Extensions this server implements, each negotiated at `accept` from the client's offers. */
  extensionsImplemented?: readonly ServerExtension[];
}

/** Where the opening handshake stands, on the server's side. */
export const ServerPhase = {
  /** Reading the request head. */
  Reading: 'reading',
  /** A valid request was read; the application answers with `accept()` or `reject()`. */
  Requested: 'requested',
  /** `accept()` is computing the 101 response. */
  Accepting: 'accepting',
  /** The 101 response is queued: the connection is open. */
  Accepted: 'accepted',
  /** A refusal is queued (by the protocol or the application): the transport closes after it. */
  Refused: 'refused',
} as const;
export type ServerPhase = (typeof ServerPhase)[keyof typeof ServerPhase];

/** The size of a request head as sent: request line, fields, CRLFs and the empty line. */
function headSize(request: HttpRequest): number {
  let size = request.method.length + request.target.length + request.version.length + 4 + 2;
  for (const [name, value] of request.headers) size += name.length + value.length + 4;
  return size;
}

/**
 * A server connection, from the opening handshake on. It reads the
 * request (from bytes, or already parsed by an HTTP server through
 * `receiveRequest`) and validates it: an invalid one is refused with the
 * status the RFC names; a valid one is announced by a `request` event and
 * then accepted (`accept`) or refused (`reject`) by the application.
 */
export class ServerConnection extends Connection {
  readonly #requestReader: RequestReader;
  readonly #limits: HeadLimits;
  readonly #maxEarlyData: number;
  readonly #implemented: readonly ServerExtension[];
  #phase: ServerPhase = ServerPhase.Reading;
  #handshake: HandshakeRequest | null = null;
  /** Bytes after the request, before the 101 is queued (frames a client sent too early). */
  #early: Uint8Array[] = [];
  #earlySize = 0;

  constructor(options: ServerConnectionOptions = {}) {
    super('server', options, State.CONNECTING);
    const maxHeadSize = options.maxHeadSize ?? DEFAULT_MAX_HEAD_SIZE;
    this.#limits = { maxHeadSize, maxHeaders: options.maxHeaders ?? DEFAULT_MAX_HEADERS };
    this.#requestReader = new RequestReader(this.#limits);
    this.#maxEarlyData = maxHeadSize;
    this.#implemented = options.extensionsImplemented ?? [];
  }

  /** The validated request, once read. */
  get handshake(): HandshakeRequest | null {
    return this.#handshake;
  }

  /** Where the opening handshake stands. */
  get phase(): ServerPhase {
    return this.#phase;
  }

  protected override receiveHandshakeData(bytes: Uint8Array): void {
    switch (this.#phase) {
      case ServerPhase.Reading:
        break;
      case ServerPhase.Requested:
      case ServerPhase.Accepting:
        this.#keepEarly(bytes);
        return;
      default:
        return;
    }
    let result;
    try {
      result = this.#requestReader.push(bytes);
    } catch (error) {
      if (!(error instanceof HandshakeError)) throw error;
      this.#refuseWith(error);
      return;
    }
    if (result !== null) this.receiveRequest(result.request, result.rest);
  }

  /** A request already parsed by an HTTP server, and the bytes that followed it. */
  receiveRequest(request: HttpRequest, rest: Uint8Array = EMPTY): void {
    if (this.#phase !== ServerPhase.Reading) throw new UsageError('WS_ERR_INVALID_STATE', 'a request was already received');
    try {
      // The same limits whoever parsed the head.
      if (request.headers.length > this.#limits.maxHeaders) throw new HandshakeError('WS_ERR_TOO_MANY_HEADERS', `more than ${this.#limits.maxHeaders}`);
      if (headSize(request) > this.#limits.maxHeadSize) throw new HandshakeError('WS_ERR_HEAD_TOO_LARGE', `more than ${this.#limits.maxHeadSize} bytes`);
      this.#handshake = validateRequest(request);
    } catch (error) {
      if (!(error instanceof HandshakeError)) throw error;
      this.#refuseWith(error);
      return;
    }
    this.#phase = ServerPhase.Requested;
    this.emit({ type: 'request', handshake: this.#handshake });
    this.#keepEarly(rest);
  }

  /**
   * Accepts the handshake: negotiates the extensions implemented (the
   * `extensions` option) from the client's offers, queues the 101
   * response and opens the connection. Resolves once the response is
   * queued (computing Sec-WebSocket-Accept may be asynchronous).
   */
  // @spec rfc6455#section-4.2.2-1 "When a client establishes a WebSocket connection to a server, the server MUST complete the following steps to accept…"
  async accept(options: AcceptOptions = {}): Promise<void> {
    const handshake = this.#handshake;
    if (handshake === null || this.#phase !== ServerPhase.Requested) throw new UsageError('WS_ERR_INVALID_STATE', 'no request to accept');
    this.#phase = ServerPhase.Accepting;
    const { responses, inUse } = this.#negotiate(handshake.extensions);
    const response = await createAcceptResponse(handshake, responses.length === 0 ? options : { ...options, extensions: responses });
    if (this.state !== State.CONNECTING || this.#phase !== ServerPhase.Accepting) {
      for (const extension of inUse) extension.dispose?.();
      return;
    }
    this.#phase = ServerPhase.Accepted;
    this.queue(serializeResponse(response));
    const early = concat(this.#early, this.#earlySize);
    this.#early = [];
    this.useExtensions(inUse);
    this.establish(early);
  }

  /** Each implemented extension the client offered, asked in turn. */
  // @spec rfc6455#section-9.1-8 "the order of extensions is significant."
  #negotiate(offers: readonly Extension[]): { responses: Extension[]; inUse: MessageExtension[] } {
    const responses: Extension[] = [];
    const inUse: MessageExtension[] = [];
    for (const implementation of this.#implemented) {
      const mine = offers.filter((offer) => offer.name === implementation.name);
      if (mine.length === 0) continue;
      const answer = implementation.negotiate(mine);
      if (answer === null) continue;
      responses.push(answer.response);
      inUse.push(answer.extension);
    }
    return { responses, inUse };
  }

  /** Refuses the handshake with a complete response (see `createRefusalResponse`), then closes. */
  // @spec rfc6455#section-7.2.2-1 "Certain algorithms require or recommend that the server _Abort the WebSocket Connection_ during the opening handshake."
  reject(response: HttpResponse): void {
    if (this.#phase !== ServerPhase.Requested && this.#phase !== ServerPhase.Reading) {
      throw new UsageError('WS_ERR_INVALID_STATE', 'the request was already answered');
    }
    this.#refuse(response, new HandshakeError('WS_ERR_REFUSED', `${response.status} ${response.reason}`));
  }

  // @spec rfc6455#section-7.2.2-1 "To do so, the server MUST simply _Close the WebSocket Connection_ (Section 7.1.1)."
  #refuseWith(error: HandshakeError): void {
    // @spec rfc6455#section-10.7-1 "If the invalid data is sent during the WebSocket handshake, the server SHOULD return an appropriate HTTP [RFC2616] status code."
    this.#refuse(createErrorResponse(error), error);
  }

  /** Queues the refusal, then closes the transport once it is written (reported as an `error` event). */
  // @spec rfc6455#section-7.2.2-1 "To do so, the server MUST simply _Close the WebSocket Connection_ (Section 7.1.1)."
  #refuse(response: HttpResponse, error: HandshakeError): void {
    this.#phase = ServerPhase.Refused;
    this.#early = [];
    this.queue(serializeResponse(response));
    this.fail(CloseCode.AbnormalClosure, '', error);
  }

  #keepEarly(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#earlySize += bytes.length;
    // @spec rfc6455#section-4.1-7 "Once the client's opening handshake has been sent, the client MUST wait for a response from the…"
    if (this.#earlySize > this.#maxEarlyData) {
      this.#refuseWith(new HandshakeError('WS_ERR_MALFORMED_HTTP', 'data sent before the handshake was answered'));
      return;
    }
    this.#early.push(bytes);
  }
}
