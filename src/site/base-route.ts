/**
 * Starlight route middleware: hero actions in a page's frontmatter
 * (`hero.actions[].link`, docs/index.mdx) are rendered as written, so a
 * root-relative link gets the site's base path here.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { withBase } from './base.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const actions = context.locals.starlightRoute.entry.data.hero?.actions ?? [];
  for (const action of actions) action.link = withBase(action.link);
});
