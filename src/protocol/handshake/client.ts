/**
 * The client's side of the opening handshake (RFC 6455 §4.1), pure: build
 * the request, then validate the server's response step by step.
 */
import { computeAccept, cryptoRandom, generateKey, webCryptoSha1 } from '../accept.ts';
import type { RandomSource, Sha1 } from '../accept.ts';
import { HandshakeError, InvalidStatusError, UsageError } from '../errors.ts';
import { getHeader, getHeaderValues, hasToken, isToken, parseList } from '../http11.ts';
import type { Header, HttpRequest, HttpResponse } from '../http11.ts';
import { parseExtensions } from './extensions.ts';

/** The components of a WebSocket URI (§3). */
export interface WebSocketUri {
  /** Host as it appears in a URL (IPv6 addresses in brackets). */
  host: string;
  port: number;
  /** Path and query, e.g. `/chat?room=1`. */
  resourceName: string;
  secure: boolean;
}

/**
 * Parses a `ws:` or `wss:` URL into its components. Throws a HandshakeError
 * (WS_ERR_INVALID_URL) for another scheme, a fragment, or user information.
 * The URL parser converts an internationalized host name to its ASCII
 * (punycode) form and percent-encodes the UTF-8 of other non-ASCII
 * characters, so the host and resource name are always ASCII.
 */
// @spec rfc6455#section-3
export function parseWebSocketUri(url: string | URL): WebSocketUri {
  let parsed: URL;
  try {
    // @spec rfc6455#section-11.1.1-4.2.1 "Characters in the host component that are excluded by the syntax defined above MUST be converted from Unicode to ASCII…"
    // @spec rfc6455#section-11.1.1-4.2.2 "Characters in other components that are excluded by the syntax defined above MUST be converted from Unicode to ASCII by…"
    // @spec rfc6455#section-11.1.2-4.2.1 "Characters in the host component that are excluded by the syntax defined above MUST be converted from Unicode to ASCII…"
    // @spec rfc6455#section-11.1.2-4.2.2 "Characters in other components that are excluded by the syntax defined above MUST be converted from Unicode to ASCII by…"
    parsed = new URL(url);
  } catch {
    throw new HandshakeError('WS_ERR_INVALID_URL', String(url));
  }
  const secure = parsed.protocol === 'wss:';
  if (!secure && parsed.protocol !== 'ws:') throw new HandshakeError('WS_ERR_INVALID_URL', `scheme ${parsed.protocol}`);
  // @spec rfc6455#section-3-7 "Fragment identifiers are meaningless in the context of WebSocket URIs and MUST NOT be used on these URIs."
  if (parsed.hash !== '' || String(url).includes('#')) throw new HandshakeError('WS_ERR_INVALID_URL', 'fragment identifier');
  if (parsed.username !== '' || parsed.password !== '') throw new HandshakeError('WS_ERR_INVALID_URL', 'user information');
  if (parsed.hostname === '') throw new HandshakeError('WS_ERR_INVALID_URL', 'no host');
  return {
    host: parsed.hostname,
    // @spec rfc6455#section-3-3 "the default for "ws" is port 80, while the default for "wss" is port 443."
    port: parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port),
    // @spec rfc6455#section-3-5
    resourceName: (parsed.pathname === '' ? '/' : parsed.pathname) + parsed.search,
    secure,
  };
}

export interface ClientHandshakeOptions {
  /** The Origin header field: sent by browsers, optional for other clients. */
  origin?: string;
  /** Subprotocols offered, by preference. */
  protocols?: readonly string[];
  /**
   * Extensions offered, each as it appears in Sec-WebSocket-Extensions
   * (e.g. `permessage-deflate; client_max_window_bits`). An offer is used
   * only with an implementation in `extensionsImplemented` (see
   * src/protocol/extensions/); without one it is for testing servers.
   */
  extensions?: readonly string[];
  /** Other header fields (cookies, authorization…). The handshake's own fields may not be overridden. */
  headers?: ReadonlyArray<readonly [string, string]>;
  /** Source of the key's 16 random bytes. */
  random?: RandomSource;
  /** SHA-1 for the expected Sec-WebSocket-Accept. */
  sha1?: Sha1;
}

/** A prepared handshake: the request to send and what the response must show. */
export interface ClientHandshake {
  uri: WebSocketUri;
  request: HttpRequest;
  key: string;
  /** The Sec-WebSocket-Accept the server must answer with. */
  expectedAccept: string;
  protocols: readonly string[];
  /** Names of the extensions offered. */
  extensionNames: readonly string[];
}

/** What a validated 101 response established. */
export interface HandshakeResult {
  /** _Subprotocol In Use_, or null. */
  protocol: string | null;
  /** _Extensions In Use_: the server's Sec-WebSocket-Extensions value, or null. */
  extensions: string | null;
  response: HttpResponse;
}

const OWN_FIELDS = new Set([
  'host',
  'upgrade',
  'connection',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
  'origin',
]);

/** Builds the opening handshake request for `url`. */
export async function createClientHandshake(url: string | URL, options: ClientHandshakeOptions = {}): Promise<ClientHandshake> {
  // @spec rfc6455#section-4.1-4.1 "If any of the components are invalid, the client MUST _Fail the WebSocket Connection_ and abort these steps."
  const uri = parseWebSocketUri(url);
  const protocols = options.protocols ?? [];
  // @spec rfc6455#section-4.1-6.10 "The elements that comprise this value MUST be non-empty strings with characters in the range U+0021 to U+007E not…"
  if (!protocols.every(isToken) || new Set(protocols).size !== protocols.length) {
    throw new UsageError('WS_ERR_INVALID_OPTION', 'subprotocols must be unique tokens');
  }
  const extensions = options.extensions ?? [];
  // @spec rfc6455#section-9-1 "WebSocket clients MAY request extensions to this specification"
  const parsedExtensions = extensions.length === 0 ? [] : parseExtensions(extensions);
  if (parsedExtensions === null) throw new UsageError('WS_ERR_INVALID_OPTION', 'extensions do not match Sec-WebSocket-Extensions');
  // The handshake's own fields appear once: the caller's fields cannot repeat them.
  // @spec rfc6455#section-11.3.1-4 "The |Sec-WebSocket-Key| header field MUST NOT appear more than once in an HTTP request."
  // @spec rfc6455#section-11.3.5-5 "the |Sec-WebSocket-Version| header field MUST NOT appear more than once in an HTTP request."
  for (const [name] of options.headers ?? []) {
    if (OWN_FIELDS.has(name.toLowerCase())) throw new UsageError('WS_ERR_INVALID_OPTION', `header field ${name} is set by the handshake`);
  }

  const key = generateKey(options.random ?? cryptoRandom);
  const expectedAccept = await computeAccept(key, options.sha1 ?? webCryptoSha1);
  const defaultPort = uri.secure ? 443 : 80;
  const headers: Header[] = [
    // @spec rfc6455#section-4.1-6.4 "The request MUST contain a |Host| header field whose value contains /host/ plus optionally ":" followed by /port/ (when not using the default port)."
    ['Host', uri.port === defaultPort ? uri.host : `${uri.host}:${uri.port}`],
    // @spec rfc6455#section-4.1-6.5 "The request MUST contain an |Upgrade| header field whose value MUST include the "websocket" keyword."
    ['Upgrade', 'websocket'],
    // @spec rfc6455#section-4.1-6.6 "The request MUST contain a |Connection| header field whose value MUST include the "Upgrade" token."
    ['Connection', 'Upgrade'],
    // @spec rfc6455#section-4.1-6.7.1 "The value of this header field MUST be a nonce consisting of a randomly selected 16-byte value that has been base64-encoded"
    ['Sec-WebSocket-Key', key],
    // @spec rfc6455#section-4.1-6.9.1 "The value of this header field MUST be 13."
    ['Sec-WebSocket-Version', '13'],
  ];
  // @spec rfc6455#section-4.1-6.8.1
  if (options.origin !== undefined) headers.push(['Origin', options.origin]);
  // @spec rfc6455#section-4.1-6.10
  if (protocols.length > 0) headers.push(['Sec-WebSocket-Protocol', protocols.join(', ')]);
  // @spec rfc6455#section-4.1-6.11
  if (extensions.length > 0) headers.push(['Sec-WebSocket-Extensions', extensions.join(', ')]);
  // @spec rfc6455#section-4.1-6.12
  for (const [name, value] of options.headers ?? []) headers.push([name, value]);

  return {
    uri,
    // @spec rfc6455#section-4.1-6.2.1 "The method of the request MUST be GET, and the HTTP version MUST be at least 1.1."
    // @spec rfc6455#section-4.1-6.3 "part of the request MUST match the /resource name/ defined in Section 3 (a relative URI)"
    request: { method: 'GET', target: uri.resourceName, version: 'HTTP/1.1', headers },
    key,
    expectedAccept,
    protocols,
    extensionNames: (parsedExtensions ?? []).map((extension) => extension.name),
  };
}

/**
 * Validates the server's response. Returns what it established, or throws:
 * an InvalidStatusError carrying the whole response for any status other
 * than 101, a HandshakeError for a 101 that breaks a rule. Either way the
 * client must _Fail the WebSocket Connection_.
 */
// @spec rfc6455#section-4.1-7
export function validateResponse(handshake: ClientHandshake, response: HttpResponse): HandshakeResult {
  // @spec rfc6455#section-4.1-8.1 "If the status code received from the server is not 101, the client handles the response per HTTP [RFC2616] procedures."
  if (response.status !== 101) throw new InvalidStatusError(response);

  // @spec rfc6455#section-4.1-8.2
  const upgrade = getHeader(response.headers, 'upgrade');
  if (upgrade === null || upgrade.trim().toLowerCase() !== 'websocket') {
    throw new HandshakeError('WS_ERR_INVALID_UPGRADE', upgrade === null ? 'missing' : JSON.stringify(upgrade));
  }

  // @spec rfc6455#section-4.1-8.3
  const connection = getHeaderValues(response.headers, 'connection');
  if (!hasToken(connection, 'upgrade')) throw new HandshakeError('WS_ERR_INVALID_CONNECTION', connection.length === 0 ? 'missing' : connection.join(', '));

  // @spec rfc6455#section-4.1-8.4
  // @spec rfc6455#section-11.3.3-4 "The |Sec-WebSocket-Accept| header MUST NOT appear more than once in an HTTP response."
  const accept = getHeaderValues(response.headers, 'sec-websocket-accept');
  if (accept.length !== 1 || accept[0]!.trim() !== handshake.expectedAccept) {
    throw new HandshakeError('WS_ERR_INVALID_ACCEPT', accept.length === 0 ? 'missing' : accept.join(', '));
  }

  // @spec rfc6455#section-4.1-8.5
  const extensionValues = getHeaderValues(response.headers, 'sec-websocket-extensions');
  let extensions: string | null = null;
  if (extensionValues.length > 0) {
    const accepted = parseExtensions(extensionValues);
    if (accepted === null) throw new HandshakeError('WS_ERR_INVALID_EXTENSIONS', extensionValues.join(', '));
    // @spec rfc6455#section-5.8-1 "The endpoints of a connection MUST negotiate the use of any extensions during the opening handshake."
    // @spec rfc6455#section-9-1 "A server MUST NOT respond with any extension not requested by the client."
    for (const extension of accepted) {
      if (!handshake.extensionNames.includes(extension.name)) throw new HandshakeError('WS_ERR_UNEXPECTED_EXTENSION', extension.name);
    }
    extensions = extensionValues.join(', ');
  }

  // @spec rfc6455#section-4.1-8.6
  const protocolValues = getHeaderValues(response.headers, 'sec-websocket-protocol');
  let protocol: string | null = null;
  if (protocolValues.length > 0) {
    const chosen = protocolValues.flatMap(parseList);
    // Sec-WebSocket-Protocol-Server = token: exactly one, and one that was offered.
    // @spec rfc6455#section-11.3.4-4 "the |Sec-WebSocket-Protocol| header field MUST NOT appear more than once in an HTTP response."
    if (protocolValues.length !== 1 || chosen.length !== 1 || !handshake.protocols.includes(chosen[0]!)) {
      throw new HandshakeError('WS_ERR_UNEXPECTED_SUBPROTOCOL', protocolValues.join(', '));
    }
    protocol = chosen[0]!;
  }

  // @spec rfc6455#section-4.1-11 "The _Extensions In Use_ is defined to be a (possibly empty) string, the value of which is equal to the value of the…"
  return { protocol, extensions, response };
}
