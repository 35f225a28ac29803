/**
 * A link checker for the built site: every internal link (href/src) must name
 * a file that exists in dist/, and every fragment must name an element id on
 * the target page. Run by the end-to-end suite after `npm run build`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];

export interface BrokenLink {
  /** Page the link is on, site-relative (e.g. `/rfc6455/5/`). */
  page: string;
  href: string;
  reason: string;
}

export interface LinkReport {
  pages: number;
  links: number;
  broken: BrokenLink[];
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function attr(node: Node, name: string): string | undefined {
  return 'attrs' in node ? node.attrs.find((candidate) => candidate.name === name)?.value : undefined;
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  if ('childNodes' in node) for (const child of node.childNodes) walk(child, visit);
  if ('content' in node && node.content) for (const child of node.content.childNodes) walk(child, visit);
}

interface Page {
  ids: Set<string>;
  links: string[];
}

function readPage(html: string): Page {
  const ids = new Set<string>();
  const links: string[] = [];
  const document = parse(html);
  for (const child of document.childNodes) {
    walk(child, (node) => {
      if (!('tagName' in node)) return;
      const id = attr(node, 'id');
      if (id) ids.add(id);
      const name = attr(node, 'name');
      if (node.tagName === 'a' && name) ids.add(name);
      for (const key of ['href', 'src']) {
        const value = attr(node, key);
        if (value !== undefined && (node.tagName === 'a' || node.tagName === 'link' || key === 'src')) links.push(value);
      }
    });
  }
  return { ids, links };
}

/** `/rfc6455/5/` for dist/rfc6455/5/index.html. */
function pagePathOf(dist: string, file: string): string {
  const rel = relative(dist, file).split(sep).join('/');
  return '/' + rel.replace(/index\.html$/, '');
}

/** The file in dist/ that serves a site path, or null. */
function fileFor(dist: string, path: string): string | null {
  const decoded = decodeURIComponent(path);
  const candidates = decoded.endsWith('/')
    ? [join(dist, decoded, 'index.html')]
    : [join(dist, decoded), join(dist, decoded, 'index.html'), join(dist, `${decoded}.html`)];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

export async function checkLinks(dist: string): Promise<LinkReport> {
  const files = await htmlFiles(dist);
  const pages = new Map<string, Page>();
  for (const file of files) pages.set(file, readPage(await readFile(file, 'utf8')));

  const broken: BrokenLink[] = [];
  let links = 0;
  for (const [file, page] of pages) {
    const here = pagePathOf(dist, file);
    for (const href of page.links) {
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) continue; // external: http:, mailto:, data:, …
      links++;
      const url = new URL(href, `http://site${here}`);
      const target = fileFor(dist, url.pathname);
      if (!target) {
        broken.push({ page: here, href, reason: `no file for ${url.pathname}` });
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && fragment !== '_top' && target.endsWith('.html')) {
        const targetPage = pages.get(target) ?? readPage(await readFile(target, 'utf8'));
        if (!targetPage.ids.has(fragment)) broken.push({ page: here, href, reason: `no element #${fragment} on ${url.pathname}` });
      }
    }
  }
  return { pages: pages.size, links, broken };
}
