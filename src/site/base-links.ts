/**
 * Base-path support for Markdown and MDX pages (docs/**): a hast plugin for
 * Astro's Markdown processor (Sätteri) that prefixes root-relative links
 * (`[matrix](/matrix/)`, `<a href="/…">`, `<LinkCard href="/…">`) with the
 * site's base path, so the guides are written as if the site were served at
 * `/` and still work under `/wsspec/`. Starlight's own links (sidebar,
 * search, pagination) already carry the base; hero actions are prefixed by
 * the route middleware in base-route.ts.
 */
import { normalizeBase, withBase } from './base.ts';

/** What the plugin reads of a node: an element's properties or an MDX element's attributes. */
interface LinkNode {
  type: string;
  properties?: Record<string, unknown>;
  attributes?: readonly { type: string; name?: string; value?: unknown }[];
}

/** The part of Sätteri's visitor context the plugin uses. */
interface SetProperty {
  setProperty(node: LinkNode, key: string, value: unknown): void;
}

/** Attributes that hold a link: `href` on elements, `href` and `link` on MDX components (LinkCard, LinkButton). */
const LINK_ATTRIBUTES = new Set(['href', 'link']);

function visitElement(base: string) {
  return (node: LinkNode, ctx: SetProperty): void => {
    const href = node.properties?.['href'];
    if (typeof href !== 'string') return;
    const next = withBase(href, base);
    if (next !== href) ctx.setProperty(node, 'href', next);
  };
}

function visitMdxElement(base: string) {
  return (node: LinkNode, ctx: SetProperty): void => {
    for (const attribute of node.attributes ?? []) {
      if (attribute.type !== 'mdxJsxAttribute' || !attribute.name || !LINK_ATTRIBUTES.has(attribute.name)) continue;
      if (typeof attribute.value !== 'string') continue; // an expression: the page builds it (withBase)
      const next = withBase(attribute.value, base);
      if (next !== attribute.value) ctx.setProperty(node, attribute.name, next);
    }
  };
}

/** The Sätteri hast plugin (`processor.options.hastPlugins`). */
export function baseLinksPlugin(base: string) {
  return {
    name: 'wsspec-base-links',
    element: { filter: ['a'], visit: visitElement(base) },
    mdxJsxFlowElement: { filter: [], visit: visitMdxElement(base) },
    mdxJsxTextElement: { filter: [], visit: visitMdxElement(base) },
  };
}

/** The part of Astro's `markdown.processor` this needs: Sätteri's plugin list. */
interface MarkdownProcessorLike {
  name: string;
  options?: { hastPlugins?: unknown[] };
}

/**
 * Registers the plugin on the configured processor (from an integration's
 * `astro:config:setup`, as Starlight registers its own). Returns false when
 * the processor is not Sätteri, so the caller can fail the build: a
 * base-path build whose guides link outside the base must not pass silently.
 */
export function registerBaseLinks(processor: MarkdownProcessorLike | undefined, configuredBase: string): boolean {
  const base = normalizeBase(configuredBase);
  if (base === '/') return true;
  const plugins = processor?.name === 'satteri' ? processor.options?.hastPlugins : undefined;
  if (!plugins) return false;
  plugins.push(baseLinksPlugin(base));
  return true;
}
