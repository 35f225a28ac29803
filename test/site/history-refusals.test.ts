/**
 * The guide's refusal-status table (src/site/history/refusal-statuses.ts)
 * is the protocol core's error table, grouped by HTTP status, each status
 * with the clause that names it.
 */
import { describe, expect, it } from 'vitest';
import { ERRORS, type ErrorCode } from '../../src/protocol/errors.ts';
import { APPLICATION_REFUSALS, refusalRows, STATUS_CLAUSES } from '../../src/site/history/refusal-statuses.ts';
import { siteTarget } from '../../src/site/corpora.ts';

describe('the refusal statuses of the guide', () => {
  it('has one row per HTTP status of the error table, with every handshake error of that status [rfc6455#section-4.2.1-2]', () => {
    const rows = refusalRows();
    const expected = new Map<number, ErrorCode[]>();
    for (const [code, spec] of Object.entries(ERRORS) as [ErrorCode, (typeof ERRORS)[ErrorCode]][]) {
      if (spec.kind === 'handshake' && spec.httpStatus !== null) expected.set(spec.httpStatus, [...(expected.get(spec.httpStatus) ?? []), code]);
    }
    expect(rows.map((row) => row.status)).toEqual([...expected.keys()].sort((a, b) => a - b));
    for (const row of rows) expect(row.errors.map((e) => e.code)).toEqual(expected.get(row.status));
    expect(rows.find((row) => row.status === 403)!.errors.map((e) => e.code)).toEqual(['WS_ERR_ORIGIN_REFUSED']);
  });

  it('names clauses that exist for each status, and for the refusals the application decides [rfc6455#section-10.2-1]', () => {
    for (const { clause } of Object.values(STATUS_CLAUSES)) if (clause !== null) expect(siteTarget(clause), clause).not.toBeNull();
    for (const refusal of APPLICATION_REFUSALS) expect(siteTarget(refusal.clause), refusal.clause).not.toBeNull();
    expect(refusalRows().find((row) => row.status === 426)!.clause?.href).toMatch(/#section-4\.2\.2-2\.4\.2\.3$/);
  });
});
