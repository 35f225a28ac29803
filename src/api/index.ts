/**
 * The WHATWG WebSocket API for Node: the class with TCP/TLS as its default
 * transport. `new WebSocket(url, protocols)` behaves as in a browser.
 *
 *   import { WebSocket } from './src/api/index.ts';
 *   const ws = new WebSocket('ws://127.0.0.1:9001/');
 *   ws.onclose = (event) => console.log(event.code); // 1006 for any refusal
 */
import { nodeDeflateCodec } from '../node/deflate.ts';
import { nodeTransport } from './transports/node.ts';
import { setDefaultDeflateCodec, setDefaultTransport } from './websocket.ts';

setDefaultTransport(nodeTransport);
setDefaultDeflateCodec(nodeDeflateCodec());

export { DEFAULT_CLOSE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, setDefaultDeflateCodec, setDefaultTransport, WebSocket } from './websocket.ts';
export { BAD_PORTS } from './bad-ports.ts';
export type { BinaryType, WebSocketOptions } from './websocket.ts';
export { CloseEventImpl, createCloseEvent, createMessageEvent, FallbackCloseEvent, FallbackMessageEvent, MessageEventImpl } from './events.ts';
export type { CloseEventInit, WebSocketMessageEventInit } from './events.ts';
export { domException, invalidAccessError, invalidStateError, syntaxError } from './errors.ts';
export type { WebSocketExceptionName } from './errors.ts';
export { apiBaseUrl, parseWebSocketUrl } from './url.ts';
export type { WebSocketUrlOptions } from './url.ts';
export { connectionTarget } from './transport.ts';
export type { ConnectionTarget, Transport, TransportFactory, TransportHandlers, TransportTarget } from './transport.ts';
export { relevantSettingsObject } from './settings.ts';
export type { SettingsObject, SettingsOptions } from './settings.ts';
export { createNodeTransport, nodeTransport } from './transports/node.ts';
export type { NodeTransportOptions } from './transports/node.ts';
export { relayTargetUrl, relayTransport } from './transports/relay.ts';
export type { RelayTransportOptions } from './transports/relay.ts';
