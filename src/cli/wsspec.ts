/**
 * The `wsspec` command line: cite clauses of RFC 6455 and the WebSocket API,
 * and check the spec references in a codebase.
 *
 *   wsspec cite 5.5.1                 a section: title, links, every clause
 *   wsspec cite 5.5.1-2               one clause, with its Markdown citation
 *   wsspec cite dom-websocket-close   an API anchor (WHATWG, then W3C)
 *   wsspec check src/                 every reference in comments, checked
 *   wsspec check src/ --markdown      … as a pull-request comment
 *
 * Runs from a clone (`node src/cli/wsspec.ts`, or `npx wsspec` through
 * bin/wsspec.mjs) and from the npm package (`cli/wsspec.mjs`, built by
 * `npm run cli:build`). Exit codes: 0 no errors, 1 errors found (unknown
 * references, quote mismatches, an unknown `cite` reference), 2 usage or
 * setup problems.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CorpusLookup } from '../trace/corpus-bundle.ts';
import { check, formatMarkdown, formatText } from './check.ts';
import { cite, formatCite } from './cite.ts';
import { obtainCorpus, permalinkOrigin, SetupError, UsageError } from './corpus.ts';

export const HELP = `wsspec — cite and check references to RFC 6455 and the WebSocket API

Usage:
  wsspec cite <ref> [--markdown | --json] [--site <origin>]
  wsspec check <path>... [--markdown | --json] [--quiet] [--site <origin>]
  wsspec help

cite <ref>
  Prints a clause or a section: its citation, the upstream URL, the wsspec
  permalink, the text, and a Markdown citation (with --markdown, only that).
  <ref> is a section (5.5.1, §5.5.1, section-5.5.1, rfc6455#section-5.5.1),
  a clause (5.5.1-2, "5.5.1 ¶2", rfc6455#section-5.5.1-2), an API anchor
  (dom-websocket-close, whatwg#dom-websocket-close, w3c#…) or a spec URL.

check <path>...
  Scans the comments of source files (JS/TS, C-family, Go, Rust, Java,
  Python, shell…) for references to RFC 6455 and the WebSocket API ("RFC 6455
  §5.5.1", "RFC6455 5.5.1", "Section 5.5.1 of RFC 6455", rfc6455#section-…,
  rfc-editor / datatracker / tools.ietf.org URLs, WHATWG and W3C URLs) and
  the quotations next to them. Reports each reference with the clause it
  names; errors for references to sections that do not exist and for quotes
  that are not the words of the cited clause (with where the words really
  are). node_modules is skipped unless <path> is inside it.

Options:
  --markdown        Markdown output (cite: the citation; check: a PR comment)
  --json            JSON output
  --quiet           check: print only problems
  --site <origin>   wsspec site origin for permalinks (default: $WSSPEC_SITE_URL,
                    else the origin the corpus was built for, else site-relative)
  --corpus <file>   corpus bundle JSON (default: $WSSPEC_CORPUS, the bundle
                    beside this script, else the clone's synced spec sources)
  -h, --help        this help

Exit codes: 0 no errors; 1 errors found; 2 usage or setup error. Warnings (a
bare "Section N" read from context, a quote tied to a reference only by the
code it sits in, a short unmatched quote) do not change the exit code.
Works offline.
`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        site: { type: 'string' },
        corpus: { type: 'string' },
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
    if (values.json && values.markdown) throw new UsageError('choose one of --json and --markdown');
    if (command !== 'cite' && command !== 'check') throw new UsageError(`unknown command "${command}"`);
    if (rest.length === 0) throw new UsageError(`${command} needs ${command === 'cite' ? 'a reference' : 'at least one path'}`);
    if (command === 'cite' && values.quiet) throw new UsageError('--quiet is for check');
    const { bundle, origin } = await obtainCorpus({ corpus: values.corpus, env: io.env });
    const lookup = new CorpusLookup(bundle);
    const site = permalinkOrigin(bundle, values.site, io.env);

    if (command === 'cite') {
      const outcome = cite(lookup, rest.join(' '), site);
      if (!outcome.ok) {
        if (values.json) io.stdout(`${JSON.stringify({ error: outcome.message, suggestions: outcome.suggestions }, null, 2)}\n`);
        io.stderr(`${outcome.message}\n`);
        return 1;
      }
      const { result } = outcome;
      if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else if (values.markdown) io.stdout(result.markdown);
      else io.stdout(formatCite(result));
      return 0;
    }

    const { existsSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const missing = rest.filter((path) => !existsSync(resolve(io.cwd, path)));
    if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
    const report = check(lookup, rest, { cwd: io.cwd, site, corpusOrigin: origin });
    if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else if (values.markdown) io.stdout(formatMarkdown(report));
    else io.stdout(formatText(report, { quiet: values.quiet }));
    return report.summary.errors > 0 ? 1 : 0;
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

/** True when this module is the program (not imported by a test or the bin launcher). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs `main` on this process's arguments and sets the exit code. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    process.stderr.write(`wsspec: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  }
}

if (isEntryPoint()) await run();
