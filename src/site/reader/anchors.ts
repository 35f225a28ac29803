/**
 * Where an anchor copied from the upstream text lands in the paged reader.
 * The RFC, the WHATWG standard and the W3C CR are each one document, so a
 * link copied from them (`rfc6455.html#section-7.4.1`,
 * `websockets.spec.whatwg.org/#dom-websocket-close`) carries only a
 * fragment; here the text is split into pages. This table, built from the
 * corpus, maps every section, clause and `<dfn>` id to the page that holds
 * it, for the small script on each spec's overview (and on a page that does
 * not hold the fragment it was opened with) that sends the reader there.
 */
import { linkTargets } from '../../corpus/html/links.ts';
import type { ReaderIndex } from './pages.ts';

export interface AnchorTable {
  /** Page URLs (with the base path), in reader order. */
  pages: string[];
  /** Fragment → index into `pages`. */
  anchors: Record<string, number>;
}

export function anchorTable(index: ReaderIndex): AnchorTable {
  const pages: string[] = [];
  const pageNumber = new Map<string, number>();
  const anchors: Record<string, number> = {};
  for (const [fragment, holder] of linkTargets(index.corpus)) {
    const path = index.href(holder).split('#')[0]!;
    let number = pageNumber.get(path);
    if (number === undefined) {
      number = pages.push(path) - 1;
      pageNumber.set(path, number);
    }
    anchors[fragment] = number;
  }
  return { pages, anchors };
}

/** The URL a fragment lands on, or null when the spec has no such anchor. Runs in the browser too. */
export function landingUrl(table: AnchorTable, fragment: string): string | null {
  const number = Object.hasOwn(table.anchors, fragment) ? table.anchors[fragment] : undefined;
  return number === undefined ? null : `${table.pages[number]}#${encodeURIComponent(fragment).replace(/%2F/g, '/')}`;
}
