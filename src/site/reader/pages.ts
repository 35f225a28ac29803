/**
 * How a corpus is laid out as reader pages: one page per top-level section
 * (RFC 6455 §5 → /rfc6455/5/), with unnumbered front matter grouped on one
 * page (/rfc6455/front/). The same rule gives every clause its permalink, so
 * the pages, the citations and the JSON corpus agree.
 */
import type { Clause, Corpus, SourceId } from '../../corpus/model.ts';
import { linkTargets } from '../../corpus/html/links.ts';
import { clauseBodyHtml } from './render.ts';
import { describeGenericLinks } from './generic-links.ts';
// Links the corpus made into another reader (`/rfc6455/7/#…`) are site-relative: withBaseInHtml adds the base path.
import { withBase, withBaseInHtml } from '../base.ts';
import { pagePath as corpusPagePath, readerPages, type ReaderPage } from '../../corpus/ids.ts';

// The page rule lives with the clause IDs on the corpus floor (one home).
export { readerPages, type ReaderPage } from '../../corpus/ids.ts';

/** A reader page's URL, under the site's base path (`/wsspec/rfc6455/5/`). */
export function pagePath(source: SourceId, slug: string): string {
  return withBase(corpusPagePath(source, slug));
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
   * document), ids that would repeat an anchor of the page dropped, and a
   * link whose words name no destination ("this") described for screen
   * readers (./generic-links.ts).
   */
  clauseHtml(clause: Clause): string {
    this.#targets ??= linkTargets(this.corpus);
    const targets = this.#targets;
    const page = this.pageOfSection(clause.section);
    return withBaseInHtml(describeGenericLinks(clauseBodyHtml(clause), this.corpus.source.shortName))
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
