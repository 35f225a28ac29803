/**
 * The differential evidence for the pages, from the recorded run
 * (.cache/evidence/scenarios.json, read by history/evidence.ts): the grid of
 * /evidence/ (scenario × implementation, each cell a verdict and what was
 * observed), each clause's count per implementation (only the lines naming
 * that clause count: attribution.ts), and /evidence.json, the same data for
 * other tools. Never hand-written: without a run the pages say so.
 */
import { CONFORMING_NOTES, KNOWN_DIFFERENCES } from '../evidence/expectations.ts';
import type { ConformingNote, KnownDifference } from '../evidence/expectations.ts';
import { IMPLEMENTATIONS } from '../evidence/observation.ts';
import type { EvidenceFile, Implementation, ObservationRecord, Verdict } from '../evidence/observation.ts';
import { SCENARIOS, type Scenario } from '../evidence/scenarios.ts';
import { SUPPORT } from '../evidence/support.ts';
import { parseConsoleLine } from '../evidence/track.ts';
import { withBase } from './base.ts';
import { describeRecord } from './evidence/adapter.ts';
import { evidence } from './history/evidence.ts';

export const EVIDENCE_PATH = withBase('/evidence/');
export const EVIDENCE_JSON_PATH = withBase('/evidence.json');

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

/** The recorded run, or null. */
export function evidenceFile(): EvidenceFile | null {
  const view = evidence();
  return view.status === 'recorded' ? view.file : null;
}

/** The implementations of the run, in the pages' order (ours first). */
export function implementationsOf(file: EvidenceFile): Implementation[] {
  return IMPLEMENTATIONS.filter((implementation) => file.implementations[implementation] !== undefined);
}

/** A short column label: "Firefox 153.8.0". */
export function shortLabel(file: EvidenceFile, implementation: Implementation): string {
  const info = file.implementations[implementation];
  if (implementation === 'wsspec') return 'ours';
  const name = info.name.replace(/ \(.*\)$/, '');
  const version = info.version.replace(/ \(.*\)$/, '');
  return `${name} ${version}`;
}

export interface GridCell {
  implementation: Implementation;
  kind: 'match' | 'differs' | 'none';
  /** ✓ / ✗ / — */
  text: string;
  /** What was observed, for the cell's title: "error → close 1006, unclean; console: …". */
  title: string;
  observed: string[];
  console: string[];
  differingClauses: string[];
  difference: KnownDifference | null;
  notes: ConformingNote[];
}

function recordOf(file: EvidenceFile, scenario: string, implementation: Implementation): ObservationRecord | undefined {
  return file.runs.find((run) => run.scenario === scenario && run.implementation === implementation);
}

function verdictOf(file: EvidenceFile, scenario: string, implementation: Implementation): Verdict | undefined {
  return file.verdicts.find((verdict) => verdict.scenario === scenario && verdict.implementation === implementation);
}

/** One cell of the grid. */
export function gridCell(file: EvidenceFile, scenario: string, implementation: Implementation): GridCell {
  const record = recordOf(file, scenario, implementation);
  const verdict = verdictOf(file, scenario, implementation);
  if (record === undefined || verdict === undefined) {
    return { implementation, kind: 'none', text: '—', title: 'not recorded', observed: [], console: [], differingClauses: [], difference: null, notes: [] };
  }
  const observed = describeRecord(record);
  const console = record.console.map((line) => parseConsoleLine(line, implementation).text);
  const difference = verdict.matches ? null : (KNOWN_DIFFERENCES.find((candidate) => candidate.scenario === scenario && candidate.implementation === implementation) ?? null);
  const notes = CONFORMING_NOTES.filter((note) => note.scenario === scenario && note.implementation === implementation);
  const saw = observed.length > 0 ? observed.join(' → ') : 'no event';
  const title = [
    `${verdict.matches ? 'As required' : 'Differs'}: ${saw}`,
    ...(difference !== null ? [difference.summary, ...(difference.intermittent !== undefined ? [`Intermittent: ${difference.intermittent}`] : [])] : []),
    ...(notes.length > 0 ? notes.map((note) => `Conforms: ${note.line}`) : []),
    ...(console.length > 0 ? [`console: ${console.join(' | ')}`] : []),
  ].join('\n');
  return {
    implementation,
    kind: verdict.matches ? 'match' : 'differs',
    text: verdict.matches ? (notes.length > 0 ? '✓*' : '✓') : '✗',
    title: title.length > 600 ? `${title.slice(0, 597)}…` : title,
    observed,
    console,
    differingClauses: verdict.differingClauses ?? [],
    difference,
    notes,
  };
}

export interface ClauseCount {
  implementation: Implementation;
  label: string;
  /** Scenarios whose lines naming the clause matched. */
  matching: number;
  /** Scenarios with a line naming the clause, recorded for this implementation. */
  total: number;
  /** The scenarios where this implementation's lines for the clause differ. */
  differing: string[];
}

/** Scenarios whose expected lines name the clause (the ones a clause's count is made of). */
export function scenariosWithLinesFor(clauseId: string): Scenario[] {
  return SCENARIOS.filter((scenario) => scenario.expected.some((line) => line.clauses.includes(clauseId)));
}

/**
 * Each implementation's count for a clause: of the scenarios with a line
 * naming the clause, those where no difference was charged to it.
 */
export function clauseCounts(file: EvidenceFile, clauseId: string): ClauseCount[] {
  const scenarios = scenariosWithLinesFor(clauseId);
  return implementationsOf(file).map((implementation) => {
    let matching = 0;
    let total = 0;
    const differing: string[] = [];
    for (const scenario of scenarios) {
      const verdict = verdictOf(file, scenario.id, implementation);
      if (verdict === undefined) continue;
      total++;
      if ((verdict.differingClauses ?? []).includes(clauseId)) differing.push(scenario.id);
      else matching++;
    }
    return { implementation, label: shortLabel(file, implementation), matching, total, differing };
  });
}

/** What /evidence.json holds: the recorded run and everything the pages derive from it. */
export function evidenceJson(): object {
  const file = evidenceFile();
  if (file === null) return { format: 'wsspec-evidence/1', recorded: false, message: 'No evidence run recorded in this build: run npm test.' };
  const clauses = [...new Set(SCENARIOS.flatMap((scenario) => scenario.expected.flatMap((line) => line.clauses)))].sort();
  return {
    format: 'wsspec-evidence/1',
    recorded: true,
    about:
      'The scenario runs of wsspec (src/evidence): for each scenario, what the standard requires (expected lines with their clauses), what each implementation observed, its verdict, the clauses a difference is charged to, the known differences with their explanations, and each clause\'s count per implementation.',
    recordedAt: file.recordedAt,
    run: file.run,
    durationMs: file.durationMs ?? null,
    implementations: file.implementations,
    missing: file.missing ?? [],
    scenarios: file.scenarios.map((digest) => ({ ...digest, note: SCENARIOS.find((scenario) => scenario.id === digest.id)?.note ?? null })),
    runs: file.runs,
    verdicts: file.verdicts,
    knownDifferences: KNOWN_DIFFERENCES.filter((difference) => file.verdicts.some((verdict) => verdict.scenario === difference.scenario && verdict.implementation === difference.implementation && !verdict.matches)),
    conformingNotes: CONFORMING_NOTES,
    support: SUPPORT,
    clauses: Object.fromEntries(clauses.map((id) => [id, clauseCounts(file, id).map(({ implementation, matching, total, differing }) => ({ implementation, matching, total, differing }))])),
  };
}
