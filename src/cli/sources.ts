/**
 * The clone's corpus: the synced spec sources (`.cache/specs`, `npm run
 * sync`) parsed on the spot, with the permalink origin of `WSSPEC_SITE_URL`.
 * Only the clone's entry point (./wsspec.ts) and `npm run cli:build` import
 * this module: it is what keeps the parsers out of the packed command line.
 */
import { buildCorpusBundle, loadCorpora, siteOrigin } from '../trace/corpus-bundle.ts';
import { SetupError, type ObtainedCorpus } from './corpus.ts';

export async function corpusFromSources(env: NodeJS.ProcessEnv = process.env): Promise<ObtainedCorpus> {
  try {
    const corpora = await loadCorpora();
    return { bundle: await buildCorpusBundle(corpora, { site: siteOrigin(env['WSSPEC_SITE_URL']) }), origin: 'spec sources (.cache/specs)' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SetupError(
      `wsspec: cannot load the corpus from the spec sources: ${message}\n` +
        'Or pass --corpus <file> with a bundle written by `npm run cli:build`.',
    );
  }
}
