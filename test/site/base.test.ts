import { describe, expect, it } from 'vitest';
import { normalizeBase, withBase, withBaseInHtml } from '../../src/site/base.ts';
import { baseLinksPlugin, registerBaseLinks } from '../../src/site/base-links.ts';

describe('the base path', () => {
  it('normalizes WSSPEC_BASE to one leading and one trailing slash', () => {
    expect(normalizeBase(undefined)).toBe('/');
    expect(normalizeBase('')).toBe('/');
    expect(normalizeBase('/')).toBe('/');
    expect(normalizeBase('wsspec')).toBe('/wsspec/');
    expect(normalizeBase('/wsspec')).toBe('/wsspec/');
    expect(normalizeBase('//docs/wsspec//')).toBe('/docs/wsspec/');
  });

  it('prefixes root-relative paths and leaves everything else alone', () => {
    expect(withBase('/rfc6455/5/#section-5.5.1-2', '/wsspec/')).toBe('/wsspec/rfc6455/5/#section-5.5.1-2');
    expect(withBase('/', '/wsspec/')).toBe('/wsspec/');
    expect(withBase('/matrix.json', '/')).toBe('/matrix.json');
    for (const untouched of ['https://www.rfc-editor.org/rfc/rfc6455', '//cdn.example/x', '#L12', '?status=gap', 'a/', 'mailto:x@example.org']) {
      expect(withBase(untouched, '/wsspec/')).toBe(untouched);
    }
  });

  it('is idempotent: a path that already carries the base is not prefixed twice', () => {
    expect(withBase(withBase('/evidence/', '/wsspec/'), '/wsspec/')).toBe('/wsspec/evidence/');
    expect(withBase('/wsspec', '/wsspec/')).toBe('/wsspec');
  });

  it('prefixes the site-relative links of an HTML fragment the corpus made, and no others', () => {
    const html = '<a href="/rfc6455/7/#section-7.1.7">§7.1.7</a> <a href="#close">close</a> <a href="https://www.rfc-editor.org/">RFC</a> <a href="//cdn.example/">cdn</a>';
    expect(withBaseInHtml(html, '/wsspec/')).toBe(
      '<a href="/wsspec/rfc6455/7/#section-7.1.7">§7.1.7</a> <a href="#close">close</a> <a href="https://www.rfc-editor.org/">RFC</a> <a href="//cdn.example/">cdn</a>',
    );
    expect(withBaseInHtml(html, '/')).toBe(html);
  });

});

describe('base-path links in Markdown and MDX', () => {
  const plugin = baseLinksPlugin('/wsspec/');
  function changes(visit: (node: any, ctx: any) => void, node: unknown): [string, unknown][] {
    const set: [string, unknown][] = [];
    visit(node, { setProperty: (_node: unknown, key: string, value: unknown) => set.push([key, value]) });
    return set;
  }

  it('prefixes a Markdown link and leaves external and fragment links alone', () => {
    expect(plugin.element.filter).toEqual(['a']);
    expect(changes(plugin.element.visit, { type: 'element', properties: { href: '/matrix/' } })).toEqual([['href', '/wsspec/matrix/']]);
    expect(changes(plugin.element.visit, { type: 'element', properties: { href: 'https://example.org/' } })).toEqual([]);
    expect(changes(plugin.element.visit, { type: 'element', properties: { href: '#top' } })).toEqual([]);
  });

  it('prefixes href and link attributes of MDX elements, not other attributes or expressions', () => {
    const node = {
      type: 'mdxJsxFlowElement',
      attributes: [
        { type: 'mdxJsxAttribute', name: 'href', value: '/guides/citing/' },
        { type: 'mdxJsxAttribute', name: 'title', value: '/not-a-link' },
        { type: 'mdxJsxAttribute', name: 'link', value: { type: 'mdxJsxAttributeValueExpression', value: 'x' } },
      ],
    };
    expect(changes(plugin.mdxJsxFlowElement.visit, node)).toEqual([['href', '/wsspec/guides/citing/']]);
  });

  it('registers on the Sätteri processor, and refuses another processor under a base path', () => {
    const satteri = { name: 'satteri', options: { hastPlugins: [] as unknown[] } };
    expect(registerBaseLinks(satteri, '/wsspec')).toBe(true);
    expect(satteri.options.hastPlugins).toHaveLength(1);
    expect(registerBaseLinks({ name: 'unified', options: {} }, '/wsspec/')).toBe(false);
    expect(registerBaseLinks({ name: 'unified', options: {} }, '/')).toBe(true);
  });
});
