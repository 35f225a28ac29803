/**
 * The client side of a connection (RFC 6455 §4.1): it sends the opening
 * handshake, reads and validates the server's response, and then speaks the
 * framing protocol of `Connection`.
 */
import { CloseCode } from './close-codes.ts';
import { Connection, State } from './connection.ts';
import type { ConnectionOptions } from './connection.ts';
import { HandshakeError, InvalidStatusError } from './errors.ts';
import { validateResponse } from './handshake/client.ts';
import type { ClientHandshake } from './handshake/client.ts';
import { parseExtensions } from './handshake/extensions.ts';
import { getHeaderValues, ResponseReader, serializeRequest } from './http11.ts';
import type { HttpResponse } from './http11.ts';
import type { ClientExtension, MessageExtension } from './message-extension.ts';

export interface ClientConnectionOptions extends ConnectionOptions {
  /** Largest response head accepted, in bytes. Default 16 KiB. */
  maxHeadSize?: number;
  /** Most header fields accepted in the response. Default 128. */
  maxHeaders?: number;
  /** Most bytes kept of a refusal's body. Default 1 MiB. */
  maxBodySize?: number;
  /**
   * Extensions implemented, by name: an extension of that name the server
   * accepts is put in use through its `accept`. (Their offers go into the
   * handshake's `extensions` option; see `createClientHandshake`.)
   */
  extensionsImplemented?: readonly ClientExtension[];
}

/**
 * A client connection, from the opening handshake on. Its first output is
 * the handshake request; its first event is `open`, or `error` with an
 * InvalidStatusError (any status but 101, with the whole response) or a
 * HandshakeError.
 */
export class ClientConnection extends Connection {
  readonly handshake: ClientHandshake;
  readonly #reader: ResponseReader;
  readonly #implemented: readonly ClientExtension[];
  #done = false;

  constructor(handshake: ClientHandshake, options: ClientConnectionOptions = {}) {
    super('client', options, State.CONNECTING);
    this.handshake = handshake;
    this.#implemented = options.extensionsImplemented ?? [];
    this.#reader = new ResponseReader({
      ...(options.maxHeadSize !== undefined && { maxHeadSize: options.maxHeadSize }),
      ...(options.maxHeaders !== undefined && { maxHeaders: options.maxHeaders }),
      ...(options.maxBodySize !== undefined && { maxBodySize: options.maxBodySize }),
    });
    // Queued first: the transport writes it as soon as it is connected.
    // @spec rfc6455#section-4.1-5 "Once a connection to the server has been established (including a connection via a proxy or over a TLS-encrypted…"
    this.queue(serializeRequest(handshake.request));
  }

  protected override receiveHandshakeData(bytes: Uint8Array): void {
    if (this.#done) return;
    try {
      const response = this.#reader.push(bytes);
      if (response !== null) this.#complete(response);
    } catch (error) {
      if (!(error instanceof HandshakeError)) throw error;
      this.#fail(error);
    }
  }

  protected override receiveHandshakeEof(): void {
    if (this.#done) return;
    const response = this.#reader.eof();
    if (response !== null) this.#complete(response);
    else this.#fail(new HandshakeError('WS_ERR_MALFORMED_HTTP', 'connection closed before the response head'));
  }

  // @spec rfc6455#section-4.1-9 "If the server's response does not conform to the requirements for the server's handshake as defined in this section and…"
  #complete(response: HttpResponse): void {
    let result;
    let extensions: MessageExtension[];
    try {
      result = validateResponse(this.handshake, response);
      extensions = this.#acceptExtensions(response);
    } catch (error) {
      if (!(error instanceof HandshakeError)) throw error;
      if (error instanceof InvalidStatusError && this.#reader.truncated) error.bodyTruncated = true;
      this.#fail(error);
      return;
    }
    this.#done = true;
    this.useExtensions(extensions);
    this.emit({ type: 'open', protocol: result.protocol, extensions: result.extensions, response });
    // @spec rfc6455#section-4.1-11 "If the server's response is validated as provided for above, it is said that _The WebSocket Connection is Established_…"
    this.establish(this.#reader.rest);
  }

  /** The implemented extensions the server accepted, in the order it listed them (validateResponse checked they were offered). */
  // @spec rfc6455#section-9.1-7 "the client is only offering to use any advertised extensions and MUST NOT use them unless the…"
  #acceptExtensions(response: HttpResponse): MessageExtension[] {
    if (this.#implemented.length === 0) return [];
    const accepted = parseExtensions(getHeaderValues(response.headers, 'sec-websocket-extensions')) ?? [];
    const inUse: MessageExtension[] = [];
    for (const element of accepted) {
      const implementation = this.#implemented.find((extension) => extension.name === element.name);
      if (implementation !== undefined) inUse.push(implementation.accept(element));
    }
    return inUse;
  }

  // @spec rfc6455#section-7.2.1-1 "Certain algorithms, in particular during the opening handshake, require the client to _Fail the WebSocket Connection_."
  // @spec rfc6455#section-7.2.1-1 "To do so, the client MUST _Fail the WebSocket Connection_ as defined in Section 7.1.7."
  #fail(error: HandshakeError): void {
    this.#done = true;
    // Not established: no Close frame (1006 is only reported).
    this.fail(CloseCode.AbnormalClosure, '', error);
  }
}
