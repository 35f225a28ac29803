/**
 * A link checker for the built site: every internal link (href/src) must name
 * a file that exists in dist/, and every fragment must name an element id on
 * the target page. Run by the end-to-end suite after `npm run build`.
 *
 * A site built for a base path (`WSSPEC_BASE=/wsspec/`) is served with dist/
 * at that path: pass the same `base`, and a root-relative link that misses
 * the base (`/matrix/` instead of `/wsspec/matrix/`) is reported as broken.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { normalizeBase } from '../base.ts';

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
  // As a browser without JavaScript parses it: the bodies of closed panels
  // (LazyPanel.astro) are in <noscript>, and their links count too.
  const document = parse(html, { scriptingEnabled: false });
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

/** `/rfc6455/5/` for dist/rfc6455/5/index.html (`/wsspec/rfc6455/5/` under base `/wsspec/`). */
function pagePathOf(dist: string, file: string, base: string): string {
  const rel = relative(dist, file).split(sep).join('/');
  return base + rel.replace(/index\.html$/, '');
}

/** The file in dist/ that serves a site path, or null. */
function fileFor(dist: string, path: string): string | null {
  const decoded = decodeURIComponent(path);
  const candidates = decoded.endsWith('/')
    ? [join(dist, decoded, 'index.html')]
    : [join(dist, decoded), join(dist, decoded, 'index.html'), join(dist, `${decoded}.html`)];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

export async function checkLinks(dist: string, options: { base?: string } = {}): Promise<LinkReport> {
  const base = options.base ?? '/';
  const files = await htmlFiles(dist);
  const pages = new Map<string, Page>();
  for (const file of files) pages.set(file, readPage(await readFile(file, 'utf8')));

  const broken: BrokenLink[] = [];
  let links = 0;
  for (const [file, page] of pages) {
    const here = pagePathOf(dist, file, base);
    for (const href of page.links) {
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) continue; // external: http:, mailto:, data:, …
      links++;
      const url = new URL(href, `http://site${here}`);
      if (!url.pathname.startsWith(base) && url.pathname !== base.slice(0, -1)) {
        broken.push({ page: here, href, reason: `${url.pathname} is outside the base path ${base}` });
        continue;
      }
      const target = fileFor(dist, `/${url.pathname.slice(base.length)}`);
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

/**
 * From the command line, for a build made elsewhere (the Pages workflow):
 *   node src/site/check/links.ts dist --base /wsspec/
 * Exits 1 and lists the first broken links when any.
 */
if (import.meta.main) {
  const { values, positionals } = parseArgs({ options: { base: { type: 'string', default: '/' } }, allowPositionals: true });
  const dist = resolve(positionals[0] ?? 'dist');
  const base = normalizeBase(values.base);
  const report = await checkLinks(dist, { base });
  console.log(`${report.pages} pages, ${report.links} internal links under ${base}: ${report.broken.length} broken`);
  for (const link of report.broken.slice(0, 50)) console.log(`  ${link.page}: ${link.href} (${link.reason})`);
  if (report.broken.length > 0 || report.pages === 0) process.exit(1);
}
