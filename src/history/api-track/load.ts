/**
 * Loading the versions the API track is computed from (the only module here
 * that reads files): the W3C editor's drafts r1.1 … r1.315 and the six /TR
 * publications, the WHATWG versions 2021–2025, its Review Drafts and
 * today's `index.bs`, all through the corpus parsers and the manifest.
 */
import type { Clause } from '../../corpus/model.ts';
import { sourcesInGroup, type SourceEntry } from '../../corpus/sources/manifest.ts';
import { loadW3cCr, loadW3cSource, W3C_CR_KEY, w3cCrSourceInfo } from '../../corpus/w3c/index.ts';
import { loadWhatwg, loadWhatwgSource, whatwgSourceInfo } from '../../corpus/whatwg/index.ts';
import type { ApiHistoryInput, PublicationVersion, SequenceVersion } from './history.ts';
import type { VersionInfo } from './types.ts';

const STATUS_LABELS: Readonly<Record<string, string>> = {
  'Working Draft': 'WD',
  'Last Call Working Draft': 'LCWD',
  'Candidate Recommendation': 'CR',
};

/** `w3c-ed-r1.210` → r1.210 with its log, date, links; a WHATWG commit → `771cd4f`. */
export function versionInfo(entry: SourceEntry): VersionInfo {
  const isW3c = entry.group === 'w3c-editors-draft';
  return {
    key: entry.key,
    label: isW3c ? `r${entry.revision ?? '?'}` : (entry.commit ?? entry.key).slice(0, 7),
    date: entry.date ?? '',
    log: entry.log ?? '',
    url: entry.url,
    revision: entry.revision ?? null,
    commit: entry.commit ?? null,
    cvsweb: entry.cvsweb ?? null,
    whatwgSvnRevision: entry.whatwgSvnRevision ?? null,
  };
}

/** `WD 2011-04-19`, `LCWD 2011-09-29`, `CR 2012-09-20`, `Review Draft 2022-03`. */
export function publicationLabel(entry: SourceEntry): string {
  if (entry.group === 'whatwg-review-draft') return `Review Draft ${entry.date ?? ''}`;
  return `${STATUS_LABELS[entry.status ?? ''] ?? entry.status ?? 'TR'} ${entry.date ?? ''}`;
}

function publication(entry: SourceEntry, clauses: readonly Clause[]): PublicationVersion {
  return {
    info: {
      key: entry.key,
      label: publicationLabel(entry),
      title: entry.title,
      status: entry.group === 'whatwg-review-draft' ? 'Review Draft' : (entry.status ?? ''),
      date: entry.date ?? '',
      url: entry.url,
    },
    clauses,
  };
}

const byDate = (a: SourceEntry, b: SourceEntry): number => ((a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : 0);

/** Everything `buildApiHistory` needs, parsed from the synced spec cache (≈ 2.5 s). */
export function loadApiHistoryInput(): ApiHistoryInput {
  const cr = loadW3cCr();
  const latest = loadWhatwg();
  const w3cUrl = w3cCrSourceInfo().sectionUrl;
  const whatwgUrl = whatwgSourceInfo().sectionUrl;
  const w3cRevisions: SequenceVersion[] = sourcesInGroup('w3c-editors-draft').map((entry) => ({
    info: versionInfo(entry),
    clauses: loadW3cSource(entry.key).clauses,
  }));
  const w3cPublications = [...sourcesInGroup('w3c-tr')]
    .sort(byDate)
    .map((entry) => publication(entry, entry.key === W3C_CR_KEY ? cr.clauses : loadW3cSource(entry.key).clauses));
  // Manifest order is commit order (two 2022-02 commits have author dates out of order).
  const whatwgVersions: SequenceVersion[] = sourcesInGroup('whatwg-history').map((entry) => ({
    info: versionInfo(entry),
    clauses: loadWhatwgSource(entry.key).clauses,
  }));
  const whatwgReviewDrafts = [...sourcesInGroup('whatwg-review-draft')]
    .sort(byDate)
    .map((entry) => publication(entry, loadWhatwgSource(entry.key).clauses));
  return {
    w3cRevisions,
    w3cPublications,
    crKey: W3C_CR_KEY,
    crSections: cr.sections,
    w3cUrl: (anchor) => w3cUrl.replace('{anchor}', anchor),
    whatwgVersions,
    whatwgReviewDrafts,
    whatwgLatest: latest.clauses,
    whatwgUrl: (anchor) => whatwgUrl.replace('{anchor}', anchor),
  };
}
