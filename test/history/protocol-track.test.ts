/**
 * The curated protocol track: every event well-formed, linked the canonical
 * way, dated, sorted, and pointing at RFC 6455 clauses that exist; every RFC
 * quotation found word for word in the clause it cites.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/model.ts';
import { loadRfc6455 } from '../../src/corpus/rfc6455/index.ts';
import {
  HYBI_DRAFT_DATES,
  PROTOCOL_TRACK,
  RFC6455_DATE,
  REQUIRED_PROTOCOL_EVENT_IDS,
  SOURCES,
} from '../../src/history/protocol-track.ts';
import { IMPLEMENTATIONS_TRACK } from '../../src/history/implementations-track.ts';
import {
  CHANGES,
  HYBI_DRAFT_URL,
  QUOTATION_SOURCES,
  TRACKS,
  isIsoDate,
  rfc6455Url,
  type HistoryEvent,
} from '../../src/history/track-model.ts';

/** Whitespace-normalized text, for comparing a quotation with a clause. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The mailing-list messages the seed cites, the only non-IETF links of the track. */
const DISCUSSION_URLS = new Set([
  'http://www.ietf.org/mail-archive/web/hybi/current/msg06954.html',
  'http://lists.whatwg.org/htdig.cgi/whatwg-whatwg.org/2011-March/031079.html',
]);

let corpus: Corpus;
let ids: Set<string>;

/** Text of a clause, or of every clause of a section (and its subsections). */
function textsOf(id: string): string[] {
  const clause = corpus.clauses.find((c) => c.id === id);
  if (clause) return [normalize(clause.text)];
  const section = corpus.sections.find((s) => s.id === id);
  if (!section) return [];
  const anchors = new Set(
    corpus.sections.filter((s) => s.anchor === section.anchor || s.anchor.startsWith(`${section.anchor}.`)).map((s) => s.anchor),
  );
  return corpus.clauses.filter((c) => anchors.has(c.section)).map((c) => normalize(c.text));
}

beforeAll(async () => {
  corpus = await loadRfc6455();
  ids = new Set([...corpus.sections.map((s) => s.id), ...corpus.clauses.map((c) => c.id)]);
});

describe('protocol track: every event is well-formed', () => {
  it.each(PROTOCOL_TRACK.map((e) => [e.id, e] as const))('%s', (_id, event: HistoryEvent) => {
    expect(event.id).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/);
    expect(isIsoDate(event.date), `date ${event.date}`).toBe(true);
    expect(TRACKS).toContain(event.track);
    expect(CHANGES).toContain(event.change);
    if (event.quotationSource !== undefined) expect(QUOTATION_SOURCES).toContain(event.quotationSource);

    // One line of title, a short exact quotation, a real explanation.
    expect(event.title).not.toMatch(/\n/);
    expect(event.title.length).toBeGreaterThan(10);
    expect(event.quotation.trim().length).toBeGreaterThan(0);
    expect(event.quotation).toBe(normalize(event.quotation));
    expect(event.quotation.length).toBeLessThanOrEqual(300);
    expect(event.explanation.length).toBeGreaterThan(80);
    expect(event.verifiedFrom.length).toBeGreaterThan(0);

    if (event.change === 'removed') {
      expect(event.quotationOrigin, 'a removed event says where the quoted text stood').toBeDefined();
      expect(event.quotationOrigin?.url).toMatch(HYBI_DRAFT_URL);
    }
  });
});

describe('protocol track: links have the canonical format', () => {
  it.each(PROTOCOL_TRACK.map((e) => [e.id, e] as const))('%s', (_id, event: HistoryEvent) => {
    const draft = /^draft-ietf-hybi-thewebsocketprotocol-(\d{2})$/.exec(event.document);
    if (draft) {
      const match = HYBI_DRAFT_URL.exec(event.url);
      expect(match, event.url).not.toBeNull();
      expect(match?.[1]).toBe(draft[1]);
      expect(match?.[2] ?? null).toBe(event.section);
      expect(event.documentLabel).toBe(`hybi-${draft[1]}`);
      // The draft's publication date.
      expect(event.date).toBe(HYBI_DRAFT_DATES[Number(draft[1])]);
    } else if (event.document === 'rfc6455') {
      expect(event.url).toBe(rfc6455Url(event.section));
      expect(event.url).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc6455\.html#section-\d+(?:\.\d+)*$/);
      expect(event.date).toBe(RFC6455_DATE);
    } else {
      expect(event.track).toBe('discussion');
      expect(DISCUSSION_URLS.has(event.url), event.url).toBe(true);
    }
  });
});

describe('protocol track: RFC 6455 clauses exist and RFC quotations are exact', () => {
  it.each(PROTOCOL_TRACK.map((e) => [e.id, e] as const))('%s', (_id, event: HistoryEvent) => {
    for (const id of event.rfcClauses) {
      expect(ids.has(id), `${id} is not a clause or section of the parsed RFC 6455`).toBe(true);
    }
    if (event.document === 'rfc6455' || event.quotationSource === 'rfc6455') {
      expect(event.rfcClauses.length).toBeGreaterThan(0);
      const quotation = normalize(event.quotation);
      const found = event.rfcClauses.some((id) => textsOf(id).some((text) => text.includes(quotation)));
      expect(found, `"${quotation}" is not in ${event.rfcClauses.join(', ')}`).toBe(true);
    }
    if (event.document === 'rfc6455' && event.section !== null) {
      // The event's own section is among the clauses it names.
      expect(
        event.rfcClauses.some(
          (id) => id === `rfc6455#section-${event.section}` || id.startsWith(`rfc6455#section-${event.section}-`),
        ),
      ).toBe(true);
    }
  });
});

describe('protocol track: the timeline as a whole', () => {
  it('has unique ids across the protocol and implementation tracks', () => {
    const all = [...PROTOCOL_TRACK, ...IMPLEMENTATIONS_TRACK].map((e) => e.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('is sorted by date', () => {
    const dates = PROTOCOL_TRACK.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('contains every event the History issue requires', () => {
    const present = new Set(PROTOCOL_TRACK.map((e) => e.id));
    const missing = REQUIRED_PROTOCOL_EVENT_IDS.filter((id) => !present.has(id));
    expect(missing).toEqual([]);
  });

  it('tells the seed story in order: hybi-05 → hybi-06 → the lists → hybi-07 → hybi-08 → RFC 6455', () => {
    const order = [
      'hybi-05-no-failure-information-to-scripts',
      'hybi-06-drops-failure-information-rule',
      'hybi-list-2011-03-28-redirects-are-an-api-question',
      'whatwg-list-2011-03-29-punt-redirects-in-the-api',
      'hybi-07-non-101-handled-per-http',
      'hybi-08-server-refusal-http-error-code',
      'rfc6455-1.3-non-101-keeps-http-semantics',
    ];
    const positions = order.map((id) => PROTOCOL_TRACK.findIndex((e) => e.id === id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('has one event per Sec-WebSocket-Version change from 8 to 13, and the note on the skipped 9–12', () => {
    const bumps = PROTOCOL_TRACK.filter((e) => /^hybi-\d\d-version-\d+$/.test(e.id)).map((e) => [e.documentLabel, e.id]);
    expect(bumps).toEqual([
      ['hybi-08', 'hybi-08-version-8'],
      ['hybi-13', 'hybi-13-version-13'],
    ]);
    const skipped = PROTOCOL_TRACK.find((e) => e.id === 'hybi-11-versions-9-to-11-unused');
    expect(skipped?.rfcClauses).toContain('rfc6455#section-4.1-6.9.2');
  });

  it('quotes the removed hybi-05 text in the hybi-06 removal, identical to the hybi-05 event', () => {
    const before = PROTOCOL_TRACK.find((e) => e.id === 'hybi-05-no-failure-information-to-scripts');
    const removal = PROTOCOL_TRACK.find((e) => e.id === 'hybi-06-drops-failure-information-rule');
    expect(removal?.quotation).toBe(before?.quotation);
    expect(removal?.quotationOrigin?.url).toBe(before?.url);
  });
});

/** The seed post (beside the repository, like the spec mirror); absent on machines without it. */
const SEED = fileURLToPath(new URL('../../../shared/seeds/000_5a4e17698483439e.txt', import.meta.url));

describe.skipIf(!existsSync(SEED))('protocol track: quotations taken from the seed post', () => {
  const seed = existsSync(SEED) ? normalize(readFileSync(SEED, 'utf8')) : '';
  const fromSeed = PROTOCOL_TRACK.filter((e) => e.verifiedFrom.includes(SOURCES.seedBlog) && e.quotationSource === undefined);

  it.each(fromSeed.map((e) => [e.id, e] as const))('%s is quoted word for word', (_id, event: HistoryEvent) => {
    expect(seed).toContain(event.quotation);
  });
});
