/**
 * Normative clauses this project does not implement, each with the reason:
 * rules for parties other than a WebSocket client or server library
 * (intermediaries, the IANA, specification authors, browsers' other
 * subsystems), or features deliberately left out. Filled in as the matrix is
 * reviewed; every entry names an existing clause or section (tested).
 */
import type { Clause, Corpus } from '../corpus/model.ts';

/** Clause or section ID → reason. A section entry covers its subsections. */
export const NOT_APPLICABLE: Readonly<Record<string, string>> = {};

function ancestry(clause: Clause, corpus: Corpus): string[] {
  const ids = [clause.id];
  for (let anchor: string | null = clause.section; anchor; ) {
    ids.push(`${clause.source}#${anchor}`);
    anchor = corpus.sections.find((section) => section.anchor === anchor)?.parent ?? null;
  }
  return ids;
}

export function notApplicableReason(clause: Clause, corpus: Corpus): string | null {
  for (const id of ancestry(clause, corpus)) {
    const reason = NOT_APPLICABLE[id];
    if (reason) return reason;
  }
  return null;
}
