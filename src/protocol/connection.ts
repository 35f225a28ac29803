/**
 * The WebSocket connection, sans I/O (after python-websockets' `Protocol`):
 * it never touches a socket. Bytes go in (`receiveData`, `receiveEof`),
 * events and bytes come out (`nextEvent` or `events`, `dataToSend`), and
 * predicates tell the transport what to do (`closeExpected`,
 * `shouldCloseTransport`, `failed`). Actions (`sendText`, `close`, …) queue
 * bytes. Timers belong to the caller.
 *
 * Delivery in wire order: the connection reads ahead at most one message.
 * Once a message event is queued, the frames after it stay unread until the
 * caller takes that message (`nextEvent()`), so the application answers
 * message N before frame N+1 has any effect (a Close reply, a failure): a
 * reply sent from a message handler goes out before the Close that
 * followed the message on the wire. `events()` reads everything at once.
 *
 * States (§4.1, §4.2.2, §7.1.3, §7.1.4):
 *
 *   CONNECTING ─ handshake ok ─→ OPEN ─ Close sent or received ─→ CLOSING ─ transport closed ─→ CLOSED
 *        └──────────────── handshake failed, transport closed ─────────────────────────────────┘
 *
 * `Connection` starts OPEN (its handshake happened elsewhere);
 * `ClientConnection` and `ServerConnection` start CONNECTING and carry the
 * opening handshake too.
 */
import { cryptoRandom } from './accept.ts';
import type { RandomSource } from './accept.ts';
import { CloseCode, isValidCloseCodeToSend } from './close-codes.ts';
import { parseCloseBody, serializeCloseBody } from './close.ts';
import type { CloseBody } from './close.ts';
import { ERRORS, ProtocolError, UsageError } from './errors.ts';
import type { WebSocketError } from './errors.ts';
import { encodeFrame, encodeFrameHeader, FrameReader, MAX_CONTROL_PAYLOAD } from './frames.ts';
import type { FrameHeader } from './frames.ts';
import type { HandshakeRequest } from './handshake/server.ts';
import type { HttpResponse } from './http11.ts';
import type { MessageExtension } from './message-extension.ts';
import { Opcode } from './opcodes.ts';
import { decodeUtf8, encodeUtf8, Utf8StreamDecoder } from './utf8.ts';

export type Role = 'client' | 'server';

export const State = {
  CONNECTING: 0,
  OPEN: 1,
  CLOSING: 2,
  CLOSED: 3,
} as const;
export type State = (typeof State)[keyof typeof State];

/**
 * 16 MiB: the largest message Autobahn|Testsuite sends (case 9.1.6), and
 * small enough that a few connections cannot exhaust a server's memory.
 */
export const DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

/**
 * 16,384 frames: the most fragments one message may come in (ws's limit).
 * Each fragment costs a little bookkeeping even when empty, so a count,
 * not only a size, bounds what a peer can make us hold; a sender that
 * needs more fragments than this for one message does not exist in practice.
 */
export const DEFAULT_MAX_FRAGMENTS = 16_384;

/** Unmasked payloads from this size on are queued beside their header instead of being copied. */
const ZERO_COPY_MIN = 16 * 1024;

export interface ConnectionOptions {
  /** Largest message accepted, in bytes, after reassembly of its fragments (§10.4). Default 16 MiB. */
  maxMessageSize?: number;
  /** Largest frame payload accepted, in bytes. Default: `maxMessageSize`. */
  maxFrameSize?: number;
  /** Most frames one message may come in (1008 above). Default 16,384. */
  maxFragments?: number;
  /** Source of masking keys (clients). Default `crypto.getRandomValues`. */
  random?: RandomSource;
}

export type ConnectionEvent =
  /** Client: the server accepted the opening handshake. */
  | { type: 'open'; protocol: string | null; extensions: string | null; response: HttpResponse }
  /** Server: a valid opening handshake arrived; answer with `accept()` or `reject()`. */
  | { type: 'request'; handshake: HandshakeRequest }
  | { type: 'text'; data: string }
  | { type: 'binary'; data: Uint8Array }
  | { type: 'ping'; data: Uint8Array }
  | { type: 'pong'; data: Uint8Array }
  /** A Close frame arrived (the reply, if one is due, is already queued). */
  | { type: 'close'; code: number; reason: string }
  /** The connection failed: the handshake was invalid or the peer broke a rule. */
  | { type: 'error'; error: WebSocketError }
  /** The transport closed: _The WebSocket Connection is Closed_. */
  | { type: 'closed'; code: number; reason: string; wasClean: boolean };

export const EMPTY = new Uint8Array(0);

interface IncomingMessage {
  opcode: typeof Opcode.Text | typeof Opcode.Binary;
  /** Bytes received so far (decoded, when an extension applies). */
  size: number;
  /** Frames received so far. */
  fragments: number;
  parts: Uint8Array[];
  texts: string[];
  decoder: Utf8StreamDecoder | null;
  /** The extensions that decode it (their RSV bits were set on its first frame), in the order they were negotiated. */
  extensions: readonly MessageExtension[];
}

function isMessage(event: ConnectionEvent): boolean {
  return event.type === 'text' || event.type === 'binary';
}

export class Connection {
  readonly role: Role;
  readonly #maxMessageSize: number;
  readonly #maxFragments: number;
  readonly #random: RandomSource;
  readonly #reader: FrameReader;

  #state: State;
  #events: ConnectionEvent[] = [];
  /** Message events in #events: while there is one, no further frame is read. */
  #messagesQueued = 0;
  /** The transport closed; the frames before the end are still to be read. */
  #eof = false;
  #output: Uint8Array[] = [];
  /** Extensions in use, in the order negotiated (`useExtensions`). */
  #extensions: readonly MessageExtension[] = [];
  /** Opcode-independent state of the message being sent: the extensions encoding it. */
  #sendingExtensions: readonly MessageExtension[] = [];
  #failed = false;
  #pongsQueued = 0;

  /** The header being read, already checked, while its payload arrives. */
  #header: FrameHeader | null = null;
  #message: IncomingMessage | null = null;
  /** Incoming bytes are dropped: after a Close frame, or once the connection failed. */
  #discarding = false;

  /** Opcode of the fragmented message being sent, or null. */
  #sending: number | null = null;
  #closeSent: CloseBody | null = null;
  #closeReceived: CloseBody | null = null;
  #closeTransport = false;

  #keys: Uint8Array = EMPTY;
  #keyOffset = 0;
  /** The current frame's masking key: copied into the frame, so one buffer serves every frame. */
  readonly #key = new Uint8Array(4);

  constructor(role: Role, options: ConnectionOptions = {}, state: State = State.OPEN) {
    this.role = role;
    this.#maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.#maxFragments = options.maxFragments ?? DEFAULT_MAX_FRAGMENTS;
    this.#random = options.random ?? cryptoRandom;
    this.#reader = new FrameReader({
      peer: role === 'server' ? 'client' : 'server',
      maxFrameSize: Math.min(options.maxFrameSize ?? this.#maxMessageSize, this.#maxMessageSize),
    });
    this.#state = state;
  }

  get state(): State {
    return this.#state;
  }

  /**
   * Received bytes the connection holds: the unread part of the current
   * frame and the fragments of the message being reassembled. Bounded by
   * 14 + maxFrameSize + maxMessageSize.
   */
  get bufferedAmount(): number {
    return this.#reader.bufferedAmount + (this.#message?.size ?? 0);
  }

  /** The extensions in use (see `useExtensions`). */
  get extensions(): readonly MessageExtension[] {
    return this.#extensions;
  }

  // ─── Output ──────────────────────────────────────────────────────────────

  /**
   * The next event, or null when the bytes received so far make no more.
   * Reads frames only up to the next message: take the events one at a
   * time and each message reaches the application before the frames after
   * it are acted on.
   */
  nextEvent(): ConnectionEvent | null {
    if (this.#events.length === 0) this.#pump(true);
    const event = this.#events.shift();
    if (event === undefined) return null;
    if (isMessage(event)) this.#messagesQueued--;
    return event;
  }

  /** Every event of the bytes received so far, in order (reads them all). */
  events(): ConnectionEvent[] {
    this.#pump(false);
    const events = this.#events;
    this.#events = [];
    this.#messagesQueued = 0;
    return events;
  }

  /**
   * Bytes to write to the transport since the last call, in order. Sending
   * only queues: the caller writes when it chooses (the Node adapter writes
   * what one chunk of input made it send in a single write).
   */
  // @spec rfc6455#section-2.1-10 "When an implementation is required to _send_ data as part of the WebSocket Protocol, the implementation MAY delay the…"
  dataToSend(): Uint8Array[] {
    const output = this.#output;
    this.#output = [];
    this.#pongsQueued = 0;
    return output;
  }

  /**
   * Pongs answering Pings among the bytes the next `dataToSend()` returns:
   * an adapter counts them until they are written, to bound the Pongs owed
   * to a peer that sends Pings and never reads.
   */
  get pongsQueued(): number {
    return this.#pongsQueued;
  }

  /**
   * Whether the transport is expected to close soon: the closing handshake
   * has started or the connection failed. The caller arms its closing
   * timeout and closes the transport itself if the peer does not.
   */
  closeExpected(): boolean {
    return this.#state === State.CLOSING || this.#closeTransport;
  }

  /**
   * Whether this endpoint must close the transport once `dataToSend()` is
   * written: a server after the closing handshake, any endpoint whose
   * connection failed or whose handshake was refused. (A client waits for
   * the server to close first.)
   */
  shouldCloseTransport(): boolean {
    return this.#closeTransport;
  }

  /**
   * Whether the connection failed (§7.1.7): by the peer's fault, a refused
   * or invalid handshake, or `fail()`. The transport is then closed at
   * once, without waiting for the peer: nothing it sends is processed.
   */
  get failed(): boolean {
    return this.#failed;
  }

  // ─── Input ───────────────────────────────────────────────────────────────

  /**
   * Feeds bytes received from the transport. The connection takes them:
   * masked payloads are unmasked in place, and events may hold views of
   * them. Never throws for anything the peer sends: a violation fails the
   * connection (an `error` event and, when open, a Close frame).
   */
  receiveData(bytes: Uint8Array): void {
    if (this.#state === State.CLOSED || this.#discarding || this.#eof) return;
    if (this.#state === State.CONNECTING) {
      this.receiveHandshakeData(bytes);
      return;
    }
    this.#reader.push(bytes);
    this.#pump(true);
  }

  /**
   * The transport closed (or the peer half-closed it): once the frames
   * received before are read, the connection is CLOSED. Without a closing
   * handshake, that is a failure: close code 1006, not clean, and the
   * caller closes its side of the transport.
   */
  // @spec rfc6455#section-7.2.1-2 "If at any point the underlying transport layer connection is unexpectedly lost, the client MUST _Fail the WebSocket Connection_."
  receiveEof(): void {
    if (this.#state === State.CLOSED || this.#eof) return;
    if (this.#state === State.CONNECTING) this.receiveHandshakeEof();
    this.#eof = true;
    this.#pump(true);
  }

  /**
   * Reads frames: all of them, or (`untilMessage`) until a message event is
   * queued. Then, if the transport has ended and nothing more can be read,
   * the connection is closed.
   */
  #pump(untilMessage: boolean): void {
    if (this.#state === State.CLOSED) return;
    if (this.#state !== State.CONNECTING) {
      if (untilMessage && this.#messagesQueued > 0) return;
      if (!this.#discarding && !this.#readFrames(untilMessage)) return;
    }
    if (this.#eof) this.#closed();
  }

  /** _The WebSocket Connection is Closed_. */
  #closed(): void {
    this.#state = State.CLOSED;
    for (const extension of this.#extensions) extension.dispose?.();
    this.#reader.discard();
    this.#message = null;
    const received = this.#closeReceived;
    this.#events.push({
      type: 'closed',
      // @spec rfc6455#section-7.1.5-1 "If _The WebSocket Connection is Closed_ and no Close control frame was received by the endpoint (such as could occur if…"
      code: received?.code ?? CloseCode.AbnormalClosure,
      // @spec rfc6455#section-7.1.6-1 "If there is no such data in the Close control frame, _The WebSocket Connection Close Reason_ is the empty string."
      reason: received?.reason ?? '',
      // @spec rfc6455#section-7.1.4-1 "If the TCP connection was closed after the WebSocket closing handshake was completed, the WebSocket…"
      wasClean: received !== null && this.#closeSent !== null,
    });
  }

  /**
   * Reads and handles frames while whole ones are buffered; with
   * `untilMessage`, stops once a message event is queued. Returns whether
   * it read all it could (false: it stopped at a message).
   */
  #readFrames(untilMessage: boolean): boolean {
    try {
      for (;;) {
        if (untilMessage && this.#messagesQueued > 0) return false;
        if (this.#header === null) {
          const header = this.#reader.readHeader();
          if (header === null) return true;
          this.#checkHeader(header);
          this.#header = header;
        }
        const payload = this.#reader.readPayload();
        if (payload === null) return true;
        const header = this.#header;
        this.#header = null;
        this.#handleFrame(header, payload);
        if (this.#discarding) return true;
      }
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      // The peer broke a rule: its error's close code and message go in the Close frame.
      this.fail(error.closeCode ?? CloseCode.ProtocolError, ERRORS[error.code].message, error);
      return true;
    }
  }

  #emitMessage(event: ConnectionEvent): void {
    this.#events.push(event);
    this.#messagesQueued++;
  }

  /** Rules that need the message context, checked before any payload byte is buffered. */
  #checkHeader(header: FrameHeader): void {
    // Only the first frame of a data message may carry the RSV bits of a
    // negotiated extension (the reader has refused any other bit).
    // @spec rfc6455#section-5.2-3.2 "If a nonzero value is received and none of the negotiated extensions defines the meaning of such a nonzero value, the…"
    const rsv = rsvBits(header);
    if (rsv !== 0 && header.opcode !== Opcode.Text && header.opcode !== Opcode.Binary) {
      throw new ProtocolError('WS_ERR_UNEXPECTED_RSV', `RSV bits 0x${rsv.toString(16)} on opcode 0x${header.opcode.toString(16)}`);
    }
    // @spec rfc6455#section-5.4-5.12 "all fragments of a message are of the same type, as set by the first fragment's opcode"
    if (header.opcode === Opcode.Continuation) {
      // @spec rfc6455#section-5.4-5.2.1 "A fragmented message consists of a single frame with the FIN bit clear and an opcode other than 0, followed by zero or…"
      if (this.#message === null) throw new ProtocolError('WS_ERR_UNEXPECTED_CONTINUATION');
      // A count as well as a size: empty fragments cost nothing in bytes.
      // @spec rfc6455#section-10.4-1 "Such an implementation SHOULD impose a limit on frame sizes and the total message size after reassembly from multiple frames."
      if (this.#message.fragments >= this.#maxFragments) throw new ProtocolError('WS_ERR_TOO_MANY_FRAGMENTS', `more than ${this.#maxFragments}`);
    } else if (header.opcode === Opcode.Text || header.opcode === Opcode.Binary) {
      // @spec rfc6455#section-5.4-5.5 "The fragments of one message MUST NOT be interleaved between the fragments of another message unless an extension has…"
      if (this.#message !== null) throw new ProtocolError('WS_ERR_EXPECTED_CONTINUATION');
    } else {
      // @spec rfc6455#section-5.4-5.3 "Control frames (see Section 5.5) MAY be injected in the middle of a fragmented message."
      // @spec rfc6455#section-5.4-5.6 "An endpoint MUST be capable of handling control frames in the middle of a fragmented message."
      return;
    }
    // Before any payload byte is buffered. (An extension's decoded size is checked as it decodes.)
    // @spec rfc6455#section-10.4-1 "Such an implementation SHOULD impose a limit on frame sizes and the total message size after reassembly from multiple frames."
    const size = (this.#message?.size ?? 0) + header.length;
    if (size > this.#maxMessageSize) throw new ProtocolError('WS_ERR_MESSAGE_TOO_BIG', `${size} > ${this.#maxMessageSize} bytes`);
  }

  #handleFrame(header: FrameHeader, payload: Uint8Array): void {
    switch (header.opcode) {
      case Opcode.Text:
      case Opcode.Binary:
      case Opcode.Continuation:
        this.#handleData(header, payload);
        return;
      case Opcode.Close:
        this.#handleClose(payload);
        return;
      case Opcode.Ping:
        this.#events.push({ type: 'ping', data: payload });
        // @spec rfc6455#section-5.5.2-3 "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response, unless it already received a Close frame."
        // @spec rfc6455#section-5.5.3-3 "A Pong frame sent in response to a Ping frame must have identical "Application data" as found in the message body of the Ping frame being replied to."
        this.#sendFrame(Opcode.Pong, payload, true);
        this.#pongsQueued++;
        return;
      case Opcode.Pong:
        // @spec rfc6455#section-5.5.3-5 "A response to an unsolicited Pong frame is not expected."
        this.#events.push({ type: 'pong', data: payload });
        return;
    }
  }

  // @spec rfc6455#section-6.2-1
  // @spec rfc6455#section-5.4-5.8 "Clients and servers MUST support receiving both fragmented and unfragmented messages."
  #handleData(header: FrameHeader, payload: Uint8Array): void {
    if (header.opcode !== Opcode.Continuation) {
      const extensions = this.#decoders(rsvBits(header));
      if (header.fin && extensions.length === 0) {
        // An unfragmented message: one frame, FIN set.
        if (header.opcode === Opcode.Text) {
          const text = decodeUtf8(payload);
          // @spec rfc6455#section-8.1-1
          if (text === null) throw new ProtocolError('WS_ERR_INVALID_UTF8');
          this.#emitMessage({ type: 'text', data: text });
        } else {
          this.#emitMessage({ type: 'binary', data: payload });
        }
        return;
      }
      // @spec rfc6455#section-5.4-5.12 "As a consequence of these rules, all fragments of a message are of the same type, as set by the first fragment's opcode."
      const opcode = header.opcode === Opcode.Text ? Opcode.Text : Opcode.Binary;
      const decoder = opcode === Opcode.Text ? new Utf8StreamDecoder() : null;
      this.#message = { opcode, size: 0, fragments: 0, parts: [], texts: [], decoder, extensions };
    }
    const message = this.#message!;
    message.fragments++;
    // The extensions' decoding, last negotiated first (§9: each applies to what the one before it produced).
    for (let i = message.extensions.length - 1; i >= 0; i--) {
      payload = message.extensions[i]!.decode(payload, header.fin, this.#maxMessageSize - message.size);
    }
    message.size += payload.length;
    // @spec rfc6455#section-10.4-1 "Such an implementation SHOULD impose a limit on frame sizes and the total message size after reassembly from multiple frames."
    if (message.size > this.#maxMessageSize) throw new ProtocolError('WS_ERR_MESSAGE_TOO_BIG', `${message.size} > ${this.#maxMessageSize} bytes`);
    // Fragments are appended in the order they arrived, which is the order
    // sent. An empty one costs nothing but its count (no part, no string).
    // @spec rfc6455#section-5.4-5.4 "Message fragments MUST be delivered to the recipient in the order sent by the sender."
    if (message.decoder !== null) {
      // Validated fragment by fragment: an invalid sequence fails the connection on the fragment that has it.
      const text = payload.length === 0 && !header.fin ? '' : message.decoder.push(payload, header.fin);
      // @spec rfc6455#section-5.6-3.1 "however, the whole message MUST contain valid UTF-8"
      if (text === null) throw new ProtocolError('WS_ERR_INVALID_UTF8');
      if (text.length > 0) message.texts.push(text);
    } else if (payload.length > 0) {
      message.parts.push(payload);
    }
    if (!header.fin) return;
    this.#message = null;
    // @spec rfc6455#section-6.2-1 "When the last fragment is received as indicated by the FIN bit (frame-fin), it is said that _A…"
    if (message.opcode === Opcode.Text) this.#emitMessage({ type: 'text', data: message.texts.join('') });
    else this.#emitMessage({ type: 'binary', data: concat(message.parts, message.size) });
  }

  /** The extensions whose RSV bits are all in `rsv`; every bit set must belong to one. */
  #decoders(rsv: number): readonly MessageExtension[] {
    if (rsv === 0) return [];
    const extensions = this.#extensions.filter((extension) => (extension.rsvBits & rsv) === extension.rsvBits && extension.rsvBits !== 0);
    let claimed = 0;
    for (const extension of extensions) claimed |= extension.rsvBits;
    // @spec rfc6455#section-5.2-3.2 "If a nonzero value is received and none of the negotiated extensions defines the meaning of such a nonzero value, the…"
    if (claimed !== rsv) throw new ProtocolError('WS_ERR_UNEXPECTED_RSV', `RSV bits 0x${rsv.toString(16)}`);
    return extensions;
  }

  #handleClose(payload: Uint8Array): void {
    const body = parseCloseBody(payload);
    this.#closeReceived = body;
    this.#events.push({ type: 'close', code: body.code, reason: body.reason });
    // Nothing may follow a Close frame; what does is dropped.
    // @spec rfc6455#section-7.1.1-1 "discarding any trailing bytes that may have been received"
    this.#discarding = true;
    this.#reader.discard();
    // @spec rfc6455#section-5.5.1-5 "If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST send a Close frame in response."
    if (this.#closeSent === null) {
      // "(When sending a Close frame in response, the endpoint typically echos the status code it received.)"
      const code = body.code === CloseCode.NoStatusReceived ? undefined : body.code;
      this.#sendClose(code, body.reason);
    }
    // @spec rfc6455#section-7.1.3-1 "Upon either sending or receiving a Close control frame, it is said that _The WebSocket Closing Handshake is Started_…"
    this.#state = State.CLOSING;
    // @spec rfc6455#section-5.5.1-6 "The server MUST close the underlying TCP connection immediately; the client SHOULD wait for the server to close the connection"
    // @spec rfc6455#section-7.1.1-2 "when a server is instructed to _Close the WebSocket Connection_ it SHOULD initiate a TCP Close immediately, and when a…"
    // @spec rfc6455#section-7.1.7-3 "Except as indicated above or as specified by the application layer (e.g., a script using the…"
    // @spec rfc6455#section-7.2.1-3 "clients SHOULD NOT close the connection"
    if (this.role === 'server') this.#closeTransport = true;
  }

  // ─── Actions ─────────────────────────────────────────────────────────────

  /**
   * Sends a text message, or with `fin` false the first fragment of one.
   * Bytes are sent as given: they must be UTF-8.
   */
  // @spec rfc6455#section-6.1-2.3 "The opcode (frame-opcode) of the first frame containing the data MUST be set to the appropriate value from Section 5.2…"
  sendText(data: string | Uint8Array, fin = true): void {
    this.#sendData(Opcode.Text, typeof data === 'string' ? encodeUtf8(data) : data, fin);
  }

  /**
   * Sends a binary message, or with `fin` false the first fragment of one.
   * A server queues payloads of 16 KiB or more without copying them: leave
   * `data` unmodified until `dataToSend()` has been written. (A client
   * masks into a copy, so that the application cannot change a frame once
   * it is formed, §10.3.)
   */
  // @spec rfc6455#section-6.1-2.3 "The opcode (frame-opcode) of the first frame containing the data MUST be set to the appropriate value from Section 5.2"
  sendBinary(data: Uint8Array, fin = true): void {
    this.#sendData(Opcode.Binary, data, fin);
  }

  /**
   * Sends the next fragment of the message started by `sendText`/`sendBinary`
   * with `fin` false. Fragments may have any size, empty included.
   */
  // @spec rfc6455#section-5.4-5.7 "A sender MAY create fragments of any size for non-control messages."
  // @spec rfc6455#section-6.1-2.2 "the endpoint MAY alternately encapsulate the data in a series of frames as defined in Section 5.4."
  sendContinuation(data: string | Uint8Array, fin: boolean): void {
    this.#sendData(Opcode.Continuation, typeof data === 'string' ? encodeUtf8(data) : data, fin);
  }

  /** Sends a Ping frame (at most 125 bytes of application data). */
  // @spec rfc6455#section-5.5.2-2 "A Ping frame MAY include Application data."
  // @spec rfc6455#section-5.5.2-4 "An endpoint MAY send a Ping frame any time after the connection is established and before the connection is closed."
  sendPing(data: Uint8Array = EMPTY): void {
    this.#sendControl(Opcode.Ping, data);
  }

  /** Sends an unsolicited Pong frame, a unidirectional heartbeat. */
  // @spec rfc6455#section-5.5.3-5 "A Pong frame MAY be sent unsolicited."
  sendPong(data: Uint8Array = EMPTY): void {
    this.#sendControl(Opcode.Pong, data);
  }

  /**
   * Starts the closing handshake: sends a Close frame with `code` and
   * `reason` (none: an empty body). Does nothing once it has started.
   * Throws a UsageError for a code that may not be sent, a reason over 123
   * bytes, or a connection that is still CONNECTING.
   */
  // @spec rfc6455#section-7.1.2-1 "To _Start the WebSocket Closing Handshake_ with a status code (Section 7.4) /code/ and an optional close reason…"
  // @spec rfc6455#section-7.3-1 "In either case, an endpoint initiates a closure by following the procedures to _Start the WebSocket…"
  // @spec rfc6455#section-7.4-1 "When closing an established connection (e.g., when sending a Close frame, after the opening handshake has completed)…"
  close(code?: number, reason?: string): void {
    if (this.#state === State.CONNECTING) throw new UsageError('WS_ERR_INVALID_STATE', 'the opening handshake is not complete');
    if (this.#state !== State.OPEN) return;
    this.#sendClose(code, reason);
    this.#state = State.CLOSING;
  }

  /**
   * _Fail the WebSocket Connection_: report `error` (an `error` event) if
   * given, send a Close frame with `code` if the connection is open and
   * none was sent, stop processing input, and ask for the transport to be
   * closed. The one failure verb of the core: a peer's violation, an
   * invalid or refused opening handshake and the application all use it.
   */
  // @spec rfc6455#section-7.1.7-2 "If _The WebSocket Connection is Established_ prior to the point where the endpoint is required to _Fail the WebSocket…"
  // @spec rfc6455#section-7.1.7-1 "To do so, the client MUST _Close the WebSocket Connection_"
  // @spec rfc6455#section-7.1.7-1 "MAY report the problem to the user (which would be especially useful for developers) in an appropriate manner"
  // @spec rfc6455#section-7.1.7-1 "the server MUST _Close the WebSocket Connection_, and SHOULD log the problem."
  fail(code: number = CloseCode.ProtocolError, reason = '', error?: WebSocketError): void {
    if (this.#state === State.CLOSED) return;
    if (error !== undefined) this.#events.push({ type: 'error', error });
    if (this.#state === State.OPEN && this.#closeSent === null && isValidCloseCodeToSend(code)) {
      this.#sendClose(code, reason);
    }
    if (this.#state === State.OPEN) this.#state = State.CLOSING;
    // @spec rfc6455#section-7.1.7-2 "An endpoint MUST NOT continue to attempt to process data (including a responding Close frame) from the remote endpoint…"
    this.#discarding = true;
    this.#reader.discard();
    this.#header = null;
    this.#message = null;
    this.#failed = true;
    // @spec rfc6455#section-7.1.7-1 "the server MUST _Close the WebSocket Connection_"
    this.#closeTransport = true;
  }

  // @spec rfc6455#section-6.1-1 "To _Send a WebSocket Message_ comprising of /data/ over a WebSocket connection, an endpoint MUST perform the following steps."
  // @spec rfc6455#section-6.1-2.1 "The endpoint MUST ensure the WebSocket connection is in the OPEN state"
  #sendData(opcode: number, payload: Uint8Array, fin: boolean): void {
    // @spec rfc6455#section-5.5.1-4 "The application MUST NOT send any more data frames after sending a Close frame."
    // @spec rfc6455#section-5.1-3 "A data frame MAY be transmitted by either the client or the server at any time after opening handshake completion and…"
    if (this.#state !== State.OPEN) throw new UsageError('WS_ERR_INVALID_STATE', 'the connection is not open');
    if (opcode === Opcode.Continuation) {
      if (this.#sending === null) throw new UsageError('WS_ERR_INVALID_STATE', 'no fragmented message to continue');
    } else if (this.#sending !== null) {
      // @spec rfc6455#section-5.4-5.5 "The fragments of one message MUST NOT be interleaved between the fragments of another message"
      throw new UsageError('WS_ERR_INVALID_STATE', 'a fragmented message is being sent');
    }
    const first = opcode !== Opcode.Continuation;
    this.#sending = fin ? null : first ? opcode : this.#sending;
    // The extensions encode the message, in the order negotiated; those
    // that encode its first frame set their RSV bits on it, and go on
    // encoding its later frames.
    let rsv = 0;
    if (first) {
      const encoding: MessageExtension[] = [];
      for (const extension of this.#extensions) {
        const out = extension.encode(payload, true, fin);
        payload = out.payload;
        if (out.encoded) {
          encoding.push(extension);
          rsv |= extension.rsvBits;
        }
      }
      this.#sendingExtensions = encoding;
    } else {
      for (const extension of this.#sendingExtensions) payload = extension.encode(payload, false, fin).payload;
    }
    if (fin) this.#sendingExtensions = [];
    // @spec rfc6455#section-6.1-2.4 "The FIN bit (frame-fin) of the last frame containing the data MUST be set to 1 as defined in Section 5.2."
    this.#sendFrame(opcode, payload, fin, rsv);
  }

  #sendControl(opcode: number, payload: Uint8Array): void {
    if (this.#state !== State.OPEN) throw new UsageError('WS_ERR_INVALID_STATE', 'the connection is not open');
    // @spec rfc6455#section-5.5-3 "All control frames MUST have a payload length of 125 bytes or less"
    if (payload.length > MAX_CONTROL_PAYLOAD) throw new UsageError('WS_ERR_CONTROL_PAYLOAD_TOO_LONG', `${payload.length} bytes`);
    this.#sendFrame(opcode, payload, true);
  }

  #sendClose(code: number | undefined, reason = ''): void {
    const body = serializeCloseBody(code, reason);
    this.#closeSent = { code: code ?? CloseCode.NoStatusReceived, reason };
    this.#sendFrame(Opcode.Close, body, true);
  }

  /** Forms a frame and queues it behind the frames before it. */
  // @spec rfc6455#section-6.1-2.2 "An endpoint MUST encapsulate the /data/ in a WebSocket frame as defined in Section 5.2."
  // @spec rfc6455#section-5.4-5.4 "Message fragments MUST be delivered to the recipient in the order sent by the sender."
  #sendFrame(opcode: number, payload: Uint8Array, fin: boolean, rsv = 0): void {
    // RSV bits only for an extension in use (`useExtensions`, after the handshake negotiated it).
    // @spec rfc6455#section-9.1-7 "the client is only offering to use any advertised extensions and MUST NOT use them unless the…"
    const frame = { fin, rsv1: (rsv & 0x40) !== 0, rsv2: (rsv & 0x20) !== 0, rsv3: (rsv & 0x10) !== 0, opcode, payload };
    // @spec rfc6455#section-6.1-2.5 "If the data is being sent by the client, the frame(s) MUST be masked as defined in Section 5.3."
    if (this.role === 'client') {
      // @spec rfc6455#section-5.1-1 "a client MUST mask all frames that it sends to the server"
      this.#output.push(encodeFrame(frame, this.#maskingKey()));
    } else if (payload.length >= ZERO_COPY_MIN) {
      // @spec rfc6455#section-5.1-1 "A server MUST NOT mask any frames that it sends to the client."
      this.#output.push(encodeFrameHeader(frame, payload.length), payload);
    } else {
      this.#output.push(encodeFrame(frame, null));
    }
  }

  /**
   * A fresh key for each frame, from the injected strong random source;
   * drawn 256 keys at a time, as `ws` does, since one call per frame costs
   * more than masking a small frame.
   */
  // @spec rfc6455#section-5.3-3 "The masking key needs to be unpredictable; thus, the masking key MUST be derived from a strong source of entropy"
  // @spec rfc6455#section-5.3-3 "When preparing a masked frame, the client MUST pick a fresh masking key from the set of allowed 32-bit values."
  // @spec rfc6455#section-10.3-4 "Clients MUST choose a new masking key for each frame, using an algorithm that cannot be predicted…"
  #maskingKey(): Uint8Array {
    if (this.#keyOffset === this.#keys.length) {
      this.#keys = new Uint8Array(1024);
      this.#random(this.#keys);
      this.#keyOffset = 0;
    }
    const keys = this.#keys;
    const key = this.#key;
    const offset = this.#keyOffset;
    key[0] = keys[offset]!;
    key[1] = keys[offset + 1]!;
    key[2] = keys[offset + 2]!;
    key[3] = keys[offset + 3]!;
    this.#keyOffset = offset + 4;
    return key;
  }

  // ─── For the handshake subclasses ─────────────────────────────────────────

  /** Bytes that arrived while CONNECTING. */
  protected receiveHandshakeData(_bytes: Uint8Array): void {
    throw new UsageError('WS_ERR_INVALID_STATE', 'no opening handshake to read');
  }

  /** The transport closed while CONNECTING. */
  protected receiveHandshakeEof(): void {}

  /** Queues raw bytes (a handshake message). */
  protected queue(bytes: Uint8Array): void {
    this.#output.push(bytes);
  }

  protected emit(event: ConnectionEvent): void {
    this.#events.push(event);
  }

  /**
   * Puts the extensions the opening handshake negotiated in use, in the
   * order of the server's Sec-WebSocket-Extensions: their RSV bits become
   * valid on the first frame of a data message, and every data frame passes
   * through them (`MessageExtension.decode`, `.encode`). Called by the
   * handshake subclasses before `establish`; a `Connection` built for an
   * already-negotiated connection may call it once, before any frame.
   */
  // @spec rfc6455#section-9.1-7 "the client is only offering to use any advertised extensions and MUST NOT use them unless the…"
  useExtensions(extensions: readonly MessageExtension[]): void {
    this.#extensions = [...extensions];
    let bits = 0;
    for (const extension of extensions) bits |= extension.rsvBits;
    this.#reader.allowRsv(bits);
  }

  /** The opening handshake succeeded: OPEN; `rest` holds the first frames. */
  // @spec rfc6455#section-4.2.2-3 "If the server finishes these steps without aborting the WebSocket handshake, the server considers the WebSocket…"
  protected establish(rest: Uint8Array): void {
    this.#state = State.OPEN;
    if (rest.length > 0) this.#reader.push(rest);
    this.#pump(true);
  }

}

function rsvBits(header: FrameHeader): number {
  return (header.rsv1 ? 0x40 : 0) | (header.rsv2 ? 0x20 : 0) | (header.rsv3 ? 0x10 : 0);
}

/** One array of `size` bytes from `parts` (the part itself when there is one). */
export function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

