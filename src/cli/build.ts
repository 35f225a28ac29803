/**
 * `npm run cli:build` (also run by `prepack`): the self-contained command
 * line for the npm package.
 *
 * - cli/wsspec.mjs: src/cli/wsspec.ts bundled by esbuild into one ES module
 *   for Node ≥ 20, with no runtime dependencies;
 * - cli/corpus.json: the corpus bundle (src/trace/corpus-bundle.ts) parsed
 *   from the synced spec sources, so the installed command works offline and
 *   without the parsers. Its permalink origin is `WSSPEC_SITE_URL` at build
 *   time (the site's canonical origin), or none.
 *
 * The parsers are kept out of the bundle: `loadCorpora()` imports them
 * lazily, and the bundled command reads cli/corpus.json instead.
 *
 *   node src/cli/build.ts [outdir]     (default: cli/ in the repository)
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { buildCorpusBundle, loadCorpora, siteOrigin, writeCorpusBundle } from '../trace/corpus-bundle.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Leaves the spec parsers and the reader (with its HTML tooling) out: the
 * lazy imports in src/trace/corpus-bundle.ts reach them only when no
 * corpus.json is found, which cannot happen in the package.
 */
const withoutParsers: Plugin = {
  name: 'wsspec-without-parsers',
  setup(builder) {
    builder.onResolve({ filter: /(?:\/corpus\/(?:rfc6455|whatwg|w3c)\/index|\/site\/reader\/pages)\.ts$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

export async function buildCli(outdir = join(REPO, 'cli')): Promise<{ script: string; corpus: string }> {
  const script = join(outdir, 'wsspec.mjs');
  const corpus = join(outdir, 'corpus.json');
  await rm(outdir, { recursive: true, force: true });
  const bundle = await buildCorpusBundle(await loadCorpora(), { site: siteOrigin(process.env['WSSPEC_SITE_URL']) });
  await build({
    entryPoints: [join(REPO, 'src/cli/wsspec.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [withoutParsers],
  });
  await writeCorpusBundle(corpus, bundle);
  return { script, corpus };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const { script, corpus } = await buildCli(outdir);
  console.log(`wrote ${script}\nwrote ${corpus}`);
}
