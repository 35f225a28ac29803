/**
 * The RFC 6455 corpus: sections and clauses parsed from the plain-text RFC
 * (the synced copy in .cache/specs, see ../sources/paths.ts).
 *
 * The parser runs in steps, one module each:
 * 1. pages.ts    removes page furniture, remembering where pages broke;
 * 2. outline.ts  finds the headings (skipping title page and contents);
 * 3. chunks.ts   cuts each section body into chunks, rejoining what a page
 *                break split;
 * 4. blocks.ts   reads the chunks as paragraphs, figures, tables and lists;
 * 5. clauses.ts  numbers them as clauses (anchor rules documented there);
 * 6. html.ts     adds display HTML with cross-references linked.
 */
import type { Clause, Corpus, Section } from '../model.ts';
import { readSource } from '../sources/paths.ts';
import { parseBlocks, rehomeInterruptions } from './blocks.ts';
import { chunksOf } from './chunks.ts';
import { clausesOfSection, NON_NORMATIVE, numberBlocks } from './clauses.ts';
import { proseHtml, type LinkTargets } from './html.ts';
import { outlineOf } from './outline.ts';
import { stripFurniture } from './pages.ts';
import { RFC6455_SOURCE } from './source.ts';

export { RFC6455_SOURCE } from './source.ts';
export { rfc6455Href as readerHref, rfc6455PageOf } from '../ids.ts';

function citationOf(number: string | null, title: string): string {
  return number === null ? `${RFC6455_SOURCE.shortName} ${title}` : `${RFC6455_SOURCE.shortName} §${number}`;
}

/** Reference tag → anchor of its entry, from the clauses of §14.x (`[RFC2616] Fielding, …`). */
function referencesOf(sections: readonly Section[], clauses: readonly Clause[]): Map<string, string> {
  const inReferences = new Set(
    sections.filter((section) => section.number?.split('.')[0] === '14').map((s) => s.anchor),
  );
  const references = new Map<string, string>();
  for (const clause of clauses) {
    if (!inReferences.has(clause.section) || clause.kind !== 'list-item') continue;
    const tag = /^\[([^\]\s]+)\]/.exec(clause.text);
    if (tag?.[1] && !references.has(tag[1])) references.set(tag[1], clause.anchor);
  }
  return references;
}

/** Parses the plain text of RFC 6455 into the corpus model. Pure; never throws on odd input. */
export function parseRfc6455(raw: string): Corpus {
  const sections: Section[] = [];
  const clauses: Clause[] = [];
  const nonNormative = new Set<string>();
  const labels = new Map<string, string>();
  for (const outline of outlineOf(stripFurniture(raw))) {
    const chunks = chunksOf(outline.body);
    rehomeInterruptions(chunks);
    const container = chunks.length > 0 ? Math.min(...chunks.map((chunk) => chunk.indent)) : 0;
    const numbered = numberBlocks(parseBlocks(chunks, container));
    const citation = citationOf(outline.number, outline.title);
    const informative =
      numbered[0]?.text === NON_NORMATIVE || (outline.parent !== null && nonNormative.has(outline.parent));
    if (informative) nonNormative.add(outline.anchor);
    const own = clausesOfSection({ anchor: outline.anchor, citation }, numbered, informative);
    numbered.forEach((clause, index) => {
      const anchor = own[index]?.anchor;
      if (clause.label !== undefined && anchor) labels.set(anchor, clause.label);
    });
    sections.push({
      id: `rfc6455#${outline.anchor}`,
      source: 'rfc6455',
      anchor: outline.anchor,
      number: outline.number,
      title: outline.title,
      depth: outline.depth,
      parent: outline.parent,
      citation,
      clauses: own.map((clause) => clause.anchor),
    });
    clauses.push(...own);
  }
  const targets: LinkTargets = {
    sections: new Set(sections.map((section) => section.anchor)),
    references: referencesOf(sections, clauses),
  };
  for (const clause of clauses) {
    if (clause.kind === 'figure' || clause.kind === 'table') continue;
    // A definition entry's label is set off in bold, as a <dt> would be.
    const label = labels.get(clause.anchor);
    clause.html =
      label !== undefined && clause.text.startsWith(label)
        ? `<strong>${proseHtml(label, targets)}</strong>${proseHtml(clause.text.slice(label.length), targets)}`
        : proseHtml(clause.text, targets);
  }
  return { source: RFC6455_SOURCE, sections, clauses };
}

let cached: Corpus | null = null;

/** The RFC 6455 corpus from the synced source, parsed once per process. */
export function loadRfc6455(): Corpus {
  cached ??= parseRfc6455(readSource('rfc6455'));
  return cached;
}
