/**
 * Normalization of a spec source before hashing, so that copies that differ
 * only in ways that do not change the text (leading blank lines, the final
 * newline, CRLF line ends, trailing spaces, and for the RFC its page
 * furniture) hash the same. See ../shared/specs/README.md, "Notes".
 */

/** How a source is normalized before its SHA-256 is taken. */
export type Normalization = 'rfc-text' | 'text';

/** Page footer of RFC 6455: `Fette & Melnikov   Standards Track   [Page 5]`. */
export const RFC_PAGE_FOOTER = /^Fette & Melnikov\s+Standards Track\s+\[Page \d+\]\s*$/;
/** Page header of RFC 6455: `RFC 6455   The WebSocket Protocol   December 2011`. */
export const RFC_PAGE_HEADER = /^RFC 6455\s+The WebSocket Protocol\s+December 2011\s*$/;

function trimLines(lines: string[]): string[] {
  const trimmed = lines.map((line) => line.replace(/[ \t]+$/, ''));
  let start = 0;
  while (start < trimmed.length && trimmed[start] === '') start++;
  let end = trimmed.length;
  while (end > start && trimmed[end - 1] === '') end--;
  return trimmed.slice(start, end);
}

export function normalizeSource(raw: string, how: Normalization): string {
  let lines = raw.replace(/\r\n?/g, '\n').split('\n');
  if (how === 'rfc-text') {
    lines = lines
      .map((line) => line.replaceAll('\f', ''))
      .filter((line) => !RFC_PAGE_FOOTER.test(line) && !RFC_PAGE_HEADER.test(line));
  }
  return trimLines(lines).join('\n') + '\n';
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
