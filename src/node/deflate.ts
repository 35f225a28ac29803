/**
 * The DEFLATE codec for permessage-deflate (RFC 7692) in Node: raw DEFLATE
 * from `node:zlib`, flushed with Z_SYNC_FLUSH, behind the synchronous
 * interface the protocol core asks for (src/protocol/extensions/codec.ts).
 *
 * Context takeover, synchronously. The core runs to completion on each
 * chunk of input, so it cannot wait for zlib's asynchronous streams (ws
 * can: its receiver pauses). zlib's `*Sync` functions are synchronous but
 * start a fresh zlib context on every call, and a stream object's
 * synchronous path (`_processChunk` without a callback) closes the stream
 * after one call. What a context carries from one message to the next,
 * though, is only the LZ77 window, the last 2^windowBits bytes of
 * uncompressed data (Huffman tables end with each sync-flushed block).
 * So each direction keeps those bytes itself and hands them to the next
 * call as its preset `dictionary`: the compressor may then refer back into
 * earlier messages exactly as a persistent context would, and the
 * decompressor resolves such references from the same bytes. The price,
 * measured on Node 24, is a new zlib context per message (about 15 µs to
 * deflate a short message, 60 µs with a full 32 KiB dictionary to index;
 * 6-12 µs to inflate), paid only by messages above the threshold.
 *
 * Inflating is bounded by `maxOutputLength`: zlib stops and throws
 * ERR_BUFFER_TOO_LARGE once the output passes the message limit, so a
 * decompression bomb costs about one message limit of memory, never its
 * inflated size.
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ZlibOptions } from 'node:zlib';
import type { DeflateCodec, DeflateCompressor, DeflateDecompressor, DeflateWindow } from '../protocol/extensions/codec.ts';
import { perMessageDeflateClient, perMessageDeflateServer } from '../protocol/extensions/index.ts';
import type { DeflateOptions, PerMessageDeflateOptions } from '../protocol/extensions/index.ts';
import { serializeExtension } from '../protocol/handshake/extensions.ts';
import type { ClientExtension, ServerExtension } from '../protocol/message-extension.ts';

export interface NodeDeflateOptions {
  /** zlib compression level, 0-9. Default 6 (zlib's). */
  level?: number;
  /** zlib memory level, 1-9. Default 8 (zlib's). */
  memLevel?: number;
}

/**
 * A plain Uint8Array over a Buffer's bytes: the core hands payloads to
 * code that expects Uint8Array semantics (`slice` copies; Buffer's does not).
 */
function plain(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** The last `size` bytes of `history` followed by `data`. */
function slide(history: Uint8Array | null, data: Uint8Array, size: number): Uint8Array {
  if (data.length >= size) return data.slice(data.length - size);
  const kept = history === null ? 0 : Math.min(history.length, size - data.length);
  const out = new Uint8Array(kept + data.length);
  if (kept > 0) out.set(history!.subarray(history!.length - kept));
  out.set(data, kept);
  return out;
}

class NodeCompressor implements DeflateCompressor {
  readonly #options: ZlibOptions;
  readonly #windowSize: number;
  readonly #noContextTakeover: boolean;
  /** Uncompressed bytes the next call may refer back to. */
  #window: Uint8Array | null = null;

  constructor(window: DeflateWindow, options: NodeDeflateOptions) {
    // zlib cannot make a raw stream with an 8-bit window and Node asks for
    // 9 instead; zlib never refers more than 2^bits - 262 bytes back, 250
    // with 9 bits, so the output still suits a peer that keeps 256 bytes.
    this.#options = {
      windowBits: window.windowBits,
      level: options.level ?? constants.Z_DEFAULT_COMPRESSION,
      memLevel: options.memLevel ?? 8,
      finishFlush: constants.Z_SYNC_FLUSH,
    };
    this.#windowSize = 1 << window.windowBits;
    this.#noContextTakeover = window.noContextTakeover;
  }

  compress(data: Uint8Array, end: boolean): Uint8Array {
    const options = this.#window === null ? this.#options : { ...this.#options, dictionary: this.#window };
    const out = plain(deflateRawSync(data, options));
    // RFC 7692 §7.1.1: without context takeover the next message starts
    // from an empty window; the parts of one message always share one.
    this.#window = end && this.#noContextTakeover ? null : data.length === 0 ? this.#window : slide(this.#window, data, this.#windowSize);
    return out;
  }
}

class NodeDecompressor implements DeflateDecompressor {
  readonly #windowBits: number;
  readonly #windowSize: number;
  readonly #noContextTakeover: boolean;
  #window: Uint8Array | null = null;

  constructor(window: DeflateWindow) {
    this.#windowBits = window.windowBits;
    this.#windowSize = 1 << window.windowBits;
    this.#noContextTakeover = window.noContextTakeover;
  }

  decompress(data: Uint8Array, maxOutput: number): Uint8Array | null {
    const options: ZlibOptions = {
      windowBits: this.#windowBits,
      finishFlush: constants.Z_SYNC_FLUSH,
      // zlib refuses 0; a limit of 0 is checked below.
      maxOutputLength: Math.max(1, maxOutput),
      ...(this.#window !== null && { dictionary: this.#window }),
    };
    let out: Uint8Array;
    try {
      out = plain(inflateRawSync(data, options));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return null;
      throw error;
    }
    if (out.length > maxOutput) return null;
    if (!this.#noContextTakeover && out.length > 0) this.#window = slide(this.#window, out, this.#windowSize);
    return out;
  }
}

/** The Node codec: one compressor and one decompressor per connection, as the core asks. */
export function nodeDeflateCodec(options: NodeDeflateOptions = {}): DeflateCodec {
  return {
    createCompressor: (window) => new NodeCompressor(window, options),
    createDecompressor: (window) => new NodeDecompressor(window),
  };
}

/** permessage-deflate's parameters (RFC 7692 §7.1), threshold and zlib settings. */
export interface NodePerMessageDeflateOptions extends DeflateOptions, PerMessageDeflateOptions, NodeDeflateOptions {}

/**
 * Server options that accept permessage-deflate:
 * `listen({ ...serverDeflate() })` or `new WebSocketServer({ ...serverDeflate({ serverNoContextTakeover: true }) })`.
 */
export function serverDeflate(options: NodePerMessageDeflateOptions = {}): { extensionsImplemented: ServerExtension[] } {
  return { extensionsImplemented: [perMessageDeflateServer({ ...options, codec: nodeDeflateCodec(options) })] };
}

/**
 * Client options that offer permessage-deflate (by default
 * `permessage-deflate; client_max_window_bits`) and use it if accepted:
 * `connect(url, { ...clientDeflate() })`.
 */
export function clientDeflate(options: NodePerMessageDeflateOptions = {}): { extensions: string[]; extensionsImplemented: ClientExtension[] } {
  const extension = perMessageDeflateClient({ ...options, codec: nodeDeflateCodec(options) });
  return { extensions: [serializeExtension(extension.offer())], extensionsImplemented: [extension] };
}
