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
 *   error   the connection failed (emitted only when listened to, so that
 *           a peer's mistake cannot crash the process); `close` follows
 *   close   the transport closed: { code, reason, wasClean }, always last
 */
import { EventEmitter, on } from 'node:events';
import type { Duplex } from 'node:stream';
import { CloseCode, State, TransportError, UsageError } from '../protocol/index.ts';
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
  /** Milliseconds to wait for the opening handshake. Default 10 s. */
  handshakeTimeout?: number;
  /** Milliseconds to wait for the transport to close once the closing handshake started. Default 10 s. */
  closeTimeout?: number;
}

/** 10 s, as python-websockets: long enough for a slow network, short enough to free a stuck socket. */
export const DEFAULT_HANDSHAKE_TIMEOUT = 10_000;
export const DEFAULT_CLOSE_TIMEOUT = 10_000;

export class NodeWebSocket extends EventEmitter<NodeWebSocketEvents> {
  /** _Subprotocol In Use_ once open. */
  protocol: string | null = null;
  /** _Extensions In Use_ once open. */
  extensions: string | null = null;

  protected readonly closeTimeout: number;
  #socket: Duplex | null = null;
  #connection: Connection | null = null;
  #closeTimer: NodeJS.Timeout | null = null;
  #ended = false;
  #closed = false;
  #terminated = false;

  constructor(options: TimeoutOptions = {}) {
    super();
    this.closeTimeout = options.closeTimeout ?? DEFAULT_CLOSE_TIMEOUT;
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

  /** Sends a text message (string) or a binary message (bytes). */
  send(data: string | ArrayBuffer | ArrayBufferView): void {
    if (typeof data === 'string') this.#connected().sendText(data);
    else this.#connected().sendBinary(toBytes(data));
    this.flush();
  }

  /** Sends a text message or, with `fin` false, the first fragment of one. */
  sendText(data: string, fin = true): void {
    this.#connected().sendText(data, fin);
    this.flush();
  }

  /** Sends a binary message or, with `fin` false, the first fragment of one. */
  sendBinary(data: ArrayBuffer | ArrayBufferView, fin = true): void {
    this.#connected().sendBinary(toBytes(data), fin);
    this.flush();
  }

  /** Sends the next fragment of a fragmented message. */
  sendContinuation(data: string | ArrayBuffer | ArrayBufferView, fin: boolean): void {
    this.#connected().sendContinuation(typeof data === 'string' ? data : toBytes(data), fin);
    this.flush();
  }

  ping(data: ArrayBuffer | ArrayBufferView = new Uint8Array(0)): void {
    this.#connected().sendPing(toBytes(data));
    this.flush();
  }

  pong(data: ArrayBuffer | ArrayBufferView = new Uint8Array(0)): void {
    this.#connected().sendPong(toBytes(data));
    this.flush();
  }

  /** Starts the closing handshake; `close` is emitted when the transport has closed. */
  close(code?: number, reason?: string): void {
    if (this.#connection === null || this.readyState === State.CONNECTING) {
      this.terminate();
      return;
    }
    this.#connection.close(code, reason);
    this.flush();
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

  /** Binds the socket and the connection; called once, when the transport is connected. */
  protected attach(socket: Duplex, connection: Connection): void {
    this.#socket = socket;
    this.#connection = connection;
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
    this.flush();
  }

  /** Emits 'error' if anyone listens: a peer's error must not crash the process. */
  protected emitError(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  /** Ends the connection from outside the protocol (a timeout): reports `error`, closes the transport. */
  protected abort(error: TransportError): void {
    this.emitError(error);
    if (this.#socket === null) this.finish({ code: error.closeCode, reason: '', wasClean: false });
    else this.#socket.destroy();
  }

  /** Writes what the connection queued, closes the transport when due, and dispatches events. */
  protected flush(): void {
    const connection = this.#connection;
    const socket = this.#socket;
    if (connection === null || socket === null) return;
    const data = connection.dataToSend();
    // @spec rfc6455#section-6.1-2.7 "The frame(s) that have been formed MUST be transmitted over the underlying network connection."
    if (data.length > 0 && !this.#ended && !socket.destroyed) {
      if (data.length === 1) {
        socket.write(data[0]!);
      } else {
        socket.cork();
        for (const chunk of data) socket.write(chunk);
        socket.uncork();
      }
    }
    if (connection.shouldCloseTransport() && !this.#ended) {
      // @spec rfc6455#section-7.1.1-1 "An endpoint SHOULD use a method that cleanly closes the TCP connection"
      this.#ended = true;
      socket.end();
    }
    // @spec rfc6455#section-5.5.1-6 "MAY close the connection at any time after sending and receiving a Close message, e.g., if it has not received a TCP…"
    if (connection.closeExpected() && this.#closeTimer === null && !this.#closed) {
      this.#closeTimer = setTimeout(() => {
        this.emitError(new TransportError('WS_ERR_CLOSE_TIMEOUT', `${this.closeTimeout} ms`));
        socket.destroy();
      }, this.closeTimeout);
      this.#closeTimer.unref();
    }
    for (const event of connection.events()) this.dispatch(event);
  }

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
    this.emit('close', info);
  }

  #connected(): Connection {
    if (this.#connection === null) throw new UsageError('WS_ERR_INVALID_STATE', 'the connection is not open yet');
    return this.#connection;
  }
}

function toBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}
