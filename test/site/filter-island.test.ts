/**
 * The rules of the filter island (/evidence/, /wpt/, /matrix/): which rows a
 * view keeps and the URL query that names the view. The pages' e2e specs
 * drive the form itself.
 */
import { describe, expect, it } from 'vitest';
import { queryOf, rowMatches } from '../../src/site/filters/island.ts';
import type { FilterRules } from '../../src/site/filters/island.ts';
import { MATRIX_FILTERS } from '../../src/site/matrix-data.ts';

const EVIDENCE: FilterRules = {
  group: { attribute: 'group', match: 'equals' },
  impl: { attribute: 'differs', match: 'includes' },
  diff: { attribute: 'differs', match: 'nonEmpty' },
  q: { attribute: 'q', match: 'contains' },
};

describe('rowMatches', () => {
  it('keeps every row when no filter is set', () => {
    expect(rowMatches({}, {}, EVIDENCE)).toBe(true);
    expect(rowMatches({ group: 'send' }, { group: '', impl: '' }, EVIDENCE)).toBe(true);
  });

  it('equals: the attribute is the value, not a part of it', () => {
    expect(rowMatches({ group: 'send' }, { group: 'send' }, EVIDENCE)).toBe(true);
    expect(rowMatches({ group: 'send-more' }, { group: 'send' }, EVIDENCE)).toBe(false);
  });

  it('includes: the value is one whole item of the list', () => {
    expect(rowMatches({ differs: 'deno bun' }, { impl: 'bun' }, EVIDENCE)).toBe(true);
    expect(rowMatches({ differs: 'deno bun' }, { impl: 'bu' }, EVIDENCE)).toBe(false);
    expect(rowMatches({}, { impl: 'bun' }, EVIDENCE)).toBe(false);
  });

  it('includes with a separator: the matrix keywords are split at |', () => {
    expect(rowMatches({ keywords: 'MUST|(step)' }, { keyword: '(step)' }, MATRIX_FILTERS)).toBe(true);
    expect(rowMatches({ keywords: 'MUST NOT' }, { keyword: 'MUST' }, MATRIX_FILTERS)).toBe(false);
  });

  it('nonEmpty: a checked box keeps only rows whose list has an item', () => {
    expect(rowMatches({ differs: 'deno' }, { diff: '1' }, EVIDENCE)).toBe(true);
    expect(rowMatches({ differs: '' }, { diff: '1' }, EVIDENCE)).toBe(false);
  });

  it('contains: free text matches the lower-case attribute whatever its case', () => {
    expect(rowMatches({ q: '/websockets/close-1000.any.html' }, { q: 'Close-1000' }, EVIDENCE)).toBe(true);
    expect(rowMatches({ q: '/websockets/close-1000.any.html' }, { q: 'send' }, EVIDENCE)).toBe(false);
  });

  it('every filter that is set must match', () => {
    expect(rowMatches({ group: 'send', differs: 'deno' }, { group: 'send', impl: 'bun' }, EVIDENCE)).toBe(false);
  });
});

describe('queryOf', () => {
  it('names only the filters that are set, in the rules\' order whatever the order of the values', () => {
    expect(queryOf({ status: 'gap', source: 'rfc6455', section: '' }, Object.keys(MATRIX_FILTERS))).toBe('?source=rfc6455&status=gap');
  });

  it('is empty for the unfiltered view, and encodes what it names', () => {
    expect(queryOf({ source: '' }, ['source'])).toBe('');
    expect(queryOf({ clause: 'whatwg#dom-websocket-close' }, ['clause'])).toBe('?clause=whatwg%23dom-websocket-close');
  });
});
