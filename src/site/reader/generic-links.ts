/**
 * Links whose words say nothing of where they go. The standards link their
 * own vocabulary, so the WHATWG text links "this" twelve times on one page
 * (to Web IDL's definition of *this*); a screen reader's list of links then
 * reads "this, this, this…". WCAG 2.4.4 (Link Purpose) asks that a link's
 * purpose be clear from its text, and Lighthouse's `link-text` audit fails
 * such a page.
 *
 * The quoted words cannot change (a citation quotes the standard exactly), so
 * a generic link gets a visually hidden description after its words, derived
 * from where it points: `this` → `this (Web IDL)`. The description carries
 * `data-link-description` (the Cite button and the copy selection leave it
 * out, see ./quoted-text.ts) and `data-pagefind-ignore` (search indexes the
 * standard's words only). Pure functions, run at build.
 */
import type { SourceId } from '../../corpus/model.ts';
import { READER_PATHS } from '../../corpus/html/links.ts';
import { LINK_DESCRIPTION_ATTRIBUTE } from './quoted-text.ts';
import { escapeHtml } from './render.ts';

/**
 * Link texts that name no destination, compared lowercased and trimmed: the
 * English list of Lighthouse's `link-text` audit (core/audits/seo/link-text.js),
 * plus "link"; WCAG's failure F84 names the same kind ("click here", "more").
 * A word is here only if it says nothing on its own: "close" or "step 1" name
 * something in the sentence around them, "this" and "here" do not.
 */
export const GENERIC_LINK_TEXTS = [
  'click here',
  'click this',
  'go',
  'here',
  'information',
  'learn more',
  'link',
  'more',
  'more info',
  'more information',
  'read more',
  'right here',
  'see more',
  'start',
  'this',
] as const;

export type GenericLinkText = (typeof GENERIC_LINK_TEXTS)[number];

const GENERIC: ReadonlySet<string> = new Set(GENERIC_LINK_TEXTS);

/** Whether a link's text, as a reader hears it, names no destination. */
export function isGenericLinkText(text: string): text is GenericLinkText {
  return GENERIC.has(text.replace(/\s+/g, ' ').trim().toLowerCase());
}

/**
 * The site's readers by path, named as the corpora cite them
 * (`SourceInfo.shortName`; a unit test holds the two together).
 */
export const READER_NAMES: Readonly<Record<SourceId, string>> = {
  rfc6455: 'RFC 6455',
  whatwg: 'WebSockets Standard',
  w3c: 'W3C WebSocket API',
};

/**
 * The documents the corpora link to, by URL prefix, named as their own title
 * pages name them. A URL matching none is named by its host.
 */
const DOCUMENTS: readonly { prefix: string; name: string }[] = [
  { prefix: 'https://webidl.spec.whatwg.org/', name: 'Web IDL' },
  { prefix: 'https://html.spec.whatwg.org/', name: 'HTML Standard' },
  { prefix: 'https://fetch.spec.whatwg.org/', name: 'Fetch Standard' },
  { prefix: 'https://url.spec.whatwg.org/', name: 'URL Standard' },
  { prefix: 'https://dom.spec.whatwg.org/', name: 'DOM Standard' },
  { prefix: 'https://encoding.spec.whatwg.org/', name: 'Encoding Standard' },
  { prefix: 'https://infra.spec.whatwg.org/', name: 'Infra Standard' },
  { prefix: 'https://websockets.spec.whatwg.org/', name: 'WebSockets Standard' },
  { prefix: 'https://w3c.github.io/FileAPI/', name: 'File API' },
  { prefix: 'http://dev.w3.org/html5/', name: 'HTML5 (W3C draft)' },
];

/**
 * The name of the document a link points into. `ownName` names the page's
 * own document (a `#fragment` link); a site-relative link names the reader it
 * goes to.
 */
export function linkDocumentName(href: string, ownName: string): string {
  if (href.startsWith('#')) return ownName;
  if (href.startsWith('/')) {
    const source = (Object.keys(READER_PATHS) as SourceId[]).find((id) => href.startsWith(READER_PATHS[id]));
    return source ? READER_NAMES[source] : ownName;
  }
  const known = DOCUMENTS.find((candidate) => href.startsWith(candidate.prefix));
  if (known) return known.name;
  try {
    return new URL(href).host.replace(/^www\./, '') || ownName;
  } catch {
    return ownName;
  }
}

/**
 * The words of a fragment (`#dom-websocket-close` → `websocket close`): the
 * standards' ids are the defined term with a kind prefix.
 */
function fragmentWords(href: string): string {
  const hash = href.indexOf('#');
  if (hash < 0) return '';
  let fragment = href.slice(hash + 1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // A malformed escape: keep the fragment as written.
  }
  return fragment
    .replace(/^(?:dfn|dom|concept|section)-/, '')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The hidden words that complete a generic link, or null when its text is
 * not generic: ` (Web IDL)` for `this` → webidl…#this; the target's term is
 * added when the fragment names something other than the link's words
 * (` (HTML Standard: event loop)` for `here` → …#event-loop).
 */
export function linkDescription(text: string, href: string, ownName: string): string | null {
  if (!isGenericLinkText(text)) return null;
  const target = linkDocumentName(href, ownName);
  const term = fragmentWords(href);
  const words = text.replace(/\s+/g, ' ').trim().toLowerCase();
  return term && term !== words ? ` (${target}: ${term})` : ` (${target})`;
}

const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

function decodeEntities(text: string): string {
  return text.replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Adds the hidden description to every generic link of a clause's display
 * HTML (the corpus's inline HTML: `<a href>` never nested, simple inline
 * tags inside). The visible words are untouched.
 */
export function describeGenericLinks(html: string, ownName: string): string {
  return html.replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (whole, rawHref: string, inner: string) => {
    const text = decodeEntities(inner.replace(/<[^>]*>/g, ''));
    const description = linkDescription(text, decodeEntities(rawHref), ownName);
    if (description === null) return whole;
    return `<a href="${rawHref}">${inner}<span class="sr-only" ${LINK_DESCRIPTION_ATTRIBUTE} data-pagefind-ignore>${escapeHtml(description)}</span></a>`;
  });
}
