/**
 * Algorithm headings for the API readers. The WHATWG and W3C texts put whole
 * algorithms (the WebSocket constructor, close(), send(), "establish a
 * WebSocket connection") under one heading: WHATWG §3.1 alone has 103
 * clauses. The reader gives each algorithm a subheading, placed before the
 * paragraph that introduces its steps ("The close(code, reason) method steps
 * are:"), so that "On this page" can list and track them.
 *
 * The heading's id is the algorithm's own anchor with `-steps` appended
 * (`dom-websocket-close-steps`): it never repeats a clause or dfn id.
 */
import type { Clause } from '../../corpus/model.ts';

export interface AlgorithmHeading {
  /** Anchor of the clause the heading goes before (the algorithm's introduction). */
  before: string;
  id: string;
  /** `close()`, `establish a WebSocket connection`. */
  text: string;
}

const FIRST_STEP = /-step-1$/;

/** The name of the algorithm a step belongs to, from its label (`close() step 2.2` → `close()`); null if it has none. */
export function algorithmName(stepLabel: string): string | null {
  const name = stepLabel
    .replace(/\s*step\s+[\d.]+$/, '')
    .replace(/^[“"]|[”"]$/g, '')
    .trim();
  return name && !name.startsWith('¶') ? name : null;
}

/**
 * One heading per algorithm of a section, in document order. `labelOf` gives
 * a clause's label within its section (render.ts clauseLabel).
 */
export function algorithmHeadings(clauses: readonly Clause[], labelOf: (clause: Clause) => string): AlgorithmHeading[] {
  const headings: AlgorithmHeading[] = [];
  clauses.forEach((clause, index) => {
    if (clause.kind !== 'step' || !FIRST_STEP.test(clause.anchor)) return;
    const name = algorithmName(labelOf(clause));
    if (!name) return;
    const intro = clauses[index - 1];
    const before = intro && intro.kind !== 'step' ? intro : clause;
    headings.push({ before: before.anchor, id: `${clause.anchor.replace(FIRST_STEP, '')}-steps`, text: name });
  });
  return headings;
}
