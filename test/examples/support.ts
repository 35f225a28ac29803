/**
 * Running an example as a reader would, and reading its output: each
 * example's test spawns `examples/<name>/index.ts` with this Node, with a
 * timeout, and reads the tables it prints. A full recorded run
 * (`WSSPEC_RECORD=1`, set by `npm run test:unit`) also writes the output
 * to `.cache/evidence/examples/<name>.txt`, with the date and commit, for
 * the site's "output of the last run".
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { width } from '../../examples/_lib/text.ts';
import type { OutputBlock } from '../../examples/_lib/text.ts';
import { REPO_ROOT } from '../../src/corpus/sources/paths.ts';
import { currentRunInfo, EVIDENCE_DIR } from '../../src/evidence/run-info.ts';

export const EXAMPLES_EVIDENCE_DIR = join(EVIDENCE_DIR, 'examples');

export interface ExampleRun {
  name: string;
  args: string[];
  stdout: string;
  stderr: string;
  /** Exit code; null when killed by the timeout. */
  code: number | null;
  durationMs: number;
  /** The output as structure (headings, tables, text), as the example's `print` recorded it. */
  blocks: OutputBlock[];
}

/** Runs `examples/<name>/index.ts` (or the runner, with `runner: true`) and collects its output. */
export function runExample(name: string, args: readonly string[] = [], options: { timeoutMs?: number; runner?: boolean } = {}): Promise<ExampleRun> {
  const timeoutMs = options.timeoutMs ?? 55_000;
  const script = options.runner === true ? [join(REPO_ROOT, 'examples', 'run.ts'), ...(name === '' ? [] : [name])] : [join(REPO_ROOT, 'examples', name, 'index.ts')];
  const started = Date.now();
  return mkdtemp(join(tmpdir(), 'wsspec-example-')).then((dir) => new Promise<ExampleRun>((resolve, reject) => {
    const structured = join(dir, 'blocks.jsonl');
    const child = spawn(process.execPath, [...script, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WSSPEC_EXAMPLE_STRUCTURED: structured } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const durationMs = Date.now() - started;
      readFile(structured, 'utf8')
        .catch(() => '')
        .then(async (text) => {
          await rm(dir, { recursive: true, force: true });
          const blocks = text
            .split('\n')
            .filter((line) => line.trim() !== '')
            .flatMap((line) => (JSON.parse(line) as { blocks: OutputBlock[] }).blocks);
          resolve({ name, args: [...args], stdout, stderr, code, durationMs, blocks });
        }, reject);
    });
  }));
}

/**
 * Writes the output as the example's recorded run, in a full recorded test
 * run only (`WSSPEC_RECORD=1`): running one test file while working never
 * replaces it.
 */
export async function recordExampleRun(run: ExampleRun): Promise<void> {
  if (process.env['WSSPEC_RECORD'] !== '1') return;
  const info = currentRunInfo();
  const header = [
    `example: ${run.name}`,
    `command: npm run example ${run.name}${run.args.length > 0 ? ` -- ${run.args.join(' ')}` : ''}`,
    `recordedAt: ${new Date().toISOString()}`,
    `commit: ${info.commit ?? 'none'}`,
    `dirty: ${info.dirty}`,
    `node: ${info.node}`,
    `platform: ${info.platform}`,
    `durationMs: ${run.durationMs}`,
    `exitCode: ${run.code ?? 'killed'}`,
  ];
  await mkdir(EXAMPLES_EVIDENCE_DIR, { recursive: true });
  await writeFile(join(EXAMPLES_EVIDENCE_DIR, `${run.name}.txt`), `${header.join('\n')}\n\n${run.stdout}`);
  // The same output as structure, for the site's tables (src/site/examples-data.ts).
  await writeFile(join(EXAMPLES_EVIDENCE_DIR, `${run.name}.json`), JSON.stringify({ format: 'wsspec-example-output/1', blocks: run.blocks }) + '\n');
}

/** Cuts `line` at display columns [start, end) (wide characters count two). */
function columns(line: string, start: number, end: number): string {
  let column = 0;
  let out = '';
  for (const char of line) {
    const next = column + width(char);
    if (column >= start && next <= end) out += char;
    column = next;
  }
  return out.trim();
}

/**
 * The first table after the header line whose first cell is `firstHeader`:
 * one record per row, keyed by header; a cell spread over several lines
 * (continuation lines have an empty first column) is joined with "\n".
 */
export function parseTable(output: string, firstHeader: string): Array<Record<string, string>> {
  const lines = output.split('\n');
  const headerIndex = lines.findIndex((line, i) => line.startsWith(`${firstHeader}  `) && /^-+( +-+)*$/.test(lines[i + 1] ?? ''));
  if (headerIndex < 0) throw new Error(`no table with a first column "${firstHeader}" in:\n${output}`);
  const rule = lines[headerIndex + 1]!;
  const bounds: Array<[number, number]> = [];
  for (const match of rule.matchAll(/-+/g)) bounds.push([match.index, match.index + match[0].length]);
  bounds[bounds.length - 1]![1] = Infinity;
  const cellsOf = (line: string) => bounds.map(([start, end], i) => columns(line, start, i + 1 < bounds.length ? bounds[i + 1]![0] : end));
  const headers = cellsOf(lines[headerIndex]!);
  const rows: Array<Record<string, string>> = [];
  for (const line of lines.slice(headerIndex + 2)) {
    if (line.trim() === '') break;
    const cells = cellsOf(line);
    const target = cells[0] === '' && rows.length > 0 ? rows.at(-1)! : null;
    if (target === null) rows.push(Object.fromEntries(headers.map((header, i) => [header, cells[i]!])));
    else headers.forEach((header, i) => {
      if (cells[i] !== '') target[header] = target[header] === '' ? cells[i]! : `${target[header]}\n${cells[i]}`;
    });
  }
  return rows;
}

/** The rows of a table as `first column → row`. */
export function byFirst(rows: ReadonlyArray<Record<string, string>>, firstHeader: string): Map<string, Record<string, string>> {
  return new Map(rows.map((row) => [row[firstHeader]!, row]));
}
