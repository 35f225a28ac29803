/**
 * Finding the normative keywords of RFC 2119 in a text.
 *
 * RFC 6455 §2 ¶2 uses them in upper case only, so for the RFC a lower-case
 * "must" is plain English and is not counted. The HTML-style API specs use
 * lower-case "must" (their conformance section says so), so for them the scan
 * is case-insensitive and the keyword is reported in upper case.
 */
import { RFC2119_KEYWORDS, type Keyword } from './model.ts';

export interface KeywordMatch {
  keyword: Keyword;
  /** Offset of the match in the scanned text. */
  index: number;
  /** The text as it appears (e.g. `must not`, `MUST\n   NOT`). */
  match: string;
}

// Longest alternatives first ("MUST NOT" before "MUST"); whitespace inside a
// two-word keyword may be a line break in the source.
const ALTERNATIVES = RFC2119_KEYWORDS.map((keyword) => keyword.replace(' ', '\\s+')).join('|');
const UPPER = new RegExp(`\\b(?:${ALTERNATIVES})\\b`, 'g');
const ANY_CASE = new RegExp(`\\b(?:${ALTERNATIVES})\\b`, 'gi');

/** Every keyword occurrence, in order. */
export function findKeywords(text: string, options: { caseInsensitive?: boolean } = {}): KeywordMatch[] {
  const pattern = options.caseInsensitive ? ANY_CASE : UPPER;
  const matches: KeywordMatch[] = [];
  for (const found of text.matchAll(pattern)) {
    const keyword = found[0].toUpperCase().replace(/\s+/, ' ') as Keyword;
    matches.push({ keyword, index: found.index, match: found[0] });
  }
  return matches;
}

/** The keywords of a text in order of occurrence (repeats kept). */
export function keywordsOf(text: string, options: { caseInsensitive?: boolean } = {}): Keyword[] {
  return findKeywords(text, options).map((match) => match.keyword);
}
