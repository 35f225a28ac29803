/**
 * The recorded evidence run, as the History pages show it: the scenario
 * runs of `.cache/evidence/scenarios.json` (written by the browser tests,
 * src/evidence), the timeline events of refused handshakes, and the rows of
 * the guides' evidence tables. Never written by hand: without a run the
 * pages say so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../corpus/sources/paths.ts';
import { KNOWN_DIFFERENCES, type KnownDifference } from '../../evidence/expectations.ts';
import type { EvidenceFile, Implementation } from '../../evidence/observation.ts';
import { scenarioById } from '../../evidence/scenarios.ts';
import { parseConsoleLine, toEvidenceRun } from '../../evidence/track.ts';
import { implementationEventsFromEvidence, type EvidenceRun } from '../../history/implementations-track.ts';
import type { HistoryEvent } from '../../history/track-model.ts';
import { describeExpectedLine, describeRecord, isEvidenceFile } from '../evidence/adapter.ts';

/** Where the recorded scenario runs are read from (written by the browser tests, src/evidence). */
export const EVIDENCE_FILE = '.cache/evidence/scenarios.json';
export const EVIDENCE_ABSENT = 'No evidence run recorded yet: run npm test.';

export type EvidenceView =
  | { status: 'recorded'; file: EvidenceFile; runs: EvidenceRun[]; path: string }
  | { status: 'absent'; message: string; detail: string };

/** Implementations shown on the timeline (ours is the reference, shown on every clause instead). */
const TIMELINE_PEERS: readonly Implementation[] = ['chromium', 'undici'];

let evidenceMemo: EvidenceView | null = null;

/** The recorded scenario runs, or why there are none. */
export function evidence(): EvidenceView {
  if (evidenceMemo !== null) return evidenceMemo;
  const path = join(REPO_ROOT, EVIDENCE_FILE);
  if (!existsSync(path)) {
    evidenceMemo = { status: 'absent', message: EVIDENCE_ABSENT, detail: `${EVIDENCE_FILE} does not exist.` };
    return evidenceMemo;
  }
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  evidenceMemo = isEvidenceFile(json)
    ? { status: 'recorded', file: json, runs: TIMELINE_PEERS.filter((peer) => peer in json.implementations).map((peer) => toEvidenceRun(json, peer)), path: EVIDENCE_FILE }
    : { status: 'absent', message: EVIDENCE_ABSENT, detail: `${EVIDENCE_FILE} is not in the format wsspec-scenarios/1.` };
  return evidenceMemo;
}

/** Timeline events of the recorded runs (refused handshakes only), Chromium first. */
export function evidenceEvents(): { run: EvidenceRun; events: HistoryEvent[] }[] {
  const view = evidence();
  return view.status === 'recorded' ? view.runs.map((run) => ({ run, events: implementationEventsFromEvidence(run) })) : [];
}

/** The peer's name as the pages show it: `Chromium 156.0.8078.79`, `undici 7.29.1 (Node v24.21.0)`. */
export function peerLabel(run: EvidenceRun): string {
  const name = /^chromium$/i.test(run.peer.name) ? 'Chromium' : run.peer.name;
  return `${name} ${run.peer.version}`;
}

/** One scenario's runs, for the guides' tables. */
export interface ScenarioEvidence {
  id: string;
  title: string;
  status: number | null;
  /** What the standard requires the script to see (canonical lines, `server:` lines left out). */
  expected: string[];
  note: string | null;
  runs: {
    implementation: Implementation;
    label: string;
    /** What the script saw, short. */
    saw: string[];
    console: string[];
    matches: boolean;
    difference: KnownDifference | null;
  }[];
}

/** The recorded runs of the given scenarios (those the file has), by implementation. */
export function scenarioEvidence(ids: readonly string[]): ScenarioEvidence[] {
  const view = evidence();
  if (view.status !== 'recorded') return [];
  const { file } = view;
  const result: ScenarioEvidence[] = [];
  for (const id of ids) {
    const digest = file.scenarios.find((scenario) => scenario.id === id);
    if (digest === undefined) continue;
    const runs = (Object.keys(file.implementations) as Implementation[]).flatMap((implementation) => {
      const record = file.runs.find((r) => r.scenario === id && r.implementation === implementation);
      if (record === undefined) return [];
      const verdict = file.verdicts.find((v) => v.scenario === id && v.implementation === implementation);
      const difference = KNOWN_DIFFERENCES.find((d) => d.scenario === id && d.implementation === implementation) ?? null;
      const info = file.implementations[implementation];
      return [
        {
          implementation,
          label: `${info.name} ${info.version}`,
          saw: describeRecord(record),
          console: record.console.map((line) => parseConsoleLine(line, implementation).text),
          matches: verdict?.matches ?? false,
          difference: verdict?.matches === true ? null : difference,
        },
      ];
    });
    const scenario = scenarioById(id);
    result.push({
      id,
      title: digest.title,
      status: digest.server.status,
      expected: digest.expected
        .map((e) => e.line)
        .filter((line) => !/^\??(server:|value )/.test(line))
        .map(describeExpectedLine),
      note: scenario?.note ?? null,
      runs,
    });
  }
  return result;
}
