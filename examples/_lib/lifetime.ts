/**
 * Every example ends by itself: a watchdog for the whole run, and a
 * timeout for each thing awaited.
 */

/** Ends the process if the example is still running after `ms`: a peer that never answers must not hang a terminal or a test run. */
export function watchdog(ms: number): void {
  setTimeout(() => {
    console.error(`The example did not finish within ${ms} ms: stopping.`);
    process.exit(1);
  }, ms).unref();
}

/** `promise`, or a rejection naming `what` after `ms`. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
