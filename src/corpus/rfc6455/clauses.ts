/**
 * Step 5: number the blocks of a section as clauses, the way rfc-editor's
 * XMLv3 HTML numbers its paragraphs (the pilcrow anchors).
 *
 * Numbering rules (S is the section, e.g. `5.5.1`; `front` sections use
 * their anchor, e.g. `section-abstract-1`):
 * 1. The section's top-level blocks are numbered 1..n in order:
 *    `section-S-n`. A paragraph, figure or table is one clause.
 * 2. A list (bulleted, numbered or definition list) is one block n; its
 *    items are `section-S-n.i`, i = 1.. in order (for a numbered list that
 *    starts at 1, i is the printed number).
 * 3. An item whose content is a single paragraph is one clause,
 *    `section-S-n.i`, kind `list-item`.
 * 4. An item with several blocks (paragraphs, notes, figures, a nested
 *    list) is not a clause itself: its blocks are numbered
 *    `section-S-n.i.k`, k = 1.. (its first paragraph, the one that follows
 *    the marker, is kind `list-item`, later paragraphs `paragraph`). A nested
 *    list is one such block k and its items are `section-S-n.i.k.j`,
 *    recursively by rules 3 and 4.
 * 5. A definition-list entry is one item: its label is the start of its
 *    first paragraph (`FIN: 1 bit Indicates that this is the final fragment
 *    …`, `[RFC2616] Fielding, R., …`). XMLv3 numbers <dt> and <dd>
 *    separately; one clause per entry keeps a term and its definition in a
 *    single citable unit.
 *
 * Citations: `RFC 6455 §5.5.1 ¶2`, `RFC 6455 §4.1 ¶6.7.1`, `RFC 6455
 * Abstract ¶1`. Keywords: upper-case RFC 2119 words (RFC 6455 §2 ¶2).
 *
 * Non-normative text is flagged `informative` where RFC 6455 §2 ¶1 says so:
 * notes and examples (paragraphs opening with `NOTE:`, `EXAMPLE:`,
 * `IMPLEMENTATION NOTE:`) and every clause of a section marked "_This
 * section is non-normative._" (§1.1–§1.9) and of its subsections. Figures
 * are not flagged: the §5.2 figure is authoritative over its ABNF.
 */
import type { Clause, ClauseKind, Keyword } from '../model.ts';
import { keywordsOf } from '../keywords.ts';
import type { Block, ListItem, TextBlock } from './blocks.ts';
import { preformattedText, proseText } from './text.ts';

/** The clause fields numbering decides; the section adds the rest. */
export interface NumberedClause {
  /** Anchor suffix after the section anchor: `2`, `5.2`, `5.2.1`. */
  path: string;
  kind: ClauseKind;
  text: string;
  keywords: Keyword[];
  informative: boolean;
  /** A definition entry's label as it starts `text` (`FIN: 1 bit`), for display. */
  label?: string;
}

const NOTE = /^(?:NOTE|EXAMPLE|IMPLEMENTATION NOTE):/;
export const NON_NORMATIVE = '_This section is non-normative._';

function textClause(block: TextBlock, path: string, kind: ClauseKind, label?: string): NumberedClause {
  const prose = block.type === 'paragraph';
  const body = prose ? proseText(block.lines) : preformattedText(block.lines);
  const text = label !== undefined ? proseText([label, body]) : body;
  const kindOf: ClauseKind = block.type === 'table' ? 'table' : block.type === 'figure' ? 'figure' : kind;
  const clause: NumberedClause = {
    path,
    kind: kindOf,
    text,
    keywords: keywordsOf(text),
    informative: prose && NOTE.test(text),
  };
  if (label !== undefined) clause.label = proseText([label]);
  return clause;
}

function numberItem(item: ListItem, path: string, out: NumberedClause[]): void {
  let children = item.children;
  // A label whose description opens with a figure, or has none, stands as its own paragraph.
  const head = children[0];
  let label = item.label;
  if (label !== undefined && head?.type !== 'paragraph') {
    children = [{ type: 'paragraph', lines: [label], line: item.line }, ...children];
    label = undefined;
  }
  if (children.length === 1 && children[0]?.type === 'paragraph') {
    out.push(textClause(children[0], path, 'list-item', label));
    return;
  }
  children.forEach((child, index) => {
    const childPath = `${path}.${index + 1}`;
    if (child.type === 'list') numberList(child.items, childPath, out);
    else if (index === 0) out.push(textClause(child, childPath, 'list-item', label));
    else out.push(textClause(child, childPath, 'paragraph'));
  });
}

function numberList(items: readonly ListItem[], path: string, out: NumberedClause[]): void {
  items.forEach((item, index) => numberItem(item, `${path}.${index + 1}`, out));
}

/** The clauses of one section's blocks, in document order. */
export function numberBlocks(blocks: readonly Block[]): NumberedClause[] {
  const out: NumberedClause[] = [];
  blocks.forEach((block, index) => {
    const path = String(index + 1);
    if (block.type === 'list') numberList(block.items, path, out);
    else out.push(textClause(block, path, 'paragraph'));
  });
  return out;
}

/** Assembles full clauses for a section. */
export function clausesOfSection(
  section: { anchor: string; citation: string },
  numbered: readonly NumberedClause[],
  informativeSection: boolean,
): Clause[] {
  return numbered.map((clause) => {
    const anchor = `${section.anchor}-${clause.path}`;
    const full: Clause = {
      id: `rfc6455#${anchor}`,
      source: 'rfc6455',
      anchor,
      section: section.anchor,
      citation: `${section.citation} ¶${clause.path}`,
      kind: clause.kind,
      text: clause.text,
      keywords: clause.keywords,
    };
    if (informativeSection || clause.informative) full.informative = true;
    return full;
  });
}
