/**
 * `wsspec check <path…>`: every reference to RFC 6455 and the WebSocket API
 * in the comments of the source files (and the prose of documentation files)
 * under the paths, resolved against the corpus, with the quotations next to
 * them checked (src/trace/quotes.ts) and the spec text pasted next to them
 * without quotation marks checked too (src/trace/pasted.ts).
 *
 * Severity:
 * - error: a reference to a section, clause or anchor that does not exist
 *   (explicit forms); a heading whose number is another title's section; a
 *   quotation, tied to its reference by the comment itself, that is not in
 *   the cited clause (the words are elsewhere: reported with where) or
 *   nowhere (a paraphrase or a drifted quote of five words or more: reported
 *   with the closest clause); pasted spec words that belong to another
 *   clause than the one cited (reported with the right one);
 * - warning: a contextual "Section N" (RFC 6455's by context) that names no
 *   section; a section named by a title no section has; a quotation
 *   mismatch where the quotation is tied to the reference only by the code
 *   it sits in, or a short one (under five words: a literal, a name); pasted
 *   spec words that drift from the cited clause (with a word diff);
 * - info: resolved references, references to a whole document, to a page of
 *   the RFC's text edition (`#page-N`), to draft-ietf-hybi-
 *   thewebsocketprotocol-17 (its numbers are RFC 6455's), and anchors of the
 *   API's old home in the HTML Standard that the WebSockets Standard no
 *   longer has; findings accepted by a baseline (src/cli/config.ts).
 *
 * The walk (src/trace/walk.ts) skips node_modules (unless the path itself is
 * inside one), VCS and other dot-directories; files over the size limit,
 * binaries and minified files are skipped and listed; a missing path is
 * reported and the others are still checked.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { BundleLookup, Target } from '../trace/corpus-bundle.ts';
import { scanFile, syntaxOf, type FoundReference, type ReferenceForm } from '../trace/references.ts';
import { walkFiles } from '../trace/walk.ts';
import { Checker } from './checker.ts';

export { Checker, excerpt } from './checker.ts';

export type Severity = 'error' | 'warning' | 'info';

export type ReferenceStatus =
  /** Names a section, a clause, or a group of clauses. */
  | 'resolved'
  /** Names a whole document (no anchor). */
  | 'document'
  /** A page of the RFC's text edition (`#page-12`). */
  | 'page'
  /** An anchor of the HTML Standard's old WebSocket section that the WebSockets Standard does not have. */
  | 'old-document'
  | 'unknown';

export type QuoteStatus =
  | 'ok'
  /** The words are in another clause or section. */
  | 'elsewhere'
  /** The words are nowhere in the corpora. */
  | 'nowhere'
  /** Pasted spec words with a few changed (a word diff says which). */
  | 'drift'
  /** Not checked: the reference names nothing (the quote's real home is given if found). */
  | 'unchecked';

export interface ClauseSummary {
  id: string;
  citation: string;
  /** Section title, for a section. */
  title?: string;
  upstreamUrl: string;
  permalink: string;
}

export interface CheckedQuote {
  text: string;
  line: number;
  column: number;
  status: QuoteStatus;
  severity: Severity;
  message: string;
  /** True for spec words pasted without quotation marks (found by matching the corpus, not by quote marks). */
  pasted?: boolean;
  /** For a drift: the word diff, `[-clause's-]{+comment's+}`. */
  diff?: string;
  /** Where the words really are, best first (at most 5). */
  foundIn?: ClauseSummary[];
  closest?: ClauseSummary & { similarity: number };
  /** Accepted by the baseline: reported, not counted. */
  baselined?: boolean;
}

export interface CheckedReference {
  file: string;
  line: number;
  column: number;
  text: string;
  form: ReferenceForm;
  source: string;
  /** The ID as written (for the URL …/rfc6455#section-7-4: `section-7-4` in RFC 6455). */
  id: string;
  /** Cited as this draft (draft-ietf-hybi-thewebsocketprotocol-17), whose numbers are RFC 6455's. */
  draft?: string;
  status: ReferenceStatus;
  severity: Severity;
  message: string;
  /** What it names, when resolved. */
  target?: ClauseSummary & { kind: Target['kind'] | 'document'; excerpt: string };
  suggestions?: ClauseSummary[];
  quotes: CheckedQuote[];
  /** Accepted by the baseline: reported, not counted. */
  baselined?: boolean;
}

export interface CheckSummary {
  files: number;
  references: number;
  resolved: number;
  unknown: number;
  /** Document, page and old-document references. */
  informational: number;
  quotes: number;
  quotesOk: number;
  quoteMismatches: number;
  /** Runs of spec words pasted without quotation marks, and how many are off. */
  pasted: number;
  pastedMismatches: number;
  errors: number;
  warnings: number;
  /** Problems accepted by the baseline (not in `errors` or `warnings`). */
  baselined: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CheckReport {
  paths: string[];
  /** Paths given that do not exist (the others are still checked). */
  missing: string[];
  corpus: string;
  references: CheckedReference[];
  /** Files skipped, by reason (e.g. `minified`, `too large`, `binary`). */
  skipped: Record<string, number>;
  /** The files skipped, each with its reason. */
  skippedFiles: SkippedFile[];
  summary: CheckSummary;
}

export interface CheckOptions {
  /** Paths are reported relative to this directory. */
  cwd?: string;
  /** Permalink origin, or null for site-relative permalinks. */
  site: string | null;
  /** Largest file read, in bytes (default 1 MiB). */
  maxBytes?: number;
  /** Skip files that look minified (default true). */
  skipMinified?: boolean;
  /** Where the corpus came from, for the report. */
  corpusOrigin?: string;
  /** Only files matching one of these globs (relative to `cwd`), when given. */
  include?: readonly string[];
  /** No file matching one of these globs (relative to `cwd`). */
  exclude?: readonly string[];
  /**
   * Only these files (display paths), and in each only references on these
   * lines (null: every line): `--changed`.
   */
  changed?: ReadonlyMap<string, ReadonlySet<number> | null>;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** A file skipped with its reason, kept both as a list and as counts. */
class Skips {
  readonly files: SkippedFile[] = [];
  readonly counts: Record<string, number> = {};
  add(file: string, reason: string): void {
    this.files.push({ file, reason });
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
  }
}

/** The files `check` reads under a path, in a stable order (the shared walker, with `check`'s filter). */
export function sourceFiles(path: string, maxBytes: number, skipped: Record<string, number>, list?: SkippedFile[]): string[] {
  return walkFiles(path, {
    accept: (file) => syntaxOf(file) !== null,
    maxBytes,
    onSkip: (file, reason) => {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      list?.push({ file, reason });
    },
  });
}

/** Binary (a NUL byte near the start) or minified (very long lines) content is not scanned. */
export function unreadableReason(content: string, skipMinified = true): string | null {
  if (content.slice(0, 8000).includes('\u0000')) return 'binary';
  if (!skipMinified) return null;
  const lines = content.split('\n');
  const longest = lines.reduce((max, line) => Math.max(max, line.length), 0);
  if (content.length > 2000 && (content.length / lines.length > 300 || longest > 5000)) return 'minified';
  return null;
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  return shown.split(sep).join('/');
}

/**
 * A glob as a regular expression over `/`-separated relative paths: `**`
 * any depth, `*` and `?` within a segment; a pattern without a slash matches
 * a name at any depth (`*.min.js`); one ending in a slash, a directory and
 * all below it (`vendor/`).
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/^\.\//, '');
  const directory = pattern.endsWith('/');
  if (directory) pattern = pattern.slice(0, -1);
  const anywhere = !pattern.includes('/');
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${anywhere ? '(?:.*/)?' : ''}${source}${directory || anywhere ? '(?:/.*)?' : ''}$`);
}

/** Scans the paths and checks every reference. */
export function check(lookup: BundleLookup, paths: readonly string[], options: CheckOptions): CheckReport {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const checker = new Checker(lookup, options.site);
  const skips = new Skips();
  const references: CheckedReference[] = [];
  const missing: string[] = [];
  const include = (options.include ?? []).map(globToRegExp);
  const exclude = (options.exclude ?? []).map(globToRegExp);
  const seen = new Set<string>();
  let files = 0;
  for (const path of paths) {
    const candidates = walkFiles(resolve(cwd, path), {
      accept: (file) => syntaxOf(file) !== null,
      maxBytes,
      onSkip: (file, reason) => {
        if (reason === 'missing') missing.push(path);
        else skips.add(displayPath(file, cwd), reason);
      },
    });
    for (const file of candidates) {
      const shown = displayPath(file, cwd);
      if (seen.has(shown)) continue;
      seen.add(shown);
      if (exclude.some((glob) => glob.test(shown))) continue;
      if (include.length > 0 && !include.some((glob) => glob.test(shown))) continue;
      const lines = options.changed ? options.changed.get(shown) : null;
      if (lines === undefined) continue;
      let content: string;
      try {
        content = readFileSync(file, 'utf8');
      } catch {
        skips.add(shown, 'unreadable');
        continue;
      }
      const reason = unreadableReason(content, options.skipMinified ?? true);
      if (reason) {
        skips.add(shown, reason);
        continue;
      }
      files++;
      const scanned = scanFile(content, shown, { pasted: (text) => checker.pastedIndex.hasVerbatimRun(text, 'rfc6455') });
      const checked = new Map<FoundReference, CheckedReference>();
      for (const found of scanned.references) {
        const result = checker.checkReference(found, shown);
        if (result) checked.set(found, result);
      }
      for (const block of scanned.blocks) checker.checkPasted(block, checked);
      for (const result of checked.values()) {
        if (lines) {
          result.quotes = result.quotes.filter((quote) => lines.has(quote.line));
          if (!lines.has(result.line) && result.quotes.length === 0) continue;
        }
        references.push(result);
      }
    }
  }
  return {
    paths: [...paths],
    missing,
    corpus: options.corpusOrigin ?? '',
    references,
    skipped: skips.counts,
    skippedFiles: skips.files,
    summary: summarize(references, files),
  };
}

export function summarize(references: readonly CheckedReference[], files: number): CheckSummary {
  const allQuotes = references.flatMap((reference) => reference.quotes);
  const quotes = allQuotes.filter((quote) => !quote.pasted);
  const pasted = allQuotes.filter((quote) => quote.pasted);
  const all = [...references, ...allQuotes];
  return {
    files,
    references: references.length,
    resolved: references.filter((r) => r.status === 'resolved').length,
    unknown: references.filter((r) => r.status === 'unknown').length,
    informational: references.filter((r) => r.status === 'document' || r.status === 'page' || r.status === 'old-document').length,
    quotes: quotes.length,
    quotesOk: quotes.filter((q) => q.status === 'ok').length,
    quoteMismatches: quotes.filter((q) => q.status === 'elsewhere' || q.status === 'nowhere').length,
    pasted: pasted.length,
    pastedMismatches: pasted.filter((q) => q.status !== 'ok').length,
    errors: all.filter((item) => item.severity === 'error').length,
    warnings: all.filter((item) => item.severity === 'warning').length,
    baselined: all.filter((item) => item.baselined).length,
  };
}

export { formatMarkdown, formatText, formatGithub, formatSarif, type FormatOptions } from './output.ts';
