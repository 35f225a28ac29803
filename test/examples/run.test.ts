/**
 * The runner (`npm run example`) and the examples' headers: the list, an
 * unknown name, and the clause IDs every header names.
 */
import { describe, expect, it } from 'vitest';
import { exampleNames, readHeader } from '../../examples/_lib/header.ts';
import { CorpusLookup } from '../../src/corpus/index.ts';
import { runExample } from './support.ts';

const EXAMPLES = [
  'handshake-rejection',
  'reject-after-accept',
  'diagnostics-endpoint',
  'origin-check',
  'echo',
  'broadcast',
  'close-codes',
  'fragmentation',
  'keepalive',
  'browser',
];

describe('npm run example', () => {
  it('lists every example with its one-line summary', async () => {
    const run = await runExample('', [], { runner: true });
    expect(run.code).toBe(0);
    const listed = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(/\s{2,}/));
    expect(listed.map(([name]) => name)).toEqual(EXAMPLES);
    for (const [name, summary] of listed) expect(summary, name).toBe(readHeader(name!).summary);
  });

  it('refuses an unknown name with the list and exit code 2', async () => {
    const run = await runExample('no-such-example', [], { runner: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No example named "no-such-example".');
    expect(run.stderr).toContain('handshake-rejection');
  });

  it('runs one by name, passing its options', async () => {
    const run = await runExample('echo', ['--', '--hold', '0'], { runner: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('24 of 24 messages echoed intact.');
  });
});

describe('The headers', () => {
  const lookup = new CorpusLookup();

  it('every example folder is one of the list, and every one has a test', () => {
    expect(exampleNames()).toEqual(EXAMPLES);
  });

  it.each(EXAMPLES)('%s: a summary, prose, and clause IDs that exist', (name) => {
    const header = readHeader(name);
    expect(header.summary.length).toBeGreaterThan(20);
    expect(header.summary.length).toBeLessThanOrEqual(160);
    expect(header.paragraphs.length).toBeGreaterThan(0);
    expect(header.clauses.length).toBeGreaterThan(0);
    expect(header.clauses.filter((id) => lookup.resolve(id) === null)).toEqual([]);
  });
});
