/**
 * The W3C WebSocket API (Ian Hickson's editor's drafts r1.1 … r1.315,
 * 2009–2014, and the six /TR publications) → corpus. The reader shows the
 * Candidate Recommendation of 20 September 2012; the History work runs the
 * same parser over every revision.
 *
 * These documents are plain HTML generated from the WHATWG source, so the
 * shared walker (../html/clauses.ts) does almost everything. What is specific:
 * - the page chrome is left out: `<div class=head>` (title, versions,
 *   copyright), the table of contents (`<ol class=toc>` and its heading) and
 *   the feedback `<form>`;
 * - section numbers come from `<span class=secno>`;
 * - RFC 6455 concepts are `<i>` terms ("<i>fail the WebSocket
 *   connection</i>", with `title` giving the term when the text is
 *   inflected), `<span>` cross-references in the 2009–2011 drafts ("<span>fail
 *   the websocket connection</span>"), `<code title=http-…>` header names and
 *   links into RFC 6455: each gets `data-rfc` from ../html/rfc6455-terms.ts;
 * - Abstract, Status of This document and Acknowledgements are informative.
 */
import type { Corpus, SourceInfo } from '../model.ts';
import { manifest, sourceByKey, type SourceEntry } from '../sources/manifest.ts';
import { readSource } from '../sources/paths.ts';
import { buildCorpus } from '../html/clauses.ts';
import { attr, bodyOf, classList, findElements, hasClass, parseHtmlDocument, setAttr, textContent, type Element } from '../html/dom.ts';
import { rfcSectionOfTerm, rfcSectionOfUrl } from '../html/rfc6455-terms.ts';

/** Manifest key of the reader's text. */
export const W3C_CR_KEY = 'w3c-tr-2012-09-20';
export const W3C_CR_URL = 'https://www.w3.org/TR/2012/CR-websockets-20120920/';
export const W3C_CR_CITATION_NAME = 'W3C WebSocket API (CR 2012)';

export interface W3cParseOptions {
  /** Overrides of the SourceInfo (defaults: the CR 2012). */
  info?: Partial<SourceInfo>;
  /** Name citations start with (default `W3C WebSocket API (CR 2012)`). */
  citationName?: string;
}

export function w3cCrSourceInfo(): SourceInfo {
  const entry = sourceByKey(W3C_CR_KEY);
  return {
    id: 'w3c',
    title: 'The WebSocket API (W3C Candidate Recommendation, 20 September 2012)',
    shortName: 'W3C WebSocket API',
    url: W3C_CR_URL,
    sectionUrl: `${W3C_CR_URL}#{anchor}`,
    licence: manifest.licences['w3c-document'],
    date: entry.date ?? '2012-09-20',
  };
}

const INFORMATIVE_SECTIONS: ReadonlySet<string> = new Set([
  'abstract',
  'status-of-this-document',
  'acknowledgements',
  'acknowledgments',
]);

/** The page chrome that is not specification text. */
function isChrome(el: Element): boolean {
  if (el.tagName === 'div' && (hasClass(el, 'head') || attr(el, 'id') === 'head')) return true;
  if ((el.tagName === 'ol' || el.tagName === 'ul') && hasClass(el, 'toc')) return true;
  if (/^h[1-6]$/.test(el.tagName) && (attr(el, 'id') === 'contents' || /^table of contents$/i.test(textContent(el).trim()))) {
    return true;
  }
  return el.tagName === 'form';
}

/** Marks RFC 6455 concepts with `data-rfc` (see the module comment). */
function annotateRfcTerms(root: Element): void {
  for (const el of findElements(root, (e) => ['i', 'em', 'span', 'a', 'code'].includes(e.tagName))) {
    let section: string | null = null;
    const href = attr(el, 'href');
    if (el.tagName === 'a') {
      if (href !== null) section = rfcSectionOfUrl(href);
    } else if (el.tagName === 'code') {
      if ((attr(el, 'title') ?? '').startsWith('http-')) section = rfcSectionOfTerm(textContent(el));
    } else if (el.tagName !== 'span' || classList(el).length === 0) {
      const title = attr(el, 'title');
      section = rfcSectionOfTerm(title !== null && title.trim() !== '' ? title : textContent(el));
    }
    if (section) setAttr(el, 'data-rfc', section);
  }
}

/** Parses any W3C WebSocket API document (editor's draft revision or /TR). Never throws on HTML input. */
export function parseW3cHtml(html: string, options: W3cParseOptions = {}): Corpus {
  const body = bodyOf(parseHtmlDocument(html));
  annotateRfcTerms(body);
  const source: SourceInfo = { ...w3cCrSourceInfo(), ...options.info };
  return buildCorpus(body, {
    source,
    citationName: options.citationName ?? W3C_CR_CITATION_NAME,
    baseUrl: source.url,
    skip: isChrome,
    informativeSections: INFORMATIVE_SECTIONS,
  });
}

const STATUS_ABBREVIATIONS: Readonly<Record<string, string>> = {
  'Working Draft': 'WD',
  'Last Call Working Draft': 'LCWD',
  'Candidate Recommendation': 'CR',
};

/** Citation name of any W3C source: `(CR 2012)`, `(WD 2011-04-19)`, `(ED r1.210)`. */
export function w3cCitationName(entry: SourceEntry): string {
  if (entry.group === 'w3c-editors-draft') return `W3C WebSocket API (ED r${entry.revision ?? '?'})`;
  const abbreviation = STATUS_ABBREVIATIONS[entry.status ?? ''] ?? entry.status ?? 'TR';
  const date = entry.date ?? '';
  return abbreviation === 'CR' ? `W3C WebSocket API (CR ${date.slice(0, 4)})` : `W3C WebSocket API (${abbreviation} ${date})`;
}

/** Parses any synced W3C source by manifest key (`w3c-ed-r1.210`, `w3c-tr-2011-04-19`, …). */
export function loadW3cSource(key: string): Corpus {
  const entry = sourceByKey(key);
  if (key === W3C_CR_KEY) return parseW3cHtml(readSource(key));
  const info: Partial<SourceInfo> = {
    title: entry.title,
    url: entry.url,
    sectionUrl: `${entry.url}#{anchor}`,
    date: entry.date ?? '',
  };
  return parseW3cHtml(readSource(key), { info, citationName: w3cCitationName(entry) });
}

let crCache: Corpus | null = null;

/** The W3C Candidate Recommendation of 20 September 2012 (memoized). */
export function loadW3cCr(): Corpus {
  crCache ??= parseW3cHtml(readSource(W3C_CR_KEY));
  return crCache;
}
