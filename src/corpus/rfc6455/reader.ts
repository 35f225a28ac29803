/**
 * Where a section of RFC 6455 is read on the site. The reader has one page
 * per top-level section (`/rfc6455/5/` holds §5 and all of §5.x), one for
 * the front matter (`/rfc6455/front/`: Abstract, Status of This Memo,
 * Copyright Notice) and one for the Authors' Addresses
 * (`/rfc6455/authors-addresses/`, the slug of its title, as for any
 * unnumbered section after the numbered ones; src/site/reader/pages.ts
 * lays the pages out by the same rule). Clause anchors are fragments on
 * those pages.
 */

/** Page slug of a section or clause anchor: `section-5.5.1-2` → `5`. */
export function rfc6455PageOf(anchor: string): string {
  const numbered = /^section-(\d+)(?=[.-]|$)/.exec(anchor);
  if (numbered) return numbered[1] ?? 'front';
  if (anchor.startsWith('section-authors-addresses')) return 'authors-addresses';
  return 'front';
}

/** Site URL of a section or clause anchor: `/rfc6455/5/#section-5.5.1`. */
export function readerHref(anchor: string): string {
  return `/rfc6455/${rfc6455PageOf(anchor)}/#${anchor}`;
}
