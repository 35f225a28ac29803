/**
 * The WHATWG WebSocket API for a browser page: no Node import. A page
 * cannot open TCP connections, so OUR implementation reaches a server
 * through a local relay (`src/node/tcp-relay.ts`):
 *
 *   import { relayWebSocket } from './src/api/browser.ts';
 *   const OurWebSocket = relayWebSocket('ws://127.0.0.1:9404/');
 *   const ws = new OurWebSocket('ws://127.0.0.1:9403/'); // same API as window.WebSocket
 */
import { relayTransport } from './transports/relay.ts';
import type { RelayTransportOptions } from './transports/relay.ts';
import { WebSocket } from './websocket.ts';
import type { WebSocketOptions } from './websocket.ts';

export { WebSocket } from './websocket.ts';
export type { BinaryType, WebSocketOptions } from './websocket.ts';
export { relayTransport } from './transports/relay.ts';

/**
 * Our WebSocket class bound to a relay: a subclass whose constructor takes
 * exactly the standard's arguments, so a script (or the evidence driver)
 * uses it as it uses the browser's.
 */
export function relayWebSocket(
  relayUrl: string | URL,
  options: Omit<WebSocketOptions, 'transport'> & { relay?: RelayTransportOptions } = {},
): typeof WebSocket {
  const { relay, ...rest } = options;
  const transport = relayTransport(relayUrl, relay);
  return class RelayedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols: string | Iterable<string> = []) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
      super(url, protocols, { ...rest, transport });
    }
  };
}
