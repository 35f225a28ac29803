/**
 * The `wsspec` command line, whichever way it runs: `main(argv, io, corpus)`
 * parses the arguments and runs `cite` or `check`. Where the corpus comes
 * from is the entry point's business (./wsspec.ts in a clone parses the spec
 * sources; ./bundled.ts in the npm package reads cli/corpus.json), so the
 * packed command line carries no parser.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BundleLookup, type CorpusBundle } from '../trace/corpus-bundle.ts';
import { changedSince } from './changed.ts';
import { check, DEFAULT_MAX_BYTES, type CheckReport } from './check.ts';
import { cite, formatCite, formatSearch, pageOfCite, search } from './cite.ts';
import { applyBaseline, loadConfig, readBaseline, writeBaseline } from './config.ts';
import { obtainCorpus, permalinkOrigin, SetupError, UsageError } from './corpus.ts';
import { coverageOf, writeCoverage } from './coverage.ts';
import { formatGithub, formatMarkdown, formatSarif, formatText, summaryLine } from './output.ts';

export const HELP = `wsspec — cite and check references to RFC 6455 and the WebSocket API

Usage:
  wsspec cite <ref | words> [--markdown | --json] [--site <origin>] [--page <n>]
  wsspec check [<path>...] [--format text|json|markdown|github|sarif] [options]
  wsspec help

cite <ref>
  Prints a clause or a section: its citation, the upstream URL, the wsspec
  permalink, the text, and a Markdown citation (with --markdown, only that).
  <ref> is a section (5.5.1, §5.5.1, section-5.5.1, rfc6455#section-5.5.1),
  a clause (5.5.1-2, "5.5.1 ¶2", rfc6455#section-5.5.1-2), an API anchor
  (dom-websocket-close, whatwg#dom-websocket-close, w3c#…) or a spec URL.
  Anything else is searched for: \`cite 1006\`, \`cite "close code"\`,
  \`cite Sec-WebSocket-Key\` list the clauses that mention it, best first.
  Long answers come a page at a time (--page <n>).

check [<path>...]   (default: the current directory)
  Scans the comments of source files (JS/TS, C-family, Go, Rust, Java,
  Python, shell…) and documentation (.md, .rst, .adoc, .html, .txt) for
  references to RFC 6455 and the WebSocket API: URLs, IDs
  (rfc6455#section-5.5.1, RFC6455#5.5.1), "RFC 6455 §5.5.1", "Section 5.5.1
  of RFC 6455", lists and ranges (§§5.5.2–5.5.3), :rfc:\`6455#section-5.2\`,
  draft-ietf-hybi-thewebsocketprotocol-17 (read as RFC 6455), and, in files
  that name RFC 6455, bare headings ("7.1.7. Fail the WebSocket Connection")
  and "Section 7.4". Checks that each names something, that quotations are
  the words of the cited clause, and that RFC text pasted next to a
  reference (quoted or not) belongs to it (error: wrong section, with the
  right one) and has not drifted (warning, with a word diff).
  node_modules is skipped unless <path> is inside it.

Options:
  --format <f>            check: text (default), json, markdown (a pull-request
                          comment under GitHub's 65,536-character limit), github
                          (workflow annotations), sarif (code scanning)
  --markdown, --json      the same as --format markdown / json
  --quiet                 check: print only problems
  --changed [<base>]      check: only files and lines changed since the git
                          base (default HEAD; in a pull request e.g. origin/main)
  --config <file>         settings (default: wsspec.config.json, else
                          package.json "wsspec"): include, exclude,
                          warningsAsErrors, baseline, maxBytes, minified
  --include <glob>        check only matching files (repeatable)
  --exclude <glob>        leave matching files out (repeatable), e.g. vendor/
  --baseline <file>       accept the problems recorded in <file>
  --write-baseline <file> record today's problems in <file> (then exit 0)
  --warnings-as-errors    exit 1 on warnings too
  --max-bytes <n>         largest file read (default ${DEFAULT_MAX_BYTES}); larger ones are
                          skipped and listed
  --minified              read files that look minified (skipped and listed
                          by default)
  --coverage <dir>        check: also write coverage.json and coverage.html:
                          which normative clauses the code cites
  --page <n>              cite: page of a long answer
  --site <origin>         wsspec site origin for permalinks (default: $WSSPEC_SITE_URL,
                          else the origin the corpus was built for, else site-relative)
  --corpus <file>         corpus bundle JSON (default: $WSSPEC_CORPUS, the bundle
                          beside this script, else the clone's synced spec sources)
  -h, --help              this help

Exit codes:
  0  no errors (warnings alone do not fail, unless --warnings-as-errors)
  1  errors found (unknown references, misquotes, pasted text of another
     clause), warnings with --warnings-as-errors, or a \`cite\` that names
     nothing and finds nothing
  2  usage or setup problem (bad option, bad config or baseline, no corpus,
     none of the paths exists, --changed outside a git repository)
A missing path among others is reported and the rest are checked. Works offline.
`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Where a run gets the corpus when neither --corpus nor WSSPEC_CORPUS names one. */
export interface CorpusProvider {
  /** The bundle the entry point has (the clone parses the spec sources; the package reads cli/corpus.json). */
  fallback: () => Promise<{ bundle: CorpusBundle; origin: string }>;
}

const FORMATS = ['text', 'json', 'markdown', 'github', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `--changed` takes an optional base: the next argument, unless it starts
 * with `-` or names an existing path (then it is a path to check).
 */
function splitChanged(argv: readonly string[], cwd: string): { args: string[]; changed: string | null } {
  const args: string[] = [];
  let changed: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--changed=')) {
      changed = arg.slice('--changed='.length) || 'HEAD';
      continue;
    }
    if (arg === '--changed') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-') && !existsSync(resolve(cwd, next))) {
        changed = next;
        i++;
      } else changed = 'HEAD';
      continue;
    }
    args.push(arg);
  }
  return { args, changed };
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`${name} needs a positive whole number, not "${value}"`);
  return number;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Io, provider: CorpusProvider): Promise<number> {
  let parsed;
  let changedBase: string | null;
  try {
    const split = splitChanged(argv, io.cwd);
    changedBase = split.changed;
    parsed = parseArgs({
      args: split.args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        format: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        site: { type: 'string' },
        corpus: { type: 'string' },
        config: { type: 'string' },
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'warnings-as-errors': { type: 'boolean', default: false },
        'max-bytes': { type: 'string' },
        minified: { type: 'boolean', default: false },
        coverage: { type: 'string' },
        page: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`wsspec: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    (command === undefined && !values.help ? io.stderr : io.stdout)(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  try {
    const chosen = [values.json && 'json', values.markdown && 'markdown', values.format].filter(Boolean);
    if (chosen.length > 1) throw new UsageError('choose one of --json, --markdown and --format');
    const format = (chosen[0] ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format is one of ${FORMATS.join(', ')}`);
    if (command !== 'cite' && command !== 'check') throw new UsageError(`unknown command "${command}"`);
    if (command === 'cite') {
      if (rest.length === 0) throw new UsageError('cite needs a reference or words to look for');
      const checkOnly = (['quiet', 'config', 'include', 'exclude', 'baseline', 'write-baseline', 'coverage', 'max-bytes'] as const).filter(
        (name) => values[name] !== undefined && values[name] !== false,
      );
      if (checkOnly.length > 0 || changedBase !== null) throw new UsageError(`--${checkOnly[0] ?? 'changed'} is for check`);
      if (format === 'github' || format === 'sarif') throw new UsageError(`--format ${format} is for check`);
    } else if (values.page !== undefined) throw new UsageError('--page is for cite');

    const explicit = values.corpus ?? io.env['WSSPEC_CORPUS'];
    const { bundle, origin } = explicit ? await obtainCorpus({ corpus: explicit, env: io.env }) : await provider.fallback();
    const lookup = new BundleLookup(bundle);
    const site = permalinkOrigin(bundle, values.site, io.env);

    if (command === 'cite') {
      const query = rest.join(' ');
      const page = positiveInteger(values.page, '--page') ?? 1;
      const outcome = cite(lookup, query, site);
      if (!outcome.ok) {
        // Not a reference to anything: look for the words instead.
        const found = search(lookup, query, site, page);
        if (found.total > 0) {
          if (format === 'json') io.stdout(`${JSON.stringify(found, null, 2)}\n`);
          else if (format === 'markdown') {
            io.stdout(found.hits.map((hit) => `- [${hit.citation}](${hit.permalink.startsWith('http') ? hit.permalink : hit.upstreamUrl}) ${hit.excerpt}`).join('\n') + '\n');
          } else io.stdout(formatSearch(found));
          return 0;
        }
        if (format === 'json') io.stdout(`${JSON.stringify({ error: outcome.message, suggestions: outcome.suggestions }, null, 2)}\n`);
        io.stderr(`${outcome.message}\n`);
        return 1;
      }
      const { result } = outcome;
      if (format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else if (format === 'markdown') io.stdout(result.markdown);
      else {
        const paged = pageOfCite(result, page);
        io.stdout(formatCite(paged.result, { page: paged.page, pages: paged.pages, total: result.clauses.length }));
      }
      return 0;
    }

    const config = loadConfig(io.cwd, values.config);
    const paths = rest.length > 0 ? rest : ['.'];
    const missing = paths.filter((path) => !existsSync(resolve(io.cwd, path)));
    if (missing.length === paths.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
    const changed = changedBase !== null ? changedSince(changedBase, io.cwd) : undefined;
    const report: CheckReport = check(lookup, paths, {
      cwd: io.cwd,
      site,
      corpusOrigin: origin,
      maxBytes: positiveInteger(values['max-bytes'], '--max-bytes') ?? config.maxBytes ?? DEFAULT_MAX_BYTES,
      skipMinified: !(values.minified || config.minified === true),
      include: [...(config.include ?? []), ...(values.include ?? [])],
      exclude: [...(config.exclude ?? []), ...(values.exclude ?? [])],
      ...(changed ? { changed } : {}),
    });
    for (const path of report.missing) io.stderr(`wsspec: no such file or directory: ${path} (the other paths were checked)\n`);
    if (values['write-baseline']) {
      const count = writeBaseline(resolve(io.cwd, values['write-baseline']), report);
      io.stderr(`wsspec: recorded ${count} finding${count === 1 ? '' : 's'} in ${values['write-baseline']}\n`);
      io.stdout(`${summaryLine(report.summary)}\n`);
      return 0;
    }
    const baselineFile = values.baseline ?? config.baseline;
    if (baselineFile) {
      const path = resolve(io.cwd, baselineFile);
      if (!existsSync(path)) throw new UsageError(`no baseline file at ${baselineFile} (write one with --write-baseline)`);
      applyBaseline(report, readBaseline(path));
      report.summary = summarizeAgain(report);
    }
    if (values.coverage) {
      const written = writeCoverage(resolve(io.cwd, values.coverage), coverageOf(report, lookup));
      io.stderr(`wsspec: wrote ${written.json} and ${written.html}\n`);
    }
    if (format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else if (format === 'markdown') io.stdout(formatMarkdown(report));
    else if (format === 'github') io.stdout(formatGithub(report));
    else if (format === 'sarif') io.stdout(formatSarif(report));
    else io.stdout(formatText(report, { quiet: values.quiet }));
    const strict = values['warnings-as-errors'] || config.warningsAsErrors === true;
    return report.summary.errors > 0 || (strict && report.summary.warnings > 0) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`wsspec: ${error.message}\nRun \`wsspec help\` for usage.\n`);
      return 2;
    }
    if (error instanceof SetupError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function summarizeAgain(report: CheckReport): CheckReport['summary'] {
  // The counts of a report after the baseline changed severities.
  return { ...report.summary, ...recount(report) };
}

function recount(report: CheckReport): Pick<CheckReport['summary'], 'errors' | 'warnings' | 'baselined'> {
  const all = [...report.references, ...report.references.flatMap((reference) => reference.quotes)];
  return {
    errors: all.filter((item) => item.severity === 'error').length,
    warnings: all.filter((item) => item.severity === 'warning').length,
    baselined: all.filter((item) => item.baselined).length,
  };
}
