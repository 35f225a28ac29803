/**
 * The scenario driver: ONE function that runs a declarative script against
 * a WebSocket constructor and records what the script observed. It runs
 * unchanged in a browser page (`page.evaluate`, with the browser's
 * WebSocket or ours through the relay), in Node with undici's WebSocket,
 * and in Node with ours. Hence: no import at run time (only erased type
 * imports), no reference to anything outside the function, nothing but
 * what a page and Node both have (setTimeout, Date, TextEncoder, Blob).
 *
 * What it records, in order:
 *   - every `open`, `message`, `error` and `close` event, when dispatched,
 *     with the ready state at that moment, the event's class, and every
 *     field a script could read beyond those of `Event` itself;
 *   - every exception a step threw (its DOMException name and message);
 *   - the values of the attributes a step read;
 *   - a timeout, if an awaited event never came (the script stops there).
 */

/** What a `send` step sends. */
export type Payload =
  | { text: string }
  /** `text` repeated `times` times. */
  | { textRepeat: string; times: number }
  /** A Uint8Array of these bytes. */
  | { bytes: number[] }
  /** A Uint8Array of `size` bytes of the pattern `(i * 31 + seed) & 255` (seed 7 by default). */
  | { bytesOfSize: number; seed?: number }
  /** An ArrayBuffer of these bytes. */
  | { arrayBuffer: number[] }
  /** A Blob of these bytes. */
  | { blob: number[] };

export type WebSocketEventName = 'open' | 'message' | 'error' | 'close';
export type ReadableAttribute = 'readyState' | 'bufferedAmount' | 'protocol' | 'extensions' | 'url' | 'binaryType';

/** A number, or a value JSON cannot carry. */
export type CloseCodeArgument = number | 'NaN' | 'undefined';
/** A string, or `text` repeated `times` times. */
export type ReasonArgument = string | { repeat: string; times: number };

export type ScriptStep =
  /** `new WebSocket(url)` or `new WebSocket(url, protocols)`; `{ws}`, `{http}`, `{https}`, `{wss}`, `{closed}` in url are replaced. */
  | { op: 'construct'; url: string; protocols?: string | string[] }
  | { op: 'send'; data: Payload }
  /** `close()`, `close(code)`, `close(code, reason)` or `close(undefined, reason)`, depending on the keys present. */
  | { op: 'close'; code?: CloseCodeArgument; reason?: ReasonArgument }
  | { op: 'set'; attr: 'binaryType'; value: string }
  | { op: 'read'; attr: ReadableAttribute }
  /** Waits until `count` (default 1) events of this type have been dispatched in all. */
  | { op: 'wait'; event: WebSocketEventName; count?: number; timeoutMs?: number }
  /** Runs `steps` synchronously inside the listener of the `nth` (default 1) event of this type. */
  | { op: 'on'; event: WebSocketEventName; nth?: number; steps: ScriptStep[] }
  | { op: 'sleep'; ms: number };

/** One observation, as recorded (before port normalization). */
export type ObservedEntry =
  | {
      type: 'event';
      name: string;
      /** The event's class: `Event`, `MessageEvent`, `CloseEvent`, `ErrorEvent`… */
      eventClass: string;
      /** `readyState` when the event was dispatched. */
      readyState: number;
      /** Milliseconds since the constructor was called. */
      at: number;
      /** Every field a script could read beyond Event's own, summarized (see `describe` in the driver). */
      fields: Record<string, string | number | boolean | null>;
    }
  | { type: 'exception'; op: string; name: string; message: string }
  | { type: 'value'; attr: string; value: string | number | boolean | null }
  | { type: 'timeout'; event: string; count: number };

export interface DriverConfig {
  /** Replacements for the URL templates, e.g. `{ ws: 'ws://127.0.0.1:4000' }`. */
  urls: Record<string, string>;
  /** Default timeout of a `wait` step, in ms. */
  timeoutMs: number;
  /** Quiet time after the last step, in ms, to catch late events. */
  settleMs: number;
}

export interface DriverResult {
  observed: ObservedEntry[];
  durationMs: number;
}

/**
 * Runs `steps` against `WebSocketClass`. Never throws for what a
 * WebSocket does: exceptions and timeouts are observations.
 */
export async function runScript(WebSocketClass: unknown, steps: readonly ScriptStep[], config: DriverConfig): Promise<DriverResult> {
  type AnyWebSocket = {
    readyState: number;
    addEventListener(type: string, listener: (event: Event) => void): void;
    send(data: unknown): void;
    close(code?: unknown, reason?: unknown): void;
    [key: string]: unknown;
  };
  const Ctor = WebSocketClass as new (url: string, protocols?: string | string[]) => AnyWebSocket;
  const started = Date.now();
  const observed: ObservedEntry[] = [];
  const reads: Array<Promise<void>> = [];
  const counts: Record<string, number> = { open: 0, message: 0, error: 0, close: 0 };
  const waiters: Array<{ event: string; count: number; resolve: (ok: boolean) => void }> = [];
  const reactions: Array<{ event: string; nth: number; steps: readonly ScriptStep[] }> = [];
  let ws: AnyWebSocket | null = null;
  let recording = true;

  // Fields of Event itself (same for every event), constants and methods are not recorded.
  const EVENT_FIELDS = [
    'type',
    'target',
    'currentTarget',
    'srcElement',
    'eventPhase',
    'bubbles',
    'cancelable',
    'defaultPrevented',
    'composed',
    'isTrusted',
    'timeStamp',
    'returnValue',
    'cancelBubble',
  ];
  // IDL attributes of the event classes involved, read even where for…in does not list them.
  const KNOWN_FIELDS = ['data', 'origin', 'lastEventId', 'source', 'ports', 'code', 'reason', 'wasClean', 'message', 'filename', 'lineno', 'colno', 'error'];

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  function fnv1a(bytes: Uint8Array): string {
    let hash = 0x811c9dc5;
    for (let i = 0; i < bytes.length; i++) {
      hash ^= bytes[i]!;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
  }

  function bytesText(bytes: Uint8Array): string {
    if (bytes.length <= 32) return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
    return `fnv1a=${fnv1a(bytes)}`;
  }

  function className(value: object): string {
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
    return proto?.constructor?.name ?? 'Object';
  }

  /** A JSON value for what a script reads: strings up to 120 characters as they are, everything else summarized. */
  function describe(value: unknown, later: (text: string) => void): string | number | boolean | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') {
      if (value.length <= 120) return value;
      return `⟨string length=${value.length} fnv1a=${fnv1a(new TextEncoder().encode(value))}⟩`;
    }
    if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
    if (typeof value === 'boolean') return value;
    if (typeof value !== 'object') return `⟨${typeof value}⟩`;
    const tag = Object.prototype.toString.call(value);
    if (tag === '[object ArrayBuffer]') {
      const bytes = new Uint8Array(value as ArrayBuffer);
      return `⟨ArrayBuffer byteLength=${bytes.length} ${bytesText(bytes)}⟩`.replace(' ⟩', '⟩');
    }
    if (typeof Blob !== 'undefined' && value instanceof Blob) {
      const head = `⟨Blob size=${value.size} type=${JSON.stringify(value.type)}`;
      reads.push(value.arrayBuffer().then((buffer) => later(`${head} ${bytesText(new Uint8Array(buffer))}⟩`.replace(' ⟩', '⟩'))));
      return `${head} (reading)⟩`;
    }
    if (Array.isArray(value)) return `⟨Array length=${value.length}⟩`;
    if (value instanceof Error || (typeof (value as Error).name === 'string' && typeof (value as Error).message === 'string')) {
      const error = value as Error;
      return `⟨${className(error)} name=${JSON.stringify(error.name)} message=${JSON.stringify(error.message)}⟩`;
    }
    return `⟨object ${className(value)}⟩`;
  }

  function recordEvent(event: Event): void {
    if (!recording || ws === null) return;
    const fields: Record<string, string | number | boolean | null> = {};
    const keys = new Set<string>();
    for (const key in event) keys.add(key);
    for (const key of KNOWN_FIELDS) if (key in event) keys.add(key);
    for (const key of keys) {
      if (EVENT_FIELDS.includes(key) || /^[A-Z_]+$/.test(key)) continue;
      let value: unknown;
      try {
        value = (event as unknown as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      if (typeof value === 'function') continue;
      fields[key] = describe(value, (text) => {
        fields[key] = text;
      });
    }
    observed.push({ type: 'event', name: event.type, eventClass: className(event), readyState: ws.readyState, at: Date.now() - started, fields });
    const count = ++counts[event.type]!;
    for (const reaction of reactions) {
      if (reaction.event === event.type && reaction.nth === count) for (const step of reaction.steps) runSync(step);
    }
    for (const waiter of waiters.slice()) {
      if (waiter.event === event.type && count >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(true);
      }
    }
  }

  function payload(data: Payload): unknown {
    if ('text' in data) return data.text;
    if ('textRepeat' in data) return data.textRepeat.repeat(data.times);
    if ('bytes' in data) return new Uint8Array(data.bytes);
    if ('arrayBuffer' in data) return new Uint8Array(data.arrayBuffer).buffer;
    if ('blob' in data) return new Blob([new Uint8Array(data.blob)]);
    const seed = data.seed ?? 7;
    const bytes = new Uint8Array(data.bytesOfSize);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + seed) & 255;
    return bytes;
  }

  function expandUrl(template: string): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => config.urls[name] ?? whole);
  }

  function exception(op: string, error: unknown): void {
    const e = error as { name?: unknown; message?: unknown };
    observed.push({ type: 'exception', op, name: String(e?.name ?? 'unknown'), message: String(e?.message ?? error) });
  }

  /** The steps that complete at once (all but wait, on and sleep). */
  function runSync(step: ScriptStep): void {
    switch (step.op) {
      case 'construct': {
        const url = expandUrl(step.url);
        try {
          ws = step.protocols === undefined ? new Ctor(url) : new Ctor(url, step.protocols);
        } catch (error) {
          exception('construct', error);
          return;
        }
        const socket = ws;
        for (const type of ['open', 'message', 'error', 'close']) socket.addEventListener(type, recordEvent);
        return;
      }
      case 'send':
        if (ws === null) return;
        try {
          ws.send(payload(step.data));
        } catch (error) {
          exception('send', error);
        }
        return;
      case 'close': {
        if (ws === null) return;
        const code = step.code === 'NaN' ? NaN : step.code === 'undefined' ? undefined : step.code;
        const reason = typeof step.reason === 'object' ? step.reason.repeat.repeat(step.reason.times) : step.reason;
        try {
          if ('code' in step && 'reason' in step) ws.close(code, reason);
          else if ('code' in step) ws.close(code);
          else if ('reason' in step) ws.close(undefined, reason);
          else ws.close();
        } catch (error) {
          exception('close', error);
        }
        return;
      }
      case 'set':
        if (ws === null) return;
        try {
          ws[step.attr] = step.value;
        } catch (error) {
          exception(`set ${step.attr}`, error);
        }
        return;
      case 'read': {
        if (ws === null) return;
        const entry: ObservedEntry = { type: 'value', attr: step.attr, value: null };
        entry.value = describe(ws[step.attr], (text) => {
          entry.value = text;
        });
        observed.push(entry);
        return;
      }
      default:
        return;
    }
  }

  let stopped = false;
  for (const step of steps) {
    if (stopped) break;
    if (step.op === 'wait') {
      if (ws === null) continue;
      const count = step.count ?? 1;
      const event = step.event;
      const ok =
        counts[event]! >= count ||
        (await new Promise<boolean>((resolve) => {
          const waiter = { event, count, resolve };
          waiters.push(waiter);
          setTimeout(() => {
            const index = waiters.indexOf(waiter);
            if (index >= 0) waiters.splice(index, 1);
            resolve(false);
          }, step.timeoutMs ?? config.timeoutMs);
        }));
      if (!ok) {
        observed.push({ type: 'timeout', event, count });
        stopped = true;
      }
    } else if (step.op === 'on') {
      reactions.push({ event: step.event, nth: step.nth ?? 1, steps: step.steps });
    } else if (step.op === 'sleep') {
      await sleep(step.ms);
    } else {
      runSync(step);
    }
  }
  await sleep(config.settleMs);
  await Promise.all(reads);
  recording = false;
  // Leave nothing open behind the script (not recorded).
  const last = ws as AnyWebSocket | null;
  if (last !== null && last.readyState < 2) {
    try {
      last.close();
    } catch {
      // Nothing to observe any more.
    }
  }
  return { observed, durationMs: Date.now() - started };
}
