/**
 * The compressor the permessage-deflate extension (RFC 7692) needs, as an
 * interface: the protocol core frames, negotiates and counts; the adapter
 * brings raw DEFLATE (RFC 1951). In Node that is `node:zlib`
 * (src/node/deflate.ts); a page could bring any DEFLATE library.
 *
 * The core is synchronous, so these calls are too. Each object serves one
 * direction of one connection and keeps that direction's LZ77 window
 * between messages unless it was created with `noContextTakeover`
 * (RFC 7692 §7.1.1: "context takeover").
 */

export interface DeflateWindow {
  /**
   * Base-2 logarithm of the LZ77 sliding window, 8 to 15 (RFC 7692 §7.1.2):
   * a compressor never refers further back; a decompressor need keep no more.
   */
  windowBits: number;
  /**
   * Start every message with an empty window (RFC 7692 §7.1.1): the
   * compressor may not refer to earlier messages, and the decompressor
   * need not remember them.
   */
  noContextTakeover: boolean;
}

export interface DeflateCompressor {
  /**
   * Compresses the next part of a message (all of it, or one fragment's
   * worth) and flushes with an empty stored block, as zlib's Z_SYNC_FLUSH
   * does: the output ends on a byte boundary, normally with the octets
   * 0x00 0x00 0xff 0xff (RFC 7692 §7.2.1). `end` marks a message's last part.
   */
  compress(data: Uint8Array, end: boolean): Uint8Array;
}

export interface DeflateDecompressor {
  /**
   * Decompresses one whole message: its frames' payloads concatenated, with
   * 0x00 0x00 0xff 0xff appended (RFC 7692 §7.2.2). Returns null as soon
   * as the output would exceed `maxOutput` bytes, without producing the
   * rest (a decompression bomb costs at most about `maxOutput`). Throws for
   * data that is not valid DEFLATE.
   */
  decompress(data: Uint8Array, maxOutput: number): Uint8Array | null;
}

/** Creates the two halves of a connection's compression. */
export interface DeflateCodec {
  createCompressor(window: DeflateWindow): DeflateCompressor;
  createDecompressor(window: DeflateWindow): DeflateDecompressor;
}
