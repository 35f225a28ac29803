/**
 * The shape of lines and blocks of RFC plain text: indentation, list
 * markers, definition labels, and whether a block is wrapped prose or
 * preformatted text (a figure, ABNF, an example message, a table).
 *
 * Plain-text RFCs carry no markup, so these tests read what the formatter
 * left behind (RFC 7322 §4): prose is filled greedily to 72 columns with
 * two spaces after a sentence, while preformatted text keeps its own line
 * breaks and inner alignment.
 */

/** RFC 7322 §4.1: lines are at most 72 characters. */
export const LINE_WIDTH = 72;

export function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** A bullet (`o`, `*`, `-`) or number (`1.`) followed by at least two spaces. */
const ITEM_MARKER = /^( *)([o*-]|\d{1,2}\.)( {2,})(?=\S)/;
/** A reference tag hanging before its text: `[RFC2616]  Fielding, R., …`. */
const HANGING_TAG = /^( *)(\[[^\]\s]+\])( {2,})(?=\S)/;

export interface Marker {
  /** `o`, `*`, `-`, `1.`, or `[RFC2616]`. */
  marker: string;
  kind: 'bullet' | 'number' | 'tag';
  /** Column of the marker. */
  indent: number;
  /** Column where the item's text starts. */
  contentIndent: number;
  /** The number of a numbered item. */
  number?: number;
}

/** The list marker a line starts with, if any. */
export function markerOf(text: string): Marker | null {
  const item = ITEM_MARKER.exec(text);
  if (item) {
    const [whole, spaces = '', marker = ''] = item;
    const numbered = /^\d/.test(marker);
    return {
      marker,
      kind: numbered ? 'number' : 'bullet',
      indent: spaces.length,
      contentIndent: whole.length,
      ...(numbered ? { number: Number.parseInt(marker, 10) } : {}),
    };
  }
  const tag = HANGING_TAG.exec(text);
  if (tag) {
    const [whole, spaces = '', marker = ''] = tag;
    return { marker, kind: 'tag', indent: spaces.length, contentIndent: whole.length };
  }
  return null;
}

/** Column where the text of a line starts, after a list marker if it has one. */
export function contentIndentOf(text: string): number {
  return markerOf(text)?.contentIndent ?? indentOf(text);
}

/** Ends a sentence (or a lead-in such as "as follows:"), closing quotes and brackets allowed. */
export function endsSentence(text: string): boolean {
  return /[.:;?!]["')\]]*$/.test(text);
}

/**
 * Words the formatter never breaks at their inner space: cross-references
 * ("Section 5.5.1") and, in references, document numbers and dates
 * ("RFC 1928", "March 1996").
 */
const UNBREAKABLE =
  /^\(?(?:Sections? |(?:RFC|STD|BCP) |(?:January|February|March|April|May|June|July|August|September|October|November|December) )\S+/;

/** The first word of a line, as the filler saw it. */
function firstWord(text: string): string {
  const body = text.trimStart();
  return (UNBREAKABLE.exec(body) ?? /^\S*/.exec(body))?.[0] ?? '';
}

/**
 * True if the filler could not have put the next line's first word on this
 * line: the mark of a line wrapped inside a paragraph. The last line of a
 * paragraph usually fails this test, and preformatted lines nearly always
 * do. A line that ends inside a hyphenated word ("non-" / "normative") was
 * broken by the filler, so it is filled.
 */
export function isFilled(line: string, next: string): boolean {
  if (/[A-Za-z0-9]-$/.test(line)) return true;
  const gap = endsSentence(line) ? 2 : 1;
  return line.length + gap + firstWord(next).length > LINE_WIDTH;
}

/**
 * Runs of two or more spaces inside the text that are not the double space
 * after a sentence: alignment, the mark of preformatted text.
 */
export function hasInnerAlignment(text: string): boolean {
  const body = text.trim();
  for (const gap of body.matchAll(/ {2,}/g)) {
    const before = body.slice(0, gap.index);
    if (!/[.?!:]["')\]]*$/.test(before) || gap[0].length > 2) return true;
  }
  return false;
}

/** An ABNF rule (`ws-URI = "ws:" "//" host …`) or an assignment (`j = i MOD 4`). */
export function isRuleLine(text: string): boolean {
  return /^\s*[A-Za-z][\w-]*\s*=(?!=)\s/.test(text);
}

/** A single line that reads as a sentence: capitalised start, final punctuation, some words. */
export function isSentenceLike(text: string): boolean {
  const body = text.trim();
  return (
    /^[_|"'(\[]?[A-Z]/.test(body) &&
    /[.:?!]["')\]]*$/.test(body) &&
    body.split(' ').length >= 3 &&
    !hasInnerAlignment(body)
  );
}

/**
 * Wrapped prose: every line after the first at one indentation (the first
 * may hang, as after a list marker), no inner alignment, and every line but
 * the last filled. A single line must read as a sentence.
 */
export function isProseLike(lines: readonly string[]): boolean {
  const first = lines[0];
  if (first === undefined || lines.some(isRuleLine)) return false;
  if (lines.length === 1) return isSentenceLike(first) || markerOf(first) !== null;
  const bodyIndent = indentOf(lines[1] ?? '');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (i > 0 && indentOf(line) !== bodyIndent) return false;
    if (hasInnerAlignment(line.slice(contentIndentOf(line)))) return false;
    const next = lines[i + 1];
    if (next !== undefined && !isFilled(line, next)) return false;
  }
  const head = markerOf(first);
  return head ? head.contentIndent === bodyIndent : indentOf(first) === bodyIndent;
}

/** An ASCII-art table: every line a rule (`+---+`, `-+---|`) or a row (`| a | b |`). */
export function isTable(lines: readonly string[]): boolean {
  return lines.length >= 2 && lines.every((line) => /^\s*(?:\||-?\+)/.test(line) && /[|+]\s*$/.test(line));
}

/**
 * A definition label: a short line naming a term (`FIN:  1 bit`, `1000`,
 * `/origin/`, `URI scheme name`, `[RFC2119]`), not a sentence, not code.
 */
export function isLabelLike(text: string): boolean {
  const body = text.trim();
  if (body === '' || body.length > 60 || markerOf(text)) return false;
  if (/[=|;{}]/.test(body) || /[.,;]["')\]]*$/.test(body) || /:$/.test(body)) return false;
  // "FIN:  1 bit": the only alignment a label may have is after its colon.
  return !hasInnerAlignment(body.replace(/: {2,}/, ': '));
}
