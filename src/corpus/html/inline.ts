/**
 * Rendering a run of inline nodes into a clause's `text` (canonical, for
 * quotations) and `html` (display only) in one pass, so that the two always
 * say the same thing.
 *
 * `html` keeps only `<a href>`, `<code>`, `<em>`, `<strong>`, `<var>` and
 * `<dfn id>` (model.ts): `<i>`/`<cite>` become `<em>`, `<b>` becomes
 * `<strong>`, everything else is unwrapped. An element carrying
 * `data-rfc="section-N"` (set by the dialects for RFC 6455 concepts)
 * contributes `rfc6455#section-N` to the refs and, unless it is a link within
 * the same document, becomes a link to the RFC reader.
 */
import { attr, childrenOf, isElement, isText, INVISIBLE_ELEMENTS, type ChildNode } from './dom.ts';
import { READER_PATHS, rfc6455Href } from './links.ts';

type Token =
  | { type: 'text'; value: string }
  | { type: 'open'; tag: string; attrs: [string, string][] }
  | { type: 'close'; tag: string };

export interface InlineOptions {
  /** Keep line breaks and spaces (figures); otherwise whitespace is collapsed. */
  preserveWhitespace?: boolean;
  /** Base URL for resolving relative links. */
  baseUrl?: string;
  /** A `<dfn>` id not to repeat in `html` (it is the clause's own anchor). */
  omitDfnId?: string;
}

export interface InlineResult {
  text: string;
  html: string;
  /** Ids of `<dfn>` elements, in order. */
  dfnIds: string[];
  /** Text of the first `<dfn>` that has an id. */
  firstDfnText: string | null;
  /** RFC 6455 section anchors (`section-7.1.7`) invoked, in order, deduplicated. */
  refs: string[];
}

const RENAME: Readonly<Record<string, string>> = {
  code: 'code',
  var: 'var',
  em: 'em',
  strong: 'strong',
  dfn: 'dfn',
  i: 'em',
  cite: 'em',
  b: 'strong',
  kbd: 'code',
  samp: 'code',
  tt: 'code',
};

export function renderInline(nodes: readonly ChildNode[], options: InlineOptions = {}): InlineResult {
  const tokens: Token[] = [];
  const dfnIds: string[] = [];
  const refs: string[] = [];
  let firstDfnText: string | null = null;
  let linkDepth = 0;

  const visit = (node: ChildNode): void => {
    if (isText(node)) {
      tokens.push({ type: 'text', value: node.value });
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName;
    if (INVISIBLE_ELEMENTS.has(tag)) return;
    if (tag === 'br') {
      tokens.push({ type: 'text', value: options.preserveWhitespace ? '\n' : ' ' });
      return;
    }
    const rfc = attr(node, 'data-rfc');
    if (rfc && !refs.includes(rfc)) refs.push(rfc);

    // A same-document link stays (a term this spec defines, even if it also
    // names an RFC 6455 section); any other link to an RFC 6455 concept goes
    // to the RFC reader.
    const ownHref = tag === 'a' ? attr(node, 'href') : null;
    let href: string | null = null;
    if (ownHref?.trim().startsWith('#')) href = safeHref(ownHref, options.baseUrl);
    else if (rfc) href = rfc6455Href(rfc);
    else if (ownHref !== null) href = safeHref(ownHref, options.baseUrl);
    const openLink = href !== null && linkDepth === 0;
    if (openLink) {
      tokens.push({ type: 'open', tag: 'a', attrs: [['href', href ?? '']] });
      linkDepth++;
    }

    const renamed = RENAME[tag];
    const attrs: [string, string][] = [];
    if (renamed === 'dfn') {
      const id = attr(node, 'id');
      if (id) {
        dfnIds.push(id);
        if (firstDfnText === null) firstDfnText = collapse(textOf(node));
        if (id !== options.omitDfnId) attrs.push(['id', id]);
      }
    }
    if (renamed) tokens.push({ type: 'open', tag: renamed, attrs });
    for (const child of childrenOf(node)) visit(child);
    if (renamed) tokens.push({ type: 'close', tag: renamed });
    if (openLink) {
      tokens.push({ type: 'close', tag: 'a' });
      linkDepth--;
    }
  };
  for (const node of nodes) visit(node);

  if (options.preserveWhitespace) trimFigure(tokens);
  else collapseTokens(tokens);

  let text = '';
  let html = '';
  for (const token of tokens) {
    if (token.type === 'text') {
      text += token.value;
      html += escapeText(token.value);
    } else if (token.type === 'open') {
      html += `<${token.tag}${token.attrs.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('')}>`;
    } else {
      html += `</${token.tag}>`;
    }
  }
  return { text, html, dfnIds, firstDfnText, refs };
}

function textOf(node: ChildNode): string {
  if (isText(node)) return node.value;
  if (!isElement(node) || INVISIBLE_ELEMENTS.has(node.tagName)) return '';
  return childrenOf(node).map(textOf).join('');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Collapses whitespace across token boundaries and trims both ends. */
function collapseTokens(tokens: Token[]): void {
  // The single space that replaces a run of whitespace goes where the run
  // began (so `foo <code>bar</code>` keeps the space outside the code), and
  // only if a word follows (so nothing trails).
  const texts = tokens.filter((t): t is Extract<Token, { type: 'text' }> => t.type === 'text');
  const outs = texts.map(() => '');
  let pending = -1;
  let atStart = true;
  texts.forEach((token, index) => {
    for (const part of token.value.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        if (pending < 0 && !atStart) pending = index;
        continue;
      }
      if (pending >= 0) outs[pending] += ' ';
      pending = -1;
      atStart = false;
      outs[index] += part;
    }
  });
  texts.forEach((token, index) => {
    token.value = outs[index] ?? '';
  });
}

/**
 * Figures keep every character, minus leading blank lines, trailing
 * whitespace and the indentation common to all non-blank lines.
 */
function trimFigure(tokens: Token[]): void {
  const full = tokens.map((t) => (t.type === 'text' ? t.value : '')).join('');
  const lines = full.replace(/\s+$/, '').replace(/^(?:[ \t]*\n)+/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const dedent = indents.length ? Math.min(...indents) : 0;

  const leading = /^(?:[ \t]*\n)*/.exec(full)?.[0].length ?? 0;
  const keepUntil = full.replace(/\s+$/, '').length;
  // Walk the characters of the text tokens and drop: the leading blank lines,
  // `dedent` whitespace characters after each line start, and the tail.
  let offset = 0;
  let lineStart = true;
  let toDrop = dedent;
  for (const token of tokens) {
    if (token.type !== 'text') continue;
    let out = '';
    for (const ch of token.value) {
      const index = offset++;
      if (index < leading || index >= keepUntil) continue;
      if (lineStart && toDrop > 0 && (ch === ' ' || ch === '\t')) {
        toDrop--;
        continue;
      }
      if (ch === '\n') {
        lineStart = true;
        toDrop = dedent;
      } else {
        lineStart = false;
      }
      out += ch;
    }
    token.value = out;
  }
}

function safeHref(href: string | null, baseUrl: string | undefined): string | null {
  if (href === null) return null;
  const trimmed = href.trim();
  if (trimmed === '') return null;
  if (trimmed.startsWith('#')) return trimmed;
  // Links into the site's own readers (`/rfc6455/#…`) stay site-relative.
  if (Object.values(READER_PATHS).some((path) => trimmed.startsWith(path))) return trimmed;
  let url: URL;
  try {
    url = baseUrl ? new URL(trimmed, baseUrl) : new URL(trimmed);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
