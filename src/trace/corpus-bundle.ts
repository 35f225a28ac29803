/**
 * The corpus data the `wsspec` command line needs, as one JSON document: per
 * source its SourceInfo, its sections and its clauses (text, citation, kind,
 * keywords) with each one's site-relative URL (the page rule,
 * `Permalinks.href` of src/corpus/ids.ts), and the extra anchors a clause carries (WHATWG/W3C
 * `<dfn>` ids) so that a spec URL with such an anchor resolves.
 *
 * Two ways to get one:
 * - `loadCorpora()` + `buildCorpusBundle()` parse the synced spec sources
 *   (`npm run sync` fills .cache/specs): the clone's way, and how
 *   `npm run cli:build` writes cli/corpus.json for the npm package;
 * - `readCorpusBundle()` reads such a JSON file: the installed package's
 *   way, offline and without the parsers.
 *
 * The permalink origin: a bundle records the canonical site origin it was
 * built for (`WSSPEC_SITE_URL` at build time, as for the site itself), or
 * null; the command line's `--site` / `WSSPEC_SITE_URL` override it. Without
 * one, permalinks are printed site-relative next to the upstream URL
 * (rfc-editor, whatwg.org, w3.org), which always works.
 *
 * `BundleLookup` answers the questions `cite` and `check` ask of a bundle:
 * what an anchor names, what a section number is, which anchors are near a
 * wrong one.
 */
import { Permalinks } from '../corpus/ids.ts';
import type { Clause, Corpus, Section, SourceInfo } from '../corpus/model.ts';

export const BUNDLE_FORMAT = 'wsspec-corpus/1';

/** A clause as the command line needs it: the corpus fields but the display HTML and refs, plus its permalink. */
export interface BundleClause extends Omit<Clause, 'html' | 'refs'> {
  /** Site-relative permalink, e.g. `/rfc6455/5/#section-5.5.1-2`. */
  url: string;
}

export interface BundleSection extends Section {
  /** Site-relative permalink, e.g. `/rfc6455/5/#section-5.5.1`. */
  url: string;
}

export interface BundleCorpus {
  source: SourceInfo;
  sections: BundleSection[];
  clauses: BundleClause[];
  /** Ids inside clauses that are not clause or section anchors (`<dfn id>`) → the clause anchor. */
  aliases: Record<string, string>;
  /**
   * The anchors the upstream document has (RFC 6455's HTML: section anchors
   * only; WHATWG/W3C: section ids and the ids inside clauses). A clause
   * anchor of ours that is not among them is linked upstream by its section.
   * Absent in bundles written before it existed: every anchor is then taken.
   */
  upstreamAnchors?: string[];
}

export interface CorpusBundle {
  format: typeof BUNDLE_FORMAT;
  /** Canonical origin of the wsspec site the permalinks belong to, or null. */
  site: string | null;
  corpora: BundleCorpus[];
}

/** `id="…"` attributes in a clause's display HTML. */
function idsIn(html: string | undefined): string[] {
  if (!html) return [];
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
}

/** A clause anchor the corpus numbered (`abstract-1`, `…-step-3.2`, `…-step-11.2-2`): not an id upstream. */
const NUMBERED_ANCHOR = /(?:-step-\d+(?:\.\d+)*|-\d+(?:\.\d+)*)(?:-\d+(?:\.\d+)*)*$/;

/** The page rule for one corpus (`Permalinks.href`). */
export type HrefOf = (anchor: string) => string;

/** One corpus in bundle form; `href` is the reader's URL rule for it. */
export function bundleCorpus(corpus: Corpus, href: HrefOf): BundleCorpus {
  const taken = new Set([...corpus.sections.map((s) => s.anchor), ...corpus.clauses.map((c) => c.anchor)]);
  const aliases: Record<string, string> = {};
  for (const clause of corpus.clauses) {
    for (const id of idsIn(clause.html)) {
      if (!taken.has(id) && !(id in aliases)) aliases[id] = clause.anchor;
    }
  }
  // RFC 6455's HTML has section anchors only. The API documents have their
  // ids: sections, ids inside clauses, and the clause anchors that are ids
  // upstream (a `<dfn>`, an example), not the ones the corpus numbers
  // (`abstract-1`, `<owner>-step-3.2`).
  const upstream = new Set(corpus.sections.map((section) => section.anchor));
  if (corpus.source.id !== 'rfc6455') {
    for (const clause of corpus.clauses) {
      for (const id of idsIn(clause.html)) upstream.add(id);
      if (!NUMBERED_ANCHOR.test(clause.anchor)) upstream.add(clause.anchor);
    }
  }
  return {
    upstreamAnchors: [...upstream],
    source: corpus.source,
    sections: corpus.sections.map((section) => ({ ...section, url: href(section.anchor) })),
    clauses: corpus.clauses.map((clause: Clause): BundleClause => {
      const { html: _html, refs: _refs, ...rest } = clause;
      return { ...rest, url: href(clause.anchor) };
    }),
    aliases,
  };
}

/** Normalizes a site origin: no trailing slash; empty → null. */
export function siteOrigin(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim().replace(/\/+$/, '');
  return trimmed === '' ? null : trimmed;
}

/**
 * The bundle of parsed corpora, with their permalinks (site-relative, without
 * the site's base path: a site served under a path has it in its origin,
 * `https://example.org/wsspec`).
 */
export async function buildCorpusBundle(corpora: readonly Corpus[], options: { site?: string | null } = {}): Promise<CorpusBundle> {
  return {
    format: BUNDLE_FORMAT,
    site: siteOrigin(options.site),
    corpora: corpora.map((corpus) => {
      const permalinks = new Permalinks(corpus);
      return bundleCorpus(corpus, (anchor) => permalinks.href(anchor));
    }),
  };
}

/**
 * The three corpora from the synced spec sources (RFC 6455, WHATWG, W3C CR).
 * Imported lazily so that the bundled command line, which reads a JSON
 * bundle, never loads the parsers. Throws the loaders' message (which names
 * the missing file and `npm run sync`) when the cache is not filled.
 */
export async function loadCorpora(): Promise<Corpus[]> {
  const [{ loadRfc6455 }, { loadWhatwg }, { loadW3cCr }] = await Promise.all([
    import('../corpus/rfc6455/index.ts'),
    import('../corpus/whatwg/index.ts'),
    import('../corpus/w3c/index.ts'),
  ]);
  return [loadRfc6455(), loadWhatwg(), loadW3cCr()];
}

/** Parses and checks a bundle's JSON; `origin` names the file in errors. */
export function parseCorpusBundle(json: string, origin: string): CorpusBundle {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`${origin} is not a wsspec corpus bundle: ${(error as Error).message}`);
  }
  const bundle = data as Partial<CorpusBundle> | null;
  if (!bundle || bundle.format !== BUNDLE_FORMAT || !Array.isArray(bundle.corpora)) {
    throw new Error(`${origin} is not a wsspec corpus bundle (expected format ${BUNDLE_FORMAT}).`);
  }
  return { format: BUNDLE_FORMAT, site: siteOrigin(bundle.site ?? null), corpora: bundle.corpora };
}

/** Reads a bundle written by `writeCorpusBundle` (or `npm run cli:build`). */
export async function readCorpusBundle(path: string): Promise<CorpusBundle> {
  const { readFile } = await import('node:fs/promises');
  return parseCorpusBundle(await readFile(path, 'utf8'), path);
}

export async function writeCorpusBundle(path: string, bundle: CorpusBundle): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(bundle)}\n`);
}

/** What an anchor of a source names. */
export type Target =
  | { kind: 'section'; corpus: BundleCorpus; section: BundleSection; clauses: BundleClause[] }
  | {
      kind: 'clause';
      corpus: BundleCorpus;
      clause: BundleClause;
      section: BundleSection;
      clauses: BundleClause[];
      /** The anchor asked for when it is an alias (a `<dfn>` id inside the clause). */
      alias?: string;
    }
  /** An anchor that is not itself a clause but has clauses nested under it (an RFC list, `section-4.2.2-2`). */
  | { kind: 'group'; corpus: BundleCorpus; anchor: string; section: BundleSection; clauses: BundleClause[] };

/** Indexes over a bundle for `cite` and `check` (the parsed corpora's lookup is `CorpusLookup` in src/corpus/index.ts). */
export class BundleLookup {
  readonly bundle: CorpusBundle;
  readonly #sections = new Map<string, Map<string, BundleSection>>();
  readonly #clauses = new Map<string, Map<string, BundleClause>>();
  readonly #children = new Map<string, Map<string, string[]>>();
  readonly #upstream = new Map<string, Set<string>>();

  constructor(bundle: CorpusBundle) {
    this.bundle = bundle;
    for (const corpus of bundle.corpora) {
      const id = corpus.source.id;
      this.#sections.set(id, new Map(corpus.sections.map((section) => [section.anchor, section])));
      this.#clauses.set(id, new Map(corpus.clauses.map((clause) => [clause.anchor, clause])));
      const children = new Map<string, string[]>();
      for (const section of corpus.sections) {
        if (section.parent === null) continue;
        children.set(section.parent, [...(children.get(section.parent) ?? []), section.anchor]);
      }
      this.#children.set(id, children);
    }
  }

  get corpora(): BundleCorpus[] {
    return this.bundle.corpora;
  }

  corpus(source: string): BundleCorpus | undefined {
    return this.bundle.corpora.find((corpus) => corpus.source.id === source);
  }

  section(source: string, anchor: string): BundleSection | undefined {
    return this.#sections.get(source)?.get(anchor);
  }

  clause(source: string, anchor: string): BundleClause | undefined {
    return this.#clauses.get(source)?.get(anchor);
  }

  /** The section and all its subsections, in document order. */
  sectionTree(source: string, anchor: string): BundleSection[] {
    const out: BundleSection[] = [];
    const visit = (current: string): void => {
      const section = this.section(source, current);
      if (section) out.push(section);
      for (const child of this.#children.get(source)?.get(current) ?? []) visit(child);
    };
    visit(anchor);
    return out;
  }

  /** What `<source>#<anchor>` names, or null. */
  resolve(source: string, anchor: string): Target | null {
    const corpus = this.corpus(source);
    if (!corpus) return null;
    const section = this.section(source, anchor);
    if (section) {
      const inTree = new Set(this.sectionTree(source, anchor).map((s) => s.anchor));
      return { kind: 'section', corpus, section, clauses: corpus.clauses.filter((c) => inTree.has(c.section)) };
    }
    const clauseAnchor = this.clause(source, anchor) ? anchor : corpus.aliases[anchor];
    const nested = (owner: string): BundleClause[] =>
      corpus.clauses.filter((c) => {
        if (c.anchor === owner) return true;
        if (!c.anchor.startsWith(owner)) return false;
        const rest = c.anchor.slice(owner.length);
        return rest.startsWith('.') || rest.startsWith('-step-') || /^-\d/.test(rest);
      });
    if (clauseAnchor !== undefined) {
      const clause = this.clause(source, clauseAnchor)!;
      const section = this.section(source, clause.section)!;
      const clauses = nested(clauseAnchor);
      return clauseAnchor === anchor
        ? { kind: 'clause', corpus, clause, section, clauses }
        : { kind: 'clause', corpus, clause, section, clauses, alias: anchor };
    }
    const group = nested(anchor);
    if (group.length > 0) {
      return { kind: 'group', corpus, anchor, section: this.section(source, group[0]!.section)!, clauses: group };
    }
    return null;
  }

  /**
   * The upstream URL of an anchor (rfc-editor, whatwg.org, w3.org), at an
   * anchor the upstream document has: a clause of ours that has no anchor
   * upstream (an RFC paragraph, a WHATWG algorithm step) links its section.
   */
  upstreamUrl(source: string, anchor: string): string {
    const corpus = this.corpus(source);
    if (!corpus) return '';
    return corpus.source.sectionUrl.replace('{anchor}', this.upstreamAnchor(source, anchor));
  }

  /** The nearest anchor of `anchor` the upstream document has (itself, or its section). */
  upstreamAnchor(source: string, anchor: string): string {
    const corpus = this.corpus(source);
    if (!corpus?.upstreamAnchors) return anchor;
    this.#upstream.has(source) || this.#upstream.set(source, new Set(corpus.upstreamAnchors));
    const known = this.#upstream.get(source)!;
    if (known.has(anchor)) return anchor;
    // A numbered clause links its owner (`…-step-3` → the algorithm's id), else its section.
    const owner = anchor.replace(NUMBERED_ANCHOR, '');
    if (owner !== anchor && known.has(owner)) return owner;
    const clause = this.clause(source, anchor) ?? this.clause(source, corpus.aliases[anchor] ?? '');
    if (clause && known.has(clause.section)) return clause.section;
    const numbered = /^(section-\d+(?:\.\d+)*)-/.exec(anchor);
    if (numbered && known.has(numbered[1]!)) return numbered[1]!;
    return anchor;
  }

  /**
   * Sections and clauses near an anchor that names nothing, best first: for
   * `section-7-4` the section `7.4`; for `section-5.5.9` the siblings under
   * §5.5; otherwise the anchors with the smallest edit distance.
   */
  suggestions(source: string, anchor: string, limit = 3): (BundleSection | BundleClause)[] {
    const corpus = this.corpus(source);
    if (!corpus) return [];
    const out: (BundleSection | BundleClause)[] = [];
    const add = (item: BundleSection | BundleClause | undefined): void => {
      if (item && !out.includes(item)) out.push(item);
    };
    const rfc = /^section-(\d+(?:\.\d+)*)(?:-(\d+(?:\.\d+)*))?$/.exec(anchor);
    if (rfc) {
      const [, number, paragraph] = rfc;
      // `section-7-4`: a paragraph of §7 that does not exist, but §7.4 does.
      if (paragraph !== undefined) add(this.section(source, `section-${number}.${paragraph}`));
      if (paragraph !== undefined && this.section(source, `section-${number}`)) {
        add(this.section(source, `section-${number}`));
      }
      // The nearest existing ancestor's children, then the ancestor.
      const parts = number!.split('.');
      for (let length = parts.length - 1; length >= 1 && out.length < limit; length--) {
        const parent = `section-${parts.slice(0, length).join('.')}`;
        const children = this.#children.get(source)?.get(parent) ?? [];
        const last = Number(parts[length]);
        const sorted = [...children].sort((a, b) => {
          const distance = (value: string): number => Math.abs(Number(value.split('.').at(-1)) - last);
          return distance(a) - distance(b);
        });
        for (const child of sorted) add(this.section(source, child));
        add(this.section(source, parent));
        if (out.length > 0) break;
      }
    }
    if (out.length < limit) {
      const candidates: { item: BundleSection | BundleClause; distance: number }[] = [];
      const reach = Math.max(3, Math.floor(anchor.length / 3));
      const consider = (key: string, item: BundleSection | BundleClause | undefined): void => {
        // Lengths further apart than the reach cannot be within it.
        if (item && Math.abs(key.length - anchor.length) <= reach) candidates.push({ item, distance: editDistance(anchor, key) });
      };
      for (const section of corpus.sections) consider(section.anchor, section);
      for (const clause of corpus.clauses) consider(clause.anchor, clause);
      for (const [alias, target] of Object.entries(corpus.aliases)) consider(alias, this.clause(source, target));
      candidates.sort((a, b) => a.distance - b.distance);
      for (const { item, distance } of candidates) {
        if (out.length >= limit) break;
        if (distance <= reach) add(item);
      }
    }
    return out.slice(0, limit);
  }
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
