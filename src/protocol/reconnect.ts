/**
 * Delays between reconnect attempts after an abnormal closure (RFC 6455
 * §7.2.3), pure: a random first delay, then truncated binary exponential
 * backoff with jitter. The Node client's `reconnect()` waits these delays;
 * any other client can too.
 *
 *   attempt 0: uniform in [0, initialDelay)
 *   attempt n: uniform in [w/2, w), w = min(initialDelay × 2^n, maxDelay)
 *
 * in whole milliseconds, so that until the cap each attempt waits longer
 * than any before it.
 */

export interface BackoffOptions {
  /** Upper bound of the random delay before the first reconnect attempt, in ms. Default 5 s, the RFC's example. */
  initialDelay?: number;
  /** The cap of every delay, in ms (the truncation). Default 60 s. */
  maxDelay?: number;
  /** A random number in [0, 1). Default `Math.random`: the delays need spreading, not secrecy. */
  random?: () => number;
}

export const DEFAULT_INITIAL_RECONNECT_DELAY = 5_000;
export const DEFAULT_MAX_RECONNECT_DELAY = 60_000;

/** The delay before reconnect attempt `attempt` (0 for the first), in whole milliseconds. */
// @spec rfc6455#section-7.2.3-2 "clients SHOULD use some form of backoff when trying to reconnect after abnormal closures as described in this section."
export function reconnectDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelay ?? DEFAULT_INITIAL_RECONNECT_DELAY;
  const max = Math.max(options.maxDelay ?? DEFAULT_MAX_RECONNECT_DELAY, initial);
  const random = options.random ?? Math.random;
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError(`attempt ${attempt}`);
  /** A whole number of milliseconds in [low, high), or low when the interval is empty. */
  const between = (low: number, high: number) => (high - low < 1 ? low : Math.min(high - 1, Math.floor(low + random() * (high - low))));
  // @spec rfc6455#section-7.2.3-3 "The first reconnect attempt SHOULD be delayed by a random amount of time."
  // @spec rfc6455#section-7.2.3-3 "a value chosen randomly between 0 and 5 seconds is a reasonable initial delay though clients MAY choose a different interval"
  if (attempt === 0) return between(0, initial);
  // @spec rfc6455#section-7.2.3-4 "Should the first reconnect attempt fail, subsequent reconnect attempts SHOULD be delayed by increasingly longer amounts…"
  const window = Math.min(initial * 2 ** Math.min(attempt, 52), max);
  return between(window / 2, window);
}
