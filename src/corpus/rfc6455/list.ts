/**
 * `node src/corpus/rfc6455/list.ts [section]`: the clauses of a section of
 * RFC 6455 (and of its subsections), or of the whole RFC, one per line:
 * ID, kind, keywords and the start of the text. For picking the clause IDs
 * of `@spec` annotations (README, "Annotations").
 *
 *   node src/corpus/rfc6455/list.ts 5.5.1
 *   node src/corpus/rfc6455/list.ts abstract
 */
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../model.ts';
import { loadRfc6455 } from './index.ts';

const PREVIEW = 100;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > PREVIEW ? `${flat.slice(0, PREVIEW - 1)}…` : flat;
}

/** `5.5.1`, `§5.5.1`, `section-5.5.1`, `abstract` → a section anchor prefix. */
function anchorOf(query: string): string {
  const bare = query.replace(/^§/, '').replace(/^rfc6455#/, '');
  return bare.startsWith('section-') ? bare : `section-${bare}`;
}

/** The listing as lines of text; an unknown section gives an error line and no listing. */
export function listClauses(corpus: Corpus, query?: string): { lines: string[]; ok: boolean } {
  const anchor = query ? anchorOf(query) : null;
  const sections = corpus.sections.filter(
    (section) => anchor === null || section.anchor === anchor || section.anchor.startsWith(`${anchor}.`),
  );
  if (sections.length === 0) return { lines: [`No section ${query} in ${corpus.source.shortName}.`], ok: false };
  const byAnchor = new Map(corpus.clauses.map((clause) => [clause.anchor, clause]));
  const width = Math.max(...corpus.clauses.map((clause) => clause.id.length));
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(`${section.citation}  ${section.number === null ? '' : `${section.title}  `}(${section.id})`);
    for (const anchor of section.clauses) {
      const clause = byAnchor.get(anchor);
      if (!clause) continue;
      const keywords = clause.keywords.length > 0 ? clause.keywords.join(',') : '-';
      const flag = clause.informative ? ' (informative)' : '';
      lines.push(`  ${clause.id.padEnd(width)}  ${clause.kind.padEnd(9)}  ${keywords}${flag}`);
      lines.push(`  ${' '.repeat(width)}  ${preview(clause.text)}`);
    }
  }
  return { lines, ok: true };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { lines, ok } = listClauses(loadRfc6455(), process.argv[2]);
    (ok ? console.log : console.error)(lines.join('\n'));
    if (!ok) process.exitCode = 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
