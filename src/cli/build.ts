/**
 * `npm run cli:build` (also run by `prepack`): the self-contained command
 * line for the npm package, in cli/, which is that package:
 *
 * - cli/wsspec.mjs: src/cli/bundled.ts bundled by esbuild into one ES module
 *   for Node ≥ 20, with no runtime dependencies;
 * - cli/corpus.json: the corpus bundle (src/trace/corpus-bundle.ts) parsed
 *   from the synced spec sources, so the installed command works offline and
 *   without the parsers. Its permalink origin is `WSSPEC_SITE_URL` at build
 *   time (the site's canonical origin), or none.
 *
 * The parsers stay out of the bundle because the package's entry point
 * (src/cli/bundled.ts) never imports them: it reads cli/corpus.json, and
 * only the clone's entry point (src/cli/wsspec.ts, via src/cli/sources.ts)
 * parses the spec sources.
 *
 * - cli/package.json: the package's own manifest. The repository's
 *   package.json is the development workspace (private, Node 24 for the
 *   site, the tests and the TypeScript sources); the command line's bundle
 *   targets Node 20, so its manifest says `engines: node >= 20`, names
 *   `wsspec.mjs` as the bin and has no dependencies: `npm pack ./cli`
 *   (`npm run cli:pack`) makes a tarball whose metadata is true of it.
 *
 *   node src/cli/build.ts [outdir]     (default: cli/ in the repository)
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildCorpusBundle, loadCorpora, siteOrigin, writeCorpusBundle } from '../trace/corpus-bundle.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export async function buildCli(outdir = join(REPO, 'cli')): Promise<{ script: string; corpus: string }> {
  const script = join(outdir, 'wsspec.mjs');
  const corpus = join(outdir, 'corpus.json');
  await rm(outdir, { recursive: true, force: true });
  const bundle = await buildCorpusBundle(await loadCorpora(), { site: siteOrigin(process.env['WSSPEC_SITE_URL']) });
  await build({
    entryPoints: [join(REPO, 'src/cli/bundled.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  await writeCorpusBundle(corpus, bundle);
  await writeFile(join(outdir, 'package.json'), `${JSON.stringify(await cliManifest(), null, 2)}\n`);
  await writeFile(join(outdir, 'README.md'), CLI_README);
  return { script, corpus };
}

/** The Node versions the bundle runs on: esbuild's target above, and the oldest Node the tests run it on. */
export const CLI_ENGINES = { node: '>=20' } as const;

/** cli/package.json: the published command line's manifest (see the module comment). */
export async function cliManifest(): Promise<Record<string, unknown>> {
  const root = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  return {
    name: root['name'],
    version: root['version'],
    description: 'Cite and check references to RFC 6455 and the WebSocket API (the wsspec command line).',
    license: root['license'],
    type: 'module',
    bin: { wsspec: 'wsspec.mjs' },
    files: ['wsspec.mjs', 'corpus.json', 'README.md'],
    engines: CLI_ENGINES,
  };
}

const CLI_README = `# wsspec (command line)

Cite and check references to RFC 6455 and the WebSocket API, offline.

    wsspec cite 5.5.1-2
    wsspec cite "close code"
    wsspec check src --format github

Runs on Node 20 and later. \`wsspec help\` lists the options and exit codes.
The clause texts in corpus.json are reproduced with their licence notices
(IETF Trust; W3C Document License; CC BY 4.0 for the WHATWG standard).
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const { script, corpus } = await buildCli(outdir);
  console.log(`wrote ${script}\nwrote ${corpus}`);
}
