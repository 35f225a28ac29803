/**
 * The text of a clause from its source lines. Prose is quoted as one line
 * (RFC 6455 clauses are cited inline in code comments); figures and tables
 * keep every character and line break.
 */
import { indentOf } from './shape.ts';

/**
 * Prose: lines joined with one space and white-space runs collapsed, except
 * where the line break fell after a hyphen inside a word or inside a URI in
 * angle brackets. The formatter breaks lines there without a space in the
 * source ("258EAFA5-" / "E914-47DA-…", "|Sec-WebSocket-" / "Key|",
 * "<http://…/fips180-3/" / "fips180-3_final.pdf>", RFC 7322 §3.5), so joining
 * with a space would change the words and break quotations of them.
 */
export function proseText(lines: readonly string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (text === '') text = line;
    else if (/[A-Za-z0-9]-$/.test(text) && /^[A-Za-z0-9]/.test(line)) text += line;
    else if (/<https?:[^>\s]*$/.test(text)) text += line;
    else text += ` ${line}`;
  }
  return text.replace(/\s+/g, ' ');
}

/** Preformatted text: verbatim, without the common left margin and trailing blank lines. */
export function preformattedText(lines: readonly string[]): string {
  const margin = Math.min(...lines.filter((line) => line.trim() !== '').map(indentOf));
  const kept = lines.map((line) => (line.trim() === '' ? '' : line.slice(Number.isFinite(margin) ? margin : 0)));
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}
