/**
 * The history against what a fact-check found (issue 14, "History: what a
 * fact-check found"): checked against the drafts' own headers, the seed,
 * RFC 6455 and the W3C revisions. Each test fails on the data it corrected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/model.ts';
import { loadRfc6455 } from '../../src/corpus/rfc6455/index.ts';
import { w3cRevision } from '../../src/history/api-track/index.ts';
import { IMPLEMENTATIONS_TRACK } from '../../src/history/implementations-track.ts';
import { HYBI_DATE_SOURCES, HYBI_DRAFT_DATES, PROTOCOL_TRACK, SOURCES } from '../../src/history/protocol-track.ts';
import { changeLabel, monthsBetween, type HistoryEvent } from '../../src/history/track-model.ts';
import { SEED_STORY } from '../../src/site/history/seed-story.ts';

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const SEED_POST = `${SEEDS}000_5a4e17698483439e.txt`;
const W3C_INDEX = repo('.cache/specs/w3c-websocket-api/index.json');

const event = (id: string): HistoryEvent => {
  const found = [...PROTOCOL_TRACK, ...IMPLEMENTATIONS_TRACK].find((e) => e.id === id);
  if (found === undefined) throw new Error(`no event ${id}`);
  return found;
};

let rfc: Corpus;
beforeAll(async () => {
  rfc = await loadRfc6455();
});

describe('close codes: RFC 6455 defines 1011 and 1015, which no draft had [rfc6455#section-7.4.1-2.12]', () => {
  it('names every close code of RFC 6455 §7.4.1 in an event, 1011 and 1015 in RFC 6455’s own [rfc6455#section-7.4.1-2.13]', () => {
    const codeClauses = rfc.clauses.filter((c) => c.section === 'section-7.4.1' && /^\d{4}\b/.test(c.text));
    const codes = codeClauses.map((c) => c.text.slice(0, 4));
    expect(codes).toEqual(expect.arrayContaining(['1000', '1010', '1011', '1015']));
    for (const clause of codeClauses) {
      const naming = PROTOCOL_TRACK.filter((e) => e.rfcClauses.includes(clause.id));
      const code = clause.text.slice(0, 4);
      if (code === '1011' || code === '1015') {
        expect(naming.map((e) => e.document), code).toEqual(['rfc6455']);
      }
    }
  });

  it('no event claims that a draft completed the RFC’s list of close codes', () => {
    for (const e of PROTOCOL_TRACK) expect(e.explanation, e.id).not.toMatch(/completed the list of close codes/i);
    expect(event('hybi-13-close-codes-1008-1010').explanation).toMatch(/1011 and 1015/);
  });
});

describe('how long the API took: r1.210 → r1.271 is thirteen and a half months; hybi-06 → r1.271 seventeen', () => {
  const r1210 = w3cRevision('r1.210');
  const r1271 = w3cRevision('r1.271');

  it('reads the two revisions’ dates from the W3C history', () => {
    expect(r1210?.date).toBe('2011-05-24');
    expect(r1271?.date).toBe('2012-07-11');
  });

  it('the English and Japanese guides say thirteen and a half months (十三か月半) for r1.210 → r1.271', () => {
    const apart = monthsBetween(r1210!.date, r1271!.date);
    expect(Math.round(apart * 2) / 2).toBe(13.5);
    const en = normalize(readFileSync(repo('docs/guides/handshake-failures.mdx'), 'utf8'));
    const ja = normalize(readFileSync(repo('docs/ja/guides/handshake-failures.mdx'), 'utf8'));
    expect(en).toContain('took both rules over, thirteen and a half months apart');
    expect(en).not.toMatch(/seventeen months apart/);
    expect(ja).toContain('十三か月半の間隔をおいて引き取りました');
    expect(ja).not.toContain('十七か月の間隔');
  });

  it('keeps seventeen months (the seed’s 一年五ヶ月) only for hybi-06 → r1.271', () => {
    const hybi06 = event('hybi-06-drops-failure-information-rule');
    expect(Math.round(monthsBetween(hybi06.date, r1271!.date))).toBe(17);
    expect(hybi06.explanation).toContain('seventeen months later');
    if (existsSync(SEED_POST)) expect(readFileSync(SEED_POST, 'utf8')).toContain('一年五ヶ月ぶり');
  });
});

describe('the hybi-05 rules were in force as of hybi-05, not added by it', () => {
  it('the seed quotes them under “hybi-05以前” (hybi-05 and earlier)', () => {
    if (existsSync(SEED_POST)) expect(readFileSync(SEED_POST, 'utf8')).toContain('WebSocket Protocol hybi-05以前');
    for (const id of ['hybi-05-no-failure-information-to-scripts', 'hybi-05-non-101-fails-connection']) {
      expect(event(id).change, id).toBe('in-force');
      expect(changeLabel(event(id))).toBe('in force as of hybi-05');
    }
  });

  it('labels the other changes as before', () => {
    expect(changeLabel(event('hybi-07-non-101-handled-per-http'))).toBe('text changed');
    expect(changeLabel(event('hybi-list-2011-03-28-redirects-are-an-api-question'))).toBe('discussion');
  });
});

describe('draft dates: the drafts’ own headers first; the WASD wsLIB.c history is not a date source', () => {
  /** Dates read off the drafts' first pages. */
  const HEADER_DATES: Record<number, [string, string]> = {
    4: ['2011-01-11', 'January 11, 2011'],
    5: ['2011-02-08', 'February 8, 2011'],
    7: ['2011-04-22', 'April 22, 2011'],
    8: ['2011-06-07', 'June 7, 2011'],
    9: ['2011-06-13', 'June 13, 2011'],
    13: ['2011-08-31', 'August 31, 2011'],
    16: ['2011-09-27', 'September 27, 2011'],
  };

  it.each(Object.entries(HEADER_DATES))('hybi-%s is dated by its header', (revision, [iso, printed]) => {
    expect(HYBI_DRAFT_DATES[Number(revision)]).toBe(iso);
    const first = HYBI_DATE_SOURCES[Number(revision)]![0]!;
    expect(first).toContain('header');
    expect(first).toContain(printed);
  });

  it('has a date source for every cited draft, and never the WASD history', () => {
    for (const revision of Object.keys(HYBI_DRAFT_DATES)) {
      const sources = HYBI_DATE_SOURCES[Number(revision)];
      expect(sources?.length, `hybi-${revision}`).toBeGreaterThan(0);
      expect(sources).not.toContain(SOURCES.wasdWsLibHistory);
    }
  });

  it('names the WASD source for what it is', () => {
    expect(Object.keys(SOURCES).some((key) => /libwebsockets/i.test(key))).toBe(false);
    expect(Object.values(SOURCES).some((value) => /libwebsockets/i.test(value))).toBe(false);
    expect(SOURCES.wasdWsLibHistory).toMatch(/WASD wsLIB\.c version history/);
  });
});

describe('words in double quotes in an explanation are somebody’s exact words', () => {
  /** Every text an explanation may quote from: RFC 6455, the events' own quotations, the W3C logs, the seeds. */
  function quotable(): string {
    const texts = [...rfc.clauses.map((c) => c.text), ...[...PROTOCOL_TRACK, ...IMPLEMENTATIONS_TRACK].map((e) => e.quotation)];
    if (existsSync(W3C_INDEX)) texts.push(readFileSync(W3C_INDEX, 'utf8'));
    for (const seed of ['000_5a4e17698483439e.txt', '003_66b7161d5290c7c3.txt']) if (existsSync(`${SEEDS}${seed}`)) texts.push(readFileSync(`${SEEDS}${seed}`, 'utf8'));
    return normalize(texts.join('\n'));
  }

  it('hybi-10’s 1007 quotes the RFC with its reference: “non-UTF-8 [RFC3629] data” [rfc6455#section-7.4.1-2.8]', () => {
    const clause = rfc.clauses.find((c) => c.id === 'rfc6455#section-7.4.1-2.8')!;
    const quoted = /\("([^"]+)"\)/.exec(event('hybi-10-close-code-1007').explanation)?.[1];
    expect(quoted).toBe('e.g., non-UTF-8 [RFC3629] data within a text message');
    expect(normalize(clause.text)).toContain(quoted);
  });

  it('every quoted phrase of three words or more is found word for word', () => {
    const corpus = quotable();
    const misquoted: string[] = [];
    for (const e of [...PROTOCOL_TRACK, ...IMPLEMENTATIONS_TRACK]) {
      for (const [, phrase] of e.explanation.matchAll(/"([^"]+)"/g)) {
        if (phrase!.split(/\s+/).length >= 3 && !corpus.includes(normalize(phrase!))) misquoted.push(`${e.id}: "${phrase}"`);
      }
    }
    expect(misquoted).toEqual([]);
  });
});

describe('the seed’s story names only steps the seed tells', () => {
  it('every draft or mailing-list event of the story is one the seed quotes', () => {
    const protocol = new Map(PROTOCOL_TRACK.map((e) => [e.id, e]));
    for (const step of SEED_STORY) {
      for (const id of step.items) {
        const e = protocol.get(id);
        if (e === undefined || e.document === 'rfc6455') continue;
        expect(e.verifiedFrom, `step ${step.step}: ${id}`).toContain(SOURCES.seedBlog);
      }
    }
  });

  it('hybi-08 §7.4 (1006) is not a step of the story', () => {
    expect(SEED_STORY.flatMap((step) => step.items)).not.toContain('hybi-08-close-codes-1005-1006');
  });
});
