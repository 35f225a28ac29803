/**
 * The wsspec Starlight plugin: generated pages from typed data, the way
 * starlight-openapi does it. It injects the reader routes and extends the
 * sidebar with every spec's sections, from the same corpora the pages use.
 */
import type { HookParameters, StarlightPlugin } from '@astrojs/starlight/types';
import { READER_SOURCES, readerIndex } from './corpora.ts';
import { registerBaseLinks } from './base-links.ts';

type SidebarItems = NonNullable<Parameters<HookParameters<'config:setup'>['updateConfig']>[0]['sidebar']>;

function readerSidebar(): SidebarItems {
  return READER_SOURCES.map((source) => {
    const index = readerIndex(source);
    return {
      label: index.corpus.source.shortName,
      collapsed: true,
      items: [
        { label: 'Overview', translations: { ja: '概要' }, link: `/${source}/` },
        ...index.pages.map((page) => ({ label: page.title, link: `/${source}/${page.slug}/` })),
      ],
    };
  });
}

export function wsspec(options: { guides: SidebarItems }): StarlightPlugin {
  return {
    name: 'wsspec',
    hooks: {
      'config:setup'({ updateConfig, addIntegration, addRouteMiddleware, config }) {
        // Hero actions are links Starlight renders as written: give them the base path.
        addRouteMiddleware({ entrypoint: './src/site/base-route.ts' });
        updateConfig({
          sidebar: [
            ...options.guides,
            ...readerSidebar(),
            { label: 'Traceability matrix', translations: { ja: 'トレーサビリティ表' }, link: '/matrix/' },
            { label: 'Timeline', translations: { ja: '年表' }, link: '/timeline/' },
            { label: 'Evidence: real peers', translations: { ja: '証拠：実際の実装' }, link: '/evidence/' },
            { label: 'Web-platform-tests', link: '/wpt/' },
            { label: 'Examples', translations: { ja: '例' }, link: '/examples/' },
          ],
          customCss: [...(config.customCss ?? []), './src/site/styles/reader.css', './src/site/styles/code.css', './src/site/styles/trace.css', './src/site/styles/table-scroll.css'],
        });
        addIntegration({
          name: 'wsspec:routes',
          hooks: {
            'astro:config:setup'({ injectRoute, config: astroConfig }) {
              // Guides link root-relative (`/matrix/`): prefix the base path in their HTML.
              if (!registerBaseLinks(astroConfig.markdown.processor, astroConfig.base)) {
                throw new Error(`wsspec: base path ${astroConfig.base} needs the Sätteri Markdown processor to rewrite the guides' links`);
              }
              injectRoute({ pattern: '/[source]', entrypoint: './src/site/routes/reader-index.astro', prerender: true });
              injectRoute({ pattern: '/[source]/[page]', entrypoint: './src/site/routes/reader.astro', prerender: true });
              injectRoute({ pattern: '/corpus/[source].json', entrypoint: './src/site/routes/corpus-json.ts', prerender: true });
              injectRoute({ pattern: '/source/[...file]', entrypoint: './src/site/routes/source.astro', prerender: true });
              injectRoute({ pattern: '/timeline', entrypoint: './src/site/routes/timeline.astro', prerender: true });
              injectRoute({ pattern: '/evidence', entrypoint: './src/site/routes/evidence.astro', prerender: true });
              injectRoute({ pattern: '/evidence.json', entrypoint: './src/site/routes/evidence-json.ts', prerender: true });
              injectRoute({ pattern: '/wpt', entrypoint: './src/site/routes/wpt.astro', prerender: true });
              injectRoute({ pattern: '/wpt.json', entrypoint: './src/site/routes/wpt-json.ts', prerender: true });
              injectRoute({ pattern: '/examples', entrypoint: './src/site/routes/examples.astro', prerender: true });
              injectRoute({ pattern: '/examples/[name]', entrypoint: './src/site/routes/examples-page.astro', prerender: true });
              injectRoute({ pattern: '/matrix', entrypoint: './src/site/routes/matrix.astro', prerender: true });
              injectRoute({ pattern: '/matrix.[format]', entrypoint: './src/site/routes/matrix-download.ts', prerender: true });
            },
          },
        });
      },
    },
  };
}
