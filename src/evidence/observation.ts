/**
 * Recorded runs of the scenario catalogue: their JSON shape, the canonical
 * text form they are compared in, and `.cache/evidence/scenarios.json`,
 * the artifact the site embeds ("what the spec says / what Chromium did /
 * what undici did / ours").
 *
 * The canonical form is a list of lines, one per observation, with every
 * port of 127.0.0.1 written `PORT` (each run uses fresh ephemeral ports):
 *
 *   event close CloseEvent readyState=3 code=1006 reason="" wasClean=false
 *   exception construct SyntaxError
 *   value bufferedAmount 4
 *   timeout close 1
 *   server: request /s/refuse-403
 *   server: close 1000 "bye"
 *
 * Exceptions compare by DOMException name only (messages are each
 * implementation's own wording, recorded but not compared); `at` times are
 * recorded, never compared.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EVIDENCE_DIR } from './run-info.ts';
import type { RunInfo } from './run-info.ts';

import type { ObservedEntry } from './driver.ts';

export type { ObservedEntry } from './driver.ts';

/** Every implementation the scenarios run on, in the order pages show them (engines/types.ts). */
export const IMPLEMENTATIONS = ['wsspec', 'chromium', 'firefox', 'webkit', 'undici', 'bun', 'deno'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

/** One run of one scenario by one implementation. */
export interface ObservationRecord {
  scenario: string;
  implementation: Implementation;
  /** The implementation's version (Chromium's, undici's, wsspec's commit). */
  version: string;
  /** What the script observed, in order, ports normalized. */
  observed: ObservedEntry[];
  /** What the scenario server received: requests and frames, in order, ports normalized. */
  server: string[];
  /**
   * What the implementation reported outside the script's reach: the
   * browsers' consoles ("error: …"), what Bun and Deno printed, our
   * WebSocket's diagnostics (undici reports nothing).
   */
  console: string[];
  durationMs: number;
}

export interface ImplementationInfo {
  name: string;
  version: string;
  userAgent?: string;
  /** Where its WebSocket code lives. */
  url: string;
  /** How it was driven, e.g. "puppeteer-core over WebDriver BiDi". */
  driver?: string;
  /** Whether its console (or diagnostics) was recorded. */
  console?: boolean;
  /**
   * Set when the engine could not run in this run and its runs are those of
   * an earlier one: when they were recorded.
   */
  carriedOverFrom?: string;
}

/** `.cache/evidence/scenarios.json`. */
export interface EvidenceFile {
  format: 'wsspec-scenarios/1';
  /** When the runs were recorded (ISO 8601). */
  recordedAt: string;
  /** The test run: commit, dirty tree, Node version, platform. */
  run: RunInfo;
  implementations: Record<Implementation, ImplementationInfo>;
  /** Engines that could not run here (their earlier runs, if any, are kept), with the command that installs them. */
  missing?: Array<{ id: Implementation; reason: string; install: string }>;
  /** How long recording took, ms (all engines, side by side). */
  durationMs?: number;
  scenarios: ScenarioDigest[];
  runs: ObservationRecord[];
  /** For each run, whether it matched the standard and which known difference explains it if not. */
  verdicts: Verdict[];
}

/** A scenario as the site shows it (the catalogue's data, flattened for JSON). */
export interface ScenarioDigest {
  id: string;
  title: string;
  group: string;
  clauses: string[];
  server: { description: string; status: number | null };
  script: string[];
  expected: Array<{ line: string; clauses: string[] }>;
}

export interface Verdict {
  scenario: string;
  implementation: Implementation;
  /** The run matched what the standard requires. */
  matches: boolean;
  /** The known difference that explains a mismatch (expectations.ts), if any. */
  knownDifference: string | null;
  /**
   * The clauses the differences are charged to (attribution.ts): only those
   * governing what differs. Empty when the run matches.
   */
  differingClauses: string[];
}

export const SCENARIOS_FILE = join(EVIDENCE_DIR, 'scenarios.json');

// ─── The canonical form (pure, shared with the browser: canonical.ts) ────

export {
  canonicalLines,
  describeEntry,
  formatComparison,
  linesMatch,
  normalizeEntry,
  normalizePorts,
  SERVER_PREFIX,
  UNCOMPARED_FIELDS,
} from './canonical.ts';

// ─── The file ─────────────────────────────────────────────────────────────

export async function writeEvidenceFile(file: EvidenceFile, path: string = SCENARIOS_FILE): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(file, null, 2) + '\n');
}

/** The recorded runs, or null when no run has been recorded (or the file is of another format). */
export async function readEvidenceFile(path: string = SCENARIOS_FILE): Promise<EvidenceFile | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  const data = JSON.parse(text) as Partial<EvidenceFile>;
  return data.format === 'wsspec-scenarios/1' ? (data as EvidenceFile) : null;
}

/** The runs of one scenario, by implementation. */
export function runsOf(file: EvidenceFile, scenario: string): Partial<Record<Implementation, ObservationRecord>> {
  const runs: Partial<Record<Implementation, ObservationRecord>> = {};
  for (const run of file.runs) if (run.scenario === scenario) runs[run.implementation] = run;
  return runs;
}
