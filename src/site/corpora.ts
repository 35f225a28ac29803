/**
 * The corpora the site shows, loaded once per build. Each has a reader
 * (/<source>/<page>/), an overview (/<source>/) and a JSON download
 * (/corpus/<source>.json).
 */
import type { Corpus, SourceId } from '../corpus/model.ts';
import { loadRfc6455 } from '../corpus/rfc6455/index.ts';
import { ReaderIndex } from './reader/pages.ts';

const LOADERS: Partial<Record<SourceId, () => Corpus>> = {
  rfc6455: loadRfc6455,
};

/** Sources with a reader, in the order the site lists them. */
export const READER_SOURCES = Object.keys(LOADERS) as SourceId[];

const indexes = new Map<SourceId, ReaderIndex>();

export function readerIndex(source: SourceId): ReaderIndex {
  let index = indexes.get(source);
  if (!index) {
    const load = LOADERS[source];
    if (!load) throw new Error(`No reader for source ${source}`);
    index = new ReaderIndex(load());
    indexes.set(source, index);
  }
  return index;
}
