/**
 * `wsspec check` as a reviewer runs it in CI: misquotes without quotation
 * marks, the false alarms that must stay quiet, the output formats, changed
 * lines, the config file and baseline, coverage, skipped files, and `cite`
 * searches. Every excerpt is written for these tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/cli/check.ts';
import { globToRegExp } from '../../src/cli/check.ts';
import { parseUnifiedDiff } from '../../src/cli/changed.ts';
import type { CoverageReport } from '../../src/cli/coverage.ts';
import { formatMarkdown, GITHUB_COMMENT_LIMIT } from '../../src/cli/output.ts';
import { corpusFile, removeCorpusFile, wsspec } from './run.ts';

let corpus = '';
const dirs: string[] = [];

/** A project in a temporary directory, from a map of file → content. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsspec-review-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

async function checkJson(dir: string, args: string[] = ['.']): Promise<{ code: number; report: CheckReport; stderr: string }> {
  const run = await wsspec(['check', ...args, '--json', '--corpus', corpus], { cwd: dir });
  return { code: run.code, report: JSON.parse(run.stdout) as CheckReport, stderr: run.stderr };
}

beforeAll(async () => {
  corpus = (await corpusFile()).path;
});

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await removeCorpusFile();
});

describe('pasted RFC text next to a reference', () => {
  it('is an error when the words are another section’s, naming the right one [rfc6455#section-4.2.1-3.5]', async () => {
    const dir = project({
      'key.rs':
        '// RFC 6455 §1.3: a |Sec-WebSocket-Key| header field with a base64-encoded (see Section 4 of [RFC4648])\n' +
        '// value that, when decoded, is 16 bytes in length.\nfn key() {}\n',
    });
    const { code, report } = await checkJson(dir);
    expect(code).toBe(1);
    const [quote] = report.references[0]!.quotes;
    expect(quote).toMatchObject({ pasted: true, status: 'elsewhere', severity: 'error', line: 1 });
    expect(quote!.message).toContain('RFC 6455 §4.2.1 ¶3.5');
    expect(quote!.message).toContain('not RFC 6455 §1.3');
  });

  it('is a warning with a word diff when it drifts from the cited clause [rfc6455#section-5.5.1-5]', async () => {
    const dir = project({
      'close.go':
        '// RFC 6455 section 5.5.1: If an endpoint receives a Close frame and did not previously send a\n' +
        '// Close frame, the endpoint MUST send a Close frame in response. (When sending a Close frame in\n' +
        '// response, the endpoint typically echoes the status code it received.)\nfunc reply() {}\n',
    });
    const { code, report } = await checkJson(dir);
    expect(code).toBe(0);
    const [quote] = report.references[0]!.quotes;
    expect(quote).toMatchObject({ pasted: true, status: 'drift', severity: 'warning' });
    expect(quote!.diff).toContain('[-echos-] {+echoes+}');
    expect((await wsspec(['check', '.', '--warnings-as-errors', '--corpus', corpus], { cwd: dir })).code).toBe(1);
  });

  it('is fine when it is the cited clause’s', async () => {
    const dir = project({
      'mask.py':
        '# RFC 6455 5.3: The masking key is a 32-bit value chosen at random by the client.\ndef mask(): pass\n',
    });
    const { code, report } = await checkJson(dir);
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, pasted: 1, pastedMismatches: 0 });
  });
});

describe('false alarms stay quiet', () => {
  it('a Go import comment, a Fetch hook’s sentence, a version number, another spec’s step numbers', async () => {
    const dir = project({
      'doc.go': '// Package ws implements RFC 6455 §5.2 framing.\npackage ws // import "example.org/x/ws"\n',
      'open.js': [
        '/**',
        ' * @see https://websockets.spec.whatwg.org/#feedback-from-the-protocol',
        ' */',
        'function opened(response) {',
        '  // processResponse runs when "the headers of the response have all arrived and been parsed."',
        '  return response;',
        '}',
        '',
      ].join('\n'),
      'CHANGES.md': '# Changes\n\nThis library speaks RFC 6455.\n\n1.2.3 Released with fixes\n',
      'stream.js': [
        '// WebSocketStream, on top of RFC 6455.',
        'function abort() {',
        '  // 8.3.1.1. Fail the WebSocket connection .',
        '}',
        '',
      ].join('\n'),
    });
    const { code, report } = await checkJson(dir);
    expect(report.summary.errors + report.summary.warnings).toBe(0);
    expect(code).toBe(0);
    expect(report.summary.files).toBe(4);
  });

  it('RFC6455#5.5.1 and draft 17 resolve; a heading under a wrong number is an error', async () => {
    const dir = project({
      'a.ts': [
        '// RFC6455#5.5.1 says the Close frame may carry a body.',
        '// draft-ietf-hybi-thewebsocketprotocol-17#section-5.2 has the same framing.',
        '// 5.5.4. Pong',
        'export const a = 1;',
        '',
      ].join('\n'),
    });
    const { report } = await checkJson(dir);
    const byText = Object.fromEntries(report.references.map((reference) => [reference.text, reference]));
    expect(byText['RFC6455#5.5.1']).toMatchObject({ status: 'resolved', severity: 'info', id: 'rfc6455#section-5.5.1' });
    expect(byText['draft-ietf-hybi-thewebsocketprotocol-17#section-5.2']).toMatchObject({
      status: 'resolved',
      severity: 'info',
      draft: 'draft-ietf-hybi-thewebsocketprotocol-17',
    });
    expect(byText['draft-ietf-hybi-thewebsocketprotocol-17#section-5.2']!.message).toContain('the draft');
    expect(byText['5.5.4. Pong']).toMatchObject({ status: 'unknown', severity: 'error' });
    expect(byText['5.5.4. Pong']!.message).toContain('RFC 6455 §5.5.3, not §5.5.4');
  });

  it('reads "(Section 7.4)" in RFC text pasted into a file that never names the RFC [rfc6455#section-10.7-1]', async () => {
    const dir = project({
      'invalid.c':
        '/* If the invalid data was received after a successful WebSocket handshake, the endpoint SHOULD\n' +
        ' * send a Close frame with an appropriate status code (Section 7.4) before proceeding to\n' +
        ' * _Close the WebSocket Connection_. */\nvoid on_invalid(void);\n' +
        '/* Section 7.4 of the manual explains the options. */\nvoid options(void);\n',
    });
    const { report } = await checkJson(dir);
    expect(report.references.map((reference) => `${reference.line} ${reference.form} ${reference.id} ${reference.status}`)).toEqual([
      '2 contextual rfc6455#section-7.4 resolved',
    ]);
  });

  it('resolves "the _Proxy Usage_ section of RFC 6455" to its item of §4.1', async () => {
    const dir = project({ 'proxy.ts': '// Connect as the _Proxy Usage_ section of RFC 6455 says.\nexport {};\n' });
    const { report } = await checkJson(dir);
    expect(report.references[0]).toMatchObject({ status: 'resolved', form: 'title' });
    expect(report.references[0]!.target!.id).toMatch(/^rfc6455#section-4\.1-/);
  });
});

describe('documentation and skipped files', () => {
  it('reads Markdown with a link counted once, lists skipped files, and reads them on request', async () => {
    const big = `// RFC 6455 §5.2\n${'let x = 1;\n'.repeat(300)}`;
    const minified = `/* RFC 6455 §5.3 */${'var a=1;'.repeat(1000)}\n`;
    const dir = project({
      'README.md': 'See [RFC 6455 §7.4](https://www.rfc-editor.org/rfc/rfc6455.html#section-7.4).\n',
      'big.js': big,
      'app.min.js': minified,
      'app.js': minified,
    });
    const { report } = await checkJson(dir, ['.', '--max-bytes', '2000']);
    expect(report.references.map((reference) => `${reference.file} ${reference.id}`)).toEqual(['README.md rfc6455#section-7.4']);
    expect(report.skippedFiles).toEqual([
      { file: 'app.js', reason: 'too large' },
      { file: 'big.js', reason: 'too large' },
    ]);
    const again = await checkJson(dir, ['.', '--minified']);
    expect(again.report.references.map((reference) => `${reference.file} ${reference.id}`)).toEqual([
      'README.md rfc6455#section-7.4',
      'app.js rfc6455#section-5.3',
      'big.js rfc6455#section-5.2',
    ]);
    const plain = await checkJson(dir);
    expect(plain.report.skippedFiles).toEqual([{ file: 'app.js', reason: 'minified' }]);
  });

  it('a missing path among others is reported, and the others are checked', async () => {
    const dir = project({ 'a.js': '// RFC 6455 §5.2\n' });
    const { code, report, stderr } = await checkJson(dir, ['a.js', 'gone']);
    expect(code).toBe(0);
    expect(report.missing).toEqual(['gone']);
    expect(report.summary.references).toBe(1);
    expect(stderr).toContain('no such file or directory: gone');
  });
});

describe('output for review', () => {
  const source = '// RFC 6455 §5.9, a section that does not exist\n// RFC 6455 §5.2: "a paraphrase of the frame, which it is not"\nint x;\n';

  it('--format github prints workflow annotations, escaped', async () => {
    const dir = project({ 'src/a,b.c': source });
    const run = await wsspec(['check', 'src', '--format', 'github', '--corpus', corpus], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::error file=src\/a%2Cb\.c,line=1,col=4,title=wsspec%3A RFC 6455 §5\.9::RFC 6455 has no §5\.9/);
    expect(lines[1]).toMatch(/^::error file=src\/a%2Cb\.c,line=2,col=\d+,title=wsspec%3A quote next to RFC 6455 §5\.2::/);
    expect(lines.at(-1)).toMatch(/2 errors, 0 warnings\.$/);
  });

  it('--format sarif is SARIF 2.1.0 with one result per problem', async () => {
    const dir = project({ 'a.c': source });
    const run = await wsspec(['check', '.', '--format', 'sarif', '--corpus', corpus], { cwd: dir });
    const sarif = JSON.parse(run.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const [result] = sarif.runs;
    expect(result!.results.map((item) => [item.ruleId, item.level, item.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ['unknown-reference', 'error', 1],
      ['quote-nowhere', 'error', 2],
    ]);
    expect(result!.tool.driver.rules.map((rule) => rule.id)).toContain('pasted-drift');
  });

  it('--format markdown stays under GitHub’s comment limit, problems first, with counts of what was left out', async () => {
    const dir = project({ 'a.c': source });
    const { report } = await checkJson(dir);
    // The same problem four thousand times over: a report far over the limit.
    const many: CheckReport = { ...report, references: Array.from({ length: 4000 }, (_, index) => ({ ...report.references[0]!, line: index + 1 })) };
    const markdown = formatMarkdown(many);
    expect(markdown.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(markdown.indexOf('### Problems')).toBeGreaterThan(0);
    expect(markdown).toMatch(/… and \d+ more problems/);
    expect(markdown).not.toContain('<details>\n\n| Where');
    expect(formatMarkdown(report).length).toBeLessThan(5_000);
    expect(formatMarkdown(many, 5_000).length).toBeLessThan(5_000);
  });
});

describe('--changed, config and baseline', () => {
  it('checks only the lines changed since a git base', async () => {
    const dir = project({ 'a.c': '// RFC 6455 §5.9 (old, unknown)\nint a;\n' });
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(dir, 'a.c'), '// RFC 6455 §5.9 (old, unknown)\nint a;\n// RFC 6455 §5.8 (new, unknown)\n');
    writeFileSync(join(dir, 'b.c'), '// RFC 6455 §5.7 (a new file)\n');
    const { report } = await checkJson(dir, ['.', '--changed']);
    expect(report.references.map((reference) => `${reference.file}:${reference.line}`)).toEqual(['a.c:3', 'b.c:1']);
    const base = await checkJson(dir, ['--changed', 'HEAD', '.']);
    expect(base.report.references.length).toBe(2);
  });

  it('reads a unified diff', () => {
    const changed = parseUnifiedDiff('+++ b/x.c\n@@ -1,0 +2,2 @@\n+a\n+b\n+++ /dev/null\n@@ -3 +0,0 @@\n+++ b/y.c\n@@ -5 +7 @@\n');
    expect([...changed].map(([file, lines]) => [file, [...(lines ?? [])]])).toEqual([
      ['x.c', [2, 3]],
      ['y.c', [7]],
    ]);
  });

  it('globs: a directory, a name anywhere, a path', () => {
    expect(globToRegExp('vendor/').test('vendor/a/b.js')).toBe(true);
    expect(globToRegExp('vendor/').test('src/vendor.js')).toBe(false);
    expect(globToRegExp('*.min.js').test('a/b/c.min.js')).toBe(true);
    expect(globToRegExp('src/**/*.ts').test('src/a/b.ts')).toBe(true);
    expect(globToRegExp('src/*.ts').test('src/a/b.ts')).toBe(false);
  });

  it('wsspec.config.json excludes vendor/ and makes warnings errors; package.json#wsspec works too', async () => {
    const files = {
      'src/a.c': '// RFC 6455 §5.2\n// RFC 6455 §5.2: "data frame and"\n',
      'vendor/lib.c': '// RFC 6455 §5.9\n',
    };
    const dir = project({ ...files, 'wsspec.config.json': JSON.stringify({ exclude: ['vendor/'], warningsAsErrors: true }) });
    const run = await checkJson(dir);
    expect(run.report.references.every((reference) => reference.file.startsWith('src/'))).toBe(true);
    expect(run.report.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(run.code).toBe(1);
    const viaPackage = project({ ...files, 'package.json': JSON.stringify({ name: 'x', wsspec: { exclude: ['vendor/'] } }) });
    expect((await checkJson(viaPackage)).code).toBe(0);
    const bad = project({ ...files, 'wsspec.config.json': JSON.stringify({ exclud: ['vendor/'] }) });
    const badRun = await wsspec(['check', '.', '--corpus', corpus], { cwd: bad });
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toContain('unknown setting "exclud"');
  });

  it('a baseline accepts today’s problems and fails on new ones', async () => {
    const dir = project({ 'a.c': '// RFC 6455 §5.9\nint a;\n' });
    const write = await wsspec(['check', '.', '--write-baseline', 'wsspec.baseline.json', '--corpus', corpus], { cwd: dir });
    expect(write.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'wsspec.baseline.json'), 'utf8')).findings).toHaveLength(1);
    writeFileSync(join(dir, 'a.c'), '\n\n// RFC 6455 §5.9\nint a;\n');
    const accepted = await checkJson(dir, ['.', '--baseline', 'wsspec.baseline.json']);
    expect(accepted.code).toBe(0);
    expect(accepted.report.summary).toMatchObject({ errors: 0, baselined: 1 });
    writeFileSync(join(dir, 'wsspec.config.json'), JSON.stringify({ baseline: 'wsspec.baseline.json' }));
    writeFileSync(join(dir, 'b.c'), '// RFC 6455 §9.9\n');
    const fresh = await checkJson(dir);
    expect(fresh.code).toBe(1);
    expect(fresh.report.summary).toMatchObject({ errors: 1, baselined: 1 });
  });
});

describe('coverage of another project', () => {
  it('writes coverage.json and coverage.html: which normative clauses the code cites', async () => {
    const dir = project({ 'a.c': '// RFC 6455 §5.5.1 ¶4\n// RFC 6455 §5.3\nint a;\n' });
    const run = await wsspec(['check', '.', '--coverage', 'out', '--corpus', corpus], { cwd: dir });
    expect(run.code).toBe(0);
    const coverage = JSON.parse(readFileSync(join(dir, 'out/coverage.json'), 'utf8')) as CoverageReport;
    const rfc = coverage.sources.find((source) => source.source === 'rfc6455')!;
    const status = (id: string): string | undefined => rfc.clauses.find((clause) => clause.id === id)?.status;
    expect(status('rfc6455#section-5.5.1-4')).toBe('direct');
    expect(status('rfc6455#section-5.3-1')).toBe('section');
    expect(status('rfc6455#section-7.4.1-2.6')).toBe('none');
    expect(rfc.direct + rfc.section + rfc.none).toBe(rfc.normative);
    const html = readFileSync(join(dir, 'out/coverage.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<th scope="row"><a href="https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1">RFC 6455 §5.5.1 ¶4</a></th>');
    expect(existsSync(join(dir, 'out/coverage.html'))).toBe(true);
  });
});

describe('cite by text and keyword', () => {
  it('cite 1006 lists the clause that defines it first', async () => {
    const run = await wsspec(['cite', '1006', '--corpus', corpus]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[2]).toBe('1. RFC 6455 §7.4.1 ¶2.7  rfc6455#section-7.4.1-2.7  (Defined Status Codes)');
  });

  it('cite "close code" finds the status codes of §7.4 (the RFC says "status code")', async () => {
    const run = await wsspec(['cite', 'close code', '--json', '--corpus', corpus]);
    const result = JSON.parse(run.stdout) as { total: number; hits: { id: string }[] };
    expect(result.total).toBeGreaterThan(10);
    expect(result.hits.some((hit) => hit.id.startsWith('rfc6455#section-7.4'))).toBe(true);
  });

  it('cite Sec-WebSocket-Key pages its results; cite 4.1 pages the section', async () => {
    const first = await wsspec(['cite', 'Sec-WebSocket-Key', '--corpus', corpus]);
    expect(first.stdout).toMatch(/^\d+ clauses mention "Sec-WebSocket-Key" \(page 1 of \d+\):/);
    expect(first.stdout).toContain('More: add --page 2.');
    const second = await wsspec(['cite', 'Sec-WebSocket-Key', '--page', '2', '--corpus', corpus]);
    expect(second.stdout).toMatch(/^\s*11\. /m);
    const section = await wsspec(['cite', '4.1', '--corpus', corpus]);
    expect(section.stdout).toMatch(/Page 1 of \d+ \(\d+ clauses\); more: add --page 2\./);
    const next = await wsspec(['cite', '4.1', '--page', '2', '--corpus', corpus]);
    expect(next.stdout).not.toBe(section.stdout);
  });

  it('links a paragraph upstream by its section (RFC 6455’s HTML has section anchors only) and on the site by itself', async () => {
    const run = await wsspec(['cite', '5.5.1-2', '--json', '--corpus', corpus]);
    const result = JSON.parse(run.stdout) as { upstreamUrl: string; permalink: string };
    expect(result.upstreamUrl).toBe('https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1');
    expect(result.permalink).toBe('/rfc6455/5/#section-5.5.1-2');
    const step = await wsspec(['cite', 'whatwg#dom-websocket-close-step-1', '--json', '--corpus', corpus]);
    expect((JSON.parse(step.stdout) as { upstreamUrl: string }).upstreamUrl).toBe('https://websockets.spec.whatwg.org/#dom-websocket-close');
  });
});
