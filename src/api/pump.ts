/**
 * The event pump between the protocol core and the WebSocket object: it
 * opens the transport, writes what the core queues, closes the transport
 * when the core says so, runs the handshake and closing timers, and hands
 * the core's events to the object one at a time (undici keeps this part,
 * the "receiver" and socket handling, apart from the class too).
 *
 * What the object does with an event (queue a task, change the ready
 * state, fire events) is the object's: the pump calls its `PumpHost`.
 */
import { CloseCode, InvalidStatusError, State } from '../protocol/index.ts';
import type { ClientConnection, ConnectionEvent, WebSocketError } from '../protocol/index.ts';
import type { Transport, TransportFactory, TransportTarget } from './transport.ts';

/** What the pump asks of the WebSocket object. */
export interface PumpHost {
  /** "Fail the WebSocket connection" (the detail is for the diagnostics only). */
  fail(detail: string): void;
  /**
   * The core validated the response (RFC 6455 §4.1): the object runs the
   * API's own checks and queues the establishment task. False: the object
   * failed the connection.
   */
  established(protocol: string | null, extensions: string | null): boolean;
  /** A message arrived: the object queues its task and calls `next` once the task has run. */
  message(data: string | Uint8Array, next: () => void): void;
  /** A Close frame arrived: the closing handshake started. */
  closingStarted(): void;
  /** The connection is closed. */
  closed(wasClean: boolean, code: number, reason: string): void;
}

export interface PumpTimeouts {
  /** Milliseconds to wait for the opening handshake. */
  handshakeTimeout: number;
  /** Milliseconds to wait for the server to close the TCP connection once the closing handshake started. */
  closeTimeout: number;
}

export class EventPump {
  readonly #connection: ClientConnection;
  readonly #host: PumpHost;
  readonly #closeTimeout: number;
  readonly #transport: Transport;
  #transportOpen = false;
  #transportClosed = false;
  #transportEnding = false;
  /** _The WebSocket Connection is Established_ (the core's `open`). */
  #established = false;
  /** A message's task is queued and not yet run: no further frame is read until it has. */
  #messageTaskPending = false;
  /** What the transport reported while a message's task was pending, fed to the core once it has run. */
  #held: Array<Uint8Array | 'end' | 'close'> = [];
  #handshakeTimer: ReturnType<typeof setTimeout> | null = null;
  #closeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(connection: ClientConnection, transportFactory: TransportFactory, target: TransportTarget, host: PumpHost, timeouts: PumpTimeouts) {
    this.#connection = connection;
    this.#host = host;
    this.#closeTimeout = timeouts.closeTimeout;
    // While CONNECTING, this pending timer also keeps the object reachable (garbage collection, below).
    const startHandshakeTimer = (): void => {
      clearTimer(this.#handshakeTimer);
      this.#handshakeTimer = setTimeout(() => {
        if (connection.state !== State.CONNECTING) return;
        host.fail(`the opening handshake timed out after ${timeouts.handshakeTimeout} ms`);
        this.failHandshake();
        this.flush();
      }, timeouts.handshakeTimeout);
      unref(this.#handshakeTimer);
    };
    startHandshakeTimer();

    // @spec whatwg#concept-websocket-establish-step-11 "Fetch request with useParallelQueue set to true, and processResponse given response being these steps:"
    // Without Fetch: the request goes onto the connection obtained as soon
    // as it is open (flush), and the core hands the response to the
    // substeps (#handle).
    // @spec whatwg#concept-websocket-connection-obtain-step-6 "Follow the requirements stated in step 2 to 5, inclusive, of the first set of steps in section 4.1 of The WebSocket…"
    // @spec whatwg#concept-websocket-connection-obtain-step-7 "If that established a connection, return it, and return failure otherwise."
    // The transport's onopen: the connection is there, the request is
    // written; its onerror before that: failure, the WebSocket connection fails.
    // The handlers close over the pump, which the object holds, and the
    // platform keeps an open stream (a socket with its listeners in Node, a
    // native WebSocket in a page) until it closes: until the connection is
    // closed the object stays reachable, whatever listeners it has and
    // whatever it still has to send.
    // @spec whatwg#garbage-collection-1 "A WebSocket object whose ready state was set to CONNECTING (0) as of the last time the event loop reached step 1 must…"
    // @spec whatwg#garbage-collection-2 "A WebSocket object whose ready state was set to OPEN (1) as of the last time the event loop reached step 1 must not be…"
    // @spec whatwg#garbage-collection-3 "A WebSocket object whose ready state was set to CLOSING (2) as of the last time the event loop reached step 1 must not…"
    // @spec whatwg#garbage-collection-4 "A WebSocket object with an established connection that has data queued to be transmitted to the…"
    this.#transport = transportFactory(target, {
      // @spec rfc6455#section-4.1-4.2.1 "If multiple connections to the same IP address are attempted simultaneously, the client MUST serialize them so that…"
      // The handshake timeout measures this attempt, not the wait behind
      // earlier attempts to the same address: while it waits its turn (25
      // sockets to one server wait for each other's handshakes) the clock
      // is stopped; it starts when the attempt does.
      onqueued: () => {
        if (!this.#transportOpen) {
          clearTimer(this.#handshakeTimer);
          this.#handshakeTimer = null;
        }
      },
      onattempt: () => {
        if (connection.state === State.CONNECTING && !this.#transportOpen) startHandshakeTimer();
      },
      onopen: () => {
        this.#transportOpen = true;
        this.flush();
      },
      ondata: (bytes) => {
        if (this.#hold(bytes)) return;
        connection.receiveData(bytes);
        this.flush();
      },
      onend: () => {
        // Closed before it was even open (a TLS handshake refused): the transport failed.
        if (!this.#transportOpen) {
          host.fail('the connection closed before it was established');
          this.failHandshake();
        }
        if (this.#hold('end')) return;
        connection.receiveEof();
        this.flush();
      },
      onerror: (error) => {
        // @spec rfc6455#section-4.1-4.4 "If the connection could not be opened, either because a direct connection failed or because any proxy used returned an…"
        if (connection.state !== State.CONNECTING) return;
        host.fail(error.message);
        this.failHandshake();
        this.flush();
      },
      onclose: () => {
        this.#transportClosed = true;
        if (this.#hold('close')) return;
        connection.receiveEof();
        this.flush();
      },
    });
  }

  /**
   * While a message's task is pending, what the transport reports waits
   * here: the core must not act on the frames after the message (a Close
   * reply, a failure) before the script has seen it.
   */
  #hold(input: Uint8Array | 'end' | 'close'): boolean {
    if (!this.#messageTaskPending) return false;
    this.#held.push(input);
    return true;
  }

  /** The message's task has run: the held input goes to the core, in order. */
  #release(): void {
    this.#messageTaskPending = false;
    const held = this.#held;
    this.#held = [];
    for (const input of held) {
      if (input === 'end' || input === 'close') this.#connection.receiveEof();
      else this.#connection.receiveData(input);
    }
    this.flush();
  }

  /** The core's state: CONNECTING, OPEN (may send), CLOSING or CLOSED. */
  get state(): State {
    return this.#connection.state;
  }

  /** Sends a message; `written` once its bytes are handed to the network. */
  send(text: boolean, data: Uint8Array, written: () => void): void {
    if (text) this.#connection.sendText(data);
    else this.#connection.sendBinary(data);
    this.flush(written);
  }

  /** _Start the WebSocket Closing Handshake_. */
  close(code: number | undefined, reason: string): void {
    this.#connection.close(code, reason);
    this.flush();
  }

  /** Fails a connection still being established: no Close frame (1006 is never sent); `flush` then closes the transport. */
  failHandshake(): void {
    if (this.#connection.state === State.CONNECTING) this.#connection.fail(CloseCode.AbnormalClosure);
  }

  /**
   * Writes what the core queued, closes the transport when the core says
   * so, and hands the core's events to the object, one at a time.
   */
  flush(written?: () => void): void {
    const connection = this.#connection;
    const transport = this.#transport;
    for (;;) {
      // A failed connection (§7.1.7) closes the transport at once: once its
      // last bytes (a Close frame) are handed to the network, the transport
      // is destroyed rather than left for the server to close.
      // @spec rfc6455#section-7.1.7-2 "An endpoint MUST NOT continue to attempt to process data (including a responding Close frame) from the remote endpoint…"
      const failing = connection.failed && connection.shouldCloseTransport() && !this.#transportEnding && !this.#transportClosed;
      if (this.#transportOpen && !this.#transportClosed) {
        const chunks = connection.dataToSend();
        chunks.forEach((chunk, index) => {
          const last = index === chunks.length - 1;
          const done = last ? written : undefined;
          transport.write(
            chunk,
            last && failing
              ? () => {
                  done?.();
                  transport.destroy();
                }
              : done,
          );
        });
        if (failing && chunks.length === 0) queueMicrotask(() => transport.destroy());
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
        this.#closeTimer = setTimeout(() => transport.destroy(), this.#closeTimeout);
        unref(this.#closeTimer);
      }
      // The opening handshake is over (established or failed): the next
      // attempt to the same remote host may go (RFC 6455 §4.1 ¶4.2.1, in
      // the Node transport).
      if (connection.state !== State.CONNECTING) transport.handshakeSettled?.();
      // Wire order: while a message's task is pending, the frames after it
      // stay unread, so what the script sends from its message handler
      // leaves before the reply to a Close that followed the message.
      if (this.#messageTaskPending) return;
      const event = connection.nextEvent();
      if (event === null) return;
      this.#handle(event);
    }
  }

  #handle(event: ConnectionEvent): void {
    switch (event.type) {
      case 'open':
        clearTimer(this.#handshakeTimer);
        this.#established = true;
        // The object's own checks may fail it: not established from the API's point of view, so no Close frame (1006 is never sent).
        if (!this.#host.established(event.protocol, event.extensions)) this.#connection.fail(CloseCode.AbnormalClosure);
        return;
      case 'text':
      case 'binary':
        this.#messageTaskPending = true;
        // The script has seen the message once its task has run: then the next frames may be read.
        this.#host.message(event.data, () => this.#release());
        return;
      case 'close':
        this.#host.closingStarted();
        return;
      case 'error':
        this.#host.fail(describeFailure(event.error));
        return;
      case 'closed': {
        clearTimer(this.#handshakeTimer);
        clearTimer(this.#closeTimer);
        // The transport closed after the connection was established and no
        // Close frame came (a FIN or a reset alike): it was lost, and the
        // client fails the connection, so the close steps fire `error` first.
        // @spec rfc6455#section-7.2.1-2 "If at any point the underlying transport layer connection is unexpectedly lost, the client MUST _Fail the WebSocket Connection_."
        if (this.#established && event.code === CloseCode.AbnormalClosure) this.#host.fail('the connection was lost without a closing handshake');
        if (!this.#transportClosed && !this.#transportEnding) {
          this.#transportEnding = true;
          this.#transport.end();
        }
        this.#host.closed(event.wasClean, event.code, event.reason);
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
