/**
 * `wsspec check <path…>`: every reference to RFC 6455 and the WebSocket API
 * in the comments of the source files under the paths, resolved against the
 * corpus, with the quotations next to them checked (src/trace/quotes.ts).
 *
 * Severity:
 * - error: a reference to a section, clause or anchor that does not exist
 *   (explicit forms); a quotation, tied to its reference by the comment
 *   itself, that is not in the cited clause (the words are elsewhere:
 *   reported with where) or nowhere (a paraphrase or a drifted quote of five
 *   words or more: reported with the closest clause);
 * - warning: a contextual "Section N" (inferred from an earlier RFC 6455
 *   citation in the comment) that names no section; a quotation mismatch
 *   where the quotation is tied to the reference only by the code it sits
 *   in (a trailing comment inside a function whose JSDoc has the
 *   reference), or a short one (under five words: a literal, a name);
 * - info: resolved references, references to a whole document, to a page of
 *   the RFC's text edition (`#page-N`), and anchors of the API's old home in
 *   the HTML Standard that the WebSockets Standard no longer has.
 *
 * The walk skips node_modules (unless the path itself is inside one), VCS
 * and other dot-directories, files over the size limit, binaries and
 * minified files; symbolic links are not followed.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CorpusLookup, type BundleClause, type BundleCorpus, type Target } from '../trace/corpus-bundle.ts';
import { matchQuote, matchQuoteInSource, type QuoteMatch } from '../trace/quotes.ts';
import { findReferences, syntaxOf, type FoundReference, type ReferenceForm } from '../trace/references.ts';
import { describeRfcAnchor, resolveAnchor } from './cite.ts';

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
  /** Where the words really are, best first (at most 5). */
  foundIn?: ClauseSummary[];
  closest?: ClauseSummary & { similarity: number };
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
  status: ReferenceStatus;
  severity: Severity;
  message: string;
  /** What it names, when resolved. */
  target?: ClauseSummary & { kind: Target['kind'] | 'document'; excerpt: string };
  suggestions?: ClauseSummary[];
  quotes: CheckedQuote[];
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
  errors: number;
  warnings: number;
}

export interface CheckReport {
  paths: string[];
  corpus: string;
  references: CheckedReference[];
  /** Files skipped, by reason (e.g. `minified`, `too large`, `binary`). */
  skipped: Record<string, number>;
  summary: CheckSummary;
}

export interface CheckOptions {
  /** Paths are reported relative to this directory. */
  cwd?: string;
  /** Permalink origin, or null for site-relative permalinks. */
  site: string | null;
  /** Largest file read, in bytes (default 1 MiB). */
  maxBytes?: number;
  /** Where the corpus came from, for the report. */
  corpusOrigin?: string;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

/** The files `check` reads under a path, in a stable order. */
export function sourceFiles(path: string, maxBytes: number, skipped: Record<string, number>): string[] {
  const root = resolve(path);
  const insideNodeModules = root.split(sep).includes('node_modules');
  const out: string[] = [];
  const skip = (reason: string): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const consider = (file: string, size: number): void => {
    if (syntaxOf(file) === null) return;
    if (size > maxBytes) return skip('too large');
    out.push(file);
  };
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return skip('unreadable');
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' && !insideNodeModules) continue;
        if (SKIPPED_DIRECTORIES.has(entry.name) || entry.name.startsWith('.')) continue;
        visit(full);
      } else if (entry.isFile()) {
        consider(full, lstatSync(full).size);
      }
    }
  };
  const stat = statSync(root);
  if (stat.isDirectory()) visit(root);
  else consider(root, stat.size);
  return out;
}

/** Binary (a NUL byte near the start) or minified (very long lines) content is not scanned. */
export function unreadableReason(content: string): string | null {
  if (content.slice(0, 8000).includes('\u0000')) return 'binary';
  const lines = content.split('\n');
  const longest = lines.reduce((max, line) => Math.max(max, line.length), 0);
  if (content.length > 2000 && (content.length / lines.length > 300 || longest > 5000)) return 'minified';
  return null;
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  return shown.split(sep).join('/');
}

const EXCERPT = 120;
const NON_NORMATIVE = /^_?this section is non-normative\._?$/i;

export function excerpt(text: string, length = EXCERPT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

export class Checker {
  readonly lookup: CorpusLookup;
  readonly site: string | null;

  constructor(lookup: CorpusLookup, site: string | null) {
    this.lookup = lookup;
    this.site = site;
  }

  #permalink(url: string): string {
    return this.site ? `${this.site}${url}` : url;
  }

  summarizeClause(clause: BundleClause): ClauseSummary {
    return {
      id: clause.id,
      citation: clause.citation,
      upstreamUrl: this.lookup.upstreamUrl(clause.source, clause.anchor),
      permalink: this.#permalink(clause.url),
    };
  }

  #summarizeTarget(target: Target): ClauseSummary & { kind: Target['kind']; excerpt: string } {
    const source = target.corpus.source.id;
    if (target.kind === 'clause') {
      const summary = this.summarizeClause(target.clause);
      // An alias (a `<dfn>` id) is an anchor upstream too: keep it.
      if (target.alias) summary.upstreamUrl = this.lookup.upstreamUrl(source, target.alias);
      return { ...summary, kind: 'clause', excerpt: excerpt(target.clause.text) };
    }
    if (target.kind === 'section') {
      // The first clause that says something (not "This section is non-normative.").
      const first = target.clauses.find((clause) => !NON_NORMATIVE.test(clause.text)) ?? target.clauses[0];
      return {
        id: target.section.id,
        citation: target.section.citation,
        title: target.section.title,
        upstreamUrl: this.lookup.upstreamUrl(source, target.section.anchor),
        permalink: this.#permalink(target.section.url),
        kind: 'section',
        excerpt: first ? excerpt(first.text) : '',
      };
    }
    const first = target.clauses[0]!;
    return {
      id: `${source}#${target.anchor}`,
      citation: first.citation.replace(/\.\d+$/, ''),
      upstreamUrl: this.lookup.upstreamUrl(source, target.anchor),
      permalink: this.#permalink(first.url.replace(/#.*$/, `#${target.anchor}`)),
      kind: 'group',
      excerpt: excerpt(first.text),
    };
  }

  #name(source: string): string {
    return this.lookup.corpus(source)?.source.shortName ?? source;
  }

  /** Resolves one found reference and checks its quotations. */
  checkReference(found: FoundReference, file: string): CheckedReference {
    const base = {
      file,
      line: found.line,
      column: found.column,
      text: found.text.replace(/\s+/g, ' '),
      form: found.form,
      source: found.source,
      id: found.id,
    };
    const corpus = this.lookup.corpus(found.source);
    if (found.anchor === null) {
      const quotes = found.quotes.map((quote) => this.#checkQuote(quote, found.source, null));
      return {
        ...base,
        status: 'document',
        severity: 'info',
        message: `${this.#name(found.source)} (the whole document)`,
        ...(corpus
          ? {
              target: {
                id: found.source,
                citation: corpus.source.title,
                upstreamUrl: corpus.source.url,
                permalink: this.#permalink(`/${found.source}/`),
                kind: 'document' as const,
                excerpt: '',
              },
            }
          : {}),
        quotes,
      };
    }
    if (found.source === 'rfc6455' && /^page-\d+$/.test(found.anchor)) {
      return {
        ...base,
        status: 'page',
        severity: 'info',
        message: `a page of the RFC's text edition (${found.anchor.replace('-', ' ')}), not a section: cite a section so the reference survives reformatting`,
        quotes: found.quotes.map((quote) => this.#checkQuote(quote, found.source, null)),
      };
    }
    const target = resolveAnchor(this.lookup, found.source, found.anchor);
    if (target) {
      const summary = this.#summarizeTarget(target);
      const scope = { id: summary.id, label: `${summary.citation}${summary.title ? ` ${summary.title}` : ''}` };
      return {
        ...base,
        status: 'resolved',
        severity: 'info',
        message: `${summary.citation}${summary.title ? ` ${summary.title}` : ''}`,
        target: summary,
        quotes: found.quotes.map((quote) => this.#checkQuote(quote, found.source, scope)),
      };
    }
    const suggestions = this.lookup.suggestions(found.source, found.anchor).map((item) => ({
      id: item.id,
      citation: item.citation,
      ...('title' in item ? { title: item.title } : {}),
      upstreamUrl: this.lookup.upstreamUrl(item.source, item.anchor),
      permalink: this.#permalink(item.url),
    }));
    const nearest =
      suggestions.length > 0
        ? `; nearest: ${suggestions.map((s) => `${s.citation}${s.title ? ` ${s.title}` : ` (${s.id})`}`).join(', ')}`
        : '';
    if (found.legacy) {
      return {
        ...base,
        status: 'old-document',
        severity: 'info',
        message: `anchor #${found.anchor} of the HTML Standard's old WebSocket section, not in the ${this.#name('whatwg')}${nearest}`,
        suggestions,
        quotes: found.quotes.map((quote) => this.#unchecked(quote, found.source)),
      };
    }
    const what = found.source === 'rfc6455' ? describeRfcAnchor(found.anchor) : `#${found.anchor}`;
    return {
      ...base,
      status: 'unknown',
      severity: found.form === 'contextual' ? 'warning' : 'error',
      message: `${this.#name(found.source)} has no ${what}${nearest}`,
      suggestions,
      quotes: found.quotes.map((quote) => this.#unchecked(quote, found.source)),
    };
  }

  #foundIn(clauses: readonly BundleClause[]): ClauseSummary[] {
    return clauses.slice(0, 5).map((clause) => this.summarizeClause(clause));
  }

  #checkQuote(quote: FoundReference['quotes'][number], source: string, scope: { id: string; label: string } | null): CheckedQuote {
    const corpora: readonly BundleCorpus[] = this.lookup.corpora;
    const result: QuoteMatch<BundleClause> =
      scope === null ? matchQuoteInSource(quote.text, source, corpora) : matchQuote(quote.text, scope.id, corpora);
    const base = { text: quote.text.replace(/\s+/g, ' ').trim(), line: quote.line, column: quote.column };
    if (result.ok) return { ...base, status: 'ok', severity: 'info', message: 'quote matches' };
    if (result.reason === 'not-in-clause') {
      const foundIn = this.#foundIn(result.foundIn);
      const where = listCitations(foundIn.map((c) => c.citation), result.foundIn.length);
      const cited = scope?.label ?? this.#name(source);
      // An error where the comment itself ties the quote to the reference; a
      // warning where only the code around it does.
      const severity: Severity = quote.attribution === 'comment' ? 'error' : 'warning';
      return { ...base, status: 'elsewhere', severity, message: `quote is not in ${cited}; the words are in ${where}`, foundIn };
    }
    if (result.reason === 'nowhere') {
      // A paraphrase is an error where the comment plainly quotes the
      // reference; a short quotation (a literal value, a name) or one tied
      // to the reference only by the code it sits in is a warning.
      const words = base.text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
      const severity: Severity = quote.attribution === 'comment' && words >= 5 ? 'error' : 'warning';
      const closest = result.closest
        ? { ...this.summarizeClause(result.closest.clause), similarity: result.closest.similarity }
        : undefined;
      const hint = closest ? `; closest: ${closest.citation} (${Math.round(closest.similarity * 100)}% similar)` : '';
      return {
        ...base,
        status: 'nowhere',
        severity,
        message: `quote is nowhere in RFC 6455 or the WebSocket API (a paraphrase or a drifted quote)${hint}`,
        ...(closest ? { closest } : {}),
      };
    }
    return { ...base, status: 'unchecked', severity: 'info', message: 'nothing to compare' };
  }

  /** A quotation next to a reference that names nothing: say where its words are, if anywhere. */
  #unchecked(quote: FoundReference['quotes'][number], source: string): CheckedQuote {
    const base = { text: quote.text.replace(/\s+/g, ' ').trim(), line: quote.line, column: quote.column };
    const result = matchQuoteInSource(quote.text, source, this.lookup.corpora);
    const clauses = result.ok ? result.clauses : result.reason === 'not-in-clause' ? result.foundIn : [];
    if (clauses.length > 0) {
      const foundIn = this.#foundIn(clauses);
      return {
        ...base,
        status: 'unchecked',
        severity: 'info',
        message: `the quoted words are in ${listCitations(foundIn.map((c) => c.citation), clauses.length)}`,
        foundIn,
      };
    }
    return { ...base, status: 'unchecked', severity: 'info', message: 'not checked (the reference names nothing)' };
  }
}

function listCitations(citations: readonly string[], total: number): string {
  const more = total > citations.length ? ` and ${total - citations.length} more` : '';
  return `${citations.join(', ')}${more}`;
}

/** Scans the paths and checks every reference. */
export function check(lookup: CorpusLookup, paths: readonly string[], options: CheckOptions): CheckReport {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const checker = new Checker(lookup, options.site);
  const skipped: Record<string, number> = {};
  const references: CheckedReference[] = [];
  let files = 0;
  for (const path of paths) {
    for (const file of sourceFiles(resolve(cwd, path), maxBytes, skipped)) {
      let content: string;
      try {
        content = readFileSync(file, 'utf8');
      } catch {
        skipped['unreadable'] = (skipped['unreadable'] ?? 0) + 1;
        continue;
      }
      const reason = unreadableReason(content);
      if (reason) {
        skipped[reason] = (skipped[reason] ?? 0) + 1;
        continue;
      }
      files++;
      const shown = displayPath(file, cwd);
      for (const found of findReferences(content, shown)) references.push(checker.checkReference(found, shown));
    }
  }
  return { paths: [...paths], corpus: options.corpusOrigin ?? '', references, skipped, summary: summarize(references, files) };
}

export function summarize(references: readonly CheckedReference[], files: number): CheckSummary {
  const quotes = references.flatMap((reference) => reference.quotes);
  const all = [...references, ...quotes];
  return {
    files,
    references: references.length,
    resolved: references.filter((r) => r.status === 'resolved').length,
    unknown: references.filter((r) => r.status === 'unknown').length,
    informational: references.filter((r) => r.status === 'document' || r.status === 'page' || r.status === 'old-document').length,
    quotes: quotes.length,
    quotesOk: quotes.filter((q) => q.status === 'ok').length,
    quoteMismatches: quotes.filter((q) => q.status === 'elsewhere' || q.status === 'nowhere').length,
    errors: all.filter((item) => item.severity === 'error').length,
    warnings: all.filter((item) => item.severity === 'warning').length,
  };
}

// ---------------------------------------------------------------------------
// Output

export interface FormatOptions {
  /** Only problems (errors and warnings), not every reference. */
  quiet?: boolean;
}

function summaryLine(summary: CheckSummary): string {
  const parts = [
    `${summary.references} reference${summary.references === 1 ? '' : 's'} in ${summary.files} file${summary.files === 1 ? '' : 's'}`,
    `${summary.resolved} resolved`,
    `${summary.unknown} unknown`,
    `${summary.informational} informational`,
    `${summary.quotes} quote${summary.quotes === 1 ? '' : 's'} (${summary.quotesOk} ok, ${summary.quoteMismatches} mismatched)`,
  ];
  return `${parts.join(', ')}: ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}.`;
}

function label(severity: Severity, status: string): string {
  return severity === 'info' ? status : severity;
}

/** Human-readable report: one entry per reference, problems marked. */
export function formatText(report: CheckReport, options: FormatOptions = {}): string {
  const lines: string[] = [];
  for (const reference of report.references) {
    const problem = reference.severity !== 'info' || reference.quotes.some((q) => q.severity !== 'info');
    if (options.quiet && !problem) continue;
    const where = `${reference.file}:${reference.line}:${reference.column}`;
    lines.push(`${where}  ${label(reference.severity, reference.status === 'resolved' ? 'ok' : reference.status)}  ${reference.text}`);
    lines.push(`    ${reference.message}`);
    if (reference.target) {
      if (reference.target.excerpt) lines.push(`    > ${reference.target.excerpt}`);
      lines.push(`    ${reference.target.upstreamUrl}`);
    }
    for (const quote of reference.quotes) {
      lines.push(`  ${quote.line}:${quote.column}  ${label(quote.severity, quote.status === 'ok' ? 'quote ok' : 'quote')}  "${excerpt(quote.text, 100)}"`);
      if (quote.status !== 'ok') lines.push(`    ${quote.message}`);
    }
  }
  if (lines.length > 0) lines.push('');
  const skipped = Object.entries(report.skipped)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  lines.push(summaryLine(report.summary) + (skipped ? ` Skipped: ${skipped}.` : ''));
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  const clean = text.replace(/\s+/g, ' ');
  return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

/** A pull-request comment: summary table, the problems, then every reference in a collapsed list. */
export function formatMarkdown(report: CheckReport): string {
  const { summary } = report;
  const out: string[] = [];
  const verdict = summary.errors > 0 ? '❌' : summary.warnings > 0 ? '⚠️' : '✅';
  out.push(`## ${verdict} wsspec check`, '');
  out.push(`${summaryLine(summary)}`, '');
  out.push('| | Count |', '|---|---:|');
  out.push(`| Files scanned | ${summary.files} |`);
  out.push(`| References | ${summary.references} |`);
  out.push(`| Resolved | ${summary.resolved} |`);
  out.push(`| Unknown sections or anchors | ${summary.unknown} |`);
  out.push(`| Whole-document, page and old-document references | ${summary.informational} |`);
  out.push(`| Quotes checked | ${summary.quotes} |`);
  out.push(`| Quotes matching the cited clause | ${summary.quotesOk} |`);
  out.push(`| Quote mismatches | ${summary.quoteMismatches} |`);
  out.push(`| **Errors** | **${summary.errors}** |`);
  out.push(`| Warnings | ${summary.warnings} |`, '');
  const problems: string[] = [];
  for (const reference of report.references) {
    const location = `\`${reference.file}:${reference.line}\``;
    if (reference.severity !== 'info') {
      problems.push(`| ${reference.severity} | ${location} | ${cell(code(reference.text))} | ${cell(reference.message)} |`);
    }
    for (const quote of reference.quotes) {
      if (quote.severity === 'info') continue;
      const links = (quote.foundIn ?? (quote.closest ? [quote.closest] : []))
        .slice(0, 3)
        .map((c) => `[${c.citation}](${c.permalink.startsWith('http') ? c.permalink : c.upstreamUrl})`)
        .join(', ');
      problems.push(
        `| ${quote.severity} | \`${reference.file}:${quote.line}\` | ${cell(code(reference.text))} “${cell(excerpt(quote.text, 80))}” | ${cell(quote.message)}${links ? ` — ${links}` : ''} |`,
      );
    }
  }
  if (problems.length > 0) {
    out.push('### Problems', '', '| | Where | Reference | Problem |', '|---|---|---|---|', ...problems, '');
  }
  if (report.references.length > 0) {
    out.push(`<details><summary>All ${report.references.length} references</summary>`, '');
    out.push('| Where | Reference | Names | Text |', '|---|---|---|---|');
    for (const reference of report.references) {
      const target = reference.target;
      const link = target
        ? `[${target.citation}${target.title ? ` ${target.title}` : ''}](${target.permalink.startsWith('http') ? target.permalink : target.upstreamUrl})`
        : reference.status;
      out.push(
        `| \`${reference.file}:${reference.line}\` | ${cell(code(reference.text))} | ${cell(link)} | ${cell(target?.excerpt ?? reference.message)} |`,
      );
    }
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}\n`;
}
