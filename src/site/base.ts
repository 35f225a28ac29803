/**
 * The base path the site is served under: `/` at the root of a host,
 * `/wsspec/` for a GitHub Pages project site. Set it with `WSSPEC_BASE` at
 * build time (astro.config.ts passes it to Astro's `base`); every internal
 * link a page writes goes through `withBase`, so one build works at one base.
 *
 * Starlight prefixes its own links (sidebar entries, `slug` items, search
 * results): give those the root-relative path, not `withBase`'s result.
 */

/** `/`, `/wsspec/`: a base path with one leading and one trailing slash. */
export function normalizeBase(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

function configuredBase(): string {
  // Vite replaces `import.meta.env` in the pages and in browser scripts; a
  // script run directly on Node (the CLI, a unit test outside Vite) falls
  // back to the environment variable Astro's config reads.
  const env = (import.meta as ImportMeta & { env?: { BASE_URL?: string } }).env;
  const fromVite = env?.BASE_URL;
  if (fromVite) return normalizeBase(fromVite);
  const processEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return normalizeBase(processEnv?.['WSSPEC_BASE']);
}

/** The site's base path, e.g. `/` or `/wsspec/`. */
export const BASE: string = configuredBase();

/**
 * A root-relative site path with the base prepended:
 * `withBase('/rfc6455/5/#section-5.5.1-2')` → `/wsspec/rfc6455/5/#section-5.5.1-2`.
 * URLs with a scheme, protocol-relative URLs, fragments and queries on the
 * current page are returned unchanged, as is a path that already carries the
 * base (so applying it twice is harmless).
 */
export function withBase(path: string, base: string = BASE): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  if (base === '/') return path;
  if (path === base.slice(0, -1) || path.startsWith(base)) return path;
  return base + path.slice(1);
}

/**
 * Root-relative links in an HTML fragment made below the site (the corpus
 * links one spec's clauses to another reader as `/rfc6455/7/#section-7.1.7`),
 * with the base prepended.
 */
export function withBaseInHtml(html: string, base: string = BASE): string {
  if (base === '/') return html;
  return html.replace(/ href="(\/(?!\/)[^"]*)"/g, (_whole, path: string) => ` href="${withBase(path, base)}"`);
}
