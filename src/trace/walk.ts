/**
 * The one file walker behind `wsspec check` (sourceFiles), the project's
 * annotation scan (scanAnnotations) and its test-ID scan (scanTestIds):
 * files under a path in a stable (sorted) order, without following symbolic
 * links, skipping VCS and other dot-directories, and `node_modules` unless
 * the walk starts inside one.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export interface WalkOptions {
  /** Which files to list, by path (the caller's filter: extension, test suffix…). */
  accept: (path: string) => boolean;
  /** Files larger than this many bytes are skipped (reason `too large`); default: no limit. */
  maxBytes?: number;
  /** Told of every file or directory skipped for a reason. */
  onSkip?: (path: string, reason: string) => void;
}

const VCS = new Set(['.git', '.hg', '.svn']);

/** Every accepted file under `path` (or `path` itself, if a file); a missing path yields none and is reported. */
export function walkFiles(path: string, options: WalkOptions): string[] {
  const root = resolve(path);
  const insideNodeModules = root.split(sep).includes('node_modules');
  const out: string[] = [];
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const consider = (file: string, size: number): void => {
    if (!options.accept(file)) return;
    if (size > maxBytes) {
      options.onSkip?.(file, 'too large');
      return;
    }
    out.push(file);
  };
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      options.onSkip?.(dir, 'unreadable');
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' && !insideNodeModules) continue;
        if (VCS.has(entry.name) || entry.name.startsWith('.')) continue;
        visit(full);
      } else if (entry.isFile()) {
        consider(full, options.maxBytes === undefined ? 0 : lstatSync(full).size);
      }
    }
  };
  let stat;
  try {
    stat = statSync(root);
  } catch {
    options.onSkip?.(root, 'missing');
    return out;
  }
  if (stat.isDirectory()) visit(root);
  else consider(root, stat.size);
  return out;
}
