/**
 * `<dfn>` ids as Bikeshed generates them (bikeshed/dfns, current version), so
 * that our anchors are the live standard's:
 *
 * - the linking text is the first `lt`/`data-lt` value, else the text;
 * - `for` comes from `for`/`data-dfn-for` or an ancestor's `dfn-for`;
 * - methods and constructors: `slug(for + "-" + name-before-paren)`, then
 *   `dom-` (`close(code, reason)` for WebSocket → `dom-websocket-close`; the
 *   constructor `WebSocket(url, protocols)` → `dom-websocket-websocket`);
 * - other IDL members that take a `for` (attribute, const, enum-value,
 *   dict-member…): `dom-` + `slug(for-text)` (`dom-websocket-binarytype`,
 *   `dom-websocket-connecting`, `dom-binarytype-blob`);
 * - events: `eventdef-` + `slug(for-text)` (`eventdef-websocket-open`);
 * - plain dfns and interfaces: `slug(for-text)` or `slug(text)`
 *   (`websocket-ready-state`, `websocket-internal-url`, `flagged-as-full`,
 *   `make-disappear`, `websocket-task-source`);
 * - other types: `<type>def-` + slug (`enumdef-binarytype`,
 *   `dictdef-closeeventinit`, `http-headerdef-…`);
 * - a duplicate gets the first free `0`, `1`, … suffix.
 * The slug is `bikeshedSlug` (../html/slug.ts).
 *
 * IDL blocks (`<xmp class=idl>`, `<pre class=idl>`) become `<pre class=idl>`
 * whose interface, enum and dictionary names (and dictionary members, and a
 * constructor that has no prose definition) are `<dfn>`s with Bikeshed's ids
 * (`websocket`, `enumdef-binarytype`, `dictdef-closeeventinit`,
 * `dom-closeeventinit-wasclean`, `dom-closeevent-closeevent`), and whose
 * member names link to their prose definitions.
 */
import {
  appendChild,
  attr,
  closest,
  createElement,
  createText,
  findElements,
  hasAttr,
  hasClass,
  replaceWith,
  setAttr,
  textContent,
  type Element,
} from '../html/dom.ts';
import { bikeshedSlug, collapseWhitespace } from '../html/slug.ts';

export interface DfnRecord {
  id: string;
  type: string;
  /** `for` values; empty for a global definition. */
  fors: string[];
  /** Linking texts (lower-cased, whitespace collapsed). */
  texts: string[];
  /** The same, case kept (IDL names link case-sensitively). */
  exactTexts: string[];
}

export const DFN_TYPES: readonly string[] = [
  'property', 'descriptor', 'value', 'type', 'at-rule', 'function', 'selector', 'element', 'element-attr',
  'attr-value', 'element-state', 'event', 'interface', 'interface-mixin', 'namespace', 'extended-attribute',
  'constructor', 'method', 'argument', 'attribute', 'callback', 'dictionary', 'dict-member', 'enum',
  'enum-value', 'exception', 'const', 'typedef', 'stringifier', 'serializer', 'iterator', 'maplike', 'setlike',
  'grammar', 'scheme', 'state', 'mode', 'context', 'facet', 'http-header', 'permission', 'abstract-op', 'dfn',
];

export const IDL_TYPES: ReadonlySet<string> = new Set([
  'event', 'interface', 'interface-mixin', 'namespace', 'extended-attribute', 'constructor', 'method', 'argument',
  'attribute', 'callback', 'dictionary', 'dict-member', 'enum', 'enum-value', 'exception', 'const', 'typedef',
  'stringifier', 'serializer', 'iterator', 'maplike', 'setlike',
]);

const IDL_TYPES_WITH_FOR: ReadonlySet<string> = new Set([
  'constructor', 'method', 'argument', 'attribute', 'dict-member', 'enum-value', 'const', 'stringifier',
  'serializer', 'iterator', 'maplike', 'setlike',
]);

const FUNCTIONISH: ReadonlySet<string> = new Set(['method', 'constructor', 'stringifier', 'function']);

const PREFIX: Readonly<Record<string, string>> = {
  property: 'propdef', descriptor: 'descdef', value: 'valdef', 'at-rule': 'at-ruledef', type: 'typedef',
  function: 'funcdef', selector: 'selectordef', element: 'elementdef', 'element-attr': 'element-attrdef',
  'attr-value': 'attr-valuedef', 'element-state': 'element-statedef', event: 'eventdef', namespace: 'namespacedef',
  'extended-attribute': 'extendedattrdef', callback: 'callbackdef', dictionary: 'dictdef', enum: 'enumdef',
  exception: 'exceptiondef', typedef: 'typedefdef', grammar: 'grammardef', scheme: 'schemedef', state: 'statedef',
  mode: 'modedef', context: 'contextdef', facet: 'facetdef', 'http-header': 'http-headerdef',
  permission: 'permissiondef', 'abstract-op': 'abstract-opdef', 'interface-mixin': 'interface-mixindef',
};

/** The Bikeshed definition type of a `<dfn>` (`dfn` unless an attribute says otherwise). */
export function dfnTypeOf(el: Element): string {
  const explicit = attr(el, 'data-dfn-type');
  if (explicit && DFN_TYPES.includes(explicit)) return explicit;
  for (const type of DFN_TYPES) if (hasAttr(el, type)) return type;
  const ancestor = closest(el, (e) => e !== el && (attr(e, 'dfn-type') ?? attr(e, 'data-dfn-type')) !== null);
  const inherited = ancestor ? (attr(ancestor, 'dfn-type') ?? attr(ancestor, 'data-dfn-type')) : null;
  return inherited && DFN_TYPES.includes(inherited) ? inherited : 'dfn';
}

export function forValuesOf(el: Element, attrNames: readonly string[], ancestorNames: readonly string[]): string[] {
  let raw: string | null = null;
  for (const name of attrNames) raw ??= attr(el, name);
  if (raw === null) {
    const ancestor = closest(el, (e) => e !== el && ancestorNames.some((n) => attr(e, n) !== null));
    if (ancestor) for (const name of ancestorNames) raw ??= attr(ancestor, name);
  }
  if (raw === null) return [];
  // Split on commas outside parentheses.
  return raw
    .split(/,(?![^()]*\))/)
    .map((v) => collapseWhitespace(v))
    .filter((v) => v !== '' && v !== '/');
}

export function linkingTextsOf(el: Element): string[] {
  const lt = attr(el, 'lt') ?? attr(el, 'data-lt');
  const texts = lt !== null && lt.trim() !== '' ? lt.split('|') : [textContent(el)];
  const local = attr(el, 'local-lt') ?? attr(el, 'data-local-lt');
  if (local) texts.push(...local.split('|'));
  return texts.map((t) => collapseWhitespace(t)).filter((t) => t !== '');
}

/** Bikeshed's generated id for a definition (before de-duplication). */
export function generatedDfnId(type: string, primaryText: string, forValue: string | null): string {
  let id: string;
  if (FUNCTIONISH.has(type) && IDL_TYPES.has(type)) {
    const parenless = /^[^(]*/.exec(primaryText)?.[0] ?? primaryText;
    id = bikeshedSlug(forValue ? `${forValue}-${parenless}()` : `${parenless}()`);
  } else {
    id = bikeshedSlug(forValue ? `${forValue}-${primaryText}` : primaryText);
  }
  if (type === 'dfn' || type === 'interface') return id;
  if (type === 'event') return bikeshedSlug(`eventdef-${id}`);
  if (IDL_TYPES_WITH_FOR.has(type)) return bikeshedSlug(`dom-${id}`);
  return `${PREFIX[type] ?? `${type}def`}-${id}`;
}

/** A free id: `id`, else `id0`, `id1`, … (Bikeshed's de-duplication). */
export function uniqueId(id: string, used: Set<string>): string {
  const base = id === '' ? 'dfn' : id;
  let candidate = base;
  for (let i = 0; used.has(candidate); i++) candidate = `${base}${i}`;
  used.add(candidate);
  return candidate;
}

function recordOf(el: Element, id: string, type: string): DfnRecord {
  return {
    id,
    type,
    fors: forValuesOf(el, ['for', 'data-dfn-for'], ['dfn-for', 'data-dfn-for']),
    texts: linkingTextsOf(el).map((t) => t.toLowerCase()),
    exactTexts: linkingTextsOf(el),
  };
}

/** Gives every `<dfn>` its id (keeping authored ids) and returns the definitions. */
export function assignDfnIds(root: Element, used: Set<string>): DfnRecord[] {
  const records: DfnRecord[] = [];
  for (const el of findElements(root, (e) => e.tagName === 'dfn')) {
    const type = dfnTypeOf(el);
    let id = attr(el, 'id');
    if (id === null || id.trim() === '') {
      const primary = linkingTextsOf(el)[0] ?? '';
      const forValue = forValuesOf(el, ['for', 'data-dfn-for'], ['dfn-for', 'data-dfn-for'])[0] ?? null;
      id = uniqueId(generatedDfnId(type, primary, forValue), used);
      setAttr(el, 'id', id);
    }
    records.push(recordOf(el, id, type));
  }
  return records;
}

interface IdlSpan {
  start: number;
  end: number;
  kind: 'dfn' | 'link';
  id: string;
}

const IDL_KEYWORDS = new Set(['optional', 'or', 'sequence', 'record', 'Promise', 'FrozenArray', 'ObservableArray', 'async', 'iterable']);

/**
 * Turns IDL blocks into `<pre class=idl>` with `<dfn>`s for the names they
 * define and links from member names to their prose `<dfn>`s.
 */
export function decorateIdl(root: Element, records: DfnRecord[], used: Set<string>): void {
  const blocks = findElements(root, (e) => (e.tagName === 'xmp' || e.tagName === 'pre') && hasClass(e, 'idl'));
  for (const block of blocks) {
    const text = textContent(block);
    const spans: IdlSpan[] = [];
    const define = (start: number, name: string, type: string, forValue: string | null, length = name.length): void => {
      const existing = records.find((r) => r.type === type && r.texts.includes(name.toLowerCase()) && (forValue === null || r.fors.includes(forValue)));
      if (existing) {
        spans.push({ start, end: start + length, kind: 'link', id: existing.id });
        return;
      }
      const id = uniqueId(generatedDfnId(type, name, forValue), used);
      records.push({ id, type, fors: forValue ? [forValue] : [], texts: [name.toLowerCase()], exactTexts: [name] });
      spans.push({ start, end: start + length, kind: 'dfn', id });
    };
    const declaration = /(^|[\s;}\]])(partial\s+)?(interface\s+mixin|interface|dictionary|enum|namespace|callback\s+interface)\s+([A-Za-z_]\w*)/g;
    for (const match of text.matchAll(declaration)) {
      const keyword = (match[3] ?? '').replace(/\s+/g, ' ');
      const name = match[4] ?? '';
      const nameStart = match.index + match[0].length - name.length;
      const type = keyword === 'interface mixin' ? 'interface-mixin' : keyword === 'callback interface' ? 'interface' : keyword;
      if (!match[2]) define(nameStart, name, type, null);
      const open = text.indexOf('{', nameStart + name.length);
      if (open < 0) continue;
      const close = matchingBrace(text, open);
      for (const statement of statementsOf(text, open + 1, close)) {
        if (type === 'dictionary') {
          const member = /([A-Za-z_]\w*)\s*(?:=[^;]*)?$/.exec(statement.text);
          if (member?.[1]) define(statement.start + member.index, member[1], 'dict-member', name);
        } else if (type === 'interface' || type === 'interface-mixin' || type === 'namespace') {
          memberOf(statement, name, records, spans, define);
        }
      }
    }
    const pre = createElement('pre', { class: 'idl' });
    spans.sort((a, b) => a.start - b.start);
    let offset = 0;
    for (const span of spans) {
      if (span.start < offset) continue;
      if (span.start > offset) appendChild(pre, createText(text.slice(offset, span.start)));
      const el = span.kind === 'dfn' ? createElement('dfn', { id: span.id }) : createElement('a', { href: `#${span.id}` });
      appendChild(el, createText(text.slice(span.start, span.end)));
      appendChild(pre, el);
      offset = span.end;
    }
    if (offset < text.length) appendChild(pre, createText(text.slice(offset)));
    replaceWith(block, [pre]);
  }
}

function memberOf(
  statement: { start: number; text: string },
  iface: string,
  records: DfnRecord[],
  spans: IdlSpan[],
  define: (start: number, name: string, type: string, forValue: string | null, length?: number) => void,
): void {
  const body = statement.text;
  const constructor = /\bconstructor\s*\(/.exec(body);
  if (constructor) {
    const has = records.find((r) => r.type === 'constructor' && r.fors.includes(iface));
    if (has) spans.push({ start: statement.start + constructor.index, end: statement.start + constructor.index + 11, kind: 'link', id: has.id });
    // Bikeshed names an IDL constructor after its interface: `dom-closeevent-closeevent`.
    else define(statement.start + constructor.index, `${iface}()`, 'constructor', iface, 'constructor'.length);
    return;
  }
  let name: RegExpExecArray | null = null;
  let types: string[];
  if (/\battribute\b/.test(body)) {
    name = /([A-Za-z_]\w*)\s*$/.exec(body);
    types = ['attribute'];
  } else if (/^\s*const\b/.test(body)) {
    name = /([A-Za-z_]\w*)\s*=/.exec(body);
    types = ['const'];
  } else {
    // An operation: the first identifier followed by "(" outside parentheses.
    let depth = 0;
    for (let i = 0; i < body.length && !name; i++) {
      const ch = body[i];
      if (ch === '(') {
        if (depth === 0) {
          const before = /([A-Za-z_]\w*)\s*$/.exec(body.slice(0, i));
          if (before?.[1] && !IDL_KEYWORDS.has(before[1])) name = before;
        }
        depth++;
      } else if (ch === ')') depth--;
    }
    types = ['method'];
  }
  const member = name?.[1];
  if (!name || !member) return;
  const record = records.find(
    (r) => types.includes(r.type) && r.fors.includes(iface) && r.texts.some((t) => t === member.toLowerCase() || t.startsWith(`${member.toLowerCase()}(`)),
  );
  if (record) spans.push({ start: statement.start + name.index, end: statement.start + name.index + member.length, kind: 'link', id: record.id });
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length;
}

/** `;`-separated statements between `from` and `to`, comments blanked, with offsets. */
function statementsOf(text: string, from: number, to: number): { start: number; text: string }[] {
  const body = text.slice(from, to).replace(/\/\/[^\n]*/g, (c) => ' '.repeat(c.length)).replace(/\[[^\]]*\]/g, (c) => ' '.repeat(c.length));
  const out: { start: number; text: string }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '(' || ch === '{' || ch === '<') depth++;
    else if (ch === ')' || ch === '}' || ch === '>') depth = Math.max(0, depth - 1);
    else if (ch === ';' && depth === 0) {
      const raw = body.slice(start, i);
      const lead = /^\s*/.exec(raw)?.[0].length ?? 0;
      out.push({ start: from + start + lead, text: raw.slice(lead) });
      start = i + 1;
    }
  }
  return out;
}
