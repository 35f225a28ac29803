import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { wsspec } from './src/site/plugin.ts';
import { normalizeBase } from './src/site/base.ts';

// The canonical origin used in citations and the sitemap. Unset, citations
// use the origin the page is served from (e.g. http://localhost:4321).
const site = process.env['WSSPEC_SITE_URL'];
// The path the site is served under, e.g. WSSPEC_BASE=/wsspec/ for a GitHub
// Pages project site (https://<owner>.github.io/wsspec/). Pages build their
// internal links with withBase (src/site/base.ts).
const base = normalizeBase(process.env['WSSPEC_BASE']);

export default defineConfig({
  ...(site ? { site } : {}),
  base,
  // The Japanese guide moved under docs/ja/guides/ when Japanese became a locale.
  // Astro writes a redirect's destination as given: it carries the base itself.
  redirects: { '/ja/handshake-failures': `${base.replace(/\/$/, '')}/ja/guides/handshake-failures/` },
  integrations: [
    starlight({
      title: 'wsspec',
      description:
        'RFC 6455 and the WebSocket API, clause by clause: citable text, a reference implementation, tests with real results, and the history of each rule.',
      social: [],
      // Japanese is a locale of its own (docs/ja/): lang="ja", a Japanese navigation.
      locales: { root: { label: 'English', lang: 'en' }, ja: { label: '日本語', lang: 'ja' } },
      components: { Search: './src/site/components/Search.astro' },
      // Rank by how dense a term is on a page, not by how often it occurs: the
      // /evidence/ and /timeline/ pages name a close code far more often than
      // the clause that defines it (issue 14, "1006" finds RFC 6455 §7 first).
      pagefind: { ranking: { pageLength: 0.5, termFrequency: 1, termSaturation: 1.4 } },
      plugins: [
        wsspec({
          guides: [
            {
              label: 'Guides',
              translations: { ja: 'ガイド' },
              items: [
                { slug: 'guides/handshake-failures' },
                { slug: 'guides/citing' },
                { slug: 'guides/run-in-browser' },
              ],
            },
            { label: 'Live: your browser vs ours', translations: { ja: 'ライブ：あなたのブラウザーとこのサイトの実装' }, link: '/live/compare/' },
          ],
        }),
      ],
    }),
  ],
});
