/**
 * The differential evidence for the pages: which scenarios exercise a
 * clause, and where a scenario is shown in full (/evidence/#scenario-<id>).
 */
import { SCENARIOS, type Scenario } from '../evidence/scenarios.ts';

export const EVIDENCE_PATH = '/evidence/';

export function scenarioHref(id: string): string {
  return `${EVIDENCE_PATH}#scenario-${id}`;
}

let byClause: Map<string, Scenario[]> | undefined;

/** Scenarios that exercise a clause: named by the scenario or by one of its expected lines. */
export function scenariosForClause(clauseId: string): Scenario[] {
  if (!byClause) {
    byClause = new Map();
    for (const scenario of SCENARIOS) {
      const ids = new Set([...scenario.clauses, ...scenario.expected.flatMap((line) => line.clauses)]);
      for (const id of ids) {
        const list = byClause.get(id) ?? [];
        list.push(scenario);
        byClause.set(id, list);
      }
    }
  }
  return byClause.get(clauseId) ?? [];
}
