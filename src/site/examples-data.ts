/**
 * The Examples section's data: every runnable example of `examples/`, read
 * from its folder at build time. What it shows and the clauses it
 * illustrates come from its header comment (parsed by
 * `examples/_lib/header.ts`, as the runner reads it); the source is every
 * file of its folder, highlighted; the output is the one its test recorded
 * in the last full test run (`.cache/evidence/examples/<name>.txt`).
 *
 *   examplesForClause('rfc6455#section-10.2-1')
 *     → [{ name: 'handshake-rejection', title: 'Handshake rejection', href: '/examples/handshake-rejection/' }, …]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exampleNames, parseHeader } from '../../examples/_lib/header.ts';
import type { ExampleHeader, ExampleOption } from '../../examples/_lib/header.ts';
import { CorpusLookup } from '../corpus/index.ts';
import { REPO_ROOT } from '../corpus/sources/paths.ts';
import { EVIDENCE_DIR } from '../evidence/run-info.ts';
import { withBase } from './base.ts';
import { highlight } from './code/highlight.ts';
import { siteTarget } from './corpora.ts';

const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const EXAMPLES_OUTPUT_DIR = join(EVIDENCE_DIR, 'examples');

export interface ExampleLink {
  name: string;
  title: string;
  /** `/examples/<name>/`. */
  href: string;
}

export interface ExampleClause {
  id: string;
  /** `RFC 6455 §10.2 ¶1`, or the ID when it names nothing (the build's checks report that). */
  citation: string;
  /** The clause on its reader page, or null for a source without a reader. */
  href: string | null;
  /** The start of the clause's text (empty for a section). */
  excerpt: string;
}

export interface ExampleFile {
  /** Repository-relative path, e.g. `examples/echo/index.ts`. */
  path: string;
  lines: number;
  /** Highlighted HTML (Shiki). */
  html: string;
}

export interface RecordedOutput {
  /** ISO timestamp of the recording. */
  recordedAt: string;
  /** The commit the run tested, or null. */
  commit: string | null;
  dirty: boolean;
  node: string | null;
  command: string;
  durationMs: number | null;
  exitCode: string | null;
  /** What the example printed. */
  text: string;
}

export interface SiteExample extends ExampleLink {
  summary: string;
  header: ExampleHeader;
  options: ExampleOption[];
  /** `npm run example <name>`. */
  command: string;
  clauses: ExampleClause[];
}

export function exampleTitle(name: string): string {
  const words = name.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function exampleHref(name: string): string {
  return withBase(`/examples/${name}/`);
}

let lookup: CorpusLookup | undefined;

function clauseOf(id: string): ExampleClause {
  lookup ??= new CorpusLookup();
  const resolved = lookup.resolve(id);
  const citation = resolved === null ? id : resolved.kind === 'clause' ? resolved.clause.citation : resolved.section.citation;
  const href = siteTarget(id)?.href ?? null;
  const text = resolved?.kind === 'clause' ? resolved.clause.text.replace(/\s+/g, ' ').trim() : '';
  const excerpt = text.length <= 140 ? text : `${text.slice(0, 140).replace(/\s+\S*$/, '')}…`;
  return { id, citation, href, excerpt };
}

let cache: SiteExample[] | undefined;

/** Every example, in the runner's order. */
export function siteExamples(): SiteExample[] {
  cache ??= exampleNames(EXAMPLES_DIR).map((name) => {
    const header = parseHeader(name, readFileSync(join(EXAMPLES_DIR, name, 'index.ts'), 'utf8'));
    return {
      name,
      title: exampleTitle(name),
      href: exampleHref(name),
      summary: header.summary,
      header,
      options: header.options,
      command: `npm run example ${name}`,
      clauses: header.clauses.map(clauseOf),
    };
  });
  return cache;
}

export function siteExample(name: string): SiteExample | undefined {
  return siteExamples().find((example) => example.name === name);
}

/** The examples whose header names `clauseId` among the clauses it illustrates. */
export function examplesForClause(clauseId: string): ExampleLink[] {
  return siteExamples()
    .filter((example) => example.header.clauses.includes(clauseId))
    .map(({ name, title, href }) => ({ name, title, href }));
}

/** Every clause ID some example illustrates, with its examples. */
export function exampleClauseIndex(): Map<string, ExampleLink[]> {
  const index = new Map<string, ExampleLink[]>();
  for (const example of siteExamples()) {
    for (const id of example.header.clauses) {
      const links = index.get(id) ?? [];
      links.push({ name: example.name, title: example.title, href: example.href });
      index.set(id, links);
    }
  }
  return index;
}

// ─── Source ───────────────────────────────────────────────────────────────

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesIn(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The shared helpers (`examples/_lib/*.ts`) a source imports. */
function helpersOf(source: string): string[] {
  return [...source.matchAll(/from '\.\.\/_lib\/([\w-]+\.ts)'/g)].map((match) => `examples/_lib/${match[1]}`);
}

async function fileOf(path: string): Promise<ExampleFile> {
  const code = readFileSync(join(REPO_ROOT, path), 'utf8').replace(/\n$/, '');
  return { path, lines: code.split('\n').length, html: await highlight(code, path) };
}

/** Every file of the example's folder (index.ts first), and the shared helpers it uses. */
export async function exampleSources(name: string): Promise<{ files: ExampleFile[]; helpers: ExampleFile[] }> {
  const paths = filesIn(join(EXAMPLES_DIR, name))
    .map((file) => relative(REPO_ROOT, file))
    .sort((a, b) => Number(!a.endsWith('/index.ts')) - Number(!b.endsWith('/index.ts')) || a.localeCompare(b));
  const helperPaths = new Set<string>();
  for (const path of paths) if (path.endsWith('.ts')) for (const helper of helpersOf(readFileSync(join(REPO_ROOT, path), 'utf8'))) helperPaths.add(helper);
  return {
    files: await Promise.all(paths.map(fileOf)),
    helpers: await Promise.all([...helperPaths].sort().filter((path) => existsSync(join(REPO_ROOT, path))).map(fileOf)),
  };
}

// ─── The recorded output ──────────────────────────────────────────────────

/** Parses a recorded run: `key: value` lines, an empty line, then the output. */
export function parseRecordedOutput(text: string): RecordedOutput | null {
  const split = text.indexOf('\n\n');
  if (split < 0) return null;
  const fields = new Map<string, string>();
  for (const line of text.slice(0, split).split('\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 2));
  }
  const recordedAt = fields.get('recordedAt');
  if (recordedAt === undefined) return null;
  const commit = fields.get('commit');
  const duration = Number(fields.get('durationMs'));
  return {
    recordedAt,
    commit: commit === undefined || commit === 'none' ? null : commit,
    dirty: fields.get('dirty') === 'true',
    node: fields.get('node') ?? null,
    command: fields.get('command') ?? '',
    durationMs: Number.isFinite(duration) ? duration : null,
    exitCode: fields.get('exitCode') ?? null,
    text: text.slice(split + 2).replace(/\n+$/, ''),
  };
}

/** The output recorded by the example's test in the last full test run, or null. */
/** A block of an example's output (examples/_lib/text.ts): a heading, a table, or text. */
export type OutputBlock = { kind: 'heading'; text: string } | { kind: 'table'; headers: string[]; rows: string[][] } | { kind: 'text'; text: string };

/**
 * The recorded output as structure (`.cache/evidence/examples/<name>.json`,
 * written beside the text by test/examples/support.ts), so that tables are
 * shown as tables; null when only the text was recorded.
 */
export function recordedBlocks(name: string): OutputBlock[] | null {
  const file = join(EXAMPLES_OUTPUT_DIR, `${name}.json`);
  if (!existsSync(file)) return null;
  const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: string; blocks?: OutputBlock[] };
  return data.format === 'wsspec-example-output/1' && Array.isArray(data.blocks) && data.blocks.length > 0 ? data.blocks : null;
}

export function recordedOutput(name: string): RecordedOutput | null {
  const file = join(EXAMPLES_OUTPUT_DIR, `${name}.txt`);
  if (!existsSync(file)) return null;
  return parseRecordedOutput(readFileSync(file, 'utf8'));
}

// ─── Prose ────────────────────────────────────────────────────────────────

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline text of a header: `code` spans, and example names in backticks linked to their pages. */
function inline(text: string, names: ReadonlySet<string>): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => {
      if (!(part.startsWith('`') && part.endsWith('`') && part.length > 2)) return escapeHtml(part);
      const code = part.slice(1, -1);
      return names.has(code) ? `<a href="${exampleHref(code)}"><code>${escapeHtml(code)}</code></a>` : `<code>${escapeHtml(code)}</code>`;
    })
    .join('');
}

/** The header's paragraphs as HTML: `<p>`s and `<ul>`s. */
export function proseHtml(header: ExampleHeader): string {
  const names = new Set(siteExamples().map((example) => example.name));
  return header.paragraphs
    .map((paragraph) =>
      paragraph.startsWith('- ')
        ? `<ul>${paragraph
            .split('\n')
            .map((item) => `<li>${inline(item.slice(2), names)}</li>`)
            .join('')}</ul>`
        : `<p>${inline(paragraph, names)}</p>`,
    )
    .join('\n');
}

/** The summary sentence as inline HTML. */
export function summaryHtml(summary: string): string {
  return inline(summary, new Set(siteExamples().map((example) => example.name)));
}
