/**
 * Step 3: cut the lines of a section body into chunks (runs of non-blank
 * lines), and decide at each page break whether the text on both sides is
 * one chunk, because the formatter drops the blank line that fell at a page
 * break and so the break itself says nothing (see pages.ts).
 *
 * The join rules, decided by content and indentation only:
 * - Prose: the line before the break is filled (the next line's first word
 *   would not have fit on it), does not end a sentence, belongs to wrapped
 *   prose, and the next line continues at the same indentation without a
 *   list marker → one paragraph.
 *   (RFC 6455 §1.1: "…simpler handshake over a" / "dedicated port…").
 * - Preformatted text: the chunk before the break is not prose, and the
 *   next one is not prose either, has no list marker and is not outdented
 *   → one figure (RFC 6455 §4.3 ABNF, "registered-token = token" /
 *   "extension-param = …"). If that figure is a list of rules one blank
 *   line apart, one line at its left margin each, and the next line starts
 *   a rule, the dropped blank line is restored (RFC 6455 §5.2 ABNF, "; 4
 *   bits in length" / "frame-masked = %x0"); see blankWasDropped.
 * - A definition label on its own line before the break, and an indented
 *   line after it (§11 registration templates: "URI scheme name" / "ws"),
 *   joins like preformatted text; blocks.ts reads it as label + description.
 * - Anything else: a new chunk, as if a blank line separated them.
 */
import type { TextLine } from './pages.ts';
import {
  contentIndentOf,
  endsSentence,
  hasInnerAlignment,
  indentOf,
  isFilled,
  isLabelLike,
  isProseLike,
  isRuleLine,
  markerOf,
} from './shape.ts';

export interface Chunk {
  /** The lines, as in the source (indentation kept). */
  lines: string[];
  /** 1-based source line of the first line. */
  line: number;
  /** Blank lines between this chunk and the previous one (0: none, only a joined page break). */
  blankBefore: number;
  /**
   * Indentation used to place the chunk in the block structure: its first
   * line's indentation, except where blocks.ts re-homes an outdented chunk.
   */
  indent: number;
}

function newChunk(line: TextLine, blankBefore: number): Chunk {
  return { lines: [line.text], line: line.line, blankBefore, indent: indentOf(line.text) };
}

function joinsAsProse(before: Chunk, next: string): boolean {
  const lines = before.lines;
  const last = lines[lines.length - 1] ?? '';
  const lastIndent = lines.length === 1 ? contentIndentOf(last) : indentOf(last);
  if (markerOf(next) !== null || indentOf(next) !== lastIndent || endsSentence(last) || !isFilled(last, next)) {
    return false;
  }
  // The paragraph being continued: the chunk's last lines at that
  // indentation (after a list marker or a definition label, if any). It must
  // read as wrapped prose, not as aligned code.
  let start = lines.length - 1;
  while (start > 0 && indentOf(lines[start - 1] ?? '') === lastIndent) start--;
  if (start > 0 && contentIndentOf(lines[start - 1] ?? '') === lastIndent) start--;
  const paragraph = lines.slice(start);
  return paragraph.every((line, i) => {
    const text = i === 0 ? line.slice(contentIndentOf(line)) : line;
    const following = paragraph[i + 1];
    return !hasInnerAlignment(text) && !isRuleLine(text) && (following === undefined || isFilled(line, following));
  });
}

/** The lines of `lines` that would follow the break, up to the next blank line. */
function runFrom(lines: readonly TextLine[], start: number): string[] {
  const run: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.text === '' || (i > start && line.afterPageBreak)) break;
    run.push(line.text);
  }
  return run;
}

function joinsAsPreformatted(before: Chunk, after: readonly string[]): boolean {
  const next = after[0] ?? '';
  if (markerOf(next) !== null || isProseLike(after)) return false;
  if (before.lines.length === 1) {
    // A lone line: a label whose description is indented below it, or one
    // line of a figure continuing at the same or a deeper indentation.
    const only = before.lines[0] ?? '';
    return !endsSentence(only) && indentOf(next) >= indentOf(only) && markerOf(only) === null;
  }
  // A definition label with its description right below it: the description is what may continue.
  const [first = '', ...rest] = before.lines;
  const labelled = isLabelLike(first) && indentOf(rest[0] ?? '') > indentOf(first);
  const body = labelled ? rest : before.lines;
  return !isProseLike(body) && indentOf(next) >= Math.min(...body.map(indentOf));
}

/** A blank-line-separated group of a figure's lines. */
interface Group {
  lines: string[];
  /** A blank line is known to precede it (false: a page break, or the figure's start). */
  blankBefore: boolean;
}

/** The figure's groups before the break: the chunks before it, one blank line apart, none of them prose. */
function groupsBefore(chunks: readonly Chunk[]): Group[] {
  const groups: Group[] = [];
  for (let i = chunks.length - 1; i >= 0; i--) {
    const chunk = chunks[i];
    if (!chunk || isProseLike(chunk.lines) || markerOf(chunk.lines[0] ?? '') !== null) break;
    groups.unshift({ lines: chunk.lines, blankBefore: chunk.blankBefore === 1 });
    if (chunk.blankBefore !== 1) break;
  }
  return groups;
}

/** The figure's groups from the break on, as far as they stay preformatted and not outdented. */
function groupsAfter(lines: readonly TextLine[], start: number, margin: number): Group[] {
  const groups: Group[] = [];
  let current: Group = { lines: [], blankBefore: false };
  const close = (): boolean => {
    if (current.lines.length === 0) return true;
    const ok =
      !isProseLike(current.lines) &&
      markerOf(current.lines[0] ?? '') === null &&
      current.lines.every((line) => indentOf(line) >= margin);
    if (ok) groups.push(current);
    return ok;
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (!line) break;
    // Another page break: a line deeper than the margin continues the rule, one at the margin may start the next.
    if (line.text === '' || (i > start && line.afterPageBreak && indentOf(line.text) <= margin)) {
      if (!close()) return groups;
      current = { lines: line.text === '' ? [] : [line.text], blankBefore: line.text === '' };
      continue;
    }
    current.lines.push(line.text);
  }
  close();
  return groups;
}

/**
 * For a figure continued across a page break: true if the figure is a list
 * of rules one blank line apart (every group of lines has exactly one line
 * at the figure's left margin, its first, and at least one blank line
 * between groups is visible on either side of the break) and the line after
 * the break starts such a group: the blank line there was dropped. Without
 * a visible blank line the two layouts cannot be told apart, and the lines
 * are joined as they are.
 */
function blankWasDropped(chunks: readonly Chunk[], lines: readonly TextLine[], start: number): boolean {
  const before = groupsBefore(chunks);
  if (before.length === 0) return false;
  const margin = Math.min(...before.flatMap((group) => group.lines.map(indentOf)));
  const after = groupsAfter(lines, start, margin);
  const groups = [...before, ...after];
  const oneRulePerGroup = groups.every(
    (group) =>
      indentOf(group.lines[0] ?? '') === margin && group.lines.slice(1).every((line) => indentOf(line) > margin),
  );
  const blankSeen = before.slice(1).some((group) => group.blankBefore) || after.some((group) => group.blankBefore);
  return oneRulePerGroup && blankSeen;
}

/** Cuts body lines into chunks, rejoining what a page break split. */
export function chunksOf(lines: readonly TextLine[]): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk | null = null;
  let blanks = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    if (line.text === '') {
      if (current) chunks.push(current);
      current = null;
      blanks++;
      continue;
    }
    if (current && line.afterPageBreak) {
      const after = runFrom(lines, i);
      if (joinsAsProse(current, line.text)) {
        current.lines.push(line.text);
        continue;
      }
      if (joinsAsPreformatted(current, after)) {
        if (blankWasDropped([...chunks, current], lines, i)) {
          chunks.push(current);
          current = newChunk(line, 1);
        } else {
          current.lines.push(line.text);
        }
        continue;
      }
      chunks.push(current);
      current = newChunk(line, 1);
      continue;
    }
    if (current) {
      current.lines.push(line.text);
    } else {
      current = newChunk(line, chunks.length === 0 && blanks === 0 ? 0 : Math.max(blanks, 1));
    }
    blanks = 0;
  }
  if (current) chunks.push(current);
  return chunks;
}
