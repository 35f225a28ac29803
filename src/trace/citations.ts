/**
 * The citation grammar of `wsspec check` and `wsspec cite`: the references
 * to RFC 6455 and to the WebSocket API in one comment's text, and the
 * quotations next to them. Forms (case-insensitive where it makes sense):
 *
 * - URLs of RFC 6455 with a `#section-…` anchor (a section, `section-5.5.1`,
 *   or a paragraph, `section-5.5.1-2`) at rfc-editor.org, datatracker,
 *   tools.ietf.org and ietf.org (`.html`/`.txt` or none); the xml2rfc v2
 *   anchors `#rfc.section.5.5.1`; `#name-<title slug>` anchors; `#page-N`
 *   (a page of the text edition: reported for information); without an
 *   anchor, a reference to the whole document;
 * - draft-ietf-hybi-thewebsocketprotocol-17 (as a name or a URL, with or
 *   without `#section-…`): its section numbers are RFC 6455's, so it is
 *   read as RFC 6455, marked as the draft (`draft`);
 * - URLs of the WHATWG WebSockets Standard (`websockets.spec.whatwg.org/#…`),
 *   of the API's old home in the HTML Standard (`html.spec.whatwg.org/
 *   multipage/web-sockets.html#…`, resolved only where the anchor is in the
 *   WHATWG corpus) and of the W3C drafts (`w3.org/TR/websockets/#…`,
 *   `w3.org/TR/2012/CR-websockets-20120920/#…`, `dev.w3.org/html5/websockets/`);
 * - wsspec clause IDs (src/corpus/ids.ts): `rfc6455#section-5.5.1-2`,
 *   `whatwg#dom-websocket-close`, `w3c#…` (so `@spec` annotations are checked
 *   too), and the short `RFC6455#5.5.1` (§5.5.1);
 * - the Sphinx role `` :rfc:`6455` `` and `` :rfc:`6455#section-5.2` ``;
 * - text: "RFC 6455 §5.5.1", "RFC6455 5.5.1" (a dotted number), "RFC 6455
 *   section 5.5.1", "RFC 6455, Section 5.5.1", "[RFC6455] 5.5.1",
 *   "[RFC6455], Section 5.5.1", "RFC 6455 §5.5.1 ¶2" / "paragraph 2", lists
 *   and ranges ("RFC 6455 sections 5.5.1 and 5.5.2", "§§5.5.2–5.5.3",
 *   "5.5.1/5.5.2"), the reverse "Section 5.5.1 of RFC 6455" / "of [RFC6455]"
 *   / "of [WSP]" / "of The WebSocket Protocol", a section named by its
 *   title ("the _Proxy Usage_ section of RFC 6455"); a bare "RFC 6455" is a
 *   reference to the whole document; the RFC may also follow in brackets,
 *   as in "Section 5.3. (RFC 6455)";
 * - headings: a section number and title ("7.1.7. Fail the WebSocket
 *   Connection", "5.5.3 Pong:"), form `heading`, which the finder keeps only
 *   in a file that names RFC 6455 and the checker only where the title is
 *   the section's (a version number followed by words is no reference);
 * - contextual: a bare "Section 7.4" / "§7.4" / "section 5.7 of the RFC" in a
 *   comment whose nearest earlier citation is one of RFC 6455, or, with no
 *   citation before it in the comment, in a file about RFC 6455.
 *
 * Pure: no file system access, no corpus (the checker resolves).
 */
import { ID_ANCHOR_PATTERN, ID_SOURCE_PATTERN } from '../corpus/ids.ts';

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
  | 'contextual'
  /** A section number and its title, "7.1.7. Fail the WebSocket Connection". */
  | 'heading'
  /** A section named by its title, "the _Proxy Usage_ section of RFC 6455". */
  | 'title';

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
  /** Cited as draft-ietf-hybi-thewebsocketprotocol-17, whose numbers are RFC 6455's. */
  draft?: string;
  /** For `heading` and `title` forms: the title as written (the checker compares it with the section's). */
  title?: string;
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
const ANCHOR = ID_ANCHOR_PATTERN;

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
const ID_FORM = new RegExp(String.raw`(?<![\w/.#-])(${ID_SOURCE_PATTERN})#(${ANCHOR})`, 'gi');
const DRAFT17_NAME = 'draft-ietf-hybi-thewebsocketprotocol-17';
/** Draft 17 by name or URL (tools.ietf.org, datatracker), optionally with a section anchor. */
const DRAFT17 = new RegExp(
  String.raw`(?:\bhttps?://[^\s<>"')\]]*?/)?\b${DRAFT17_NAME}(?!\d)(?:\.(?:txt|html))?/?(?:#(${ANCHOR}))?`,
  'gi',
);
/** Sphinx's role: `:rfc:\`6455\``, `:rfc:\`6455#section-5.2\``, `:rfc:\`the framing <6455#section-5.2>\``. */
const SPHINX = new RegExp(String.raw`:rfc:\`(?:[^\`<\n]*<)?6455(?:#(${ANCHOR}))?>?\``, 'gi');
const RFC_FORWARD = new RegExp(
  String.raw`${RFC_DOC}(?:\s*[,:]?\s*\(?\s*${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}|(?:\s*[,:]\s*|\s+)(${DOTTED})${PARAGRAPH}${PILCROW}(?![\d.]*\d))`,
  'gi',
);
const RFC_REVERSE = new RegExp(
  String.raw`${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}(?:\s+(?:of|in)\s+(?:the\s+)?${RFC_DOC_REVERSE}|\.?\s*\(\s*${RFC_DOC}\s*\))`,
  'gi',
);
/** "section 5.7 of the RFC": which RFC is the context's. */
const THE_RFC = new RegExp(
  String.raw`${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}\s+(?:of|in)\s+(?:the|this)\s+(?:RFC|spec(?:ification)?)\b(?!\s*-?\d)`,
  'gi',
);
/** "the _Proxy Usage_ section of RFC 6455": a section (or titled list item) named by its title. */
const TITLE_REF = new RegExp(
  String.raw`(?:\bthe\s+)?(?:_([^_\n]{3,60})_|["“]([^"”\n]{3,60})["”])\s+(?:sub)?section\s+(?:of|in)\s+(?:the\s+)?${RFC_DOC_REVERSE}`,
  'gi',
);
/**
 * A heading: a dotted section number (a top-level one with its full stop),
 * then a capitalized title, up to a colon, a quotation, a bracket or the end
 * of the line; "in RFC 6455" after it belongs to it.
 */
const HEADING = new RegExp(
  String.raw`(?<![\w.§#/:-])(\d{1,2}(?:\.\d{1,3}){1,4}\.?|\d{1,2}\.)[ \t]+(_?[A-Z][\w'’/-]*(?:[ \t]+(?!(?:in|of)[ \t]+(?:the[ \t]+)?(?:RFC|\[))[\w'’/_-]+){0,8})(?:[ \t]+(?:in|of)[ \t]+(?:the[ \t]+)?(${RFC_DOC}|RFC[\s-]?\d+|\[[^\]\s]+\]))?`,
  'g',
);
const RFC_BARE = new RegExp(RFC_DOC, 'gi');
const CONTEXTUAL = new RegExp(String.raw`${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}(?![\w.]*\w)`, 'gi');
/** More items of a list or a range: ", 5.5.2", "and 5.5.2", "/5.5.2", "–5.5.3", "through 5.5.3". */
const LIST_MORE = new RegExp(
  String.raw`(?:\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)|\s*(/|[–—]|\s(?:through|to)\s)\s*)(?:§\s*)?(${DOTTED})(?![\d.]*\d)`,
  'y',
);
/** Most sections a range expands to. */
const MAX_RANGE = 30;

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
  // Fetch's hooks: text said of them ("processResponse is called when the
  // response's header list …") is the Fetch Standard's, not ours.
  /\bprocess(?:Response|Request)\w*/g,
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

/** True when `b` is a sibling of section `a` (`5.5.2`, `5.5.3`): "5.5.2-5.5.3" is then a range, not ¶5.5.3. */
function isSibling(a: string, b: string): boolean {
  const pa = a.split('.');
  const pb = b.split('.');
  return pa.length > 1 && pa.length === pb.length && pa.slice(0, -1).join('.') === pb.slice(0, -1).join('.');
}

/** The sections from `from` to `to` (siblings: every one between; otherwise the two ends). */
function rangeNumbers(from: string, to: string): string[] {
  if (!isSibling(from, to)) return [to];
  const parent = from.split('.').slice(0, -1).join('.');
  const first = Number(from.split('.').at(-1));
  const last = Number(to.split('.').at(-1));
  if (!(last > first) || last - first > MAX_RANGE) return [to];
  return Array.from({ length: last - first }, (_, index) => `${parent}.${first + index + 1}`);
}

/**
 * The references of "§N", "§N-P", "§N ¶P": one section or clause, or, where
 * the "paragraph" is a sibling section ("5.5.2-5.5.3"), a range.
 */
function sectionRefs(text: string, form: ReferenceForm, number: string, paragraph?: string, pilcrow?: string): Citation['refs'] {
  if (paragraph && isSibling(number, paragraph)) {
    return [rfcRef(text, form, number), ...rangeNumbers(number, paragraph).map((n) => rfcRef(text, form, n))];
  }
  return [rfcRef(text, form, number, paragraph, pilcrow)];
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
  for (const match of text.matchAll(DRAFT17)) {
    const anchor = match[1] ? rfcAnchor(match[1]) : null;
    const ref = { text: match[0], form: (match[0].includes('//') ? 'url' : 'text') as ReferenceForm, source: 'rfc6455' as const, draft: DRAFT17_NAME };
    push(match, [{ ...ref, anchor, id: anchor ? `rfc6455#${anchor}` : 'rfc6455' }], 0);
  }
  for (const match of text.matchAll(SPHINX)) {
    const anchor = match[1] ? rfcAnchor(match[1]) : null;
    push(match, [{ text: match[0], form: 'text', source: 'rfc6455', anchor, id: anchor ? `rfc6455#${anchor}` : 'rfc6455' }], 0);
  }
  for (const match of text.matchAll(ID_FORM)) {
    const source = match[1]!.toLowerCase() as ReferenceSource;
    // `RFC6455#5.5.1`: a section number after the hash.
    const numeric = source === 'rfc6455' && /^\d{1,2}(?:\.\d{1,3})*$/.test(match[2]!);
    const anchor = numeric ? `section-${match[2]}` : source === 'rfc6455' ? rfcAnchor(match[2]!) : apiAnchor(match[2]!);
    if (isTemplate(anchor)) {
      hits.push({ start: match.index, end: match.index + match[0].length, refs: [], priority: 1, foreign: true });
      continue;
    }
    push(match, [{ text: match[0], form: 'id', source, anchor, id: `${source}#${anchor}` }], 1);
  }
  const withList = (match: RegExpExecArray, first: Citation['refs'], priority: number, form: ReferenceForm = 'text'): void => {
    const refs = [...first];
    let end = match.index + match[0].length;
    let last = first.at(-1)!.anchor!.replace(/^section-/, '');
    LIST_MORE.lastIndex = end;
    for (let more = LIST_MORE.exec(text); more; more = LIST_MORE.exec(text)) {
      const written = text.slice(match.index, more.index + more[0].length);
      const range = more[1] !== undefined && more[1] !== '/';
      const numbers = range ? rangeNumbers(last, more[2]!) : [more[2]!];
      for (const number of numbers) refs.push(rfcRef(written, form, number));
      last = more[2]!;
      end = more.index + more[0].length;
      LIST_MORE.lastIndex = end;
    }
    push(match, refs, priority, end);
  };
  for (const match of text.matchAll(RFC_FORWARD)) {
    const number = match[1] ?? match[4]!;
    const paragraph = match[1] ? match[2] : match[5];
    const pilcrow = match[1] ? match[3] : match[6];
    withList(match, sectionRefs(match[0], 'text', number, paragraph, pilcrow), 2);
  }
  for (const match of text.matchAll(RFC_REVERSE)) {
    push(match, sectionRefs(match[0], 'text', match[1]!, match[2], match[3]), 2);
  }
  for (const match of text.matchAll(THE_RFC)) {
    push(match, sectionRefs(match[0], 'contextual', match[1]!, match[2], match[3]), 2);
  }
  for (const match of text.matchAll(TITLE_REF)) {
    const title = (match[1] ?? match[2]!).trim();
    push(match, [{ text: match[0], form: 'title', source: 'rfc6455', anchor: null, id: 'rfc6455', title }], 2);
  }
  for (const match of text.matchAll(HEADING)) {
    const cited = match[3];
    if (cited && !new RegExp(`^${RFC_DOC}$`, 'i').test(cited)) {
      // "5.2. Foo in RFC 7692": another document's section.
      hits.push({ start: match.index, end: match.index + match[0].length, refs: [], priority: 2.5, foreign: true });
      continue;
    }
    const number = match[1]!.replace(/\.$/, '');
    const title = match[2]!.replace(/[\s_:.,;-]+$/, '').replace(/^_/, '');
    const anchor = `section-${number}`;
    push(match, [{ text: match[0], form: 'heading', source: 'rfc6455', anchor, id: `rfc6455#${anchor}`, title }], 2.5);
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
    withList(match, sectionRefs(match[0], 'contextual', match[1]!, match[2], match[3]), 5, 'contextual');
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
export interface CitationOptions {
  /** Quotations in the text: citations inside them are the quoted spec's own ("[RFC2616]", "Section 7.4"). */
  quoted?: readonly { start: number; end: number }[];
  /**
   * What a bare "Section N" refers to before any citation in this text:
   * `rfc6455` in a file about RFC 6455 (or a comment of pasted RFC text).
   */
  context?: 'rfc6455' | null;
  /** Keep headings ("7.1.7. Fail the WebSocket Connection"): in a file that names RFC 6455. */
  headings?: boolean;
  /** Links of documentation markup: a citation in a link's label and its target count once. */
  links?: readonly { start: number; end: number; hrefStart: number; hrefEnd: number }[];
}

/** Within each link, the target's reference stands for the label's (when the target is ours). */
function oncePerLink(hits: Citation[], links: CitationOptions['links'] = []): Citation[] {
  if (links.length === 0) return hits;
  const dropped = new Set<Citation>();
  for (const link of links) {
    const inside = hits.filter((hit) => hit.start >= link.start && hit.end <= link.end);
    const target = inside.find((hit) => !hit.foreign && hit.start >= link.hrefStart && hit.end <= link.hrefEnd);
    if (!target) continue;
    for (const hit of inside) if (hit !== target) dropped.add(hit);
  }
  return hits.filter((hit) => !dropped.has(hit));
}

/**
 * The citations in one comment text (ours and foreign), in order, with
 * contextual "Section N" kept only after an RFC 6455 citation (or in an
 * RFC 6455 context) and headings only where asked for.
 */
export function citationsIn(text: string, quotedOrOptions: readonly { start: number; end: number }[] | CitationOptions = []): Citation[] {
  const options: CitationOptions = Array.isArray(quotedOrOptions) ? { quoted: quotedOrOptions } : (quotedOrOptions as CitationOptions);
  const quoted = options.quoted ?? [];
  const inQuote = (hit: Citation): boolean => quoted.some((span) => hit.start >= span.start && hit.end <= span.end);
  const candidates = allHits(text).filter(
    (hit) => !inQuote(hit) && (options.headings === true || hit.refs[0]?.form !== 'heading'),
  );
  const hits = oncePerLink(resolveOverlaps(candidates), options.links);
  const out: Citation[] = [];
  let context: 'rfc6455' | 'other' | null = options.context ?? null;
  for (const hit of hits) {
    if (hit.foreign) {
      context = 'other';
      out.push(hit);
      continue;
    }
    const form = hit.refs[0]?.form;
    if (form === 'contextual' || form === 'heading') {
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

export interface QuoteHit {
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
  // A path or a module name ("golang.org/x/net/websocket") is one token, not prose.
  if (body.trim().split(/\s+/).length < 2) return false;
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

