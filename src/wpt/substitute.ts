/**
 * wptserve's `.sub.` substitutions: `{{host}}`, `{{hosts[alt][www]}}`,
 * `{{ports[ws][0]}}`, `{{GET[name]}}`, `{{location[…]}}`, `{{domains[…]}}`.
 *
 * Host names: wptserve's `web-platform.test` needs DNS entries; here the
 * main host is 127.0.0.1 and the cross-site host is `localhost`, which
 * every engine resolves to the loopback without configuration and which is
 * a different origin (and a different site) from 127.0.0.1.
 */

export interface SubstitutionContext {
  host: string;
  altHost: string;
  ports: { http: number; https: number; ws: number; wss: number; h2: number };
  /** The request URL (for GET and location). */
  url: URL;
}

/** Substitutes every `{{…}}` token; a token it does not know is an error (a test would fail silently otherwise). */
export function substitute(text: string, context: SubstitutionContext): string {
  return text.replace(/\{\{([^}]*)\}\}/g, (whole, expression: string) => {
    const token = expression.trim();
    if (token === 'host') return context.host;
    if (token === 'hosts[][]' || token === 'domains[]') return context.host;
    let match = /^(?:hosts|domains)\[(alt)?\]\[(\w*)\]$/.exec(token);
    if (match) {
      // The subdomain (www) is dropped: an IP literal has none, and
      // `www.localhost` resolves in browsers but not through the system
      // resolver Node, Bun and Deno use. The test only needs another site.
      return match[1] === 'alt' ? context.altHost : context.host;
    }
    match = /^ports\[(\w+)\]\[(\d+)\]$/.exec(token);
    if (match) {
      const port = context.ports[match[1] as keyof SubstitutionContext['ports']];
      if (port === undefined) throw new Error(`wptserve substitution: no port for ${whole}`);
      return String(port);
    }
    match = /^GET\[([^\]]*)\]$/.exec(token);
    if (match) return context.url.searchParams.get(match[1]!) ?? '';
    match = /^location\[(\w+)\]$/.exec(token);
    if (match) {
      const { url } = context;
      const parts: Record<string, string> = {
        host: url.host,
        hostname: url.hostname,
        port: url.port,
        scheme: url.protocol.slice(0, -1),
        path: url.pathname,
        pathname: url.pathname,
        query: url.search,
        server: `${url.protocol}//${url.host}`,
      };
      const value = parts[match[1]!];
      if (value === undefined) throw new Error(`wptserve substitution: unknown ${whole}`);
      return value;
    }
    throw new Error(`wptserve substitution: unknown ${whole}`);
  });
}
