/**
 * The pure shaping of the History panels and the timeline
 * (src/site/history/shape.ts): diffs made light for a reader
 * page, publications placed between changes, rows by date, years and
 * folds of the timeline page, dates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiffPart } from '../../src/history/api-track/types.ts';
import { wordDiff } from '../../src/history/api-track/diff.ts';
import {
  changeDisplay,
  DEFAULT_ELIDE,
  elideDiff,
  foldRoutine,
  formatDate,
  groupByYear,
  interleave,
  isDateOnlyDiff,
  revisionNumber,
  timelineRows,
  type DisplayPart,
} from '../../src/site/history/shape.ts';

const words = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
const text = (parts: DisplayPart[]) => parts.map((p) => (p.kind === 'elided' ? '…' : p.value)).join('');

describe('elideDiff', () => {
  it('keeps a short diff as it is', () => {
    const diff: DiffPart[] = [{ value: 'must fail the ' }, { value: 'websocket', removed: true }, { value: 'WebSocket', added: true }, { value: ' connection.' }];
    expect(elideDiff(diff)).toEqual([
      { kind: 'same', value: 'must fail the ' },
      { kind: 'removed', value: 'websocket' },
      { kind: 'added', value: 'WebSocket' },
      { kind: 'same', value: ' connection.' },
    ]);
  });

  it('cuts a long leading run to its last words, a long trailing run to its first words', () => {
    const diff: DiffPart[] = [{ value: `${words(30)} ` }, { value: 'X', added: true }, { value: ` ${words(30, 'v')}` }];
    const out = elideDiff(diff, { ...DEFAULT_ELIDE, context: 3 });
    expect(out.map((p) => p.kind)).toEqual(['elided', 'same', 'added', 'same', 'elided']);
    expect(text(out)).toBe('… w27 w28 w29 X v0 v1 v2 …');
  });

  it('cuts a long middle run around the cut, keeping context on both sides', () => {
    const diff: DiffPart[] = [{ value: 'A', removed: true }, { value: ` ${words(40)} ` }, { value: 'B', added: true }];
    expect(text(elideDiff(diff, { ...DEFAULT_ELIDE, context: 2 }))).toBe('A w0 w1 … w38 w39 B');
  });

  it('keeps the start and end of a very long insertion', () => {
    const out = elideDiff([{ value: words(100), added: true }], { ...DEFAULT_ELIDE, maxChanged: 9 });
    expect(out.map((p) => p.kind)).toEqual(['added', 'elided', 'added']);
    expect(text(out)).toBe('w0 w1 w2 w3 w4 w5 … w97 w98 w99');
  });

  it('cuts figures by lines', () => {
    const before = ['interface WebSocket {', '  a;', '  b;', '  c;', '  d;', '  e;', '};'].join('\n');
    const after = before.replace('  c;', '  c2;');
    const out = elideDiff(wordDiff(before, after), { context: 1, maxChanged: 12, unit: 'line' });
    const shown = text(out);
    expect(shown).toContain('c2');
    expect(shown).not.toContain('interface WebSocket');
    expect(shown).not.toContain('};');
  });

  it('returns a diff without changes whole', () => {
    expect(elideDiff([{ value: words(50) }])).toEqual([{ kind: 'same', value: words(50) }]);
  });

  it('never changes the added and removed words it keeps, and never joins two runs of the same kind (property)', () => {
    const token = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'user', 'agent', 'must', '101');
    const sentence = fc.array(token, { minLength: 1, maxLength: 60 }).map((t) => t.join(' '));
    fc.assert(
      fc.property(sentence, sentence, (a, b) => {
        const diff = wordDiff(a, b);
        const out = elideDiff(diff, { context: 3, maxChanged: 8, unit: 'word' });
        for (let i = 1; i < out.length; i++) if (out[i]!.kind !== 'elided') expect(out[i]!.kind === out[i - 1]!.kind).toBe(false);
        const added = diff.filter((p) => p.added).map((p) => p.value).join('\u0000');
        for (const part of out.filter((p) => p.kind === 'added')) expect(added).toContain(part.value.trim());
        // Short enough diffs come back unchanged.
        if (diff.every((p) => p.value.split(/\s+/).filter(Boolean).length <= 3)) expect(text(out)).toBe(diff.map((p) => p.value).join(''));
      }),
    );
  });
});

describe('changeDisplay', () => {
  const long = words(40);
  it('shows a short addition whole', () => {
    expect(changeDisplay({ kind: 'added', diff: [{ value: 'short text', added: true }], after: 'short text' }, 'short text', false)).toEqual([
      { kind: 'added', value: 'short text' },
    ]);
  });
  it('cuts a long addition that the clause still has, and any addition of a bulk import', () => {
    const cut = [{ kind: 'added', value: words(12) }, { kind: 'elided', value: '…' }];
    expect(changeDisplay({ kind: 'added', diff: [{ value: long, added: true }], after: long }, long, false)).toEqual(cut);
    expect(changeDisplay({ kind: 'added', diff: [{ value: long, added: true }], after: long }, 'changed since', false, true)).toEqual(cut);
  });
  it('shows a long addition in full when the clause changed since (its words are history)', () => {
    expect(text(changeDisplay({ kind: 'added', diff: [{ value: long, added: true }], after: long }, 'changed since', false))).toBe(long);
  });
});

describe('isDateOnlyDiff', () => {
  it('recognizes the Editor’s Draft date line', () => {
    expect(isDateOnlyDiff(wordDiff('This is the 9 January 2009 Editor’s Draft.', 'This is the 12 January 2009 Editor’s Draft.'))).toBe(true);
    expect(isDateOnlyDiff(wordDiff('the 30 December 2009 draft', 'the 2 January 2010 draft'))).toBe(true);
  });
  it('rejects a change of words, and no change at all', () => {
    expect(isDateOnlyDiff(wordDiff('fail the websocket connection', 'fail the WebSocket connection'))).toBe(false);
    expect(isDateOnlyDiff(wordDiff('same', 'same'))).toBe(false);
  });
});

describe('interleave', () => {
  it('places each publication after the last change made at or before its version', () => {
    const merged = interleave([2, 5, 9], [0.5, 5.5, 5.7, 12.5], (c) => c, (p) => p);
    expect(merged.map((m) => `${m.type[0]}${m.item}`)).toEqual(['p0.5', 'c2', 'c5', 'p5.5', 'p5.7', 'c9', 'p12.5']);
  });
});

describe('timelineRows', () => {
  it('groups by date in date order, month-only dates before that month’s days, today last', () => {
    const rows = timelineRows([
      { date: 'today', track: 'implementation', order: 0 },
      { date: '2011-12-08', track: 'api', order: 1 },
      { date: '2011-12', track: 'protocol', order: 2 },
      { date: '2011-11-03', track: 'implementation', order: 3 },
      { date: '2011-12', track: 'protocol', order: 4 },
      { date: 'today', track: 'api', order: 5 },
    ]);
    expect(rows.map((r) => r.date)).toEqual(['2011-11-03', '2011-12', '2011-12-08', 'today']);
    expect(rows[1]!.cells.protocol.map((i) => i.order)).toEqual([2, 4]);
    expect(rows[3]!.cells.api.map((i) => i.order)).toEqual([5]);
    expect(rows[3]!.cells.implementation.map((i) => i.order)).toEqual([0]);
  });
});

describe('dates and revisions', () => {
  it('formats ISO dates in English and Japanese', () => {
    expect(formatDate('2011-05-24')).toBe('24 May 2011');
    expect(formatDate('2011-12')).toBe('December 2011');
    expect(formatDate('2011-05-24', 'ja')).toBe('2011年5月24日');
    expect(formatDate('2011-12', 'ja')).toBe('2011年12月');
  });
  it('numbers W3C revisions', () => {
    expect(revisionNumber('r1.210')).toBe(210);
    expect(revisionNumber('1.5')).toBe(5);
  });
});

describe('groupByYear and foldRoutine (the timeline page’s sections and folds)', () => {
  type Item = { date: string; track: 'protocol' | 'api' | 'implementation'; order: number; routine: boolean };
  const item = (date: string, track: Item['track'], routine = false, order = 0): Item => ({ date, track, order, routine });

  it('groups rows by year in order, today last, counting items per track', () => {
    const rows = timelineRows([item('2011-02-08', 'protocol'), item('2009-12-01', 'api'), item('today', 'implementation'), item('2011-05-24', 'api')]);
    const years = groupByYear(rows);
    expect(years.map((y) => y.year)).toEqual(['2009', '2011', 'today']);
    expect(years[1]!.counts).toEqual({ protocol: 1, api: 1, implementation: 0 });
    expect(years[1]!.rows.map((r) => r.date)).toEqual(['2011-02-08', '2011-05-24']);
  });

  it('folds runs of at least three routine rows and keeps the others', () => {
    const rows = timelineRows([
      item('2010-01-01', 'api', true),
      item('2010-01-02', 'api', true),
      item('2010-01-03', 'api', true),
      item('2010-01-04', 'protocol'),
      item('2010-01-05', 'api', true),
      item('2010-01-06', 'api', true),
    ]);
    const segments = foldRoutine(rows, (i) => i.routine);
    expect(segments.map((s) => (s.type === 'fold' ? `fold:${s.rows.length}` : s.row.date))).toEqual(['fold:3', '2010-01-04', '2010-01-05', '2010-01-06']);
  });

  it('never loses or reorders a row (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 28 }), fc.boolean()), { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (days, min) => {
        const rows = timelineRows(days.map(([day, routine], order) => item(`2011-01-${String(day).padStart(2, '0')}`, routine ? 'api' : 'protocol', routine, order)));
        const segments = foldRoutine(rows, (i) => i.routine, min);
        const flat = segments.flatMap((s) => (s.type === 'fold' ? s.rows : [s.row]));
        expect(flat).toEqual(rows);
        for (const s of segments) if (s.type === 'fold') expect(s.rows.length).toBeGreaterThanOrEqual(min);
      }),
    );
  });
});
