/**
 * The timeline page's data (src/site/history/timeline.ts) and the seed's
 * story collection: years for the summary, routine versions that may fold,
 * the introduction's counts of whose words the protocol events quote, and
 * the History panel of RFC 6455 §7.4.1 after the fact-check.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_TRACK } from '../../src/history/protocol-track.ts';
import { clauseHistory, type RfcHistoryView } from '../../src/site/history/clause-history.ts';
import { SEED_STORY, SEED_STORY_FILE, seedStepSchema } from '../../src/site/history/seed-story.ts';
import { isRoutine, timeline } from '../../src/site/history/timeline.ts';

beforeAll(() => {
  timeline();
}, 180_000); // the API history is parsed once: seconds alone, a minute or more on a busy machine

describe('the timeline’s years and folds', () => {
  it('groups every row into one year, in order, today last', () => {
    const { years, rows } = timeline();
    expect(years.flatMap((y) => y.rows)).toEqual(rows);
    expect(years.at(-1)!.year).toBe('today');
    const dated = years.slice(0, -1).map((y) => y.year);
    expect([...dated].sort()).toEqual(dated);
    expect(dated).toContain('2011');
  });

  it('folds only API versions that are no step of the story', () => {
    for (const item of timeline().items.values()) {
      if (isRoutine(item)) {
        expect(item.seedStep).toBeNull();
        expect(['w3c-revision', 'whatwg-version']).toContain(item.kind);
      }
    }
    expect(isRoutine(timeline().items.get('w3c-ed-r1.210')!)).toBe(false);
  });
});

describe('the introduction’s counts: not “each quoting its source”', () => {
  it('counts whose words every protocol event quotes, RFC 6455’s included', () => {
    const { own, rfc, removed } = timeline().stats.protocolQuotes;
    expect(own + rfc + removed).toBe(PROTOCOL_TRACK.length);
    expect(rfc).toBe(PROTOCOL_TRACK.filter((e) => e.quotationSource === 'rfc6455').length);
    expect(rfc).toBeGreaterThan(10);
    const page = readFileSync(fileURLToPath(new URL('../../src/site/routes/timeline.astro', import.meta.url)), 'utf8');
    expect(page).not.toMatch(/each quoting its source/);
    expect(page).toContain('{quotes.rfc} quote the RFC 6455');
  });
});

describe('the seed’s story (content collection)', () => {
  it('is stored as the collection’s schema says, one entry per step in order', () => {
    const stored = JSON.parse(readFileSync(fileURLToPath(new URL(`../../${SEED_STORY_FILE}`, import.meta.url)), 'utf8')) as unknown[];
    expect(stored.map((entry) => seedStepSchema.parse(entry).id)).toEqual(SEED_STORY.map((step) => String(step.step)));
    expect(SEED_STORY).toHaveLength(11);
  });

  it('names timeline items that exist', () => {
    const { items } = timeline();
    for (const step of SEED_STORY) for (const id of step.items) expect(items.has(id), `step ${step.step}: ${id}`).toBe(true);
  });
});

describe('the History panel of RFC 6455 §7.4.1 after the fact-check', () => {
  it('1011 is RFC 6455’s own addition, not hybi-13’s [rfc6455#section-7.4.1-2.12]', () => {
    const view = clauseHistory('rfc6455#section-7.4.1-2.12') as RfcHistoryView;
    const ids = view.events.map((e) => e.event.id);
    expect(ids).toContain('rfc6455-7.4.1-close-codes-1011-1015');
    const hybi13 = view.events.find((e) => e.event.id === 'hybi-13-close-codes-1008-1010');
    if (hybi13 !== undefined) expect(hybi13.event.explanation).not.toMatch(/completed the list/);
  });

  it('the 1006 code keeps its hybi-08 event, outside the seed’s story [rfc6455#section-7.4.1-2.7]', () => {
    const view = clauseHistory('rfc6455#section-7.4.1-2.7') as RfcHistoryView;
    expect(view.events.map((e) => e.event.id)).toContain('hybi-08-close-codes-1005-1006');
    expect(timeline().items.get('hybi-08-close-codes-1005-1006')!.seedStep).toBeNull();
  });
});
