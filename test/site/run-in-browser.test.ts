/**
 * "Run in your browser": the case registry the island loads is the very set
 * of cases Vitest runs, under the same titles; casesFor finds every case by
 * every clause its title names; the IDs name real clauses; the cases need
 * nothing a browser lacks; and the runner reports as it should.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CorpusLookup } from '../../src/corpus/index.ts';
import { REPO_ROOT } from '../../src/corpus/sources/paths.ts';
import { ALL_CASES_ID, browserCaseCount, browserClauses } from '../../src/site/components/run-in-browser/browser-cases.ts';
import { locateCase } from '../../src/site/components/run-in-browser/case-sources.ts';
import { runCases, summaryLine } from '../../src/site/components/run-in-browser/run-cases.ts';
import { clauseIdsIn, scanTestIds } from '../../src/trace/test-ids.ts';
import { ALL_CASES, CASE_MODULES, casesFor, clauseIdsOf, CLAUSES_WITH_BROWSER_CASES } from '../protocol/cases/index.ts';
import type { SpecCase } from '../protocol/cases/index.ts';

const run = promisify(execFile);

interface ListedTest {
  name: string;
  file: string;
}

/**
 * The tests Vitest collects from `files`: `vitest list` imports each file
 * (not a static parse, which cannot see titles built in a loop) and
 * registers its tests without running them or the global setup.
 */
async function vitestList(files: string[]): Promise<ListedTest[]> {
  const dir = await mkdtemp(join(tmpdir(), 'wsspec-list-'));
  const out = join(dir, 'list.json');
  // The child is a Vitest of its own, not a worker of this run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'WSSPEC_RECORD'));
  try {
    await run(process.execPath, [join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'list', '--staticParse=false', `--json=${out}`, ...files], { cwd: REPO_ROOT, env });
    return JSON.parse(await readFile(out, 'utf8')) as ListedTest[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the browser case registry is what Vitest runs', () => {
  it('has a test file test/protocol/<name>.test.ts for each case module, which registers each of its cases under its title', async () => {
    const files = Object.keys(CASE_MODULES).map((name) => `test/protocol/${name}.test.ts`);
    const listed = await vitestList(files);
    for (const [name, cases] of Object.entries(CASE_MODULES)) {
      const file = join(REPO_ROOT, `test/protocol/${name}.test.ts`);
      const names = listed.filter((test) => test.file === file).map((test) => test.name);
      for (const c of cases) {
        const matching = names.filter((fullName) => fullName === c.title || fullName.endsWith(` > ${c.title}`));
        expect(matching, `${name}.test.ts registers "${c.title}" once`).toHaveLength(1);
      }
    }
    expect(listed.length).toBeGreaterThanOrEqual(ALL_CASES.length);
  }, 60_000);

  it('locates each case at the line of its title in its own case module, for links from its results', async () => {
    for (const [name, cases] of Object.entries(CASE_MODULES)) {
      const lines = (await readFile(join(REPO_ROOT, `test/protocol/cases/${name}.cases.ts`), 'utf8')).split('\n');
      for (const c of cases) {
        const location = locateCase(c.title);
        expect(location?.file, c.title).toBe(`test/protocol/cases/${name}.cases.ts`);
        expect(lines[location!.line - 1], c.title).toMatch(/\btitle:/);
      }
    }
    expect(locateCase('no such case')).toBeNull();
  });

  it('gives every case a distinct title', () => {
    const titles = ALL_CASES.map((c) => c.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('holds every *.cases.ts module of test/protocol/cases', async () => {
    const files = (await readdir(join(REPO_ROOT, 'test/protocol/cases'))).filter((file) => file.endsWith('.cases.ts'));
    expect(files.map((file) => file.replace(/\.cases\.ts$/, '')).sort()).toEqual(Object.keys(CASE_MODULES).sort());
  });
});

describe('casesFor and CLAUSES_WITH_BROWSER_CASES', () => {
  it('reads clause IDs from titles exactly as the build does', () => {
    for (const c of ALL_CASES) expect(clauseIdsOf(c.title), c.title).toEqual(clauseIdsIn(c.title));
    // Built, not written, so that the build's scan of test sources does not take it for a reference.
    const title = ['x ', '[', 'rfc6455#one, w3c#two', '] ', '[', 'whatwg#three', ']'].join('');
    expect(clauseIdsOf(title)).toEqual(['rfc6455#one', 'w3c#two', 'whatwg#three']);
  });

  it('finds every case under every ID its title names, and nowhere else', () => {
    for (const c of ALL_CASES) {
      for (const id of clauseIdsIn(c.title)) expect(casesFor(id), `${id} → ${c.title}`).toContain(c);
    }
    for (const id of CLAUSES_WITH_BROWSER_CASES) {
      const expected = ALL_CASES.filter((c) => clauseIdsIn(c.title).includes(id));
      expect(casesFor(id)).toEqual(expected);
    }
    expect(casesFor('rfc6455#section-9.9-9')).toEqual([]);
  });

  it('lists exactly the IDs the titles name', () => {
    const named = new Set(ALL_CASES.flatMap((c) => clauseIdsIn(c.title)));
    expect(new Set(CLAUSES_WITH_BROWSER_CASES)).toEqual(named);
    expect(CLAUSES_WITH_BROWSER_CASES).toContain('rfc6455#section-1.3-14');
    expect(CLAUSES_WITH_BROWSER_CASES).toContain('rfc6455#section-5.7-1.2.2.1');
  });

  it('names only clauses and sections that exist', () => {
    const lookup = new CorpusLookup();
    for (const id of CLAUSES_WITH_BROWSER_CASES) expect(lookup.resolve(id), id).not.toBeNull();
  });

  it('writes every ID literally in its case module, where the build-time scan finds it', async () => {
    const scanned = await scanTestIds(REPO_ROOT, ['test/protocol/cases']);
    for (const [name, cases] of Object.entries(CASE_MODULES)) {
      const inFile = new Set(scanned.filter((ref) => ref.file === `test/protocol/cases/${name}.cases.ts`).map((ref) => ref.id));
      for (const c of cases) for (const id of clauseIdsIn(c.title)) expect(inFile.has(id), `${id} in ${name}.cases.ts`).toBe(true);
    }
  });

  it('counts cases for the island at build time: per clause, and all of them for *', () => {
    expect(browserCaseCount('rfc6455#section-1.3-14')).toBe(casesFor('rfc6455#section-1.3-14').length);
    expect(browserCaseCount('rfc6455#section-1.3-14')).toBeGreaterThan(0);
    expect(browserCaseCount('rfc6455#section-9.9-9')).toBe(0);
    expect(browserCaseCount(ALL_CASES_ID)).toBe(ALL_CASES.length);
  });

  it('lists the clauses for the guide page in document order, with citations and reader links', () => {
    const list = browserClauses();
    expect(list.map((clause) => clause.id).sort()).toEqual([...CLAUSES_WITH_BROWSER_CASES].sort());
    const accept = list.find((clause) => clause.id === 'rfc6455#section-1.3-14')!;
    expect(accept).toMatchObject({ citation: 'RFC 6455 §1.3 ¶14', href: '/rfc6455/1/#section-1.3-14' });
    expect(list[0]!.id).toBe('rfc6455#section-1.3-13');
    expect(list.indexOf(accept)).toBe(1);
    const index = (id: string) => list.findIndex((clause) => clause.id === id);
    expect(index('rfc6455#section-5.2-3.5')).toBeLessThan(index('rfc6455#section-5.2-3.6'));
    expect(index('rfc6455#section-5.7-1.6.2.1')).toBeLessThan(index('rfc6455#section-10.4-1'));
  });
});

describe('the cases run in a browser', () => {
  /** Files the island's chunk bundles: every module of test/protocol/cases, the assertions, the runner. */
  async function browserFiles(): Promise<string[]> {
    const cases = (await readdir(join(REPO_ROOT, 'test/protocol/cases'))).filter((file) => file.endsWith('.ts')).map((file) => `test/protocol/cases/${file}`);
    return [...cases, 'test/support/spec-assert.ts', 'src/site/components/run-in-browser/run-cases.ts', 'src/trace/clause-ids.ts', 'src/corpus/ids.ts'];
  }

  it('imports no Node module, no Vitest and nothing outside src/protocol, the cases, the assertions and the title reader', async () => {
    const files = await browserFiles();
    for (const file of files) {
      const source = (await readFile(join(REPO_ROOT, file), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')
        // Type-only imports are erased: they bundle nothing.
        .replace(/^import type [^;]*;$/gm, '');
      expect(source, file).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
      for (const [, specifier] of source.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)) {
        const target = join(file, '..', specifier!).split('\\').join('/');
        const allowed =
          target.startsWith('src/protocol/') ||
          target.startsWith('test/protocol/cases/') ||
          target === 'test/support/spec-assert.ts' ||
          target === 'src/trace/clause-ids.ts' ||
          target === 'src/corpus/ids.ts';
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
    }
  });
});

describe('runCases', () => {
  const cases: SpecCase[] = [
    { title: 'passes', run() {} },
    {
      title: 'fails',
      run() {
        throw new RangeError('out of range');
      },
    },
    { title: 'passes later', run: () => new Promise<void>((resolve) => setTimeout(resolve, 5)) },
    { title: 'rejects', run: () => Promise.reject(new Error('no')) },
    { title: 'never ends', run: () => new Promise<void>(() => {}) },
  ];

  it('runs the cases in order, reporting each as it ends, with the error of each failure', async () => {
    const seen: string[] = [];
    const summary = await runCases(cases, { timeoutMs: 50, onResult: (result, index) => seen.push(`${index}:${result.title}:${result.status}`) });
    expect(seen).toEqual(['0:passes:passed', '1:fails:failed', '2:passes later:passed', '3:rejects:failed', '4:never ends:failed']);
    expect(summary.results.map((result) => result.error)).toEqual([null, 'RangeError: out of range', null, 'no', 'timed out after 50 ms']);
    expect([summary.passed, summary.failed]).toEqual([2, 3]);
    expect(summary.durationMs).toBeGreaterThanOrEqual(50);
  });

  it('summarizes a run in one line', () => {
    expect(summaryLine({ passed: 6, failed: 0, durationMs: 4.4 })).toBe('6 passed, 0 failed in 4 ms');
  });

  it('runs every registered case to a pass here too', async () => {
    const summary = await runCases(ALL_CASES);
    expect(summary.results.filter((result) => result.status === 'failed')).toEqual([]);
    expect(summary.passed).toBe(ALL_CASES.length);
  });
});
