/**
 * Starlight route middleware.
 *
 * - Hero actions in a page's frontmatter (`hero.actions[].link`,
 *   docs/index.mdx) are rendered as written, so a root-relative link gets
 *   the site's base path here.
 * - Starlight puts the page's locale in front of every internal sidebar
 *   `link` (`/matrix/` → `/ja/matrix/` on a Japanese page). The readers,
 *   the matrix, the timeline, the evidence, the WPT results, the examples
 *   and the source listings are generated pages with one language: their
 *   links lose the locale again, so the sidebar of a Japanese page points
 *   at pages that exist.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { withBase } from './base.ts';

/** First path segments of the pages the plugin generates, which have no translation. */
const UNTRANSLATED = ['rfc6455', 'whatwg', 'w3c', 'matrix', 'timeline', 'evidence', 'wpt', 'examples', 'source'];

type SidebarEntry = StarlightRouteData['sidebar'][number];

/** `href` without the locale when it leads to a generated page, else `href` itself. */
function unlocalizedHref(href: string, locale: string): string {
  const prefix = withBase(`/${locale}/`);
  if (!href.startsWith(prefix)) return href;
  const rest = href.slice(prefix.length);
  return UNTRANSLATED.includes(rest.split('/')[0] ?? '') ? withBase(`/${rest}`) : href;
}

function unlocalize(entries: SidebarEntry[], locale: string): void {
  for (const entry of entries) {
    if (entry.type === 'group') unlocalize(entry.entries, locale);
    else entry.href = unlocalizedHref(entry.href, locale);
  }
}

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const actions = route.entry.data.hero?.actions ?? [];
  for (const action of actions) action.link = withBase(action.link);
  if (route.locale) {
    unlocalize(route.sidebar, route.locale);
    // Previous/next links are taken from the same sidebar entries.
    for (const link of [route.pagination.prev, route.pagination.next]) {
      if (link) link.href = unlocalizedHref(link.href, route.locale);
    }
  }
});
