/**
 * The server's side of the opening handshake (RFC 6455 §4.2), pure:
 * validate the client's request, then build the 101 response or a
 * refusal. Every refusal is a complete HTTP response (status, headers,
 * Content-Length, body) that says why.
 */
import { computeAccept, isValidKey, webCryptoSha1 } from '../accept.ts';
import type { Sha1 } from '../accept.ts';
import { HandshakeError, UsageError } from '../errors.ts';
import { getHeaderValues, hasToken, isToken, parseList } from '../http11.ts';
import type { Header, HeaderList, HttpRequest, HttpResponse } from '../http11.ts';
import { encodeUtf8 } from '../utf8.ts';
import { parseExtensions, serializeExtension } from './extensions.ts';
import type { Extension } from './extensions.ts';

/** The only version this implementation speaks. */
export const WEBSOCKET_VERSION = '13';

/** A client's opening handshake that passed validation. */
export interface HandshakeRequest {
  request: HttpRequest;
  /** Path and query of the service asked for. */
  resourceName: string;
  host: string;
  /** The Origin, serialized in lower case, or null when absent. */
  origin: string | null;
  key: string;
  /** Subprotocols offered, by the client's preference. */
  protocols: string[];
  /** Extensions offered, in the client's order (those implemented are negotiated by `ServerConnection.accept`). */
  extensions: Extension[];
}

/** The one header field a server refusing an unsupported version must send (§4.2.2 /version/). */
const VERSION_HEADER: Header = ['Sec-WebSocket-Version', WEBSOCKET_VERSION];

/** One field, exactly: absent or repeated is an error. */
function single(request: HttpRequest, name: string): string | null {
  const values = getHeaderValues(request.headers, name);
  return values.length === 1 ? values[0]! : null;
}

/** The resource name of a request-target in origin form or absolute http(s) form, or null. */
function resourceNameOf(target: string): string | null {
  if (target.includes('#')) return null;
  if (target.startsWith('/')) return target;
  if (!/^https?:\/\//i.test(target)) return null;
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

/**
 * Validates a client's opening handshake. Throws a HandshakeError whose
 * `httpStatus` (400, or 426 for another version) and `headers` make up the
 * refusal.
 */
// @spec rfc6455#section-4.2.1-2 "the server MUST stop processing the client's handshake and return an HTTP response with an…"
export function validateRequest(request: HttpRequest): HandshakeRequest {
  // @spec rfc6455#section-4.2.1-3.1 "An HTTP/1.1 or higher GET request"
  if (request.method !== 'GET') throw new HandshakeError('WS_ERR_INVALID_METHOD', request.method);
  const version = /^HTTP\/([0-9])\.([0-9])$/.exec(request.version);
  if (version === null || Number(version[1]) * 10 + Number(version[2]) < 11) {
    throw new HandshakeError('WS_ERR_INVALID_HTTP_VERSION', request.version);
  }
  const resourceName = resourceNameOf(request.target);
  if (resourceName === null) throw new HandshakeError('WS_ERR_INVALID_REQUEST_TARGET', request.target);

  // @spec rfc6455#section-4.2.1-3.2 "A |Host| header field containing the server's authority."
  const host = single(request, 'host');
  if (host === null || host === '') throw new HandshakeError('WS_ERR_MISSING_HOST');

  // @spec rfc6455#section-4.2.1-3.3 "An |Upgrade| header field containing the value "websocket", treated as an ASCII case-insensitive value."
  const upgrade = getHeaderValues(request.headers, 'upgrade');
  if (!hasToken(upgrade, 'websocket')) throw new HandshakeError('WS_ERR_INVALID_UPGRADE', upgrade.length === 0 ? 'missing' : upgrade.join(', '));

  // @spec rfc6455#section-4.2.1-3.4 "A |Connection| header field that includes the token "Upgrade", treated as an ASCII case-insensitive value."
  const connection = getHeaderValues(request.headers, 'connection');
  if (!hasToken(connection, 'upgrade')) {
    throw new HandshakeError('WS_ERR_INVALID_CONNECTION', connection.length === 0 ? 'missing' : connection.join(', '));
  }

  // @spec rfc6455#section-4.2.1-3.5
  // @spec rfc6455#section-11.3.1-4 "The |Sec-WebSocket-Key| header field MUST NOT appear more than once in an HTTP request."
  const key = single(request, 'sec-websocket-key');
  if (key === null || !isValidKey(key)) throw new HandshakeError('WS_ERR_INVALID_KEY');

  // @spec rfc6455#section-4.2.1-3.6 "A |Sec-WebSocket-Version| header field, with a value of 13."
  const versions = getHeaderValues(request.headers, 'sec-websocket-version');
  // @spec rfc6455#section-11.3.5-5 "the |Sec-WebSocket-Version| header field MUST NOT appear more than once in an HTTP request."
  const versionValue = versions.length === 1 ? versions[0]!.trim() : null;
  // @spec rfc6455#section-4.3-4 "Limited to 0-255 range, with no leading zeros"
  if (versionValue === null || !/^(?:0|[1-9][0-9]{0,2})$/.test(versionValue) || Number(versionValue) > 255) {
    throw new HandshakeError('WS_ERR_INVALID_VERSION', versions.join(', ') || 'missing', [VERSION_HEADER]);
  }
  // @spec rfc6455#section-4.4-2 "If the server doesn't support the requested version, it MUST respond with a |Sec-WebSocket-Version| header field (or…"
  // @spec rfc6455#section-4.2.2-2.4.2.3 "If this version does not match a version understood by the server, the server MUST abort the WebSocket handshake…"
  if (versionValue !== WEBSOCKET_VERSION) {
    throw new HandshakeError('WS_ERR_UNSUPPORTED_VERSION', versionValue, [VERSION_HEADER, ['Upgrade', 'websocket']]);
  }

  // @spec rfc6455#section-4.2.1-3.7
  const origins = getHeaderValues(request.headers, 'origin');
  // @spec rfc6455#section-4.2.2-2.4.2.1 "The origin is serialized to ASCII and converted to lowercase."
  const origin = origins.length === 0 ? null : origins.join(', ').toLowerCase();

  // @spec rfc6455#section-4.2.1-3.8
  // @spec rfc6455#section-11.3.4-4 "The |Sec-WebSocket-Protocol| header field MAY appear multiple times in an HTTP request (which is logically the same as…"
  const protocolValues = getHeaderValues(request.headers, 'sec-websocket-protocol');
  const protocols = protocolValues.flatMap(parseList);
  // Sec-WebSocket-Protocol-Client = 1#token, of unique elements (§4.1 step 10).
  if (
    protocolValues.some((value) => parseList(value).length === 0) ||
    !protocols.every(isToken) ||
    new Set(protocols).size !== protocols.length
  ) {
    throw new HandshakeError('WS_ERR_INVALID_SUBPROTOCOLS', protocolValues.join(', '));
  }

  // @spec rfc6455#section-4.2.1-3.9
  // @spec rfc6455#section-11.3.2-4 "The |Sec-WebSocket-Extensions| header field MAY appear multiple times in an HTTP request (which is logically the same…"
  const extensionValues = getHeaderValues(request.headers, 'sec-websocket-extensions');
  const extensions = extensionValues.length === 0 ? [] : parseExtensions(extensionValues);
  if (extensions === null) throw new HandshakeError('WS_ERR_INVALID_EXTENSIONS', extensionValues.join(', '));

  return { request, resourceName, host, origin, key, protocols, extensions };
}

/**
 * The first subprotocol, in the client's order of preference, that the
 * server supports; null if none (then no Sec-WebSocket-Protocol is sent).
 */
// @spec rfc6455#section-4.2.2-2.4.2.5 "The value chosen MUST be derived from the client's handshake, specifically by selecting one of the values from the…"
export function selectSubprotocol(offered: readonly string[], supported: readonly string[]): string | null {
  return offered.find((protocol) => supported.includes(protocol)) ?? null;
}

export interface AcceptOptions {
  /** The subprotocol chosen: one of those offered, or null. */
  protocol?: string | null;
  /** Other header fields for the 101 response (e.g. Set-Cookie). */
  headers?: HeaderList;
  sha1?: Sha1;
  /** The extensions accepted, each one of those offered, in the order they apply (`ServerConnection` negotiates them). */
  extensions?: readonly Extension[];
}

/**
 * Builds the 101 response that accepts `handshake`, with one
 * Sec-WebSocket-Extensions field listing the extensions accepted (none:
 * the server's /extensions/ is the null value). Each of its own fields
 * appears once.
 */
// @spec rfc6455#section-4.2.2-2.4.2.6 "Extensions not listed by the client MUST NOT be listed."
// @spec rfc6455#section-9-1 "A server MUST NOT respond with any extension not requested by the client."
// @spec rfc6455#section-11.3.2-4 "the |Sec-WebSocket-Extensions| header field MUST NOT appear more than once in an HTTP response."
// @spec rfc6455#section-11.3.3-4 "The |Sec-WebSocket-Accept| header MUST NOT appear more than once in an HTTP response."
// @spec rfc6455#section-11.3.4-4 "the |Sec-WebSocket-Protocol| header field MUST NOT appear more than once in an HTTP response."
// @spec rfc6455#section-4.2.2-2.5.1 "If the server chooses to accept the incoming connection, it MUST reply with a valid HTTP response indicating the following."
export async function createAcceptResponse(handshake: HandshakeRequest, options: AcceptOptions = {}): Promise<HttpResponse> {
  const protocol = options.protocol ?? null;
  // @spec rfc6455#section-4.2.2-2.4.2.5 "if the server does not wish to agree to one of the suggested subprotocols, it MUST NOT send back a…"
  if (protocol !== null && !handshake.protocols.includes(protocol)) {
    throw new UsageError('WS_ERR_INVALID_OPTION', `subprotocol ${JSON.stringify(protocol)} was not offered`);
  }
  const headers: Header[] = [
    // @spec rfc6455#section-4.2.2-2.5.2.2
    ['Upgrade', 'websocket'],
    // @spec rfc6455#section-4.2.2-2.5.2.3
    ['Connection', 'Upgrade'],
    // @spec rfc6455#section-4.2.2-2.5.2.4.1
    ['Sec-WebSocket-Accept', await computeAccept(handshake.key, options.sha1 ?? webCryptoSha1)],
  ];
  // @spec rfc6455#section-4.2.2-2.5.2.5
  if (protocol !== null) headers.push(['Sec-WebSocket-Protocol', protocol]);
  const extensions = options.extensions ?? [];
  for (const extension of extensions) {
    if (!handshake.extensions.some((offer) => offer.name === extension.name)) {
      throw new UsageError('WS_ERR_INVALID_OPTION', `extension ${JSON.stringify(extension.name)} was not offered`);
    }
  }
  if (extensions.length > 0) headers.push(['Sec-WebSocket-Extensions', extensions.map(serializeExtension).join(', ')]);
  headers.push(...(options.headers ?? []));
  // @spec rfc6455#section-4.2.2-2.5.2.1 "A Status-Line with a 101 response code as per RFC 2616 [RFC2616]."
  return { version: 'HTTP/1.1', status: 101, reason: 'Switching Protocols', headers, body: new Uint8Array(0) };
}

const REASONS: Readonly<Record<number, string>> = {
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface RefusalOptions {
  /** Reason phrase; defaults to the standard one for the status. */
  reason?: string;
  /** Header fields: WWW-Authenticate with 401, Location with a redirect… */
  headers?: HeaderList;
  /** The body; a string is sent as UTF-8 text/plain. */
  body?: string | Uint8Array;
}

/**
 * A complete refusal: the status, the caller's header fields, and a body
 * delimited by Content-Length, with `Connection: close` so that the client
 * reads it to its end and expects the connection to close.
 */
export function createRefusalResponse(status: number, options: RefusalOptions = {}): HttpResponse {
  if (!Number.isInteger(status) || status < 200 || status > 599) throw new UsageError('WS_ERR_INVALID_OPTION', `status ${status}`);
  const text = typeof options.body === 'string';
  const body = options.body === undefined ? new Uint8Array(0) : typeof options.body === 'string' ? encodeUtf8(options.body) : options.body;
  const headers: Header[] = [...(options.headers ?? [])];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (text && !has('content-type')) headers.push(['Content-Type', 'text/plain; charset=utf-8']);
  headers.push(['Content-Length', String(body.length)], ['Connection', 'close']);
  return { version: 'HTTP/1.1', status, reason: options.reason ?? REASONS[status] ?? '', headers, body };
}

/** The refusal for a HandshakeError found in a client's handshake (400 if it names no status). */
export function createErrorResponse(error: HandshakeError): HttpResponse {
  return createRefusalResponse(error.httpStatus ?? 400, { headers: error.headers, body: `${error.message}\n` });
}
