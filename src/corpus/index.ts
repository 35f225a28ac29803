/**
 * The corpora by source, and lookups by stable ID (`rfc6455#section-5.5.1-2`)
 * for clauses and sections alike.
 */
import type { Clause, Corpus, Section, SourceId } from './model.ts';
import { SOURCE_IDS, splitId } from './model.ts';
import { loadRfc6455 } from './rfc6455/index.ts';
import { loadWhatwg } from './whatwg/index.ts';
import { loadW3cCr } from './w3c/index.ts';

const LOADERS: Record<SourceId, () => Corpus> = {
  rfc6455: loadRfc6455,
  whatwg: loadWhatwg,
  w3c: loadW3cCr,
};

export function loadCorpus(source: SourceId): Corpus {
  return LOADERS[source]();
}

export function loadAllCorpora(): Corpus[] {
  return SOURCE_IDS.map(loadCorpus);
}

export type Resolved = { kind: 'clause'; clause: Clause; corpus: Corpus } | { kind: 'section'; section: Section; corpus: Corpus };

/** Resolves IDs of every source; memoized indexes per corpus. */
export class CorpusLookup {
  readonly corpora: Corpus[];
  readonly #byId = new Map<string, Resolved>();

  constructor(corpora: Corpus[] = loadAllCorpora()) {
    this.corpora = corpora;
    for (const corpus of corpora) {
      for (const section of corpus.sections) this.#byId.set(section.id, { kind: 'section', section, corpus });
      for (const clause of corpus.clauses) this.#byId.set(clause.id, { kind: 'clause', clause, corpus });
    }
  }

  resolve(id: string): Resolved | null {
    return this.#byId.get(id) ?? null;
  }

  /** The clauses an ID names: the clause itself, or every clause of a section and its subsections. */
  clausesOf(id: string): Clause[] {
    const resolved = this.resolve(id);
    if (!resolved) return [];
    if (resolved.kind === 'clause') return [resolved.clause];
    const parts = splitId(id);
    const prefix = parts?.anchor ?? '';
    const inSection = (section: Section): boolean => {
      for (let s: Section | undefined = section; s; ) {
        if (s.anchor === prefix) return true;
        s = s.parent ? resolved.corpus.sections.find((candidate) => candidate.anchor === s!.parent) : undefined;
      }
      return false;
    };
    const sections = new Set(resolved.corpus.sections.filter(inSection).map((section) => section.anchor));
    return resolved.corpus.clauses.filter((clause) => sections.has(clause.section));
  }
}
