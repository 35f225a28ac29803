/**
 * The corpora the site shows, loaded once per build. Each has a reader
 * (/<source>/<page>/), an overview (/<source>/) and a JSON download
 * (/corpus/<source>.json).
 */
import type { SourceId } from '../corpus/model.ts';
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
