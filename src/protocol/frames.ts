/**
 * The base framing protocol (RFC 6455 §5.2): serializing frames, and a
 * reader that parses them as an explicit state machine
 *
 *   header (2 bytes) → extended length (0, 2 or 8) → masking key (0 or 4) → payload
 *
 * which pulls exactly the bytes each step needs from the chunks it was
 * given, and checks every rule that the header alone decides (reserved
 * bits, opcode, control frame rules, masking, length encoding, size limits)
 * before it buffers a single payload byte.
 */
import { ProtocolError } from './errors.ts';
import { applyMask, maskInto } from './masking.ts';
import { isControlOpcode, isKnownOpcode } from './opcodes.ts';

export interface Frame {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  /** 4-bit opcode; the known ones are named in `Opcode`. */
  opcode: number;
  /** Application data, unmasked. */
  payload: Uint8Array;
}

/** A parsed frame header: everything but the payload. */
export interface FrameHeader {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  /** Payload length in bytes. */
  length: number;
  /** The 4-byte masking key, or null for an unmasked frame. */
  maskingKey: Uint8Array | null;
}

/** The largest control frame payload, in bytes. */
// @spec rfc6455#section-5.5-3 "All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented."
export const MAX_CONTROL_PAYLOAD = 125;

const EMPTY = new Uint8Array(0);

/**
 * Frames of 65 bytes to 8 KiB are cut from 64 KiB slabs, as Node cuts small
 * Buffers from a pool. Measured on Node 24: a new 1 KiB Uint8Array costs
 * about 1.5 µs (its own ArrayBuffer, zeroed), more than masking its
 * payload; a view of a slab costs about 40 ns. A slab is never reused: it
 * is freed with the last frame cut from it. Up to 64 bytes V8 allocates
 * typed arrays on its own heap, which is faster still.
 */
const SLAB_SIZE = 64 * 1024;
const SLAB_MIN = 65;
const SLAB_MAX = 8 * 1024;
let slab: ArrayBuffer | null = null;
let slabOffset = 0;

function allocate(size: number): Uint8Array {
  if (size < SLAB_MIN || size > SLAB_MAX) return new Uint8Array(size);
  if (slab === null || slabOffset + size > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    slabOffset = 0;
  }
  const out = new Uint8Array(slab, slabOffset, size);
  // Keep the next frame 8-byte aligned.
  slabOffset = (slabOffset + size + 7) & ~7;
  return out;
}

/** Size of the header for a payload of `length` bytes. */
function headerSize(length: number, masked: boolean): number {
  return 2 + (length < 126 ? 0 : length < 0x10000 ? 2 : 8) + (masked ? 4 : 0);
}

/**
 * Serializes a frame. With a masking key (a client's frames) the payload is
 * masked; the caller's payload is never modified. No rule is checked here,
 * so tests can build invalid frames; `Connection` checks what it sends.
 */
// @spec rfc6455#section-5.2
// @spec rfc6455#section-5.2-3.8 "is 0 bytes unless an extension has been negotiated"
export function encodeFrame(frame: Frame, maskingKey: Uint8Array | null = null): Uint8Array {
  const length = frame.payload.length;
  const offset = headerSize(length, maskingKey !== null);
  const out = allocate(offset + length);
  writeHeader(out, frame, length, maskingKey);
  // @spec rfc6455#section-5.3-2 "It is used to mask the "Payload data" defined in the same section as frame-payload-data"
  if (maskingKey !== null) maskInto(out, offset, frame.payload, maskingKey);
  else out.set(frame.payload, offset);
  return out;
}

/**
 * Serializes only the header of a frame whose payload is sent unmasked as
 * it is, so that a large payload need not be copied.
 */
export function encodeFrameHeader(frame: Omit<Frame, 'payload'>, length: number): Uint8Array {
  const out = new Uint8Array(headerSize(length, false));
  writeHeader(out, frame, length, null);
  return out;
}

function writeHeader(out: Uint8Array, frame: Omit<Frame, 'payload'>, length: number, maskingKey: Uint8Array | null): void {
  // @spec rfc6455#section-5.2-3.1 "The first fragment MAY also be the final fragment."
  // @spec rfc6455#section-5.2-5 "MUST be 0 unless negotiated otherwise"
  out[0] = (frame.fin ? 0x80 : 0) | (frame.rsv1 ? 0x40 : 0) | (frame.rsv2 ? 0x20 : 0) | (frame.rsv3 ? 0x10 : 0) | (frame.opcode & 0x0f);
  // @spec rfc6455#section-5.3-1 "A masked frame MUST have the field frame-masked set to 1, as defined in Section 5.2."
  const maskBit = maskingKey === null ? 0 : 0x80;
  let offset = 2;
  // @spec rfc6455#section-5.2-3.5 "Note that in all cases, the minimal number of bytes MUST be used to encode the length"
  if (length < 126) {
    out[1] = maskBit | length;
  } else if (length < 0x10000) {
    out[1] = maskBit | 126;
    out[2] = length >>> 8;
    out[3] = length & 0xff;
    offset = 4;
  } else {
    out[1] = maskBit | 127;
    const high = Math.floor(length / 0x1_0000_0000);
    const low = length >>> 0;
    out[2] = high >>> 24;
    out[3] = (high >>> 16) & 0xff;
    out[4] = (high >>> 8) & 0xff;
    out[5] = high & 0xff;
    out[6] = low >>> 24;
    out[7] = (low >>> 16) & 0xff;
    out[8] = (low >>> 8) & 0xff;
    out[9] = low & 0xff;
    offset = 10;
  }
  if (maskingKey !== null) {
    out[offset] = maskingKey[0]!;
    out[offset + 1] = maskingKey[1]!;
    out[offset + 2] = maskingKey[2]!;
    out[offset + 3] = maskingKey[3]!;
  }
}

export interface FrameReaderOptions {
  /**
   * Whose frames are read: a server reads a client's frames, which must be
   * masked; a client reads a server's, which must not be.
   */
  peer: 'client' | 'server';
  /** Largest accepted payload of one frame, in bytes. */
  maxFrameSize: number;
}

/**
 * Chunks under this size are copied into a shared buffer instead of being
 * kept: a peer that sends a frame one byte per TCP segment would otherwise
 * make the reader hold one Buffer (about 100 bytes of object, plus its own
 * backing store) per byte. Copied, every byte costs one byte, and the
 * number of chunks held stays below (bytes held / COALESCE_MAX) × 2 + 1.
 */
const COALESCE_MAX = 1024;
/** Capacity of a buffer small chunks are copied into, in bytes. */
const COALESCE_CAPACITY = 16 * 1024;

type ReaderState = 'header' | 'length16' | 'length64' | 'mask' | 'payload';

/**
 * Reads frames from a byte stream delivered in chunks of any size.
 *
 * Chunks passed to `push` become the reader's: masked payloads are unmasked
 * in place and returned payloads may be views of them.
 */
export class FrameReader {
  readonly #expectMasked: boolean;
  readonly #maxFrameSize: number;

  #chunks: Uint8Array[] = [];
  /** Read position in #chunks[0]. */
  #offset = 0;
  /** Unread bytes in #chunks. */
  #buffered = 0;

  /** The buffer small chunks are copied into (its used part is the last of #chunks), or null. */
  #tail: Uint8Array | null = null;
  #tailLength = 0;
  /** The view of #tail in #chunks that new small chunks extend. */
  #tailView: Uint8Array | null = null;

  #state: ReaderState = 'header';
  #header: FrameHeader | null = null;
  /** RSV bits a negotiated extension gives a meaning to (see `allowRsv`). */
  #allowedRsv = 0;

  constructor(options: FrameReaderOptions) {
    this.#expectMasked = options.peer === 'client';
    this.#maxFrameSize = options.maxFrameSize;
  }

  /**
   * Lets frames carry these RSV bits (0x40 RSV1, 0x20 RSV2, 0x10 RSV3):
   * those of the extensions negotiated. The connection decides which
   * frames may carry them.
   */
  allowRsv(bits: number): void {
    this.#allowedRsv = bits & 0x70;
  }

  /** Unread bytes held by the reader. */
  get bufferedAmount(): number {
    return this.#buffered;
  }

  /** Chunks held (bounded: see COALESCE_MAX). */
  get chunkCount(): number {
    return this.#chunks.length;
  }

  push(bytes: Uint8Array): void {
    const length = bytes.length;
    if (length === 0) return;
    this.#buffered += length;
    if (length >= COALESCE_MAX) {
      this.#chunks.push(bytes);
      return;
    }
    // A small chunk: copied into the tail buffer while it has room.
    let tail = this.#tail;
    if (tail === null || this.#tailLength + length > tail.length) {
      tail = new Uint8Array(COALESCE_CAPACITY);
      this.#tail = tail;
      this.#tailLength = 0;
      this.#tailView = null;
    }
    const end = this.#tailLength + length;
    tail.set(bytes, this.#tailLength);
    const last = this.#chunks.length - 1;
    if (this.#tailView !== null && last >= 0 && this.#chunks[last] === this.#tailView) {
      // Still the last chunk (maybe partly read, #offset counts from its start): grow it.
      this.#tailView = tail.subarray(this.#tailView.byteOffset, end);
      this.#chunks[last] = this.#tailView;
    } else {
      this.#tailView = tail.subarray(this.#tailLength, end);
      this.#chunks.push(this.#tailView);
    }
    this.#tailLength = end;
  }

  /** Drops every unread byte (after a Close frame, or once the connection failed). */
  discard(): void {
    this.#chunks = [];
    this.#offset = 0;
    this.#buffered = 0;
    this.#tail = null;
    this.#tailView = null;
  }

  /**
   * Parses the next frame header, or returns null until enough bytes have
   * arrived. Throws a ProtocolError for a header that breaks a rule. Once it
   * has returned a header, call `readPayload()` for its payload.
   */
  readHeader(): FrameHeader | null {
    for (;;) {
      switch (this.#state) {
        case 'header': {
          if (this.#buffered < 2) return null;
          const b0 = this.#byte();
          const b1 = this.#byte();
          const header = this.#startHeader(b0, b1);
          this.#header = header;
          const length7 = b1 & 0x7f;
          if (length7 === 126) this.#state = 'length16';
          else if (length7 === 127) this.#state = 'length64';
          else this.#endLength(length7);
          break;
        }
        case 'length16': {
          if (this.#buffered < 2) return null;
          const length = (this.#byte() << 8) | this.#byte();
          // @spec rfc6455#section-5.2-3.5 "the minimal number of bytes MUST be used to encode the length"
          if (length < 126) throw new ProtocolError('WS_ERR_NON_MINIMAL_LENGTH', `${length} in 16 bits`);
          this.#endLength(length);
          break;
        }
        case 'length64': {
          if (this.#buffered < 8) return null;
          const high = ((this.#byte() << 24) | (this.#byte() << 16) | (this.#byte() << 8) | this.#byte()) >>> 0;
          const low = ((this.#byte() << 24) | (this.#byte() << 16) | (this.#byte() << 8) | this.#byte()) >>> 0;
          // @spec rfc6455#section-5.2-3.5 "the most significant bit MUST be 0"
          if (high >= 0x8000_0000) throw new ProtocolError('WS_ERR_INVALID_LENGTH');
          // Lengths above 2^53 - 1 cannot be counted exactly in a JavaScript number.
          if (high > 0x1f_ffff) throw new ProtocolError('WS_ERR_UNSUPPORTED_DATA_LENGTH');
          const length = high * 0x1_0000_0000 + low;
          // @spec rfc6455#section-5.2-3.5 "the minimal number of bytes MUST be used to encode the length"
          if (length < 0x10000) throw new ProtocolError('WS_ERR_NON_MINIMAL_LENGTH', `${length} in 64 bits`);
          this.#endLength(length);
          break;
        }
        case 'mask': {
          if (this.#buffered < 4) return null;
          this.#header!.maskingKey = this.#take(4);
          this.#state = 'payload';
          break;
        }
        case 'payload':
          return this.#header;
      }
    }
  }

  /**
   * The payload of the header last returned by `readHeader()`, unmasked, or
   * null until all of it has arrived.
   */
  readPayload(): Uint8Array | null {
    const header = this.#header;
    if (this.#state !== 'payload' || header === null) throw new Error('readPayload() before readHeader()');
    if (this.#buffered < header.length) return null;
    const payload = header.length === 0 ? EMPTY : this.#take(header.length);
    // @spec rfc6455#section-6.2-3 "A server MUST remove masking for data frames received from a client as described in Section 5.3."
    if (header.maskingKey !== null && payload.length > 0) applyMask(payload, header.maskingKey);
    this.#state = 'header';
    this.#header = null;
    return payload;
  }

  /** Reads the next whole frame, or null until it has arrived. */
  readFrame(): Frame | null {
    const header = this.readHeader();
    if (header === null) return null;
    const payload = this.readPayload();
    if (payload === null) return null;
    const { fin, rsv1, rsv2, rsv3, opcode } = header;
    return { fin, rsv1, rsv2, rsv3, opcode, payload };
  }

  /** Checks the rules decided by the first two bytes. */
  #startHeader(b0: number, b1: number): FrameHeader {
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    // Only the RSV bits of a negotiated extension may be set.
    // @spec rfc6455#section-5.8-1 "The endpoints of a connection MUST negotiate the use of any extensions during the opening handshake."
    // @spec rfc6455#section-5.2-3.2 "If a nonzero value is received and none of the negotiated extensions defines the meaning of such a nonzero value, the…"
    if ((b0 & 0x70 & ~this.#allowedRsv) !== 0) throw new ProtocolError('WS_ERR_UNEXPECTED_RSV', `RSV bits 0x${(b0 & 0x70).toString(16)}`);
    // @spec rfc6455#section-5.2-3.3.1 "If an unknown opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_."
    if (!isKnownOpcode(opcode)) throw new ProtocolError('WS_ERR_INVALID_OPCODE', `0x${opcode.toString(16)}`);
    if (isControlOpcode(opcode)) {
      // @spec rfc6455#section-5.5-3 "All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented."
      if (!fin) throw new ProtocolError('WS_ERR_FRAGMENTED_CONTROL_FRAME');
      if ((b1 & 0x7f) > MAX_CONTROL_PAYLOAD) throw new ProtocolError('WS_ERR_CONTROL_FRAME_TOO_LONG');
    }
    const masked = (b1 & 0x80) !== 0;
    // @spec rfc6455#section-5.1-1 "The server MUST close the connection upon receiving a frame that is not masked."
    if (this.#expectMasked && !masked) throw new ProtocolError('WS_ERR_EXPECTED_MASK');
    // @spec rfc6455#section-5.1-1 "A client MUST close a connection if it detects a masked frame."
    if (!this.#expectMasked && masked) throw new ProtocolError('WS_ERR_UNEXPECTED_MASK');
    return {
      fin,
      rsv1: (b0 & 0x40) !== 0,
      rsv2: (b0 & 0x20) !== 0,
      rsv3: (b0 & 0x10) !== 0,
      opcode,
      length: 0,
      maskingKey: null,
    };
  }

  #endLength(length: number): void {
    // @spec rfc6455#section-10.4-1 "Such an implementation SHOULD impose a limit on frame sizes"
    if (length > this.#maxFrameSize) {
      throw new ProtocolError('WS_ERR_FRAME_TOO_BIG', `${length} > ${this.#maxFrameSize} bytes`);
    }
    this.#header!.length = length;
    this.#state = this.#expectMasked ? 'mask' : 'payload';
  }

  /** One byte; the caller has checked that it is buffered. */
  #byte(): number {
    const chunk = this.#chunks[0]!;
    const value = chunk[this.#offset++]!;
    this.#buffered--;
    if (this.#offset === chunk.length) {
      this.#chunks.shift();
      this.#offset = 0;
    }
    return value;
  }

  /** The next `n` bytes (n > 0, buffered): a view when they lie in one chunk, else a copy. */
  #take(n: number): Uint8Array {
    this.#buffered -= n;
    const first = this.#chunks[0]!;
    const start = this.#offset;
    if (first.length - start >= n) {
      this.#offset += n;
      if (this.#offset === first.length) {
        this.#chunks.shift();
        this.#offset = 0;
      }
      return first.subarray(start, start + n);
    }
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[0]!;
      const count = Math.min(chunk.length - this.#offset, n - filled);
      out.set(chunk.subarray(this.#offset, this.#offset + count), filled);
      filled += count;
      this.#offset += count;
      if (this.#offset === chunk.length) {
        this.#chunks.shift();
        this.#offset = 0;
      }
    }
    return out;
  }
}
