/**
 * permessage-deflate in use (RFC 7692 §6, §7.2): what the connection does
 * to a message once the extension is agreed. The first frame of a
 * compressed message carries RSV1, the "Per-Message Compressed" bit
 * (§6); the payload is raw DEFLATE with the final 0x00 0x00 0xff 0xff of
 * a sync flush taken off (§7.2.1) and put back before inflating (§7.2.2).
 *
 * Each end compresses with its own parameters: a server's messages follow
 * the `server_*` ones, a client's the `client_*` ones (§7.1).
 *
 * RFC 7692 is not in this site's corpus: its sections are cited in plain
 * comments, not @spec annotations.
 */
import { ProtocolError } from '../errors.ts';
import type { MessageExtension } from '../message-extension.ts';
import type { DeflateCodec, DeflateCompressor, DeflateDecompressor } from './codec.ts';
import { PERMESSAGE_DEFLATE } from './deflate-negotiation.ts';
import type { DeflateAgreement } from './deflate-negotiation.ts';

/** The four octets a sync flush ends with (RFC 7692 §7.2.1, §7.2.2). */
export const DEFLATE_TAIL: Uint8Array = Uint8Array.of(0x00, 0x00, 0xff, 0xff);

/** RSV1 in the first octet of a frame header (RFC 6455 §5.2), the "Per-Message Compressed" bit of RFC 7692 §6. */
export const PER_MESSAGE_COMPRESSED = 0x40;

/**
 * Messages below 1 KiB are sent uncompressed by default, as ws does: the
 * saving on so few bytes rarely pays for a compression call. RFC 7692 §6
 * lets each message choose (RSV1 says whether it is compressed).
 */
export const DEFAULT_THRESHOLD = 1024;

export interface PerMessageDeflateOptions {
  /** Smallest message (its first frame's payload), in bytes, that is compressed. Default 1024. */
  threshold?: number;
}

const EMPTY = new Uint8Array(0);

/**
 * The most compressed bytes a message of `size` bytes can take: zlib's
 * worst case (stored blocks: 5 octets per 16 KiB block and a few more),
 * with room to spare. A compressed message past it cannot fit the limit.
 */
function compressedBound(size: number): number {
  return size + Math.ceil(size / 4096) + 64;
}

// @spec rfc6455#section-9.2-1 "implementations MAY use extensions defined separately"
export class PerMessageDeflate implements MessageExtension {
  readonly name = PERMESSAGE_DEFLATE;
  // @spec rfc6455#section-5.2-3.2 "MUST be 0 unless an extension is negotiated that defines meanings for non-zero values"
  readonly rsvBits = PER_MESSAGE_COMPRESSED;
  /** The accepted parameters, as both ends understand them. */
  readonly agreement: DeflateAgreement;
  readonly #threshold: number;
  readonly #compressor: DeflateCompressor;
  readonly #decompressor: DeflateDecompressor;
  /** Compressed payloads of the message being received. */
  #parts: Uint8Array[] = [];
  #size = 0;

  constructor(role: 'client' | 'server', agreement: DeflateAgreement, codec: DeflateCodec, options: PerMessageDeflateOptions = {}) {
    this.agreement = agreement;
    this.#threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const server = { windowBits: agreement.serverMaxWindowBits, noContextTakeover: agreement.serverNoContextTakeover };
    const client = { windowBits: agreement.clientMaxWindowBits, noContextTakeover: agreement.clientNoContextTakeover };
    // RFC 7692 §7.1.1, §7.1.2: server_* parameters bind what the server
    // sends (and so what the client inflates), client_* the other way.
    this.#compressor = codec.createCompressor(role === 'server' ? server : client);
    this.#decompressor = codec.createDecompressor(role === 'server' ? client : server);
  }

  /**
   * Sending: a message is compressed when its first frame reaches the
   * threshold; then every frame of it is. On the last frame the flush's
   * final 0x00 0x00 0xff 0xff is removed (RFC 7692 §7.2.1); earlier frames
   * keep theirs, so that the payloads concatenated are one DEFLATE stream.
   */
  encode(payload: Uint8Array, first: boolean, fin: boolean): { payload: Uint8Array; encoded: boolean } {
    // RFC 7692 §6: RSV1 is set on the first frame of a compressed message only.
    if (first && payload.length < this.#threshold) return { payload, encoded: false };
    return { payload: this.compress(payload, fin), encoded: true };
  }

  /**
   * Receiving one frame of a compressed message. The payloads are
   * concatenated (RFC 7692 §6.2) and inflated with the last one: the codec
   * is synchronous and starts from the message's beginning. `limit` bounds
   * the inflated size while inflating (RFC 7692 §8: a small message can
   * inflate to any size) and, through zlib's worst case, the compressed
   * bytes held meanwhile.
   */
  // @spec rfc6455#section-6.2-2 "Extensions (Section 9) MAY change the semantics of how data is read"
  decode(payload: Uint8Array, fin: boolean, limit: number): Uint8Array {
    this.#size += payload.length;
    // @spec rfc6455#section-10.4-1 "Such an implementation SHOULD impose a limit on frame sizes and the total message size after reassembly from multiple frames."
    if (this.#size > compressedBound(limit)) {
      this.#reset();
      throw new ProtocolError('WS_ERR_MESSAGE_TOO_BIG', `compressed message above ${limit} bytes`);
    }
    if (payload.length > 0) this.#parts.push(payload);
    if (!fin) return EMPTY;
    const parts = this.#parts;
    const size = this.#size;
    this.#reset();
    let out: Uint8Array | null;
    try {
      out = this.decompress(parts, size, limit);
    } catch (error) {
      throw new ProtocolError('WS_ERR_INVALID_COMPRESSED_DATA', error instanceof Error ? error.message : String(error));
    }
    if (out === null) throw new ProtocolError('WS_ERR_MESSAGE_TOO_BIG', `inflates past ${limit} bytes`);
    return out;
  }

  /**
   * Compresses one part of an outgoing message (RFC 7692 §7.2.1); on the
   * last part (`fin`) without the final four octets.
   */
  compress(data: Uint8Array, fin: boolean): Uint8Array {
    const out = this.#compressor.compress(data, fin);
    if (!fin) return out;
    if (endsWithTail(out)) return out.subarray(0, out.length - DEFLATE_TAIL.length);
    // RFC 7692 §7.2.1: "If the resulting data does not end with an empty
    // DEFLATE block with no compression", one is appended before the four
    // octets are removed. Byte-aligned output (a codec's promise) makes
    // that block 0x00 0x00 0x00 0xff 0xff: one 0x00 is left.
    const padded = new Uint8Array(out.length + 1);
    padded.set(out);
    return padded;
  }

  /**
   * Inflates a whole compressed message from its payloads with
   * 0x00 0x00 0xff 0xff appended (RFC 7692 §7.2.2); null when it would
   * exceed `maxSize` bytes. Throws for invalid DEFLATE data.
   */
  decompress(parts: readonly Uint8Array[], size: number, maxSize: number): Uint8Array | null {
    const data = new Uint8Array(size + DEFLATE_TAIL.length);
    let offset = 0;
    for (const part of parts) {
      data.set(part, offset);
      offset += part.length;
    }
    data.set(DEFLATE_TAIL, offset);
    return this.#decompressor.decompress(data, maxSize);
  }

  dispose(): void {
    this.#reset();
  }

  #reset(): void {
    this.#parts = [];
    this.#size = 0;
  }
}

function endsWithTail(data: Uint8Array): boolean {
  const n = data.length;
  return n >= 4 && data[n - 4] === 0x00 && data[n - 3] === 0x00 && data[n - 2] === 0xff && data[n - 1] === 0xff;
}
