/** Shared HTML → clauses machinery of the API corpora (WHATWG, W3C). */
export { buildCorpus, type WalkOptions } from './clauses.ts';
export { renderInline, type InlineOptions, type InlineResult } from './inline.ts';
export { READER_PATHS, linkTargets, rfc6455Href } from './links.ts';
export {
  RFC6455_TERMS,
  RFC6455_TERM_SECTION_IDS,
  normalizeTerm,
  rfcSectionOfTerm,
  rfcSectionOfUrl,
  type Rfc6455Term,
} from './rfc6455-terms.ts';
export { bikeshedSlug, collapseWhitespace } from './slug.ts';
