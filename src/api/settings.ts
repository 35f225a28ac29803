/**
 * "This's relevant settings object", as far as the WebSocket algorithms use
 * it: the constructor's step 1 takes its API base URL (`apiBaseUrl` in
 * url.ts), and step 11 makes it the request's client, whose origin Fetch
 * sends in the Origin header field of a request whose mode is websocket.
 *
 * In a page, the settings object is the page's: its origin is `location`'s.
 * Node has none: the embedder may name an origin (`options.origin`);
 * without one the request has no origin and carries no Origin field (as
 * undici's, whose global origin is unset by default).
 *
 * Of the rest of a settings object (cookies, CSP, service workers, the
 * referrer policy), nothing changes this implementation's request: see
 * establish step 2 in websocket.ts.
 */

export interface SettingsObject {
  /** The origin, serialized (`https://example.org`), or null where there is none. */
  origin: string | null;
}

export interface SettingsOptions {
  /** The embedder's origin: overrides the page's; null sends none. */
  origin?: string | null | undefined;
}

/** The relevant settings object of a WebSocket created now, with these options. */
export function relevantSettingsObject(options: SettingsOptions = {}): SettingsObject {
  if (options.origin !== undefined) return { origin: options.origin };
  const location = (globalThis as { location?: { origin?: string } }).location;
  return { origin: location?.origin ?? null };
}
