/**
 * The RFC 6455 WebSocket Protocol, sans I/O: no Node import, runs in a
 * browser. Bytes in → events out, actions in → bytes out.
 */
export { Opcode, OPCODE_NAMES, isControlOpcode, isKnownOpcode } from './opcodes.ts';
export { CloseCode, CLOSE_CODE_NAMES, isValidCloseCode, isValidCloseCodeReceived, isValidCloseCodeToSend } from './close-codes.ts';
export {
  ERRORS,
  HandshakeError,
  InvalidStatusError,
  ProtocolError,
  TransportError,
  UsageError,
  WebSocketError,
} from './errors.ts';
export type { ErrorCode, HandshakeErrorCode, ProtocolErrorCode, TransportErrorCode, UsageErrorCode } from './errors.ts';
export { applyMask } from './masking.ts';
export { decodeUtf8, encodeUtf8, isValidUtf8, Utf8StreamDecoder } from './utf8.ts';
export { encodeFrame, encodeFrameHeader, FrameReader, MAX_CONTROL_PAYLOAD } from './frames.ts';
export type { Frame, FrameHeader, FrameReaderOptions } from './frames.ts';
export { MAX_CLOSE_REASON, parseCloseBody, serializeCloseBody } from './close.ts';
export type { CloseBody } from './close.ts';
export {
  DEFAULT_HEAD_LIMITS,
  DEFAULT_MAX_BODY_SIZE,
  DEFAULT_MAX_HEAD_SIZE,
  DEFAULT_MAX_HEADERS,
  getHeader,
  getHeaderValues,
  parseRequestHead,
  parseResponseHead,
  RequestReader,
  ResponseReader,
  serializeRequest,
  serializeResponse,
} from './http11.ts';
export type { Header, HeaderList, HeadLimits, HttpRequest, HttpResponse, ResponseReaderOptions } from './http11.ts';
export { computeAccept, cryptoRandom, encodeBase64, generateKey, isValidKey, WEBSOCKET_GUID, webCryptoSha1 } from './accept.ts';
export type { RandomSource, Sha1 } from './accept.ts';
export { parseExtensions, serializeExtension } from './handshake/extensions.ts';
export type { Extension } from './handshake/extensions.ts';
export { createClientHandshake, parseWebSocketUri, validateResponse } from './handshake/client.ts';
export type { ClientHandshake, ClientHandshakeOptions, HandshakeResult, WebSocketUri } from './handshake/client.ts';
export {
  createAcceptResponse,
  createErrorResponse,
  createRefusalResponse,
  selectSubprotocol,
  validateRequest,
  WEBSOCKET_VERSION,
} from './handshake/server.ts';
export type { AcceptOptions, HandshakeRequest, RefusalOptions } from './handshake/server.ts';
export { Connection, DEFAULT_MAX_FRAGMENTS, DEFAULT_MAX_MESSAGE_SIZE, State } from './connection.ts';
export type { ConnectionEvent, ConnectionOptions, Role } from './connection.ts';
export { ClientConnection } from './client.ts';
export type { ClientConnectionOptions } from './client.ts';
export { ServerConnection, ServerPhase } from './server.ts';
export type { ServerConnectionOptions } from './server.ts';
export type { ClientExtension, MessageExtension, ServerExtension } from './message-extension.ts';
export { DEFAULT_INITIAL_RECONNECT_DELAY, DEFAULT_MAX_RECONNECT_DELAY, reconnectDelay } from './reconnect.ts';
export type { BackoffOptions } from './reconnect.ts';
