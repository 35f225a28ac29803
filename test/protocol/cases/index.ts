/**
 * Every browser-runnable case, by module. The Vitest files
 * (test/protocol/<topic>.test.ts) register these very objects with
 * `it(c.title, c.run)`, and the site's "Run in your browser" island imports
 * this module on demand and runs them against the same src/protocol code,
 * bundled for the browser. Nothing here may import Node or Vitest.
 */
import { clauseIdsOf } from './clause-ids.ts';
import { cases as accept } from './accept.cases.ts';
import { cases as closeCodes } from './close-codes.cases.ts';
import { cases as close } from './close.cases.ts';
import { cases as frames } from './frames.cases.ts';
import { cases as masking } from './masking.cases.ts';
import { cases as opcodes } from './opcodes.cases.ts';
import { cases as utf8 } from './utf8.cases.ts';
import type { SpecCase } from './spec-case.ts';

export type { SpecCase } from './spec-case.ts';
export { clauseIdsOf } from './clause-ids.ts';

/** The case modules, by the name of their file (`frames` for frames.cases.ts). */
export const CASE_MODULES: Readonly<Record<string, readonly SpecCase[]>> = {
  frames,
  masking,
  utf8,
  close,
  'close-codes': closeCodes,
  opcodes,
  accept,
};

/** Every case, in module order. */
export const ALL_CASES: readonly SpecCase[] = Object.values(CASE_MODULES).flat();

const byClause = new Map<string, SpecCase[]>();
for (const c of ALL_CASES) {
  for (const id of clauseIdsOf(c.title)) {
    let list = byClause.get(id);
    if (!list) byClause.set(id, (list = []));
    list.push(c);
  }
}

/** The cases whose title names `clauseId` (a clause or section ID, matched exactly). */
export function casesFor(clauseId: string): SpecCase[] {
  return [...(byClause.get(clauseId) ?? [])];
}

/** Every ID some case's title names, in the order first named. */
export const CLAUSES_WITH_BROWSER_CASES: string[] = [...byClause.keys()];
