/**
 * How a corpus is laid out as reader pages: one page per top-level section
 * (RFC 6455 §5 → /rfc6455/5/), with unnumbered front matter grouped on one
 * page (/rfc6455/front/). The same rule gives every clause its permalink, so
 * the pages, the citations and the JSON corpus agree.
 */
import type { Clause, Corpus, Section, SourceId } from '../../corpus/model.ts';
import { linkTargets } from '../../corpus/html/links.ts';
import { clauseBodyHtml } from './render.ts';

export interface ReaderPage {
  source: SourceId;
  /** URL segment: the section number (`5`), `front`, or a slug of the title. */
  slug: string;
  /** Page title, e.g. `5. Data Framing`. */
  title: string;
  /** The top-level sections on this page and all their subsections, in order. */
  sections: Section[];
}

function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function pageTitle(top: Section): string {
  return top.number ? `${top.number}. ${top.title}` : top.title;
}

/** Groups sections into pages, in document order. */
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

export function pagePath(source: SourceId, slug: string): string {
  return `/${source}/${slug}/`;
}

/** Index from section anchor to its page, and helpers to link clauses. */
export class ReaderIndex {
  readonly pages: ReaderPage[];
  readonly #pageOfSection = new Map<string, ReaderPage>();
  readonly #clauses = new Map<string, Clause>();
  readonly corpus: Corpus;

  constructor(corpus: Corpus) {
    this.corpus = corpus;
    this.pages = readerPages(corpus);
    for (const page of this.pages) {
      for (const section of page.sections) this.#pageOfSection.set(section.anchor, page);
    }
    for (const clause of corpus.clauses) this.#clauses.set(clause.anchor, clause);
  }

  pageOfSection(sectionAnchor: string): ReaderPage {
    const page = this.#pageOfSection.get(sectionAnchor);
    if (!page) throw new Error(`No reader page holds section ${sectionAnchor} of ${this.corpus.source.id}`);
    return page;
  }

  clause(anchor: string): Clause | undefined {
    return this.#clauses.get(anchor);
  }

  #targets: Map<string, string> | undefined;

  /**
   * The clause's display HTML for its reader page: keywords marked, links to
   * the same spec page-qualified (the reader is paged, the source is one
   * document), and ids that would repeat an anchor of the page dropped.
   */
  clauseHtml(clause: Clause): string {
    this.#targets ??= linkTargets(this.corpus);
    const targets = this.#targets;
    const page = this.pageOfSection(clause.section);
    return clauseBodyHtml(clause)
      .replace(/ id="([^"]*)"/g, (whole, id: string) =>
        id === clause.anchor || this.#clauses.has(id) || this.#pageOfSection.has(id) ? '' : whole,
      )
      .replace(/ href="#([^"]*)"/g, (whole, fragment: string) => {
        const holder = targets.get(decodeURIComponent(fragment));
        if (!holder) return whole;
        const target = this.#clauses.get(holder)?.section ?? holder;
        const targetPage = this.pageOfSection(target);
        if (targetPage === page) return whole;
        return ` href="${pagePath(targetPage.source, targetPage.slug)}#${fragment}"`;
      });
  }

  /** Site-relative URL of a section or clause anchor, e.g. `/rfc6455/5/#section-5.5.1-2`. */
  href(anchor: string): string {
    const clause = this.#clauses.get(anchor);
    const section = clause ? clause.section : anchor;
    const page = this.pageOfSection(section);
    return `${pagePath(page.source, page.slug)}#${anchor}`;
  }
}
