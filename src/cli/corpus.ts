/**
 * Where the command line gets its corpus, first found wins:
 *
 * 1. `--corpus <file>` or `WSSPEC_CORPUS`: a bundle JSON (see
 *    src/trace/corpus-bundle.ts);
 * 2. `corpus.json` beside the running script: the installed package
 *    (`cli/wsspec.mjs` + `cli/corpus.json`, written by `npm run cli:build`);
 * 3. the synced spec sources of the clone (`.cache/specs`, `npm run sync`),
 *    parsed on the spot.
 *
 * Offline in every case: nothing is fetched.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildCorpusBundle,
  loadCorpora,
  readCorpusBundle,
  siteOrigin,
  type CorpusBundle,
} from '../trace/corpus-bundle.ts';

export class UsageError extends Error {}

/** An environment problem the user can fix (missing corpus): exit code 2, message only. */
export class SetupError extends Error {}

export interface CorpusOptions {
  corpus?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export interface ObtainedCorpus {
  bundle: CorpusBundle;
  /** Where it came from, for `--json` output and error messages. */
  origin: string;
}

/** The bundle beside this module, when running as the built `cli/wsspec.mjs`. */
function besideScript(): string | null {
  try {
    const path = fileURLToPath(new URL('./corpus.json', import.meta.url));
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export async function obtainCorpus(options: CorpusOptions = {}): Promise<ObtainedCorpus> {
  const env = options.env ?? process.env;
  const explicit = options.corpus ?? env['WSSPEC_CORPUS'];
  if (explicit) {
    if (!existsSync(explicit)) throw new SetupError(`wsspec: no corpus bundle at ${explicit}.`);
    return { bundle: await readCorpusBundle(explicit), origin: explicit };
  }
  const beside = besideScript();
  if (beside) return { bundle: await readCorpusBundle(beside), origin: beside };
  try {
    const corpora = await loadCorpora();
    return {
      bundle: await buildCorpusBundle(corpora, { site: siteOrigin(env['WSSPEC_SITE_URL']) }),
      origin: 'spec sources (.cache/specs)',
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SetupError(
      `wsspec: cannot load the corpus from the spec sources: ${message}\n` +
        'Or pass --corpus <file> with a bundle written by `npm run cli:build`.',
    );
  }
}

/** The permalink origin: `--site`, else `WSSPEC_SITE_URL`, else the one the bundle was built for. */
export function permalinkOrigin(bundle: CorpusBundle, site: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  return siteOrigin(site) ?? siteOrigin(env['WSSPEC_SITE_URL']) ?? bundle.site;
}
