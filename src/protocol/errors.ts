/**
 * One error hierarchy for the whole protocol layer, and the one table that
 * maps each error to what it leads to:
 *
 * - after the opening handshake, the close code sent in the Close frame
 *   that fails the connection (§7.1.7, §7.4.1);
 * - while a server reads a client's opening handshake, the HTTP status of
 *   the refusal (§4.2.1, §4.2.2, §10.2);
 * - while a client reads the server's response, nothing goes on the wire:
 *   the connection fails and the close code reported locally is 1006.
 *
 * Every error has a stable string `code` (documented in ERRORS below), so
 * callers and tests never match on messages.
 *
 *   WebSocketError
 *   ├── ProtocolError         the peer broke a framing or closing rule → closeCode
 *   ├── HandshakeError        the opening handshake is invalid → httpStatus (server side)
 *   │   └── InvalidStatusError  the server answered with a status other than 101
 *   ├── TransportError        the transport closed or timed out → 1006
 *   └── UsageError            the caller asked for something the protocol forbids
 */
import { CloseCode } from './close-codes.ts';
import type { HttpResponse } from './http11.ts';

type Kind = 'protocol' | 'handshake' | 'transport' | 'usage';

interface ErrorSpec {
  kind: Kind;
  /** Close code this error leads to (sent in a Close frame for `protocol`, reported locally otherwise). */
  closeCode: CloseCode | null;
  /** HTTP status of a server's refusal, for errors found in a client's opening handshake. */
  httpStatus: number | null;
  message: string;
}

type Spec<K extends Kind> = ErrorSpec & { kind: K };

const protocol = (closeCode: CloseCode, message: string): Spec<'protocol'> => ({ kind: 'protocol', closeCode, httpStatus: null, message });
const handshake = (httpStatus: number | null, message: string): Spec<'handshake'> => ({
  kind: 'handshake',
  closeCode: CloseCode.AbnormalClosure,
  httpStatus,
  message,
});
const transport = (message: string): Spec<'transport'> => ({
  kind: 'transport',
  closeCode: CloseCode.AbnormalClosure,
  httpStatus: null,
  message,
});
const usage = (message: string): Spec<'usage'> => ({ kind: 'usage', closeCode: null, httpStatus: null, message });

/** Every error code, what it means, and the close code or HTTP status it leads to. */
export const ERRORS = {
  // Framing (§5.2-§5.5): the connection fails with 1002 Protocol error.
  WS_ERR_EXPECTED_MASK: protocol(CloseCode.ProtocolError, 'client frame is not masked'),
  WS_ERR_UNEXPECTED_MASK: protocol(CloseCode.ProtocolError, 'server frame is masked'),
  WS_ERR_UNEXPECTED_RSV: protocol(CloseCode.ProtocolError, 'reserved bit set without a negotiated extension'),
  WS_ERR_INVALID_OPCODE: protocol(CloseCode.ProtocolError, 'reserved opcode'),
  WS_ERR_NON_MINIMAL_LENGTH: protocol(CloseCode.ProtocolError, 'payload length not in its minimal form'),
  WS_ERR_INVALID_LENGTH: protocol(CloseCode.ProtocolError, '64-bit payload length has its most significant bit set'),
  WS_ERR_FRAGMENTED_CONTROL_FRAME: protocol(CloseCode.ProtocolError, 'control frame is fragmented'),
  WS_ERR_CONTROL_FRAME_TOO_LONG: protocol(CloseCode.ProtocolError, 'control frame payload is longer than 125 bytes'),
  WS_ERR_UNEXPECTED_CONTINUATION: protocol(CloseCode.ProtocolError, 'continuation frame without a message to continue'),
  WS_ERR_EXPECTED_CONTINUATION: protocol(CloseCode.ProtocolError, 'new data frame inside a fragmented message'),
  WS_ERR_INVALID_CLOSE_BODY: protocol(CloseCode.ProtocolError, 'close frame body of 1 byte'),
  WS_ERR_INVALID_CLOSE_CODE: protocol(CloseCode.ProtocolError, 'invalid close code'),
  // Payload (§5.6, §8.1): 1007 Invalid frame payload data.
  WS_ERR_INVALID_UTF8: protocol(CloseCode.InvalidFramePayloadData, 'invalid UTF-8'),
  // permessage-deflate (RFC 7692 §7.2.2): a compressed message that does not inflate.
  WS_ERR_INVALID_COMPRESSED_DATA: protocol(CloseCode.InvalidFramePayloadData, 'compressed message is not valid DEFLATE data'),
  // Limits (§10.4): 1009 Message Too Big.
  WS_ERR_UNSUPPORTED_DATA_LENGTH: protocol(CloseCode.MessageTooBig, 'payload length above 2^53 - 1'),
  WS_ERR_FRAME_TOO_BIG: protocol(CloseCode.MessageTooBig, 'frame larger than the maximum frame size'),
  WS_ERR_MESSAGE_TOO_BIG: protocol(CloseCode.MessageTooBig, 'message larger than the maximum message size'),
  // Limits on counts, not sizes (§10.4): a message of many empty fragments,
  // or Pings whose Pongs the peer never reads, is not "too big" (1009): the
  // endpoint ends it by policy, 1008 Policy Violation, the code §7.4.1 gives
  // "when there is no other more suitable status code".
  WS_ERR_TOO_MANY_FRAGMENTS: protocol(CloseCode.PolicyViolation, 'message in more fragments than allowed'),
  WS_ERR_TOO_MANY_PENDING_PONGS: protocol(CloseCode.PolicyViolation, 'more Pongs owed than allowed: the peer does not read'),

  // HTTP/1.1 framing of either handshake message.
  WS_ERR_HEAD_TOO_LARGE: handshake(431, 'handshake head larger than the maximum head size'),
  WS_ERR_TOO_MANY_HEADERS: handshake(431, 'handshake has more header fields than allowed'),
  WS_ERR_MALFORMED_HTTP: handshake(400, 'malformed HTTP message'),
  // The client's opening handshake (§4.2.1), read by a server.
  WS_ERR_INVALID_METHOD: handshake(400, 'method is not GET'),
  WS_ERR_INVALID_HTTP_VERSION: handshake(400, 'HTTP version is not 1.1 or higher'),
  WS_ERR_INVALID_REQUEST_TARGET: handshake(400, 'request target is not a resource name'),
  WS_ERR_MISSING_HOST: handshake(400, 'missing or repeated Host header field'),
  WS_ERR_INVALID_UPGRADE: handshake(400, 'Upgrade header field does not name websocket'),
  WS_ERR_INVALID_CONNECTION: handshake(400, 'Connection header field lacks the Upgrade token'),
  WS_ERR_INVALID_KEY: handshake(400, 'Sec-WebSocket-Key is not a base64-encoded 16-byte value'),
  WS_ERR_INVALID_VERSION: handshake(400, 'missing or malformed Sec-WebSocket-Version'),
  WS_ERR_UNSUPPORTED_VERSION: handshake(426, 'unsupported Sec-WebSocket-Version'),
  WS_ERR_INVALID_SUBPROTOCOLS: handshake(400, 'malformed Sec-WebSocket-Protocol'),
  WS_ERR_INVALID_EXTENSIONS: handshake(400, 'malformed Sec-WebSocket-Extensions'),
  WS_ERR_ORIGIN_REFUSED: handshake(403, 'origin not allowed'),
  WS_ERR_NOT_FOUND: handshake(404, 'no WebSocket service at this resource name'),
  WS_ERR_REFUSED: handshake(null, 'handshake refused by the application'),
  // The server's opening handshake (§4.1), read by a client: the connection fails.
  WS_ERR_INVALID_URL: handshake(null, 'not a valid ws: or wss: URL'),
  WS_ERR_INVALID_STATUS: handshake(null, 'server did not answer 101 Switching Protocols'),
  WS_ERR_INVALID_ACCEPT: handshake(null, 'Sec-WebSocket-Accept does not match the key'),
  WS_ERR_UNEXPECTED_EXTENSION: handshake(null, 'server accepted an extension that was not offered'),
  WS_ERR_UNEXPECTED_SUBPROTOCOL: handshake(null, 'server chose a subprotocol that was not offered'),

  // The transport (§7.1.4, §7.1.5): reported as 1006 Abnormal Closure.
  WS_ERR_ABNORMAL_CLOSURE: transport('connection closed without a closing handshake'),
  WS_ERR_HANDSHAKE_TIMEOUT: transport('opening handshake timed out'),
  WS_ERR_CLOSE_TIMEOUT: transport('closing handshake timed out'),

  // The local caller.
  WS_ERR_INVALID_STATE: usage('not allowed in the current state'),
  WS_ERR_INVALID_OPTION: usage('invalid option'),
  WS_ERR_INVALID_CLOSE_CODE_TO_SEND: usage('close code may not be sent'),
  WS_ERR_CLOSE_REASON_TOO_LONG: usage('close reason longer than 123 bytes'),
  WS_ERR_CONTROL_PAYLOAD_TOO_LONG: usage('control frame payload longer than 125 bytes'),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
type CodeOf<K extends Kind> = { [C in ErrorCode]: (typeof ERRORS)[C]['kind'] extends K ? C : never }[ErrorCode];
export type ProtocolErrorCode = CodeOf<'protocol'>;
export type HandshakeErrorCode = CodeOf<'handshake'>;
export type TransportErrorCode = CodeOf<'transport'>;
export type UsageErrorCode = CodeOf<'usage'>;

export class WebSocketError extends Error {
  /** Stable identifier, a key of ERRORS. */
  readonly code: ErrorCode;
  /** The close code this error leads to, or null when it does not close anything. */
  readonly closeCode: number | null;
  /** The HTTP status a server answers with, for errors in a client's handshake. */
  readonly httpStatus: number | null;

  constructor(code: ErrorCode, detail?: string) {
    const spec: ErrorSpec = ERRORS[code];
    super(detail === undefined ? spec.message : `${spec.message}: ${detail}`);
    this.name = new.target.name;
    this.code = code;
    this.closeCode = spec.closeCode;
    this.httpStatus = spec.httpStatus;
  }
}

/** The peer broke a framing, message or closing rule; the connection fails with `closeCode`. */
export class ProtocolError extends WebSocketError {
  declare readonly closeCode: number;
  constructor(code: ProtocolErrorCode, detail?: string) {
    super(code, detail);
  }
}

/**
 * The opening handshake is invalid. On a server, `httpStatus` and `headers`
 * make up the refusal; on a client, the connection fails.
 */
export class HandshakeError extends WebSocketError {
  /** Header fields the refusal must carry (e.g. `Sec-WebSocket-Version` with 426). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  constructor(code: HandshakeErrorCode, detail?: string, headers: ReadonlyArray<readonly [string, string]> = []) {
    super(code, detail);
    this.headers = headers;
  }
}

/**
 * The server answered the opening handshake with a status other than 101:
 * the whole response (status, reason, headers, body) is kept for the caller.
 */
export class InvalidStatusError extends HandshakeError {
  readonly response: HttpResponse;
  /** Whether the body was cut at the reader's maximum body size, or by the connection closing. */
  bodyTruncated = false;
  constructor(response: HttpResponse) {
    super('WS_ERR_INVALID_STATUS', `${response.status} ${response.reason}`);
    this.response = response;
  }
}

/** The transport closed, or a timeout expired, before the closing handshake completed. */
export class TransportError extends WebSocketError {
  declare readonly closeCode: number;
  constructor(code: TransportErrorCode, detail?: string) {
    super(code, detail);
  }
}

/** The caller asked for something the protocol forbids (nothing is sent). */
export class UsageError extends WebSocketError {
  constructor(code: UsageErrorCode, detail?: string) {
    super(code, detail);
  }
}
