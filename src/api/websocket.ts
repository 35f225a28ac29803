/**
 * The `WebSocket` interface of the WHATWG WebSockets Standard, on top of
 * the sans-I/O protocol client (`ClientConnection`) and a byte-stream
 * `Transport`. No Node import: the same class runs in Node (TCP/TLS
 * transport, `src/api/index.ts`) and in a browser page (relay transport,
 * `src/api/browser.ts`).
 *
 * Split as undici splits its WebSocket: this file is the class (IDL
 * members, the tasks that change the ready state and fire events);
 * `connection.ts` builds the opening handshake (establish steps 1–10);
 * `pump.ts` drives the protocol core over the transport and hands its
 * events over one at a time; `options.ts` holds the embedder's options,
 * `ready-state.ts` the named ready states.
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
 * view's own bytes in bufferedAmount. The permessage-deflate offer of
 * establish steps 9-10 needs a DEFLATE codec (`options.deflate`, or the
 * default set by `setDefaultDeflateCodec`: node:zlib in Node); where there
 * is none (a page, with the relay transport) nothing is offered.
 */
import { CloseCode, encodeUtf8, MAX_CLOSE_REASON, State } from '../protocol/index.ts';
import { isToken } from '../protocol/http11.ts';
import { EstablishFailure, prepareConnection } from './connection.ts';
import { invalidAccessError, invalidStateError, syntaxError } from './errors.ts';
import { createCloseEvent, createMessageEvent } from './events.ts';
import { DEFAULT_CLOSE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, getDefaultTransport } from './options.ts';
import type { WebSocketOptions } from './options.ts';
import { EventPump } from './pump.ts';
import { ReadyState } from './ready-state.ts';
import { relevantSettingsObject } from './settings.ts';
import type { SettingsObject } from './settings.ts';
import { parseWebSocketUrl } from './url.ts';
import { toClampedUnsignedShort, toStringOrSequence, toUSVString } from './webidl.ts';

// @spec whatwg#interface-definition-2
export type BinaryType = 'blob' | 'arraybuffer';

type EventHandlerName = 'open' | 'message' | 'error' | 'close';
type EventHandlerValue = ((this: WebSocket, event: Event) => unknown) | object | null;

export { DEFAULT_CLOSE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, setDefaultDeflateCodec, setDefaultTransport } from './options.ts';
export type { WebSocketOptions } from './options.ts';

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
  #readyState: ReadyState = ReadyState.CONNECTING;
  // @spec whatwg#websocket-binary-type "Each WebSocket object has an associated binary type, which is a BinaryType. Initially it must be ‘blob’."
  #binaryType: BinaryType = 'blob';
  // @spec whatwg#dom-websocket-extensions "The extensions attribute must initially return the empty string."
  #extensions = '';
  // @spec whatwg#dom-websocket-protocol "The protocol attribute must initially return the empty string."
  #protocol = '';
  #bufferedAmount = 0;

  readonly #options: WebSocketOptions;
  /** The protocol core over the transport, once the request is prepared (pump.ts). */
  #pump: EventPump | null = null;
  /** "The user agent was required to fail the WebSocket connection": the close steps fire `error`. */
  #failed = false;
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
    // Web IDL ignores arguments past the operation's own: a script's stray third argument is not the embedder's options (WPT constructor.any.js).
    if (typeof options !== 'object' || options === null) options = {};
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
    if (this.#readyState === ReadyState.CONNECTING) throw invalidStateError('Still in CONNECTING state.');

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
    if (this.#readyState === ReadyState.CLOSING || this.#readyState === ReadyState.CLOSED) return;

    const pump = this.#pump;
    // @spec whatwg#dom-websocket-close-step-3-2.2 "If the WebSocket connection is not yet established"
    if (pump === null || pump.state === State.CONNECTING) {
      // @spec whatwg#dom-websocket-close-step-3-2.2-2 "Fail the WebSocket connection and set this's ready state to CLOSING (2)."
      this.#fail('WebSocket is closed before the connection is established.');
      this.#readyState = ReadyState.CLOSING;
      pump?.flush();
      return;
    }

    // @spec whatwg#dom-websocket-close-step-3-2.3 "If the WebSocket closing handshake has not yet been started"
    if (pump.state === State.OPEN) {
      // @spec whatwg#dom-websocket-close-step-3-2.3-3 "If neither code nor reason is present, the WebSocket Close message must not have a body."
      // @spec whatwg#dom-websocket-close-step-3-2.3-5 "If code is present, then the status code to use in the WebSocket Close message must be the integer given by code."
      // @spec whatwg#dom-websocket-close-step-3-2.3-6 "If reason is also present, then reasonBytes must be provided in the Close message after the status code."
      // A reason without a code has no place in a Close frame (RFC 6455
      // §5.5.1: a body starts with a status code); step 3 places the
      // reason after the status code only, so none is sent.
      pump.close(closeCode, closeCode === undefined ? '' : closeReason);
      // @spec whatwg#dom-websocket-close-step-3-2.3-2 "Start the WebSocket closing handshake and set this's ready state to CLOSING (2)."
      this.#readyState = ReadyState.CLOSING;
      return;
    }

    // @spec whatwg#dom-websocket-close-step-3-2.4-2 "Set this's ready state to CLOSING (2)."
    this.#readyState = ReadyState.CLOSING;
  }

  // ─── The connection ────────────────────────────────────────────────────

  /** "Establish a WebSocket connection" (WHATWG): the request (connection.ts), then the core over the transport (pump.ts). */
  // @spec whatwg#concept-websocket-establish
  async #establish(url: URL, protocols: readonly string[], client: SettingsObject): Promise<void> {
    // In parallel with the script: nothing below runs before the constructor has returned.
    await null;
    const options = this.#options;
    const transportFactory = options.transport ?? getDefaultTransport();
    let prepared;
    try {
      if (transportFactory === null) throw new EstablishFailure('no transport: pass options.transport, or import src/api/index.ts in Node');
      prepared = await prepareConnection(url, protocols, client, options);
    } catch (error) {
      if (!(error instanceof EstablishFailure)) throw error;
      this.#fail(error.message);
      this.#closedWithoutConnection();
      return;
    }
    // close() was called while the handshake was being prepared.
    if (this.#failed) {
      this.#closedWithoutConnection();
      return;
    }
    this.#pump = new EventPump(
      prepared.connection,
      transportFactory,
      prepared.target,
      {
        fail: (detail) => this.#fail(detail),
        established: (protocol, extensions) => this.#connectionEstablished(protocol, extensions),
        message: (data, next) => {
          // @spec whatwg#feedback-from-the-protocol-4 "When a WebSocket message has been received with type type and data data, the user agent must queue a task to follow these steps:"
          queueTask(() => {
            this.#messageReceived(data);
            next();
          });
        },
        closingStarted: () => {
          // @spec whatwg#feedback-from-the-protocol-8 "When the WebSocket closing handshake is started, the user agent must queue a task to change the ready state to CLOSING (2)."
          queueTask(() => {
            if (this.#readyState === ReadyState.OPEN) this.#readyState = ReadyState.CLOSING;
          });
        },
        closed: (wasClean, code, reason) => {
          // @spec whatwg#closeWebSocket "When the WebSocket connection is closed, possibly cleanly, the user agent must queue a task to run the following substeps:"
          queueTask(() => this.#closeSteps(wasClean, code, reason));
        },
      },
      {
        handshakeTimeout: options.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT,
        closeTimeout: options.closeTimeout ?? DEFAULT_CLOSE_TIMEOUT,
      },
    );
  }

  /** The core validated the response: the API's own check, then the establishment task. False: failed. */
  #connectionEstablished(protocol: string | null, extensions: string | null): boolean {
    // @spec whatwg#concept-websocket-establish-step-11.2 "If protocols is not the empty list and extracting header list values given `Sec-WebSocket-Protocol` and response's…"
    if (this.#protocols.length > 0 && (protocol === null || protocol === '')) {
      this.#fail('Sent a non-empty Sec-WebSocket-Protocol header but no response was received');
      return false;
    }
    // @spec whatwg#feedback-from-the-protocol-1 "When the WebSocket connection is established, the user agent must queue a task to run these steps:"
    queueTask(() => {
      // DEVIATION: close() may have run between the connection being
      // established and this task (ready state CLOSING): the object
      // does not go back to OPEN nor fire open (Chromium does the same).
      if (this.#readyState !== ReadyState.CONNECTING) return;
      // @spec whatwg#handle-connection-establishment-step-1 "Change the ready state to OPEN (1)."
      this.#readyState = ReadyState.OPEN;
      // @spec whatwg#handle-connection-establishment-step-2 "Change the extensions attribute's value to the extensions in use, if it is not the null value."
      if (extensions !== null) this.#extensions = extensions;
      // @spec whatwg#handle-connection-establishment-step-3 "Change the protocol attribute's value to the subprotocol in use, if it is not the null value."
      if (protocol !== null) this.#protocol = protocol;
      // @spec whatwg#handle-connection-establishment-step-4 "Fire an event named open at the WebSocket object."
      this.dispatchEvent(new Event('open'));
    });
    return true;
  }

  /** A message arrived: the task's steps run now, with the binary type of now. */
  #messageReceived(data: string | Uint8Array): void {
    // @spec whatwg#handle-a-websocket-message-step-1 "If ready state is not OPEN (1), then return."
    if (this.#readyState !== ReadyState.OPEN) return;
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
    this.#readyState = ReadyState.CLOSED;
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
    this.#pump?.failHandshake();
  }

  /** The connection ended before a transport existed (a bad port, close() while preparing the handshake). */
  #closedWithoutConnection(): void {
    // @spec rfc6455#section-7.1.5-1 "If _The WebSocket Connection is Closed_ and no Close control frame was received by the endpoint (such as could occur if…"
    queueTask(() => this.#closeSteps(false, CloseCode.AbnormalClosure, ''));
  }

  /** Established, and the closing handshake not started (by either side). */
  #canSend(): boolean {
    return this.#readyState === ReadyState.OPEN && this.#pump?.state === State.OPEN;
  }

  #transmit(text: boolean, data: Uint8Array, size: number): void {
    this.#pump!.send(text, data, () => {
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
        if (this.#pump?.state !== State.OPEN) continue;
        this.#transmit(next.text, bytes, next.size);
      }
    } finally {
      this.#readingBlob = false;
    }
  }
}

// Web IDL constants: on the interface object and its prototype, read-only, enumerable, not configurable.
// @spec whatwg#websocket-ready-state "It can have the following values:"
for (const target of [WebSocket, WebSocket.prototype]) {
  for (const [name, value] of Object.entries(ReadyState)) {
    Object.defineProperty(target, name, { value, writable: false, enumerable: true, configurable: false });
  }
}
Object.defineProperty(WebSocket.prototype, Symbol.toStringTag, { value: 'WebSocket', configurable: true });
