/**
 * The `wsspec` command line of the npm package: bundled by `npm run
 * cli:build` into cli/wsspec.mjs (for Node ≥ 20, no runtime dependencies),
 * with the corpus read from cli/corpus.json beside it. It imports no parser
 * (./main.ts and ./corpus.ts read bundles only), so nothing has to be
 * stripped from the bundle.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main, type Io } from './main.ts';
import { readBundleFile, SetupError } from './corpus.ts';

const io = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});

/** Runs the packaged command line on these arguments and sets the exit code. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await main(argv, io(), {
      fallback: async () => {
        const beside = fileURLToPath(new URL('./corpus.json', import.meta.url));
        try {
          return await readBundleFile(beside);
        } catch (error) {
          if (error instanceof SetupError) throw new SetupError(`${error.message} The package was packed without \`npm run cli:build\`.`);
          throw error;
        }
      },
    });
  } catch (error) {
    process.stderr.write(`wsspec: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  }
}

/** Run as `node cli/wsspec.mjs …` (the bin launcher imports it and calls `run` itself). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await run();
