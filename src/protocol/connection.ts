/**
 * The WebSocket connection, sans I/O (after python-websockets' `Protocol`):
 * it never touches a socket. Bytes go in (`receiveData`, `receiveEof`),
 * events and bytes come out (`events`, `dataToSend`), and two predicates
 * tell the transport what to do (`closeExpected`, `shouldCloseTransport`).
 * Actions (`sendText`, `close`, …) queue bytes. Timers belong to the caller.
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
import { ERRORS, HandshakeError, InvalidStatusError, ProtocolError, UsageError, WebSocketError } from './errors.ts';
import { encodeFrame, encodeFrameHeader, FrameReader, MAX_CONTROL_PAYLOAD } from './frames.ts';
import type { FrameHeader } from './frames.ts';
import { createAcceptResponse, createErrorResponse, validateRequest } from './handshake/server.ts';
import type { AcceptOptions, HandshakeRequest } from './handshake/server.ts';
import { validateResponse } from './handshake/client.ts';
import type { ClientHandshake } from './handshake/client.ts';
import { DEFAULT_MAX_HEAD_SIZE, DEFAULT_MAX_HEADERS, RequestReader, ResponseReader, serializeRequest, serializeResponse } from './http11.ts';
import type { HeadLimits, HttpRequest, HttpResponse } from './http11.ts';
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

/** Unmasked payloads from this size on are queued beside their header instead of being copied. */
const ZERO_COPY_MIN = 16 * 1024;

export interface ConnectionOptions {
  /** Largest message accepted, in bytes, after reassembly of its fragments (§10.4). Default 16 MiB. */
  maxMessageSize?: number;
  /** Largest frame payload accepted, in bytes. Default: `maxMessageSize`. */
  maxFrameSize?: number;
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

const EMPTY = new Uint8Array(0);

interface IncomingMessage {
  opcode: typeof Opcode.Text | typeof Opcode.Binary;
  /** Bytes received so far. */
  size: number;
  parts: Uint8Array[];
  texts: string[];
  decoder: Utf8StreamDecoder | null;
}

export class Connection {
  readonly role: Role;
  readonly #maxMessageSize: number;
  readonly #random: RandomSource;
  readonly #reader: FrameReader;

  #state: State;
  #events: ConnectionEvent[] = [];
  #output: Uint8Array[] = [];

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

  // ─── Output ──────────────────────────────────────────────────────────────

  /** Events since the last call, in order. */
  events(): ConnectionEvent[] {
    const events = this.#events;
    this.#events = [];
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
    return output;
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

  // ─── Input ───────────────────────────────────────────────────────────────

  /**
   * Feeds bytes received from the transport. The connection takes them:
   * masked payloads are unmasked in place, and events may hold views of
   * them. Never throws for anything the peer sends: a violation fails the
   * connection (an `error` event and, when open, a Close frame).
   */
  receiveData(bytes: Uint8Array): void {
    if (this.#state === State.CLOSED || this.#discarding) return;
    if (this.#state === State.CONNECTING) {
      this.receiveHandshakeData(bytes);
      return;
    }
    this.#reader.push(bytes);
    this.#readFrames();
  }

  /**
   * The transport closed (or the peer half-closed it): the connection is
   * CLOSED. Without a closing handshake, that is a failure: close code 1006,
   * not clean, and the caller closes its side of the transport.
   */
  // @spec rfc6455#section-7.2.1-2 "If at any point the underlying transport layer connection is unexpectedly lost, the client MUST _Fail the WebSocket Connection_."
  receiveEof(): void {
    if (this.#state === State.CLOSED) return;
    if (this.#state === State.CONNECTING) this.receiveHandshakeEof();
    this.#state = State.CLOSED;
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

  #readFrames(): void {
    try {
      for (;;) {
        if (this.#header === null) {
          const header = this.#reader.readHeader();
          if (header === null) return;
          this.#checkHeader(header);
          this.#header = header;
        }
        const payload = this.#reader.readPayload();
        if (payload === null) return;
        const header = this.#header;
        this.#header = null;
        this.#handleFrame(header, payload);
        if (this.#discarding) return;
      }
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.#failWith(error);
    }
  }

  /** Rules that need the message context, checked before any payload byte is buffered. */
  #checkHeader(header: FrameHeader): void {
    // @spec rfc6455#section-5.4-5.12 "all fragments of a message are of the same type, as set by the first fragment's opcode"
    if (header.opcode === Opcode.Continuation) {
      // @spec rfc6455#section-5.4-5.2.1 "A fragmented message consists of a single frame with the FIN bit clear and an opcode other than 0, followed by zero or…"
      if (this.#message === null) throw new ProtocolError('WS_ERR_UNEXPECTED_CONTINUATION');
    } else if (header.opcode === Opcode.Text || header.opcode === Opcode.Binary) {
      // @spec rfc6455#section-5.4-5.5 "The fragments of one message MUST NOT be interleaved between the fragments of another message unless an extension has…"
      if (this.#message !== null) throw new ProtocolError('WS_ERR_EXPECTED_CONTINUATION');
    } else {
      // @spec rfc6455#section-5.4-5.3 "Control frames (see Section 5.5) MAY be injected in the middle of a fragmented message."
      // @spec rfc6455#section-5.4-5.6 "An endpoint MUST be capable of handling control frames in the middle of a fragmented message."
      return;
    }
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
      if (header.fin) {
        // An unfragmented message: one frame, FIN set.
        if (header.opcode === Opcode.Text) {
          const text = decodeUtf8(payload);
          // @spec rfc6455#section-8.1-1
          if (text === null) throw new ProtocolError('WS_ERR_INVALID_UTF8');
          this.#events.push({ type: 'text', data: text });
        } else {
          this.#events.push({ type: 'binary', data: payload });
        }
        return;
      }
      // @spec rfc6455#section-5.4-5.12 "As a consequence of these rules, all fragments of a message are of the same type, as set by the first fragment's opcode."
      const opcode = header.opcode === Opcode.Text ? Opcode.Text : Opcode.Binary;
      this.#message = { opcode, size: 0, parts: [], texts: [], decoder: opcode === Opcode.Text ? new Utf8StreamDecoder() : null };
    }
    const message = this.#message!;
    message.size += payload.length;
    // Fragments are appended in the order they arrived, which is the order sent.
    // @spec rfc6455#section-5.4-5.4 "Message fragments MUST be delivered to the recipient in the order sent by the sender."
    if (message.decoder !== null) {
      // Validated fragment by fragment: an invalid sequence fails the connection on the fragment that has it.
      const text = message.decoder.push(payload, header.fin);
      // @spec rfc6455#section-5.6-3.1 "however, the whole message MUST contain valid UTF-8"
      if (text === null) throw new ProtocolError('WS_ERR_INVALID_UTF8');
      message.texts.push(text);
    } else {
      message.parts.push(payload);
    }
    if (!header.fin) return;
    this.#message = null;
    // @spec rfc6455#section-6.2-1 "When the last fragment is received as indicated by the FIN bit (frame-fin), it is said that _A…"
    if (message.opcode === Opcode.Text) this.#events.push({ type: 'text', data: message.texts.join('') });
    else this.#events.push({ type: 'binary', data: concat(message.parts, message.size) });
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
   * _Fail the WebSocket Connection_: send a Close frame with `code` if the
   * connection is open and none was sent, stop processing input, and ask
   * for the transport to be closed.
   */
  // @spec rfc6455#section-7.1.7-2 "If _The WebSocket Connection is Established_ prior to the point where the endpoint is required to _Fail the WebSocket…"
  // @spec rfc6455#section-7.1.7-1 "To do so, the client MUST _Close the WebSocket Connection_"
  fail(code: number = CloseCode.ProtocolError, reason = ''): void {
    if (this.#state === State.CLOSED) return;
    if (this.#state === State.OPEN && this.#closeSent === null && isValidCloseCodeToSend(code)) {
      this.#sendClose(code, reason);
    }
    if (this.#state === State.OPEN) this.#state = State.CLOSING;
    // @spec rfc6455#section-7.1.7-2 "An endpoint MUST NOT continue to attempt to process data (including a responding Close frame) from the remote endpoint…"
    this.#discarding = true;
    this.#reader.discard();
    this.#header = null;
    this.#message = null;
    // @spec rfc6455#section-7.1.7-1 "the server MUST _Close the WebSocket Connection_"
    this.#closeTransport = true;
  }

  /** Fails the connection for a violation by the peer, and reports it (an `error` event: the Node adapters emit it, the server's application logs it). */
  // @spec rfc6455#section-7.1.7-1 "MAY report the problem to the user (which would be especially useful for developers) in an appropriate manner"
  // @spec rfc6455#section-7.1.7-1 "the server MUST _Close the WebSocket Connection_, and SHOULD log the problem."
  #failWith(error: WebSocketError): void {
    this.#events.push({ type: 'error', error });
    this.fail(error.closeCode ?? CloseCode.ProtocolError, ERRORS[error.code].message);
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
    this.#sending = fin ? null : opcode === Opcode.Continuation ? this.#sending : opcode;
    // @spec rfc6455#section-6.1-2.4 "The FIN bit (frame-fin) of the last frame containing the data MUST be set to 1 as defined in Section 5.2."
    this.#sendFrame(opcode, payload, fin);
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
  #sendFrame(opcode: number, payload: Uint8Array, fin: boolean): void {
    // No extension is ever in use, so the RSV bits are always 0.
    // @spec rfc6455#section-9.1-7 "the client is only offering to use any advertised extensions and MUST NOT use them unless the…"
    const frame = { fin, rsv1: false, rsv2: false, rsv3: false, opcode, payload };
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

  /** The opening handshake succeeded: OPEN; `rest` holds the first frames. */
  // @spec rfc6455#section-4.2.2-3 "If the server finishes these steps without aborting the WebSocket handshake, the server considers the WebSocket…"
  protected establish(rest: Uint8Array): void {
    this.#state = State.OPEN;
    if (rest.length > 0) this.receiveData(rest);
  }

  /**
   * The opening handshake failed: report it, and ask for the transport to be
   * closed once the queued bytes (a server's refusal) are written.
   */
  // @spec rfc6455#section-7.2.1-1 "To do so, the client MUST _Fail the WebSocket Connection_ as defined in Section 7.1.7."
  // @spec rfc6455#section-7.2.2-1 "To do so, the server MUST simply _Close the WebSocket Connection_ (Section 7.1.1)."
  protected failHandshake(error: WebSocketError): void {
    this.#events.push({ type: 'error', error });
    this.#closeTransport = true;
  }
}

/** The size of a request head as sent: request line, fields, CRLFs and the empty line. */
function headSize(request: HttpRequest): number {
  let size = request.method.length + request.target.length + request.version.length + 4 + 2;
  for (const [name, value] of request.headers) size += name.length + value.length + 4;
  return size;
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export interface ClientConnectionOptions extends ConnectionOptions {
  /** Largest response head accepted, in bytes. Default 16 KiB. */
  maxHeadSize?: number;
  /** Most header fields accepted in the response. Default 128. */
  maxHeaders?: number;
  /** Most bytes kept of a refusal's body. Default 1 MiB. */
  maxBodySize?: number;
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
  #done = false;

  constructor(handshake: ClientHandshake, options: ClientConnectionOptions = {}) {
    super('client', options, State.CONNECTING);
    this.handshake = handshake;
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
    try {
      result = validateResponse(this.handshake, response);
    } catch (error) {
      if (!(error instanceof HandshakeError)) throw error;
      if (error instanceof InvalidStatusError && this.#reader.truncated) error.bodyTruncated = true;
      this.#fail(error);
      return;
    }
    this.#done = true;
    this.emit({ type: 'open', protocol: result.protocol, extensions: result.extensions, response });
    // @spec rfc6455#section-4.1-11 "If the server's response is validated as provided for above, it is said that _The WebSocket Connection is Established_…"
    this.establish(this.#reader.rest);
  }

  // @spec rfc6455#section-7.2.1-1 "Certain algorithms, in particular during the opening handshake, require the client to _Fail the WebSocket Connection_."
  #fail(error: HandshakeError): void {
    this.#done = true;
    this.failHandshake(error);
  }
}

export interface ServerConnectionOptions extends ConnectionOptions {
  /** Largest request head accepted, in bytes. Default 16 KiB. */
  maxHeadSize?: number;
  /** Most header fields accepted in the request. Default 128. */
  maxHeaders?: number;
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
  #handshake: HandshakeRequest | null = null;
  #answered = false;
  #refused = false;
  /** Bytes after the request, before the 101 is queued (frames a client sent too early). */
  #early: Uint8Array[] = [];
  #earlySize = 0;

  constructor(options: ServerConnectionOptions = {}) {
    super('server', options, State.CONNECTING);
    const maxHeadSize = options.maxHeadSize ?? DEFAULT_MAX_HEAD_SIZE;
    this.#limits = { maxHeadSize, maxHeaders: options.maxHeaders ?? DEFAULT_MAX_HEADERS };
    this.#requestReader = new RequestReader(this.#limits);
    this.#maxEarlyData = maxHeadSize;
  }

  /** The validated request, once read. */
  get handshake(): HandshakeRequest | null {
    return this.#handshake;
  }

  protected override receiveHandshakeData(bytes: Uint8Array): void {
    if (this.#refused) return;
    if (this.#handshake !== null) {
      this.#keepEarly(bytes);
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
    if (this.#handshake !== null || this.#refused) throw new UsageError('WS_ERR_INVALID_STATE', 'a request was already received');
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
    this.emit({ type: 'request', handshake: this.#handshake });
    this.#keepEarly(rest);
  }

  /**
   * Accepts the handshake: queues the 101 response and opens the
   * connection. Resolves once the response is queued (computing
   * Sec-WebSocket-Accept may be asynchronous).
   */
  // @spec rfc6455#section-4.2.2-1 "When a client establishes a WebSocket connection to a server, the server MUST complete the following steps to accept…"
  async accept(options: AcceptOptions = {}): Promise<void> {
    const handshake = this.#handshake;
    if (handshake === null || this.#answered || this.#refused) throw new UsageError('WS_ERR_INVALID_STATE', 'no request to accept');
    this.#answered = true;
    const response = await createAcceptResponse(handshake, options);
    if (this.state !== State.CONNECTING || this.#refused) return;
    this.queue(serializeResponse(response));
    const early = concat(this.#early, this.#earlySize);
    this.#early = [];
    this.establish(early);
  }

  /** Refuses the handshake with a complete response (see `createRefusalResponse`), then closes. */
  // @spec rfc6455#section-7.2.2-1 "Certain algorithms require or recommend that the server _Abort the WebSocket Connection_ during the opening handshake."
  reject(response: HttpResponse): void {
    if (this.#answered || this.#refused) throw new UsageError('WS_ERR_INVALID_STATE', 'the request was already answered');
    this.#refused = true;
    this.#early = [];
    this.queue(serializeResponse(response));
    this.failHandshake(new HandshakeError('WS_ERR_REFUSED', `${response.status} ${response.reason}`));
  }

  // @spec rfc6455#section-7.2.2-1 "To do so, the server MUST simply _Close the WebSocket Connection_ (Section 7.1.1)."
  #refuseWith(error: HandshakeError): void {
    this.#refused = true;
    this.#early = [];
    // @spec rfc6455#section-10.7-1 "If the invalid data is sent during the WebSocket handshake, the server SHOULD return an appropriate HTTP [RFC2616] status code."
    this.queue(serializeResponse(createErrorResponse(error)));
    this.failHandshake(error);
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
