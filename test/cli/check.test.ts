import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/cli/check.ts';
import { wsspec } from './run.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/project', import.meta.url));

/** The fixture project copied to a temporary directory, with a node_modules the walk must skip. */
let project: string;

afterAll(async () => {
  if (project) await rm(join(project, '..'), { recursive: true, force: true });
});

beforeAll(async () => {
  project = join(await mkdtemp(join(tmpdir(), 'wsspec-check-')), 'project');
  await cp(FIXTURE, project, { recursive: true });
  await mkdir(join(project, 'node_modules', 'dep'), { recursive: true });
  await writeFile(join(project, 'node_modules', 'dep', 'index.js'), '// RFC 6455 §92.1 (in node_modules: skipped)\n');
  await mkdir(join(project, '.git'), { recursive: true });
  await writeFile(join(project, '.git', 'hook.js'), '// RFC 6455 §91.1 (in .git: skipped)\n');
});

type Row = [where: string, id: string, status: string, severity: string, target: string | null, quotes: [number, string, string, string[]][]];

function rows(report: CheckReport): Row[] {
  return report.references.map((ref) => [
    `${ref.file}:${ref.line}`,
    ref.id,
    ref.status,
    ref.severity,
    ref.target?.id ?? null,
    ref.quotes.map((quote): [number, string, string, string[]] => [
      quote.line,
      quote.status,
      quote.severity,
      [...(quote.foundIn ?? []).map((clause) => clause.id), ...(quote.closest ? [quote.closest.id] : [])],
    ]),
  ]);
}

describe('wsspec check on the fixture project', () => {
  let report: CheckReport;
  let code: number;

  beforeAll(async () => {
    const run = await wsspec(['check', '.', '--json'], { cwd: project });
    code = run.code;
    report = JSON.parse(run.stdout) as CheckReport;
  });

  it('finds every reference, resolves it, and checks every quote, exactly', () => {
    expect(rows(report)).toEqual<Row[]>([
      // A quote of the cited section.
      ['close.cjs:5', 'rfc6455#section-5.5.1', 'resolved', 'info', 'rfc6455#section-5.5.1', [[5, 'ok', 'info', []]]],
      // A wrong section number.
      ['close.cjs:8', 'rfc6455#section-5.5.4', 'unknown', 'error', null, []],
      // A drifted quote: nowhere, closest the clause it drifted from.
      ['close.cjs:12', 'rfc6455#section-5.5', 'resolved', 'info', 'rfc6455#section-5.5', [[13, 'nowhere', 'error', ['rfc6455#section-5.5-3']]]],
      // A paraphrase.
      ['close.cjs:17', 'rfc6455#section-5.5.2', 'resolved', 'info', 'rfc6455#section-5.5.2', [[18, 'nowhere', 'error', []]]],
      // A quote from another section, with where the words really are.
      ['close.cjs:21', 'rfc6455#section-5.5.2', 'resolved', 'info', 'rfc6455#section-5.5.2', [[22, 'elsewhere', 'error', ['rfc6455#section-5.5.3-5']]]],
      // A multi-line quote without the RFC's notation; a quote with a gap.
      ['close.cjs:25', 'rfc6455#section-4.1-6.5', 'resolved', 'info', 'rfc6455#section-4.1-6.5', [[26, 'ok', 'info', []]]],
      ['close.cjs:30', 'rfc6455#section-5.5.2-3', 'resolved', 'info', 'rfc6455#section-5.5.2-3', [[30, 'ok', 'info', []]]],
      // Every URL form.
      ['close.cjs:34', 'rfc6455#section-7.4.1', 'resolved', 'info', 'rfc6455#section-7.4.1', []],
      ['close.cjs:35', 'rfc6455#section-7.4.1-2.6', 'resolved', 'info', 'rfc6455#section-7.4.1-2.6', []],
      ['close.cjs:36', 'rfc6455#section-9.1', 'resolved', 'info', 'rfc6455#section-9.1', []],
      ['close.cjs:37', 'rfc6455#section-99', 'unknown', 'error', null, []],
      ['close.cjs:38', 'rfc6455', 'document', 'info', 'rfc6455', []],
      ['close.cjs:39', 'rfc6455#page-42', 'page', 'info', null, []],
      ['close.cjs:40', 'rfc6455#section-7-4', 'unknown', 'error', null, []],
      ['close.cjs:41', 'rfc6455#name-close', 'resolved', 'info', 'rfc6455#section-5.5.1', []],
      ['close.cjs:42', 'whatwg#dom-websocket-close', 'resolved', 'info', 'whatwg#dom-websocket-close', []],
      ['close.cjs:43', 'whatwg#dom-websocket-onopen', 'resolved', 'info', 'whatwg#interface-definition-25', []],
      ['close.cjs:44', 'whatwg#dom-websocket-reconnect', 'unknown', 'error', null, []],
      ['close.cjs:45', 'whatwg#dom-websocket-send', 'resolved', 'info', 'whatwg#dom-websocket-send', []],
      ['close.cjs:46', 'whatwg#network', 'old-document', 'info', null, []],
      // (line 47, the HTML Standard's event loop, is not a WebSocket reference; line 50 is a URL template)
      ['close.cjs:48', 'w3c#the-websocket-interface', 'resolved', 'info', 'w3c#the-websocket-interface', []],
      ['close.cjs:49', 'w3c#dom-websocket-bufferedamount', 'resolved', 'info', 'w3c#dom-websocket-bufferedamount', []],
      // (lines 51–53: references in a string, a regex literal and a template are not comments)
      // Quotes in trailing comments of the function a JSDoc @see documents.
      ['close.cjs:56', 'rfc6455#section-7.4.1', 'resolved', 'info', 'rfc6455#section-7.4.1', [
        [60, 'ok', 'info', []],
        [61, 'nowhere', 'warning', ['rfc6455#section-4.1-8.2']],
      ]],
      // A bare "Section N" after an RFC 6455 citation; an unknown one is only a warning.
      ['close.cjs:65', 'rfc6455#section-7.1.7', 'resolved', 'info', 'rfc6455#section-7.1.7', []],
      ['close.cjs:65', 'rfc6455#section-7.4', 'resolved', 'info', 'rfc6455#section-7.4', []],
      ['close.cjs:65', 'rfc6455#section-7.9', 'unknown', 'warning', null, []],
      // (line 68: RFC 7230 and its quote are not ours)
      ['lib/client.go:3', 'rfc6455#section-4.1', 'resolved', 'info', 'rfc6455#section-4.1', [[3, 'ok', 'info', []]]],
      ['lib/client.go:4', 'rfc6455#section-4.1-6.2.1', 'resolved', 'info', 'rfc6455#section-4.1-6.2.1', []],
      ['lib/client.go:8', 'rfc6455#section-4.1-6.9.1', 'resolved', 'info', 'rfc6455#section-4.1-6.9.1', [[8, 'nowhere', 'error', ['rfc6455#section-4.1-6.9.1']]]],
      ['lib/close.rs:1', 'rfc6455#section-7.4.1-2.6', 'resolved', 'info', 'rfc6455#section-7.4.1-2.6', [[1, 'ok', 'info', []]]],
      ['lib/close.rs:2', 'rfc6455#section-5.5', 'resolved', 'info', 'rfc6455#section-5.5', []],
      ['lib/frames.py:5', 'rfc6455#section-5.3', 'resolved', 'info', 'rfc6455#section-5.3', [[7, 'ok', 'info', []]]],
      ['lib/frames.py:10', 'rfc6455#section-5.3', 'resolved', 'info', 'rfc6455#section-5.3', []],
      ['lib/frames.py:13', 'rfc6455#section-5.2', 'resolved', 'info', 'rfc6455#section-5.2', [[13, 'ok', 'info', []]]],
      ['lib/mask.c:1', 'rfc6455#section-5.3', 'resolved', 'info', 'rfc6455#section-5.3', [[1, 'ok', 'info', []]]],
      ['lib/mask.c:2', 'rfc6455#section-5.2.1', 'unknown', 'error', null, []],
    ]);
  });

  it('exits 1 on errors, and counts them', () => {
    expect(code).toBe(1);
    expect(report.summary).toEqual({
      files: 5,
      references: 36,
      resolved: 27,
      unknown: 6,
      informational: 3,
      quotes: 14,
      quotesOk: 9,
      quoteMismatches: 5,
      pasted: 0,
      pastedMismatches: 0,
      baselined: 0,
      errors: 9,
      warnings: 2,
    });
  });

  it('skips node_modules, dot-directories and minified files', () => {
    expect(report.skipped).toEqual({ minified: 1 });
    expect(report.references.some((ref) => ref.file.includes('node_modules') || ref.file.includes('.git'))).toBe(false);
  });

  it('reads node_modules when the path itself is inside one', async () => {
    const run = await wsspec(['check', 'node_modules/dep', '--json'], { cwd: project });
    expect((JSON.parse(run.stdout) as CheckReport).references.map((ref) => ref.id)).toEqual(['rfc6455#section-92.1']);
  });

  it('names the section a wrong paragraph number meant, and the nearest sections of an unknown one', () => {
    const byLine = (where: string) => report.references.find((ref) => `${ref.file}:${ref.line}` === where)!;
    expect(byLine('close.cjs:40').message).toBe(
      'RFC 6455 has no §7 ¶4 (#section-7-4); nearest: RFC 6455 §7.4 Status Codes, RFC 6455 §7 Closing the Connection, RFC 6455 §2 ¶4 (rfc6455#section-2-4)',
    );
    expect(byLine('close.cjs:8').message).toBe('RFC 6455 has no §5.5.4 (#section-5.5.4); nearest: RFC 6455 §5.5.3 Pong, RFC 6455 §5.5.2 Ping, RFC 6455 §5.5.1 Close');
    expect(byLine('close.cjs:21').quotes[0]!.message).toBe('quote is not in RFC 6455 §5.5.2 Ping; the words are in RFC 6455 §5.5.3 ¶5');
  });

  it('reports the clause a resolved reference names with its text and both links', () => {
    const ref = report.references.find((r) => r.id === 'rfc6455#section-7.4.1-2.6')!;
    expect(ref.target).toEqual({
      id: 'rfc6455#section-7.4.1-2.6',
      citation: 'RFC 6455 §7.4.1 ¶2.6',
      upstreamUrl: 'https://www.rfc-editor.org/rfc/rfc6455.html#section-7.4.1', // RFC 6455's HTML has section anchors only
      permalink: '/rfc6455/7/#section-7.4.1-2.6',
      kind: 'clause',
      excerpt: expect.stringContaining('1005 is a reserved value and MUST NOT be set as a status code'),
    });
    expect(ref.target!.excerpt.length).toBeLessThanOrEqual(120);
  });
});

describe('wsspec check output', () => {
  it('prints each reference with its clause, problems marked, and a summary line', async () => {
    const run = await wsspec(['check', 'close.cjs'], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        'close.cjs:21:34  ok  https://www.rfc-editor.org/rfc/rfc6455#section-5.5.2',
        '    RFC 6455 §5.5.2 Ping',
        '    > The Ping frame contains an opcode of 0x9.',
        '    https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.2',
        '  22:5  error  "A Pong frame MAY be sent unsolicited."',
        '    quote is not in RFC 6455 §5.5.2 Ping; the words are in RFC 6455 §5.5.3 ¶5',
      ].join('\n'),
    );
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '26 references in 1 file, 18 resolved, 5 unknown, 3 informational, 8 quotes (4 ok, 4 mismatched), 0 pasted (0 off): 7 errors, 2 warnings.',
    );
  });

  it('--quiet prints only the references with problems', async () => {
    const run = await wsspec(['check', 'close.cjs', '--quiet'], { cwd: project });
    expect(run.stdout).not.toContain('close.cjs:5:4');
    expect(run.stdout).toContain('close.cjs:8:32  error  RFC 6455 Section 5.5.4');
  });

  it('--markdown prints a pull-request comment: verdict, summary table, problems, all references folded', async () => {
    const run = await wsspec(['check', '.', '--markdown', '--site', 'https://wsspec.example'], { cwd: project });
    expect(run.code).toBe(1);
    const md = run.stdout;
    expect(md.startsWith('## ❌ wsspec check\n')).toBe(true);
    expect(md).toContain('| **Errors** | **9** |');
    expect(md).toContain('### Problems');
    expect(md).toContain(
      '| error | `close.cjs:22` | `https://www.rfc-editor.org/rfc/rfc6455#section-5.5.2` “A Pong frame MAY be sent unsolicited.” | ' +
        'quote is not in RFC 6455 §5.5.2 Ping; the words are in RFC 6455 §5.5.3 ¶5 — [RFC 6455 §5.5.3 ¶5](https://wsspec.example/rfc6455/5/#section-5.5.3-5) |',
    );
    expect(md).toContain('<details><summary>All 36 references</summary>');
    expect(md).toContain('| `lib/mask.c:1` | `RFC 6455 §5.3` | [RFC 6455 §5.3 Client-to-Server Masking](https://wsspec.example/rfc6455/5/#section-5.3) |');
  });

  it('exits 0 with a clean verdict when every reference and quote holds', async () => {
    const run = await wsspec(['check', 'lib/close.rs', 'lib/frames.py', '--markdown'], { cwd: project });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('## ✅ wsspec check\n')).toBe(true);
  });

  it('a path that does not exist is a usage error (exit 2)', async () => {
    const run = await wsspec(['check', 'no-such-dir'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file or directory: no-such-dir');
  });
});
