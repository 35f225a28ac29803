/**
 * The comment lexer of `wsspec check` and of the project's own annotations:
 * the comments of a source file as blocks of lines with their file
 * positions, per language (`//` and `/* *\/` for JS/TS with strings,
 * templates and regex literals skipped, and for C, C++, Go, Rust, Java, C#,
 * Kotlin, Swift…; `#` for Python, with docstrings, Ruby, shell, YAML, TOML),
 * and the prose of documentation files (Markdown, reStructuredText,
 * AsciiDoc, HTML, plain text) as blocks of paragraphs. A comment block is a
 * run of line comments on consecutive lines, or one block comment.
 *
 * Also the link syntax of documentation (`[label](url)`, `` `label <url>`_ ``,
 * `<a href="url">label</a>`, `url[label]`), so that a link whose label and
 * target both cite a clause counts once.
 *
 * Pure: no file system access.
 */

/** Comment syntaxes of code, and documentation formats (read whole, as prose). */
export type Syntax = 'js' | 'c' | 'python' | 'hash' | DocSyntax;
export type DocSyntax = 'markdown' | 'rst' | 'asciidoc' | 'html' | 'text';

export function isDocSyntax(syntax: Syntax): syntax is DocSyntax {
  return syntax === 'markdown' || syntax === 'rst' || syntax === 'asciidoc' || syntax === 'html' || syntax === 'text';
}

const SYNTAX_BY_EXTENSION: Record<string, Syntax> = {
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'js',
  ts: 'js',
  tsx: 'js',
  mts: 'js',
  cts: 'js',
  astro: 'js',
  vue: 'js',
  svelte: 'js',
  c: 'c',
  h: 'c',
  cc: 'c',
  cpp: 'c',
  cxx: 'c',
  hh: 'c',
  hpp: 'c',
  m: 'c',
  mm: 'c',
  go: 'c',
  rs: 'c',
  java: 'c',
  kt: 'c',
  kts: 'c',
  scala: 'c',
  swift: 'c',
  cs: 'c',
  dart: 'c',
  zig: 'c',
  php: 'c',
  py: 'python',
  pyi: 'python',
  rb: 'hash',
  sh: 'hash',
  bash: 'hash',
  zsh: 'hash',
  pl: 'hash',
  pm: 'hash',
  r: 'hash',
  ex: 'hash',
  exs: 'hash',
  nim: 'hash',
  yaml: 'hash',
  yml: 'hash',
  toml: 'hash',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  rst: 'rst',
  adoc: 'asciidoc',
  asciidoc: 'asciidoc',
  html: 'html',
  htm: 'html',
  txt: 'text',
};

/** The comment syntax of a file by its name, or null for files `check` does not read. */
export function syntaxOf(path: string): Syntax | null {
  const name = path.split(/[\\/]/).pop() ?? '';
  if (/[.-]min\.[cm]?js$/i.test(name)) return null;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return SYNTAX_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

// ---------------------------------------------------------------------------
// Comments

/** One line of a comment, without its markers; `line` and `column` are 1-based, of `text[0]` in the file. */
export interface CommentLine {
  text: string;
  line: number;
  column: number;
}

export interface CommentBlock {
  lines: CommentLine[];
  /** `line`: a run of line comments; `block`: one `/* *\/` comment or docstring. */
  kind: 'line' | 'block';
  /** True when the comment has a line of its own (not trailing code). */
  standalone: boolean;
  /** Indentation of the line the block starts on. */
  indent: number;
}

interface RawComment {
  kind: 'line' | 'block';
  /** Offset of the first character after the opening marker. */
  start: number;
  /** Offset just past the last character of content (before `*\/` or the line end). */
  end: number;
}

const IDENT = /[\p{L}\p{N}_$]/u;
const REGEX_KEYWORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** Finds the comments of a source text, skipping strings (and JS templates and regex literals). */
function rawComments(source: string, syntax: Syntax): RawComment[] {
  const comments: RawComment[] = [];
  const n = source.length;
  let i = 0;
  // JS: the last significant token, to tell a regex literal from a division.
  let lastSignificant = '';
  let lastWord = '';
  // JS template literal nesting: each entry is the brace depth at which a `${` opened.
  const templates: number[] = [];
  let braceDepth = 0;
  const lineEnd = (from: number): number => {
    const at = source.indexOf('\n', from);
    return at < 0 ? n : at;
  };
  const skipString = (quote: string, from: number, multiline: boolean): number => {
    let j = from;
    while (j < n) {
      const ch = source[j]!;
      if (ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === quote) return j + 1;
      if (ch === '\n' && !multiline) return j;
      j++;
    }
    return n;
  };
  const skipTemplate = (from: number): number => {
    // Returns the offset after the closing backtick, or of a `${` (pushed on `templates`).
    let j = from;
    while (j < n) {
      const ch = source[j]!;
      if (ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === '`') return j + 1;
      if (ch === '$' && source[j + 1] === '{') {
        templates.push(braceDepth);
        braceDepth++;
        return j + 2;
      }
      j++;
    }
    return n;
  };
  if (source.startsWith('#!')) i = lineEnd(0);
  while (i < n) {
    const ch = source[i]!;
    const next = source[i + 1];
    if (syntax === 'python' || syntax === 'hash') {
      if (ch === '#') {
        const end = lineEnd(i);
        comments.push({ kind: 'line', start: i + 1, end });
        i = end;
        continue;
      }
      if (ch === '"' || ch === "'") {
        const triple = syntax === 'python' && source.startsWith(ch.repeat(3), i);
        if (triple) {
          const close = source.indexOf(ch.repeat(3), i + 3);
          const end = close < 0 ? n : close;
          // A string that starts a line is a docstring: read it as a comment.
          const before = source.slice(source.lastIndexOf('\n', i - 1) + 1, i);
          if (/^\s*[rRuU]?$/.test(before)) comments.push({ kind: 'block', start: i + 3, end });
          i = close < 0 ? n : close + 3;
          continue;
        }
        i = skipString(ch, i + 1, false);
        continue;
      }
      i++;
      continue;
    }
    // C-family and JS.
    if (ch === '/' && next === '/') {
      const end = lineEnd(i);
      comments.push({ kind: 'line', start: i + 2, end });
      i = end;
      continue;
    }
    if (ch === '/' && next === '*') {
      const close = source.indexOf('*/', i + 2);
      const end = close < 0 ? n : close;
      comments.push({ kind: 'block', start: i + 2, end });
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      i = skipString('"', i + 1, false);
      lastSignificant = '"';
      continue;
    }
    if (ch === "'") {
      if (syntax === 'js') {
        i = skipString("'", i + 1, false);
        lastSignificant = "'";
        continue;
      }
      // C-family: a character literal if it closes within a few characters
      // (Rust lifetimes `'a` do not).
      const literal = /^'(?:\\.[^'\n]{0,8}|[^'\\\n])'/.exec(source.slice(i, i + 14));
      i += literal ? literal[0].length : 1;
      continue;
    }
    if (ch === '`') {
      if (syntax === 'js') {
        i = skipTemplate(i + 1);
        lastSignificant = '`';
        continue;
      }
      // Go raw strings.
      const close = source.indexOf('`', i + 1);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (syntax === 'js') {
      if (ch === '{') {
        braceDepth++;
      } else if (ch === '}') {
        braceDepth--;
        if (templates.length > 0 && templates.at(-1) === braceDepth) {
          templates.pop();
          i = skipTemplate(i + 1);
          lastSignificant = '`';
          continue;
        }
      } else if (ch === '/') {
        const division = /[\p{L}\p{N}_$)\]]/u.test(lastSignificant) && !REGEX_KEYWORDS.has(lastWord);
        if (!division) {
          // A regex literal: to its closing slash, minding classes and escapes.
          let j = i + 1;
          let inClass = false;
          while (j < n && source[j] !== '\n') {
            const c = source[j]!;
            if (c === '\\') j++;
            else if (c === '[') inClass = true;
            else if (c === ']') inClass = false;
            else if (c === '/' && !inClass) break;
            j++;
          }
          if (j < n && source[j] === '/') {
            i = j + 1;
            while (i < n && /[a-z]/i.test(source[i]!)) i++;
            lastSignificant = ')';
            lastWord = '';
            continue;
          }
        }
      }
      if (IDENT.test(ch)) {
        let j = i;
        while (j < n && IDENT.test(source[j]!)) j++;
        lastWord = source.slice(i, j);
        lastSignificant = source[j - 1]!;
        i = j;
        continue;
      }
      lastWord = '';
    }
    lastSignificant = ch;
    i++;
  }
  return comments;
}

/** Offsets of line starts, for 1-based line/column of an offset. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return starts;
}

export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The paragraphs of a documentation file: runs of non-blank lines, each a block. */
function paragraphBlocks(source: string): CommentBlock[] {
  const blocks: CommentBlock[] = [];
  let current: CommentBlock | null = null;
  source.split('\n').forEach((raw, index) => {
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '') {
      current = null;
      return;
    }
    const line: CommentLine = { text, line: index + 1, column: 1 };
    if (current) current.lines.push(line);
    else {
      current = { lines: [line], kind: 'block', standalone: true, indent: /^\s*/.exec(text)![0].length };
      blocks.push(current);
    }
  });
  return blocks;
}

/**
 * The comment blocks of a source text (for documentation, its paragraphs).
 * A byte-order mark is not a column: positions count from the character
 * after it.
 */
export function commentBlocks(text: string, syntax: Syntax): CommentBlock[] {
  const bom = text.startsWith('\uFEFF');
  if (isDocSyntax(syntax)) return paragraphBlocks(bom ? text.slice(1) : text);
  // The lexer sees a space where the mark was; columns on line 1 step back over it.
  const blocks = codeCommentBlocks(bom ? ` ${text.slice(1)}` : text, syntax);
  if (bom) {
    for (const block of blocks) {
      const first = block.lines[0];
      if (first && first.line === 1) first.column = Math.max(1, first.column - 1);
    }
  }
  return blocks;
}

function codeCommentBlocks(source: string, syntax: Syntax): CommentBlock[] {
  const starts = lineStarts(source);
  const blocks: CommentBlock[] = [];
  let previousLine: { line: number; standalone: boolean } | null = null;
  for (const comment of rawComments(source, syntax)) {
    const startLine = lineOf(starts, comment.start);
    const lineStart = starts[startLine]!;
    const hashed = syntax === 'python' || syntax === 'hash';
    // `//` or `#`; `/*`; a docstring's `"""`.
    const markerLength = comment.kind === 'line' ? (hashed ? 1 : 2) : hashed ? 3 : 2;
    const prefix = source.slice(lineStart, comment.start - markerLength);
    const standalone = /^\s*$/.test(prefix);
    const indent = /^\s*/.exec(source.slice(lineStart))![0].length;
    if (comment.kind === 'line') {
      let text = source.slice(comment.start, comment.end).replace(/\r$/, '');
      let column = comment.start - lineStart + 1;
      // `///`, `//!`, `##`: extra marker characters.
      const extra = /^(?:[/!]+|#+)/.exec(text);
      if (extra && (syntax !== 'js' || extra[0] !== '!')) {
        text = text.slice(extra[0].length);
        column += extra[0].length;
      }
      const line: CommentLine = { text, line: startLine + 1, column };
      const current = blocks.at(-1);
      if (
        current &&
        previousLine &&
        standalone &&
        previousLine.standalone &&
        previousLine.line === startLine &&
        current.lines.at(-1)?.line === startLine
      ) {
        current.lines.push(line);
      } else {
        blocks.push({ lines: [line], kind: 'line', standalone, indent });
      }
      previousLine = { line: startLine + 1, standalone };
      continue;
    }
    previousLine = null;
    const body = source.slice(comment.start, comment.end);
    const lines: CommentLine[] = [];
    let offset = comment.start;
    body.split('\n').forEach((raw, index) => {
      let text = raw.replace(/\r$/, '');
      let column = offset - starts[lineOf(starts, offset)]! + 1;
      const marker = index === 0 ? /^\*+(?!\/)/.exec(text) : /^\s*\*+(?!\/)\s?|^\s*/.exec(text);
      if (marker) {
        text = text.slice(marker[0].length);
        column += marker[0].length;
      }
      lines.push({ text, line: startLine + 1 + index, column });
      offset += raw.length + 1;
    });
    blocks.push({ lines, kind: 'block', standalone, indent });
  }
  return blocks;
}

/** A comment block's text (its lines joined by `\n`) with a map from an offset back to file positions. */
export function blockText(block: CommentBlock): {
  text: string;
  position: (offset: number) => { line: number; column: number; index: number };
} {
  const starts: number[] = [];
  let text = '';
  for (const [index, line] of block.lines.entries()) {
    if (index > 0) text += '\n';
    starts.push(text.length);
    text += line.text;
  }
  return {
    text,
    position(offset) {
      const index = lineOf(starts, offset);
      const line = block.lines[index]!;
      return { line: line.line, column: line.column + (offset - starts[index]!), index };
    },
  };
}

/** A link of documentation markup: the whole construct and its target. */
export interface LinkSpan {
  start: number;
  end: number;
  /** Offsets of the target URL inside the construct. */
  hrefStart: number;
  hrefEnd: number;
}

const LINKS: readonly RegExp[] = [
  // Markdown `[label](url "title")` and images.
  /!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*<?(https?:\/\/[^\s)>]+)>?(?:\s+"[^"\n]*")?\s*\)/g,
  // reStructuredText `` `label <url>`_ ``.
  /`[^`<\n]*<(https?:\/\/[^>\s]+)>`__?/g,
  // HTML `<a href="url">label</a>`.
  /<a\s[^>]*?href\s*=\s*["'](https?:\/\/[^"'\s]+)["'][^>]*>[\s\S]*?<\/a\s*>/gi,
  // AsciiDoc `url[label]` and `link:url[label]`.
  /(?:link:)?(https?:\/\/[^\s\[\]]+)\[[^\]\n]*\]/g,
  // Markdown autolinks `<url>`.
  /<(https?:\/\/[^>\s]+)>/g,
  // Markdown link definitions `[label]: url`.
  /^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(https?:\/\/[^\s>]+)>?/gm,
];

/**
 * The links of documentation markup in a text, outermost first. A citation
 * inside one (the label repeats the target, or names the same clause) is
 * the same reference as the target: the finder counts the link once.
 */
export function linkSpans(text: string): LinkSpan[] {
  const spans: LinkSpan[] = [];
  for (const pattern of LINKS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (spans.some((span) => start < span.end && span.start < end)) continue;
      const hrefStart = start + match[0].indexOf(match[1]!);
      spans.push({ start, end, hrefStart, hrefEnd: hrefStart + match[1]!.length });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
