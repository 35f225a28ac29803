/**
 * The output formats of `wsspec check`:
 *
 * - text: one entry per reference, problems marked, a summary line, the
 *   skipped files and missing paths;
 * - markdown: a pull-request comment, problems first and the full list
 *   folded, kept under GitHub's 65,536-character comment limit (rows that do
 *   not fit are dropped with a count);
 * - github: workflow commands (`::error file=…,line=…,col=…::…`), which GitHub
 *   Actions shows as annotations on the pull request's diff;
 * - sarif: SARIF 2.1.0 for code scanning (`github/codeql-action/upload-sarif`).
 */
import type { CheckedQuote, CheckedReference, CheckReport, CheckSummary, Severity } from './check.ts';

export interface FormatOptions {
  /** Only problems (errors and warnings), not every reference. */
  quiet?: boolean;
}

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export function excerptOf(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

export function summaryLine(summary: CheckSummary): string {
  const parts = [
    `${summary.references} reference${summary.references === 1 ? '' : 's'} in ${summary.files} file${summary.files === 1 ? '' : 's'}`,
    `${summary.resolved} resolved`,
    `${summary.unknown} unknown`,
    `${summary.informational} informational`,
    `${summary.quotes} quote${summary.quotes === 1 ? '' : 's'} (${summary.quotesOk} ok, ${summary.quoteMismatches} mismatched)`,
    `${summary.pasted} pasted (${summary.pastedMismatches} off)`,
  ];
  const baselined = summary.baselined > 0 ? ` (${summary.baselined} accepted by the baseline)` : '';
  return `${parts.join(', ')}: ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}${baselined}.`;
}

function label(severity: Severity, status: string): string {
  return severity === 'info' ? status : severity;
}

function isProblem(item: { severity: Severity }): boolean {
  return item.severity !== 'info';
}

/** Human-readable report: one entry per reference, problems marked. */
export function formatText(report: CheckReport, options: FormatOptions = {}): string {
  const lines: string[] = [];
  for (const reference of report.references) {
    const problem = isProblem(reference) || reference.quotes.some(isProblem);
    if (options.quiet && !problem) continue;
    const where = `${reference.file}:${reference.line}:${reference.column}`;
    lines.push(`${where}  ${label(reference.severity, reference.status === 'resolved' ? 'ok' : reference.status)}  ${reference.text}`);
    lines.push(`    ${reference.message}`);
    if (reference.target) {
      if (reference.target.excerpt) lines.push(`    > ${reference.target.excerpt}`);
      lines.push(`    ${reference.target.upstreamUrl}`);
    }
    for (const quote of reference.quotes) {
      if (options.quiet && !isProblem(quote)) continue;
      const kind = quote.pasted ? 'pasted' : 'quote';
      lines.push(`  ${quote.line}:${quote.column}  ${label(quote.severity, quote.status === 'ok' ? `${kind} ok` : kind)}  "${excerptOf(quote.text, 100)}"`);
      if (quote.status !== 'ok') lines.push(`    ${quote.message}`);
    }
  }
  if (lines.length > 0) lines.push('');
  for (const path of report.missing) lines.push(`missing: ${path} (no such file or directory; the other paths were checked)`);
  for (const skipped of report.skippedFiles) lines.push(`skipped: ${skipped.file} (${skipped.reason})`);
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

function linkOf(summary: { citation: string; title?: string; permalink: string; upstreamUrl: string }): string {
  return `[${summary.citation}${summary.title ? ` ${summary.title}` : ''}](${summary.permalink.startsWith('http') ? summary.permalink : summary.upstreamUrl})`;
}

function problemRows(reference: CheckedReference): string[] {
  const rows: string[] = [];
  const location = `\`${reference.file}:${reference.line}\``;
  if (isProblem(reference)) rows.push(`| ${reference.severity} | ${location} | ${cell(code(reference.text))} | ${cell(reference.message)} |`);
  for (const quote of reference.quotes) {
    if (!isProblem(quote)) continue;
    const links = (quote.foundIn ?? (quote.closest ? [quote.closest] : [])).slice(0, 3).map(linkOf).join(', ');
    rows.push(
      `| ${quote.severity} | \`${reference.file}:${quote.line}\` | ${cell(code(reference.text))} “${cell(excerptOf(quote.text, 80))}” | ${cell(quote.message)}${links ? ` — ${links}` : ''} |`,
    );
  }
  return rows;
}

/**
 * A pull-request comment: summary table, the problems, then every reference
 * in a folded list; under `limit` characters (GitHub's comment limit), rows
 * that do not fit are left out with a count, the full list first.
 */
export function formatMarkdown(report: CheckReport, limit = GITHUB_COMMENT_LIMIT): string {
  const { summary } = report;
  const head: string[] = [];
  const verdict = summary.errors > 0 ? '❌' : summary.warnings > 0 ? '⚠️' : '✅';
  head.push(`## ${verdict} wsspec check`, '');
  head.push(`${summaryLine(summary)}`, '');
  head.push('| | Count |', '|---|---:|');
  head.push(`| Files scanned | ${summary.files} |`);
  head.push(`| References | ${summary.references} |`);
  head.push(`| Resolved | ${summary.resolved} |`);
  head.push(`| Unknown sections or anchors | ${summary.unknown} |`);
  head.push(`| Whole-document, page and old-document references | ${summary.informational} |`);
  head.push(`| Quotes checked | ${summary.quotes} |`);
  head.push(`| Quotes matching the cited clause | ${summary.quotesOk} |`);
  head.push(`| Quote mismatches | ${summary.quoteMismatches} |`);
  head.push(`| Pasted spec text (off) | ${summary.pasted} (${summary.pastedMismatches}) |`);
  head.push(`| **Errors** | **${summary.errors}** |`);
  head.push(`| Warnings | ${summary.warnings} |`);
  if (summary.baselined > 0) head.push(`| Accepted by the baseline | ${summary.baselined} |`);
  head.push('');
  if (report.missing.length > 0) head.push(`Missing paths: ${report.missing.map(code).join(', ')}`, '');
  if (report.skippedFiles.length > 0) {
    const shown = report.skippedFiles.slice(0, 20).map((skipped) => `${code(skipped.file)} (${skipped.reason})`);
    const more = report.skippedFiles.length > shown.length ? ` and ${report.skippedFiles.length - shown.length} more` : '';
    head.push(`Skipped: ${shown.join(', ')}${more}`, '');
  }
  const problems = report.references.flatMap(problemRows);
  const all = report.references.map((reference) => {
    const target = reference.target;
    const names = target ? linkOf(target) : reference.status;
    return `| \`${reference.file}:${reference.line}\` | ${cell(code(reference.text))} | ${cell(names)} | ${cell(target?.excerpt ?? reference.message)} |`;
  });
  const render = (problemCount: number, allCount: number): string => {
    const out = [...head];
    if (problems.length > 0) {
      out.push('### Problems', '', '| | Where | Reference | Problem |', '|---|---|---|---|', ...problems.slice(0, problemCount));
      if (problemCount < problems.length) out.push('', `… and ${problems.length - problemCount} more problems (run \`wsspec check --format json\` for all).`);
      out.push('');
    }
    if (all.length > 0) {
      out.push(`<details><summary>All ${all.length} references</summary>`, '');
      if (allCount > 0) out.push('| Where | Reference | Names | Text |', '|---|---|---|---|', ...all.slice(0, allCount));
      if (allCount < all.length) out.push('', `… and ${all.length - allCount} more references, left out to stay under GitHub's comment limit.`);
      out.push('', '</details>', '');
    }
    return `${out.join('\n')}\n`;
  };
  const fits = (text: string): boolean => text.length < limit;
  let problemCount = problems.length;
  let allCount = all.length;
  let text = render(problemCount, allCount);
  if (fits(text)) return text;
  // Drop rows of the folded list first, then problems, by halving and then stepping.
  const shrink = (count: number, build: (n: number) => string): number => {
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(build(mid))) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  allCount = shrink(allCount, (n) => render(problemCount, n));
  text = render(problemCount, allCount);
  if (fits(text)) return text;
  problemCount = shrink(problemCount, (n) => render(n, 0));
  return render(problemCount, 0);
}

/** Escapes the data of a workflow command. */
function commandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property of a workflow command. */
function commandProperty(text: string): string {
  return commandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: Exclude<Severity, 'info'>;
  rule: string;
  title: string;
  message: string;
}

/** Every problem of a report as one flat list (references and their quotes). */
export function findings(report: CheckReport): Finding[] {
  const out: Finding[] = [];
  for (const reference of report.references) {
    if (reference.severity !== 'info') {
      out.push({
        file: reference.file,
        line: reference.line,
        column: reference.column,
        severity: reference.severity,
        rule: reference.form === 'contextual' || reference.form === 'title' ? 'unknown-contextual-reference' : 'unknown-reference',
        title: `wsspec: ${reference.text}`,
        message: reference.message,
      });
    }
    for (const quote of reference.quotes) {
      if (quote.severity === 'info') continue;
      out.push({
        file: reference.file,
        line: quote.line,
        column: quote.column,
        severity: quote.severity,
        rule: ruleOfQuote(quote),
        title: `wsspec: ${quote.pasted ? 'pasted text' : 'quote'} next to ${reference.text}`,
        message: `"${excerptOf(quote.text, 120)}": ${quote.message}`,
      });
    }
  }
  return out;
}

function ruleOfQuote(quote: CheckedQuote): string {
  if (quote.pasted) return quote.status === 'drift' ? 'pasted-drift' : 'pasted-wrong-section';
  return quote.status === 'elsewhere' ? 'quote-elsewhere' : 'quote-nowhere';
}

/** GitHub Actions workflow commands: one annotation per problem, then the summary. */
export function formatGithub(report: CheckReport): string {
  const lines = findings(report).map(
    (finding) =>
      `::${finding.severity} file=${commandProperty(finding.file)},line=${finding.line},col=${finding.column},title=${commandProperty(finding.title)}::${commandData(finding.message)}`,
  );
  for (const path of report.missing) lines.push(`::warning title=wsspec::${commandData(`no such file or directory: ${path}`)}`);
  lines.push(summaryLine(report.summary));
  return `${lines.join('\n')}\n`;
}

const RULES: Record<string, string> = {
  'unknown-reference': 'A reference names a section, clause or anchor that does not exist.',
  'unknown-contextual-reference': 'A reference read from context ("Section N", a title) names nothing.',
  'quote-elsewhere': 'The quoted words are in another clause than the one cited.',
  'quote-nowhere': 'The quoted words are nowhere in RFC 6455 or the WebSocket API.',
  'pasted-wrong-section': 'Spec text pasted next to a reference belongs to another clause.',
  'pasted-drift': 'Spec text pasted next to a reference differs from the clause in a few words.',
};

/** SARIF 2.1.0 for code scanning. */
export function formatSarif(report: CheckReport, version = '0.0.0'): string {
  const all = findings(report);
  const ruleIds = Object.keys(RULES);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wsspec',
            version,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: RULES[id]! } })),
          },
        },
        results: all.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIds.indexOf(finding.rule),
          level: finding.severity === 'error' ? 'error' : 'warning',
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file },
                region: { startLine: finding.line, startColumn: finding.column },
              },
            },
          ],
          partialFingerprints: { 'wsspec/v1': `${finding.rule}:${finding.file}:${finding.message}` },
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
