/**
 * The WPT → clause table (src/wpt/clauses.ts): every test file of the suite
 * is in it, nothing else is, and every ID names a clause of the corpus, as
 * annotations and test titles are checked.
 */
import { describe, expect, it } from 'vitest';
import { CorpusLookup } from '../../src/corpus/index.ts';
import { WPT_CLAUSES } from '../../src/wpt/clauses.ts';
import { WPT_DEVIATIONS } from '../../src/wpt/deviations.ts';
import { listTests, wptDir } from '../../src/wpt/suite.ts';

const root = wptDir();
const lookup = new CorpusLookup();

describe.skipIf(root === null)('the WPT clause table', () => {
  const files = [...new Set(listTests(root!).map((test) => test.file))].sort();

  it('maps every test file of the suite, and only those', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files.filter((file) => WPT_CLAUSES[file] === undefined)).toEqual([]);
    expect(Object.keys(WPT_CLAUSES).filter((file) => !files.includes(file))).toEqual([]);
  });

  it('names at least one clause for each file, each ID an existing clause or section', () => {
    const problems: string[] = [];
    for (const [file, ids] of Object.entries(WPT_CLAUSES)) {
      if (ids.length === 0) problems.push(`${file}: no clause`);
      for (const id of ids) if (lookup.resolve(id) === null) problems.push(`${file}: ${id} names no clause or section`);
    }
    expect(problems).toEqual([]);
  });

  it('reports an ID that names nothing', () => {
    expect(lookup.resolve('whatwg#no-such-anchor')).toBeNull();
    expect(lookup.resolve('whatwg#dom-websocket-close-step-1')).not.toBeNull();
  });
});

describe('the deliberate deviations of ours in the WPT run [whatwg#dom-websocket-websocket-step-9, whatwg#concept-websocket-establish-step-2]', () => {
  it('each quotes the words of its clause, and the clause is one its test file exercises', () => {
    const problems: string[] = [];
    const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
    for (const deviation of WPT_DEVIATIONS) {
      const text = lookup.clausesOf(deviation.clause).map((clause) => squash(clause.text)).join(' ');
      if (!text.includes(squash(deviation.quote))) problems.push(`${deviation.test}: the quote is not in ${deviation.clause}`);
      if (!(WPT_CLAUSES[deviation.test] ?? []).includes(deviation.clause as never)) problems.push(`${deviation.test} does not map to ${deviation.clause}`);
      if (deviation.why.trim() === '') problems.push(`${deviation.test}: no reason`);
    }
    expect(problems).toEqual([]);
  });
});
