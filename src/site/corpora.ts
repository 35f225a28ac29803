/**
 * The corpora the site shows, loaded once per build. Each has a reader
 * (/<source>/<page>/), an overview (/<source>/) and a JSON download
 * (/corpus/<source>.json).
 */
import type { Corpus, SourceId } from '../corpus/model.ts';
import { loadRfc6455 } from '../corpus/rfc6455/index.ts';
import { loadWhatwg } from '../corpus/whatwg/index.ts';
import { loadW3cCr } from '../corpus/w3c/index.ts';
import { ReaderIndex } from './reader/pages.ts';

const LOADERS: Record<SourceId, () => Corpus> = {
  rfc6455: loadRfc6455,
  whatwg: loadWhatwg,
  w3c: loadW3cCr,
};

/** Sources with a reader, in the order the site lists them. */
export const READER_SOURCES: readonly SourceId[] = ['rfc6455', 'whatwg', 'w3c'];

const indexes = new Map<SourceId, ReaderIndex>();

export function readerIndex(source: SourceId): ReaderIndex {
  let index = indexes.get(source);
  if (!index) {
    index = new ReaderIndex(LOADERS[source]());
    indexes.set(source, index);
  }
  return index;
}
