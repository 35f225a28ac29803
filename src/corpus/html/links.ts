/**
 * Where the links in the API clauses' `html` go.
 *
 * - A definition of the same spec stays document-relative: `#dom-websocket-close`.
 *   The reader is paged (one page per top-level section, the page rule of ../ids.ts),
 *   so the site page-qualifies such links with `linkTargets()`: every id a
 *   clause's html can point at → the clause or section that holds it.
 * - An RFC 6455 concept goes to the RFC reader page of its top-level section
 *   (`rfc6455Href` of ../ids.ts, the page rule): `section-7.1.7` → `/rfc6455/7/#section-7.1.7`.
 * - A reference to RFC 6455 as a whole (`[WSP]`) goes to the reader's overview.
 * If the site moves a reader, change it here (one place).
 */
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { Corpus, SourceId } from '../model.ts';
import { rfc6455Href as rfc6455ReaderHref } from '../ids.ts';

export const READER_PATHS: Readonly<Record<SourceId, string>> = {
  rfc6455: '/rfc6455/',
  whatwg: '/whatwg/',
  w3c: '/w3c/',
};

/**
 * The RFC reader URL of an RFC 6455 anchor: `section-7.1.7` →
 * `/rfc6455/7/#section-7.1.7` (the RFC corpus owns the page rule).
 */
export function rfc6455Href(anchor: string): string {
  return rfc6455ReaderHref(anchor);
}

/**
 * Every id a same-document link (`href="#…"`) of this corpus can target →
 * the anchor of the clause or section that holds it: sections and clauses map
 * to themselves, a `<dfn id>` inside a clause's html to that clause.
 */
export function linkTargets(corpus: Corpus): Map<string, string> {
  const targets = new Map<string, string>();
  for (const section of corpus.sections) targets.set(section.anchor, section.anchor);
  for (const clause of corpus.clauses) {
    targets.set(clause.anchor, clause.anchor);
    if (!clause.html?.includes(' id="')) continue;
    const visit = (node: DefaultTreeAdapterMap['node']): void => {
      if ('attrs' in node) for (const a of node.attrs) if (a.name === 'id' && !targets.has(a.value)) targets.set(a.value, clause.anchor);
      if ('childNodes' in node) node.childNodes.forEach(visit);
    };
    visit(parseFragment(clause.html));
  }
  return targets;
}
