/**
 * Whether the live comparison's local servers are there. Without them both
 * scripts see a connection that fails (error, then close 1006), which looks
 * exactly like the refusal the page is about: the page must say that nothing
 * answered instead of reporting two identical observations.
 *
 * A script cannot tell a refused handshake from a missing server through
 * WebSocket (that is the rule the page demonstrates), but it can through
 * Fetch: a `no-cors` request to a server that is listening resolves (with an
 * opaque response; the WebSocket server answers plain HTTP requests with a
 * refusal), while one to a port nobody listens on rejects with a TypeError.
 */

export type Reachability = 'reachable' | 'unreachable' | 'unknown';

/** The http(s) URL of the host and port of a ws(s) URL; null when it is not one. */
export function httpUrlOf(wsUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(wsUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}/`;
}

/**
 * Probes a WebSocket URL's host and port with one plain request. A timeout
 * is `unknown` (something holds the port but did not answer), not
 * `unreachable`.
 */
export async function probe(wsUrl: string, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<Reachability> {
  const target = httpUrlOf(wsUrl);
  if (target === null) return 'unknown';
  const fetchImpl = options.fetch ?? globalThis.fetch;
  try {
    await fetchImpl(target, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(options.timeoutMs ?? 3000) });
    return 'reachable';
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    return name === 'TimeoutError' || name === 'AbortError' ? 'unknown' : 'unreachable';
  }
}

/**
 * What to tell the reader when a server is missing, or null when both
 * answered (or could not be judged: then the comparison speaks for itself).
 */
export function missingServersMessage(server: { url: string; state: Reachability }, relay: { url: string; state: Reachability }): string | null {
  const missing = [
    ...(server.state === 'unreachable' ? [`the WebSocket server (${server.url})`] : []),
    ...(relay.state === 'unreachable' ? [`the relay (${relay.url})`] : []),
  ];
  if (missing.length === 0) return null;
  return (
    `Nothing answered at ${missing.join(' or at ')}: the local servers are not running. ` +
    'Start them with `npm run live-servers` in a clone of the repository, then run the comparison again. ' +
    'Without them both scripts only see a connection that fails (error, then close 1006), which shows nothing about a refused handshake.'
  );
}
