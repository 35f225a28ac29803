/**
 * `npm run sync`: fills the gitignored cache (.cache/specs) with every source
 * the manifest lists, from a mirror directory or from the canonical URLs,
 * and checks each against its pinned SHA-256. A source that is missing or
 * altered stops the build with a message naming the file and both ways to
 * provide it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifest, type SourceEntry } from './manifest.ts';
import { normalizeSource, sha256Hex } from './normalize.ts';
import { CACHE_DIR, MIRROR_ENV, REPO_ROOT } from './paths.ts';

export class SourceError extends Error {
  override name = 'SourceError';
}

export interface SyncOptions {
  /** Mirror directory laid out like ../shared/specs; null for none. */
  mirror: string | null;
  /** Cache directory to fill. */
  cache: string;
  /** May the canonical URLs be downloaded when the mirror lacks a file? */
  online: boolean;
  /** Replaces `fetch` (tests serve the mirror over loopback). */
  fetch?: typeof fetch;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface SyncReport {
  fromCache: number;
  fromMirror: number;
  downloaded: number;
}

/** How to provide a source, for error messages. */
export function howToProvide(entry: SourceEntry): string {
  return (
    `Provide it in one of two ways:\n` +
    `  (a) point ${MIRROR_ENV} at a mirror directory that holds ${entry.path}\n` +
    `      (e.g. ${MIRROR_ENV}=../shared/specs npm run sync), or\n` +
    `  (b) run \`npm run sync\` online to download it from ${entry.download}`
  );
}

async function verified(entry: SourceEntry, raw: string): Promise<boolean> {
  return (await sha256Hex(normalizeSource(raw, entry.normalize))) === entry.sha256;
}

async function readIfExists(path: string): Promise<string | null> {
  return existsSync(path) ? readFile(path, 'utf8') : null;
}

async function download(entry: SourceEntry, fetchImpl: typeof fetch): Promise<string> {
  const response = await fetchImpl(entry.download, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new SourceError(`GET ${entry.download} answered ${response.status}`);
  return response.text();
}

async function syncOne(entry: SourceEntry, options: SyncOptions): Promise<keyof SyncReport> {
  const target = join(options.cache, entry.path);
  const cached = await readIfExists(target);
  if (cached !== null && (await verified(entry, cached))) return 'fromCache';

  const problems: string[] = [];
  if (options.mirror) {
    const mirrored = await readIfExists(join(options.mirror, entry.path));
    if (mirrored === null) {
      problems.push(`not in the mirror ${options.mirror}`);
    } else if (await verified(entry, mirrored)) {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, mirrored);
      return 'fromMirror';
    } else {
      problems.push(`the mirror's copy ${join(options.mirror, entry.path)} does not match its SHA-256 (altered?)`);
    }
  } else {
    problems.push(`no mirror (${MIRROR_ENV} is not set)`);
  }

  if (options.online) {
    try {
      const fetched = await download(entry, options.fetch ?? fetch);
      if (await verified(entry, fetched)) {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, fetched);
        return 'downloaded';
      }
      problems.push(`the text downloaded from ${entry.download} does not match its SHA-256`);
    } catch (error) {
      problems.push(`download failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    problems.push('offline (WSSPEC_OFFLINE=1), no download tried');
  }

  throw new SourceError(
    `Spec source ${entry.path} (${entry.key}) is missing or altered: ${problems.join('; ')}.\n` +
      howToProvide(entry),
  );
}

/** Syncs every source; runs a few at a time; reports all failures at once. */
export async function syncSources(
  options: SyncOptions,
  sources: readonly SourceEntry[] = manifest.sources,
): Promise<SyncReport> {
  const report: SyncReport = { fromCache: 0, fromMirror: 0, downloaded: 0 };
  const failures: string[] = [];
  const queue = [...sources];
  const worker = async (): Promise<void> => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      try {
        report[await syncOne(entry, options)]++;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  if (failures.length > 0) {
    const shown = failures.slice(0, 5).join('\n\n');
    const more = failures.length > 5 ? `\n\n…and ${failures.length - 5} more source(s) like these.` : '';
    throw new SourceError(`${failures.length} spec source(s) could not be provided.\n\n${shown}${more}`);
  }
  return report;
}

/**
 * The mirror to use: $WSSPEC_SPECS_DIR, else ../shared/specs beside the
 * repository when it exists (the layout CI and the team use), else none.
 */
export function defaultMirror(): string | null {
  const fromEnv = process.env[MIRROR_ENV];
  if (fromEnv) return resolve(fromEnv);
  const beside = resolve(REPO_ROOT, '../shared/specs');
  return existsSync(join(beside, 'rfc6455.txt')) ? beside : null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mirror = defaultMirror();
  const online = process.env['WSSPEC_OFFLINE'] !== '1';
  try {
    const report = await syncSources({ mirror, cache: CACHE_DIR, online });
    console.log(
      `spec sources ready in ${CACHE_DIR}: ${manifest.sources.length} verified ` +
        `(${report.fromCache} cached, ${report.fromMirror} from ${mirror ?? 'no mirror'}, ${report.downloaded} downloaded)`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
