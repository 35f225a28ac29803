/**
 * Step 2: the section outline. In an RFC's plain text a
 * heading is a line that starts in column 0; everything else is indented.
 *
 * - The title-page header block (`Internet Engineering Task Force (IETF)
 *   I. Fette`, the centred title) comes before the first heading and is
 *   not part of any section.
 * - Front matter headings are unnumbered and anchored the way rfc-editor's
 *   XMLv3 HTML anchors them: Abstract → `section-abstract`, Status of This
 *   Memo → `section-boilerplate.1`, Copyright Notice →
 *   `section-boilerplate.2`.
 * - The Table of Contents is skipped: it is not a section and its entries
 *   are not headings (they are indented, so they never look like one).
 * - Numbered headings (`5.5.1.  Close`) give number, title, depth and
 *   parent (`5.5`); anchor `section-5.5.1`.
 * - Authors' Addresses, unnumbered back matter, is anchored
 *   `section-authors-addresses` (XMLv3 uses `authors-addresses`; the
 *   `section-` prefix keeps every anchor of this corpus in one form, and
 *   `section-appendix.a` would wrongly call it an appendix). Any other
 *   unnumbered heading gets `section-` + its title in lower-case words
 *   joined by hyphens.
 */
import type { TextLine } from './pages.ts';

export interface OutlineSection {
  anchor: string;
  number: string | null;
  title: string;
  depth: number;
  parent: string | null;
  /** 1-based source line of the heading. */
  line: number;
  /** The lines between this heading and the next. */
  body: TextLine[];
}

const NUMBERED = /^(\d+(?:\.\d+)*)\.? {1,}(\S.*)$/;

/** Front-matter titles that end the title page, and their XMLv3 anchors. */
const FRONT_MATTER: Record<string, string | null> = {
  Abstract: 'section-abstract',
  'Status of This Memo': 'section-boilerplate.1',
  'Copyright Notice': 'section-boilerplate.2',
  'Table of Contents': null,
};

const BACK_MATTER: Record<string, string> = {
  "Authors' Addresses": 'section-authors-addresses',
  "Author's Address": 'section-authors-addresses',
};

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function isHeading(text: string): boolean {
  return text !== '' && !/^\s/.test(text);
}

/** Sections in document order; the Table of Contents is left out. */
export function outlineOf(lines: readonly TextLine[]): OutlineSection[] {
  const sections: OutlineSection[] = [];
  let current: OutlineSection | null = null;
  let skipping = true; // title page, then the Table of Contents
  for (const line of lines) {
    const text = line.text.trimEnd();
    if (!isHeading(text)) {
      if (current && !skipping) current.body.push(line);
      continue;
    }
    const numbered = NUMBERED.exec(text);
    const front = Object.hasOwn(FRONT_MATTER, text);
    if (skipping && sections.length === 0 && !numbered && !front) continue; // title page
    if (front && FRONT_MATTER[text] === null) {
      skipping = true;
      current = null;
      continue;
    }
    skipping = false;
    if (numbered) {
      const number = numbered[1] ?? '';
      const parts = number.split('.');
      current = {
        anchor: `section-${number}`,
        number,
        title: (numbered[2] ?? '').trim(),
        depth: parts.length,
        parent: parts.length > 1 ? `section-${parts.slice(0, -1).join('.')}` : null,
        line: line.line,
        body: [],
      };
    } else {
      current = {
        anchor: FRONT_MATTER[text] ?? BACK_MATTER[text] ?? `section-${slug(text) || 'untitled'}`,
        number: null,
        title: text,
        depth: 1,
        parent: null,
        line: line.line,
        body: [],
      };
    }
    sections.push(current);
  }
  return sections;
}
