/**
 * Bikeshed's slug rule (`config.simplifyText`), used for every id Bikeshed
 * generates: headings without `{#id}`, `<dfn>`s without `id`, and by us for
 * algorithm names. Reproduced so that our anchors equal the live spec's
 * (https://websockets.spec.whatwg.org/):
 *
 * 1. trim, lower-case;
 * 2. drop every literal `()` (so `close()` → `close`);
 * 3. turn each run of whitespace, `/`, `(` or `,` into one `-`;
 * 4. drop every character that is not `a-z`, `0-9`, `_` or `-`;
 * 5. strip trailing `-`.
 *
 * Examples: `The WebSocket interface` → `the-websocket-interface`,
 * `WebSocket-close()` → `websocket-close`, `BinaryType-"blob"` →
 * `binarytype-blob`, `WebSocket(url, protocols)` → `websocket-url-protocols`.
 */
export function bikeshedSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replaceAll('()', '')
    .replace(/[\s/(,]+/g, '-')
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/-+$/, '');
}

/** Collapses runs of whitespace to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
