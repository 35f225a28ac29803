/**
 * Step 4: read the chunks of a section body as a tree of blocks, the way
 * rfc-editor's XMLv3 would mark them up: paragraphs (<t>), figures and code
 * (<artwork>, <sourcecode>), tables, and lists (<ul>, <ol>, <dl>) whose items
 * hold blocks of their own.
 *
 * Reading rules (indentation decides nesting):
 * - A chunk starting with `o  `, `*  `, `-  ` or `1.  ` starts a list item;
 *   consecutive items of the same kind at the same indentation are one list.
 *   Every following chunk indented deeper than the marker belongs to the
 *   item (further paragraphs, notes, figures, nested lists).
 * - A definition-list entry is a label and an indented description:
 *   `FIN:  1 bit` / blank / indented paragraph (RFC 6455 §5.2), `1000`
 *   (§7.4.1), `Text` (§5.6), or a label with its description right below
 *   it, `/origin/` (§4.2.2) and the §11 registration templates (`URI scheme
 *   name` / `ws`). A reference (`[RFC2616]  Fielding, R., …` or the tag on
 *   its own line, §14) is an entry whose label is its tag. Consecutive
 *   entries at one indentation are one definition list.
 * - An ASCII table (`+---+`, `| a |` rows) is a table.
 * - A chunk that is not wrapped prose (see shape.ts) is a figure, and the
 *   figure chunks that follow it one blank line apart are the same figure
 *   (ABNF rules, the §5.2 frame diagram, example messages).
 * - Anything else is a paragraph, whatever its indentation (an EXAMPLE
 *   indented inside a list item is a paragraph of that item).
 */
import type { Chunk } from './chunks.ts';
import {
  endsSentence,
  indentOf,
  isLabelLike,
  isProseLike,
  isSentenceLike,
  isTable,
  markerOf,
  type Marker,
} from './shape.ts';

export interface TextBlock {
  type: 'paragraph' | 'figure' | 'table';
  /** Source lines; a figure keeps its inner blank lines as ''. */
  lines: string[];
  /** 1-based source line of the first line. */
  line: number;
}

export interface ListBlock {
  type: 'list';
  style: 'bullet' | 'number' | 'definition';
  items: ListItem[];
  line: number;
}

export interface ListItem {
  /** A definition list's label (`FIN:  1 bit`, `[RFC2616]`); absent for bullets and numbers. */
  label?: string;
  /** The printed bullet or number (`o`, `3.`). */
  marker?: string;
  children: Block[];
  line: number;
}

export type Block = TextBlock | ListBlock;

type ItemKind = 'bullet' | 'number' | 'label';

interface ItemStart {
  kind: ItemKind;
  marker: Marker | null;
  /** Lines of the item's first chunk that belong to its body, marker removed. */
  head: string[];
  label?: string;
}

/** Does chunk `index` start a list item (or a definition entry), and how. */
function itemStart(chunks: readonly Chunk[], index: number): ItemStart | null {
  const chunk = chunks[index];
  if (!chunk) return null;
  const [first = '', ...rest] = chunk.lines;
  const marker = markerOf(first);
  if (marker) {
    const text = ' '.repeat(marker.contentIndent) + first.slice(marker.contentIndent);
    if (marker.kind === 'tag') return { kind: 'label', marker, label: marker.marker, head: [text, ...rest] };
    return { kind: marker.kind, marker, head: [text, ...rest] };
  }
  if (!isLabelLike(first) || endsSentence(first)) return null;
  const second = rest[0];
  if (second !== undefined) {
    // Label with its description right below it.
    return indentOf(second) > indentOf(first) ? { kind: 'label', marker: null, label: first.trim(), head: rest } : null;
  }
  // Label, blank line, indented prose description.
  const next = chunks[index + 1];
  if (next && next.blankBefore > 0 && next.indent > chunk.indent && isProseLike(next.lines)) {
    return { kind: 'label', marker: null, label: first.trim(), head: [] };
  }
  return null;
}

function textBlock(type: TextBlock['type'], lines: string[], line: number): TextBlock {
  return { type, lines, line };
}

/** Reads chunks as blocks; `container` is the indentation of the container's own text. */
export function parseBlocks(chunks: readonly Chunk[], container: number): Block[] {
  const blocks: Block[] = [];
  let index = 0;
  while (index < chunks.length) {
    const chunk = chunks[index];
    if (!chunk) break;
    const start = itemStart(chunks, index);
    if (start) {
      const [list, next] = parseList(chunks, index, start.kind);
      blocks.push(list);
      index = next;
      continue;
    }
    if (isTable(chunk.lines)) {
      blocks.push(textBlock('table', [...chunk.lines], chunk.line));
      index++;
      continue;
    }
    if (isFigureChunk(chunk, container)) {
      const lines = [...chunk.lines];
      const margin = Math.min(...chunk.lines.map(indentOf));
      index++;
      // The rest of the figure: chunks one blank line apart, not prose, not outdented.
      for (let next = chunks[index]; next && continuesFigure(next, margin, container); next = chunks[++index]) {
        for (let blank = 0; blank < next.blankBefore; blank++) lines.push('');
        lines.push(...next.lines);
      }
      blocks.push(textBlock('figure', lines, chunk.line));
      continue;
    }
    blocks.push(textBlock('paragraph', [...chunk.lines], chunk.line));
    index++;
  }
  return blocks;
}

function isFigureChunk(chunk: Chunk, container: number): boolean {
  if (markerOf(chunk.lines[0] ?? '')) return false;
  if (chunk.lines.length === 1) {
    // One line: prose at the container's indentation; indented deeper, prose only if it reads as a sentence.
    return chunk.indent > container && !isSentenceLike(chunk.lines[0] ?? '');
  }
  return !isProseLike(chunk.lines);
}

function continuesFigure(chunk: Chunk, margin: number, container: number): boolean {
  return (
    chunk.blankBefore === 1 &&
    chunk.indent >= margin &&
    !isTable(chunk.lines) &&
    isFigureChunk({ ...chunk, indent: Math.max(chunk.indent, container + 1) }, container)
  );
}

/** Reads the list that starts at chunk `from`; returns it and the index after it. */
function parseList(chunks: readonly Chunk[], from: number, kind: ItemKind): [ListBlock, number] {
  const first = chunks[from];
  const indent = first?.indent ?? 0;
  const items: ListItem[] = [];
  let index = from;
  for (;;) {
    const chunk = chunks[index];
    const start = chunk && chunk.indent === indent ? itemStart(chunks, index) : null;
    if (!chunk || !start || start.kind !== kind) break;
    index++;
    // The item's body: its first chunk's text, then every chunk indented deeper than the item.
    const body: Chunk[] = [];
    if (start.head.length > 0) {
      body.push({ lines: start.head, line: chunk.line, blankBefore: 0, indent: indentOf(start.head[0] ?? '') });
    }
    while (index < chunks.length && (chunks[index]?.indent ?? 0) > indent) {
      const next = chunks[index];
      if (next) body.push(next);
      index++;
    }
    const container = Math.min(
      ...body.map((part) => part.indent),
      start.marker?.contentIndent ?? Number.POSITIVE_INFINITY,
    );
    const item: ListItem = { children: parseBlocks(body, container), line: chunk.line };
    if (start.label !== undefined) item.label = start.label;
    else if (start.marker) item.marker = start.marker.marker;
    items.push(item);
  }
  const style = kind === 'label' ? 'definition' : kind;
  return [{ type: 'list', style, items, line: first?.line ?? 0 }, index];
}

/**
 * Re-homes out-dented chunks that interrupt a numbered list which then
 * resumes: RFC 6455 §4.2.2 step 5 lists the server's response fields 1–6,
 * and between fields 4 and 5 a NOTE about field 4 sits at the section's
 * indentation. The list resumes with "5." right after it, so the NOTE is
 * read as the last block of item 4 instead of ending both lists.
 */
export function rehomeInterruptions(chunks: Chunk[]): void {
  for (let end = 0; end < chunks.length; end++) {
    const resumed = markerOf(chunks[end]?.lines[0] ?? '');
    if (resumed?.kind !== 'number' || resumed.number === undefined) continue;
    const indent = chunks[end]?.indent ?? 0;
    // The run of unmarked, shallower chunks right before the resumed item.
    let start = end;
    while (start > 0) {
      const before = chunks[start - 1];
      if (!before || before.indent >= indent || markerOf(before.lines[0] ?? '')) break;
      start--;
    }
    if (start === end) continue;
    // The nearest earlier item at that indentation, with nothing shallower in between.
    let previous: Marker | null = null;
    for (let back = start - 1; back >= 0; back--) {
      const chunk = chunks[back];
      if (!chunk || chunk.indent < indent) break;
      const marker = chunk.indent === indent ? markerOf(chunk.lines[0] ?? '') : null;
      if (marker) {
        previous = marker;
        break;
      }
    }
    if (previous?.kind === 'number' && previous.number === resumed.number - 1) {
      for (const chunk of chunks.slice(start, end)) chunk.indent = previous.contentIndent;
    }
  }
}
