/**
 * Clause links in the hand-written pages (docs/**\/*.mdx) go through
 * `<ClauseLink id>` (src/site/components/ClauseLink.astro): every ID names
 * a clause or section of the corpus (the component fails the build
 * otherwise; this test says where before a build), and no page types a
 * reader URL with a clause anchor by hand any more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { siteTarget } from '../../src/site/corpora.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? mdxFiles(join(dir, entry.name)) : entry.name.endsWith('.mdx') ? [join(dir, entry.name)] : [],
  );
}

/** `file:line` of each match of `pattern` in the docs. */
function matches(pattern: RegExp): { where: string; match: RegExpExecArray }[] {
  return mdxFiles(join(ROOT, 'docs')).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(pattern)].map((match) => ({
      where: `${relative(ROOT, file)}:${text.slice(0, match.index).split('\n').length}`,
      match: match as RegExpExecArray,
    }));
  });
}

describe('clause links in docs/**/*.mdx', () => {
  it('every <ClauseLink id> names a clause or section [rfc6455#section-4.2.1-2]', () => {
    const links = matches(/<ClauseLink\s+id="([^"]*)"/g);
    expect(links.length).toBeGreaterThan(40);
    const unknown = links.filter(({ match }) => siteTarget(match[1]!) === null).map(({ where, match }) => `${where}: ${match[1]}`);
    expect(unknown).toEqual([]);
  });

  it('no reader page with a clause anchor is typed by hand', () => {
    const typed = matches(/\]\(\/(?:rfc6455|whatwg|w3c)\/[^/)#]+\/#[^)]*\)|href="\/(?:rfc6455|whatwg|w3c)\/[^/"#]+\/#[^"]*"/g);
    expect(typed.map(({ where, match }) => `${where}: ${match[0]}`)).toEqual([]);
  });

  it('fails on an unknown ID the way the component does', () => {
    expect(siteTarget('rfc6455#section-99-1')).toBeNull();
    expect(siteTarget('rfc6455#section-7.4.1-2.12')).not.toBeNull();
  });
});
