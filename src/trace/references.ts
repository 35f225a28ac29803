/**
 * References to RFC 6455 and to the WebSocket API in the comments of source
 * files, and the quotations next to them: what `wsspec check` reads.
 *
 * Forms found (case-insensitive where it makes sense):
 *
 * - URLs of RFC 6455 with a `#section-…` anchor (a section, `section-5.5.1`,
 *   or a paragraph, `section-5.5.1-2`) at rfc-editor.org, datatracker,
 *   tools.ietf.org and ietf.org (`.html`/`.txt` or none); the xml2rfc v2
 *   anchors `#rfc.section.5.5.1`; `#name-<title slug>` anchors; `#page-N`
 *   (a page of the text edition: reported for information); without an
 *   anchor, a reference to the whole document;
 * - URLs of the WHATWG WebSockets Standard (`websockets.spec.whatwg.org/#…`),
 *   of the API's old home in the HTML Standard (`html.spec.whatwg.org/
 *   multipage/web-sockets.html#…`, resolved only where the anchor is in the
 *   WHATWG corpus) and of the W3C drafts (`w3.org/TR/websockets/#…`,
 *   `w3.org/TR/2012/CR-websockets-20120920/#…`, `dev.w3.org/html5/websockets/`);
 * - wsspec clause IDs: `rfc6455#section-5.5.1-2`, `whatwg#dom-websocket-close`,
 *   `w3c#…` (so `@spec` annotations are checked too);
 * - text: "RFC 6455 §5.5.1", "RFC6455 5.5.1" (a dotted number), "RFC 6455
 *   section 5.5.1", "RFC 6455, Section 5.5.1", "[RFC6455] 5.5.1",
 *   "[RFC6455], Section 5.5.1", "RFC 6455 §5.5.1 ¶2" / "paragraph 2", lists
 *   ("RFC 6455 sections 5.5.1 and 5.5.2"), and the reverse "Section 5.5.1 of
 *   RFC 6455" / "of [RFC6455]" / "of [WSP]" / "of The WebSocket Protocol";
 *   a bare "RFC 6455" is a reference to the whole document;
 * - contextual: a bare "Section 7.4" / "§7.4" in a comment block whose
 *   nearest earlier citation is one of RFC 6455 (not of another document).
 *
 * Comments are read per language: `//` and `/* *\/` (JS/TS with strings,
 * templates and regex literals skipped; C, C++, Go, Rust, Java, C#, Kotlin,
 * Swift…), `#` (Python, with docstrings, Ruby, shell, YAML, TOML). A comment
 * block is a run of line comments on consecutive lines, or one block comment.
 *
 * A quotation ("…", “…”, '…', at least three words) belongs to the nearest
 * citation: on its own lines first, then before it in the block, then just
 * after it; a quotation in a comment with no citation belongs to the
 * reference of the comment just before the statement or declaration the
 * quotation sits in (a JSDoc `@see` and the trailing comments in the
 * function it documents). Where the nearest citation is of another document
 * (RFC 7230, another URL), the quotation is not RFC 6455's and is left alone.
 *
 * Pure: no file system access here (`check` walks the tree).
 */

export type Syntax = 'js' | 'c' | 'python' | 'hash';

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
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The comment blocks of a source text. */
export function commentBlocks(source: string, syntax: Syntax): CommentBlock[] {
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

// ---------------------------------------------------------------------------
// References

export type ReferenceSource = 'rfc6455' | 'whatwg' | 'w3c';

export type ReferenceForm =
  /** A spec URL. */
  | 'url'
  /** A wsspec ID, `rfc6455#section-5.5.1-2`. */
  | 'id'
  /** Prose, "RFC 6455 §5.5.1". */
  | 'text'
  /** A bare "Section 7.4" in a comment about RFC 6455. */
  | 'contextual';

export interface Quote {
  /** The quotation as written, without its quote marks (line breaks and comment markers kept). */
  text: string;
  line: number;
  column: number;
  /**
   * How it was tied to its reference: `comment`, in the same comment (same
   * line, or a few lines after the reference); `enclosing`, in the code
   * documented by the comment that holds the reference (weaker).
   */
  attribution: 'comment' | 'enclosing';
}

export interface FoundReference {
  file: string;
  line: number;
  column: number;
  /** The reference as written. */
  text: string;
  form: ReferenceForm;
  source: ReferenceSource;
  /**
   * The anchor the reference names, in the source's own terms
   * (`section-5.5.1`, `section-5.5.1-2`, `page-42`, `name-close`,
   * `dom-websocket-close`), or null for the whole document.
   */
  anchor: string | null;
  /** `<source>#<anchor>`, or the source alone for the whole document. */
  id: string;
  /** For a URL into the API's old home in the HTML Standard: that document. */
  legacy?: string;
  /** The quotations that belong to this reference. */
  quotes: Quote[];
}

/** A citation in a comment text: ours (with the references it makes) or of another document. */
export interface Citation {
  start: number;
  end: number;
  /** Our references in the hit (a list gives several); empty for a foreign citation. */
  refs: Omit<FoundReference, 'file' | 'line' | 'column' | 'quotes'>[];
  /** Lower wins an overlap: URLs and IDs, then explicit text, then bare document, then contextual. */
  priority: number;
  foreign: boolean;
}

const NUMBER = String.raw`\d{1,2}(?:\.\d{1,3}){0,4}`;
const DOTTED = String.raw`\d{1,2}(?:\.\d{1,3}){1,4}`;
const PARAGRAPH = String.raw`(?:-(\d{1,3}(?:\.\d{1,3}){0,5}))?`;
const PILCROW = String.raw`(?:\s*,?\s*(?:¶|\bpara(?:graph)?\.?)\s*(\d{1,3}(?:\.\d{1,3}){0,5}))?`;
const SECTION_WORD = String.raw`(?:§§?|\bsect?(?:ion)?s?\b\.?|\bsec\.)`;
const RFC_DOC = String.raw`(?:(?<![/.#-])\bRFC[\s-]?6455(?!\d)|\[RFC[\s-]?6455\])`;
const RFC_DOC_REVERSE = String.raw`(?:${RFC_DOC}|\[WSP\]|\bWebSocket\s+Protocol\b(?:\s*\[WSP\])?)`;
const ANCHOR = String.raw`[\w.\-:%]*[\w]`;

const RFC_URL = new RegExp(
  String.raw`\bhttps?://(?:www\.)?(?:rfc-editor\.org/(?:rfc/|info/)|datatracker\.ietf\.org/doc/(?:html/)?|tools\.ietf\.org/(?:html|rfc)/|ietf\.org/rfc/)rfc6455(?!\d)(?:\.(?:html|txt|pdf|xml))?/?(?:#(${ANCHOR}))?`,
  'gi',
);
const WHATWG_URL = new RegExp(
  String.raw`\bhttps?://websockets\.spec\.whatwg\.org(?:/(?:review-drafts/[\w-]+/?|commit-snapshots/[0-9a-f]+/?)?)?(?:#(${ANCHOR}))?`,
  'gi',
);
const HTML_URL = new RegExp(
  String.raw`\bhttps?://(?:html\.spec\.whatwg\.org|(?:www\.)?whatwg\.org/(?:specs/web-apps/current-work|html)|developers\.whatwg\.org|dev\.w3\.org/html5/spec(?:-author-view)?)(/(?:multipage/)?(?:[\w.-]+\.html)?)?(?:#(${ANCHOR}))?`,
  'gi',
);
const W3C_URL = new RegExp(
  String.raw`\bhttps?://(?:www\.)?(?:w3\.org/TR/(?:\d{4}/[A-Z]+-websockets-\d{8}|websockets)|dev\.w3\.org/html5/websockets|w3c\.github\.io/websockets)/?(?:Overview\.html)?(?:#(${ANCHOR}))?`,
  'gi',
);
const ID_FORM = new RegExp(String.raw`(?<![\w/.#-])(rfc6455|whatwg|w3c)#(${ANCHOR})`, 'gi');
const RFC_FORWARD = new RegExp(
  String.raw`${RFC_DOC}(?:\s*[,:]?\s*\(?\s*${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}|(?:\s*[,:]\s*|\s+)(${DOTTED})${PARAGRAPH}${PILCROW}(?![\d.]*\d))`,
  'gi',
);
const RFC_REVERSE = new RegExp(
  String.raw`${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}\s+(?:of|in)\s+(?:the\s+)?${RFC_DOC_REVERSE}`,
  'gi',
);
const RFC_BARE = new RegExp(RFC_DOC, 'gi');
const CONTEXTUAL = new RegExp(String.raw`${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}(?![\w.]*\w)`, 'gi');
const LIST_MORE = new RegExp(String.raw`\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:§\s*)?(${DOTTED})(?![\d.]*\d)`, 'y');

/** Citations of other documents: they end the reach of ours (a quote next to them is theirs). */
const FOREIGN = [
  new RegExp(String.raw`\bRFC[\s-]?(?!6455(?!\d))\d{1,5}(?:\s*[,:]?\s*\(?\s*${SECTION_WORD}\s*${NUMBER})?`, 'gi'),
  new RegExp(String.raw`${SECTION_WORD}\s*${NUMBER}\s+(?:of|in)\s+(?:the\s+)?(?:RFC[\s-]?(?!6455(?!\d))\d+|\[(?!RFC[\s-]?6455\]|WSP\])[^\]\s]+\]|draft-[\w-]+)`, 'gi'),
  /\bdraft-[a-z0-9-]+/gi,
  /\bhttps?:\/\/[^\s<>"')\]]+/gi,
  // Reference tags of other documents, and names of the API documents and
  // their neighbours: a quotation next to them is not RFC 6455's, and we do
  // not guess which standard a bare "WHATWG" means.
  /\[(?!RFC[\s-]?6455\]|WSP\])[A-Z][A-Za-z0-9-]*\]/g,
  /\b(?:W3C(?:\s+(?:CR|WD|ED|WebSockets?(?:\s+API)?))?|WHATWG(?:\s+(?:HTML|WebSockets?))?|(?:HTML|Fetch|URL|DOM|WebSockets)\s+Standard)\b/g,
];

/** `section-5.5.1-2`, `rfc.section.5.5.1.p.2`, `page-42`, `name-close` → our anchor; null if not one of these. */
export function rfcAnchor(raw: string): string {
  const anchor = raw.replace(/[.\-]+$/, '');
  const xml2rfc = /^rfc\.section\.(\d+(?:\.\d+)*?)(?:\.p\.(\d+))?$/i.exec(anchor);
  if (xml2rfc) return xml2rfc[2] ? `section-${xml2rfc[1]}-${xml2rfc[2]}` : `section-${xml2rfc[1]}`;
  return anchor.toLowerCase();
}

/** `section-X`, `section-N.N`: a placeholder in prose about URLs, not a reference. */
function isTemplate(anchor: string): boolean {
  return /^section-[xn](?:[.-][xn])*$/i.test(anchor) || /[{}<>]/.test(anchor);
}

function rfcRef(text: string, form: ReferenceForm, number: string, paragraph?: string, pilcrow?: string): Citation['refs'][number] {
  const para = paragraph ?? pilcrow;
  const anchor = para ? `section-${number}-${para}` : `section-${number}`;
  return { text, form, source: 'rfc6455', anchor, id: `rfc6455#${anchor}` };
}

function apiAnchor(raw: string): string {
  let anchor = raw.replace(/[.\-:]+$/, '');
  try {
    anchor = decodeURIComponent(anchor);
  } catch {
    // Keep it as written.
  }
  return anchor;
}

function allHits(text: string): Citation[] {
  const hits: Citation[] = [];
  const push = (match: RegExpExecArray, refs: Citation['refs'], priority: number, end = match.index + match[0].length): void => {
    hits.push({ start: match.index, end, refs, priority, foreign: false });
  };
  for (const match of text.matchAll(RFC_URL)) {
    const anchor = match[1] ? rfcAnchor(match[1]) : null;
    if (anchor !== null && isTemplate(anchor)) {
      // Claims its text (so "rfc6455" inside it is no reference) and refers to nothing.
      hits.push({ start: match.index, end: match.index + match[0].length, refs: [], priority: 0, foreign: true });
      continue;
    }
    push(match, [{ text: match[0], form: 'url', source: 'rfc6455', anchor, id: anchor ? `rfc6455#${anchor}` : 'rfc6455' }], 0);
  }
  for (const match of text.matchAll(WHATWG_URL)) {
    const anchor = match[1] ? apiAnchor(match[1]) : null;
    push(match, [{ text: match[0], form: 'url', source: 'whatwg', anchor, id: anchor ? `whatwg#${anchor}` : 'whatwg' }], 0);
  }
  for (const match of text.matchAll(HTML_URL)) {
    const page = match[1] ?? '/';
    const anchor = match[2] ? apiAnchor(match[2]) : null;
    // The HTML Standard is cited for much else (fetch, events): only its
    // WebSocket pages and WebSocket-looking anchors are the API's old home.
    const websocketPage = /web-sockets\.html$/i.test(page);
    if (!websocketPage && !(anchor && /websocket|closeevent|close-event|wsp\b/i.test(anchor))) continue;
    const document = match[0].replace(/#.*$/, '');
    const ref = { text: match[0], form: 'url' as const, source: 'whatwg' as const, anchor, id: anchor ? `whatwg#${anchor}` : 'whatwg', legacy: document };
    push(match, [ref], 0);
  }
  for (const match of text.matchAll(W3C_URL)) {
    const anchor = match[1] ? apiAnchor(match[1]) : null;
    push(match, [{ text: match[0], form: 'url', source: 'w3c', anchor, id: anchor ? `w3c#${anchor}` : 'w3c' }], 0);
  }
  for (const match of text.matchAll(ID_FORM)) {
    const source = match[1]!.toLowerCase() as ReferenceSource;
    const anchor = source === 'rfc6455' ? rfcAnchor(match[2]!) : apiAnchor(match[2]!);
    if (isTemplate(anchor)) {
      hits.push({ start: match.index, end: match.index + match[0].length, refs: [], priority: 1, foreign: true });
      continue;
    }
    push(match, [{ text: match[0], form: 'id', source, anchor, id: `${source}#${anchor}` }], 1);
  }
  const withList = (match: RegExpExecArray, first: Citation['refs'][number], priority: number): void => {
    const refs = [first];
    let end = match.index + match[0].length;
    LIST_MORE.lastIndex = end;
    for (let more = LIST_MORE.exec(text); more; more = LIST_MORE.exec(text)) {
      refs.push(rfcRef(text.slice(match.index, more.index + more[0].length), 'text', more[1]!));
      end = more.index + more[0].length;
      LIST_MORE.lastIndex = end;
    }
    push(match, refs, priority, end);
  };
  for (const match of text.matchAll(RFC_FORWARD)) {
    const number = match[1] ?? match[4]!;
    const paragraph = match[1] ? match[2] : match[5];
    const pilcrow = match[1] ? match[3] : match[6];
    withList(match, rfcRef(match[0], 'text', number, paragraph, pilcrow), 2);
  }
  for (const match of text.matchAll(RFC_REVERSE)) {
    push(match, [rfcRef(match[0], 'text', match[1]!, match[2], match[3])], 2);
  }
  for (const match of text.matchAll(RFC_BARE)) {
    push(match, [{ text: match[0], form: 'text', source: 'rfc6455', anchor: null, id: 'rfc6455' }], 4);
  }
  for (const pattern of FOREIGN) {
    for (const match of text.matchAll(pattern)) {
      hits.push({ start: match.index, end: match.index + match[0].length, refs: [], priority: 3, foreign: true });
    }
  }
  for (const match of text.matchAll(CONTEXTUAL)) {
    push(match, [rfcRef(match[0], 'contextual', match[1]!, match[2], match[3])], 5);
  }
  return hits;
}

/** Non-overlapping hits: the best priority wins, then the longest, then the earliest. */
function resolveOverlaps(hits: Citation[]): Citation[] {
  const ordered = [...hits].sort(
    (a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Citation[] = [];
  for (const hit of ordered) {
    if (kept.some((other) => hit.start < other.end && other.start < hit.end)) continue;
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The citations in one comment text (ours and foreign), in order, with
 * contextual "Section N" kept only after an RFC 6455 citation.
 */
export function citationsIn(text: string, quoted: readonly { start: number; end: number }[] = []): Citation[] {
  // Citations inside a quotation are the quoted spec's own ("[RFC2616]", "Section 7.4").
  const inQuote = (hit: Citation): boolean => quoted.some((span) => hit.start >= span.start && hit.end <= span.end);
  const hits = resolveOverlaps(allHits(text).filter((hit) => !inQuote(hit)));
  const out: Citation[] = [];
  let context: 'rfc6455' | 'other' | null = null;
  for (const hit of hits) {
    if (hit.foreign) {
      context = 'other';
      out.push(hit);
      continue;
    }
    if (hit.refs[0]?.form === 'contextual') {
      if (context === 'rfc6455' && !inCodeSpan(text, hit.start)) out.push(hit);
      continue;
    }
    context = hit.refs[0]?.source === 'rfc6455' ? 'rfc6455' : 'other';
    out.push(hit);
  }
  return out;
}

/** True when `offset` is inside a `code span` of its line (an example, not a claim). */
function inCodeSpan(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return (before.match(/`/g) ?? []).length % 2 === 1;
}

/** The references in one comment text, in order (the scanner's core; no positions). */
export function referencesInText(text: string): Citation['refs'] {
  return citationsIn(text).flatMap((hit) => hit.refs);
}

// ---------------------------------------------------------------------------
// Quotations

interface QuoteHit {
  start: number;
  end: number;
  text: string;
}

const OPENERS: Record<string, string> = { '"': '"”', '“': '”"', "'": "'’", '‘': '’\'' };
const MAX_QUOTE = 2000;

/**
 * Quotations in a comment text that look like quoted prose (three words or
 * more). A quotation right after a citation on its line (an `@spec` tag, or
 * a reference followed by a colon) runs to the last quote mark of its last
 * line, so that the spec's own quotation marks may appear inside it (as in
 * the text of close code 1001, which quotes going away).
 */
export function quotationsIn(text: string): QuoteHit[] {
  const out: QuoteHit[] = [];
  const hits = allHits(text);
  const citationEnds = hits.map((hit) => hit.end);
  const citationStarts = hits.map((hit) => hit.start);
  const afterCitation = (at: number): boolean =>
    citationEnds.some((end) => end <= at && /^[\s:,—–-]*$/.test(text.slice(end, at)));
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const closers = OPENERS[ch];
    if (!closers) {
      i++;
      continue;
    }
    const before = i > 0 ? text[i - 1]! : ' ';
    const single = ch === "'" || ch === '‘';
    if ((single && !/[\s(\[{:=,>]/.test(before)) || /\s/.test(text[i + 1] ?? ' ') || (ch === '"' && /[\w]/.test(before))) {
      i++;
      continue;
    }
    let j = i + 1;
    let found = -1;
    let newlines = 0;
    while (j < text.length && j - i < MAX_QUOTE && newlines <= 15) {
      const c = text[j]!;
      if (c === '\n') newlines++;
      if (closers.includes(c) && !/\s/.test(text[j - 1]!) && (!single || !/[\p{L}\p{N}]/u.test(text[j + 1] ?? ' '))) {
        found = j;
        break;
      }
      j++;
    }
    if (found < 0) {
      i++;
      continue;
    }
    if (ch === '"' && afterCitation(i)) {
      const lineEnd = text.indexOf('\n', found) < 0 ? text.length : text.indexOf('\n', found);
      const rest = text.slice(found + 1, lineEnd);
      const last = rest.search(/"(?=[\s.,;:]*(?:\*\/)?\s*$)/);
      const crossesCitation = citationStarts.some((start) => start > found && start < found + 1 + last);
      if (last >= 0 && !crossesCitation) found = found + 1 + last;
    }
    const body = text.slice(i + 1, found);
    if (isProse(body) && !isCitation(body)) out.push({ start: i + 1, end: found, text: body });
    i = found + 1;
  }
  return out;
}

function isProse(body: string): boolean {
  const words = body.match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? [];
  if (words.length < 3 || body.replace(/\s+/g, ' ').trim().length < 12) return false;
  // Code and markup are not quotations of prose.
  return !/=>|[{}]|===|!==|&&|\|\||\(\);|\$\{|<\/?[a-z][\w-]*(?:\s[^>]*)?>/i.test(body);
}

/** A quotation that is mostly a citation ("Section 5.5.1 of RFC 6455") quotes a reference form, not the spec. */
function isCitation(body: string): boolean {
  const covered = resolveOverlaps(allHits(body)).reduce((sum, hit) => sum + (hit.end - hit.start), 0);
  return covered * 2 > body.trim().length;
}

// ---------------------------------------------------------------------------
// Files

/** A comment block's text with a map back to file positions. */
function blockText(block: CommentBlock): { text: string; position: (offset: number) => { line: number; column: number; index: number } } {
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

interface Located {
  hit: Citation;
  block: number;
  line: number;
  end: number;
}

/** Lines a quotation may sit below the comment that documents its code. */
const REACH = 30;
/** Lines a quotation may sit below the reference in the same comment. */
const BLOCK_REACH = 5;

/**
 * Every reference in the comments of a source file, with the quotations that
 * belong to each. `syntax` defaults to the one of the file's extension (JS
 * for unknown ones).
 */
export function findReferences(source: string, file: string, syntax: Syntax = syntaxOf(file) ?? 'js'): FoundReference[] {
  const blocks = commentBlocks(source, syntax);
  const sourceLines = source.split('\n');
  const references: FoundReference[] = [];
  const citations: Located[][] = [];
  const refsOfHit = new Map<Citation, FoundReference[]>();
  const quotes: { quote: Quote; block: number; line: number; endLine: number; start: number; end: number }[] = [];

  blocks.forEach((block, blockIndex) => {
    const { text, position } = blockText(block);
    const located: Located[] = [];
    const quoted = quotationsIn(text);
    for (const hit of citationsIn(text, quoted)) {
      const at = position(hit.start);
      located.push({ hit, block: blockIndex, line: at.line, end: position(Math.max(hit.start, hit.end - 1)).line });
      if (hit.foreign) continue;
      const found = hit.refs.map((ref) => ({ file, line: at.line, column: at.column, ...ref, quotes: [] as Quote[] }));
      refsOfHit.set(hit, found);
      references.push(...found);
    }
    citations.push(located);
    for (const quote of quoted) {
      const at = position(quote.start);
      quotes.push({
        quote: { text: quote.text, line: at.line, column: at.column, attribution: 'comment' as const },
        block: blockIndex,
        line: at.line,
        endLine: position(quote.end).line,
        start: quote.start,
        end: quote.end,
      });
    }
  });

  const indentOf = (lineNumber: number): number => /^\s*/.exec(sourceLines[lineNumber - 1] ?? '')![0].length;
  const isBlank = (lineNumber: number): boolean => (sourceLines[lineNumber - 1] ?? '').trim() === '';

  /** The citation a quotation belongs to, and how, or null. */
  const ownerOf = (quote: (typeof quotes)[number]): { hit: Citation; attribution: Quote['attribution'] } | null => {
    const own = citations[quote.block]!;
    const onLines = own.filter((c) => c.end >= quote.line && c.line <= quote.endLine);
    if (onLines.length > 0) {
      const distance = (c: Located): number =>
        c.hit.end <= quote.start ? quote.start - c.hit.end : c.hit.start >= quote.end ? c.hit.start - quote.end : 0;
      return { hit: [...onLines].sort((a, b) => distance(a) - distance(b))[0]!.hit, attribution: 'comment' };
    }
    const before = own.filter((c) => c.hit.end <= quote.start).at(-1);
    if (before) {
      // A bare mention of a document reaches the next line only; a section a few lines.
      const reach = before.hit.refs[0]?.anchor === null ? 1 : BLOCK_REACH;
      return quote.line - before.end <= reach ? { hit: before.hit, attribution: 'comment' } : null;
    }
    const after = own.find((c) => c.hit.start >= quote.end);
    if (after) return after.line - quote.endLine <= 1 ? { hit: after.hit, attribution: 'comment' } : null;
    // A doc comment of its own documents its own declaration.
    const home = blocks[quote.block]!;
    if (home.standalone && home.kind === 'block') return null;
    // The comment that documents the statement or declaration the quotation is in.
    for (let b = quote.block - 1; b >= 0; b--) {
      const block = blocks[b]!;
      const last = block.lines.at(-1)!.line;
      if (quote.line - last > REACH) return null;
      const cites = citations[b]!;
      if (cites.length === 0) continue;
      const owner = cites.at(-1)!;
      // Inside the code the comment documents: past its first code line,
      // every line is indented deeper than the comment (or blank).
      let firstCode = last + 1;
      while (firstCode < quote.line && (isBlank(firstCode) || isCommentLine(sourceLines[firstCode - 1]!))) firstCode++;
      if (firstCode >= quote.line && !(block.standalone && firstCode === quote.line)) return null;
      for (let line = firstCode + 1; line <= quote.line; line++) {
        if (!isBlank(line) && indentOf(line) <= block.indent) return null;
      }
      return { hit: owner.hit, attribution: 'enclosing' };
    }
    return null;
  };

  for (const quote of quotes) {
    const owner = ownerOf(quote);
    if (!owner || owner.hit.foreign) continue;
    const refs = refsOfHit.get(owner.hit) ?? [];
    // A quotation next to a list ("sections 5.5.1 and 5.5.2") belongs to the first.
    refs[0]?.quotes.push({ ...quote.quote, attribution: owner.attribution });
  }
  return references;
}

function isCommentLine(line: string): boolean {
  return /^\s*(?:\/\/|\/\*|\*|#)/.test(line);
}

// ---------------------------------------------------------------------------
// Reading one reference typed on the command line

/**
 * What `wsspec cite <ref>` names: any form above ("RFC 6455 §5.5.1", a URL,
 * `rfc6455#section-5.5.1-2`), or the short forms `5.5.1`, `§5.5.1`,
 * `5.5.1-2`, `5.5.1 ¶2`, `section-5.5.1-2`, and a bare API anchor
 * (`dom-websocket-close`, source unknown: null).
 */
export function parseCitationArgument(argument: string): { source: ReferenceSource | null; anchor: string; legacy?: string } | null {
  const input = argument.trim();
  if (input === '') return null;
  const found = referencesInText(input).filter((ref) => ref.form !== 'contextual');
  const first = found[0];
  if (first && first.anchor !== null) {
    return first.legacy ? { source: first.source, anchor: first.anchor, legacy: first.legacy } : { source: first.source, anchor: first.anchor };
  }
  const short = new RegExp(String.raw`^(?:§\s*|sect?(?:ion)?\.?\s*)?(${NUMBER})${PARAGRAPH}${PILCROW}$`, 'i').exec(input);
  if (short) {
    const para = short[2] ?? short[3];
    return { source: 'rfc6455', anchor: para ? `section-${short[1]}-${para}` : `section-${short[1]}` };
  }
  if (/^section-[\w.-]+$/i.test(input) || /^rfc\.section\./i.test(input)) return { source: 'rfc6455', anchor: rfcAnchor(input) };
  const hash = /^#?([\w.\-:%]+)$/.exec(input);
  if (hash) return { source: null, anchor: apiAnchor(hash[1]!) };
  return null;
}
