/**
 * The recorded scenario runs, in the shape the History timeline reads
 * (`EvidenceRun`, src/evidence/evidence-run.ts): one run per implementation,
 * each scenario with the server's behaviour, the events the script received
 * and the console messages. `implementationEventsFromEvidence`
 * turns the Chromium run into the timeline's "Chromium today" events.
 */
import type { ConsoleMessage, EvidenceRun, EvidenceScenario, ObservedEvent } from './evidence-run.ts';
import type { EvidenceFile, Implementation, ObservationRecord } from './observation.ts';
import { SCENARIOS } from './scenarios.ts';
import type { Scenario } from './scenarios.ts';

const LEVELS = ['error', 'warning', 'info', 'log', 'debug'] as const;

/** "error: text" (Chromium's console as recorded) → level and text; our diagnostics are errors. */
export function parseConsoleLine(line: string, implementation: Implementation): ConsoleMessage {
  const match = /^(\w+): ([\s\S]*)$/.exec(line);
  const level = LEVELS.find((candidate) => candidate === match?.[1]);
  if (match !== null && level !== undefined) return { level, text: match[2]! };
  return { level: implementation === 'wsspec' ? 'error' : 'info', text: line };
}

function serverOf(scenario: Scenario | undefined, digest: EvidenceFile['scenarios'][number] | undefined): EvidenceScenario['server'] {
  const behaviour = scenario?.server;
  const server: EvidenceScenario['server'] = {
    description: digest?.server.description ?? '',
    status: digest?.server.status ?? null,
    rfcClauses: (digest?.clauses ?? []).filter((id) => id.startsWith('rfc6455#')),
  };
  if (behaviour?.kind === 'refuse') {
    if (behaviour.headers !== undefined) server.headers = Object.fromEntries(behaviour.headers);
    if (behaviour.body !== undefined) server.body = behaviour.body;
  } else if (behaviour?.kind === 'redirect') {
    server.headers = { Location: behaviour.location };
  }
  return server;
}

function eventsOf(record: ObservationRecord): ObservedEvent[] {
  const events: ObservedEvent[] = [];
  for (const entry of record.observed) {
    if (entry.type !== 'event') continue;
    events.push({ type: entry.name, at: entry.at, fields: { ...entry.fields } });
  }
  return events;
}

/** One implementation's runs as an `EvidenceRun`. */
export function toEvidenceRun(file: EvidenceFile, implementation: Implementation, catalogue: readonly Scenario[] = SCENARIOS): EvidenceRun {
  const info = file.implementations[implementation];
  const peerName = implementation === 'chromium' ? 'Chromium' : implementation;
  return {
    recordedAt: file.recordedAt,
    peer: {
      name: peerName,
      version: info.version,
      ...(info.userAgent !== undefined && { userAgent: info.userAgent }),
      url: info.url,
    },
    scenarios: file.runs
      .filter((record) => record.implementation === implementation)
      .map((record) => {
        const digest = file.scenarios.find((candidate) => candidate.id === record.scenario);
        return {
          id: record.scenario,
          ...(digest !== undefined && { title: digest.title }),
          server: serverOf(
            catalogue.find((candidate) => candidate.id === record.scenario),
            digest,
          ),
          events: eventsOf(record),
          console: record.console.map((line) => parseConsoleLine(line, implementation)),
        };
      }),
  };
}
