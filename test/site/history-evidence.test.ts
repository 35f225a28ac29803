/**
 * The recorded scenario runs as the History pages read them
 * (src/site/evidence/adapter.ts): the short
 * descriptions the pages print, the refusals of a run grouped, and the path
 * from the file of src/evidence through `toEvidenceRun` to the timeline's
 * events. The file below is a hand-made fixture of the format (values made
 * up for the test), not evidence.
 */
import { describe, expect, it } from 'vitest';
import type { EvidenceFile } from '../../src/evidence/observation.ts';
import { implementationEventsFromEvidence } from '../../src/history/implementations-track.ts';
import { toEvidenceRun } from '../../src/evidence/track.ts';
import {
  describeExpectedLine,
  describeObservation,
  describeRecord,
  describeRefusalGroup,
  isEvidenceFile,
  shortConsole,
  summarizeRefusals,
} from '../../src/site/evidence/adapter.ts';

const runsOf = (file: EvidenceFile, names: Array<'chromium' | 'undici'>) => names.map((name) => toEvidenceRun(file, name));

const CLOSE_1006 = { type: 'event', name: 'close', eventClass: 'CloseEvent', readyState: 3, at: 5, fields: { wasClean: false, code: 1006, reason: '' } } as const;
const ERROR = { type: 'event', name: 'error', eventClass: 'Event', readyState: 3, at: 4, fields: {} } as const;

const FILE: EvidenceFile = {
  format: 'wsspec-scenarios/1',
  recordedAt: '2030-01-02T03:04:05.000Z',
  run: { startedAt: '2030-01-02T03:00:00.000Z', commit: 'abc', dirty: false, node: 'v24.0.0', platform: 'linux-x64' },
  implementations: {
    chromium: { name: 'Chromium', version: '999.0.0.1', url: 'https://example.org/chromium', userAgent: 'HeadlessChrome/999' },
    undici: { name: 'undici (Node.js WebSocket)', version: '9.9.9', url: 'https://example.org/undici' },
    wsspec: { name: 'wsspec', version: '0.1.0', url: 'src/api/websocket.ts' },
    // A run of three of the engines: the others did not run (a file may name fewer).
  } as EvidenceFile['implementations'],
  scenarios: [
    {
      id: 'refuse-403',
      title: 'The server refuses the handshake with 403 Forbidden',
      group: 'handshake',
      clauses: ['whatwg#concept-websocket-establish-step-11.1', 'rfc6455#section-4.1-8.1', 'rfc6455#section-10.2-1'],
      server: { description: 'answers 403 Forbidden', status: 403 },
      script: [],
      expected: [
        { line: 'event error Event readyState=3', clauses: [] },
        { line: 'event close CloseEvent readyState=3 code=1006 reason="" wasClean=false', clauses: [] },
        { line: 'server: request /s/refuse-403', clauses: [] },
      ],
    },
    {
      id: 'open-101',
      title: 'The server accepts',
      group: 'handshake',
      clauses: ['whatwg#feedback-from-the-protocol-1'],
      server: { description: 'answers 101', status: 101 },
      script: [],
      expected: [],
    },
    {
      id: 'refuse-400',
      title: 'The server refuses the handshake with 400 Bad Request',
      group: 'handshake',
      clauses: ['whatwg#concept-websocket-establish-step-11.1'],
      server: { description: 'answers 400 Bad Request', status: 400 },
      script: [],
      expected: [],
    },
  ],
  runs: [
    {
      scenario: 'refuse-400',
      implementation: 'chromium',
      version: '999.0.0.1',
      observed: [ERROR, CLOSE_1006],
      server: [],
      console: ["error: WebSocket connection to 'ws://127.0.0.1:PORT/s/refuse-400' failed: Error during WebSocket handshake: Unexpected response code: 400"],
      durationMs: 1,
    },
    {
      scenario: 'refuse-403',
      implementation: 'chromium',
      version: '999.0.0.1',
      observed: [{ type: 'value', attr: 'readyState', value: 0 }, ERROR, CLOSE_1006],
      server: [],
      console: ["error: WebSocket connection to 'ws://127.0.0.1:PORT/s/refuse-403' failed: Error during WebSocket handshake: Unexpected response code: 403"],
      durationMs: 1,
    },
    {
      scenario: 'open-101',
      implementation: 'chromium',
      version: '999.0.0.1',
      observed: [{ type: 'event', name: 'open', eventClass: 'Event', readyState: 1, at: 2, fields: {} }],
      server: [],
      console: [],
      durationMs: 1,
    },
    {
      scenario: 'refuse-403',
      implementation: 'undici',
      version: '9.9.9',
      observed: [{ type: 'event', name: 'error', eventClass: 'ErrorEvent', readyState: 3, at: 4, fields: { message: '' } }, CLOSE_1006],
      server: [],
      console: [],
      durationMs: 1,
    },
  ],
  verdicts: [],
};

describe('reading the scenarios file', () => {
  it('recognizes the format', () => {
    expect(isEvidenceFile(FILE)).toBe(true);
    expect(isEvidenceFile({ ...FILE, format: 'other/1' })).toBe(false);
    expect(isEvidenceFile([])).toBe(false);
  });

  it('feeds the implementations track: one event per refusal, quoting the console', () => {
    const [chromium] = runsOf(FILE, ['chromium']);
    const events = implementationEventsFromEvidence(chromium!);
    expect(events.map((e) => e.id)).toEqual(['chromium-today-refuse-400', 'chromium-today-refuse-403']);
    expect(events[1]!.quotation).toContain('Unexpected response code: 403');
    expect(events[1]!.quotationSource).toBe('evidence');
    expect(events[1]!.date).toBe('2030-01-02');
  });
});

describe('short descriptions', () => {
  it('describes observations and expected lines the same way', () => {
    expect(describeObservation(ERROR)).toBe('error');
    expect(describeObservation(CLOSE_1006)).toBe('close 1006, unclean');
    expect(describeObservation({ ...ERROR, eventClass: 'ErrorEvent' })).toBe('error (ErrorEvent)');
    expect(describeObservation({ ...CLOSE_1006, fields: { code: 4000, reason: 'bye', wasClean: true } })).toBe('close 4000 "bye", clean');
    expect(describeObservation({ type: 'exception', op: 'close', name: 'SyntaxError', message: 'x' })).toBe('exception close SyntaxError');
    expect(describeExpectedLine('event error Event readyState=3')).toBe('error');
    expect(describeExpectedLine('event close CloseEvent readyState=3 code=1006 reason="" wasClean=false')).toBe('close 1006, unclean');
    expect(describeExpectedLine('?event close CloseEvent readyState=3 code=* reason=* wasClean=true')).toBe('(optional) close * *, clean');
    expect(describeRecord(FILE.runs[1]!)).toEqual(['error', 'close 1006, unclean']);
  });

  it('shortens Chromium’s console preamble', () => {
    expect(shortConsole("WebSocket connection to 'ws://127.0.0.1:PORT/s' failed: Error during WebSocket handshake: Unexpected response code: 403")).toBe(
      '…Error during WebSocket handshake: Unexpected response code: 403',
    );
    expect(shortConsole('other')).toBe('other');
  });
});

describe('summarizeRefusals', () => {
  it('groups the refusals the script saw alike, and says whether the status was readable', () => {
    const [chromium, undici] = runsOf(FILE, ['chromium', 'undici']);
    const groups = summarizeRefusals(chromium!);
    expect(groups).toEqual([{ statuses: [400, 403], saw: 'error → close 1006', statusVisible: false, statusInConsole: 2 }]);
    expect(describeRefusalGroup(groups[0]!)).toBe('400, 403 → error → close 1006; the status was not readable by the script (the console showed it for 2)');
    expect(describeRefusalGroup(groups[0]!, 'ja')).toContain('ステータスを読めなかった');
    expect(summarizeRefusals(undici!)).toEqual([{ statuses: [403], saw: 'error → close 1006', statusVisible: false, statusInConsole: 0 }]);
  });

  it('notices a status a script could read', () => {
    const [chromium] = runsOf(FILE, ['chromium']);
    const refuse403 = chromium!.scenarios.find((scenario) => scenario.id === 'refuse-403')!;
    const leaky = { ...chromium!, scenarios: [{ ...refuse403, events: [{ type: 'close', fields: { code: 1006, reason: 'HTTP 403' } }] }] };
    expect(summarizeRefusals(leaky)[0]!.statusVisible).toBe(true);
  });
});
