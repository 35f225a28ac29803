import { describe, expect, it } from 'vitest';
import { compactCitation, coverageText, rowsBySource, runSummary } from '../../src/site/matrix-data.ts';
import type { MatrixRow, MatrixTotals } from '../../src/trace/matrix.ts';

const total: MatrixTotals = {
  source: 'rfc6455',
  rows: 136,
  byStatus: { 'implemented-tested': 121, 'implemented-untested': 0, 'not-applicable': 15, gap: 0 },
  coverage: 1,
};

describe('the matrix as the site states it', () => {
  it('says "not yet run" instead of a percentage when the build recorded no test run', () => {
    const none = runSummary({ run: null, results: null });
    expect(none).toMatchObject({ recorded: false, date: null, commit: null, passed: 0 });
    expect(coverageText(total, none)).toBe('not yet run');
  });

  it('gives the share, the date, the commit and the counts of a recorded run', () => {
    const test = { file: 't.ts', ancestors: [], title: 't', fullName: 't', durationMs: 1, line: 1, ids: [] };
    const run = runSummary({
      run: { startedAt: '2026-12-05T21:04:30.000Z', commit: '0123456789abcdef', dirty: true, node: 'v24', platform: 'linux-x64' },
      results: { startTime: 0, tests: [{ ...test, status: 'passed' }, { ...test, status: 'failed' }, { ...test, status: 'skipped' }] as never },
    });
    expect(run).toEqual({ recorded: true, date: '2026-12-05 21:04 UTC', commit: '0123456+', passed: 1, failed: 1, skipped: 1 });
    expect(coverageText({ ...total, coverage: 121 / 121 }, run)).toBe('100.0%');
    expect(coverageText({ ...total, coverage: 0.9871 }, run)).toBe('98.7%');
  });

  it('shortens a clause citation to what follows the document name, keeping the name for screen readers', () => {
    expect(compactCitation({ citation: 'RFC 6455 §5.5.1 ¶2' }, 'RFC 6455')).toEqual({ prefix: 'RFC 6455 ', rest: '§5.5.1 ¶2' });
    expect(compactCitation({ citation: 'W3C WebSocket API (CR 2012) §2 ¶2' }, 'W3C WebSocket API')).toEqual({
      prefix: 'W3C WebSocket API (CR 2012) ',
      rest: '§2 ¶2',
    });
    expect(compactCitation({ citation: 'Something else' }, 'RFC 6455')).toEqual({ prefix: '', rest: 'Something else' });
  });

  it('groups rows by source in their order', () => {
    const rows = [{ source: 'rfc6455', id: 'a' }, { source: 'whatwg', id: 'b' }, { source: 'rfc6455', id: 'c' }] as MatrixRow[];
    expect(rowsBySource(rows).map((group) => [group.source, group.rows.map((row) => row.id)])).toEqual([
      ['rfc6455', ['a', 'c']],
      ['whatwg', ['b']],
    ]);
  });
});
