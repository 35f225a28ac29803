/**
 * The events a WebSocket fires: `open` and `error` are plain `Event`s,
 * `message` a `MessageEvent`, `close` a `CloseEvent`.
 *
 * We reuse the platform's classes rather than define our own:
 *
 * - in a browser, a script tests `event instanceof CloseEvent` against the
 *   page's own `CloseEvent`; only the platform's class makes that true;
 * - Node 24 exposes undici's `MessageEvent` and `CloseEvent` as globals:
 *   they implement the IDL (the `CloseEventInit` defaults `wasClean` false,
 *   `code` 0, `reason` ''), they are what Node's own WebSocket fires, and
 *   they are tested by the web-platform-tests;
 * - our own copies would repeat those Web IDL conversions and still fail
 *   `instanceof` against the platform's.
 *
 * Where a global is missing (Node before 23 had no `CloseEvent`), a small
 * conforming class takes its place (`FallbackCloseEvent`,
 * `FallbackMessageEvent`).
 */

/** `CloseEventInit` (WHATWG). */
export interface CloseEventInit extends EventInit {
  wasClean?: boolean;
  code?: number;
  reason?: string;
}

/**
 * `CloseEvent` as the standard defines it, for a platform without one: each
 * attribute returns the value it was initialized to, with the dictionary's
 * defaults.
 */
// @spec whatwg#the-closeevent-interface-2
export class FallbackCloseEvent extends Event {
  readonly #wasClean: boolean;
  readonly #code: number;
  readonly #reason: string;

  constructor(type: string, init: CloseEventInit = {}) {
    super(type, init);
    this.#wasClean = Boolean(init.wasClean ?? false);
    this.#code = (Number(init.code ?? 0) >>> 0) & 0xffff;
    this.#reason = String(init.reason ?? '').toWellFormed();
  }

  // @spec whatwg#dom-closeevent-wasclean "The wasClean attribute must return the value it was initialized to."
  get wasClean(): boolean {
    return this.#wasClean;
  }

  // @spec whatwg#dom-closeevent-code "The code attribute must return the value it was initialized to."
  get code(): number {
    return this.#code;
  }

  // @spec whatwg#dom-closeevent-reason "The reason attribute must return the value it was initialized to."
  get reason(): string {
    return this.#reason;
  }
}

/** The `MessageEventInit` members a WebSocket sets. */
export interface WebSocketMessageEventInit extends EventInit {
  data?: unknown;
  origin?: string;
}

/** `MessageEvent` (HTML), reduced to what a WebSocket sets, for a platform without one. */
export class FallbackMessageEvent extends Event {
  readonly data: unknown;
  readonly origin: string;
  readonly lastEventId = '';
  readonly source = null;
  readonly ports: readonly unknown[] = Object.freeze([]);

  constructor(type: string, init: WebSocketMessageEventInit = {}) {
    super(type, init);
    this.data = init.data ?? null;
    this.origin = String(init.origin ?? '');
  }
}

type CloseEventClass = new (type: string, init?: CloseEventInit) => Event;
type MessageEventClass = new (type: string, init?: WebSocketMessageEventInit) => Event;

const scope = globalThis as { CloseEvent?: CloseEventClass; MessageEvent?: MessageEventClass };

/** The platform's `CloseEvent`, or the fallback. */
export const CloseEventImpl: CloseEventClass = scope.CloseEvent ?? FallbackCloseEvent;

/** The platform's `MessageEvent`, or the fallback. */
export const MessageEventImpl: MessageEventClass = scope.MessageEvent ?? FallbackMessageEvent;

/** A `close` event, as closeWebSocket step 3 fires it. */
export function createCloseEvent(wasClean: boolean, code: number, reason: string): Event {
  return new CloseEventImpl('close', { wasClean, code, reason });
}

/** A `message` event, as the message steps fire it. */
export function createMessageEvent(data: unknown, origin: string): Event {
  return new MessageEventImpl('message', { data, origin });
}
