/**
 * Site benchmark: the full build time, the size of the largest HTML page,
 * and the JavaScript each reader page ships. Measured, not asserted.
 *
 *   node bench/site.bench.ts            (or: npm run bench)
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

const started = performance.now();
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const seconds = (performance.now() - started) / 1000;
if (build.status !== 0) {
  console.error('site build failed');
  process.exit(1);
}

const files = (await readdir(dist, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name));
const html = files.filter((file) => file.endsWith('.html'));
let largest = { file: '', size: 0 };
for (const file of html) {
  const { size } = await stat(file);
  if (size > largest.size) largest = { file, size };
}

/** Scripts a page loads: module scripts and their static imports, transitively. */
async function shippedScripts(page: string): Promise<Map<string, number>> {
  const source = await readFile(page, 'utf8');
  const scripts = new Map<string, number>();
  const inline = [...source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[0]) && !/type="application\/(ld\+)?json"/.test(m[0]));
  scripts.set('(inline)', inline.reduce((sum, m) => sum + Buffer.byteLength(m[1] ?? ''), 0));
  const queue = [...source.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  queue.push(...[...source.matchAll(/import\(?\s*["'](\/_astro\/[^"']+\.js)["']/g)].map((m) => m[1]!));
  while (queue.length > 0) {
    const src = queue.shift()!;
    if (scripts.has(src) || !src.startsWith('/')) continue;
    const file = join(dist, src);
    const code = await readFile(file, 'utf8').catch(() => '');
    scripts.set(src, Buffer.byteLength(code));
    for (const m of code.matchAll(/(?:from|import)\s*["'](\.\/[^"']+\.js)["']/g)) {
      queue.push(new URL(m[1]!, `http://x${src}`).pathname);
    }
  }
  return scripts;
}

console.log('\n## Site');
console.log(`| measure | value |\n| --- | --- |`);
console.log(`| full build (npm run build) | ${seconds.toFixed(1)} s |`);
console.log(`| HTML pages | ${html.length} |`);
const gzipped = gzipSync(await readFile(largest.file)).length;
console.log(`| largest HTML page | ${kib(largest.size)}, ${kib(gzipped)} gzipped (${relative(dist, largest.file)}) |`);
for (const page of ['rfc6455/5/index.html', 'rfc6455/4/index.html']) {
  const path = join(dist, page);
  const scripts = await shippedScripts(path).catch(() => null);
  if (!scripts) continue;
  const total = [...scripts.values()].reduce((a, b) => a + b, 0);
  const list = [...scripts.entries()].map(([name, size]) => `${name} ${kib(size)}`).join(', ');
  console.log(`| JavaScript on /${page.replace('index.html', '')} | ${kib(total)} (${list}) |`);
}
