/**
 * Bikeshed's block-level Markdown ("Markup Shorthands: markdown yes"), as
 * Bikeshed's `markdown.py` applies it to the lines of a `.bs` file before
 * the HTML is parsed. Lines → lines; inline shorthands are handled later on
 * the parsed DOM (shorthands.ts).
 *
 * What it does, as Bikeshed does:
 * - HTML comments are stripped first (a line that was only a comment goes).
 * - `<pre>`, `<xmp>`, `<script>`, `<style>` and fenced code are opaque.
 * - `# Title # {#id}` (… `#####`) → `<h2 id=id>` (… `<h6>`); `Title` over
 *   `===`/`---` → `<h2>`/`<h3>`.
 * - A run of text lines after a blank line is a paragraph (`<p>`); a text
 *   line right after an HTML line is left bare (as in `<div algorithm>`).
 *   `Note: ` / `Issue: ` paragraphs get `class=note` / `class=issue`.
 * - `1.`, `*`/`-`/`+` and `:`/`::` lines start `<ol>`, `<ul>` and `<dl>`
 *   (`<dt>`/`<dd>`); an item continues over lines indented one level deeper
 *   (one level = the metadata's `Indent`, in spaces), and its content is
 *   parsed again as Markdown, so nesting follows indentation.
 * - `>` lines → `<blockquote>`; `***`/`---`/`___` → `<hr>`.
 * - A line starting with a block-level tag is passed through as HTML.
 */

type TokenType =
  | 'blank'
  | 'equals-line'
  | 'dash-line'
  | 'heading'
  | 'rule'
  | 'numbered'
  | 'bulleted'
  | 'dt'
  | 'dd'
  | 'blockquote'
  | 'text'
  | 'htmlblock'
  | 'raw'
  | 'eof';

interface Token {
  type: TokenType;
  line: string;
  prefixlen: number;
  text?: string;
  level?: number;
  id?: string;
  num?: number;
}

const INLINE_ELEMENTS = new Set([
  'a', 'em', 'strong', 'small', 's', 'cite', 'q', 'dfn', 'abbr', 'data', 'time', 'code', 'var', 'samp', 'kbd',
  'sub', 'sup', 'i', 'b', 'u', 'mark', 'ruby', 'bdi', 'bdo', 'span', 'br', 'wbr', 'img', 'meter', 'progress',
  'css', 'l',
]);
const OPAQUE = ['pre', 'xmp', 'script', 'style'];

/** Removes HTML comments; drops lines that were nothing but comment. */
export function stripComments(lines: readonly string[]): string[] {
  const out: string[] = [];
  let inComment = false;
  for (const line of lines) {
    const [text, stillIn] = stripCommentsFromLine(line, inComment);
    const wasAllComment = (line !== text && text.trim() === '') || (line.trim() === '' && inComment);
    inComment = stillIn;
    if (!wasAllComment) out.push(text);
  }
  return out;
}

function stripCommentsFromLine(line: string, inComment: boolean): [string, boolean] {
  let rest = line;
  let out = '';
  let inside = inComment;
  for (;;) {
    if (inside) {
      const end = rest.indexOf('-->');
      if (end < 0) return [out, true];
      rest = rest.slice(end + 3);
      inside = false;
    } else {
      const start = rest.indexOf('<!--');
      if (start < 0) return [out + rest, false];
      out += rest.slice(0, start);
      rest = rest.slice(start + 4);
      inside = true;
    }
  }
}

function prefixCount(text: string, indent: number): number {
  let i = 0;
  let count = 0;
  const unit = ' '.repeat(indent);
  while (i < text.length) {
    if (text[i] === '\t') {
      i++;
      count++;
    } else if (indent > 0 && text.startsWith(unit, i)) {
      i += indent;
      count++;
    } else {
      break;
    }
  }
  return count;
}

function inlineElementStart(text: string): boolean {
  const match = /^\s*<\/?([\w-]+)/.exec(text);
  if (!match?.[1]) return true;
  const tag = match[1].toLowerCase();
  return INLINE_ELEMENTS.has(tag) || tag.includes('-');
}

function tokenize(lines: readonly string[], indent: number): Token[] {
  const tokens: Token[] = [];
  const rawStack: { end: RegExp | null; fence: string | null; nest: boolean }[] = [];
  for (const line of lines) {
    const top = rawStack.at(-1);
    if (top) {
      const ends = top.fence !== null ? new RegExp(`^\\s*${escapeRegExp(top.fence)}+\\s*$`).test(line) : (top.end?.test(line) ?? false);
      if (ends) {
        rawStack.pop();
        tokens.push({ type: 'raw', line: top.fence !== null ? '</xmp>' : line, prefixlen: Infinity });
        continue;
      }
      if (!top.nest) {
        tokens.push({ type: 'raw', line, prefixlen: Infinity });
        continue;
      }
    }
    const fence = /^(\s*)(`{3,}|~{3,})([^`]*)$/.exec(line);
    if (fence) {
      const lang = (fence[3] ?? '').trim().split(' ')[0] ?? '';
      rawStack.push({ end: null, fence: fence[2] ?? '```', nest: false });
      tokens.push({
        type: 'raw',
        line: `${fence[1] ?? ''}<xmp${lang ? ` class="language-${lang.replace(/[^\w-]/g, '')}"` : ''}>`,
        prefixlen: prefixCount(fence[1] ?? '', indent),
      });
      continue;
    }
    const opaque = new RegExp(`^\\s*<(${OPAQUE.join('|')})[ >]`, 'i').exec(line);
    if (opaque?.[1]) {
      const tag = opaque[1].toLowerCase();
      tokens.push({ type: 'raw', line, prefixlen: prefixCount(line, indent) });
      if (!new RegExp(`</${tag}>`, 'i').test(line)) {
        rawStack.push({ end: new RegExp(`</${tag}>`, 'i'), fence: null, nest: tag === 'pre' });
      }
      continue;
    }
    if (rawStack.length) {
      tokens.push({ type: 'raw', line, prefixlen: Infinity });
      continue;
    }

    const text = line.trim();
    let token: Token;
    let match: RegExpExecArray | null;
    if (text === '') {
      token = { type: 'blank', line, prefixlen: Infinity };
    } else if (/^={3,}\s*$/.test(text)) {
      token = { type: 'equals-line', line, prefixlen: 0 };
    } else if (/^-{3,}\s*$/.test(text)) {
      token = { type: 'dash-line', line, prefixlen: 0 };
    } else if ((match = /^(#{1,5})\s+(.+?)(\1\s*\{#[^ }]+\})?\s*$/.exec(text))) {
      token = { type: 'heading', line, prefixlen: 0, level: (match[1] ?? '#').length + 1, text: (match[2] ?? '').replace(/\s+#+$/, '').trim() };
      const id = /\{#([^ }]+)\}\s*$/.exec(text);
      if (id?.[1]) token.id = id[1];
    } else if (/^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/.test(text)) {
      token = { type: 'rule', line, prefixlen: 0 };
    } else if ((match = /^(-?\d+)\.(?:\s+(.*)|$)/.exec(text))) {
      token = { type: 'numbered', line, prefixlen: 0, text: match[2] ?? '', num: Number(match[1]) };
    } else if ((match = /^[*+-](?:\s+(.*)|$)/.exec(text))) {
      token = { type: 'bulleted', line, prefixlen: 0, text: match[1] ?? '' };
    } else if ((match = /^(:{1,2})(?:\s+(.*)|$)/.exec(text))) {
      token = { type: (match[1] ?? ':').length === 1 ? 'dt' : 'dd', line, prefixlen: 0, text: match[2] ?? '' };
    } else if (text.startsWith('>')) {
      token = { type: 'blockquote', line, prefixlen: 0, text: text.replace(/^>\s?/, '') };
    } else if (text.startsWith('<')) {
      token = /^<<|^<\{/.test(text) || inlineElementStart(text)
        ? { type: 'text', line, prefixlen: 0, text }
        : { type: 'htmlblock', line, prefixlen: 0 };
    } else {
      token = { type: 'text', line, prefixlen: 0, text };
    }
    if (token.type !== 'blank') token.prefixlen = prefixCount(line, indent);
    tokens.push(token);
  }
  return tokens;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

class Stream {
  i = 0;
  readonly tokens: Token[];
  readonly indent: number;
  constructor(tokens: Token[], indent: number) {
    this.tokens = tokens;
    this.indent = indent;
  }
  nth(i: number): Token {
    if (i < 0) return { type: 'blank', line: '', prefixlen: 0 };
    return this.tokens[i] ?? { type: 'eof', line: '', prefixlen: 0 };
  }
  get curr(): Token {
    return this.nth(this.i);
  }
  get next(): Token {
    return this.nth(this.i + 1);
  }
  get prev(): Token {
    return this.nth(this.i - 1);
  }
  ended(): boolean {
    return this.i >= this.tokens.length;
  }
}

/** Bikeshed Markdown over lines; `indent` is the number of spaces per indentation level. */
export function markdownToHtml(lines: readonly string[], indent: number): string[] {
  return parseTokens(new Stream(tokenize(lines, indent), indent));
}

function stripPrefix(token: Token, indent: number, levels: number): string {
  const text = token.line;
  if (token.prefixlen === Infinity || text.trim() === '') return text;
  let offset = 0;
  const unit = ' '.repeat(indent);
  for (let n = 0; n < levels; n++) {
    if (text[offset] === '\t') offset++;
    else if (indent > 0 && text.startsWith(unit, offset)) offset += indent;
    else return text; // not indented enough: Bikeshed complains and keeps the line
  }
  return text.slice(offset);
}

function parseTokens(stream: Stream): string[] {
  const out: string[] = [];
  while (!stream.ended()) {
    const curr = stream.curr;
    if (curr.type === 'raw' || curr.type === 'htmlblock') {
      out.push(curr.line);
      stream.i++;
    } else if (curr.type === 'heading') {
      const id = curr.id ? ` id="${escapeAttr(curr.id)}"` : '';
      out.push(`<h${curr.level ?? 2}${id}>${curr.text ?? ''}</h${curr.level ?? 2}>`);
      stream.i++;
    } else if (curr.type === 'text' && (stream.next.type === 'equals-line' || stream.next.type === 'dash-line')) {
      const level = stream.next.type === 'equals-line' ? 2 : 3;
      const m = /^(.*?)\s*\{\s*#([^ }]+)\s*\}\s*$/.exec(curr.text ?? '');
      const id = m?.[2] ? ` id="${escapeAttr(m[2])}"` : '';
      out.push(`<h${level}${id}>${m ? (m[1] ?? '') : (curr.text ?? '')}</h${level}>`);
      stream.i += 2;
    } else if (curr.type === 'text' && stream.prev.type === 'blank') {
      out.push(...parseParagraph(stream));
    } else if (curr.type === 'rule' || curr.type === 'dash-line') {
      out.push('<hr>');
      stream.i++;
    } else if (curr.type === 'bulleted' || curr.type === 'numbered' || curr.type === 'dt' || curr.type === 'dd') {
      out.push(...parseList(stream));
    } else if (curr.type === 'blockquote') {
      out.push(...parseBlockquote(stream));
    } else {
      out.push(curr.line);
      stream.i++;
    }
  }
  return out;
}

function parseParagraph(stream: Stream): string[] {
  let first = stream.curr.text ?? '';
  const initial = stream.curr.prefixlen;
  let open = '<p>';
  let close = '</p>';
  const note = /^(note[:,])(\s*)(.*)$/is.exec(first);
  if (note) {
    open = `<p class="note"><span class="marker">${note[1] ?? ''}</span>${note[2] ?? ''}`;
    first = note[3] ?? '';
  } else if (/^issue:/i.test(first)) {
    open = '<p class="issue">';
    first = first.slice(6);
  } else if (/^assert:/i.test(first)) {
    open = '<p class="assertion">';
  } else if (/^advisement:/i.test(first)) {
    open = '<p><strong class="advisement">';
    close = '</strong></p>';
    first = first.slice(11);
  }
  const lines = [`${open}${first}`];
  for (;;) {
    stream.i++;
    if (stream.curr.type !== 'text' || stream.curr.prefixlen < initial) {
      lines[lines.length - 1] = `${(lines.at(-1) ?? '').trimEnd()}${close}`;
      return lines;
    }
    lines.push(stream.curr.line);
  }
}

/** `<ul>`, `<ol>` or `<dl>` from a run of items at one indentation. */
function parseList(stream: Stream): string[] {
  const startType = stream.curr.type;
  const isDl = startType === 'dt' || startType === 'dd';
  const itemTypes: readonly TokenType[] = isDl ? ['dt', 'dd'] : [startType];
  const prefix = stream.curr.prefixlen;
  const start = stream.curr.num ?? 1;
  const continues = (): boolean =>
    !(stream.curr.type === 'blank' && !itemTypes.includes(stream.next.type) && stream.next.prefixlen <= prefix);

  const out: string[] = [];
  if (startType === 'numbered') out.push(start === 1 ? '<ol>' : `<ol start="${start}">`);
  else out.push(isDl ? '<dl>' : '<ul>');
  for (;;) {
    if (stream.curr.type === 'eof' || !continues() || stream.curr.prefixlen < prefix) break;
    if (stream.curr.type === 'blank') stream.i++;
    if (!itemTypes.includes(stream.curr.type) || stream.curr.prefixlen !== prefix) break;
    const tag = isDl ? stream.curr.type : 'li';
    const itemLines = [stream.curr.text ?? ''];
    for (;;) {
      stream.i++;
      const c = stream.curr;
      if (itemTypes.includes(c.type) && c.prefixlen === prefix) break;
      if (c.prefixlen < prefix) break;
      if (c.type === 'blank' && !itemTypes.includes(stream.next.type) && stream.next.prefixlen <= prefix) break;
      if (c.type === 'eof') break;
      itemLines.push(stripPrefix(c, stream.indent, prefix + 1));
    }
    out.push(`<${tag}>`, ...markdownToHtml(itemLines, stream.indent), `</${tag}>`);
  }
  out.push(startType === 'numbered' ? '</ol>' : isDl ? '</dl>' : '</ul>');
  return out;
}

function parseBlockquote(stream: Stream): string[] {
  const prefix = stream.curr.prefixlen;
  const lines = [stream.curr.text ?? ''];
  for (;;) {
    stream.i++;
    const c = stream.curr;
    if (c.prefixlen < prefix) break;
    if (c.type === 'blockquote' || c.type === 'text') lines.push(c.text ?? '');
    else break;
  }
  return ['<blockquote>', ...markdownToHtml(lines, stream.indent), '</blockquote>'];
}
