/**
 * The committed manifest of spec sources (`manifest.json` beside this file):
 * what each source is, where it comes from, its licence, and the SHA-256 of
 * its normalized text. Spec texts themselves are never committed; `sync.ts`
 * fetches them into a gitignored cache and checks them against this list.
 */
import type { Normalization } from './normalize.ts';
import manifestJson from './manifest.json' with { type: 'json' };

export type LicenceId = 'ietf-trust' | 'w3c-document' | 'cc-by-4.0';

export interface Licence {
  name: string;
  url: string;
  /** The notice shown wherever the text is reproduced. */
  notice: string;
}

/** Which family a source belongs to; the parsers pick their inputs by group. */
export type SourceGroup =
  | 'rfc6455'
  | 'w3c-editors-draft'
  | 'w3c-tr'
  | 'whatwg-latest'
  | 'whatwg-history'
  | 'whatwg-review-draft'
  | 'whatwg-licence';

export interface SourceEntry {
  /** Unique key, e.g. `rfc6455`, `w3c-ed-r1.210`, `w3c-tr-2012-09-20`. */
  key: string;
  group: SourceGroup;
  /** Path inside the mirror and inside the cache (same layout). */
  path: string;
  title: string;
  /** Canonical URL for people (cited on the site). */
  url: string;
  /** URL the sync step downloads the exact text from. */
  download: string;
  licence: LicenceId;
  normalize: Normalization;
  /** SHA-256 (hex) of the normalized text. */
  sha256: string;
  /** ISO date of the version. */
  date?: string;
  /** W3C editor's draft: CVS revision number, e.g. `1.210`. */
  revision?: string;
  /** Commit message (W3C CVS log entry, WHATWG git commit subject). */
  log?: string;
  /** git commit the text was taken from. */
  commit?: string;
  /** Old dev.w3.org cvsweb URL of a W3C revision. */
  cvsweb?: string;
  /** WHATWG svn revision a W3C editor's draft revision was generated from. */
  whatwgSvnRevision?: number;
  /** W3C /TR maturity level, e.g. `Candidate Recommendation`. */
  status?: string;
}

export interface Manifest {
  description: string;
  licences: Record<LicenceId, Licence>;
  sources: SourceEntry[];
}

export const manifest = manifestJson as Manifest;

export function sourcesInGroup(group: SourceGroup): SourceEntry[] {
  return manifest.sources.filter((entry) => entry.group === group);
}

export function sourceByKey(key: string): SourceEntry {
  const entry = manifest.sources.find((candidate) => candidate.key === key);
  if (!entry) throw new Error(`No source "${key}" in src/corpus/sources/manifest.json`);
  return entry;
}
