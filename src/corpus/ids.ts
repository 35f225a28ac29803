/**
 * Clause IDs and permalinks: the one home of both rules (PRODUCT.md,
 * "Conventions that make it citable").
 *
 * The ID grammar: `<source>#<anchor>`, the source one of SOURCE_IDS and the
 * anchor the source's own (`section-5.5.1-2`, `dom-websocket-close`,
 * `<owner>-step-3.2`). Annotations (`@spec <id>`), test titles
 * (`[rfc6455#section-5.1-3]`), the reference finder of `wsspec check` and the
 * corpus lookups all read IDs with the patterns and functions below.
 *
 * The page rule: the reader has one page per top-level section (RFC 6455 §5
 * → /rfc6455/5/, holding §5 and all of §5.x); unnumbered sections before the
 * first numbered one share the front-matter page (/rfc6455/front/); an
 * unnumbered section after them gets the slug of its title
 * (/rfc6455/authors-addresses/). A clause's permalink is its anchor as a
 * fragment on the page of its section. `readerPages` applies the rule to a
 * parsed corpus; `rfc6455PageOf` is the same rule for an RFC anchor alone,
 * for the RFC parser, which links sections before the corpus exists (a test
 * checks the two agree on every anchor of RFC 6455).
 *
 * Pure, no Node imports: the site, the traceability build, the command line
 * and the browser test runner share it.
 */
import type { Corpus, Section, SourceId } from './model.ts';

/** The sources that have a reader on the site. */
export const SOURCE_IDS = ['rfc6455', 'whatwg', 'w3c'] as const;

/** Regular-expression source of an ID's source part. */
export const ID_SOURCE_PATTERN = String.raw`(?:rfc6455|whatwg|w3c)`;

/**
 * Regular-expression source of an ID's anchor where an ID is written in
 * prose or code: word characters, dots, hyphens, colons and `%`, ending in a
 * word character (so a trailing full stop or comma is not part of it).
 */
export const ID_ANCHOR_PATTERN = String.raw`[\w.\-:%]*\w`;

/** Regular-expression source of a whole ID (`rfc6455#section-5.5.1-2`), case-sensitive. */
export const ID_PATTERN = String.raw`${ID_SOURCE_PATTERN}#${ID_ANCHOR_PATTERN}`;

/** `rfc6455#section-5.5.1-2` → { source: 'rfc6455', anchor: 'section-5.5.1-2' }. */
export function splitId(id: string): { source: string; anchor: string } | null {
  const hash = id.indexOf('#');
  if (hash <= 0 || hash === id.length - 1) return null;
  return { source: id.slice(0, hash), anchor: id.slice(hash + 1) };
}

export function isSourceId(value: string): value is SourceId {
  return (SOURCE_IDS as readonly string[]).includes(value);
}

/** An ID of one of our sources, split; null for anything else. */
export function parseClauseId(id: string): { source: SourceId; anchor: string } | null {
  const parts = splitId(id);
  if (!parts || !isSourceId(parts.source) || !new RegExp(`^${ID_ANCHOR_PATTERN}$`).test(parts.anchor)) return null;
  return { source: parts.source, anchor: parts.anchor };
}

export function clauseId(source: SourceId, anchor: string): string {
  return `${source}#${anchor}`;
}

// ---------------------------------------------------------------------------
// Pages and permalinks

export interface ReaderPage {
  source: SourceId;
  /** URL segment: the section number (`5`), `front`, or a slug of the title. */
  slug: string;
  /** Page title, e.g. `5. Data Framing`. */
  title: string;
  /** The top-level sections on this page and all their subsections, in order. */
  sections: Section[];
}

/** The slug of an unnumbered section's title: `Authors' Addresses` → `authors-addresses`. */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function pageTitle(top: Section): string {
  return top.number ? `${top.number}. ${top.title}` : top.title;
}

/** Groups a corpus's sections into reader pages, in document order (the page rule). */
export function readerPages(corpus: Corpus): ReaderPage[] {
  const pages: ReaderPage[] = [];
  let seenNumbered = false;
  for (const section of corpus.sections) {
    const current = pages.at(-1);
    if (section.depth > 1) {
      if (!current) throw new Error(`${section.id} comes before any top-level section`);
      current.sections.push(section);
      continue;
    }
    if (section.number) {
      seenNumbered = true;
      pages.push({ source: corpus.source.id, slug: section.number, title: pageTitle(section), sections: [section] });
    } else if (!seenNumbered && current && current.slug === 'front') {
      current.sections.push(section);
    } else if (!seenNumbered) {
      pages.push({ source: corpus.source.id, slug: 'front', title: 'Front matter', sections: [section] });
    } else {
      pages.push({ source: corpus.source.id, slug: slugify(section.title), title: section.title, sections: [section] });
    }
  }
  return pages;
}

/** Site-relative path of a reader page: `/rfc6455/5/`. */
export function pagePath(source: SourceId, slug: string): string {
  return `/${source}/${slug}/`;
}

/** The page rule over one parsed corpus: which page holds a section, and every anchor's permalink. */
export class Permalinks {
  readonly corpus: Corpus;
  readonly pages: ReaderPage[];
  readonly #pageOfSection = new Map<string, ReaderPage>();
  readonly #sectionOfClause = new Map<string, string>();

  constructor(corpus: Corpus) {
    this.corpus = corpus;
    this.pages = readerPages(corpus);
    for (const page of this.pages) for (const section of page.sections) this.#pageOfSection.set(section.anchor, page);
    for (const clause of corpus.clauses) this.#sectionOfClause.set(clause.anchor, clause.section);
  }

  hasSection(anchor: string): boolean {
    return this.#pageOfSection.has(anchor);
  }

  pageOfSection(sectionAnchor: string): ReaderPage {
    const page = this.#pageOfSection.get(sectionAnchor);
    if (!page) throw new Error(`No reader page holds section ${sectionAnchor} of ${this.corpus.source.id}`);
    return page;
  }

  /** Site-relative permalink of a section or clause anchor, e.g. `/rfc6455/5/#section-5.5.1-2`. */
  href(anchor: string): string {
    const page = this.pageOfSection(this.#sectionOfClause.get(anchor) ?? anchor);
    return `${pagePath(page.source, page.slug)}#${anchor}`;
  }
}

/**
 * Page slug of an RFC 6455 section or clause anchor without the parsed
 * corpus (the page rule above, for the RFC's anchors): `section-5.5.1-2` →
 * `5`; the Authors' Addresses → `authors-addresses`; front matter → `front`.
 */
export function rfc6455PageOf(anchor: string): string {
  const numbered = /^section-(\d+)(?=[.-]|$)/.exec(anchor);
  if (numbered) return numbered[1]!;
  if (anchor.startsWith('section-authors-addresses')) return 'authors-addresses';
  return 'front';
}

/** Site-relative permalink of an RFC 6455 anchor: `/rfc6455/5/#section-5.5.1`. */
export function rfc6455Href(anchor: string): string {
  return `${pagePath('rfc6455', rfc6455PageOf(anchor))}#${anchor}`;
}
