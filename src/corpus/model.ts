/**
 * The corpus model: every normative text the site maps, as sections and
 * clauses. One model for all sources (RFC 6455, the WHATWG WebSockets
 * Standard, the W3C WebSocket API), so the site, the traceability build and
 * the `wsspec` command line read them the same way.
 *
 * Identity rules (PRODUCT.md, "Conventions that make it citable"):
 * - A clause is a paragraph, a list item, a figure, a table or an algorithm
 *   step of its source.
 * - Its anchor follows the source's own: RFC section numbers with the
 *   paragraph index appended the way rfc-editor's XMLv3 HTML does
 *   (`section-5.5.1-2`, list items `section-4.1-5.2`); WHATWG/W3C heading
 *   and `<dfn>` ids, algorithm steps as `<owner>-step-3` (nested `-step-3.2`).
 * - Its stable ID is `<source>#<anchor>` (`rfc6455#section-5.5.1-2`): the same
 *   source text always yields the same ID.
 */

import { SOURCE_IDS } from './ids.ts';

/** The sources that have a reader on the site (the ID grammar lives in ./ids.ts). */
export { SOURCE_IDS, splitId, isSourceId } from './ids.ts';
export type SourceId = (typeof SOURCE_IDS)[number];

/**
 * The RFC 2119 keywords, longest first so that a scan takes "MUST NOT" as one
 * keyword and not as "MUST". The RFC uses them in upper case only; the
 * HTML-style API specs use lower-case "must" etc. (see `Keyword`).
 */
export const RFC2119_KEYWORDS = [
  'MUST NOT',
  'MUST',
  'REQUIRED',
  'SHALL NOT',
  'SHALL',
  'SHOULD NOT',
  'SHOULD',
  'RECOMMENDED',
  'MAY',
  'OPTIONAL',
] as const;
export type Rfc2119Keyword = (typeof RFC2119_KEYWORDS)[number];

/**
 * A normative keyword as it appears in a clause. For RFC 6455 it is one of
 * the upper-case RFC 2119 keywords; for the API specs it is the keyword in
 * upper case whatever its case in the source ("must" → "MUST").
 */
export type Keyword = Rfc2119Keyword;

export type ClauseKind =
  /** A paragraph of prose. */
  | 'paragraph'
  /** An item of a bulleted or numbered list (or a definition-list entry). */
  | 'list-item'
  /** A figure, diagram or ABNF/code block, kept verbatim. */
  | 'figure'
  | 'table'
  /** A step of an algorithm (API specs). */
  | 'step'
  /** A note, example or warning box (non-normative in the API specs). */
  | 'note';

export interface Clause {
  /** Stable ID, `<source>#<anchor>`, e.g. `rfc6455#section-5.5.1-2`. */
  id: string;
  source: SourceId;
  /** Fragment identifier on the reader page, e.g. `section-5.5.1-2`. */
  anchor: string;
  /** Anchor of the section that contains the clause. */
  section: string;
  /** Human citation, e.g. `RFC 6455 §5.5.1 ¶2`. */
  citation: string;
  kind: ClauseKind;
  /**
   * The clause's text. Prose has its line breaks and indentation collapsed
   * to single spaces; figures and code keep every character and line break
   * of the source (without the page's left margin).
   */
  text: string;
  /** Normative keywords in order of occurrence (repeats kept). */
  keywords: Keyword[];
  /**
   * Optional inline HTML of the clause for display (only `<a href>`,
   * `<code>`, `<em>`, `<strong>`, `<var>`, `<dfn>`), links already resolved
   * to site URLs or absolute URLs. Text stays the canonical form for quotes.
   */
  html?: string;
  /** Clause or section IDs this clause invokes (e.g. an API step → RFC 6455 §7.1.7). */
  refs?: string[];
  /** True where the source marks the text non-normative (notes, examples). */
  informative?: boolean;
}

export interface Section {
  /** Stable ID, `<source>#<anchor>`, e.g. `rfc6455#section-5.5`. */
  id: string;
  source: SourceId;
  /** e.g. `section-5.5`; for unnumbered front matter `section-abstract`. */
  anchor: string;
  /** Section number as printed (`5.5`), or null for unnumbered sections. */
  number: string | null;
  title: string;
  /** 1 for top-level sections. */
  depth: number;
  /** Anchor of the parent section, null at top level. */
  parent: string | null;
  /** Human citation of the section, e.g. `RFC 6455 §5.5`. */
  citation: string;
  /** Anchors of the clauses directly in this section, in document order. */
  clauses: string[];
}

export interface SourceInfo {
  id: SourceId;
  title: string;
  /** Short name used in citations, e.g. `RFC 6455`. */
  shortName: string;
  /** Canonical URL of the document. */
  url: string;
  /** URL of one section at the canonical site, `{anchor}` replaced. */
  sectionUrl: string;
  /** Licence notice to show wherever the text is reproduced. */
  licence: { name: string; url: string; notice: string };
  /** Date of the text (publication or last change), ISO 8601. */
  date: string;
}

export interface Corpus {
  source: SourceInfo;
  /** All sections in document order (parents before children). */
  sections: Section[];
  /** All clauses in document order. */
  clauses: Clause[];
}

