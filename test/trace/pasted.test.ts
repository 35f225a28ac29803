/**
 * Spec text pasted into comments without quotation marks (src/trace/pasted.ts),
 * against the real RFC 6455 corpus. The comment excerpts are written for
 * these tests.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRfc6455 } from '../../src/corpus/rfc6455/index.ts';
import { driftDiff, MIN_RUN, PastedIndex, wordDiff, wordsOf } from '../../src/trace/pasted.ts';

const rfc = loadRfc6455();
const index = new PastedIndex([rfc]);
const clause = (anchor: string): string => rfc.clauses.find((candidate) => candidate.anchor === anchor)!.text;

describe('pasted RFC text [rfc6455#section-5.5.1-5, rfc6455#section-7.1.7-2]', () => {
  it('finds a verbatim run and the clause it comes from', () => {
    const comment = `Per the RFC: ${clause('section-5.5.1-4')} So we stop.`;
    const [run] = index.runs(comment);
    expect(run).toMatchObject({ exact: true, clause: { id: 'rfc6455#section-5.5.1-4' } });
    expect(run!.text).toBe(clause('section-5.5.1-4').replace(/\.$/, '.'));
  });

  it('finds a drift of one word ("echoes" for the RFC\'s "echos") with a word diff', () => {
    const comment =
      'If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST send a Close frame in response. (When sending a Close frame in response, the endpoint typically echoes the status code it received.)';
    const [run] = index.runs(comment);
    expect(run).toMatchObject({ exact: false, clause: { id: 'rfc6455#section-5.5.1-5' } });
    expect(run!.diff).toContain('[-echos-] {+echoes+}');
  });

  it('tells "data(including" from the RFC\'s "data (including"', () => {
    const comment =
      'An endpoint MUST NOT continue to attempt to process data(including a responding Close frame) from the remote endpoint after being instructed to _Fail the WebSocket Connection_.';
    const [run] = index.runs(comment);
    expect(run).toMatchObject({ exact: false, clause: { id: 'rfc6455#section-7.1.7-2' } });
    expect(run!.diff).toContain('[-data (including-] {+data(including+}');
  });

  it('does not take a paraphrase that shares a short phrase for a copy', () => {
    expect(index.runs('we send it once the connection is established and the closing handshake has not begun yet')).toEqual([]);
    expect(index.runs('the server answers every ping right away with a pong of its own')).toEqual([]);
  });

  it('skips words inside excluded spans (quotations are checked as quotations)', () => {
    const text = clause('section-5.5.1-4');
    expect(index.runs(text, [{ start: 0, end: text.length }])).toEqual([]);
  });

  it('recognizes pasted RFC prose for context', () => {
    expect(index.hasVerbatimRun(`note: ${clause('section-10.7-1')}`, 'rfc6455')).toBe(true);
    expect(index.hasVerbatimRun('no spec words here at all, just a comment about buffers', 'rfc6455')).toBe(false);
  });

  it('finds any clause pasted whole, wherever it sits in a comment (property)', () => {
    const long = rfc.clauses.filter((candidate) => candidate.kind === 'paragraph' && wordsOf(candidate.text).length >= MIN_RUN + 4);
    fc.assert(
      fc.property(fc.constantFrom(...long), fc.constantFrom('', 'Note: ', 'As the spec puts it, '), (picked, lead) => {
        const [run] = index.runs(`${lead}${picked.text}`);
        expect(run?.exact).toBe(true);
        expect([run!.clause.id, ...run!.alsoIn.map((other) => other.id)]).toContain(picked.id);
      }),
      { numRuns: 40 },
    );
  });

  it('diffs a drifted quotation against the part of the clause it copies [rfc6455#section-5.5-3]', () => {
    expect(driftDiff(clause('section-5.5-3'), 'All control frames MUST have a payload length of 126 bytes or less')).toBe(
      '… a payload length of [-125-] {+126+} bytes or less',
    );
    expect(driftDiff(clause('section-4.1-6.9.1'), 'The value of this header field MUST be 14.')).toBe('… header field MUST be [-13.-] {+14.+}');
    expect(driftDiff(clause('section-4.1-6.7.1'), 'the sample nonce')).toBe('');
  });

  it('diffs words: unchanged kept near a change, the rest elided', () => {
    const from = wordsOf('one two three four five six seven eight nine ten');
    const to = wordsOf('one two three four five sixty seven eight nine ten');
    expect(wordDiff(from, to, 2)).toBe('… four five [-six-] {+sixty+} seven eight …');
  });
});
