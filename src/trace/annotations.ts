/**
 * Clause annotations in code: `@spec <id>` in a line comment or a JSDoc
 * line, optionally followed by a quotation of the clause in double quotes
 * (README, "Annotations"). Each annotation covers the declaration or
 * statement that follows it, through its closing bracket, so the site can
 * show the code that implements a clause.
 *
 * Comments are read by the lexer `wsspec check` uses (./comments.ts), so an
 * `@spec` inside a string or a template is not an annotation; the ID's
 * anchor follows the ID grammar (src/corpus/ids.ts), while any source name
 * is taken so that a misspelt one fails the build's check.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ID_ANCHOR_PATTERN } from '../corpus/ids.ts';
import { blockText, commentBlocks } from './comments.ts';
import { walkFiles } from './walk.ts';

export interface CodeRegion {
  /** 1-based line numbers, inclusive. */
  start: number;
  end: number;
}

export interface CodeAnnotation {
  /** Clause or section ID, e.g. `rfc6455#section-5.5-3`. */
  id: string;
  /** The quotation that followed the ID, if any (without its quote marks). */
  quote: string | null;
  /** Repository-relative path with forward slashes. */
  file: string;
  /** Line of the `@spec` tag. */
  line: number;
  /** The code the annotation covers. */
  region: CodeRegion;
}

/** `@spec id` then an optional "quote" (straight or typographic double quotes), which may run over lines. */
const TAG = new RegExp(String.raw`@spec\s+([a-z0-9-]+#${ID_ANCHOR_PATTERN})(?:[ \t]+["“]([^"”]*)["”]?)?`, 'g');
const COMMENT_LINE = /^\s*(?:\/\/|\/\*\*?|\*(?!\/)|\*\/)/;

function isCommentOrBlank(line: string): boolean {
  return line.trim() === '' || COMMENT_LINE.test(line);
}

/** Net bracket depth change of a line, ignoring brackets in strings and line comments. */
function bracketDelta(line: string): number {
  let delta = 0;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '/' && line[i + 1] === '/') break;
    else if (char === '{' || char === '(' || char === '[') delta++;
    else if (char === '}' || char === ')' || char === ']') delta--;
  }
  return delta;
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/**
 * The region covered by an annotation on `tagIndex` (0-based): the first code
 * line after the comment, extended through its brackets, or through the
 * continuation lines indented deeper than it.
 */
export function regionAfter(lines: readonly string[], tagIndex: number, maxLines = 120): CodeRegion {
  let first = tagIndex + 1;
  // A multi-line quotation may continue inside the same comment; skip the
  // rest of the comment block (and blank lines) to reach the code.
  while (first < lines.length && isCommentOrBlank(lines[first]!)) first++;
  if (first >= lines.length) return { start: tagIndex + 1, end: tagIndex + 1 };

  let depth = 0;
  let end = first;
  const baseIndent = indentOf(lines[first]!);
  for (let i = first; i < lines.length && i < first + maxLines; i++) {
    const line = lines[i]!;
    if (i > first && depth <= 0) {
      const continues = line.trim() !== '' && indentOf(line) > baseIndent && !isCommentOrBlank(line);
      const closes = /^\s*[)}\]]/.test(line) && indentOf(line) === baseIndent;
      if (!continues && !closes) break;
    }
    depth += bracketDelta(line);
    end = i;
    if (depth <= 0 && i > first && /^\s*[)}\]]/.test(line) && indentOf(line) === baseIndent) break;
  }
  return { start: first + 1, end: end + 1 };
}

/** All annotations of one source text (JS/TS syntax). */
export function extractAnnotations(source: string, file: string): CodeAnnotation[] {
  const lines = source.split('\n');
  const found: CodeAnnotation[] = [];
  for (const block of commentBlocks(source, 'js')) {
    const { text, position } = blockText(block);
    for (const match of text.matchAll(TAG)) {
      const quote = match[2] ?? null;
      const { line } = position(match.index);
      found.push({
        id: match[1]!,
        quote: quote === null ? null : quote.replace(/\s+/g, ' ').trim(),
        file,
        line,
        region: regionAfter(lines, line - 1),
      });
    }
  }
  return found;
}

const SOURCE_FILE = /\.(?:ts|mts|js|mjs|astro)$/;

/** Every annotation under the given directories of the repository. */
export async function scanAnnotations(root: string, dirs: readonly string[]): Promise<CodeAnnotation[]> {
  const all: CodeAnnotation[] = [];
  for (const dir of dirs) {
    for (const path of walkFiles(join(root, dir), { accept: (file) => SOURCE_FILE.test(file) })) {
      const file = relative(root, path).split(sep).join('/');
      all.push(...extractAnnotations(await readFile(path, 'utf8'), file));
    }
  }
  return all;
}
