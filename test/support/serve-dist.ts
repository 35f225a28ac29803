/**
 * A minimal static server for the built site (dist/), used by the end-to-end
 * tests so they never collide with an `astro preview` a developer has open.
 *
 *   node test/support/serve-dist.ts --port 4329
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

const { values } = parseArgs({ options: { port: { type: 'string', default: '4329' } } });
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

async function resolveFile(pathname: string): Promise<string | null> {
  const path = normalize(join(dist, decodeURIComponent(pathname)));
  if (!path.startsWith(dist)) return null;
  for (const candidate of [path, join(path, 'index.html')]) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) return candidate;
  }
  return null;
}

createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (!pathname.endsWith('/') && !extname(pathname) && (await resolveFile(`${pathname}/`))) {
    response.writeHead(301, { Location: `${pathname}/` }).end();
    return;
  }
  const file = await resolveFile(pathname);
  const status = file ? 200 : 404;
  const body = await readFile(file ?? join(dist, '404.html')).catch(() => Buffer.from('Not found'));
  response.writeHead(status, { 'Content-Type': TYPES[extname(file ?? '.html')] ?? 'application/octet-stream' });
  response.end(body);
}).listen(Number(values.port), '127.0.0.1', () => {
  console.log(`serving ${dist} at http://127.0.0.1:${values.port}/`);
});
