/** Shared fixtures of the browser-runnable cases (no Node, no Vitest). */
import { FrameReader, ProtocolError } from '../../../src/protocol/index.ts';
import type { Frame } from '../../../src/protocol/index.ts';
import { AssertionError, hex, show } from '../../support/spec-assert.ts';

/** The masking key of RFC 6455 §5.7's examples. */
export const RFC_MASK = hex('37 fa 21 3d');

/** A frame with the RSV bits clear. */
export const frame = (opcode: number, payload: Uint8Array, fin = true): Frame => ({ fin, rsv1: false, rsv2: false, rsv3: false, opcode, payload });

/** A reader of a client's frames (what a server reads) or of a server's (what a client reads). */
export const reader = (peer: 'client' | 'server', maxFrameSize = 1 << 30): FrameReader => new FrameReader({ peer, maxFrameSize });

/** Reads one frame from a copy of `bytes` (the reader unmasks in place). */
export function readOne(peer: 'client' | 'server', bytes: Uint8Array, maxFrameSize?: number): Frame | null {
  const r = reader(peer, maxFrameSize);
  r.push(bytes.slice());
  return r.readFrame();
}

/** The ProtocolError that reading `bytes` throws, as [code, closeCode]. */
export function readError(peer: 'client' | 'server', bytes: Uint8Array, maxFrameSize?: number): [string, number] {
  let frame: Frame | null;
  try {
    frame = readOne(peer, bytes, maxFrameSize);
  } catch (error) {
    if (error instanceof ProtocolError) return [error.code, error.closeCode];
    throw error;
  }
  throw new AssertionError(`expected a ProtocolError, read ${show(frame)}`);
}

/** The ProtocolError that `fn` throws, as [code, closeCode]. */
export function protocolError(fn: () => unknown): [string, number] {
  let value: unknown;
  try {
    value = fn();
  } catch (error) {
    if (error instanceof ProtocolError) return [error.code, error.closeCode];
    throw error;
  }
  throw new AssertionError(`expected a ProtocolError, got ${show(value)}`);
}
