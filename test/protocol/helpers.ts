/** Shared helpers for the protocol tests: hex literals, fixed randomness, event shortcuts. */
import { Connection } from '../../src/protocol/index.ts';
import type { ConnectionEvent, ConnectionOptions, Role } from '../../src/protocol/index.ts';

import { concatBytes, hex, toHex } from '../support/spec-assert.ts';

// Byte helpers are shared with the browser-runnable cases.
export { concatBytes, hex, toHex };

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The masking key of RFC 6455 §5.7's examples. */
export const RFC_MASK = hex('37 fa 21 3d');

/** A random source that repeats `key` (the masking key of every frame). */
export function fixedRandom(key: Uint8Array = RFC_MASK): (bytes: Uint8Array) => void {
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = key[i % key.length]!;
  };
}

/** A connection in OPEN state whose client frames are masked with the RFC's key. */
export function open(role: Role, options: ConnectionOptions = {}): Connection {
  return new Connection(role, { random: fixedRandom(), ...options });
}

/** Feeds a copy of `bytes` (the connection takes what it is given) and returns the events. */
export function feed(connection: Connection, bytes: Uint8Array): ConnectionEvent[] {
  connection.receiveData(bytes.slice());
  return connection.events();
}

/** Everything queued for the transport, as one hex string. */
export function sent(connection: Connection): string {
  return toHex(concatBytes(...connection.dataToSend()));
}

/** The error code of the `error` event among `events`, if any. */
export function errorOf(events: ConnectionEvent[]): { code: string; closeCode: number | null } | null {
  const event = events.find((e) => e.type === 'error');
  return event?.type === 'error' ? { code: event.error.code, closeCode: event.error.closeCode } : null;
}
