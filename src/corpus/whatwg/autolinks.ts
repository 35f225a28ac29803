/**
 * Resolving the standard's autolinks — `[=…=]`, `{{…}}`, `[$…$]`, `[:…:]`
 * (from shorthands.ts) and authored `<a>` without `href` — to readable text
 * and, where possible, a link:
 *
 * 1. a definition of this standard (dfns.ts records) → `#<dfn id>`, the
 *    anchor on our reader page (an RFC 6455 term defined here too, such as
 *    "establish a WebSocket connection", still records its RFC section);
 * 2. an RFC 6455 concept (../html/rfc6455-terms.ts) → `data-rfc`, which the
 *    renderer turns into a link to the RFC reader and a `refs` entry;
 * 3. an entry of the source's `<pre class=anchors>` block → its URL;
 * 4. a known term of another WHATWG/W3C spec (xrefs.ts) → its canonical URL;
 * 5. otherwise no link: the text stays, as text (e.g. the 2021 versions'
 *    `<a event>close</a>`, defined then in the HTML Standard).
 * Plurals fall back to the singular (`[=fragments=]` → fragment); IDL names
 * match case-sensitively (`{{WebSocket/open}}` is the event, not `OPEN`).
 * Bibliography references `[[!FETCH]]` show as `[FETCH]` and link to the
 * spec (`[WSP]`, RFC 6455, to the RFC reader).
 */
import { attr, closest, findElements, hasAttr, removeAttr, setAttr, textContent, type Element } from '../html/dom.ts';
import { READER_PATHS } from '../html/links.ts';
import { rfcSectionOfTerm, rfcSectionOfUrl } from '../html/rfc6455-terms.ts';
import { collapseWhitespace } from '../html/slug.ts';
import { DFN_TYPES, IDL_TYPES, forValuesOf, type DfnRecord } from './dfns.ts';
import { BIBLIO_URLS, CONCEPT_URLS, IDL_URLS, RFC6455_BIBLIO_KEYS } from './xrefs.ts';

export interface AnchorEntry {
  spec: string;
  type: string;
  text: string;
  fors: string[];
  url: string;
}

/**
 * Bikeshed's `<pre class=anchors>` block: `key: value; key: value` lines,
 * where a line's keys are inherited by the more indented lines below it and a
 * line with `text:` defines one anchor (`urlPrefix` + `url`).
 */
export function parseAnchorsBlock(source: string): AnchorEntry[] {
  const entries: AnchorEntry[] = [];
  const stack: { indent: number; props: Record<string, string> }[] = [];
  for (const line of source.split('\n')) {
    if (line.trim() === '') continue;
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    const props: Record<string, string> = {};
    for (const part of line.split(';')) {
      const colon = part.indexOf(':');
      if (colon <= 0) continue;
      props[part.slice(0, colon).trim().toLowerCase()] = part.slice(colon + 1).trim();
    }
    while (stack.length && (stack.at(-1)?.indent ?? 0) >= indent) stack.pop();
    const merged: Record<string, string> = Object.assign({}, ...stack.map((s) => s.props), props);
    if (merged['text'] !== undefined && merged['url'] !== undefined) {
      const prefix = merged['urlprefix'] ?? '';
      const url = merged['url'];
      const joined = prefix && !prefix.includes('#') && !url.startsWith('#') && !/^https?:/.test(url) ? `${prefix}#${url}` : `${prefix}${url}`;
      entries.push({
        spec: (merged['spec'] ?? '').toLowerCase(),
        type: merged['type'] ?? 'dfn',
        text: collapseWhitespace(merged['text']).toLowerCase(),
        fors: merged['for'] ? merged['for'].split(',').map((f) => f.trim().toLowerCase()).filter((f) => f !== '/') : [],
        url: joined,
      });
    }
    stack.push({ indent, props });
  }
  return entries;
}

interface Link {
  type: string;
  text: string;
  forValue: string | null;
  spec: string | null;
}

const LINK_ATTRS = ['lt', 'data-lt', 'for', 'data-link-for', 'spec', 'data-link-spec', 'data-link-type', ...DFN_TYPES, 'idl'];

function linkOf(a: Element): Link {
  let type = attr(a, 'data-bs-type') ?? attr(a, 'data-bs-link') ?? attr(a, 'data-link-type');
  if (type === null) type = DFN_TYPES.find((t) => t !== 'dfn' && hasAttr(a, t)) ?? (hasAttr(a, 'idl') ? 'idl' : 'dfn');
  const text = attr(a, 'data-bs-lt') ?? attr(a, 'lt') ?? attr(a, 'data-lt') ?? textContent(a);
  const fors = attr(a, 'data-bs-for') !== null ? [attr(a, 'data-bs-for') ?? ''] : forValuesOf(a, ['for', 'data-link-for'], ['link-for', 'data-link-for']);
  const explicitGlobal = attr(a, 'data-bs-for') === '/' || attr(a, 'for') === '/';
  return {
    type,
    text: collapseWhitespace(text),
    forValue: explicitGlobal ? '/' : (fors[0] ?? null),
    spec: attr(a, 'spec') ?? attr(a, 'data-link-spec'),
  };
}

function singulars(text: string): string[] {
  const out = [text];
  if (text.endsWith('ies')) out.push(`${text.slice(0, -3)}y`);
  if (text.endsWith('es')) out.push(text.slice(0, -2));
  if (text.endsWith('s')) out.push(text.slice(0, -1));
  // "event handler event types", "task queues": the last word is the plural.
  return out;
}

function stripQuotes(text: string): string {
  return text.replace(/^"(.*)"$/, '$1');
}

function parenless(text: string): string {
  return (/^[^(]*/.exec(text)?.[0] ?? text).trim();
}

/** Dfn-type links match case-insensitively; IDL names keep their case. */
function matchesText(record: DfnRecord, text: string, exactCase: boolean): boolean {
  const fold = (t: string): string => (exactCase ? t : t.toLowerCase());
  const wanted = stripQuotes(fold(text));
  const texts = exactCase ? record.exactTexts : record.texts;
  if (wanted.includes('(')) {
    const name = parenless(wanted);
    if (record.type === 'constructor' && name === 'constructor') return true;
    return texts.some((t) => parenless(t) === name && t.includes('('));
  }
  return texts.some((t) => stripQuotes(t) === wanted);
}

function matchesType(record: DfnRecord, type: string): boolean {
  if (type === 'idl') return IDL_TYPES.has(record.type);
  if (type === 'dfn') return record.type === 'dfn';
  if (type === 'functionish') return record.type === 'method' || record.type === 'constructor';
  return record.type === type;
}

function findLocal(records: readonly DfnRecord[], link: Link): DfnRecord | null {
  // `<a method for=WebSocket>close</a>` names the method `close()`.
  const functionish = (link.type === 'method' || link.type === 'constructor') && !link.text.includes('(');
  for (const text of functionish ? [`${link.text}()`] : singulars(link.text)) {
    const exactCase = link.type !== 'dfn' && link.type !== 'abstract-op';
    const candidates = records.filter((r) => matchesType(r, link.type) && matchesText(r, text, exactCase));
    const forValue = link.forValue?.toLowerCase() ?? null;
    if (forValue === '/') {
      const global = candidates.find((r) => r.fors.length === 0);
      if (global) return global;
      continue;
    }
    if (forValue !== null) {
      const exact = candidates.find((r) => r.fors.some((f) => f.toLowerCase() === forValue));
      if (exact) return exact;
      continue;
    }
    const global = candidates.find((r) => r.fors.length === 0);
    if (global) return global;
    if (candidates.length === 1 && candidates[0]) return candidates[0];
  }
  // Older versions define some IDL members as plain dfns (`<dfn><code>CONNECTING</code></dfn>`
  // linked as `{{WebSocket/CONNECTING}}`): accept a single definition of that text, whatever its type.
  if (link.type !== 'dfn') {
    const loose = records.filter((r) => matchesText(r, link.text, true));
    if (loose.length === 1 && loose[0]) return loose[0];
  }
  return null;
}

function findExternal(link: Link, anchors: readonly AnchorEntry[]): string | null {
  const forValue = link.forValue && link.forValue !== '/' ? link.forValue.toLowerCase() : null;
  for (const text of singulars(link.text.toLowerCase())) {
    const anchor = anchors.find((a) => a.spec !== 'rfc6455' && a.text === text && (forValue === null || a.fors.includes(forValue)));
    if (anchor) return anchor.url;
    if (IDL_TYPES.has(link.type) || link.type === 'idl') {
      const key = forValue ? `${link.forValue}/${link.text}` : link.text;
      const idl = IDL_URLS[key] ?? IDL_URLS[link.text];
      if (idl) return idl;
    }
    const concept = (forValue ? CONCEPT_URLS[`${forValue}/${text}`] : undefined) ?? CONCEPT_URLS[text];
    if (concept) return concept;
  }
  return null;
}

/** Resolves every autolink under `root` in place (sets `href` and `data-rfc`). */
export function resolveAutolinks(root: Element, records: readonly DfnRecord[], anchors: readonly AnchorEntry[]): void {
  for (const a of findElements(root, (e) => e.tagName === 'a')) {
    const biblio = attr(a, 'data-bs-biblio');
    if (biblio !== null) {
      const key = biblio.toUpperCase();
      const url = RFC6455_BIBLIO_KEYS.has(key) ? READER_PATHS.rfc6455 : BIBLIO_URLS[key];
      if (url) setAttr(a, 'href', url);
      continue;
    }
    const href = attr(a, 'href');
    if (href !== null) {
      const section = rfcSectionOfUrl(href);
      if (section) setAttr(a, 'data-rfc', section);
      continue;
    }
    const link = linkOf(a);
    const inIdlBlock = closest(a, (e) => e.tagName === 'pre') !== null;
    const spec = link.spec?.toLowerCase() ?? null;
    const local = spec === null || spec === 'websockets' ? findLocal(records, link) : null;
    const rfc = (link.type === 'dfn' || link.type === 'http-header') && (spec === null || spec === 'rfc6455') ? rfcSectionOfTerm(link.text) : null;
    if (local) setAttr(a, 'href', `#${local.id}`);
    if (rfc) setAttr(a, 'data-rfc', rfc);
    if (!local && !rfc && !inIdlBlock) {
      const url = findExternal(link, anchors);
      if (url) setAttr(a, 'href', url);
    }
    for (const name of LINK_ATTRS) removeAttr(a, name);
  }
}
