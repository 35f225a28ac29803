/**
 * One home for clause IDs and permalinks (src/corpus/ids.ts): the ID grammar
 * every reader of IDs uses, and the page rule, which must agree with itself
 * whether applied to a parsed corpus or to an RFC anchor alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_PATTERN, parseClauseId, Permalinks, readerPages, rfc6455Href, rfc6455PageOf, splitId } from '../../src/corpus/ids.ts';
import { loadRfc6455 } from '../../src/corpus/rfc6455/index.ts';
import { loadWhatwg } from '../../src/corpus/whatwg/index.ts';
import { clauseIdsIn } from '../../src/trace/clause-ids.ts';
import { extractAnnotations } from '../../src/trace/annotations.ts';
import { referencesInText } from '../../src/trace/references.ts';

describe('the page rule', () => {
  const rfc = loadRfc6455();
  const permalinks = new Permalinks(rfc);

  it('gives every RFC 6455 anchor the same page from the corpus as from the anchor alone', () => {
    for (const section of rfc.sections) expect(permalinks.href(section.anchor)).toBe(rfc6455Href(section.anchor));
    for (const clause of rfc.clauses) expect(permalinks.href(clause.anchor)).toBe(rfc6455Href(clause.anchor));
  });

  it('puts a top-level section and its subsections on one page, front matter on one, later unnumbered ones by title', () => {
    const slugs = readerPages(rfc).map((page) => page.slug);
    expect(slugs[0]).toBe('front');
    expect(slugs).toContain('5');
    expect(slugs.at(-1)).toBe('authors-addresses');
    expect(permalinks.href('section-5.5.1-2')).toBe('/rfc6455/5/#section-5.5.1-2');
    expect(rfc6455PageOf('section-abstract')).toBe('front');
  });

  it('links a WHATWG clause on the page of its section', () => {
    const whatwg = loadWhatwg();
    const links = new Permalinks(whatwg);
    const close = whatwg.clauses.find((clause) => clause.anchor === 'dom-websocket-close')!;
    expect(links.href(close.anchor)).toBe(`/whatwg/${links.pageOfSection(close.section).slug}/#dom-websocket-close`);
  });
});

describe('the ID grammar', () => {
  it('splits and validates IDs', () => {
    expect(splitId('rfc6455#section-5.5.1-2')).toEqual({ source: 'rfc6455', anchor: 'section-5.5.1-2' });
    expect(parseClauseId('whatwg#dom-websocket-close')).toEqual({ source: 'whatwg', anchor: 'dom-websocket-close' });
    expect(parseClauseId('rfc7692#section-7')).toBeNull();
    expect(parseClauseId('rfc6455#')).toBeNull();
  });

  it('is read the same by annotations, test titles and the reference finder (property)', () => {
    const anchor = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(?:[.-][a-z0-9]{1,4}){0,4}$/);
    fc.assert(
      fc.property(fc.constantFrom('rfc6455', 'whatwg', 'w3c'), anchor, (source, rest) => {
        const id = `${source}#${rest}`;
        expect(new RegExp(`^${ID_PATTERN}$`).test(id)).toBe(true);
        expect(clauseIdsIn(`does a thing [${id}]`)).toEqual([id]);
        expect(extractAnnotations(`// @spec ${id}\nf();\n`, 'x.ts').map((a) => a.id)).toEqual([id]);
        expect(referencesInText(`see ${id}.`).map((ref) => ref.id)).toEqual([source === 'rfc6455' ? id.toLowerCase() : id]);
      }),
    );
  });
});
