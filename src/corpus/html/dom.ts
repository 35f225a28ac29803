/**
 * Small helpers over parse5's default tree: the one HTML parser the corpus
 * uses (never regular expressions over markup).
 */
import { parse, defaultTreeAdapter, html as parse5Html } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

export type Node = DefaultTreeAdapterMap['node'];
export type ChildNode = DefaultTreeAdapterMap['childNode'];
export type ParentNode = DefaultTreeAdapterMap['parentNode'];
export type Element = DefaultTreeAdapterMap['element'];
export type TextNode = DefaultTreeAdapterMap['textNode'];
export type Document = DefaultTreeAdapterMap['document'];

/** Parses a whole HTML document (never throws: HTML parsing has no errors). */
export function parseHtmlDocument(source: string): Document {
  return parse(source);
}

export function isElement(node: Node | null | undefined): node is Element {
  return node !== null && node !== undefined && 'tagName' in node;
}

export function isText(node: Node | null | undefined): node is TextNode {
  return node !== null && node !== undefined && node.nodeName === '#text';
}

export function attr(el: Element, name: string): string | null {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return null;
}

export function hasAttr(el: Element, name: string): boolean {
  return el.attrs.some((a) => a.name === name);
}

export function setAttr(el: Element, name: string, value: string): void {
  const existing = el.attrs.find((a) => a.name === name);
  if (existing) existing.value = value;
  else el.attrs.push({ name, value });
}

export function removeAttr(el: Element, name: string): void {
  el.attrs = el.attrs.filter((a) => a.name !== name);
}

export function classList(el: Element): string[] {
  return (attr(el, 'class') ?? '').split(/\s+/).filter(Boolean);
}

export function hasClass(el: Element, name: string): boolean {
  return classList(el).includes(name);
}

/** Child nodes of an element, or of a template's content. */
export function childrenOf(node: Node): ChildNode[] {
  if (node.nodeName === 'template' && 'content' in node) return node.content.childNodes;
  return 'childNodes' in node ? node.childNodes : [];
}

export function elementChildren(node: Node): Element[] {
  return childrenOf(node).filter(isElement);
}

/** Concatenated text of all descendant text nodes. */
export function textContent(node: Node): string {
  if (isText(node)) return node.value;
  let out = '';
  for (const child of childrenOf(node)) out += textContent(child);
  return out;
}

/** First descendant element (document order) matching the predicate. */
export function findElement(node: Node, predicate: (el: Element) => boolean): Element | null {
  for (const child of childrenOf(node)) {
    if (isElement(child)) {
      if (predicate(child)) return child;
      const found = findElement(child, predicate);
      if (found) return found;
    }
  }
  return null;
}

/** All descendant elements (document order) matching the predicate. */
export function findElements(node: Node, predicate: (el: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of childrenOf(node)) {
    if (isElement(child)) {
      if (predicate(child)) out.push(child);
      findElements(child, predicate, out);
    }
  }
  return out;
}

export function closest(el: Element, predicate: (el: Element) => boolean): Element | null {
  let current: ParentNode | null = el;
  while (current && isElement(current)) {
    if (predicate(current)) return current;
    current = current.parentNode;
  }
  return null;
}

export function createElement(tagName: string, attrs: Record<string, string> = {}): Element {
  return defaultTreeAdapter.createElement(
    tagName,
    parse5Html.NS.HTML,
    Object.entries(attrs).map(([name, value]) => ({ name, value })),
  );
}

export function createText(value: string): TextNode {
  return { nodeName: '#text', value, parentNode: null };
}

export function appendChild(parent: ParentNode, child: ChildNode): void {
  defaultTreeAdapter.appendChild(parent, child);
}

/** Replaces `node` by `replacements` in its parent. */
export function replaceWith(node: ChildNode, replacements: ChildNode[]): void {
  const parent = node.parentNode;
  if (!parent) return;
  const siblings = childrenOf(parent);
  const index = siblings.indexOf(node);
  if (index < 0) return;
  for (const replacement of replacements) replacement.parentNode = parent;
  siblings.splice(index, 1, ...replacements);
  node.parentNode = null;
}

/** Inserts `child` as the first child of `parent`. */
export function prependChild(parent: ParentNode, child: ChildNode): void {
  child.parentNode = parent;
  childrenOf(parent).unshift(child);
}

/** The `<body>` of a parsed document (parse5 always creates one). */
export function bodyOf(doc: Document): Element {
  const htmlEl = doc.childNodes.find((n): n is Element => isElement(n) && n.tagName === 'html');
  const body = htmlEl ? elementChildren(htmlEl).find((n) => n.tagName === 'body') : undefined;
  if (body) return body;
  // Unreachable for parse5 output; keep a valid empty body for type safety.
  return createElement('body');
}

const HEADING = /^h[1-6]$/;
export function isHeading(el: Element): boolean {
  return HEADING.test(el.tagName);
}

export function headingLevel(el: Element): number {
  return Number(el.tagName.slice(1));
}

/** Elements that start a block of their own in flow content. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dd', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'section', 'summary', 'table',
  'ul', 'xmp', 'search', 'caption', 'colgroup', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'body', 'html',
  'head', 'noscript', 'frameset', 'optgroup', 'option', 'select', 'textarea', 'template', 'iframe', 'object',
  'video', 'audio', 'canvas', 'svg', 'math',
]);

/** Elements whose content is never prose (scripts, styles, forms' machinery). */
export const INVISIBLE_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'template', 'head', 'title', 'meta', 'link', 'noscript', 'textarea', 'select', 'option',
  'optgroup', 'input', 'button', 'iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'svg', 'math', 'img',
  'frameset', 'frame', 'noframes',
]);
