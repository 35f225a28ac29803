/**
 * The implementations track: Go's change of 3 November 2011, and the
 * "Chromium today" events computed from a recorded evidence run (here a
 * small hand-written fixture of the run's shape, not evidence).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/model.ts';
import { loadRfc6455 } from '../../src/corpus/rfc6455/index.ts';
import {
  CHROMIUM_HANDSHAKE_SOURCE,
  GO_COMMIT,
  GO_WEBSOCKET_BAD_REQUEST_EVENT,
  IMPLEMENTATIONS_TRACK,
  implementationEventsFromEvidence,
  type EvidenceRun,
} from '../../src/history/implementations-track.ts';
import { isIsoDate } from '../../src/history/track-model.ts';

let ids: Set<string>;

beforeAll(async () => {
  const corpus: Corpus = await loadRfc6455();
  ids = new Set([...corpus.sections.map((s) => s.id), ...corpus.clauses.map((c) => c.id)]);
});

/** A fixture in the shape the browser tests record (values made up for the test). */
const RUN: EvidenceRun = {
  recordedAt: '2025-07-01T09:30:00.000Z',
  peer: { name: 'chromium', version: '138.0.7204.92' },
  scenarios: [
    {
      id: 'handshake-403',
      server: {
        description: 'answers 403 Forbidden to the upgrade request',
        status: 403,
        rfcClauses: ['rfc6455#section-4.2.2-2.4.2.1'],
      },
      events: [
        { type: 'error', at: 11, fields: {} },
        { type: 'close', at: 12, fields: { code: 1006, reason: '', wasClean: false } },
      ],
      console: [
        {
          level: 'error',
          text: "WebSocket connection to 'ws://127.0.0.1:41234/refuse' failed: Error during WebSocket handshake: Unexpected response code: 403",
        },
      ],
    },
    {
      id: 'echo',
      server: { description: 'accepts and echoes', status: 101 },
      events: [{ type: 'open', fields: {} }],
      console: [],
    },
    {
      id: 'connection-reset',
      server: { description: 'closes the TCP connection without answering', status: null },
      events: [
        { type: 'error', fields: {} },
        { type: 'close', fields: { code: 1006, reason: '', wasClean: false } },
      ],
      console: [],
    },
    {
      id: 'handshake-400-no-console',
      server: { description: 'answers 400 Bad Request', status: 400 },
      events: [
        { type: 'error', fields: {} },
        { type: 'close', fields: { code: 1006, reason: '', wasClean: false } },
      ],
      console: [],
    },
  ],
};

describe("Go's websocket change of 3 November 2011", () => {
  const event = GO_WEBSOCKET_BAD_REQUEST_EVENT;

  it('is dated, linked to the commit, its issue and its code review', () => {
    expect(event.date).toBe('2011-11-03');
    expect(isIsoDate(event.date)).toBe(true);
    expect(GO_COMMIT).toMatch(/^[0-9a-f]{40}$/);
    expect(event.url).toBe('https://github.com/golang/go/commit/de3d64725288c4baa083b804d51f4d7ef35ea130');
    expect(event.links?.map((l) => l.url)).toEqual(['https://github.com/golang/go/issues/2396', 'https://golang.org/cl/5318072']);
    expect(event.track).toBe('implementation');
    expect(event.change).toBe('implementation');
  });

  it('quotes the commit message (400 Bad Request instead of closing the connection)', () => {
    expect(event.quotation).toContain('(such as 400 Bad Request)');
    expect(event.quotation).toContain('rather than just closing connection.');
    expect(event.quotation.length).toBeLessThanOrEqual(300);
  });

  it('names RFC 6455 clauses that exist', () => {
    for (const id of event.rfcClauses) expect(ids.has(id), id).toBe(true);
  });

  const seed = fileURLToPath(new URL('../../../shared/seeds/003_66b7161d5290c7c3.txt', import.meta.url));
  it.skipIf(!existsSync(seed))('quotes the commit message word for word, as the second seed records it', () => {
    const text = readFileSync(seed, 'utf8').replace(/\s+/g, ' ');
    expect(text).toContain(event.quotation);
    expect(text).toContain(GO_COMMIT);
  });

  it('is the static implementations track, in date order', () => {
    expect(IMPLEMENTATIONS_TRACK).toContain(event);
    const dates = IMPLEMENTATIONS_TRACK.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe('Chromium today, from a recorded evidence run', () => {
  const events = implementationEventsFromEvidence(RUN);

  it('makes one event per handshake refused with an HTTP status (not 101, not "no response")', () => {
    expect(events.map((e) => e.id)).toEqual(['chromium-today-handshake-400-no-console', 'chromium-today-handshake-403']);
  });

  it('dates the events by the run and links them to Chromium’s source', () => {
    for (const event of events) {
      expect(event.date).toBe('2025-07-01');
      expect(event.track).toBe('implementation');
      expect(event.url).toBe(CHROMIUM_HANDSHAKE_SOURCE.url);
      expect(event.documentLabel).toBe('Chromium 138.0.7204.92');
      for (const id of event.rfcClauses) expect(ids.has(id), id).toBe(true);
    }
  });

  it('quotes the console message exactly as recorded and says what the script saw', () => {
    const refused = events.find((e) => e.id === 'chromium-today-handshake-403');
    expect(refused?.quotation).toBe(RUN.scenarios[0]?.console[0]?.text);
    expect(refused?.quotationSource).toBe('evidence');
    expect(refused?.title).toBe(
      'Chromium 138.0.7204.92: a 403 handshake answer reaches the script as error + close, close code 1006, no status',
    );
    expect(refused?.explanation).toContain('HTTP 403');
    expect(refused?.explanation).toContain('close (code=1006, reason="", wasClean=false)');
    expect(refused?.explanation).toContain('appeared only in the browser console');
  });

  it('falls back to the message format of Chromium’s source when no console message was recorded', () => {
    const silent = events.find((e) => e.id === 'chromium-today-handshake-400-no-console');
    expect(silent?.quotation).toBe('Error during WebSocket handshake: Unexpected response code: %d');
    expect(silent?.quotationSource).toBe('source-code');
  });

  it('notices when a status code does reach the script', () => {
    const leaky: EvidenceRun = {
      ...RUN,
      scenarios: [
        {
          id: 'handshake-403-leak',
          server: { description: 'answers 403', status: 403 },
          events: [{ type: 'close', fields: { code: 1006, reason: 'HTTP 403', wasClean: false } }],
          console: [],
        },
      ],
    };
    const [event] = implementationEventsFromEvidence(leaky);
    expect(event?.explanation).toContain('was readable by the script');
    expect(event?.title).not.toContain('no status');
  });

  it('quotes what the script received for another peer without console messages, and checks the run date', () => {
    const [event] = implementationEventsFromEvidence({
      ...RUN,
      peer: { name: 'undici', version: '7.10.0', url: 'https://github.com/nodejs/undici' },
      scenarios: [RUN.scenarios[3]!],
    });
    expect(event?.quotation).toBe('error (no data), then close (code=1006, reason="", wasClean=false)');
    expect(event?.quotationSource).toBe('evidence');
    expect(() => implementationEventsFromEvidence({ ...RUN, recordedAt: 'yesterday' })).toThrow(/ISO 8601/);
  });

  it('refuses a peer it has no source link for', () => {
    expect(() => implementationEventsFromEvidence({ ...RUN, peer: { name: 'somepeer', version: '1' } })).toThrow(
      /no source link/,
    );
    expect(
      implementationEventsFromEvidence({ ...RUN, peer: { name: 'somepeer', version: '1', url: 'https://example.org/src' } })[0]
        ?.url,
    ).toBe('https://example.org/src');
  });
});
