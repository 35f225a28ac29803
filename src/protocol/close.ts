/**
 * The body of a Close frame (RFC 6455 §5.5.1): an optional 2-byte status
 * code followed by an optional UTF-8 reason.
 */
import { CloseCode, isValidCloseCodeReceived, isValidCloseCodeToSend } from './close-codes.ts';
import { ProtocolError, UsageError } from './errors.ts';
import { MAX_CONTROL_PAYLOAD } from './frames.ts';
import { decodeUtf8, encodeUtf8 } from './utf8.ts';

export interface CloseBody {
  /** The status code, or 1005 (No Status Rcvd) for an empty body. */
  code: number;
  /** The reason, '' when absent. */
  reason: string;
}

/** The longest reason that fits a control frame next to its 2-byte code, in bytes. */
export const MAX_CLOSE_REASON = MAX_CONTROL_PAYLOAD - 2;

/**
 * Parses a received Close frame's body. Throws a ProtocolError for a
 * 1-byte body or a code that may not be received (1002), or a reason that
 * is not UTF-8 (1007).
 */
// @spec rfc6455#section-5.5.1-2 "If there is a body, the first two bytes of the body MUST be a 2-byte unsigned integer (in network byte order)…"
export function parseCloseBody(body: Uint8Array): CloseBody {
  // @spec rfc6455#section-7.1.5-1 "If this Close control frame contains no status code, _The WebSocket Connection Close Code_ is considered to be 1005."
  if (body.length === 0) return { code: CloseCode.NoStatusReceived, reason: '' };
  if (body.length === 1) throw new ProtocolError('WS_ERR_INVALID_CLOSE_BODY');
  const code = (body[0]! << 8) | body[1]!;
  if (!isValidCloseCodeReceived(code)) throw new ProtocolError('WS_ERR_INVALID_CLOSE_CODE', String(code));
  // @spec rfc6455#section-8.1-1 "When an endpoint is to interpret a byte stream as UTF-8 but finds that the byte stream is not, in fact, a valid UTF-8…"
  const reason = decodeUtf8(body.subarray(2));
  if (reason === null) throw new ProtocolError('WS_ERR_INVALID_UTF8', 'in the close reason');
  return { code, reason };
}

/**
 * Serializes a Close frame's body. Without a code the body is empty (and the
 * peer reports 1005). Throws a UsageError for a code that may not be sent
 * or a reason longer than 123 bytes.
 */
export function serializeCloseBody(code?: number, reason = ''): Uint8Array {
  if (code === undefined) {
    if (reason !== '') throw new UsageError('WS_ERR_INVALID_CLOSE_CODE_TO_SEND', 'a reason needs a code');
    return new Uint8Array(0);
  }
  // @spec rfc6455#section-7.4.1-2.6 "MUST NOT be set as a status code in a Close control frame by an endpoint"
  if (!isValidCloseCodeToSend(code)) throw new UsageError('WS_ERR_INVALID_CLOSE_CODE_TO_SEND', String(code));
  const reasonBytes = encodeUtf8(reason);
  // @spec rfc6455#section-5.5-3 "All control frames MUST have a payload length of 125 bytes or less"
  if (reasonBytes.length > MAX_CLOSE_REASON) throw new UsageError('WS_ERR_CLOSE_REASON_TOO_LONG', `${reasonBytes.length} bytes`);
  const body = new Uint8Array(2 + reasonBytes.length);
  body[0] = code >>> 8;
  body[1] = code & 0xff;
  body.set(reasonBytes, 2);
  return body;
}
