/**
 * Where spec sources live on this machine, and how a parser reads one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceByKey, type SourceEntry } from './manifest.ts';

/**
 * Repository root: the nearest folder above this module with wsspec's
 * package.json. Searched rather than fixed because the site build bundles
 * this module elsewhere (dist/…); the working directory is the fallback.
 */
function findRepoRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifestPath = join(dir, 'package.json');
    if (existsSync(manifestPath) && /"name":\s*"wsspec"/.test(readFileSync(manifestPath, 'utf8'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const REPO_ROOT = findRepoRoot();

/** The environment variable naming a mirror directory of the spec sources. */
export const MIRROR_ENV = 'WSSPEC_SPECS_DIR';

/** The gitignored cache the sync step fills; same layout as the mirror. */
export const CACHE_DIR = process.env['WSSPEC_CACHE_DIR']
  ? resolve(process.env['WSSPEC_CACHE_DIR'])
  : join(REPO_ROOT, '.cache', 'specs');

/** Absolute path of a synced source; fails with instructions if not synced. */
export function sourcePath(entry: SourceEntry): string {
  const path = join(CACHE_DIR, entry.path);
  if (!existsSync(path)) {
    throw new Error(
      `Spec source ${entry.path} is not in ${CACHE_DIR}. Run \`npm run sync\` first ` +
        `(with ${MIRROR_ENV} pointing at a mirror such as ../shared/specs, or online).`,
    );
  }
  return path;
}

/** The raw text of a synced source, by manifest key (e.g. `rfc6455`). */
export function readSource(key: string): string {
  return readFileSync(sourcePath(sourceByKey(key)), 'utf8');
}
