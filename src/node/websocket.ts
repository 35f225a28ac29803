/**
 * A WebSocket connection over a Node stream: the thin loop between a socket
 * and the sans-I/O `Connection`, shared by the server and the client. It
 * owns the timers (the core reports, the adapter counts) and turns the
 * core's events into EventEmitter events.
 *
 * Events:
 *   open    (client) the handshake succeeded: { protocol, extensions, response }
 *   message a text message (string) or binary message (Uint8Array)
 *   ping    a Ping arrived (the Pong is already sent); pong: a Pong arrived
 *   error   the connection failed, once per connection (emitted only when
 *           listened to, so that a peer's mistake cannot crash the process);
 *           `close` follows
 *   close   the transport closed: { code, reason, wasClean }, always last
 *
 * Delivery in wire order: events are taken from the core one at a time
 * (`Connection.nextEvent`), so a `message` listener runs before the frames
 * after that message are acted on; what it sends goes out before the reply
 * to a Close that followed the message in the same TCP read.
 *
 * Sending never throws once the connection is open: after the closing
 * handshake started, `send()` and the others do nothing and return false
 * (as `ws` reports it to its callback), so a handler needs no readyState guard.
 *
 * Limits of this layer, each a count and a size:
 *   - read backpressure: reading stops while more than `maxWriteBuffer`
 *     bytes (default 1 MiB) wait in the socket's write buffer, and resumes
 *     once it drains: a peer that sends and never reads costs at most that
 *     buffer plus one message;
 *   - Pongs owed: more than `maxPendingPongs` (default 64) Pongs not yet
 *     handed to the operating system fail the connection with 1008.
 */
import { EventEmitter, on } from 'node:events';
import type { Duplex } from 'node:stream';
import { CloseCode, ERRORS, ProtocolError, State, TransportError, UsageError } from '../protocol/index.ts';
import type { Connection, ConnectionEvent, HttpResponse } from '../protocol/index.ts';

export interface OpenInfo {
  /** _Subprotocol In Use_, or null. */
  protocol: string | null;
  /** _Extensions In Use_, or null. */
  extensions: string | null;
  /** The server's 101 response. */
  response: HttpResponse;
}

export interface CloseInfo {
  /** _The WebSocket Connection Close Code_: 1005 for a Close frame without code, 1006 without a Close frame. */
  code: number;
  /** _The WebSocket Connection Close Reason_. */
  reason: string;
  /** Whether the closing handshake completed before the transport closed. */
  wasClean: boolean;
}

export interface NodeWebSocketEvents {
  open: [info: OpenInfo];
  message: [data: string | Uint8Array];
  ping: [data: Uint8Array];
  pong: [data: Uint8Array];
  error: [error: Error];
  close: [info: CloseInfo];
}

export interface TimeoutOptions {
  /** Milliseconds to wait for the opening handshake (a server: from the TCP connection on, the request head included). Default 10 s. */
  handshakeTimeout?: number;
  /** Milliseconds to wait for the transport to close once the closing handshake started. Default 10 s. */
  closeTimeout?: number;
  /** Bytes waiting in the socket's write buffer above which reading stops until it drains. Default 1 MiB. */
  maxWriteBuffer?: number;
  /** Pongs owed to the peer and not yet handed to the operating system above which the connection fails (1008). Default 64. */
  maxPendingPongs?: number;
}

/** 10 s, as python-websockets: long enough for a slow network, short enough to free a stuck socket. */
export const DEFAULT_HANDSHAKE_TIMEOUT = 10_000;
export const DEFAULT_CLOSE_TIMEOUT = 10_000;
/**
 * 1 MiB: many messages in flight for a fast peer, yet a peer that never
 * reads holds at most this much (plus one message) of our memory.
 */
export const DEFAULT_MAX_WRITE_BUFFER = 1024 * 1024;
/**
 * 64 Pongs: ws closes at 60 pending. A peer pinging faster than it reads
 * is either broken or attacking; a burst of a few dozen Pings is neither.
 */
export const DEFAULT_MAX_PENDING_PONGS = 64;

export class NodeWebSocket extends EventEmitter<NodeWebSocketEvents> {
  /** _Subprotocol In Use_ once open. */
  protocol: string | null = null;
  /** _Extensions In Use_ once open. */
  extensions: string | null = null;

  protected readonly closeTimeout: number;
  readonly #maxWriteBuffer: number;
  readonly #maxPendingPongs: number;
  #socket: Duplex | null = null;
  #connection: Connection | null = null;
  #closeTimer: NodeJS.Timeout | null = null;
  #ended = false;
  #closed = false;
  #terminated = false;
  #errored = false;
  /** Events wait until the owner has attached its listeners (`startDelivery`). */
  #held = false;
  /** An event is being dispatched: a listener's actions write, they do not deliver the next event. */
  #delivering = false;
  /** Reading stopped because the write buffer is above `maxWriteBuffer`. */
  #paused = false;
  /** Pongs written and not yet handed to the operating system. */
  #pongsPending = 0;

  constructor(options: TimeoutOptions = {}) {
    super();
    this.closeTimeout = options.closeTimeout ?? DEFAULT_CLOSE_TIMEOUT;
    this.#maxWriteBuffer = options.maxWriteBuffer ?? DEFAULT_MAX_WRITE_BUFFER;
    this.#maxPendingPongs = options.maxPendingPongs ?? DEFAULT_MAX_PENDING_PONGS;
  }

  /** CONNECTING, OPEN, CLOSING or CLOSED (see `State`). */
  get readyState(): State {
    if (this.#closed) return State.CLOSED;
    return this.#connection?.state ?? State.CONNECTING;
  }

  /** Bytes accepted by `send` and not yet handed to the operating system. */
  get bufferedAmount(): number {
    return this.#socket?.writableLength ?? 0;
  }

  /**
   * Sends a text message (string) or a binary message (bytes). Returns
   * false, sending nothing, once the closing handshake has started;
   * throws while the connection is not yet open.
   */
  send(data: string | ArrayBuffer | ArrayBufferView): boolean {
    const connection = this.#sendable();
    if (connection === null) return false;
    if (typeof data === 'string') connection.sendText(data);
    else connection.sendBinary(toBytes(data));
    this.#write();
    return true;
  }

  /** Sends a text message or, with `fin` false, the first fragment of one. False once closing. */
  sendText(data: string, fin = true): boolean {
    const connection = this.#sendable();
    if (connection === null) return false;
    connection.sendText(data, fin);
    this.#write();
    return true;
  }

  /** Sends a binary message or, with `fin` false, the first fragment of one. False once closing. */
  sendBinary(data: ArrayBuffer | ArrayBufferView, fin = true): boolean {
    const connection = this.#sendable();
    if (connection === null) return false;
    connection.sendBinary(toBytes(data), fin);
    this.#write();
    return true;
  }

  /** Sends the next fragment of a fragmented message. False once closing. */
  sendContinuation(data: string | ArrayBuffer | ArrayBufferView, fin: boolean): boolean {
    const connection = this.#sendable();
    if (connection === null) return false;
    connection.sendContinuation(typeof data === 'string' ? data : toBytes(data), fin);
    this.#write();
    return true;
  }

  /** Sends a Ping. False once closing. */
  ping(data: ArrayBuffer | ArrayBufferView = new Uint8Array(0)): boolean {
    const connection = this.#sendable();
    if (connection === null) return false;
    connection.sendPing(toBytes(data));
    this.#write();
    return true;
  }

  /** Sends an unsolicited Pong. False once closing. */
  pong(data: ArrayBuffer | ArrayBufferView = new Uint8Array(0)): boolean {
    const connection = this.#sendable();
    if (connection === null) return false;
    connection.sendPong(toBytes(data));
    this.#write();
    return true;
  }

  /** Starts the closing handshake; `close` is emitted when the transport has closed. */
  close(code?: number, reason?: string): void {
    if (this.#connection === null || this.readyState === State.CONNECTING) {
      this.terminate();
      return;
    }
    this.#connection.close(code, reason);
    this.#write();
  }

  /** Closes the transport now, without a closing handshake (close code 1006). */
  terminate(): void {
    this.#terminated = true;
    if (this.#socket !== null) {
      this.#socket.destroy();
      return;
    }
    // Not connected yet: `close` is still emitted asynchronously, after listeners are added.
    process.nextTick(() => this.finish({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false }));
  }

  /** Whether `terminate()` was called (a connection being set up must give up). */
  protected get terminated(): boolean {
    return this.#terminated;
  }

  /** The messages as an async iterator, ending when the connection closes. */
  async *messages(): AsyncGenerator<string | Uint8Array> {
    for await (const [data] of on(this, 'message', { close: ['close'] })) yield data as string | Uint8Array;
  }

  /** The transport being connected: `terminate()` and the timeouts destroy it. */
  protected track(socket: Duplex): void {
    this.#socket = socket;
  }

  /**
   * Binds the socket and the connection; called once, when the transport is
   * connected. With `hold`, no event is delivered until `startDelivery()`:
   * frames that came with the upgrade request wait for the listeners.
   */
  protected attach(socket: Duplex, connection: Connection, hold = false): void {
    this.#socket = socket;
    this.#connection = connection;
    this.#held = hold;
    socket.on('data', (chunk: Buffer) => {
      // Whatever this chunk makes us send (Pongs, the application's replies to
      // its messages) leaves in one write: measured, the write system call
      // dominates an echo server's profile, one per message otherwise.
      // @spec rfc6455#section-2.1-10 "the implementation MAY delay the actual transmission arbitrarily, e.g., buffering data so as to send fewer IP packets."
      socket.cork();
      try {
        // A plain view of the same bytes: messages are Uint8Arrays, not Buffers.
        connection.receiveData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        this.flush();
      } finally {
        socket.uncork();
      }
    });
    // The peer closed the transport: without a closing handshake, the
    // connection failed (1006); `finish` then closes our side.
    // @spec rfc6455#section-7.2.1-2 "If at any point the underlying transport layer connection is unexpectedly lost, the client MUST _Fail the WebSocket Connection_."
    socket.on('end', () => {
      connection.receiveEof();
      this.flush();
    });
    socket.on('error', (error) => {
      this.emitError(error);
    });
    socket.on('close', () => {
      connection.receiveEof();
      this.flush();
    });
    // Read backpressure: resume once what waited to be written has drained.
    socket.on('drain', () => {
      if (this.#paused) {
        this.#paused = false;
        socket.resume();
      }
    });
    this.flush();
  }

  /** Delivers the events held since `attach(…, true)`; the owner calls it once its listeners are attached. */
  startDelivery(): void {
    if (!this.#held) return;
    this.#held = false;
    this.flush();
  }

  /** Emits 'error' once, if anyone listens: a peer's error must not crash the process, and one failure is one error. */
  protected emitError(error: Error): void {
    if (this.#errored) return;
    this.#errored = true;
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  /** Ends the connection from outside the protocol (a timeout): reports `error`, closes the transport. */
  protected abort(error: TransportError): void {
    this.emitError(error);
    if (this.#socket === null) this.finish({ code: error.closeCode, reason: '', wasClean: false });
    else this.#socket.destroy();
  }

  /** Writes what the connection queued, closes the transport when due, and delivers the events. */
  protected flush(): void {
    this.#write();
    this.#deliver();
  }

  /**
   * Hands the events to the listeners, one at a time: each is taken from
   * the core only once the one before it has been dispatched, and what a
   * listener sent is written before the next is taken.
   */
  #deliver(): void {
    const connection = this.#connection;
    if (connection === null || this.#delivering || this.#held) return;
    this.#delivering = true;
    try {
      for (;;) {
        const event = connection.nextEvent();
        if (event === null) break;
        this.dispatch(event);
        this.#write();
      }
    } finally {
      this.#delivering = false;
    }
  }

  /** Writes what the core queued; closes the transport and arms the closing timeout when due. */
  #write(): void {
    const connection = this.#connection;
    const socket = this.#socket;
    if (connection === null || socket === null) return;
    const pongs = connection.pongsQueued;
    const data = connection.dataToSend();
    // @spec rfc6455#section-6.1-2.7 "The frame(s) that have been formed MUST be transmitted over the underlying network connection."
    if (data.length > 0 && !this.#ended && !socket.destroyed) {
      // Pongs are counted until the OS has them: a peer that pings and never reads cannot make us hold them without bound.
      const written = pongs === 0 ? undefined : () => {
        this.#pongsPending -= pongs;
      };
      this.#pongsPending += pongs;
      if (data.length === 1) {
        socket.write(data[0]!, written);
      } else {
        socket.cork();
        for (let i = 0; i < data.length; i++) socket.write(data[i]!, i === data.length - 1 ? written : undefined);
        socket.uncork();
      }
      if (this.#pongsPending > this.#maxPendingPongs && connection.state === State.OPEN) {
        // @spec rfc6455#section-10.4-1 "Such an implementation SHOULD impose a limit on frame sizes and the total message size after reassembly from multiple frames."
        const error = new ProtocolError('WS_ERR_TOO_MANY_PENDING_PONGS', `more than ${this.#maxPendingPongs}`);
        this.emitError(error);
        connection.fail(error.closeCode ?? CloseCode.PolicyViolation, ERRORS[error.code].message);
        this.#write();
        return;
      }
      // Read backpressure: stop reading while the peer does not read what we write.
      if (!this.#paused && socket.writableLength > this.#maxWriteBuffer) {
        this.#paused = true;
        socket.pause();
      }
    }
    if (connection.shouldCloseTransport() && !this.#ended) {
      // @spec rfc6455#section-7.1.1-1 "An endpoint SHOULD use a method that cleanly closes the TCP connection"
      this.#ended = true;
      socket.end();
      this.closingTransport(socket, connection);
    }
    // @spec rfc6455#section-5.5.1-6 "MAY close the connection at any time after sending and receiving a Close message, e.g., if it has not received a TCP…"
    if (connection.closeExpected() && this.#closeTimer === null && !this.#closed) {
      this.#closeTimer = setTimeout(() => {
        this.emitError(new TransportError('WS_ERR_CLOSE_TIMEOUT', `${this.closeTimeout} ms`));
        socket.destroy();
      }, this.closeTimeout);
      this.#closeTimer.unref();
    }
  }

  /**
   * Our side of the transport is ending (after `socket.end()`). A server
   * keeps reading, and discarding, until the client closes (so that the
   * kernel never answers unread data with a reset that destroys our last
   * frames); a client whose connection failed closes at once (see WebSocketClient).
   */
  protected closingTransport(_socket: Duplex, _connection: Connection): void {}

  protected dispatch(event: ConnectionEvent): void {
    switch (event.type) {
      case 'open':
        this.protocol = event.protocol;
        this.extensions = event.extensions;
        this.emit('open', { protocol: event.protocol, extensions: event.extensions, response: event.response });
        return;
      case 'text':
      case 'binary':
        this.emit('message', event.data);
        return;
      case 'ping':
        this.emit('ping', event.data);
        return;
      case 'pong':
        this.emit('pong', event.data);
        return;
      case 'error':
        this.emitError(event.error);
        return;
      case 'closed':
        this.finish({ code: event.code, reason: event.reason, wasClean: event.wasClean });
        return;
      case 'close':
      case 'request':
        return;
    }
  }

  protected finish(info: CloseInfo): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#closeTimer !== null) clearTimeout(this.#closeTimer);
    // The peer closed its side: close ours once what is queued is written.
    if (this.#socket !== null && !this.#ended) {
      this.#ended = true;
      this.#socket.end();
    }
    // Nothing more to read: a socket paused for backpressure must still see its end.
    if (this.#paused) this.#socket?.resume();
    this.emit('close', info);
  }

  /** The connection, when it may send: null once the closing handshake started; throws before it is open. */
  // @spec rfc6455#section-5.5.1-4 "The application MUST NOT send any more data frames after sending a Close frame."
  #sendable(): Connection | null {
    const connection = this.#connection;
    if (connection === null || connection.state === State.CONNECTING) throw new UsageError('WS_ERR_INVALID_STATE', 'the connection is not open yet');
    if (connection.state !== State.OPEN || this.#closed) return null;
    return connection;
  }
}

function toBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}
