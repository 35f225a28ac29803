/**
 * "Establish a WebSocket connection", the request half (WHATWG establish
 * steps 1–10 and 11.1's bad ports): the opening handshake the protocol
 * core will send, and the core's client connection that validates the
 * response (step 11.3). As undici keeps `connection.js` apart from the
 * class, this module knows nothing of events or ready states.
 *
 * The standard fetches the handshake request; here it goes straight onto
 * the connection obtained, and of Fetch only what changes that request or
 * its outcome is done: the Origin of the client, Pragma and Cache-Control
 * `no-cache` (cache mode no-store), no Referer, no redirect followed, the
 * bad ports refused.
 */
import { ClientConnection, createClientHandshake } from '../protocol/index.ts';
import type { ClientHandshake } from '../protocol/index.ts';
import { perMessageDeflateClient } from '../protocol/extensions/index.ts';
import { serializeExtension } from '../protocol/handshake/extensions.ts';
import { BAD_PORTS } from './bad-ports.ts';
import { getDefaultDeflateCodec } from './options.ts';
import type { WebSocketOptions } from './options.ts';
import type { SettingsObject } from './settings.ts';
import { platformSha1 } from './sha1.ts';
import { connectionTarget } from './transport.ts';
import type { TransportTarget } from './transport.ts';

/** The connection about to be obtained: where to, and the core that speaks on it. */
export interface PreparedConnection {
  target: TransportTarget;
  connection: ClientConnection;
}

/** Why the connection cannot even be attempted (for the diagnostics only; the script sees a plain failure). */
export class EstablishFailure extends Error {}

/**
 * Builds the opening handshake for `url` and the client connection that
 * will send it. Rejects with an EstablishFailure (a bad port, a handshake
 * that cannot be built): the caller fails the WebSocket connection.
 */
// @spec whatwg#concept-websocket-establish
export async function prepareConnection(url: URL, protocols: readonly string[], client: SettingsObject, options: WebSocketOptions): Promise<PreparedConnection> {
  // @spec whatwg#concept-websocket-establish-step-1 "Let requestURL be a copy of url, with its scheme set to ‘http’, if url's scheme is ‘ws’; otherwise to ‘https’."
  const requestURL = new URL(url.href);
  requestURL.protocol = url.protocol === 'ws:' ? 'http:' : 'https:';
  // Obtaining the connection, steps 1–5: host, port, resource name, secure (transport.ts).
  const target = connectionTarget(requestURL);

  let handshake: ClientHandshake;
  const codec = options.deflate === undefined ? getDefaultDeflateCodec() : options.deflate;
  const deflate = codec === null ? null : perMessageDeflateClient({ codec });
  try {
    // @spec whatwg#concept-websocket-establish-step-2 "Let request be a new request, whose URL is requestURL, client is client"
    // What the request's settings change on the wire, without Fetch:
    // client: its origin is the Origin field (mode websocket always sends
    // it; with no origin, none, as in undici); service-workers mode none:
    // no service worker is asked (there are none); referrer no-referrer:
    // no Referer; credentials mode include: there is no cookie store nor
    // authentication cache to include from, and a URL's credentials are
    // not sent; cache mode no-store: no cache is read, and Fetch adds
    // Pragma and Cache-Control no-cache; redirect mode error: a 3xx fails
    // the connection (step 11.1), its Location is never requested.
    // @spec whatwg#concept-websocket-establish-step-3 "Append (`Upgrade`, `websocket`) to request's header list."
    // @spec whatwg#concept-websocket-establish-step-4 "Append (`Connection`, `Upgrade`) to request's header list."
    // @spec whatwg#concept-websocket-establish-step-5 "Let keyValue be a nonce consisting of a randomly selected 16-byte value that has been…"
    // @spec whatwg#concept-websocket-establish-step-6 "Append (`Sec-WebSocket-Key`, keyValue) to request's header list."
    // @spec whatwg#concept-websocket-establish-step-7 "Append (`Sec-WebSocket-Version`, `13`) to request's header list."
    // @spec whatwg#concept-websocket-establish-step-8 "For each protocol in protocols, combine (`Sec-WebSocket-Protocol`, protocol) in request's header list."
    // The protocol core writes the request line for the resource name, Host,
    // Upgrade, Connection, a fresh Sec-WebSocket-Key (16 random bytes,
    // base64), Sec-WebSocket-Version 13, the protocols in one field, and
    // Origin.
    // @spec whatwg#concept-websocket-establish-step-9 "Let permessageDeflate be a user-agent defined…"
    // This user agent's value is the standard's example,
    // `permessage-deflate; client_max_window_bits`: any window the server
    // names suits the codec.
    // @spec whatwg#concept-websocket-establish-step-10 "Append (`Sec-WebSocket-Extensions`, permessageDeflate) to request's header list."
    handshake = await createClientHandshake(`${target.secure ? 'wss' : 'ws'}://${target.host}:${target.port}${target.resourceName}`, {
      protocols,
      ...(deflate !== null && { extensions: [serializeExtension(deflate.offer())] }),
      ...(client.origin !== null && { origin: client.origin }),
      headers: [
        ['Pragma', 'no-cache'],
        ['Cache-Control', 'no-cache'],
      ],
      sha1: platformSha1,
    });
  } catch (error) {
    throw new EstablishFailure(error instanceof Error ? error.message : String(error));
  }
  // @spec whatwg#concept-websocket-establish-step-11.1 "If response is a network error or its status is not 101, fail the WebSocket connection."
  // Fetch refuses the "bad ports" (SMTP's 25 and others) with a network error.
  if (BAD_PORTS.has(target.port)) throw new EstablishFailure(`port ${target.port} is blocked (Fetch "bad port")`);

  // @spec whatwg#concept-websocket-establish-step-11.3 "Follow the requirements stated step 2 to step 6, inclusive, of the last set of steps in section 4.1…"
  // The core validates the response (RFC 6455 §4.1: status 101, Upgrade,
  // Connection, Sec-WebSocket-Accept, extensions, subprotocol): its open
  // event is the connection established, its error event the connection
  // failed (pump.ts).
  const connection = new ClientConnection(handshake, {
    ...(options.maxMessageSize !== undefined && { maxMessageSize: options.maxMessageSize }),
    ...(deflate !== null && { extensionsImplemented: [deflate] }),
  });
  return { target: { host: target.host, port: target.port, secure: target.secure }, connection };
}
