/**
 * A tiny assertion library for the test cases that run both under Vitest
 * and in a reader's browser (test/protocol/cases/): no Node import, no
 * Vitest import, nothing but the language and the Encoding Standard.
 *
 * Every assertion throws an `AssertionError` whose message says what was
 * expected and what was found, with bytes shown as hex:
 *
 *   expected 81 05 48 65 6c 6c 6f, got 81 05 48 65 6c 6c 00 (at [6])
 */

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

// ---------------------------------------------------------------- bytes

/** `hex('81 05 48 65')` → bytes; spaces and line breaks are ignored. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`bad hex: ${text}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes → `81 05 48 65`. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (i === 0 ? '' : ' ') + bytes[i]!.toString(16).padStart(2, '0');
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const encoder = new TextEncoder();

/** A string's UTF-8 bytes. */
export const text = (s: string): Uint8Array => encoder.encode(s);

// ------------------------------------------------------------ formatting

/** Longest byte string shown in full in a message; longer ones are cut. */
const SHOWN_BYTES = 32;

/** A short, readable rendering of any value for a failure message. */
export function show(value: unknown): string {
  if (value instanceof Uint8Array) {
    if (value.length === 0) return '<0 bytes>';
    const head = toHex(value.subarray(0, SHOWN_BYTES));
    return value.length > SHOWN_BYTES ? `<${value.length} bytes: ${head} …>` : head;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, v]) => `${key}: ${show(v)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

const prefix = (message: string | undefined) => (message ? `${message}: ` : '');

// ------------------------------------------------------------ comparison

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Where `actual` first differs from `expected`, as a path (`.payload[3]`)
 * and a reason, or null when they are deeply equal. Compares primitives
 * with Object.is, Uint8Arrays byte by byte, arrays item by item and plain
 * objects key by key (the same keys, each deeply equal). With `partial`,
 * objects may have keys that `expected` does not mention.
 */
function difference(actual: unknown, expected: unknown, path: string, partial: boolean): string | null {
  if (Object.is(actual, expected)) return null;
  const at = path === '' ? '' : ` (at ${path})`;
  if (expected instanceof Uint8Array || actual instanceof Uint8Array) {
    if (!(expected instanceof Uint8Array && actual instanceof Uint8Array)) return `expected ${show(expected)}, got ${show(actual)}${at}`;
    if (actual.length !== expected.length) {
      return `expected ${expected.length} bytes ${show(expected)}, got ${actual.length} bytes ${show(actual)}${at}`;
    }
    for (let i = 0; i < expected.length; i++) {
      if (actual[i] !== expected[i]) {
        const window = (bytes: Uint8Array) => show(bytes.subarray(Math.max(0, i - 4), i + 4));
        return `bytes differ at index ${i}${at}: expected …${window(expected)}…, got …${window(actual)}…`;
      }
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `expected ${show(expected)}, got ${show(actual)}${at}`;
    if (actual.length !== expected.length) return `expected ${expected.length} items ${show(expected)}, got ${actual.length} items ${show(actual)}${at}`;
    for (let i = 0; i < expected.length; i++) {
      const diff = difference(actual[i], expected[i], `${path}[${i}]`, partial);
      if (diff !== null) return diff;
    }
    return null;
  }
  if (isPlainObject(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `expected ${show(expected)}, got ${show(actual)}${at}`;
    const record = actual as Record<string, unknown>;
    for (const key of Object.keys(expected)) {
      if (!(key in record)) return `missing key ${JSON.stringify(key)}${at}: expected ${show(expected)}, got ${show(actual)}`;
      const diff = difference(record[key], expected[key], `${path}.${key}`, partial);
      if (diff !== null) return diff;
    }
    if (!partial) {
      const extra = Object.keys(record).filter((key) => !(key in expected));
      if (extra.length > 0) return `unexpected key ${JSON.stringify(extra[0])}${at}: expected ${show(expected)}, got ${show(actual)}`;
    }
    return null;
  }
  return `expected ${show(expected)}, got ${show(actual)}${at}`;
}

// ------------------------------------------------------------ assertions

/** `actual` is `expected` (Object.is: NaN equals NaN, +0 differs from -0). */
export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) throw new AssertionError(`${prefix(message)}expected ${show(expected)}, got ${show(actual)}`);
}

/** `actual` is not `unexpected`. */
export function notEqual<T>(actual: T, unexpected: T, message?: string): void {
  if (Object.is(actual, unexpected)) throw new AssertionError(`${prefix(message)}expected a value other than ${show(unexpected)}`);
}

/** `actual` and `expected` are deeply equal: plain data (primitives, arrays, plain objects) and Uint8Arrays. */
export function deepEqual<T>(actual: T, expected: T, message?: string): void {
  const diff = difference(actual, expected, '', false);
  if (diff !== null) throw new AssertionError(`${prefix(message)}${diff}`);
}

/** Every key `expected` names has a deeply equal value in `actual`; other keys of `actual` are ignored. */
export function matchObject(actual: unknown, expected: Record<string, unknown>, message?: string): void {
  const diff = difference(actual, expected, '', true);
  if (diff !== null) throw new AssertionError(`${prefix(message)}${diff}`);
}

/** `value` is truthy. */
export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new AssertionError(`${message}, got ${show(value)}`);
}

/** Bytes equal `expectedHex` (compared and shown as hex). */
export function bytesHex(actual: Uint8Array, expectedHex: string, message?: string): void {
  equal(toHex(actual), toHex(hex(expectedHex)), message);
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/**
 * `fn` throws; returns what it threw. With `type`, the thrown value must be
 * an instance of it.
 */
export function throws<E extends Error = Error>(fn: () => unknown, type?: ErrorClass<E>, message?: string): E {
  try {
    fn();
  } catch (error) {
    if (type !== undefined && !(error instanceof type)) {
      throw new AssertionError(`${prefix(message)}expected a ${type.name} to be thrown, got ${show(error)}`);
    }
    return error as E;
  }
  throw new AssertionError(`${prefix(message)}expected ${type ? `a ${type.name}` : 'an error'} to be thrown, nothing was`);
}
