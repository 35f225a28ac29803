/**
 * The URL steps of the WebSocket constructor (WHATWG, steps 1–7), and the
 * 2012 Candidate Recommendation's stricter parser behind `legacy2012`.
 *
 * Since 2023 the standard maps `http:` to `ws:` and `https:` to `wss:`,
 * and resolves a relative URL against the API base URL; the 2012 CR
 * accepted only an absolute `ws:`/`wss:` URL and threw a SyntaxError for
 * everything else ("parse a WebSocket URL's components").
 */
import { syntaxError } from './errors.ts';

export interface WebSocketUrlOptions {
  /**
   * The API base URL of the relevant settings object. Default: the
   * document's base URL in a window, the worker's location in a worker,
   * none in Node (see `apiBaseUrl`).
   */
  baseURL?: string | URL | undefined;
  /** Apply the W3C Candidate Recommendation of 20 September 2012 instead (absolute ws:/wss: URLs only). */
  legacy2012?: boolean;
}

/**
 * The relevant settings object's API base URL, where there is one: a
 * document's base URL, or a worker's URL. Node has no settings object;
 * there, as in undici (whose global origin is unset by default), a relative
 * URL has no base and fails to parse, so the constructor throws a
 * SyntaxError. Pass `baseURL` to resolve relative URLs in Node.
 */
export function apiBaseUrl(): string | undefined {
  const scope = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  return scope.document?.baseURI ?? scope.location?.href;
}

/** Steps 1–7 of the constructor: the URL record to connect to, or a SyntaxError. */
export function parseWebSocketUrl(url: string, options: WebSocketUrlOptions = {}): URL {
  if (options.legacy2012 === true) return parseLegacy2012(url);

  // @spec whatwg#dom-websocket-websocket-step-1 "Let baseURL be this's relevant settings object's API base URL."
  const baseURL = 'baseURL' in options ? options.baseURL : apiBaseUrl();

  // @spec whatwg#dom-websocket-websocket-step-2 "Let urlRecord be the result of applying the URL parser to url with baseURL."
  let urlRecord: URL;
  try {
    urlRecord = new URL(url, baseURL);
  } catch {
    // @spec whatwg#dom-websocket-websocket-step-3 "If urlRecord is failure, then throw a ‘SyntaxError’ DOMException."
    throw syntaxError(`Failed to parse the URL '${url}'`);
  }

  // @spec whatwg#dom-websocket-websocket-step-4 "If urlRecord's scheme is ‘http’, then set urlRecord's scheme to ‘ws’."
  if (urlRecord.protocol === 'http:') urlRecord.protocol = 'ws:';
  // @spec whatwg#dom-websocket-websocket-step-5 "Otherwise, if urlRecord's scheme is ‘https’, set urlRecord's scheme to ‘wss’."
  else if (urlRecord.protocol === 'https:') urlRecord.protocol = 'wss:';

  // @spec whatwg#dom-websocket-websocket-step-6 "If urlRecord's scheme is not ‘ws’ or ‘wss’, then throw a ‘SyntaxError’ DOMException."
  if (urlRecord.protocol !== 'ws:' && urlRecord.protocol !== 'wss:') {
    throw syntaxError(`The URL's scheme must be 'ws', 'wss', 'http' or 'https'; '${urlRecord.protocol.slice(0, -1)}' is not allowed`);
  }

  // @spec whatwg#dom-websocket-websocket-step-7 "If urlRecord's fragment is non-null, then throw a ‘SyntaxError’ DOMException."
  if (hasFragment(urlRecord)) throw syntaxError(`The URL contains a fragment identifier ('${urlRecord.hash}')`);

  return urlRecord;
}

/**
 * A fragment is non-null when the URL has a `#`, even an empty one: `hash`
 * is '' for both `ws://h/` and `ws://h/#`, but the serialization keeps the
 * `#` of an empty fragment (and a `#` anywhere else is percent-encoded).
 */
function hasFragment(url: URL): boolean {
  return url.href.includes('#');
}

/**
 * The 2012 CR: "parse a WebSocket URL's components", which fails (→
 * SyntaxError) for a relative URL, a scheme other than ws/wss (http and
 * https included) and a fragment.
 */
// @spec w3c#dom-websocket-step-1 "Parse a WebSocket URL's components from the url argument, to obtain host, port, resource name, and secure. If this…"
function parseLegacy2012(url: string): URL {
  let urlRecord: URL;
  try {
    // @spec w3c#parse-a-websocket-url-s-components-step-1 "If the url string is not an absolute URL, then fail this algorithm."
    urlRecord = new URL(url);
  } catch {
    throw syntaxError(`'${url}' is not an absolute URL`);
  }
  // @spec w3c#parse-a-websocket-url-s-components-step-3 "If url does not have a <scheme> component whose value, when converted to ASCII lowercase, is either…"
  if (urlRecord.protocol !== 'ws:' && urlRecord.protocol !== 'wss:') {
    throw syntaxError(`The URL's scheme must be either 'ws' or 'wss'; '${urlRecord.protocol.slice(0, -1)}' is not allowed`);
  }
  // @spec w3c#parse-a-websocket-url-s-components-step-4 "If url has a <fragment> component, then fail this algorithm."
  if (hasFragment(urlRecord)) throw syntaxError(`The URL contains a fragment identifier ('${urlRecord.hash}')`);
  return urlRecord;
}
