/**
 * The delays between reconnect attempts (RFC 6455 §7.2.3): random first,
 * then increasingly longer, truncated. The Node client's `reconnect()` that
 * waits them is tested against a server in test/interop/rfc-client.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INITIAL_RECONNECT_DELAY, DEFAULT_MAX_RECONNECT_DELAY, reconnectDelay } from '../../src/protocol/index.ts';

const fixed = (value: number) => () => value;

describe('Reconnect backoff [rfc6455#section-7.2.3]', () => {
  it('delays the first attempt by a random amount between 0 and 5 seconds, or within the interval the client chooses [rfc6455#section-7.2.3-3]', () => {
    expect(reconnectDelay(0, { random: fixed(0) })).toBe(0);
    expect(reconnectDelay(0, { random: fixed(0.5) })).toBe(2500);
    expect(reconnectDelay(0, { random: fixed(0.999) })).toBeLessThan(5000);
    expect(reconnectDelay(0, { random: fixed(0.5), initialDelay: 200 })).toBe(100);
    expect(DEFAULT_INITIAL_RECONNECT_DELAY).toBe(5000);
    // Math.random by default: the delays of many clients spread out.
    const delays = new Set(Array.from({ length: 20 }, () => reconnectDelay(0)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(0);
  });

  it('delays each later attempt longer than any before it, doubling, until the cap [rfc6455#section-7.2.3-4, rfc6455#section-7.2.3-2]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 12, maxLength: 12 }), (randoms) => {
        const delays = randoms.map((r, attempt) => reconnectDelay(attempt, { random: fixed(r) }));
        // Attempt n (n ≥ 1) waits in [5 s × 2^(n-1), 5 s × 2^n): above every earlier delay, until 60 s caps it.
        for (let n = 1; n < delays.length; n++) {
          const window = Math.min(5000 * 2 ** n, DEFAULT_MAX_RECONNECT_DELAY);
          expect(delays[n]).toBeGreaterThanOrEqual(window / 2);
          expect(delays[n]).toBeLessThan(window);
          if (5000 * 2 ** n <= DEFAULT_MAX_RECONNECT_DELAY) expect(delays[n]).toBeGreaterThan(Math.max(...delays.slice(0, n)));
        }
      }),
    );
  });

  it('truncates the backoff at maxDelay, however many attempts failed [rfc6455#section-7.2.3-4]', () => {
    for (const attempt of [5, 10, 100, 10_000]) {
      const delay = reconnectDelay(attempt, { random: fixed(0.999), maxDelay: 30_000 });
      expect(delay).toBeLessThan(30_000);
      expect(delay).toBeGreaterThanOrEqual(15_000);
    }
    expect(() => reconnectDelay(-1)).toThrow(RangeError);
  });
});
