/**
 * Step 1 of the RFC parser (see index.ts): remove the page furniture of an RFC in the
 * plain-text format (RFC 7322 §4: 72-column lines, 58-line pages), and
 * remember where each page break was.
 *
 * A page ends with blank padding and a footer (`Fette & Melnikov   Standards
 * Track   [Page 5]`), then a form feed, and the next page starts with a
 * header (`RFC 6455   The WebSocket Protocol   December 2011`) and two blank
 * lines. All of that goes, together with the blank lines around it, and the
 * break is kept as a flag on the first line after it: whether a blank line
 * fell at the break is unknowable (the formatter drops a blank line at the
 * top or bottom of a page), so `chunks.ts` decides the join by content.
 */

/** A line of the RFC without its page furniture. */
export interface TextLine {
  /** The line, trailing white space and form feeds removed. */
  text: string;
  /** 1-based line number in the raw source (for messages and tools). */
  line: number;
  /** True if a page break (now removed) came right before this line. */
  afterPageBreak: boolean;
}

/** `Fette & Melnikov   Standards Track   [Page 5]`: any footer ending in a page number. */
const FOOTER = /^\S.*\s\[Page \d+\]$/;
/** `RFC 6455   The WebSocket Protocol   December 2011`: a running header. */
const HEADER =
  /^RFC \d+ {2,}\S.*\S {2,}(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/;

export function isFooter(text: string): boolean {
  return FOOTER.test(text);
}

export function isHeader(text: string): boolean {
  return HEADER.test(text);
}

/**
 * The lines of the document without page furniture. Blank lines are kept
 * (they separate blocks) except those padding a page break.
 */
export function stripFurniture(raw: string): TextLine[] {
  const rawLines = raw.replace(/\r\n?/g, '\n').split('\n');
  const out: TextLine[] = [];
  let pendingBreak = false;
  let index = 0;
  while (index < rawLines.length) {
    const original = rawLines[index] ?? '';
    const hadFormFeed = original.includes('\f');
    const text = original.replaceAll('\f', '').replace(/\s+$/, '');
    if (isFooter(text) || isHeader(text) || (hadFormFeed && text === '')) {
      // Furniture: drop it, the blank padding before it (already emitted)
      // and the blank lines after it (skipped as they come).
      while (out.length > 0 && out[out.length - 1]?.text === '') out.pop();
      pendingBreak = true;
      index++;
      continue;
    }
    if (pendingBreak && text === '') {
      index++;
      continue;
    }
    out.push({ text, line: index + 1, afterPageBreak: pendingBreak && out.length > 0 });
    pendingBreak = false;
    index++;
  }
  while (out.length > 0 && out[out.length - 1]?.text === '') out.pop();
  return out;
}
