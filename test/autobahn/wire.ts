/**
 * The fuzzer's own framing, written apart from src/protocol so that the
 * implementation is not judged by itself: encode any frame (valid or not),
 * read frames from a byte stream, and the opening handshake of either side.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface WireFrame {
  fin: boolean;
  rsv1: boolean;
  /** RSV2 and RSV3 as bits 0x20 and 0x10. */
  rsv23?: number;
  opcode: number;
  payload: Uint8Array;
}

export const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
export const acceptOf = (key: string) => createHash('sha1').update(key + GUID).digest('base64');

export function encode(frame: WireFrame, masked: boolean): Buffer {
  const n = frame.payload.length;
  const lengthBytes = n < 126 ? 0 : n < 0x10000 ? 2 : 8;
  const out = Buffer.alloc(2 + lengthBytes + (masked ? 4 : 0) + n);
  out[0] = (frame.fin ? 0x80 : 0) | (frame.rsv1 ? 0x40 : 0) | (frame.rsv23 ?? 0) | frame.opcode;
  out[1] = (masked ? 0x80 : 0) | (n < 126 ? n : n < 0x10000 ? 126 : 127);
  if (lengthBytes === 2) out.writeUInt16BE(n, 2);
  if (lengthBytes === 8) out.writeBigUInt64BE(BigInt(n), 2);
  let offset = 2 + lengthBytes;
  const key = masked ? randomBytes(4) : null;
  if (key !== null) {
    key.copy(out, offset);
    offset += 4;
  }
  for (let i = 0; i < n; i++) out[offset + i] = frame.payload[i]! ^ (key === null ? 0 : key[i & 3]!);
  return out;
}

/** Reads whole frames from chunks as they arrive (unmasking them). */
export class WireReader {
  #buffer = Buffer.alloc(0);

  push(chunk: Buffer): WireFrame[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const frames: WireFrame[] = [];
    for (;;) {
      const b = this.#buffer;
      if (b.length < 2) break;
      let n = b[1]! & 0x7f;
      let offset = 2;
      if (n === 126) {
        if (b.length < 4) break;
        n = b.readUInt16BE(2);
        offset = 4;
      } else if (n === 127) {
        if (b.length < 10) break;
        n = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (b[1]! & 0x80) !== 0;
      const key = masked ? b.subarray(offset, offset + 4) : null;
      if (masked) offset += 4;
      if (b.length < offset + n) break;
      const payload = Buffer.from(b.subarray(offset, offset + n));
      if (key !== null) for (let i = 0; i < n; i++) payload[i]! ^= key[i & 3]!;
      frames.push({ fin: (b[0]! & 0x80) !== 0, rsv1: (b[0]! & 0x40) !== 0, rsv23: b[0]! & 0x30, opcode: b[0]! & 0x0f, payload });
      this.#buffer = b.subarray(offset + n);
    }
    return frames;
  }
}
