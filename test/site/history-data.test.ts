/**
 * The History data the pages render (src/site/history-data.ts), on the real
 * corpus: the seed's clauses have the changes the seed quotes, the site's
 * protocol ↔ API pairs name the same rule, the timeline reads in date
 * order with the seed's story in order, and the evidence is either the
 * recorded run or an honest absence.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { w3cClauseHistory } from '../../src/history/api-track/index.ts';
import { PROTOCOL_TRACK } from '../../src/history/protocol-track.ts';
import { readerIndex } from '../../src/site/corpora.ts';
import {
  clauseHistory,
  clauseLink,
  clauseQuote,
  evidence,
  EVIDENCE_ABSENT,
  historyCount,
  RELATED_API_CLAUSES,
  SEED_STORY,
  timeline,
  type ApiHistoryView,
  type RfcHistoryView,
} from '../../src/site/history-data.ts';

/** The reader page and anchor of a site link exist. */
function expectReaderLink(href: string): void {
  const match = /^\/(rfc6455|whatwg|w3c)\/([^/]+)\/#(.+)$/.exec(href);
  expect(match, href).not.toBeNull();
  const [, source, slug, anchor] = match!;
  const index = readerIndex(source as 'rfc6455');
  expect(index.pages.some((page) => page.slug === slug)).toBe(true);
  expect(index.href(anchor!)).toBe(href);
}

beforeAll(() => {
  timeline(); // parses every API version once (a few seconds)
}, 180_000); // the API history is parsed once: seconds alone, a minute or more on a busy machine

describe('the seed’s clauses', () => {
  it('W3C CR step 8 ¶2: added by r1.210 with the words the seed quotes, then r1.278', () => {
    const view = clauseHistory('w3c#dom-websocket-step-8-2') as ApiHistoryView;
    expect(view.source).toBe('w3c');
    const changes = view.entries.flatMap((e) => (e.type === 'change' ? [e.change] : []));
    expect(changes.map((c) => [c.label, c.kind])).toEqual([
      ['r1.210', 'added'],
      ['r1.278', 'changed'],
    ]);
    expect(changes[0]!.after).toContain('if the status code received from the server is not 101 (e.g. it is a redirect), the user agent must fail the websocket connection');
    expect(changes[0]!.log).toBe('Block redirects in WebSockets (whatwg r6148)');
    expect(historyCount('w3c#dom-websocket-step-8-2')).toBe(2);
    expect(view.counterpart?.link.href).toBe('/whatwg/2/#concept-websocket-establish-step-11.1');
    expect(view.related.map((e) => e.event.id)).toContain('hybi-05-non-101-fails-connection');
  });

  it('W3C CR §5 ¶12: added by r1.271, in the last two /TR publications', () => {
    const view = clauseHistory('w3c#feedback-from-the-protocol-12') as ApiHistoryView;
    const changes = view.entries.flatMap((e) => (e.type === 'change' ? [e.change] : []));
    expect(changes.map((c) => c.label)).toEqual(['r1.271']);
    expect(changes[0]!.log).toContain('mysteriously removed from the RFC');
    const publications = view.entries.flatMap((e) => (e.type === 'publications' ? e.publications : []));
    expect(publications.filter((p) => p.present).map((p) => p.label)).toEqual(['LCWD 2012-08-09', 'CR 2012-09-20']);
    expect(view.counterpart?.link.href).toBe('/whatwg/4/#feedback-from-the-protocol-11');
  });

  it('RFC 6455 §4.2.2 ¶2.4.2.1: the hybi-08 sentence and RFC 6455 itself', () => {
    const view = clauseHistory('rfc6455#section-4.2.2-2.4.2.1') as RfcHistoryView;
    expect(view.source).toBe('rfc6455');
    expect(view.events.map((e) => e.event.id)).toEqual([
      'hybi-08-server-refusal-http-error-code',
      'hybi-11-sec-websocket-origin-becomes-origin',
      'rfc6455-4.2.2-server-refusal-http-error-code',
    ]);
    expect(view.events[0]!.timeline).toBe('/timeline/#hybi-08-server-refusal-http-error-code');
  });

  it('a WHATWG clause points back to its W3C CR counterpart', () => {
    const view = clauseHistory('whatwg#feedback-from-the-protocol-11') as ApiHistoryView;
    expect(view.source).toBe('whatwg');
    expect(view.counterpart?.link.href).toBe('/w3c/5/#feedback-from-the-protocol-12');
    const drafts = view.entries.flatMap((e) => (e.type === 'publications' ? e.publications : []));
    expect(drafts.map((d) => d.kind)).toEqual(['review-draft', 'review-draft', 'review-draft']);
  });

  it('the Editor’s Draft date line collapses its date-only revisions into runs', () => {
    const view = clauseHistory('w3c#status-of-this-document-6') as ApiHistoryView;
    const inRuns = view.entries.flatMap((e) => (e.type === 'run' ? e.run.changes : []));
    const single = view.entries.filter((e) => e.type === 'change');
    expect(inRuns.length + single.length).toBe(w3cClauseHistory('status-of-this-document-6')!.changes.length);
    expect(single.length).toBeLessThan(20);
  });

  it('has no panel for a clause without history, nor for an unknown ID', () => {
    expect(historyCount('rfc6455#section-5.2-1')).toBe(0);
    expect(clauseHistory('rfc6455#section-5.2-1')).toBeNull();
    expect(historyCount('w3c#no-such-anchor')).toBe(0);
    expect(historyCount('not-an-id')).toBe(0);
  });
});

describe('the site’s protocol ↔ API pairs', () => {
  it('pair the hybi-05 sentence with the API clauses that restored it word for word', () => {
    const event = PROTOCOL_TRACK.find((e) => e.id === 'hybi-05-no-failure-information-to-scripts')!;
    for (const id of RELATED_API_CLAUSES['hybi-05-no-failure-information-to-scripts']!) expect(clauseQuote(id).text).toBe(event.quotation);
  });

  it('pair the hybi-05 §5.1 rule with the API clauses that fail the connection on a status other than 101', () => {
    for (const id of RELATED_API_CLAUSES['hybi-05-non-101-fails-connection']!) expect(clauseQuote(id).text).toMatch(/not 101.*fail the WebSocket connection/);
  });

  it('name clauses that exist, under events that exist', () => {
    const ids = new Set(PROTOCOL_TRACK.map((e) => e.id));
    for (const [event, clauses] of Object.entries(RELATED_API_CLAUSES)) {
      expect(ids.has(event), event).toBe(true);
      for (const id of clauses) expectReaderLink(clauseLink(id).href);
    }
  });
});

describe('the timeline', () => {
  it('reads in date order, today last', () => {
    const dates = timeline().rows.map((row) => row.date);
    const dated = dates.filter((d) => d !== 'today');
    expect([...dated].sort()).toEqual(dated);
    expect(dates.at(-1)).toBe('today');
  });

  it('lists the seed’s story in order: hybi-05 … RFC 6455, r1.271, CR 2012, WHATWG today, Chromium today', () => {
    const { items, rows } = timeline();
    const order = rows.flatMap((row) => [...row.cells.protocol, ...row.cells.api, ...row.cells.implementation]).map((item) => item.id);
    const positions = SEED_STORY.flatMap((step) => step.items.map((id) => order.indexOf(id)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(SEED_STORY.map((step) => step.items[0])).toEqual([
      'hybi-05-no-failure-information-to-scripts',
      'hybi-06-drops-failure-information-rule',
      'hybi-list-2011-03-28-redirects-are-an-api-question',
      'hybi-07-non-101-handled-per-http',
      'w3c-ed-r1.210',
      'hybi-08-server-refusal-http-error-code',
      'rfc6455-1.3-non-101-keeps-http-semantics',
      'w3c-ed-r1.271',
      'w3c-tr-2012-09-20',
      'whatwg-today',
      'chromium-today',
    ]);
    expect(items.get('w3c-ed-r1.210')!.quotation?.text).toContain('the status code received from the server is not 101');
  });

  it('has Go’s change of 3 November 2011 in the implementations track', () => {
    const go = timeline().items.get('go-websocket-2011-11-03-bad-handshake-400')!;
    expect(go.date).toBe('2011-11-03');
    expect(go.track).toBe('implementation');
    expect(go.url).toBe('https://github.com/golang/go/commit/de3d64725288c4baa083b804d51f4d7ef35ea130');
  });

  it('counts every W3C revision: shown, date-only, or without clause change', () => {
    const { stats } = timeline();
    expect(stats.w3cShown + stats.w3cDateOnly + stats.w3cNoClauseChange).toBe(stats.w3cRevisions);
    expect(timeline().rows.flatMap((r) => r.cells.api).filter((i) => i.kind === 'w3c-revision')).toHaveLength(stats.w3cShown);
  });

  it('links every event to reader pages that exist', () => {
    for (const item of timeline().items.values()) for (const link of item.clauses) expectReaderLink(link.href);
  });

  it('shows Chromium today from the recorded run, or says that none is recorded', () => {
    const chromium = timeline().items.get('chromium-today')!;
    const view = evidence();
    if (view.status === 'absent') {
      expect(chromium.evidence).toEqual({ absent: EVIDENCE_ABSENT, detail: view.detail });
    } else {
      expect(chromium.evidence !== null && 'run' in chromium.evidence && chromium.evidence.run.peer.name.toLowerCase()).toBe('chromium');
    }
  });
});
