import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { wsspec } from './src/site/plugin.ts';

// The canonical origin used in citations and the sitemap. Unset, citations
// use the origin the page is served from (e.g. http://localhost:4321).
const site = process.env['WSSPEC_SITE_URL'];

export default defineConfig({
  ...(site ? { site } : {}),
  integrations: [
    starlight({
      title: 'wsspec',
      description:
        'RFC 6455 and the WebSocket API, clause by clause: citable text, a reference implementation, tests with real results, and the history of each rule.',
      social: [],
      components: { Search: './src/site/components/Search.astro' },
      plugins: [
        wsspec({
          guides: [
            {
              label: 'Guides',
              items: [
                { slug: 'guides/handshake-failures' },
                { slug: 'guides/citing' },
                { slug: 'guides/run-in-browser' },
                { label: 'ハンドシェイクの失敗（日本語）', link: '/ja/handshake-failures/', attrs: { lang: 'ja', hreflang: 'ja' } }],
            },
            { label: 'Live: your browser vs ours', link: '/live/compare/' },
          ],
        }),
      ],
    }),
  ],
});
