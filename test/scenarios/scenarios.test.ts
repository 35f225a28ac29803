/**
 * The differential scenarios: every scenario of the catalogue, run on ours,
 * Chromium, Firefox, WebKit, undici, Bun and Deno (src/evidence/run.ts, one
 * driver, an adapter per engine), recorded to .cache/evidence/scenarios.json.
 * Ours must observe exactly what the standard requires; every difference of
 * another engine must be listed in expectations.ts (a new one fails), and
 * every listed one must still happen (a stale one fails). In CI a missing
 * engine fails; elsewhere it is reported and its earlier runs are kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFORMING_NOTES, CONSOLE_NOTES, differenceId, KNOWN_DIFFERENCES, knownDifferenceFor } from '../../src/evidence/expectations.ts';
import { canonicalLines, formatComparison, IMPLEMENTATIONS, linesMatch, readEvidenceFile, runsOf, writeEvidenceFile } from '../../src/evidence/observation.ts';
import type { EvidenceFile, ObservationRecord } from '../../src/evidence/observation.ts';
import { recordScenarios } from '../../src/evidence/run.ts';
import { expectedLines, SCENARIOS } from '../../src/evidence/scenarios.ts';
import { toEvidenceRun } from '../../src/evidence/track.ts';
import { implementationEventsFromEvidence } from '../../src/history/implementations-track.ts';

let file: EvidenceFile;
const OTHERS = IMPLEMENTATIONS.filter((implementation) => implementation !== 'wsspec');
/** The engines recorded in this run (a missing one outside CI keeps its earlier runs, or is absent). */
const recorded = (implementation: ObservationRecord['implementation']): boolean => file.runs.some((run) => run.implementation === implementation);

beforeAll(async () => {
  file = await recordScenarios();
  await writeEvidenceFile(file);
}, 360_000);

function runOf(scenario: string, implementation: ObservationRecord['implementation']): ObservationRecord {
  const run = runsOf(file, scenario)[implementation];
  if (run === undefined) throw new Error(`no ${implementation} run of ${scenario}`);
  return run;
}

describe('The catalogue', () => {
  it('has at least 30 scenarios with unique ids, each naming clauses of the three sources', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(SCENARIOS.map((scenario) => scenario.id)).size).toBe(SCENARIOS.length);
    const sources = new Set(SCENARIOS.flatMap((scenario) => scenario.clauses.map((id) => id.split('#')[0])));
    expect([...sources].sort()).toEqual(['rfc6455', 'w3c', 'whatwg']);
  });

  it('covers every behaviour the issue asks for', () => {
    const ids = SCENARIOS.map((scenario) => scenario.id);
    for (const id of [
      'open-101',
      'refuse-400',
      'refuse-401',
      'refuse-403',
      'refuse-404',
      'refuse-426',
      'refuse-500',
      'redirect-301',
      'redirect-302',
      'redirect-307',
      'tcp-close-before-response',
      'garbage-response',
      'wrong-accept',
      'subprotocol-not-offered',
      'extension-not-offered',
      'server-close-1000',
      'server-close-1001',
      'server-close-4000-reason',
      'server-drop',
      'invalid-utf8',
      'masked-frame',
      'client-close-1000-reason',
      'client-close-invalid-codes',
      'client-close-reason-too-long',
      'send-before-open',
      'send-4mib',
      'binarytype-switch-in-handler',
    ]) {
      expect(ids, id).toContain(id);
    }
    const refusal = SCENARIOS.find((scenario) => scenario.id === 'refuse-401')!.server;
    expect(refusal).toMatchObject({ kind: 'refuse', status: 401, headers: [['WWW-Authenticate', 'Basic realm="wsspec"']] });
  });

  it('lists each known difference and console note for a scenario of the catalogue, once', () => {
    const ids = new Set(SCENARIOS.map((scenario) => scenario.id));
    for (const difference of KNOWN_DIFFERENCES) expect(ids.has(difference.scenario), differenceId(difference)).toBe(true);
    for (const note of CONSOLE_NOTES) expect(ids.has(note.scenario), note.scenario).toBe(true);
    const keys = KNOWN_DIFFERENCES.map(differenceId);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('Ours observes what the standard requires, in every scenario [whatwg#dom-websocket-websocket, whatwg#closeWebSocket]', () => {
  it.each(SCENARIOS.map((scenario) => [scenario.id, scenario] as const))('%s', (_id, scenario) => {
    const lines = canonicalLines(runOf(scenario.id, 'wsspec'));
    const expected = expectedLines(scenario);
    expect(linesMatch(expected, lines), formatComparison(expected, lines)).toBe(true);
  });
});

describe.each(OTHERS)('%s: each difference from the standard is a known one, and each known one still happens', (implementation) => {
  it.each(SCENARIOS.map((scenario) => [scenario.id, scenario] as const))('%s', (_id, scenario) => {
    if (!recorded(implementation)) return;
    const run = runOf(scenario.id, implementation);
    const lines = canonicalLines(run);
    const matches = linesMatch(expectedLines(scenario), lines);
    const listed = KNOWN_DIFFERENCES.filter((difference) => difference.scenario === scenario.id && difference.implementation === implementation);
    if (matches) {
      // A stale expectation: the implementation now does what the standard requires.
      const stale = listed.filter((difference) => difference.intermittent === undefined);
      expect(stale.map(differenceId), `${implementation} now matches the standard in ${scenario.id}: remove its entry from expectations.ts`).toEqual([]);
      return;
    }
    const known = knownDifferenceFor(run);
    expect(
      known,
      [
        `${implementation} differs from the standard in ${scenario.id}, and expectations.ts does not list exactly this run:`,
        formatComparison(expectedLines(scenario), lines),
        ...(listed.length > 0 ? ['listed:', ...listed[0]!.observed.map((line) => `  ${line}`)] : []),
      ].join('\n'),
    ).toBeDefined();
  });

  it('still prints each console message noted in expectations.ts, and each conforming note still holds', () => {
    if (!recorded(implementation)) return;
    for (const note of CONFORMING_NOTES.filter((candidate) => candidate.implementation === implementation)) {
      expect(canonicalLines(runOf(note.scenario, implementation)).some((line) => line.includes(note.line)), `${note.scenario}: ${note.line}`).toBe(true);
    }
    for (const note of CONSOLE_NOTES.filter((candidate) => candidate.implementation === implementation)) {
      const run = runOf(note.scenario, implementation);
      expect(run.console.some((line) => line.includes(note.contains)), `${note.scenario}: "${note.contains}" in ${JSON.stringify(run.console)}`).toBe(true);
    }
  });
});

describe('No failure information reaches the script [whatwg#feedback-from-the-protocol-11, whatwg#feedback-from-the-protocol-13, w3c#feedback-from-the-protocol-12]', () => {
  const refusals = SCENARIOS.filter((scenario) => scenario.server.kind === 'refuse' || scenario.server.kind === 'redirect');
  const statusOfScenario = (scenario: (typeof refusals)[number]): number => (scenario.server.kind === 'refuse' || scenario.server.kind === 'redirect' ? scenario.server.status : 0);

  it.each(refusals.map((scenario) => [scenario.id, scenario] as const))('%s: no field the browsers, undici or ours expose carries the status', (_id, scenario) => {
    const status = statusOfScenario(scenario);
    for (const implementation of ['chromium', 'firefox', 'webkit', 'undici', 'wsspec'] as const) {
      if (!recorded(implementation)) continue;
      const events = runOf(scenario.id, implementation).observed.filter((entry) => entry.type === 'event');
      for (const event of events) {
        for (const [field, value] of Object.entries(event.fields)) {
          expect(String(value), `${implementation} ${event.name}.${field}`).not.toMatch(new RegExp(`\\b${status}\\b`));
        }
      }
    }
    const ours = runOf(scenario.id, 'wsspec').observed.filter((entry) => entry.type === 'event');
    expect(ours.map((entry) => entry.name)).toEqual(['error', 'close']);
    expect(ours[1]!.fields).toMatchObject({ code: 1006, reason: '', wasClean: false });
  });

  it('Bun and Deno put the refused status in the error message, charged to the rule that forbids it; Deno closes with 0, charged to the rules that name 1006', () => {
    for (const implementation of ['bun', 'deno'] as const) {
      if (!recorded(implementation)) continue;
      const run = runOf('refuse-403', implementation);
      const error = run.observed.find((entry) => entry.type === 'event' && entry.name === 'error');
      expect(error?.type === 'event' ? String(error.fields['message']) : '', implementation).toMatch(/\b403\b/);
      const verdict = file.verdicts.find((candidate) => candidate.scenario === 'refuse-403' && candidate.implementation === implementation)!;
      expect(verdict.differingClauses, implementation).toContain('whatwg#feedback-from-the-protocol-11');
    }
    if (recorded('deno')) {
      const verdict = file.verdicts.find((candidate) => candidate.scenario === 'refuse-403' && candidate.implementation === 'deno')!;
      expect(verdict.differingClauses).toEqual(expect.arrayContaining(['whatwg#feedback-from-the-protocol-13', 'rfc6455#section-7.1.5-1']));
    }
  });

  it('undici\'s ErrorEvent (empty message) is charged to the error event\'s class only, never to masking or to the hiding of causes', () => {
    const verdict = file.verdicts.find((candidate) => candidate.scenario === 'masked-frame' && candidate.implementation === 'undici')!;
    expect(verdict.differingClauses).toEqual(['whatwg#closeWebSocket-step-2']);
  });

  it('the status is where the script cannot read it: Chromium\'s console and our diagnostics', () => {
    const run = runOf('refuse-403', 'chromium');
    expect(run.console.join('\n')).toContain('Unexpected response code: 403');
    expect(runOf('refuse-403', 'wsspec').console.join('\n')).toContain('Unexpected response code: 403');
  });
});

describe('The recorded runs', () => {
  it('are written to .cache/evidence/scenarios.json with the run date, commit and versions', async () => {
    const written = await readEvidenceFile();
    const engines = IMPLEMENTATIONS.filter(recorded);
    if (process.env['CI'] === 'true') expect(engines).toEqual([...IMPLEMENTATIONS]);
    expect(written?.runs.length).toBe(SCENARIOS.length * engines.length);
    expect(written?.run.node).toBe(process.version);
    for (const implementation of engines) expect(written?.implementations[implementation]?.version, implementation).toMatch(/\d+\.\d+/);
    expect(written?.implementations.chromium.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(written?.implementations.undici.version).toContain(process.versions['undici']!);
    expect(Date.parse(written!.recordedAt)).not.toBeNaN();
    expect(written?.verdicts.filter((verdict) => verdict.implementation === 'wsspec').every((verdict) => verdict.matches)).toBe(true);
  });

  it('feed the History timeline: Chromium today, one event per refusal, the status only in the console', () => {
    const events = implementationEventsFromEvidence(toEvidenceRun(file, 'chromium'));
    const refusals = SCENARIOS.filter((scenario) => scenario.server.kind === 'refuse' || scenario.server.kind === 'redirect');
    expect(events).toHaveLength(refusals.length);
    const forbidden = events.find((event) => event.title.includes(' 403 '))!;
    expect(forbidden.quotation).toContain('Unexpected response code: 403');
    expect(forbidden.title).toMatch(/error \+ close, close code 1006, no status$/);
  });
});
