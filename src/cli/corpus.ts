/**
 * Where the command line gets its corpus, first found wins:
 *
 * 1. `--corpus <file>` or `WSSPEC_CORPUS`: a bundle JSON (see
 *    src/trace/corpus-bundle.ts);
 * 2. the entry point's own: in the npm package, `corpus.json` beside the
 *    bundled script (`cli/wsspec.mjs` + `cli/corpus.json`, written by
 *    `npm run cli:build`; ./bundled.ts); in a clone, the synced spec sources
 *    (`.cache/specs`, `npm run sync`), parsed on the spot (./sources.ts).
 *
 * Offline in every case: nothing is fetched. This module reads bundles only,
 * so the packed command line, which imports it, carries no parser.
 */
import { existsSync } from 'node:fs';
import { readCorpusBundle, siteOrigin, type CorpusBundle } from '../trace/corpus-bundle.ts';

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

/** The bundle named by `--corpus` or `WSSPEC_CORPUS`. */
export async function obtainCorpus(options: CorpusOptions = {}): Promise<ObtainedCorpus> {
  const env = options.env ?? process.env;
  const explicit = options.corpus ?? env['WSSPEC_CORPUS'];
  if (!explicit) throw new SetupError('wsspec: no corpus bundle named (--corpus <file> or WSSPEC_CORPUS).');
  return readBundleFile(explicit);
}

/** A bundle file, or a SetupError that names it. */
export async function readBundleFile(path: string): Promise<ObtainedCorpus> {
  if (!existsSync(path)) throw new SetupError(`wsspec: no corpus bundle at ${path}.`);
  try {
    return { bundle: await readCorpusBundle(path), origin: path };
  } catch (error) {
    throw new SetupError(`wsspec: ${(error as Error).message}`);
  }
}

/** The permalink origin: `--site`, else `WSSPEC_SITE_URL`, else the one the bundle was built for. */
export function permalinkOrigin(bundle: CorpusBundle, site: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  return siteOrigin(site) ?? siteOrigin(env['WSSPEC_SITE_URL']) ?? bundle.site;
}
