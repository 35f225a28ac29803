import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLinks } from '../../src/site/check/links.ts';

async function site(pages: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wsspec-links-'));
  for (const [path, html] of Object.entries(pages)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), html);
  }
  return dir;
}

describe('the built-site link checker', () => {
  it('accepts links to existing pages, files and anchors, and ignores external ones', async () => {
    const dir = await site({
      'index.html': '<a href="/a/#x">a</a><a href="a/">rel</a><a href="https://example.org/#nope">ext</a><img src="/i.svg"><a href="#top">t</a><p id="top"></p>',
      'a/index.html': '<h2 id="x">x</h2><a href="../#top">up</a>',
      'i.svg': '<svg/>',
    });
    const report = await checkLinks(dir);
    expect(report.broken).toEqual([]);
    expect(report.links).toBe(5);
    await rm(dir, { recursive: true });
  });

  it('reports a missing page and a missing anchor with the page they are on', async () => {
    const dir = await site({
      'index.html': '<a href="/gone/">gone</a><a href="/a/#missing">m</a>',
      'a/index.html': '<p id="present"></p>',
    });
    const report = await checkLinks(dir);
    expect(report.broken).toEqual([
      { page: '/', href: '/gone/', reason: 'no file for /gone/' },
      { page: '/', href: '/a/#missing', reason: 'no element #missing on /a/' },
    ]);
    await rm(dir, { recursive: true });
  });

  it('checks a site built for a base path: links carry the base, and one that misses it is broken', async () => {
    const dir = await site({
      'index.html': '<a href="/wsspec/a/#x">a</a><a href="a/">rel</a><a href="/wsspec/">home</a><a href="/a/#x">no base</a>',
      'a/index.html': '<h2 id="x">x</h2><a href="../">up</a><a href="/wsspec/matrix.json">json</a>',
      'matrix.json': '{}',
    });
    const report = await checkLinks(dir, { base: '/wsspec/' });
    expect(report.links).toBe(6);
    expect(report.broken).toEqual([{ page: '/wsspec/', href: '/a/#x', reason: '/a/ is outside the base path /wsspec/' }]);
    await rm(dir, { recursive: true });
  });
});
