/**
 * Bikeshed's inline markup shorthands, applied to the text nodes of the
 * parsed document (never inside `<pre>`, `<xmp>`, `<script>`, `<style>`):
 *
 * | source                         | becomes                                              |
 * | ------------------------------ | ---------------------------------------------------- |
 * | `` `code` ``                   | `<code>code</code>`                                  |
 * | `\`` `\[` `\{` `\|` `\\`       | the character itself                                 |
 * | `\|name\|`                     | `<var>name</var>`                                    |
 * | `[=for/text\|shown=]`          | a dfn autolink (`<a data-bs-link=dfn>`)              |
 * | `{{for/member!!type\|shown}}`  | an IDL autolink inside `<code>`                      |
 * | `[$algorithm$]`, `[:header:]`  | abstract-op / HTTP header autolinks                  |
 * | `[[!FETCH]]`, `[[WSP]]`        | a bibliography reference shown as `[FETCH]`          |
 * | `[[#anchor]]`                  | a section reference, filled in with `§ n title`      |
 *
 * An autolink element carries `data-bs-link` (the link type), `data-bs-lt`
 * (the linking text), `data-bs-for` (the "for", `/` for global) and
 * `data-bs-type` (an explicit `!!type`); autolinks.ts resolves them.
 */
import { appendChild, childrenOf, createElement, createText, isElement, isText, replaceWith, type ChildNode, type Element } from '../html/dom.ts';

const OPAQUE = new Set(['pre', 'xmp', 'script', 'style', 'listing', 'plaintext', 'textarea']);
const ESCAPABLE = new Set(['`', '[', ']', '{', '}', '|', '\\', '<', '$', "'", '=', '*', '_']);

export function applyShorthands(root: Element): void {
  const visit = (node: ChildNode): void => {
    if (isText(node)) {
      const replacement = expand(node.value);
      if (replacement) replaceWith(node, replacement);
      return;
    }
    if (!isElement(node) || OPAQUE.has(node.tagName)) return;
    // Copy: replacement mutates the child list.
    for (const child of [...childrenOf(node)]) visit(child);
  };
  for (const child of [...childrenOf(root)]) visit(child);
}

/** The nodes that replace a text node, or null when it has no shorthand. */
export function expand(text: string): ChildNode[] | null {
  if (!/[`\\|[{]/.test(text)) return null;
  const nodes: ChildNode[] = [];
  let buffer = '';
  const flush = (): void => {
    if (buffer) nodes.push(createText(buffer));
    buffer = '';
  };
  let changed = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const rest = text.slice(i);
    if (ch === '\\' && ESCAPABLE.has(text[i + 1] ?? '')) {
      buffer += text[i + 1];
      i += 2;
      changed = true;
      continue;
    }
    if (ch === '`') {
      const run = /^`+/.exec(rest)?.[0] ?? '`';
      const close = findClosingRun(text, i + run.length, run.length);
      if (close >= 0) {
        flush();
        let content = text.slice(i + run.length, close).replace(/\s+/g, ' ');
        if (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
        nodes.push(element('code', {}, [createText(content)]));
        i = close + run.length;
        changed = true;
        continue;
      }
      buffer += run;
      i += run.length;
      continue;
    }
    const delimited = matchDelimited(rest);
    if (delimited) {
      flush();
      nodes.push(delimited.node);
      i += delimited.length;
      changed = true;
      continue;
    }
    if (ch === '|') {
      const previous = i > 0 ? (text[i - 1] ?? '') : '';
      const variable = /^\|(\w(?:[\w\s-]*\w)?)\|/.exec(rest);
      const after = variable ? (text[i + variable[0].length] ?? '') : '';
      if (variable?.[1] && !/[\w|]/.test(previous) && !/[\w|]/.test(after)) {
        flush();
        nodes.push(element('var', {}, [createText(variable[1].replace(/\s+/g, ' '))]));
        i += variable[0].length;
        changed = true;
        continue;
      }
    }
    buffer += ch;
    i++;
  }
  flush();
  return changed ? nodes : null;
}

function findClosingRun(text: string, from: number, length: number): number {
  let i = from;
  while (i < text.length) {
    const next = text.indexOf('`', i);
    if (next < 0) return -1;
    const run = /^`+/.exec(text.slice(next))?.[0].length ?? 1;
    if (run === length) return next;
    i = next + run;
  }
  return -1;
}

function element(tag: string, attrs: Record<string, string>, children: ChildNode[]): Element {
  const el = createElement(tag, attrs);
  for (const child of children) appendChild(el, child);
  return el;
}

/** Splits `for/text` on the first `/` (a leading `/` means "for nothing"). */
function splitFor(target: string): { forValue: string | null; text: string } {
  const slash = target.indexOf('/');
  if (slash < 0) return { forValue: null, text: target };
  return { forValue: target.slice(0, slash) || '/', text: target.slice(slash + 1) };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function matchDelimited(rest: string): { node: ChildNode; length: number } | null {
  let match: RegExpExecArray | null;
  if ((match = /^\[\[(!?)([^\]\s][^\]]*?)\]\]/.exec(rest))) {
    const key = collapse(match[2] ?? '');
    if (key.startsWith('#')) {
      const anchor = key.slice(1).split('|')[0] ?? '';
      return { node: element('a', { href: `#${anchor}`, 'data-bs-section-ref': anchor }, [createText(`§ ${anchor}`)]), length: match[0].length };
    }
    const [name, shown] = key.split('|');
    const label = shown ? collapse(shown) : `[${collapse(name ?? '')}]`;
    return { node: element('a', { 'data-bs-biblio': collapse(name ?? ''), ...(match[1] ? { 'data-bs-normative': '' } : {}) }, [createText(label)]), length: match[0].length };
  }
  if ((match = /^\[=([^=\]][\s\S]*?)=\]/.exec(rest))) {
    return { node: autolink('dfn', match[1] ?? '', false), length: match[0].length };
  }
  if ((match = /^\{\{([^}]+?)\}\}/.exec(rest))) {
    return { node: autolink('idl', match[1] ?? '', true), length: match[0].length };
  }
  if ((match = /^\[\$([^$\]]+?)\$\]/.exec(rest))) {
    return { node: autolink('abstract-op', match[1] ?? '', false), length: match[0].length };
  }
  if ((match = /^\[:([^:\]]+?):\]/.exec(rest))) {
    return { node: autolink('http-header', match[1] ?? '', true), length: match[0].length };
  }
  return null;
}

function autolink(linkType: string, raw: string, code: boolean): Element {
  const bar = raw.indexOf('|');
  let target = bar >= 0 ? raw.slice(0, bar) : raw;
  const shown = bar >= 0 ? collapse(raw.slice(bar + 1)) : null;
  let explicitType: string | null = null;
  const bang = target.indexOf('!!');
  if (bang >= 0) {
    explicitType = collapse(target.slice(bang + 2));
    target = target.slice(0, bang);
  }
  const { forValue, text } = linkType === 'idl' ? splitIdlFor(target) : splitFor(target);
  const attrs: Record<string, string> = { 'data-bs-link': linkType, 'data-bs-lt': collapse(text) };
  if (forValue !== null) attrs['data-bs-for'] = collapse(forValue);
  if (explicitType) attrs['data-bs-type'] = explicitType;
  const a = element('a', attrs, [createText(shown ?? collapse(text))]);
  return code ? element('code', {}, [a]) : a;
}

/** IDL "for" is everything before the last `/` outside parentheses (`WebSocket/close()`). */
function splitIdlFor(target: string): { forValue: string | null; text: string } {
  let depth = 0;
  let slash = -1;
  for (let i = 0; i < target.length; i++) {
    const ch = target[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === '/' && depth === 0) slash = i;
  }
  if (slash < 0) return { forValue: null, text: target };
  return { forValue: target.slice(0, slash) || '/', text: target.slice(slash + 1) };
}
