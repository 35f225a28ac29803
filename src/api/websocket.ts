/**
 * The `WebSocket` interface of the WHATWG WebSockets Standard, on top of
 * the sans-I/O protocol client (`ClientConnection`) and a byte-stream
 * `Transport`. No Node import: the same class runs in Node (TCP/TLS
 * transport, `src/api/index.ts`) and in a browser page (relay transport,
 * `src/api/browser.ts`).
 *
 * Each member follows the standard's numbered steps in comments; each
 * rule carries the clause it implements. Where the protocol core already
 * applies an RFC 6455 rule (framing, the handshake's validation, close
 * codes), this layer only turns its events into the API's.
 *
 * At the heart of it, the rule of the question that started this project:
 * whatever made the connection fail (a 403, a redirect, a refused port, a
 * bad Sec-WebSocket-Accept), the script sees an `error` event (a plain
 * Event) and a `close` event with code 1006, and nothing else. The core's
 * error, which carries the whole refused response, goes only to the
 * embedder's `onDiagnostic` (the counterpart of a browser's console).
 *
 * The standard fetches the handshake request; here it goes straight onto
 * the connection obtained, and of Fetch only what changes that request or
 * its outcome is done (establish steps 2 and 11 below): the Origin of the
 * client, Pragma and Cache-Control `no-cache` (cache mode no-store), no
 * Referer, no redirect followed, the bad ports refused. Out of scope: HSTS,
 * CSP, mixed-content blocking and proxies; there is no cookie store nor
 * HTTP authentication cache, so the request carries no Cookie and no
 * Authorization (a URL's credentials are not sent, as Fetch does without
 * its use-URL-credentials flag).
 *
 * Deliberate deviations, each marked DEVIATION below: an `open` task that
 * finds the ready state no longer CONNECTING does nothing; send() counts a
 * view's own bytes in bufferedAmount. No permessage-deflate offer: the
 * protocol core implements no extension (establish steps 9 and 10 are not
 * applicable, src/trace/not-applicable.ts).
 */
import {
  ClientConnection,
  CloseCode,
  createClientHandshake,
  encodeUtf8,
  InvalidStatusError,
  MAX_CLOSE_REASON,
  State,
} from '../protocol/index.ts';
import type { ClientHandshake, ConnectionEvent, WebSocketError } from '../protocol/index.ts';
import { isToken } from '../protocol/http11.ts';
import { BAD_PORTS } from './bad-ports.ts';
import { invalidAccessError, invalidStateError, syntaxError } from './errors.ts';
import { createCloseEvent, createMessageEvent } from './events.ts';
import { relevantSettingsObject } from './settings.ts';
import type { SettingsObject } from './settings.ts';
import { platformSha1 } from './sha1.ts';
import { connectionTarget } from './transport.ts';
import type { Transport, TransportFactory } from './transport.ts';
import { parseWebSocketUrl } from './url.ts';
import type { WebSocketUrlOptions } from './url.ts';
import { toClampedUnsignedShort, toStringOrSequence, toUSVString } from './webidl.ts';

// @spec whatwg#interface-definition-2
export type BinaryType = 'blob' | 'arraybuffer';

type EventHandlerName = 'open' | 'message' | 'error' | 'close';
type EventHandlerValue = ((this: WebSocket, event: Event) => unknown) | object | null;

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

/** "Queue a task": each on its own turn of the event loop, in order, with microtasks run between them. */
function queueTask(task: () => void): void {
  setTimeout(task, 0);
}

function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

/** A message accepted by `send()` and not yet handed to the protocol core (it waits behind a Blob being read). */
interface Outgoing {
  text: boolean;
  data: Uint8Array | Blob;
  /** Bytes it adds to bufferedAmount. */
  size: number;
}

export class WebSocket extends EventTarget {
  declare static readonly CONNECTING: 0;
  declare static readonly OPEN: 1;
  declare static readonly CLOSING: 2;
  declare static readonly CLOSED: 3;
  declare readonly CONNECTING: 0;
  declare readonly OPEN: 1;
  declare readonly CLOSING: 2;
  declare readonly CLOSED: 3;

  // @spec whatwg#websocket-internal-url "Each WebSocket object has an associated url, which is a URL record."
  readonly #url: URL;
  readonly #protocols: readonly string[];
  // @spec whatwg#websocket-ready-state "Initially it must be CONNECTING (0)."
  #readyState = 0;
  // @spec whatwg#websocket-binary-type "Each WebSocket object has an associated binary type, which is a BinaryType. Initially it must be ‘blob’."
  #binaryType: BinaryType = 'blob';
  // @spec whatwg#dom-websocket-extensions "The extensions attribute must initially return the empty string."
  #extensions = '';
  // @spec whatwg#dom-websocket-protocol "The protocol attribute must initially return the empty string."
  #protocol = '';
  #bufferedAmount = 0;

  readonly #options: WebSocketOptions;
  #connection: ClientConnection | null = null;
  #transport: Transport | null = null;
  #transportOpen = false;
  #transportClosed = false;
  #transportEnding = false;
  /** "The user agent was required to fail the WebSocket connection": the close steps fire `error`. */
  #failed = false;
  #handshakeTimer: ReturnType<typeof setTimeout> | null = null;
  #closeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Messages behind a Blob being read, in order. */
  readonly #outgoing: Outgoing[] = [];
  #readingBlob = false;

  readonly #handlers: Record<EventHandlerName, EventHandlerValue> = { open: null, message: null, error: null, close: null };
  readonly #listeners: Record<EventHandlerName, ((event: Event) => void) | null> = { open: null, message: null, error: null, close: null };

  /**
   * `new WebSocket(url, protocols)`. The third argument is this
   * implementation's, for the embedder (transport, base URL, Origin,
   * timeouts, diagnostics); a script never needs it.
   */
  // @spec whatwg#dom-websocket-websocket
  constructor(url: string | URL, protocols: string | Iterable<string> = [], options: WebSocketOptions = {}) {
    super();
    if (arguments.length === 0) throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
    // Web IDL conversions: USVString, (DOMString or sequence<DOMString>).
    const urlString = toUSVString(url);
    let protocolList = toStringOrSequence(protocols);
    this.#options = options;

    // Steps 1–7: parse url against the API base URL; http → ws, https → wss; only ws/wss; no fragment.
    const urlRecord = parseWebSocketUrl(urlString, options);

    // @spec whatwg#dom-websocket-websocket-step-8 "If protocols is a string, set protocols to a sequence consisting of just that string."
    if (typeof protocolList === 'string') protocolList = [protocolList];

    // @spec whatwg#dom-websocket-websocket-step-9 "If any of the values in protocols occur more than once or otherwise fail to match the requirements for elements that…"
    // @spec rfc6455#section-4.1-6.10 "The elements that comprise this value MUST be non-empty strings with characters in the range U+0021 to U+007E not…"
    // Step 9 compares the strings as they are, so chat and Chat are two
    // protocols. (A web-platform-test expects a SyntaxError
    // for names that differ only in case; no browser passes it, and the
    // standard's editor found no rule for it: whatwg/websockets#47.)
    const seen = new Set<string>();
    for (const protocol of protocolList) {
      if (!isToken(protocol)) throw syntaxError(`The subprotocol '${protocol}' is invalid.`);
      if (seen.has(protocol)) throw syntaxError(`The subprotocol '${protocol}' is duplicated.`);
      seen.add(protocol);
    }
    this.#protocols = protocolList;

    // @spec whatwg#dom-websocket-websocket-step-10 "Set this's url to urlRecord."
    this.#url = urlRecord;

    // @spec whatwg#dom-websocket-websocket-step-11 "Let client be this's relevant settings object."
    // Its origin goes into the request's Origin field (settings.ts).
    const client = relevantSettingsObject(options);

    // @spec whatwg#dom-websocket-websocket-step-12 "Run this step in parallel:"
    // @spec whatwg#dom-websocket-websocket-step-12.1 "Establish a WebSocket connection given urlRecord, protocols, and client."
    // In parallel: the establishing starts once the constructor has
    // returned (the first thing it does is wait for a microtask), and what
    // the connection does reaches the script through queued tasks only.
    void this.#establish(urlRecord, this.#protocols, client);
  }

  // ─── Attributes ────────────────────────────────────────────────────────

  // @spec whatwg#dom-websocket-url "The url getter steps are to return this's url, serialized."
  get url(): string {
    return this.#url.href;
  }

  // @spec whatwg#dom-websocket-readystate "The readyState getter steps are to return this's ready state."
  get readyState(): number {
    return this.#readyState;
  }

  /**
   * Bytes of application data queued by `send()` and not yet handed to the
   * network. It only grows once the connection is closing or closed: those
   * messages are never sent.
   */
  // @spec whatwg#dom-websocket-bufferedamount "The bufferedAmount getter steps are to return the number of bytes of application data (UTF-8 text and binary data) that…"
  get bufferedAmount(): number {
    return this.#bufferedAmount;
  }

  // @spec whatwg#dom-websocket-extensions "After the WebSocket connection is established, its value might change, as defined below."
  get extensions(): string {
    return this.#extensions;
  }

  // @spec whatwg#dom-websocket-protocol "After the WebSocket connection is established, its value might change, as defined below."
  get protocol(): string {
    return this.#protocol;
  }

  // @spec whatwg#dom-websocket-binarytype "The binaryType getter steps are to return this's binary type."
  get binaryType(): BinaryType {
    return this.#binaryType;
  }

  // @spec whatwg#interface-definition-20 "The binaryType setter steps are to set this's binary type to the given value."
  set binaryType(value: BinaryType) {
    // Web IDL enumeration: a value that is not "blob" or "arraybuffer" is
    // ignored, without an exception, and the binary type keeps its value.
    const type = String(value);
    if (type === 'blob' || type === 'arraybuffer') this.#binaryType = type;
  }

  // @spec whatwg#interface-definition-24 "The following are the event handlers (and their corresponding event handler event types) that must be supported, as…"
  // @spec whatwg#interface-definition-25
  get onopen(): EventHandlerValue {
    return this.#handlers.open;
  }
  set onopen(value: EventHandlerValue) {
    this.#setHandler('open', value);
  }
  get onmessage(): EventHandlerValue {
    return this.#handlers.message;
  }
  set onmessage(value: EventHandlerValue) {
    this.#setHandler('message', value);
  }
  get onerror(): EventHandlerValue {
    return this.#handlers.error;
  }
  set onerror(value: EventHandlerValue) {
    this.#setHandler('error', value);
  }
  get onclose(): EventHandlerValue {
    return this.#handlers.close;
  }
  set onclose(value: EventHandlerValue) {
    this.#setHandler('close', value);
  }

  /**
   * An event handler IDL attribute (HTML): a non-object is null; the first
   * non-null value adds one listener, which keeps its place among the
   * listeners while the value changes; null removes it.
   */
  #setHandler(type: EventHandlerName, value: unknown): void {
    const handler = (typeof value === 'function' || (typeof value === 'object' && value !== null) ? value : null) as EventHandlerValue;
    this.#handlers[type] = handler;
    if (handler === null) {
      const listener = this.#listeners[type];
      if (listener !== null) this.removeEventListener(type, listener);
      this.#listeners[type] = null;
    } else if (this.#listeners[type] === null) {
      const listener = (event: Event): void => {
        const current = this.#handlers[type];
        if (typeof current === 'function') (current as (this: WebSocket, event: Event) => unknown).call(this, event);
      };
      this.#listeners[type] = listener;
      this.addEventListener(type, listener);
    }
  }

  // ─── Methods ───────────────────────────────────────────────────────────

  /** Sends a text message (string) or a binary message (ArrayBuffer, view, Blob). */
  // @spec whatwg#dom-websocket-send
  send(data: string | ArrayBufferLike | ArrayBufferView | Blob): void {
    if (arguments.length === 0) throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required, but only 0 present.");
    // Web IDL conversion of (BufferSource or Blob or USVString).
    let outgoing: Outgoing;
    if (isArrayBuffer(data)) {
      outgoing = { text: false, data: new Uint8Array(data), size: data.byteLength };
    } else if (ArrayBuffer.isView(data)) {
      outgoing = { text: false, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), size: data.byteLength };
    } else if (isBlob(data)) {
      outgoing = { text: false, data, size: data.size };
    } else {
      const bytes = encodeUtf8(toUSVString(data));
      outgoing = { text: true, data: bytes, size: bytes.length };
    }

    // @spec whatwg#dom-websocket-send-step-1 "If this's ready state is CONNECTING, then throw an ‘InvalidStateError’ DOMException."
    if (this.#readyState === 0) throw invalidStateError('Still in CONNECTING state.');

    // Step 2: send if the connection is established and the closing
    // handshake has not started; either way, bufferedAmount grows. The
    // case (string, Blob, ArrayBuffer, view) was told apart above.
    // @spec whatwg#dom-websocket-send-step-2 "Run the appropriate set of steps from the following list:"
    // @spec whatwg#dom-websocket-send-step-2-2.1-2 "Any invocation of this method with a string argument that does not throw an exception must increase the bufferedAmount…"
    // @spec whatwg#dom-websocket-send-step-2-2.2-2 "Any invocation of this method with a Blob argument that does not throw an exception must increase the bufferedAmount…"
    // @spec whatwg#dom-websocket-send-step-2-2.3-2 "Any invocation of this method with an ArrayBuffer argument that does not throw an exception must increase the…"
    // DEVIATION: for a view, step 2.4.2 counts the length of the view's
    // whole buffer; the bytes sent are the view's, so the view's byteLength
    // is what counts here (as in Chromium and undici). Step 2.4.2 is
    // therefore not claimed as implemented.
    this.#bufferedAmount += outgoing.size;
    // @spec whatwg#dom-websocket-send-step-2-2.1-2 "If the WebSocket connection is established and the WebSocket closing handshake has not yet started, then the user agent…"
    if (!this.#canSend()) return;
    if (this.#readingBlob || isBlob(outgoing.data)) {
      // Behind a Blob being read: keep a copy of the bytes as they are now.
      if (!isBlob(outgoing.data)) outgoing.data = outgoing.data.slice();
      this.#outgoing.push(outgoing);
      void this.#drainOutgoing();
      return;
    }
    this.#transmit(outgoing.text, outgoing.data, outgoing.size);
  }

  /** Starts the closing handshake (or fails a connection still being set up). */
  // @spec whatwg#dom-websocket-close
  close(code?: number, reason?: string): void {
    // Web IDL conversions: optional [Clamp] unsigned short, optional USVString. An explicit undefined is "not present".
    const codePresent = code !== undefined;
    const reasonPresent = reason !== undefined;
    const closeCode = codePresent ? toClampedUnsignedShort(code) : undefined;
    const closeReason = reasonPresent ? toUSVString(reason) : '';

    // @spec whatwg#dom-websocket-close-step-1 "If code is present, but is neither an integer equal to 1000 nor an integer in the range 3000 to…"
    if (closeCode !== undefined && closeCode !== 1000 && !(closeCode >= 3000 && closeCode <= 4999)) {
      throw invalidAccessError(`The close code must be either 1000, or between 3000 and 4999. ${closeCode} is neither.`);
    }

    // @spec whatwg#dom-websocket-close-step-2 "If reason is present, then run these substeps:"
    if (reasonPresent) {
      // @spec whatwg#dom-websocket-close-step-2.1 "Let reasonBytes be the result of encoding reason."
      const reasonBytes = encodeUtf8(closeReason);
      // @spec whatwg#dom-websocket-close-step-2.2 "If reasonBytes is longer than 123 bytes, then throw a ‘SyntaxError’ DOMException."
      if (reasonBytes.length > MAX_CLOSE_REASON) throw syntaxError(`The close reason must not be greater than 123 UTF-8 bytes (${reasonBytes.length}).`);
    }

    // Step 3: the first matching case, each returning.
    // @spec whatwg#dom-websocket-close-step-3 "Run the first matching steps from the following list:"
    // @spec whatwg#dom-websocket-close-step-3-2.1 "If this's ready state is CLOSING (2) or CLOSED (3)"
    if (this.#readyState === 2 || this.#readyState === 3) return;

    const connection = this.#connection;
    // @spec whatwg#dom-websocket-close-step-3-2.2 "If the WebSocket connection is not yet established"
    if (connection === null || connection.state === State.CONNECTING) {
      // @spec whatwg#dom-websocket-close-step-3-2.2-2 "Fail the WebSocket connection and set this's ready state to CLOSING (2)."
      this.#fail('WebSocket is closed before the connection is established.');
      this.#readyState = 2;
      this.#flush();
      return;
    }

    // @spec whatwg#dom-websocket-close-step-3-2.3 "If the WebSocket closing handshake has not yet been started"
    if (connection.state === State.OPEN) {
      // @spec whatwg#dom-websocket-close-step-3-2.3-3 "If neither code nor reason is present, the WebSocket Close message must not have a body."
      // @spec whatwg#dom-websocket-close-step-3-2.3-5 "If code is present, then the status code to use in the WebSocket Close message must be the integer given by code."
      // @spec whatwg#dom-websocket-close-step-3-2.3-6 "If reason is also present, then reasonBytes must be provided in the Close message after the status code."
      // A reason without a code has no place in a Close frame (RFC 6455
      // §5.5.1: a body starts with a status code); step 3 places the
      // reason after the status code only, so none is sent.
      connection.close(closeCode, closeCode === undefined ? '' : closeReason);
      // @spec whatwg#dom-websocket-close-step-3-2.3-2 "Start the WebSocket closing handshake and set this's ready state to CLOSING (2)."
      this.#readyState = 2;
      this.#flush();
      return;
    }

    // @spec whatwg#dom-websocket-close-step-3-2.4-2 "Set this's ready state to CLOSING (2)."
    this.#readyState = 2;
  }

  // ─── The connection ────────────────────────────────────────────────────

  /** "Establish a WebSocket connection" (WHATWG), over the protocol core and the transport. */
  // @spec whatwg#concept-websocket-establish
  async #establish(url: URL, protocols: readonly string[], client: SettingsObject): Promise<void> {
    // In parallel with the script: nothing below runs before the constructor has returned.
    await null;
    const options = this.#options;
    const transportFactory = options.transport ?? defaultTransport;

    // @spec whatwg#concept-websocket-establish-step-1 "Let requestURL be a copy of url, with its scheme set to ‘http’, if url's scheme is ‘ws’; otherwise to ‘https’."
    const requestURL = new URL(url.href);
    requestURL.protocol = url.protocol === 'ws:' ? 'http:' : 'https:';
    // Obtaining the connection, steps 1–5: host, port, resource name, secure (transport.ts).
    const target = connectionTarget(requestURL);

    let handshake: ClientHandshake;
    try {
      if (transportFactory === null) throw new Error('no transport: pass options.transport, or import src/api/index.ts in Node');
      // @spec whatwg#concept-websocket-establish-step-2 "Let request be a new request, whose URL is requestURL, client is client"
      // What the request's settings change on the wire, without Fetch:
      // client: its origin is the Origin field (mode websocket always sends
      // it; with no origin, none, as in undici); service-workers mode none:
      // no service worker is asked (there are none); referrer no-referrer:
      // no Referer; credentials mode include: there is no cookie store nor
      // authentication cache to include from, and a URL's credentials are
      // not sent; cache mode no-store: no cache is read, and Fetch adds
      // Pragma and Cache-Control no-cache; redirect mode error: a 3xx fails
      // the connection (step 11.1), its Location is never requested.
      // @spec whatwg#concept-websocket-establish-step-3 "Append (`Upgrade`, `websocket`) to request's header list."
      // @spec whatwg#concept-websocket-establish-step-4 "Append (`Connection`, `Upgrade`) to request's header list."
      // @spec whatwg#concept-websocket-establish-step-5 "Let keyValue be a nonce consisting of a randomly selected 16-byte value that has been…"
      // @spec whatwg#concept-websocket-establish-step-6 "Append (`Sec-WebSocket-Key`, keyValue) to request's header list."
      // @spec whatwg#concept-websocket-establish-step-7 "Append (`Sec-WebSocket-Version`, `13`) to request's header list."
      // @spec whatwg#concept-websocket-establish-step-8 "For each protocol in protocols, combine (`Sec-WebSocket-Protocol`, protocol) in request's header list."
      // The protocol core writes the request line for the resource name, Host,
      // Upgrade, Connection, a fresh Sec-WebSocket-Key (16 random bytes,
      // base64), Sec-WebSocket-Version 13, the protocols in one field, and
      // Origin; steps 9–10 (permessage-deflate) are not applicable: the core
      // implements no extension, so none is offered.
      handshake = await createClientHandshake(`${target.secure ? 'wss' : 'ws'}://${target.host}:${target.port}${target.resourceName}`, {
        protocols,
        ...(client.origin !== null && { origin: client.origin }),
        headers: [
          ['Pragma', 'no-cache'],
          ['Cache-Control', 'no-cache'],
        ],
        sha1: platformSha1,
      });
    } catch (error) {
      this.#fail(error instanceof Error ? error.message : String(error));
      this.#closedWithoutConnection();
      return;
    }
    // close() was called while the handshake was being prepared.
    if (this.#failed) {
      this.#closedWithoutConnection();
      return;
    }

    const { host, port, secure } = target;
    // @spec whatwg#concept-websocket-establish-step-11.1 "If response is a network error or its status is not 101, fail the WebSocket connection."
    // Fetch refuses the "bad ports" (SMTP's 25 and others) with a network error.
    if (BAD_PORTS.has(port)) {
      this.#fail(`port ${port} is blocked (Fetch "bad port")`);
      this.#closedWithoutConnection();
      return;
    }

    // @spec whatwg#concept-websocket-establish-step-11.3 "Follow the requirements stated step 2 to step 6, inclusive, of the last set of steps in section 4.1…"
    // The core validates the response (RFC 6455 §4.1: status 101, Upgrade,
    // Connection, Sec-WebSocket-Accept, extensions, subprotocol): its open
    // event is the connection established, its error event the connection
    // failed (#handle).
    const connection = new ClientConnection(handshake, {
      ...(options.maxMessageSize !== undefined && { maxMessageSize: options.maxMessageSize }),
    });
    this.#connection = connection;
    // While CONNECTING, this pending timer also keeps the object reachable (garbage collection, below).
    this.#handshakeTimer = setTimeout(() => {
      if (connection.state !== State.CONNECTING) return;
      this.#fail(`the opening handshake timed out after ${options.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT} ms`);
      this.#flush();
    }, options.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT);
    unref(this.#handshakeTimer);

    // @spec whatwg#concept-websocket-establish-step-11 "Fetch request with useParallelQueue set to true, and processResponse given response being these steps:"
    // Without Fetch: the request goes onto the connection obtained as soon
    // as it is open (#flush), and the core hands the response to the
    // substeps (#handle).
    // @spec whatwg#concept-websocket-connection-obtain-step-6 "Follow the requirements stated in step 2 to 5, inclusive, of the first set of steps in section 4.1 of The WebSocket…"
    // @spec whatwg#concept-websocket-connection-obtain-step-7 "If that established a connection, return it, and return failure otherwise."
    // The transport's onopen: the connection is there, the request is
    // written; its onerror before that: failure, the WebSocket connection fails.
    // The handlers close over this object, and the platform keeps an open
    // stream (a socket with its listeners in Node, a native WebSocket in a
    // page) until it closes: until the connection is closed this object
    // stays reachable, whatever listeners it has and whatever it still has
    // to send.
    // @spec whatwg#garbage-collection-1 "A WebSocket object whose ready state was set to CONNECTING (0) as of the last time the event loop reached step 1 must…"
    // @spec whatwg#garbage-collection-2 "A WebSocket object whose ready state was set to OPEN (1) as of the last time the event loop reached step 1 must not be…"
    // @spec whatwg#garbage-collection-3 "A WebSocket object whose ready state was set to CLOSING (2) as of the last time the event loop reached step 1 must not…"
    // @spec whatwg#garbage-collection-4 "A WebSocket object with an established connection that has data queued to be transmitted to the…"
    this.#transport = transportFactory(
      { host, port, secure },
      {
        onopen: () => {
          this.#transportOpen = true;
          this.#flush();
        },
        ondata: (bytes) => {
          connection.receiveData(bytes);
          this.#flush();
        },
        onend: () => {
          // Closed before it was even open (a TLS handshake refused): the transport failed.
          if (!this.#transportOpen) this.#fail('the connection closed before it was established');
          connection.receiveEof();
          this.#flush();
        },
        onerror: (error) => {
          // @spec rfc6455#section-4.1-4.4 "If the connection could not be opened, either because a direct connection failed or because any proxy used returned an…"
          if (connection.state !== State.CONNECTING) return;
          this.#fail(error.message);
          this.#flush();
        },
        onclose: () => {
          this.#transportClosed = true;
          connection.receiveEof();
          this.#flush();
        },
      },
    );
  }

  /**
   * Writes what the core queued, closes the transport when the core says
   * so, and turns the core's events into tasks. Loops while handling an
   * event made the core act (an API-level failure).
   */
  #flush(written?: () => void): void {
    const connection = this.#connection;
    const transport = this.#transport;
    if (connection === null || transport === null) return;
    for (;;) {
      if (this.#transportOpen && !this.#transportClosed) {
        const chunks = connection.dataToSend();
        chunks.forEach((chunk, index) => transport.write(chunk, index === chunks.length - 1 ? written : undefined));
        written = undefined;
      }
      if (connection.shouldCloseTransport() && !this.#transportEnding && !this.#transportClosed) {
        this.#transportEnding = true;
        // @spec rfc6455#section-7.1.1-1 "An endpoint SHOULD use a method that cleanly closes the TCP connection"
        if (this.#transportOpen) transport.end();
        else transport.destroy();
      }
      if (connection.closeExpected() && this.#closeTimer === null && !this.#transportClosed) {
        // @spec rfc6455#section-5.5.1-6 "MAY close the connection at any time after sending and receiving a Close message, e.g., if it has not received a TCP…"
        this.#closeTimer = setTimeout(() => transport.destroy(), this.#options.closeTimeout ?? DEFAULT_CLOSE_TIMEOUT);
        unref(this.#closeTimer);
      }
      // The opening handshake is over (established or failed): the next
      // attempt to the same remote host may go (RFC 6455 §4.1 ¶4.2.1, in
      // the Node transport).
      if (connection.state !== State.CONNECTING) transport.handshakeSettled?.();
      const events = connection.events();
      if (events.length === 0) return;
      for (const event of events) this.#handle(connection, event);
    }
  }

  #handle(connection: ClientConnection, event: ConnectionEvent): void {
    switch (event.type) {
      case 'open': {
        clearTimer(this.#handshakeTimer);
        // @spec whatwg#concept-websocket-establish-step-11.2 "If protocols is not the empty list and extracting header list values given `Sec-WebSocket-Protocol` and response's…"
        if (this.#protocols.length > 0 && (event.protocol === null || event.protocol === '')) {
          this.#fail('Sent a non-empty Sec-WebSocket-Protocol header but no response was received');
          // Not established yet from the API's point of view: no Close frame (1006 is never sent).
          connection.fail(CloseCode.AbnormalClosure);
          return;
        }
        const { protocol, extensions } = event;
        // @spec whatwg#feedback-from-the-protocol-1 "When the WebSocket connection is established, the user agent must queue a task to run these steps:"
        queueTask(() => {
          // DEVIATION: close() may have run between the connection being
          // established and this task (ready state CLOSING): the object
          // does not go back to OPEN nor fire open (Chromium does the same).
          if (this.#readyState !== 0) return;
          // @spec whatwg#handle-connection-establishment-step-1 "Change the ready state to OPEN (1)."
          this.#readyState = 1;
          // @spec whatwg#handle-connection-establishment-step-2 "Change the extensions attribute's value to the extensions in use, if it is not the null value."
          if (extensions !== null) this.#extensions = extensions;
          // @spec whatwg#handle-connection-establishment-step-3 "Change the protocol attribute's value to the subprotocol in use, if it is not the null value."
          if (protocol !== null) this.#protocol = protocol;
          // @spec whatwg#handle-connection-establishment-step-4 "Fire an event named open at the WebSocket object."
          this.dispatchEvent(new Event('open'));
        });
        return;
      }
      case 'text':
      case 'binary': {
        const data = event.data;
        // @spec whatwg#feedback-from-the-protocol-4 "When a WebSocket message has been received with type type and data data, the user agent must queue a task to follow these steps:"
        queueTask(() => this.#messageReceived(data));
        return;
      }
      case 'close':
        // @spec whatwg#feedback-from-the-protocol-8 "When the WebSocket closing handshake is started, the user agent must queue a task to change the ready state to CLOSING (2)."
        queueTask(() => {
          if (this.#readyState === 1) this.#readyState = 2;
        });
        return;
      case 'error':
        this.#fail(describeFailure(event.error));
        return;
      case 'closed': {
        clearTimer(this.#handshakeTimer);
        clearTimer(this.#closeTimer);
        if (!this.#transportClosed && !this.#transportEnding) {
          this.#transportEnding = true;
          this.#transport?.end();
        }
        const { code, reason, wasClean } = event;
        // @spec whatwg#closeWebSocket "When the WebSocket connection is closed, possibly cleanly, the user agent must queue a task to run the following substeps:"
        queueTask(() => this.#closeSteps(wasClean, code, reason));
        return;
      }
      case 'ping':
      case 'pong':
      case 'request':
        // @spec whatwg#ping-and-pong-frames-1 "These are not currently exposed in the API."
        // @spec whatwg#ping-and-pong-frames-2 "User agents must not use pings or unsolicited pongs to aid the server"
        // The core answers each Ping with its Pong (RFC 6455 §5.5.2); this
        // layer sends no Ping and no unsolicited Pong, for no purpose: it
        // takes none of the permission, and so breaks none of the limit.
        return;
    }
  }

  /** A message arrived: the task's steps run now, with the binary type of now. */
  #messageReceived(data: string | Uint8Array): void {
    // @spec whatwg#handle-a-websocket-message-step-1 "If ready state is not OPEN (1), then return."
    if (this.#readyState !== 1) return;
    // @spec whatwg#handle-a-websocket-message-step-2 "Let dataForEvent be determined by switching on type and binary type:"
    let dataForEvent: string | Blob | ArrayBuffer;
    if (typeof data === 'string') {
      // @spec whatwg#handle-a-websocket-message-step-2-2.1-2 "a new DOMString containing data"
      dataForEvent = data;
    } else if (this.#binaryType === 'blob') {
      // @spec whatwg#dom-binarytype-blob-2 "a new Blob object, created in the relevant Realm of the WebSocket object, that represents data as its raw data"
      dataForEvent = new Blob([data as Uint8Array<ArrayBuffer>]);
    } else {
      // @spec whatwg#dom-binarytype-arraybuffer-2 "a new ArrayBuffer object, created in the relevant Realm of the WebSocket object, whose contents are data"
      dataForEvent = data.slice().buffer;
    }
    // @spec whatwg#handle-a-websocket-message-step-3 "Fire an event named message at the WebSocket object, using MessageEvent, with the origin attribute initialized to the…"
    this.dispatchEvent(createMessageEvent(dataForEvent, this.#url.origin));
  }

  /** "When the WebSocket connection is closed": the task's steps. */
  #closeSteps(wasClean: boolean, code: number, reason: string): void {
    // @spec whatwg#closeWebSocket-step-1 "Change the ready state to CLOSED (3)."
    this.#readyState = 3;
    // @spec whatwg#closeWebSocket-step-2 "If the user agent was required to fail the WebSocket connection, or if the WebSocket connection was closed after being…"
    // A plain Event: nothing in it tells the script why (a status code,
    // a refused port, a bad Sec-WebSocket-Accept all look the same).
    // @spec whatwg#feedback-from-the-protocol-11 "User agents must not convey any failure information to scripts in a way that would allow a script…"
    if (this.#failed) this.dispatchEvent(new Event('error'));
    // @spec whatwg#closeWebSocket-step-3 "Fire an event named close at the WebSocket object, using CloseEvent, with the wasClean attribute initialized to true if…"
    // @spec whatwg#feedback-from-the-protocol-13 "In all of these cases, the WebSocket connection close code would be 1006, as required by WebSocket Protocol."
    this.dispatchEvent(createCloseEvent(wasClean, code, reason));
  }

  /**
   * "Fail the WebSocket connection" from this layer (close() while
   * connecting, an API-level handshake rule, the transport): remembered for
   * the close steps' `error` event; the detail goes to the diagnostics only.
   */
  #fail(detail: string): void {
    if (!this.#failed) this.#options.onDiagnostic?.(`WebSocket connection to '${this.#url.href}' failed: ${detail}`);
    this.#failed = true;
    // Nothing established yet: no Close frame; the caller's flush closes the transport.
    if (this.#connection?.state === State.CONNECTING) this.#connection.fail(CloseCode.AbnormalClosure);
  }

  /** The connection ended before a transport existed (a bad port, close() while preparing the handshake). */
  #closedWithoutConnection(): void {
    clearTimer(this.#handshakeTimer);
    // @spec rfc6455#section-7.1.5-1 "If _The WebSocket Connection is Closed_ and no Close control frame was received by the endpoint (such as could occur if…"
    queueTask(() => this.#closeSteps(false, CloseCode.AbnormalClosure, ''));
  }

  /** Established, and the closing handshake not started (by either side). */
  #canSend(): boolean {
    return this.#readyState === 1 && this.#connection?.state === State.OPEN;
  }

  #transmit(text: boolean, data: Uint8Array, size: number): void {
    const connection = this.#connection!;
    if (text) connection.sendText(data);
    else connection.sendBinary(data);
    this.#flush(() => {
      this.#bufferedAmount -= size;
    });
  }

  /** Sends the messages queued behind a Blob, in order, reading each Blob as it comes. */
  async #drainOutgoing(): Promise<void> {
    if (this.#readingBlob) return;
    this.#readingBlob = true;
    try {
      while (this.#outgoing.length > 0) {
        const next = this.#outgoing[0]!;
        const bytes = isBlob(next.data) ? new Uint8Array(await next.data.arrayBuffer()) : next.data;
        this.#outgoing.shift();
        // Closed while the Blob was read: the message stays counted in bufferedAmount, never sent.
        if (this.#connection?.state !== State.OPEN) continue;
        this.#transmit(next.text, bytes, next.size);
      }
    } finally {
      this.#readingBlob = false;
    }
  }
}

/** The message for the diagnostics: the core's error, with a refused response's status line. */
function describeFailure(error: WebSocketError): string {
  if (error instanceof InvalidStatusError) {
    return `Error during WebSocket handshake: Unexpected response code: ${error.response.status} (${error.response.reason})`;
  }
  return error.message;
}

function clearTimer(timer: ReturnType<typeof setTimeout> | null): void {
  if (timer !== null) clearTimeout(timer);
}

function unref(timer: ReturnType<typeof setTimeout>): void {
  (timer as unknown as { unref?: () => void }).unref?.();
}

// Web IDL constants: on the interface object and its prototype, read-only, enumerable, not configurable.
// @spec whatwg#websocket-ready-state "It can have the following values:"
const CONSTANTS = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;
for (const target of [WebSocket, WebSocket.prototype]) {
  for (const [name, value] of Object.entries(CONSTANTS)) {
    Object.defineProperty(target, name, { value, writable: false, enumerable: true, configurable: false });
  }
}
Object.defineProperty(WebSocket.prototype, Symbol.toStringTag, { value: 'WebSocket', configurable: true });
