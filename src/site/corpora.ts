/**
 * The corpora the site shows, loaded once per build. Each has a reader
 * (/<source>/<page>/), an overview (/<source>/) and a JSON download
 * (/corpus/<source>.json).
 */
import type { Clause, SourceId } from '../corpus/model.ts';
import { isSourceId, splitId } from '../corpus/model.ts';
import { loadCorpus } from '../corpus/index.ts';
import { ReaderIndex } from './reader/pages.ts';

/** Sources with a reader, in the order the site lists them. */
export const READER_SOURCES: readonly SourceId[] = ['rfc6455', 'whatwg', 'w3c'];

const indexes = new Map<SourceId, ReaderIndex>();

export function readerIndex(source: SourceId): ReaderIndex {
  let index = indexes.get(source);
  if (!index) {
    index = new ReaderIndex(loadCorpus(source));
    indexes.set(source, index);
  }
  return index;
}

/** A clause or section ID as the site links it. */
export interface SiteTarget {
  source: SourceId;
  anchor: string;
  /** The clause, or null when the ID names a section. */
  clause: Clause | null;
  /** `RFC 6455 §5.5.1 ¶2`, `RFC 6455 §5.5.1`. */
  citation: string;
  /** Reader URL, e.g. `/rfc6455/5/#section-5.5.1-2`. */
  href: string;
}

/** Resolves a clause or section ID (`rfc6455#section-5.5.1-2`) to its reader page; null when it names nothing. */
export function siteTarget(id: string): SiteTarget | null {
  const parts = splitId(id);
  if (!parts || !isSourceId(parts.source)) return null;
  const index = readerIndex(parts.source);
  const clause = index.clause(parts.anchor) ?? null;
  const section = clause ? undefined : index.corpus.sections.find((candidate) => candidate.anchor === parts.anchor);
  if (!clause && !section) return null;
  return { source: parts.source, anchor: parts.anchor, clause, citation: clause ? clause.citation : section!.citation, href: index.href(parts.anchor) };
}
