/**
 * Clause IDs in test names: `[rfc6455#section-5.1-3]` in a `describe` or
 * test title. Several IDs may share one bracket, separated by commas or
 * spaces (`[rfc6455#section-5.1-3, rfc6455#section-7.1.7-1]`), or stand in
 * brackets of their own. No Node imports: the browser's test runner reads
 * titles with it too.
 */
import { ID_SOURCE_PATTERN } from '../corpus/ids.ts';

// The ID grammar is src/corpus/ids.ts's; in a title the anchor ends at a bracket, a comma or a space.
const ID = String.raw`${ID_SOURCE_PATTERN}#[^\]\s,]+`;
const BRACKET = new RegExp(String.raw`\[(${ID}(?:\s*,?\s*${ID})*)\]`, 'g');

/** The clause IDs named in one title, in order. */
export function clauseIdsIn(title: string): string[] {
  const ids: string[] = [];
  for (const match of title.matchAll(BRACKET)) {
    for (const id of match[1]!.split(/[\s,]+/)) if (id) ids.push(id);
  }
  return ids;
}
