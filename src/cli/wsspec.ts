/**
 * The `wsspec` command line in a clone of wsspec: cite clauses of RFC 6455
 * and the WebSocket API, and check the spec references in a codebase.
 *
 *   wsspec cite 5.5.1                 a section: title, links, every clause
 *   wsspec cite 5.5.1-2               one clause, with its Markdown citation
 *   wsspec cite dom-websocket-close   an API anchor (WHATWG, then W3C)
 *   wsspec cite "close code"          the clauses that mention it
 *   wsspec check src/                 every reference in comments, checked
 *   wsspec check src/ --format github … as pull-request annotations
 *
 * Runs as `node src/cli/wsspec.ts` or `npx wsspec` (bin/wsspec.mjs), with the
 * corpus parsed from the synced spec sources. The npm package runs
 * ./bundled.ts instead, built into cli/wsspec.mjs by `npm run cli:build`.
 * The arguments, the options and the exit codes are ./main.ts's (HELP).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HELP, main as run0, type Io } from './main.ts';
import { corpusFromSources } from './sources.ts';

export { HELP, type Io };

const defaultIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});

/** Runs the command line with the clone's corpus; returns the exit code. */
export function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  return run0(argv, io, { fallback: () => corpusFromSources(io.env) });
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
