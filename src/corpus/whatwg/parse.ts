/**
 * The WHATWG WebSockets Standard, from its Bikeshed source (`index.bs`, any
 * version 2021–2025), → corpus.
 *
 * Pipeline (each step in its own module):
 * 1. the `<pre class=metadata>` block is read (with the HTML parser) for
 *    `Indent` and `Abstract`; `<pre class=anchors>` for external anchors;
 * 2. markdown.ts: Bikeshed's block Markdown over the lines (comments
 *    stripped) → HTML, parsed with parse5; the data blocks (`metadata`,
 *    `biblio`, `anchors`, `link-defaults`, …) are removed;
 * 3. the abstract becomes an unnumbered "Abstract" section (`#abstract`, as
 *    on the live page);
 * 4. shorthands.ts: `` `code` ``, `|var|`, `[=…=]`, `{{…}}`, `[[!REF]]`…;
 * 5. dfns.ts: `<dfn>` ids and IDL blocks, with Bikeshed's id rules;
 * 6. headings: a missing id is Bikeshed's slug of the heading text;
 *    numbering as Bikeshed does (`no-num` headings are unnumbered);
 * 7. autolinks.ts: every autolink to a readable text and, where known, a
 *    link (same-spec `#dfn`, RFC 6455 reader, other specs' URLs);
 * 8. ../html/clauses.ts: sections and clauses (anchors, steps, citations).
 */
import type { Corpus, SourceInfo } from '../model.ts';
import { manifest, sourceByKey } from '../sources/manifest.ts';
import { readSource } from '../sources/paths.ts';
import { buildCorpus } from '../html/clauses.ts';
import {
  appendChild,
  attr,
  bodyOf,
  classList,
  createElement,
  createText,
  findElements,
  hasClass,
  headingLevel,
  isHeading,
  parseHtmlDocument,
  prependChild,
  replaceWith,
  setAttr,
  textContent,
  type Element,
} from '../html/dom.ts';
import { bikeshedSlug, collapseWhitespace } from '../html/slug.ts';
import { markdownToHtml, stripComments } from './markdown.ts';
import { applyShorthands } from './shorthands.ts';
import { assignDfnIds, decorateIdl, uniqueId } from './dfns.ts';
import { parseAnchorsBlock, resolveAutolinks, type AnchorEntry } from './autolinks.ts';

export const WHATWG_KEY = 'whatwg';
export const WHATWG_URL = 'https://websockets.spec.whatwg.org/';
export const WHATWG_CITATION_NAME = 'WebSockets Standard';

/** `<pre class=…>` blocks that are Bikeshed input, not document content. */
const DATA_BLOCKS = ['metadata', 'biblio', 'anchors', 'link-defaults', 'ignored-specs', 'ignored-vars', 'include', 'include-raw', 'include-code', 'info'];

const INFORMATIVE_SECTIONS: ReadonlySet<string> = new Set(['abstract', 'acks', 'acknowledgments', 'acknowledgements']);

export interface WhatwgParseOptions {
  /** Overrides of the SourceInfo (defaults: the latest standard). */
  info?: Partial<SourceInfo>;
  /** Name citations start with (default `WebSockets Standard`). */
  citationName?: string;
}

export function whatwgSourceInfo(): SourceInfo {
  const entry = sourceByKey(WHATWG_KEY);
  return {
    id: 'whatwg',
    title: 'WebSockets Standard',
    shortName: 'WebSockets Standard',
    url: WHATWG_URL,
    sectionUrl: `${WHATWG_URL}#{anchor}`,
    licence: manifest.licences['cc-by-4.0'],
    date: entry.date ?? '',
  };
}

/** The metadata of a Bikeshed source: lower-cased keys, values in order. */
export function bikeshedMetadata(source: string): Map<string, string[]> {
  const metadata = new Map<string, string[]>();
  const block = findElements(bodyOf(parseHtmlDocument(source)), (e) => e.tagName === 'pre' && hasClass(e, 'metadata'))[0];
  return block ? readMetadata(textContent(block), metadata) : metadata;
}

function readMetadata(text: string, metadata: Map<string, string[]>): Map<string, string[]> {
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0 || /^\s/.test(line)) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const values = metadata.get(key) ?? [];
    values.push(line.slice(colon + 1).trim());
    metadata.set(key, values);
  }
  return metadata;
}

export interface BikeshedDocument {
  /** The `<body>`, every shorthand resolved, ready for the clause walker. */
  body: Element;
  metadata: Map<string, string[]>;
  anchors: AnchorEntry[];
}

/** Bikeshed source → resolved HTML body (steps 1–7 above). Never throws on text input. */
export function bikeshedToHtml(source: string): BikeshedDocument {
  const metadata = bikeshedMetadata(source);
  const indentValue = Number.parseInt(metadata.get('indent')?.at(-1) ?? '4', 10);
  const indent = Number.isSafeInteger(indentValue) && indentValue > 0 && indentValue < 16 ? indentValue : 4;
  const shorthands = (metadata.get('markup shorthands') ?? []).join(',').toLowerCase();
  const lines = stripComments(source.split(/\r?\n/));
  const html = /markdown\s+(no|off|false)/.test(shorthands) ? lines : markdownToHtml(lines, indent);
  const body = bodyOf(parseHtmlDocument(`<!DOCTYPE html><html><head></head><body>\n${html.join('\n')}`));

  const anchors: AnchorEntry[] = [];
  for (const pre of findElements(body, (e) => e.tagName === 'pre' && classList(e).some((c) => DATA_BLOCKS.includes(c)))) {
    if (hasClass(pre, 'anchors')) anchors.push(...parseAnchorsBlock(textContent(pre)));
    replaceWith(pre, []);
  }

  const abstract = (metadata.get('abstract') ?? []).join('\n').trim();
  if (abstract) {
    const p = createElement('p');
    appendChild(p, createText(abstract));
    prependChild(body, p);
    const h = createElement('h2', { id: 'abstract', class: 'no-num' });
    appendChild(h, createText('Abstract'));
    prependChild(body, h);
  }

  applyShorthands(body);
  const used = new Set(findElements(body, (e) => attr(e, 'id') !== null).map((e) => attr(e, 'id') ?? ''));
  const records = assignDfnIds(body, used);
  decorateIdl(body, records, used);
  numberHeadings(body, used);
  resolveAutolinks(body, records, anchors);
  fillSectionRefs(body);
  return { body, metadata, anchors };
}

/** Bikeshed's heading ids (slug of the text when absent) and section numbers. */
function numberHeadings(body: Element, used: Set<string>): void {
  const counters = [0, 0, 0, 0, 0, 0];
  let skipBelow = Infinity;
  for (const heading of findElements(body, isHeading)) {
    const level = headingLevel(heading);
    if (!attr(heading, 'id')) setAttr(heading, 'id', uniqueId(bikeshedSlug(textContent(heading)) || 'heading', used));
    if (level < 2) continue;
    if (level <= skipBelow) skipBelow = Infinity;
    if (hasClass(heading, 'no-num') || level > skipBelow) {
      // Headings below an unnumbered one are unnumbered too.
      skipBelow = Math.min(skipBelow, level);
      continue;
    }
    const index = level - 2;
    counters[index] = (counters[index] ?? 0) + 1;
    for (let i = index + 1; i < counters.length; i++) counters[i] = 0;
    const parts = counters.slice(0, index + 1);
    if (parts.some((p) => p === 0)) continue; // a level skipped: Bikeshed leaves it unnumbered
    setAttr(heading, 'data-secno', parts.join('.'));
  }
}

/** `[[#anchor]]` → `§ n Title` of that heading. */
function fillSectionRefs(body: Element): void {
  for (const a of findElements(body, (e) => attr(e, 'data-bs-section-ref') !== null)) {
    const target = attr(a, 'data-bs-section-ref') ?? '';
    const heading = findElements(body, (e) => isHeading(e) && attr(e, 'id') === target)[0];
    if (!heading) continue;
    const secno = attr(heading, 'data-secno');
    replaceWith(a.childNodes[0] ?? createText(''), []);
    appendChild(a, createText(`§ ${secno ? `${secno} ` : ''}${collapseWhitespace(textContent(heading))}`));
  }
}

/** Parses any version of the standard's `index.bs`. */
export function parseWhatwgBikeshed(source: string, options: WhatwgParseOptions = {}): Corpus {
  const { body } = bikeshedToHtml(source);
  const info: SourceInfo = { ...whatwgSourceInfo(), ...options.info };
  return buildCorpus(body, {
    source: info,
    citationName: options.citationName ?? WHATWG_CITATION_NAME,
    baseUrl: WHATWG_URL,
    informativeSections: INFORMATIVE_SECTIONS,
  });
}

/** Parses any synced version by manifest key (`whatwg`, `whatwg-2021-01-20-7a2d1b2`, `whatwg-rd-2022-03`, …). */
export function loadWhatwgSource(key: string): Corpus {
  if (key === WHATWG_KEY) return loadWhatwg();
  const entry = sourceByKey(key);
  const label = entry.group === 'whatwg-review-draft' ? `Review Draft ${key.replace('whatwg-rd-', '')}` : `${entry.date ?? ''} ${entry.commit?.slice(0, 7) ?? ''}`.trim();
  return parseWhatwgBikeshed(readSource(key), {
    info: { title: entry.title, url: entry.url, sectionUrl: `${entry.url}#{anchor}`, date: entry.date ?? '' },
    citationName: `${WHATWG_CITATION_NAME} (${label})`,
  });
}

let latest: Corpus | null = null;

/** The latest WebSockets Standard (memoized). */
export function loadWhatwg(): Corpus {
  latest ??= parseWhatwgBikeshed(readSource(WHATWG_KEY));
  return latest;
}
