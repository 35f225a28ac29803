/**
 * One opening handshake at a time per remote IP address and port (RFC 6455
 * §4.1 ¶4.2.1). One queue per process, shared by every client that opens
 * connections itself — the Node client (src/node/client.ts) and the
 * WebSocket class's Node transport (src/api/transports/node.ts) — so that
 * their attempts to the same host wait for each other. No I/O here: the
 * caller resolves the address and opens the connection.
 */

/**
 * The attempts that are CONNECTING, by remote address and port: the tail of
 * each queue, settled once every attempt queued so far has been established
 * or has failed.
 */
const connecting = new Map<string, Promise<void>>();

export interface QueuedAttempt {
  /** Settles once no attempt queued before this one is CONNECTING. */
  turn: Promise<void>;
  /**
   * This attempt is established or has failed (or was given up): the next
   * one may go. Idempotent. Called while still waiting, it keeps the order:
   * the next attempt still waits for those queued before this one.
   */
  release: () => void;
}

/** The key of a remote host: its IP address (IPv6 in brackets) and port. */
export function attemptKey(address: string, family: number, port: number): string {
  return family === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Queues an attempt to `key` (see `attemptKey`). */
// @spec rfc6455#section-4.1-4.2.1 "There MUST be no more than one connection in a CONNECTING state."
export function queueAttempt(key: string): QueuedAttempt {
  const previous = connecting.get(key) ?? Promise.resolve();
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const tail = previous.then(() => done);
  connecting.set(key, tail);
  let released = false;
  return {
    turn: previous,
    release: () => {
      if (released) return;
      released = true;
      settle();
      void tail.then(() => {
        if (connecting.get(key) === tail) connecting.delete(key);
      });
    },
  };
}

/** How many remote addresses have an attempt CONNECTING or waiting (for tests). */
export function queuedAddresses(): number {
  return connecting.size;
}
