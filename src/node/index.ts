/** The Node adapters of the RFC 6455 implementation: an upgrade server and a net/tls client. */
export { connect, open, reconnect, WebSocketClient } from './client.ts';
export type { ConnectOptions, ReconnectOptions } from './client.ts';
export { listen, ServerWebSocket, WebSocketServer } from './server.ts';
export type { ConnectionHandler, ListenOptions, Refusal, RunningServer, WebSocketServerEvents, WebSocketServerOptions } from './server.ts';
export { DEFAULT_CLOSE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, NodeWebSocket } from './websocket.ts';
export type { CloseInfo, NodeWebSocketEvents, OpenInfo, TimeoutOptions } from './websocket.ts';
export { nodeSha1 } from './sha1.ts';
