/**
 * Placing a publication (a W3C /TR document, a WHATWG Review Draft) on the
 * sequence of versions it was made from (pure).
 *
 * The base version is the one that shares the most clause texts with the
 * publication, exactly. Several consecutive versions often tie (a revision
 * that only touched the document's date); the tie goes to the latest one
 * not dated after the publication, or, if all are later, the earliest.
 */
import type { MatchItem } from './matcher.ts';

export interface PublicationBase {
  /** Index of the base version. */
  index: number;
  /** Publication clauses whose text is exactly in the base version. */
  identical: number;
}

/** True when `versionDate` (YYYY-MM-DD) is not after `publicationDate` (YYYY-MM-DD or YYYY-MM). */
export function notAfter(versionDate: string, publicationDate: string): boolean {
  return versionDate.slice(0, publicationDate.length) <= publicationDate;
}

export function publicationBase(
  publication: readonly MatchItem[],
  publicationDate: string,
  versions: ReadonlyArray<readonly MatchItem[]>,
  versionDates: readonly string[],
): PublicationBase {
  const texts = publication.map((c) => c.text);
  let best: PublicationBase | null = null;
  versions.forEach((clauses, index) => {
    const available = new Map<string, number>();
    for (const c of clauses) available.set(c.text, (available.get(c.text) ?? 0) + 1);
    let identical = 0;
    for (const text of texts) {
      const left = available.get(text) ?? 0;
      if (left > 0) {
        identical++;
        available.set(text, left - 1);
      }
    }
    const isNotAfter = notAfter(versionDates[index] ?? '', publicationDate);
    // More identical texts wins; on a tie, a later version not dated after
    // the publication wins (versions after it keep the earliest).
    if (best === null || identical > best.identical || (identical === best.identical && isNotAfter)) {
      best = { index, identical };
    }
  });
  return best ?? { index: 0, identical: 0 };
}
