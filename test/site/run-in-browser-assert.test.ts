/**
 * The assertions the browser-runnable cases use (test/support/spec-assert.ts):
 * each passes on what it should and throws, with a message that shows both
 * values, on what it should not.
 */
import { describe, expect, it } from 'vitest';
import {
  AssertionError,
  bytesHex,
  concatBytes,
  deepEqual,
  equal,
  hex,
  matchObject,
  notEqual,
  ok,
  show,
  text,
  throws,
  toHex,
} from '../support/spec-assert.ts';

const message = (fn: () => void): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AssertionError);
    return (error as Error).message;
  }
  throw new Error('no AssertionError');
};

describe('spec-assert', () => {
  it('converts hex both ways and concatenates bytes', () => {
    expect(toHex(hex('81 05 48\n65'))).toBe('81 05 48 65');
    expect(toHex(new Uint8Array(0))).toBe('');
    expect(() => hex('8')).toThrow(/bad hex/);
    expect(() => hex('zz')).toThrow(/bad hex/);
    expect(toHex(concatBytes(hex('01'), new Uint8Array(0), hex('02 03')))).toBe('01 02 03');
    expect(toHex(text('é'))).toBe('c3 a9');
  });

  it('equal compares with Object.is', () => {
    equal(1, 1);
    equal(Number.NaN, Number.NaN);
    equal(null, null);
    expect(message(() => equal<unknown>(1, '1'))).toBe('expected "1", got 1');
    expect(message(() => equal(0, -0, 'sign'))).toBe('sign: expected 0, got 0');
    expect(message(() => notEqual('a', 'a'))).toBe('expected a value other than "a"');
    notEqual('a', 'b');
  });

  it('deepEqual compares bytes, arrays and plain objects, and says where they differ', () => {
    deepEqual({ a: [1, { b: hex('01 02') }], c: null }, { a: [1, { b: hex('01 02') }], c: null });
    deepEqual(hex('00').subarray(0, 0), new Uint8Array(0));
    expect(message(() => deepEqual(hex('81 05 48'), hex('81 05 49')))).toBe('bytes differ at index 2: expected …81 05 49…, got …81 05 48…');
    expect(message(() => deepEqual(hex('81'), hex('81 00')))).toBe('expected 2 bytes 81 00, got 1 bytes 81');
    expect(message(() => deepEqual({ p: { q: [1, 2] } }, { p: { q: [1, 3] } }))).toBe('expected 3, got 2 (at .p.q[1])');
    expect(message(() => deepEqual<unknown>({ a: 1, b: 2 }, { a: 1 }))).toMatch(/^unexpected key "b"/);
    expect(message(() => deepEqual<unknown>({ a: 1 }, { a: 1, b: 2 }))).toMatch(/^missing key "b"/);
    expect(message(() => deepEqual<unknown>([1], { 0: 1 }))).toMatch(/^expected \{ 0: 1 \}, got \[1\]/);
    expect(message(() => deepEqual<unknown>([0, 0], hex('00 00')))).toBe('expected 00 00, got [0, 0]');
    expect(message(() => deepEqual<unknown>(null, { a: 1 }))).toBe('expected { a: 1 }, got null');
  });

  it('matchObject ignores keys it is not given', () => {
    matchObject({ a: 1, b: 2, key: null }, { a: 1, key: null });
    expect(message(() => matchObject({ a: 1 }, { a: 2 }))).toBe('expected 2, got 1 (at .a)');
    expect(message(() => matchObject(null, { a: 2 }))).toBe('expected { a: 2 }, got null');
  });

  it('bytesHex, ok and throws', () => {
    bytesHex(hex('0a 0b'), '0A0B');
    expect(message(() => bytesHex(hex('0a'), '0b'))).toBe('expected "0b", got "0a"');
    ok(1);
    expect(message(() => ok(0, 'must be set'))).toBe('must be set, got 0');
    const error = throws(() => {
      throw new RangeError('r');
    }, RangeError);
    expect(error.message).toBe('r');
    expect(message(() => throws(() => 1))).toBe('expected an error to be thrown, nothing was');
    expect(
      message(() =>
        throws(() => {
          throw new TypeError('t');
        }, RangeError),
      ),
    ).toBe('expected a RangeError to be thrown, got TypeError: t');
  });

  it('shows long byte strings cut, and other values readably', () => {
    expect(show(new Uint8Array(40))).toMatch(/^<40 bytes: (00 ){31}00 …>$/);
    expect(show(new Uint8Array(0))).toBe('<0 bytes>');
    expect(show({ fin: true, payload: hex('48'), f: show })).toBe('{ fin: true, payload: 48, f: [function show] }');
    expect(show(undefined)).toBe('undefined');
  });
});
